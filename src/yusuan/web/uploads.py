"""Taking an upload safely: the size limit while the body streams in, parsing in a worker.

- :func:`read_upload` reads the multipart body in chunks and stops past the limit: a
  ``Content-Length`` over it is refused before a byte is read, a chunked body when the
  running count passes it; nothing beyond the limit (and the form's few header bytes)
  is buffered or spooled;
- :func:`parse_in_worker` reads and checks the file in a separate process with a time
  limit, so a hostile document neither blocks the event loop (every other page
  answers) nor runs for ever: past the limit the process is killed.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from yusuan.check import Report
from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.web.errors import ApiError

#: Room for the multipart envelope (boundaries, part headers, the file name).
ENVELOPE = 64 * 1024
_CHUNK = 64 * 1024


def too_large(limit_mb: float) -> ApiError:
    return ApiError(
        413, "too_large", f"文件超过 {limit_mb:g} MB 上限", f"file over the {limit_mb:g} MB limit"
    )


class _Overflow(Exception):
    pass


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


#: Files one upload may hold (the parts of one package).
MAX_FILES = 8


async def read_upload(request: Request, limit: int, limit_mb: float) -> Upload:
    """The one file of a multipart form (field ``file``), at most ``limit`` bytes."""
    return (await read_uploads(request, limit, limit_mb))[0]


async def read_uploads(request: Request, limit: int, limit_mb: float) -> list[Upload]:
    """The files of a multipart form (field ``file``, up to :data:`MAX_FILES`), at most
    ``limit`` bytes together."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit + ENVELOPE:
        raise too_large(limit_mb)
    seen = 0
    upstream: Callable[[], Awaitable[Message]] = request.receive

    async def receive() -> Message:
        nonlocal seen
        message = await upstream()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit + ENVELOPE:
                raise _Overflow
        return message

    counted = Request(request.scope, receive)
    try:
        form = await counted.form(max_files=MAX_FILES, max_fields=4)
    except _Overflow:
        raise too_large(limit_mb) from None
    except Exception as exc:  # a malformed multipart body (or too many files)
        raise ApiError(422, "invalid_request", "请求参数有误", "invalid request") from exc
    try:
        files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
        if not files:
            raise ApiError(422, "invalid_request", "请求参数有误", "invalid request")
        out = []
        total = 0
        for file in files:
            data = await file.read(limit + 1)
            total += len(data)
            if total > limit:
                raise too_large(limit_mb)
            out.append(Upload(file.filename or "upload", data))
        return out
    finally:
        await form.close()


# -- parsing in a worker process ----------------------------------------------------------

Parsed = tuple[Disclosure, Report]


def _parse(paths: list[str], conn: Connection) -> None:
    """The worker: read and check one file, or the files of one package; send back the
    result or the reason it failed."""
    from yusuan.api import load, load_package
    from yusuan.check import check

    out: tuple[Any, ...]
    try:
        disclosure = load(paths[0]) if len(paths) == 1 else load_package(paths)
        # JSON, the model's own exact round trip (as the store keeps it): 4x faster than pickle
        out = ("ok", disclosure.model_dump_json(), check(disclosure).model_dump_json())
    except InputError as exc:
        out = ("input", exc.zh, exc.en)
    except Exception as exc:  # a reader library choked on hostile input
        out = ("error", type(exc).__name__)
    conn.send(out)
    conn.close()


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["yusuan.api", "yusuan.check"])
        return ctx
    return multiprocessing.get_context("spawn")


def _run(paths: list[str], seconds: float) -> tuple[Any, ...]:
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_parse, args=(paths, send), daemon=True)  # type: ignore[attr-defined]
    proc.start()
    send.close()
    try:
        if not recv.poll(seconds):
            return ("timeout",)
        try:
            result: tuple[Any, ...] = recv.recv()
        except EOFError:  # the worker died (a crash, out of memory)
            return ("crashed",)
        if result[0] == "ok":
            return (
                "ok",
                Disclosure.model_validate_json(result[1]),
                Report.model_validate_json(result[2]),
            )
        return result
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()


async def parse_in_worker(data: bytes, suffix: str, seconds: float) -> Parsed:
    """Read and check ``data`` (an upload with ``suffix``) in a worker process.

    Raises :class:`ApiError` (422) with the reader's reason, or when the worker
    takes longer than ``seconds`` (it is killed) or dies."""
    return await parse_package_in_worker([(data, suffix)], seconds)


async def parse_package_in_worker(files: list[tuple[bytes, str]], seconds: float) -> Parsed:
    """:func:`parse_in_worker` for the parts of one package (read together, in order)."""
    folder = tempfile.mkdtemp(prefix="yusuan-upload-")
    paths = []
    try:
        for i, (data, suffix) in enumerate(files):  # never the client's names
            path = os.path.join(folder, f"part{i + 1}{suffix}")
            with open(path, "wb") as fh:
                fh.write(data)
            paths.append(path)
        result = await asyncio.to_thread(_run, paths, seconds)
    finally:
        for path in paths:
            os.unlink(path)
        os.rmdir(folder)
    kind = result[0]
    if kind == "ok":
        return result[1], result[2]
    if kind == "input":
        raise ApiError(422, "unreadable", result[1], result[2])
    if kind == "timeout":
        raise ApiError(
            422,
            "too_slow",
            f"文件在 {seconds:g} 秒内未能读完，已停止",
            f"the file could not be read within {seconds:g} s and was stopped",
        )
    reason = (
        "the reader process died"
        if kind == "crashed"
        else f"the file could not be parsed ({result[1]})"
    )
    raise ApiError(422, "unreadable", "文件内容无法解析", reason)
