"""The web UI over a DuckDB store (``yusuan serve --db FILE``).

Uploads are written to the store in one transaction, like ``yusuan ingest``; pages load a
stored model back unchanged and check it again (checking is fast and keeps the report in
step with the rules of this version); the overview reads the store's ``compliance`` view.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from yusuan.check import Report, check
from yusuan.model import Disclosure
from yusuan.store import Store
from yusuan.store.rows import document_rows
from yusuan.web.repository import Entry

#: Documents kept loaded (and checked) in memory; the store holds them all.
CACHE = 64


class StoreRepository:
    def __init__(self, store: Store, read_only: bool = False) -> None:
        self.store = store
        self.read_only = read_only
        self._lock = threading.Lock()  # one DuckDB connection, used by one request at a time
        self._cache: OrderedDict[str, Entry] = OrderedDict()  # the last CACHE pages' documents

    def add(
        self,
        name: str,
        disclosure: Disclosure,
        report: Report,
        pdf: bytes | None = None,
        size: int = 0,
    ) -> Entry:
        with self._lock:
            self.store.add(document_rows(disclosure, report))
        sha = disclosure.source.sha256 if disclosure.source else ""
        entry = Entry(id=sha[:16], name=name, disclosure=disclosure, report=report, pdf=pdf)
        self._remember(entry)
        return entry

    def _remember(self, entry: Entry) -> None:
        self._cache[entry.id] = entry
        self._cache.move_to_end(entry.id)
        while len(self._cache) > CACHE:
            self._cache.popitem(last=False)

    def get(self, doc_id: str) -> Entry | None:
        if doc_id in self._cache:
            return self._cache[doc_id]
        with self._lock:
            row = self.store.con.execute(
                "SELECT sha256, path FROM documents WHERE starts_with(sha256, ?) LIMIT 2", [doc_id]
            ).fetchall()
            if len(row) != 1:
                return None
            disclosure = self.store.load(row[0][0])
        entry = Entry(
            id=doc_id,
            name=Path(str(row[0][1] or doc_id)).name,
            disclosure=disclosure,
            report=check(disclosure),
        )
        self._remember(entry)
        return entry

    def all(self) -> list[Entry]:
        with self._lock:
            shas = [
                r[0]
                for r in self.store.con.execute(
                    "SELECT sha256 FROM documents ORDER BY year, department_code"
                ).fetchall()
            ]
        return [e for sha in shas if (e := self.get(sha[:16])) is not None]

    def overview_rows(self) -> list[dict[str, Any]]:
        """One row per stored document, from the store's compliance view."""
        with self._lock:
            cur = self.store.con.execute(
                "SELECT sha256, path, department_code, department_name, year, kind, level, errors, "
                "warnings, tables_present, tables_required, rules_not_run FROM compliance"
            )
            rows = cur.fetchall()
        return [
            {
                "id": r[0][:16],
                "name": Path(str(r[1] or "")).name,
                "code": r[2],
                "department": r[3],
                "year": r[4],
                "kind": r[5],
                "level": r[6],
                "errors": r[7],
                "warnings": r[8],
                "completeness": r[9],
                "required": r[10],
                "could_not_run": r[11],
            }
            for r in rows
        ]


def open_repository(db: Path, read_only: bool = False) -> StoreRepository:
    return StoreRepository(Store.open(db, read_only=read_only), read_only=read_only)
