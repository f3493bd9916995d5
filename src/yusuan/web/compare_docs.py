"""Compare any two stored documents (``/diff?a=ID&b=ID``): two years of a department, or the
预算 and the 决算 of one year — the comparison ``yusuan diff`` prints, with its filters, and
its export (``/diff.xlsx``, ``/diff.csv``, ``/api/diff``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from yusuan.cells import inert_values, inert_workbook
from yusuan.store.changes import FIELDS, FILTERS, Change
from yusuan.web.history import Comparison, comparison, label
from yusuan.web.repository import Entry, Repository

#: The export's columns: Chinese header, and the value of a change (numbers as numbers).
_COLUMNS: tuple[tuple[str, Callable[[Change], Any]], ...] = (
    ("表", lambda c: c.tables[0]),
    ("另见", lambda c: "；".join(c.tables[1:])),
    ("编码", lambda c: c.code),
    ("科目", lambda c: c.item or c.column),
    ("列", lambda c: c.column),
    ("另有变动的列", lambda c: "、".join(c.others)),
    ("A（如印）", lambda c: c.a_printed),
    ("B（如印）", lambda c: c.b_printed),
    ("增减（如印）", lambda c: c.change_printed),
    ("A（万元）", lambda c: c.a),
    ("B（万元）", lambda c: c.b),
    ("增减（万元）", lambda c: c.change),
    ("增减率（%）", lambda c: c.pct),
    ("类别", lambda c: {"changed": "变动", "new": "新增", "removed": "删除"}.get(c.kind, c.kind)),
    ("说明", lambda c: c.mark),
    ("情况说明原文", lambda c: c.evidence or ""),
)


def workbook(cmp: Comparison) -> bytes:
    """The listed changes as an Excel workbook: amounts in 万元 as numbers, the printed
    forms beside them; a frozen header with a filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "变动"
    ws.append([f"A：{_name(cmp.a)}"])
    ws.append([f"B：{_name(cmp.b)}"])
    ws.append([h for h, _ in _COLUMNS])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for c in cmp.listed:
        ws.append([get(c) for _, get in _COLUMNS])  # Decimal: a number cell, exact
    last = ws.cell(row=3, column=len(_COLUMNS)).column_letter
    ws.auto_filter.ref = f"A3:{last}{ws.max_row}"
    ws.freeze_panes = "A4"
    for i, (head, _) in enumerate(_COLUMNS, 1):
        letter = ws.cell(row=3, column=i).column_letter
        ws.column_dimensions[letter].width = 40 if head in ("表", "情况说明原文") else 16
    for row in ws.iter_rows(min_row=4, min_col=10, max_col=13):
        for cell in row:
            cell.number_format = "#,##0.00##"
    buf = io.BytesIO()
    inert_workbook(wb).save(buf)
    return buf.getvalue()


def _name(e: Entry) -> str:
    d = e.disclosure
    return f"{d.department_name or e.name} {label(e)}"


def router(
    repo: Repository, page: Callable[..., HTMLResponse], entry_or_404: Callable[[str], Entry]
) -> APIRouter:
    routes = APIRouter()

    def picked(a: str, b: str, show: str) -> Comparison:
        return comparison(entry_or_404(a), entry_or_404(b), show)

    @routes.get("/diff", response_class=HTMLResponse)
    async def compare_page(request: Request, a: str = "", b: str = "", show: str = "") -> Response:
        documents = sorted(
            repo.all(),
            key=lambda e: (
                e.disclosure.department_canonical or e.disclosure.department_name or e.name,
                e.disclosure.year or 0,
                e.disclosure.kind or "",
            ),
        )
        cmp = picked(a, b, show) if a and b else None
        return page(
            request,
            "compare_docs.html",
            documents=documents,
            a=a,
            b=b,
            cmp=cmp,
            show=cmp.show if cmp else "",
            filters=FILTERS,
            label=label,
            doc_name=_name,
        )

    @routes.get("/diff.xlsx")
    async def compare_xlsx(a: str, b: str, show: str = "") -> Response:
        data = workbook(picked(a, b, show))
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="diff-{a[:8]}-{b[:8]}.xlsx"'},
        )

    @routes.get("/diff.csv")
    async def compare_csv(a: str, b: str, show: str = "") -> Response:
        buf = io.StringIO()
        out = csv.writer(buf)
        out.writerow([h for h, _ in _COLUMNS])
        for c in picked(a, b, show).listed:
            out.writerow(inert_values("" if (v := get(c)) is None else v for _, get in _COLUMNS))
        return Response(
            "\ufeff" + buf.getvalue(),  # a BOM: Excel opens UTF-8 CSV as such
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="diff-{a[:8]}-{b[:8]}.csv"'},
        )

    @routes.get("/api/diff")
    async def compare_json(a: str, b: str, show: str = "") -> JSONResponse:
        cmp = picked(a, b, show)
        return JSONResponse(
            {
                "a": cmp.a.id,
                "b": cmp.b.id,
                "counts": cmp.counts,
                "fields": list(FIELDS),
                "changes": [c.as_dict() for c in cmp.listed],
            }
        )

    return routes


__all__ = ["router", "workbook"]
