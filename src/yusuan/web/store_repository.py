"""The web UI over a DuckDB store (``yusuan serve --db FILE``).

**Sharing the store.** The server holds no connection between requests: each request
opens the store (read-only when it only reads), does its work and closes it; an upload
or a review decision opens it for writing for one short transaction. So ``yusuan query``,
``export`` and ``ingest`` can use the same file while the server runs (``ingest`` in turn
closes it between documents); a request that finds the store held by another process
waits for it a few seconds (:data:`WAIT`) before answering ``503 store_locked``.

Uploads are written to the store in one transaction, like ``yusuan ingest``, with the
uploaded file itself (``originals``, content-addressed) so that page images work for
stored documents; pages load a stored model back unchanged and check it again (checking
is fast and keeps the report in step with the rules of this version); the overview reads
the store's ``compliance`` view. Review decisions (:mod:`yusuan.store.review`) are
appended to ``review_events``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from yusuan.check import Report, check
from yusuan.model import Disclosure
from yusuan.store import Store, originals, review
from yusuan.store.issues import Issue, issues
from yusuan.store.rows import document_rows, model_key
from yusuan.store.templates import is_template
from yusuan.web.overview import completeness
from yusuan.web.repository import Entry

#: Documents kept loaded (and checked) in memory; the store holds them all.
CACHE = 64
#: Seconds a request waits for a store another process holds.
WAIT = 5.0

T = TypeVar("T")


class StoreRepository:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = threading.Lock()  # one request at a time opens the store
        self._cache: OrderedDict[str, Entry] = OrderedDict()  # the last CACHE pages' documents

    @contextmanager
    def _open(self, write: bool = False) -> Iterator[Store]:
        with self._lock:
            store = Store.open(self.path, read_only=not write, create=False, wait=WAIT)
            try:
                with store.faults():
                    yield store
            finally:
                store.close()

    def session(self, write: bool = False) -> AbstractContextManager[Store]:
        """The store opened for one piece of work (read-only unless ``write``), closed after it;
        for pages that query the store themselves (the 绩效 pages)."""
        return self._open(write=write)

    def _read(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        with self._open() as store:
            return work(store.con)

    def add(
        self,
        name: str,
        disclosure: Disclosure,
        report: Report,
        pdf: bytes | None = None,
        size: int = 0,
    ) -> Entry:
        rows = document_rows(disclosure, report)
        with self._open(write=True) as store:
            store.add(rows)
            if pdf is not None:
                originals.keep(store.con, rows.sha256, name, pdf)
        entry = Entry(id=rows.sha256[:16], name=name, disclosure=disclosure, report=report, pdf=pdf)
        self._remember(entry)
        return entry

    def add_package(
        self,
        name: str,
        disclosure: Disclosure,
        report: Report,
        parts: dict[str, bytes],
        names: list[str],
        size: int = 0,
    ) -> Entry:
        """A package uploaded as several files, stored with its PDF parts."""
        rows = document_rows(disclosure, report)
        with self._open(write=True) as store:
            store.add(rows)
            for i, (part, data) in enumerate(parts.items()):
                originals.keep(store.con, rows.sha256, part, data, part=i)
        entry = Entry(
            id=rows.sha256[:16],
            name=name,
            disclosure=disclosure,
            report=report,
            pdf=next(iter(parts.values()), None),
            parts=dict(parts),
        )
        self._remember(entry)
        return entry

    def _remember(self, entry: Entry) -> None:
        self._cache[entry.id] = entry
        self._cache.move_to_end(entry.id)
        while len(self._cache) > CACHE:
            self._cache.popitem(last=False)

    def forget(self, *shas: str) -> None:
        """Drop documents from memory (after a regrouping replaced them in the store)."""
        for sha in shas:
            self._cache.pop(sha[:16], None)

    def get(self, doc_id: str) -> Entry | None:
        if doc_id in self._cache:
            return self._cache[doc_id]

        def load(
            con: duckdb.DuckDBPyConnection,
        ) -> tuple[str, str, list[tuple[str, bytes]]] | None:
            row = con.execute(
                "SELECT sha256, path, model FROM documents WHERE starts_with(sha256, ?) LIMIT 2",
                [doc_id],
            ).fetchall()
            if len(row) != 1:
                return None
            sha = str(row[0][0])
            return str(row[0][1] or doc_id), str(row[0][2]), originals.fetch_parts(con, sha)

        found = self._read(load)
        if found is None:
            return None
        path, model, files = found
        disclosure = Disclosure.model_validate_json(model)
        pdfs = {name: data for name, data in files if data.startswith(b"%PDF")}
        entry = Entry(
            id=doc_id,
            name=" + ".join(Path(p).name for p in path.split(" + ")),
            disclosure=disclosure,
            report=check(disclosure),
            pdf=next(iter(pdfs.values()), None),
            parts=pdfs,
        )
        self._remember(entry)
        return entry

    def all(self) -> list[Entry]:
        """Every stored document (those not in memory loaded through one opening)."""

        Row = tuple[str, str | None, str | None, list[tuple[str, bytes]]]

        def work(con: duckdb.DuckDBPyConnection) -> list[Row]:
            rows = con.execute(
                "SELECT sha256 FROM documents ORDER BY year, department_code"
            ).fetchall()
            out: list[Row] = []
            for (sha,) in rows:
                found = None
                if sha[:16] not in self._cache:
                    found = con.execute(
                        "SELECT path, model FROM documents WHERE sha256 = ?", [sha]
                    ).fetchone()
                if found is None:
                    out.append((sha, None, None, []))
                else:
                    out.append((sha, found[0], found[1], originals.fetch_parts(con, sha)))
            return out

        entries = []
        for sha, path, model, files in self._read(work):
            doc_id = sha[:16]
            if model is None:
                if doc_id in self._cache:
                    entries.append(self._cache[doc_id])
                continue
            disclosure = Disclosure.model_validate_json(model)
            pdfs = {name: data for name, data in files if data.startswith(b"%PDF")}
            entry = Entry(id=doc_id, name=Path(str(path or doc_id)).name, disclosure=disclosure,
                          report=check(disclosure), pdf=next(iter(pdfs.values()), None),
                          parts=pdfs)  # fmt: skip
            self._remember(entry)
            entries.append(entry)
        return entries

    def overview_rows(self) -> list[dict[str, Any]]:
        """One row per stored document, from the store's compliance view."""

        Found = tuple[list[Any], dict[str, dict[str, int]], dict[str, set[str]]]

        def work(con: duckdb.DuckDBPyConnection) -> Found:
            ids: dict[str, set[str]] = {}
            for sha, table_id in con.execute(
                "SELECT DISTINCT sha256, table_id FROM tables WHERE table_id IS NOT NULL"
            ).fetchall():
                ids.setdefault(sha, set()).add(str(table_id))
            rows = con.execute(
                "SELECT c.sha256, c.path, c.department_code, c.department_name, c.year, c.kind, "
                "c.level, c.errors, c.warnings, c.tables_present, c.tables_required, "
                "c.rules_not_run, c.tables_missing, "
                "json_extract_string(d.model, '$.department_canonical') "
                "FROM compliance c JOIN documents d ON d.sha256 = c.sha256"
            ).fetchall()
            decided: dict[str, dict[str, int]] = {}
            if review.has_reviews(con):
                for sha, status, n in con.execute(
                    f"SELECT sha256, status, count(*) FROM ({review.STATUS_VIEW}) "
                    "GROUP BY sha256, status"
                ).fetchall():
                    decided.setdefault(sha, {})[status] = n
            return rows, decided, ids

        rows, decided, ids = self._read(work)
        return [
            {
                "id": r[0][:16],
                "name": Path(str(r[1] or "")).name,
                "code": r[2],
                "department": r[13] or r[3],
                "printed": r[3],
                "year": r[4],
                "kind": r[5],
                "level": r[6],
                "errors": r[7],
                "warnings": r[8],
                "could_not_run": r[11],
                "template": is_template(r[3]),
                "reviewed": decided.get(r[0], {}),
                # counted against the document's own template (data/families.toml)
                **completeness(r[5], ids.get(r[0], set())),
            }
            for r in rows
        ]

    # -- review ---------------------------------------------------------------------------
    def reviews(self, entry: Entry) -> tuple[dict[str, review.Review], dict[str, Any]]:
        """The current decisions on ``entry``'s findings, and hints from earlier years."""
        d = entry.disclosure
        sha = sha_of(d)

        def work(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, review.Review], Any]:
            return review.current(con, sha), review.hints(
                con,
                sha256=sha,
                department_code=d.department_code,
                department_name=d.department_name,
                kind=d.kind,
                year=d.year,
            )

        return self._read(work)

    def history(self, key: str) -> list[review.Review]:
        return self._read(lambda con: review.history(con, key))

    def record(self, **fields: Any) -> review.Review:
        with self._open(write=True) as store:
            return review.record(store.con, **fields)

    def issues(self, year: int | None) -> list[Issue]:
        return self._read(lambda con: issues(con, year))


def sha_of(d: Disclosure) -> str:
    return model_key(d)


def open_repository(db: Path, read_only: bool = False) -> StoreRepository:
    """The repository over ``db``; the store is opened once here to report its faults
    (missing, damaged, locked, not writable) before the server starts."""
    Store.open(db, read_only=read_only, create=not read_only, wait=WAIT).close()
    return StoreRepository(db, read_only=read_only)
