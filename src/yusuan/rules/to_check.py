"""The rows a person must check against the paper original: the OCR worksheet of a report.

A finding that rests on a value read by OCR is capped to a warning (``rules.scanned.ocr_capped``):
the figure may be misread, or the document may be wrong, and only the paper tells which.
This module lists what to look at, row by row (docs/ocr.md, “待人工核对”):

* every table row read by OCR that a finding comparing figures points at (its ``location``
  or its ``suspect`` cell: a sum that does not add up, two tables that disagree) — with the
  cell the finding names (or, when it names no column, the row's amounts) and the codes of
  the findings;
* every cell OCR marked unsure (``yusuan.read.ocr_numbers.UNSURE``: malformed, or its two
  readings differed), with both readings.

Each entry says the page, the table as printed, the row by its printed code and name, and
each cell's text as read and its box (PDF points from the page's top left), so the web can
draw it on the page image. Nothing here changes a finding: the capped warnings stay.
"""

from __future__ import annotations

from typing import Any

from yusuan.model import Cell, Column, Disclosure, Row, Table
from yusuan.rules.base import Finding, Location
from yusuan.values import Frozen

Box = tuple[float, float, float, float]


class CellToCheck(Frozen):
    """One cell to compare with the original: its column, its text as read (without the
    unsure mark), the readings (two when the 200 and 300 dpi readings differed), whether
    OCR marked it unsure, and where it is printed."""

    column: str
    text: str
    readings: tuple[str, ...] = ()
    unsure: bool = False
    page: int | None = None
    file: str | None = None
    bbox: Box | None = None

    @property
    def as_read(self) -> str:
        """How the cell was read, for a person: ``30.00``; ``1,234.50 / 1,284.50（两次识别不一致）``;
        ``21.955.35（OCR 存疑）``."""
        if len(self.readings) > 1:
            return f"{' / '.join(self.readings)}（两次识别不一致）"
        return f"{self.text}（OCR 存疑）" if self.unsure else self.text

    def to_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "text": self.text,
            "readings": list(self.readings),
            "unsure": self.unsure,
            "page": self.page,
            "file": self.file,
            "bbox": list(self.bbox) if self.bbox else None,
        }


class ToCheck(Frozen):
    """One row to check: where it is printed, its cells, and the findings resting on it
    (``codes``: the rules whose comparison failed, ``YS610`` for an unsure cell; ``findings``:
    their ids in the report)."""

    table: str
    table_title: str | None = None
    page: int | None = None
    file: str | None = None
    row_code: str | None = None
    row_item: str | None = None
    section: str | None = None
    cells: tuple[CellToCheck, ...] = ()
    codes: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()

    @property
    def row(self) -> str:
        """The row as printed: ``2010101 行政运行``."""
        return " ".join(p for p in (self.row_code, self.row_item) if p)

    def where(self) -> str:
        """``《部门支出总表》 · 行“合计” · 第1页`` (as a finding's location reads)."""
        return Location(
            table_title=self.table_title or self.table,
            row_code=self.row_code,
            row_item=self.row_item,
            page=self.page,
            file=self.file,
        ).describe()

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "file": self.file,
            "table": self.table,
            "table_title": self.table_title,
            "row": self.row or None,
            "row_code": self.row_code,
            "row_item": self.row_item,
            "section": self.section,
            "cells": [c.to_json() for c in self.cells],
            "codes": list(self.codes),
            "findings": list(self.findings),
        }


def readings(text: str) -> tuple[str, tuple[str, ...], bool]:
    """A cell's text as read, its readings, and whether OCR marked it unsure:
    ``〔OCR存疑〕1,234.50|1,284.50`` → (``1,234.50|1,284.50``, (``1,234.50``, ``1,284.50``), True)."""
    from yusuan.read.ocr_numbers import UNSURE  # only for a scan: `check` starts without it

    if not text.startswith(UNSURE):
        return text, (text,), False
    read = text[len(UNSURE) :]
    return read, tuple(read.split("|")), True


def _cell(column: Column, cell: Cell) -> CellToCheck:
    text, seen, unsure = readings(cell.text)
    src = cell.source
    return CellToCheck(column.key, text, seen, unsure, src.page, src.file, src.bbox)


