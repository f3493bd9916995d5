"""Batch upload (``/batch``, ``POST /api/batch``): a .zip of a round's folder at once.

The archive is opened within bounds (:mod:`yusuan.web.batch_zip`: files, unpacked size,
nesting, paths leaving the folder — each refused with one bilingual reason). Each file is
read and checked in a worker process as a single upload is (time limit, a bounded number at
a time); files that are the two halves of one package (a 情况说明 file and a 公开表 file in
the same folder, of the same department or sharing amounts: :func:`yusuan.store.packages.pairs`,
the pairing ``yusuan ingest`` uses) are read again together and stored as one document.
Each document is stored like a single upload (with its files, for the page images); a file
that cannot be read is listed with its reason and does not stop the others. The answer is a
result list: one line per file (or package), with what became of it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from yusuan.check import Report
from yusuan.model import Disclosure
from yusuan.store.packages import pairs, part_of
from yusuan.store.templates import is_template
from yusuan.web.batch_zip import MAX_DEPTH, MAX_FILES, MAX_TOTAL_MB, Member, unpack
from yusuan.web.errors import ApiError
from yusuan.web.repository import Entry, Repository
from yusuan.web.uploads import parse_package_in_worker, read_uploads

STATUS_ZH = {"stored": "已保存", "packaged": "已合并为一个文件包", "known": "已在库中",
             "failed": "无法读取", "skipped": "已跳过（不支持的类型）"}  # fmt: skip


@dataclass
class Outcome:
    """What became of one file (or of a package's files) of the archive."""

    names: list[str]
    status: str  # stored, packaged, known, failed, skipped
    entry: Entry | None = None
    reason_zh: str = ""
    reason_en: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "files": self.names,
            "status": self.status,
            "status_zh": STATUS_ZH[self.status],
        }
        if self.entry is not None:
            d, r = self.entry.disclosure, self.entry.report
            out |= {"id": self.entry.id, "department": d.department_canonical or d.department_name,
                    "year": d.year, "kind": d.kind, "level": d.level,
                    "template": is_template(d.department_name),
                    "errors": r.summary["error"], "warnings": r.summary["warning"]}  # fmt: skip
        if self.reason_zh:
            out |= {"reason": self.reason_zh, "reason_en": self.reason_en}
        return out


def _with_path(d: Disclosure, path: str) -> Disclosure:
    """``d`` naming the file by its place in the archive (the stored path)."""
    if d.source is None:
        return d
    return d.model_copy(update={"source": d.source.model_copy(update={"path": path})})


def batch_router(
    repo: Repository,
    page: Callable[..., HTMLResponse],
    *,
    read_only: bool,
    max_mb: float,
    parse_seconds: float,
    parse_workers: int,
    allowed: tuple[str, ...],
) -> APIRouter:
    router = APIRouter()
    limits = {"files": MAX_FILES, "mb": MAX_TOTAL_MB, "depth": MAX_DEPTH}

    async def parse(files: list[Member], workers: asyncio.Semaphore) -> tuple[Disclosure, Report]:
        async with workers:
            return await parse_package_in_worker([(m.data, m.suffix) for m in files], parse_seconds)

    def store(
        archive: str, files: list[Member], parsed: tuple[Disclosure, Report], status: str
    ) -> Outcome:
        disclosure, report = parsed
        display = " + ".join(f"{archive}/{m.name}" for m in files)
        disclosure = _with_path(disclosure, display)
        known = disclosure.source is not None and repo.get(disclosure.source.sha256[:16])
        size = sum(len(m.data) for m in files)
        add_parts = getattr(repo, "add_package", None)
        if len(files) > 1 and callable(add_parts):
            parts = {f"part{i + 1}{m.suffix}": m.data for i, m in enumerate(files)
                     if m.suffix == ".pdf"}  # fmt: skip
            names = [m.name for m in files]
            entry: Entry = add_parts(display, disclosure, report, parts, names, size=size)
        else:
            pdf = files[0].data if files[0].suffix == ".pdf" else None
            entry = repo.add(display, disclosure, report, pdf, size=size)
        return Outcome([m.name for m in files], "known" if known else status, entry)

    async def run(request: Request) -> tuple[str, list[Outcome]]:
        if read_only:
            raise ApiError(403, "read_only", "本站为只读，不能上传", "this server is read-only")
        limit = int(max_mb * 1024 * 1024)
        uploads = await read_uploads(request, limit, max_mb)
        if len(uploads) != 1 or not uploads[0].name.lower().endswith(".zip"):
            raise ApiError(415, "unsupported_type", "批量上传请选择一个 .zip 压缩包",
                           "a batch upload is one .zip file")  # fmt: skip
        archive = PurePosixPath(uploads[0].name.replace("\\", "/")).name[:200] or "upload.zip"
        members, skipped = await asyncio.to_thread(unpack, uploads[0].data, allowed)
        # at most ``parse_workers`` worker processes at a time for this archive
        workers = asyncio.Semaphore(max(1, parse_workers))
        results = await asyncio.gather(
            *(parse([m], workers) for m in members), return_exceptions=True
        )
        outcomes: list[Outcome] = []
        parsed: dict[str, tuple[Member, tuple[Disclosure, Report]]] = {}
        for m, res in zip(members, results, strict=True):
            if isinstance(res, ApiError):
                outcomes.append(Outcome([m.name], "failed", reason_zh=res.zh, reason_en=res.en))
            elif isinstance(res, BaseException):
                raise res
            else:
                parsed[m.name] = (m, res)
        halves = [
            p
            for name, (_, (d, _)) in parsed.items()
            if (p := part_of(name, Path(name), d)) is not None
        ]
        for narrative, tables in pairs(halves):
            files = [parsed[narrative.sha256][0], parsed[tables.sha256][0]]
            try:
                joined = await parse(files, workers)
            except ApiError:  # the halves stay as they are: each is stored on its own
                continue
            outcomes.append(store(archive, files, joined, "packaged"))
            del parsed[narrative.sha256], parsed[tables.sha256]
        for m, one in parsed.values():
            outcomes.append(store(archive, [m], one, "stored"))
        outcomes += [Outcome([name], "skipped") for name in skipped]
        order = {m.name: i for i, m in enumerate(members)}
        outcomes.sort(key=lambda o: order.get(o.names[0], len(order)))
        return archive, outcomes

    @router.get("/batch", response_class=HTMLResponse)
    async def batch_form(request: Request) -> HTMLResponse:
        return page(
            request, "batch.html", outcomes=None, archive="", max_batch_mb=max_mb, limits=limits
        )

    @router.post("/batch", response_class=HTMLResponse)
    async def batch_page(request: Request) -> HTMLResponse:
        archive, outcomes = await run(request)
        return page(request, "batch.html", outcomes=outcomes, archive=archive,
                    max_batch_mb=max_mb, limits=limits)  # fmt: skip

    @router.post("/api/batch")
    async def batch_api(request: Request) -> JSONResponse:
        archive, outcomes = await run(request)
        return JSONResponse(
            {"archive": archive, "results": [o.to_json() for o in outcomes]}, status_code=201
        )

    return router
