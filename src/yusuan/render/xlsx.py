"""The package as an Excel workbook in the official form.

Sheets in the standard order: 封面, 目录 (links to the sheets), 情况说明 (with the
机构设置 and 绩效目标 tables in place), one sheet per table, 名词解释.  A table sheet
has its title merged across, the meta line, the merged header, the 栏次 row and
the body with amounts as numbers (``#,##0.00``, blanks left empty), thin borders
on the grid only, and the print setup: A4, landscape for wide tables, fit to one
page wide, header rows repeated on every page, centred.  With ``--force`` every
sheet's page header prints 未通过校验.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from yusuan import regex
from yusuan.amounts import parse_amount
from yusuan.cells import inert_workbook
from yusuan.render.grid import Grid, display_width
from yusuan.render.package import UNVERIFIED, Heading, Package, Para, TableBlock

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORBIDDEN = regex.compile(r"[\[\]:*?/\\]")
TITLE = Font(name="黑体", size=16, bold=True)
HEAD = Font(name="黑体", size=10, bold=True)
BODY = Font(name="宋体", size=10)
TEXT = Font(name="仿宋_GB2312", size=12)
NARRATIVE_COLS = 8
AMOUNT_FORMAT = "#,##0.00"


def sheet_name(title: str, taken: set[str]) -> str:
    base = _FORBIDDEN.sub("", title).strip("'") or "Sheet"
    name, n = base[:31], 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _number(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _print_setup(ws: Worksheet, landscape: bool, pkg: Package) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if pkg.unverified:
        ws.oddHeader.right.text = UNVERIFIED
        ws.oddHeader.right.color = "CC0000"


def write_grid(ws: Worksheet, grid: Grid, row: int, extra_rows: int = 0) -> tuple[int, int]:
    """Print ``grid`` from sheet row ``row`` (with ``extra_rows`` blank bordered rows for
    input); returns (the next free row, the first body row)."""
    n = grid.ncols
    ws.cell(row, 1, grid.title).font = TITLE
    ws.cell(row, 1).alignment = Alignment(horizontal="center")
    if n > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n)
    row += 1
    if grid.meta:  # department left, 年度 in the middle, 单位 right
        parts = list(grid.meta)
        if len(parts) > n:
            parts = [*parts[: n - 1], "  ".join(parts[n - 1 :])]
        slots = [0] if len(parts) == 1 else [0, *(n - len(parts) + i for i in range(1, len(parts)))]
        for slot, text in zip(slots, parts, strict=True):
            cell = ws.cell(row, slot + 1, text)
            cell.font = BODY
            if slot == n - 1 and slot:
                cell.alignment = Alignment(horizontal="right")
        row += 1
    top = row
    if grid.goals is not None:
        ws.cell(row, 1, "绩效目标")
        ws.cell(row, 2, grid.goals).alignment = Alignment(wrap_text=True, vertical="center")
        if n > 2:
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=n)
        ws.row_dimensions[row].height = 16 * (grid.goals.count("\n") + 1) + 6
        row += 1
    head = row
    for p in grid.header:
        cell = ws.cell(row + p.top, p.first + 1, p.label)
        cell.font = HEAD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if (p.bottom, p.last) != (p.top, p.first):
            ws.merge_cells(
                start_row=row + p.top,
                start_column=p.first + 1,
                end_row=row + p.bottom,
                end_column=p.last + 1,
            )
    row += grid.depth
    if grid.lanci is not None:
        for c, text in enumerate(grid.lanci):
            ws.cell(row, c + 1, text).alignment = Alignment(horizontal="center")
        row += 1
    body_first = row
    for r, printed in enumerate(grid.body or [[""] * n]):
        for c, text in enumerate(printed):
            if not text:
                continue
            cell = ws.cell(row, c + 1)
            kind = grid.kinds[c]
            value = _number(text) if kind in ("amount", "count") else None
            if value is not None:
                cell.value = value
                cell.number_format = AMOUNT_FORMAT if kind == "amount" else "0"
            else:
                cell.value = text
                depth = grid.indents[r] if kind == "item" and grid.indents else 0
                if kind in ("item", "text"):
                    cell.alignment = Alignment(wrap_text=True, vertical="center", indent=depth)
                else:
                    cell.alignment = Alignment(horizontal="center")
            cell.font = BODY
        row += 1
    row += extra_rows
    for r in range(top, row):
        for c in range(1, n + 1):
            ws.cell(r, c).border = _BOX
    ws.print_title_rows = f"{head}:{head + grid.depth - 1}" if grid.depth else None
    for note in grid.notes:
        ws.cell(row, 1, note).font = BODY
        row += 1
    return row + 1, body_first


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for c, w in enumerate(widths, 1):
        current = ws.column_dimensions[get_column_letter(c)].width or 0
        ws.column_dimensions[get_column_letter(c)].width = max(current, w * 1.1)


def _text_sheet(ws: Worksheet, lines: list[tuple[str, str]]) -> None:
    """A sheet of text: one line a row, merged across, wrapped."""
    for c in range(1, NARRATIVE_COLS + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    for r, (style, text) in enumerate(lines, 1):
        cell = ws.cell(r, 1, text)
        cell.font = TITLE if style == "title" else HEAD if style == "heading" else TEXT
        centered = style == "title"
        cell.alignment = Alignment(
            wrap_text=True, vertical="top", horizontal="center" if centered else "left"
        )
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=NARRATIVE_COLS)
        lines_needed = max(1, -(-display_width(text) // 96))
        ws.row_dimensions[r].height = 18 * lines_needed + 4


def write_xlsx(pkg: Package, path: Path) -> Path:
    """Write the package to ``path`` (.xlsx)."""
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    _text_sheet(cover, [("title", line) for line in pkg.cover()])
    _print_setup(cover, False, pkg)
    taken = {"封面", "目录"}
    toc = book.create_sheet("目录")
    _text_sheet(
        toc, [("title", "目录"), *(("text", ("    " * level) + text) for level, text in pkg.toc())]
    )
    _print_setup(toc, False, pkg)
    for part in pkg.parts:
        tables = [b for b in part.blocks if isinstance(b, TableBlock)]
        if tables and len(tables) == len(part.blocks):  # the table part: a sheet per table
            for t in tables:
                ws = book.create_sheet(sheet_name(t.table.title, taken))
                write_grid(ws, t.grid, 1)
                _widths(ws, t.grid.widths)
                _print_setup(ws, t.grid.landscape, pkg)
            continue
        ws = book.create_sheet(sheet_name(part.toc, taken))
        for c in range(1, NARRATIVE_COLS + 1):
            ws.column_dimensions[get_column_letter(c)].width = 12
        row = 1
        lines: list[tuple[str, str]] = [("title", part.title)]
        wide = False
        for b in part.blocks:
            if isinstance(b, TableBlock):
                row = _flush(ws, lines, row)
                lines = []
                row, _ = write_grid(ws, b.grid, row)
                _widths(ws, b.grid.widths)
                wide = wide or b.grid.landscape
            else:
                lines.append(("heading" if isinstance(b, Heading) else "text", b.text))
        _flush(ws, lines, row)
        _print_setup(ws, wide, pkg)
    inert_workbook(book).save(str(path))
    return path


def _flush(ws: Worksheet, lines: list[tuple[str, str]], row: int) -> int:
    for style, text in lines:
        cell = ws.cell(row, 1, text)
        cell.font = TITLE if style == "title" else HEAD if style == "heading" else TEXT
        cell.alignment = Alignment(
            wrap_text=True, vertical="top", horizontal="center" if style == "title" else "left"
        )
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=NARRATIVE_COLS)
        ws.row_dimensions[row].height = 18 * max(1, -(-display_width(text) // 96)) + 4
        row += 1
    return row


__all__ = ["Para", "write_grid", "write_xlsx"]
