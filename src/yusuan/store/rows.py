"""A parsed and checked document as rows of the store's base tables.

:func:`document_rows` runs in a worker process; what it returns is plain data
(lists of str / int / Decimal / None per column) that pickles cheaply and that
the writer inserts column-wise. The whole model is kept as JSON in
``documents.model`` so a stored document loads back unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from yusuan import __version__
from yusuan.amounts import plain
from yusuan.check import Report
from yusuan.errors import InputError
from yusuan.facts import table_key
from yusuan.model import Disclosure, Source
from yusuan.store.metrics import metrics
from yusuan.store.schema import BASE, DOCUMENT_RELATIONS

Columnar = dict[str, list[Any]]


@dataclass(slots=True)
class DocumentRows:
    """One document's rows, per base table, column-wise."""

    sha256: str
    path: str
    pages: int
    errors: int
    data: dict[str, Columnar] = field(default_factory=dict)

    def count(self, table: str) -> int:
        cols = self.data.get(table)
        return len(next(iter(cols.values()))) if cols else 0


@dataclass(slots=True)
class FailureRow:
    """A file that could not be stored, with its reason in Chinese and English."""

    path: str
    sha256: str | None
    size: int | None
    reason_zh: str
    reason_en: str
    error_type: str

    def columns(self) -> Columnar:
        now = datetime.now(UTC).replace(tzinfo=None)
        values = (
            self.path,
            self.sha256,
            self.size,
            self.reason_zh,
            self.reason_en,
            self.error_type,
            __version__,
            now,
        )
        return {c: [v] for (c, _), v in zip(BASE["failures"], values, strict=True)}


def failure(path: str, sha256: str | None, size: int | None, exc: BaseException) -> FailureRow:
    """A :class:`FailureRow` for ``exc``: an InputError keeps its reason, anything else
    is reported as a parse failure with its type."""
    if isinstance(exc, InputError):
        return FailureRow(path, sha256, size, exc.zh, exc.en, "InputError")
    name = type(exc).__name__
    return FailureRow(
        path,
        sha256,
        size,
        f"文件内容无法解析（{name}）",
        f"the file could not be parsed ({name}: {exc})"[:500],
        name,
    )


def model_key(d: Disclosure) -> str:
    """The store key of a document: the sha256 of its file, else of its model JSON."""
    if d.source is not None:
        return d.source.sha256
    return "model:" + hashlib.sha256(d.model_dump_json().encode()).hexdigest()


def _empty(table: str) -> Columnar:
    return {c: [] for c, _ in BASE[table]}


def _add(cols: Columnar, *values: Any) -> None:
    for key, value in zip(cols, values, strict=True):
        cols[key].append(value)


def _exact(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _pages(d: Disclosure) -> int:
    """The highest page any source names (PDF); 0 for formats without pages."""
    pages = [t.source.page for t in d.tables]
    pages += [r.source.page for t in d.tables for r in t.rows]
    pages += [s.source.page for s in d.narrative.stated]
    pages += [p.source.page for sec in d.narrative.walk() for p in sec.paragraphs]
    return max((p for p in pages if p is not None), default=0)


def _where(src: Source) -> tuple[int | None, int | None]:
    return src.line, src.page


def document_rows(
    d: Disclosure, report: Report, seconds: float = 0.0, pages: int | None = None
) -> DocumentRows:
    """All rows of one stored document. ``pages``: the file's page count when known
    (else the highest page a source names)."""
    key = model_key(d)
    data = {name: _empty(name) for name in DOCUMENT_RELATIONS}
    n_facts = 0
    for no, table in enumerate(d.tables):
        _add(
            data["tables"],
            key,
            no,
            table.id.value,
            table_key(table),
            table.title,
            table.unit.value if table.unit else None,
            table.unit_text,
            table.department,
            table.year,
            len(table.rows),
            len(table.columns),
            table.is_empty,
            "\n".join(table.notes),
            *_where(table.source),
            table.source.sheet,
        )
        money = {c.index: c for c in table.columns if c.role == "amount"}
        for row_no, row in enumerate(table.rows):
            for index, cell in sorted(row.cells.items()):
                col = money.get(index)
                wan = table.to_wan(cell.value)
                if col is None or wan is None:
                    continue
                n_facts += 1
                _add(
                    data["facts"],
                    key,
                    no,
                    table.id.value,
                    table_key(table),
                    row_no,
                    row.section,
                    row.code,
                    row.item,
                    row.label,
                    row.depth,
                    index,
                    col.key,
                    "/".join(col.path),
                    wan,
                    plain(wan),
                    cell.text,
                    table.unit.value if table.unit else None,
                    cell.source.line or row.source.line,
                    cell.source.page or row.source.page,
                )
    for n, s in enumerate(d.narrative.stated):
        _add(
            data["stated"],
            key,
            n,
            s.subject,
            s.phrase,
            s.value,
            plain(s.value),
            s.unit,
            s.kind,
            s.direction,
            s.wan,
            s.sentence,
            " > ".join(s.section),
            *_where(s.source),
        )
    for n, f in enumerate(report.findings):
        loc = f.location
        _add(
            data["findings"],
            key,
            n,
            f.code,
            f.name,
            f.severity.value,
            f.message,
            loc.table,
            loc.row_code,
            loc.row_item,
            loc.column,
            f.expected,
            f.actual,
            f.difference,
            loc.line,
            loc.page,
        )
    for c in report.coverage:
        _add(data["coverage"], key, c.code, c.name, c.status, c.reason, c.findings)
    for m in metrics(d):
        _add(data["metrics"], key, m.name, m.value, plain(m.value), m.unit, m.basis)
    summary = report.summary
    src = d.source
    pages = max(pages or 0, _pages(d))
    _add(
        data["documents"],
        key,
        src.path if src else None,
        src.format if src else None,
        src.size if src else None,
        src.encoding if src else None,
        d.kind,
        d.level,
        d.department_code,
        d.department_name,
        d.year,
        d.unit.value if d.unit else None,
        pages,
        len(d.tables),
        n_facts,
        len(d.narrative.stated),
        summary["error"],
        summary["warning"],
        summary["info"],
        seconds,
        __version__,
        datetime.now(UTC).replace(tzinfo=None),
        d.model_dump_json(),
    )
    return DocumentRows(
        sha256=key,
        path=src.path if src else key,
        pages=pages,
        errors=summary["error"],
        data=data,
    )
