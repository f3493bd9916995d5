"""The 绩效自评 result as an Excel workbook: the 部门汇总 sheet, then one 自评表 per project.

Each sheet: the title merged across, the meta line, the grid with thin borders and its
merged cells, scores and amounts as numbers (``#,##0.00``; a 执行率 as its printed
text), the notes (the 自评 sentence, the findings) under it; A4 landscape fitted to the
width.  The fonts are the package workbook's (:mod:`yusuan.render.xlsx`).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.amounts import parse_amount
from yusuan.cells import inert_workbook
from yusuan.render.performance_report import NCOLS, Sheet, Span
from yusuan.render.xlsx import _BOX, AMOUNT_FORMAT, BODY, HEAD, TITLE, sheet_name


def _value(span: Span) -> object:
    if span.style == "num" and span.text and not span.text.endswith("%"):
        try:
            return parse_amount(span.text)
        except ValueError:
            return span.text
    return span.text or None


def _write(ws: Worksheet, sheet: Sheet) -> None:
    ws.cell(1, 1, sheet.title).font = TITLE
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=NCOLS)
    ws.cell(2, 1, sheet.meta).font = BODY
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=NCOLS)
    r = 3
    for row in sheet.rows:
        col = 1
        tall = 1
        for span in row:
            cell = ws.cell(r, col, _value(span))
            cell.font = HEAD if span.style == "head" else BODY
            if span.style == "num":
                cell.alignment = Alignment(horizontal="right", vertical="center")
                if not isinstance(cell.value, str):
                    cell.number_format = AMOUNT_FORMAT
            else:
                center = span.style in ("head", "center")
                cell.alignment = Alignment(
                    horizontal="center" if center else "left", vertical="center", wrap_text=True
                )
            for c in range(col, col + span.span):
                ws.cell(r, c).border = _BOX
            if span.span > 1:
                ws.merge_cells(
                    start_row=r, start_column=col, end_row=r, end_column=col + span.span - 1
                )
            width = sum(sheet.widths[col - 1 : col - 1 + span.span])
            tall = max(tall, span.text.count("\n") + 1 + len(span.text) * 2 // max(width, 1))
            col += span.span
        ws.row_dimensions[r].height = 15 * tall + 4
        r += 1
    r += 1
    for note in sheet.notes:
        ws.cell(r, 1, note).font = BODY
        ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=NCOLS)
        ws.row_dimensions[r].height = 15 * (len(note) * 2 // sum(sheet.widths) + 1) + 4
        r += 1
    for c, w in enumerate(sheet.widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w * 1.2
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def write_evaluation_xlsx(sheets: list[Sheet], path: Path) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    taken: set[str] = set()
    for s in sheets:
        _write(book.create_sheet(sheet_name(s.name, taken)), s)
    inert_workbook(book).save(str(path))
    return path


__all__ = ["write_evaluation_xlsx"]
