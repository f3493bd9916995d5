"""What went wrong with the store itself (not with a document): classify DuckDB and OS errors.

DuckDB reports I/O trouble as text (``IO Error: … No space left on device``), so the
classes are told apart by the operating system's words and DuckDB's own phrases,
and by ``errno`` when an :class:`OSError` is at hand:

- ``disk_full``: no space left (or a quota) while writing; the documents already
  stored are complete, a rerun after freeing space continues;
- ``read_only``: the file or its file system cannot be written;
- ``locked``: another process holds the store's write lock;
- ``corrupted``: not a DuckDB file, truncated, or a block fails its checksum; such
  a file is refused before anything is written to it;
- ``missing``: the file (or its folder) does not exist.

A :class:`StoreFault` is an :class:`~yusuan.errors.InputError`, so every CLI verb
prints it as one line and exits with status 2 (``docs/store.md``).
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import duckdb

from yusuan.errors import InputError

#: Phrases (lower case) by fault, in the order they are tried.
_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("disk_full", ("no space left on device", "disk quota exceeded", "file too large")),
    ("locked", ("could not set lock on file", "conflicting lock is held")),
    ("read_only", ("read-only file system", "permission denied", "operation not permitted")),
    (
        "corrupted",
        (
            "not a valid duckdb database file",
            "corrupt database file",
            "could not read enough bytes",
            "does not match stored checksum",
            "file is truncated",
        ),
    ),
    ("missing", ("no such file or directory",)),
)

_ERRNO = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EFBIG: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
    errno.ENOENT: "missing",
}

_MESSAGES = {
    "disk_full": (
        "数据库 {p} 所在磁盘已满，写入失败；已入库的文档完整保留，腾出空间后重跑即可继续",
        "the disk holding the store {p} is full; documents already stored are complete, "
        "free some space and rerun to continue",
    ),
    "read_only": (
        "数据库 {p} 不可写（只读文件、只读文件系统或没有权限）",
        "the store {p} cannot be written (a read-only file or file system, or no permission)",
    ),
    "locked": (
        "数据库 {p} 正被另一个进程使用（例如正在运行的 ingest 或 serve），请等它结束",
        "the store {p} is locked by another process (e.g. a running ingest or serve); "
        "wait for it to finish",
    ),
    "corrupted": (
        "数据库 {p} 已损坏或不是 DuckDB 文件（截断或校验失败），未做任何写入",
        "the store {p} is damaged or not a DuckDB file (truncated or a failed checksum); "
        "nothing was written to it",
    ),
    "missing": ("数据库 {p} 不存在", "the store {p} does not exist"),
}

#: Every fault kind.
KINDS = tuple(_MESSAGES)


class StoreFault(InputError):
    """A fault of the store (``kind`` one of :data:`KINDS`), not of a document."""

    def __init__(self, kind: str, path: Path | str, detail: str = "") -> None:
        zh, en = _MESSAGES[kind]
        super().__init__(zh.format(p=path), en.format(p=path))
        self.kind = kind
        self.path = str(path)
        self.detail = detail


def classify(exc: BaseException) -> str | None:
    """The fault kind ``exc`` shows, or None when it is not a fault of the store."""
    if isinstance(exc, StoreFault):
        return exc.kind
    if isinstance(exc, OSError) and exc.errno in _ERRNO:
        return _ERRNO[exc.errno]
    if not isinstance(exc, duckdb.Error | OSError):
        return None
    text = str(exc).lower()
    for kind, phrases in _PHRASES:
        if any(p in text for p in phrases):
            return kind
    return None


def fault_of(path: Path | str, exc: BaseException) -> StoreFault | None:
    """``exc`` as a :class:`StoreFault` of the store at ``path``, or None."""
    if isinstance(exc, StoreFault):
        return exc
    kind = classify(exc)
    if kind is None:
        return None
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreFault(kind, path, first)


@contextmanager
def faults(path: Path | str) -> Iterator[None]:
    """Turn a store fault raised inside the block into a :class:`StoreFault`;
    any other error passes unchanged."""
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        found = fault_of(path, exc)
        if found is None:
            raise
        raise found from exc


P = ParamSpec("P")
R = TypeVar("R")


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """A method of an object with a ``path`` (a store) whose store faults become
    :class:`StoreFault`."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        owner: Any = args[0]
        with faults(owner.path):
            return method(*args, **kwargs)

    return wrapper


def check_size(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a file shorter than the blocks its header counts (a truncated copy).

    Only without a write-ahead log: a pending log can add blocks not yet in the file."""
    if Path(str(path) + ".wal").exists():
        return
    row = con.execute(
        "SELECT block_size, total_blocks, free_blocks FROM pragma_database_size()"
    ).fetchone()
    if row is None:
        return
    header = 3 * 4096  # the file header and the two database headers
    block, total, free = int(row[0]), int(row[1]), int(row[2] or 0)
    expected = header + block * total
    size = path.stat().st_size
    # DuckDB cuts free blocks off the end of the file when it checkpoints: a file shorter by
    # whole free blocks is whole; a cut inside a block, or into used blocks, is damage
    whole = (size - header) % block == 0 and size >= header + block * (total - free)
    if size < expected and not whole:
        raise StoreFault(
            "corrupted", path, f"{path.stat().st_size} bytes, the header counts {expected}"
        )