def _rows_at(d: Disclosure, loc: Location) -> list[tuple[int, Table, Row]]:
    """The rows (table number, table, row) a location names: its table by id and title,
    its row by section and code (or item), the one on its page first when several match."""
    if loc.table is None or not (loc.row_code or loc.row_item):
        return []
    found = [
        (n, t, r)
        for n, t in enumerate(d.tables)
        if t.id.value == loc.table and loc.table_title in (None, t.title)
        for r in t.rows
        if (not loc.section or r.section == loc.section)
        and (
            (loc.row_code is not None and r.code == loc.row_code)
            or (
                not loc.row_code
                and r.item.replace(" ", "") == (loc.row_item or "").replace(" ", "")
            )
        )
    ]
    on_page = [x for x in found if loc.page is not None and x[2].source.page == loc.page]
    return (on_page or found)[:1]


def _columns(table: Table, row: Row, key: str | None) -> list[Column]:
    """The row's columns a finding names (``key``), else the row's amount columns."""
    mine = [c for c in table.columns if c.index in row.cells]
    named = [c for c in mine if key is not None and c.key == key]
    return named or [c for c in mine if c.role in ("amount", "count")]


def _compares(f: Finding) -> bool:
    """A finding that compares figures (a sum, two tables, a stated amount)."""
    return f.expected is not None or f.actual is not None


class _Sheet:
    """The entries being collected, one per printed row (table number, row index, section)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, int, str | None], tuple[Table, Row]] = {}
        self.cells: dict[tuple[int, int, str | None], dict[int, CellToCheck]] = {}
        self.codes: dict[tuple[int, int, str | None], dict[str, None]] = {}
        self.ids: dict[tuple[int, int, str | None], dict[str, None]] = {}

    def add(self, n: int, table: Table, row: Row, columns: list[Column], f: Finding | None) -> None:
        key = (n, row.index, row.section)
        self.rows.setdefault(key, (table, row))
        cells = self.cells.setdefault(key, {})
        for col in columns:
            cell = row.cells.get(col.index)
            if cell is not None and cell.source.ocr:
                cells.setdefault(col.index, _cell(col, cell))
        if f is not None:
            self.codes.setdefault(key, {})[f.code] = None
            if f.id:
                self.ids.setdefault(key, {})[f.id] = None

    def entries(self) -> tuple[ToCheck, ...]:
        out = []
        for key in sorted(self.rows, key=lambda k: (k[0], k[1], k[2] or "")):
            table, row = self.rows[key]
            cells = tuple(self.cells[key][i] for i in sorted(self.cells[key]))
            if not cells:
                continue
            printed = row.source.page is not None
            out.append(
                ToCheck(
                    table=table.id.value,
                    table_title=table.title,
                    page=row.source.page if printed else cells[0].page,
                    file=row.source.file if printed else cells[0].file,
                    row_code=row.code,
                    row_item=row.item or row.label or None,
                    section=row.section,
                    cells=cells,
                    codes=tuple(self.codes.get(key, {})),
                    findings=tuple(self.ids.get(key, {})),
                )
            )
        return tuple(out)


def to_check(d: Disclosure, findings: list[Finding] | tuple[Finding, ...]) -> tuple[ToCheck, ...]:
    """The OCR worksheet of a report: the rows read by OCR that a comparing finding points
    at, and every unsure cell; empty for a document read from a text layer."""
    if not any(t.source.ocr for t in d.tables):
        return ()
    from yusuan.read.ocr_numbers import UNSURE

    sheet = _Sheet()
    for f in findings:
        at = [f.location, *([f.suspect] if f.suspect else [])]
        for loc in at:
            if not (_compares(f) or f.code == "YS610"):
                continue
            for n, table, row in _rows_at(d, loc):
                sheet.add(n, table, row, _columns(table, row, loc.column), f)
    for n, table in enumerate(d.tables):
        for row in table.rows:
            unsure = [
                c
                for c in table.columns
                if (cell := row.cells.get(c.index)) is not None
                and cell.source.ocr
                and cell.text.startswith(UNSURE)
            ]
            if unsure:
                sheet.add(n, table, row, unsure, None)
    return sheet.entries()
