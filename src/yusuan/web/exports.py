"""A list the web shows, as a CSV or an Excel file (the overview's lists, the ranking).

Both carry the columns as the page heads them. Numbers stay numbers (an ``int`` or a
``Decimal`` is written as a number cell in Excel with its printed decimals, and as plain
digits in CSV, never ``1,234``); text that a spreadsheet would take for a formula is made
inert (:mod:`yusuan.cells`). The CSV is UTF-8 with a byte-order mark, so Excel opens the
Chinese headers as such. The workbook has a frozen, bold header, an autofilter and set
column widths.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response

from yusuan.cells import inert_cell, inert_values

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_bytes(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in inert_values(row)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F3F3")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [max(6, len(c) * 2 + 2) for c in columns]
    for row in rows:
        sheet.append(list(row))
        for i, cell in enumerate(sheet[sheet.max_row]):
            inert_cell(cell)
            value = cell.value
            if isinstance(value, Decimal):
                exp = value.as_tuple().exponent
                places = -exp if isinstance(exp, int) and exp < 0 else 0
                cell.number_format = "#,##0" + ("." + "0" * places if places else "")
            if value is not None:
                widths[i] = min(60, max(widths[i], len(str(value)) * 2 + 2))
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def download(
    fmt: str, name: str, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Response:
    """The list as ``name.csv`` or ``name.xlsx`` (``fmt``), offered as a download."""
    if fmt == "xlsx":
        data, media = xlsx_bytes(title, columns, rows), XLSX
    else:
        data, media = csv_bytes(columns, rows), "text/csv; charset=utf-8"
    ascii_name = f"{name}.{fmt}"
    utf8 = quote(f"{title}.{fmt}")
    return Response(
        data,
        media_type=media,
        headers={
            "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8}"
        },
    )
