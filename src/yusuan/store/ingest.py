"""Batch ingest: parse and check many files in worker processes, store each one.

Workers (:func:`process_file`) read, recognize and check one file and return
its rows, or a failure with its reason; the parent alone writes to DuckDB, one
transaction per document. A file whose content (sha256) is already stored is
skipped before it is parsed, so a rerun after a crash or a kill completes the
rest. A worker that dies (a reader crashing, memory running out) breaks the
pool: the files it held are retried one by one in a fresh process, and a file
that kills its worker again is recorded as failed. A fault of the store itself
(a full disk, a read-only file: :mod:`yusuan.store.faults`) is not the document's:
the run stops with a :class:`~yusuan.store.faults.StoreFault` and records no file
as failed.
"""

from __future__ import annotations

import hashlib
import importlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import duckdb

from yusuan.errors import InputError
from yusuan.read import MAX_BYTES
from yusuan.store import originals
from yusuan.store.faults import StoreFault
from yusuan.store.rows import DocumentRows, FailureRow, failure
from yusuan.store.write import Store

Result = DocumentRows | FailureRow


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run (``errors``: error findings in the stored documents)."""

    files: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    pages: int = 0
    errors: int = 0
    seconds: float = 0.0
    #: Packages put together from files stored as halves (:mod:`yusuan.store.packages`).
    packaged: int = 0

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed

    def line(self) -> str:
        return (
            f"共 {self.files} 个文件：入库 {self.stored}，已存在跳过 {self.skipped}，失败 {self.failed}；"
            f"{self.pages} 页，错误 {self.errors} 条，用时 {self.seconds:.1f} 秒 / "
            f"{self.files} files: {self.stored} stored, {self.skipped} already stored, "
            f"{self.failed} failed; {self.pages} pages, {self.errors} error findings, "
            f"{self.seconds:.1f} s"
        ) + (
            f"\n其中 {self.packaged} 组文件合并为一个文档（情况说明与公开表分开发布）/ "
            f"{self.packaged} split packages put together"
            if self.packaged
            else ""
        )


#: ``event(kind, path, detail, so_far)``: kind ``stored`` / ``skipped`` / ``failed`` /
#: ``packaged`` (two stored halves put together: path ``A + B``); detail
#: the sha256 or the failure's reason; ``so_far`` the running counts.
Event = Callable[[str, str, str, IngestSummary], None]

#: Ingest lets go of the store between documents once it has held it this long.
SHARE_SECONDS = 1.0

_SKIP_SUFFIXES = (".duckdb", ".duckdb.wal", ".wal", ".parquet", ".tmp")


def discover(paths: Iterable[str | Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """The files to ingest: files as given, folders recursively (sorted), without
    hidden files and folders and without database or Parquet files."""
    skip = {p.resolve() for p in exclude}
    out: list[Path] = []
    seen: set[Path] = set()
    for arg in paths:
        p = Path(arg)
        if not p.exists():
            raise InputError(f"{p}: 文件或文件夹不存在", f"{p}: no such file or folder")
        found = [p] if p.is_file() else _walk(p)
        for f in found:
            r = f.resolve()
            if r in skip or r in seen:
                continue
            seen.add(r)
            out.append(f)
    return out


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().endswith(_SKIP_SUFFIXES):
                yield Path(root) / name


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pdf_pages(path: str) -> int | None:
    """The page count of a PDF (pypdfium2, the PDF reader's library), or None."""
    try:
        pdfium = importlib.import_module("pypdfium2")
        pdf = pdfium.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:
        return None


def process_file(path: str, max_bytes: int = MAX_BYTES) -> Result:
    """Parse, check and turn one file into rows (runs in a worker process).

    Never raises for a bad file: the failure comes back with its reason.
    """
    from yusuan.api import load
    from yusuan.check import check
    from yusuan.store.rows import document_rows

    start = time.perf_counter()
    try:
        disclosure = load(path, max_bytes=max_bytes)
        report = check(disclosure)
        pdf = disclosure.source is not None and disclosure.source.format == "pdf"
        pages = pdf_pages(path) if pdf else None
        return document_rows(disclosure, report, time.perf_counter() - start, pages)
    except Exception as exc:  # one bad file must not stop the batch
        try:
            size: int | None = Path(path).stat().st_size
            digest: str | None = sha256_file(Path(path))
        except OSError:
            size, digest = None, None
        return failure(path, digest, size, exc)


def _crashed(path: str, sha: str | None, size: int | None) -> FailureRow:
    return FailureRow(
        path,
        sha,
        size,
        "解析进程意外退出（读取此文件时崩溃或内存不足）",
        "the worker process died while reading this file (a crash or out of memory)",
        "BrokenProcessPool",
    )


def _watch_parent(parent: int) -> None:
    """Pool initializer: end this worker when the ingest process is gone.

    A worker holds both ends of its task queue, so it would wait forever after
    its parent was killed (SIGKILL leaves no time to stop it)."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # pragma: no cover - the pid was reused by another user
                os._exit(1)

    threading.Thread(target=watch, name="yusuan-parent-watch", daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Runner:
    """Feeds files to a process pool with a bounded window and stores the results."""

    def __init__(
        self, store: Store, jobs: int, max_bytes: int, replace: bool, event: Event | None
    ) -> None:
        self.store = store
        self.jobs = jobs
        self.max_bytes = max_bytes
        self.replace = replace
        self.event = event
        self.summary = IngestSummary()
        #: The per-file task run in the workers (a module-level function).
        self.work: Callable[[str, int], Result] = process_file
        self.meta: dict[str, tuple[str | None, int | None]] = {}

    def _emit(self, kind: str, path: str, detail: str) -> None:
        if self.event is not None:
            self.event(kind, path, detail, self.summary)

    def store_result(self, result: Result) -> None:
        try:
            self._store_result(result)
        finally:
            # between documents the store is free for query and serve (at least once a second)
            self.store.release_after(SHARE_SECONDS)

    def _store_result(self, result: Result) -> None:
        s = self.summary
        if isinstance(result, DocumentRows):
            try:
                added = self.store.add(result, replace=self.replace)
            except duckdb.Error as exc:  # a fault of the store is a StoreFault and stops the run
                sha, size = self.meta.get(result.path, (result.sha256, None))
                self._store_result(failure(result.path, sha, size, exc))
                return
            if not added:  # the same content under two paths in one run
                s.skipped += 1
                self._emit("skipped", result.path, result.sha256)
                return
            self._keep_original(result)
            s.stored += 1
            s.pages += result.pages
            s.errors += result.errors
            self._emit("stored", result.path, result.sha256)
        else:
            self.store.add_failure(result)
            s.failed += 1
            self._emit("failed", result.path, f"{result.reason_zh} / {result.reason_en}")

    def _keep_original(self, result: DocumentRows) -> None:
        """The file itself, for page images from the store alone (best effort: a file
        gone since it was read is only a missing image)."""
        try:
            data = Path(result.path).read_bytes()
        except OSError:
            return
        with self.store.faults():
            originals.keep(self.store.con, result.sha256, Path(result.path).name, data)

    def package(self) -> None:
        """Put the halves of split packages back together (:mod:`yusuan.store.packages`)."""
        from yusuan.store.packages import group

        try:
            for _, files in group(self.store):
                self.summary.packaged += 1
                self._emit("packaged", " + ".join(files), "")
        finally:
            self.store.release()

    def skip(self, path: str, sha: str) -> None:
        self.summary.skipped += 1
        self._emit("skipped", path, sha)

    def run(self, todo: Iterable[str]) -> None:
        files = iter(todo)
        if self.jobs <= 0:
            for path in files:
                self.store_result(self.work(path, self.max_bytes))
            return
        suspects: list[str] = []
        exhausted = False
        while not exhausted:
            broken, exhausted = self._pool_pass(files, self.jobs)
            suspects += broken
        for path in suspects:  # each one alone: a second crash is this file's fault
            self._pool_pass(iter([path]), 1, final=True)

    def _result(self, fut: Future[Result], path: str) -> None:
        try:
            result = fut.result()
        except BrokenProcessPool:
            raise
        except Exception as exc:  # e.g. a result that could not be sent back
            sha, size = self.meta.get(path, (None, None))
            result = failure(path, sha, size, exc)
        self.store_result(result)

    def _pool_pass(
        self, files: Iterator[str], jobs: int, final: bool = False
    ) -> tuple[list[str], bool]:
        """Run files until ``files`` is exhausted or the pool breaks. Returns the files
        that were in flight when it broke, and whether ``files`` is exhausted."""
        window = 2 * jobs
        inflight: dict[Future[Result], str] = {}
        exhausted = False
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=_context(),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        ) as pool:
            try:
                while True:
                    while not exhausted and len(inflight) < window:
                        path = next(files, None)
                        if path is None:
                            exhausted = True
                        else:
                            inflight[pool.submit(self.work, path, self.max_bytes)] = path
                    if not inflight:
                        return [], True
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        self._result(fut, inflight[fut])
                        del inflight[fut]
            except StoreFault:  # the store cannot take more: stop, and do not parse the rest
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            except BrokenProcessPool:
                broken: list[str] = []
                for fut, path in inflight.items():
                    if fut.done() and not fut.cancelled() and fut.exception() is None:
                        self.store_result(fut.result())
                    elif final:
                        sha, size = self.meta.get(path, (None, None))
                        self.store_result(_crashed(path, sha, size))
                    else:
                        broken.append(path)
                return broken, exhausted


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    jobs: int | None = None,
    max_bytes: int = MAX_BYTES,
    replace: bool = False,
    event: Event | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into ``store``; see the module docstring.

    ``jobs``: worker processes (default: the number of cores; 0 = in this process).
    ``replace``: parse again and replace documents already stored.
    ``on_start(n)`` is called with the number of files found.
    """
    start = time.perf_counter()
    files = discover(paths, exclude=[store.path, Path(str(store.path) + ".wal")])
    if on_start is not None:
        on_start(len(files))
    workers = (os.cpu_count() or 1) if jobs is None else jobs
    runner = _Runner(store, workers, max_bytes, replace, event)
    runner.summary.files = len(files)
    known = set() if replace else store.stored_hashes()

    def todo() -> Iterator[str]:
        queued: set[str] = set()
        for f in files:
            path = str(f)
            try:
                sha = sha256_file(f)
                size = f.stat().st_size
            except OSError as exc:
                runner.store_result(
                    FailureRow(
                        path,
                        None,
                        None,
                        f"无法读取文件（{exc.strerror}）",
                        f"cannot read the file ({exc.strerror})",
                        "OSError",
                    )
                )
                continue
            if sha in known or sha in queued:
                runner.skip(path, sha)
                continue
            queued.add(sha)
            runner.meta[path] = (sha, size)
            yield path

    try:
        runner.run(todo())
        if runner.summary.stored:
            runner.package()
    finally:
        runner.summary.seconds = time.perf_counter() - start
        store.release()
    return runner.summary
