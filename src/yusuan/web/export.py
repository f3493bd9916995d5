"""A check report as an Excel workbook (findings and coverage sheets)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from yusuan.cells import inert_workbook
from yusuan.check import Report, flatten
from yusuan.rules.base import SEVERITY_ZH


def report_workbook(report: Report) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "问题清单"
    head = ["级别", "规则", "名称", "说明", "表", "行", "列", "应为", "实为", "差额", "行号/页码"]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in report.findings:
        flat = flatten(f)
        where = f.location.page or f.location.line
        ws.append(
            [SEVERITY_ZH[f.severity], f.code, f.name, f.message, f.location.table_title or "", flat["row"] or "",
             f.location.column or "", f.expected or "", f.actual or "", f.difference or "", where or ""]
        )  # fmt: skip
    cov = wb.create_sheet("规则覆盖")
    cov.append(["规则", "说明", "状态", "原因", "发现数"])
    status = {"ran": "已运行", "not_applicable": "不适用", "could_not_run": "无法运行"}
    for c in report.coverage:
        cov.append([c.code, c.title, status[c.status], c.reason or "", c.findings])
    buf = io.BytesIO()
    inert_workbook(wb).save(buf)
    return buf.getvalue()
