"""Spreadsheet and CSV cells that cannot run: document text is written as text, never a formula.

A disclosure's text is whatever its author (or an attacker) typed: a cell reading
``=HYPERLINK("http://…","点此")`` must reach Excel as those characters, not as a live
formula. Every xlsx and CSV writer of yusuan goes through this module:

- xlsx: :func:`inert_workbook` (before saving) turns every cell openpyxl took for a
  formula or an error code back into a text cell, and marks text that starts like a
  formula with Excel's quote prefix (``'``), so it stays text when edited;
  write-only sheets use :func:`inert_row`;
- CSV: :func:`inert_text` prefixes such text with ``'`` (the OWASP advice), and
  :func:`inert_sql` does the same inside a DuckDB ``COPY``.

Text "starts like a formula" when it begins with ``= + - @``, a tab or a carriage
return. Numbers stay numbers: a plain number such as ``-12.50`` (in CSV, where every
cell is text) is not prefixed, and numeric cells are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from yusuan import regex

if TYPE_CHECKING:  # openpyxl is imported only by the xlsx writers
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: The first characters that make a spreadsheet read a cell as a formula (or a DDE call).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = regex.compile(r"[+-]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?%?")
_NUMBER_SQL = r"^[+-]?([0-9]+(,[0-9]{3})*|[0-9]*)(\.[0-9]+)?%?$"


def risky(text: str) -> bool:
    """Whether ``text`` starts like a formula (and is not just a signed number)."""
    return text.startswith(FORMULA_START) and not (
        any(ch.isdigit() for ch in text) and _NUMBER.fullmatch(text) is not None
    )


def inert_text(value: str) -> str:
    """``value`` for a CSV cell: prefixed with ``'`` when it starts like a formula."""
    return "'" + value if risky(value) else value


def inert_values(values: Iterable[Any]) -> list[Any]:
    """A CSV row: text through :func:`inert_text`, everything else unchanged."""
    return [inert_text(v) if isinstance(v, str) else v for v in values]


def inert_sql(column: str) -> str:
    """A DuckDB expression: the text column ``column`` (quoted name) as :func:`inert_text`."""
    starts = "".join(re.escape(c) for c in FORMULA_START).replace("\t", "\\t").replace("\r", "\\r")
    return (
        f"CASE WHEN regexp_matches({column}, '^[{starts}]') "
        f"AND NOT regexp_matches({column}, '{_NUMBER_SQL}') "
        f"THEN '''' || {column} ELSE {column} END"
    )


def inert_cell(cell: Cell) -> None:
    """Make ``cell`` a text cell if openpyxl took its text for a formula or an error code."""
    if cell.data_type in ("f", "e") and isinstance(cell.value, str):
        cell.data_type = "s"
        cell.quotePrefix = True
    elif cell.data_type == "s" and isinstance(cell.value, str) and risky(cell.value):
        cell.quotePrefix = True


def inert_workbook(book: Workbook) -> Workbook:
    """Every cell of every (normal) sheet of ``book`` through :func:`inert_cell`."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                inert_cell(cell)
    return book


def inert_row(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only sheet: text that would become a formula as a text cell."""
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for v in values:
        if isinstance(v, str) and (v.startswith(("=", "#")) or risky(v)):
            cell = WriteOnlyCell(sheet, v)
            inert_cell(cell)
            out.append(cell)
        else:
            out.append(v)
    return out
