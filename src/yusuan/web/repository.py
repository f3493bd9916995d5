"""Where the web UI keeps documents: in memory, or a DuckDB store when one is given."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from yusuan.check import Report
from yusuan.model import Disclosure


@dataclass(frozen=True)
class Entry:
    """One document as the UI shows it."""

    id: str
    name: str
    disclosure: Disclosure
    report: Report
    added: datetime = field(default_factory=lambda: datetime.now(UTC))
    pdf: bytes | None = None  # the uploaded PDF, for page images (memory repository only)


class Repository(Protocol):
    def add(
        self, name: str, disclosure: Disclosure, report: Report, pdf: bytes | None = None
    ) -> Entry: ...
    def get(self, doc_id: str) -> Entry | None: ...
    def all(self) -> list[Entry]: ...


class MemoryRepository:
    """Documents of this server process (a local, single-office run without a store)."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._lock = threading.Lock()

    def add(
        self, name: str, disclosure: Disclosure, report: Report, pdf: bytes | None = None
    ) -> Entry:
        sha = disclosure.source.sha256 if disclosure.source else str(len(self._entries))
        entry = Entry(id=sha[:16], name=name, disclosure=disclosure, report=report, pdf=pdf)
        with self._lock:
            self._entries.setdefault(entry.id, entry)
            return self._entries[entry.id]

    def get(self, doc_id: str) -> Entry | None:
        return self._entries.get(doc_id)

    def all(self) -> list[Entry]:
        with self._lock:
            return list(self._entries.values())
