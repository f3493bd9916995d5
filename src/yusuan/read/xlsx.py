"""Readers for Excel workbooks: ``.xlsx`` (openpyxl) and legacy ``.xls`` (xlrd).

Both readers first build the same neutral :class:`SheetGrid` (the printed text
of every non-empty cell, the rows that carry vertical cell borders, the merged
ranges); one splitter then turns a sheet into paragraphs and tables:

* the sheet is cut into blocks of consecutive non-blank rows (a row covered by a
  merge that starts above it, or an empty row with cell borders, is not blank);
* when the sheet draws cell borders, the ruled rows of a block are its table
  grid; otherwise the whole block is;
* leading grid rows holding a single non-empty cell (a title merged across the
  sheet, a narrative text) are paragraphs, and so are unruled single-cell rows
  after a grid (notes); the last such paragraph before a table is its title;
* unruled rows with several cells before a grid (``编制部门：…  单位：元``, often
  separated from the header by a blank row) are the table's leading rows;
* each table is trimmed of empty leading/trailing rows and columns.

Numbers are printed as the cell's number format shows them (decimals,
thousands separators, percent), computed with :class:`~decimal.Decimal` from
the float's shortest ``repr`` so no float noise leaks into the text.
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from yusuan import regex
from yusuan.errors import InputError
from yusuan.model import Source
from yusuan.read.docx import pick_title
from yusuan.read.raw import Block, RawCell, RawDocument, RawParagraph, RawTable
from yusuan.regex import lazy

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, inclusive)

# Parts of a number format that print no digits: quoted text, escapes, [colors], padding.
_LITERALS = regex.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')
_DECIMALS = regex.compile(r"\.([0#?]*)")


_DIGIT_PLACEHOLDER = lazy(r"[0#?]")
_EXPONENT = lazy(r"E[+-]", re.I)


def format_number(value: float, number_format: str | None) -> str:
    """``value`` as Excel prints it with ``number_format`` (decimals, thousands, %).

    >>> format_number(593.58, "0.00"), format_number(163.0, "General")
    ('593.58', '163')
    >>> format_number(1234.5, "#,##0.00"), format_number(0.1 + 0.2, "General")
    ('1,234.50', '0.3')
    """
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    section = _LITERALS.sub("", (number_format or "General").split(";")[0])
    general = not _DIGIT_PLACEHOLDER.search(section) or _EXPONENT.search(section) is not None
    if general:
        if d == d.to_integral_value():
            return format(d.quantize(Decimal(1)), "f")
        return format(d.quantize(Decimal("1E-10"), ROUND_HALF_UP).normalize(), "f")
    percent = "%" in section
    if percent:
        d *= 100
    m = _DECIMALS.search(section)
    places = m.group(1) if m else ""
    q = d.quantize(Decimal(1).scaleb(-len(places)), ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no "-0.00"
    text = format(q, ",f" if "," in section.split(".")[0] else "f")
    optional = len(places) - len(places.rstrip("#?"))
    while optional and text.endswith("0") and "." in text:
        text, optional = text[:-1], optional - 1
    return text.rstrip(".") + ("%" if percent else "")


def _iso(value: date | time | timedelta) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    return value.isoformat() if isinstance(value, date | time) else str(value)


@dataclass
class SheetGrid:
    """A sheet as printed: texts by (row, col), ruled rows and merged ranges."""

    name: str
    cells: dict[tuple[int, int], tuple[str, bool]] = field(default_factory=dict)
    ruled: set[int] = field(default_factory=set)  # rows with a left or right cell border
    merges: list[Merge] = field(default_factory=list)

    def put(self, row: int, col: int, text: str, numeric: bool = False) -> None:
        if text:
            self.cells[row, col] = (text, numeric)


def _cols_by_row(grid: SheetGrid) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for r, c in sorted(grid.cells):
        out.setdefault(r, []).append(c)
    return out


def split_sheet(grid: SheetGrid, first_table: int) -> list[Block]:
    """Paragraphs and tables of one sheet; tables are numbered from ``first_table``."""
    cols = _cols_by_row(grid)
    text_merges = [m for m in grid.merges if (m[0], m[1]) in grid.cells]
    occupied = set(cols) | grid.ruled
    for m in text_merges:
        occupied.update(range(m[0], m[2] + 1))
    runs: list[list[int]] = []
    for r in sorted(occupied):
        if runs and runs[-1][-1] == r - 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    bordered = bool(grid.ruled)
    vertical = {(m[0], m[1]): m[2] for m in grid.merges if m[2] > m[0]}
    blocks: list[Block] = []
    pending: list[int] = []  # multi-cell rows waiting for the table they introduce
    titles: list[str] = []  # single-cell paragraphs since the last table

    def paragraph(r: int) -> None:
        texts = [grid.cells[r, c][0] for c in cols.get(r, [])]
        if texts:
            src = Source(sheet=grid.name, row=r, col=cols[r][0])
            blocks.append(RawParagraph("  ".join(t.strip() for t in texts).strip(), src))

    def single(r: int) -> bool:
        return len(cols.get(r, [])) == 1

    def outside(r: int) -> None:  # a row outside any grid
        if single(r):
            for p in pending:
                paragraph(p)
            pending.clear()
            paragraph(r)
            titles.append(grid.cells[r, cols[r][0]][0])
        elif r in cols:
            pending.append(r)

    for run in runs:
        if bordered:
            ruled = [r for r in run if r in grid.ruled]
            g0, g1 = (ruled[0], ruled[-1]) if ruled else (run[-1] + 1, run[-1])
            g1 = max([g1, *(m[2] for m in grid.merges if g0 <= m[0] <= g1)])
            g1 = min(g1, run[-1])
        else:
            g0, g1 = run[0], run[-1]
        while g0 <= g1 and (g0 not in cols or single(g0)):
            # A single cell merged down over rows holding nothing else is text too.
            down = vertical.get((g0, cols[g0][0]), g0) if g0 in cols else g0
            if any(r in cols for r in range(g0 + 1, down + 1)):
                break
            g0 = down + 1
        g0 = min(g0, g1 + 1)
        for r in run:
            if r < g0:
                outside(r)
        grid_rows = list(range(g0, g1 + 1))
        if grid_rows and not bordered and len(grid_rows) == 1:
            pending.extend(grid_rows)
        elif grid_rows:
            table = _table(grid, pending + grid_rows, first_table, pick_title(titles))
            pending.clear()
            if table is not None:
                blocks.append(table)
                first_table += 1
                titles.clear()
        for r in run:
            if r > g1:
                outside(r)
    for p in pending:
        paragraph(p)
    return blocks


def _table(grid: SheetGrid, rows: list[int], index: int, title: str | None) -> RawTable | None:
    """The table on sheet ``rows``, trimmed of empty edge rows and columns."""
    inside = set(rows)
    origin = {(m[0], m[1]): m for m in grid.merges if m[0] in inside}
    texts = [(r, c) for (r, c) in grid.cells if r in inside]
    if not texts:
        return None
    top = min(r for r, _ in texts)
    bottom = max(origin[p][2] if p in origin else p[0] for p in texts)
    rows = [r for r in rows if top <= r <= bottom]
    c0 = min(c for _, c in texts)
    c1 = max(origin[p][3] if p in origin else p[1] for p in texts)
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), m in origin.items():
        if r in rows and c0 <= c <= c1:
            down = [rr for rr in rows if r <= rr <= m[2]]
            right = range(c, min(m[3], c1) + 1)
            spans[r, c] = (len(down), len(right))
            covered.update((rr, cc) for rr in down for cc in right if (rr, cc) != (r, c))
    out: list[list[RawCell]] = []
    for r in rows:
        row: list[RawCell] = []
        for c in range(c0, c1 + 1):
            if (r, c) in covered:
                continue
            text, numeric = grid.cells.get((r, c), ("", False))
            rowspan, colspan = spans.get((r, c), (1, 1))
            src = Source(sheet=grid.name, table=index, row=r, col=c)
            row.append(RawCell(text, src, rowspan, colspan, numeric))
        out.append(row)
    return RawTable(out, Source(sheet=grid.name, table=index, row=rows[0], col=c0), title=title)


def _document(
    grids: list[SheetGrid], fmt: Literal["xlsx", "xls"], diagnostics: list[str]
) -> RawDocument:
    blocks: list[Block] = []
    for n, grid in enumerate(grids):
        sheet = split_sheet(grid, sum(isinstance(b, RawTable) for b in blocks))
        blocks.extend(_titled(sheet) if n else sheet)  # the first sheet is the cover
    return RawDocument(blocks, fmt, diagnostics=diagnostics)


_SENTENCE_END = regex.compile(r"[。；;，,：:]")


def _titled(sheet: list[Block]) -> list[Block]:
    """A narrative sheet (paragraphs only) whose first cell is a short line without a
    sentence end (``XX（部门）机构设置``, ``名词解释``) has it as its section heading: a
    workbook printing one section of the 情况说明 per sheet (not its first sheet, the cover)."""
    if len(sheet) < 2 or not all(isinstance(b, RawParagraph) for b in sheet):
        return sheet
    first = sheet[0]
    assert isinstance(first, RawParagraph)
    t = "".join(first.text.split())
    if first.heading is None and 2 <= len(t) <= 40 and not _SENTENCE_END.search(t):
        return [RawParagraph(first.text, first.source, heading=1), *sheet[1:]]
    return sheet


def _xlsx_text(value: Any, number_format: str | None) -> tuple[str, bool]:
    if value is None or isinstance(value, bool):
        return ("" if value is None else str(value).upper()), False
    if isinstance(value, int | float):
        return format_number(value, number_format), True
    if isinstance(value, date | time | timedelta):
        return _iso(value), False
    return str(value).rstrip(), False  # leading spaces mark indented 其中 rows


def read_xlsx(path: Path | str) -> RawDocument:
    """Read an ``.xlsx`` workbook (cached formula values, merged cells kept)."""
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    try:
        with open(path, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(fh, data_only=True)
    except zipfile.BadZipFile as exc:
        raise InputError(
            "不是有效的 Excel (.xlsx) 文件：无法作为 zip 打开（文件可能已损坏或被截断）",
            "not a valid Excel .xlsx file: not a zip archive (damaged or truncated?)",
        ) from exc
    except OSError as exc:
        raise InputError(
            f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})"
        ) from exc
    except Exception as exc:
        raise InputError(
            "Excel (.xlsx) 文件已损坏，无法解析",
            f"the Excel .xlsx file is damaged and cannot be parsed ({type(exc).__name__})",
        ) from exc
    grids: list[SheetGrid] = []
    diagnostics: list[str] = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            diagnostics.append(f"skipped hidden sheet {ws.title!r}")
            continue
        grid = SheetGrid(ws.title)
        # ws._cells holds only the cells stored in the file (iter_rows would fill the
        # whole used range, which some files declare as a million rows).
        for (r, c), cell in ws._cells.items():
            grid.put(r - 1, c - 1, *_xlsx_text(cell.value, cell.number_format))
            border = cell.border
            if border is not None and (border.left.style or border.right.style):
                grid.ruled.add(r - 1)
        for mr in ws.merged_cells.ranges:
            grid.merges.append((mr.min_row - 1, mr.min_col - 1, mr.max_row - 1, mr.max_col - 1))
        grids.append(grid)
    book.close()
    return _document(grids, "xlsx", diagnostics)


def read_xls(path: Path | str) -> RawDocument:
    """Read a legacy Excel 97-2003 ``.xls`` workbook (merged cells kept)."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=io.StringIO())
    except OSError as exc:
        raise InputError(
            f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})"
        ) from exc
    except Exception as exc:
        detail = " ".join(str(exc).split())[:120]
        raise InputError(
            "不是有效的 Excel 97-2003 (.xls) 文件，或文件已损坏",
            f"not a valid Excel 97-2003 .xls file, or the file is damaged ({detail})",
        ) from exc
    grids: list[SheetGrid] = []
    diagnostics: list[str] = []
    try:
        for sh in book.sheets():
            if sh.visibility:
                diagnostics.append(f"skipped hidden sheet {sh.name!r}")
                continue
            grid = SheetGrid(sh.name)
            for r in range(sh.nrows):
                for c in range(sh.row_len(r)):
                    cell = sh.cell(r, c)
                    xf = book.xf_list[cell.xf_index]
                    if xf.border.left_line_style or xf.border.right_line_style:
                        grid.ruled.add(r)
                    grid.put(r, c, *_xls_text(book, cell, xf))
            grid.merges.extend((r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells)
            grids.append(grid)
    except Exception as exc:
        raise InputError(
            "Excel 97-2003 (.xls) 文件已损坏，无法解析",
            f"the Excel .xls file is damaged and cannot be parsed ({type(exc).__name__})",
        ) from exc
    finally:
        book.release_resources()
    return _document(grids, "xls", diagnostics)


def _xls_text(book: Any, cell: Any, xf: Any) -> tuple[str, bool]:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map.get(xf.format_key)
        return format_number(float(cell.value), fmt.format_str if fmt else None), True
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _iso(xlrd.xldate_as_datetime(cell.value, book.datemode)), False
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return format_number(float(cell.value), None), True
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return str(cell.value).rstrip(), False
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return ("TRUE" if cell.value else "FALSE"), False
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR"), False
    return "", False
