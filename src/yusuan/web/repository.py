"""Where the web UI keeps documents: in memory, or a DuckDB store when one is given."""

from __future__ import annotations

import threading
from collections import OrderedDict
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
    size: int = 0  # bytes uploaded (what the memory repository's byte bound counts)
    #: The PDF parts of a package by file name (stored packages), for the page images
    parts: dict[str, bytes] = field(default_factory=dict)

    def pdf_of(self, file: str | None) -> bytes | None:
        """The PDF a page belongs to: the package part named ``file``, else the file."""
        if file and file in self.parts:
            return self.parts[file]
        return self.pdf


class Repository(Protocol):
    def add(
        self,
        name: str,
        disclosure: Disclosure,
        report: Report,
        pdf: bytes | None = None,
        size: int = 0,
    ) -> Entry: ...
    def get(self, doc_id: str) -> Entry | None: ...
    def all(self) -> list[Entry]: ...


#: Defaults of the memory repository's bounds (``docs/web.md``).
MAX_DOCUMENTS = 32
MAX_MB = 256.0


class MemoryRepository:
    """Documents of this server process (a local, single-office run without a store).

    Bounded: at most ``max_documents`` documents and ``max_mb`` MB of uploaded files;
    past either bound the oldest documents are removed (a store, ``serve --db``, keeps
    everything)."""

    def __init__(self, max_documents: int = MAX_DOCUMENTS, max_mb: float = MAX_MB) -> None:
        self.max_documents = max(1, max_documents)
        self.max_mb = max_mb
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def add(
        self,
        name: str,
        disclosure: Disclosure,
        report: Report,
        pdf: bytes | None = None,
        size: int = 0,
    ) -> Entry:
        sha = disclosure.source.sha256 if disclosure.source else str(len(self._entries))
        entry = Entry(
            id=sha[:16], name=name, disclosure=disclosure, report=report, pdf=pdf, size=size
        )
        limit = int(self.max_mb * 1024 * 1024)
        with self._lock:
            if entry.id in self._entries:
                return self._entries[entry.id]
            self._entries[entry.id] = entry
            self._bytes += entry.size
            while len(self._entries) > 1 and (
                len(self._entries) > self.max_documents or self._bytes > limit
            ):
                _, old = self._entries.popitem(last=False)
                self._bytes -= old.size
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
        """A package uploaded as several files; ``parts``: its PDFs by the file name its
        sources give."""
        entry = self.add(name, disclosure, report, next(iter(parts.values()), None), size)
        entry.parts.update(parts)
        return entry

    def get(self, doc_id: str) -> Entry | None:
        return self._entries.get(doc_id)

    def all(self) -> list[Entry]:
        with self._lock:
            return list(self._entries.values())

    def bounds(self) -> tuple[int, float]:
        """(documents, MB) kept at most, shown on the start page."""
        return self.max_documents, self.max_mb
