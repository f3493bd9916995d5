"""The check report as a file to keep: one self-contained Chinese HTML page (no outside
requests), or an Excel workbook (a findings sheet and a coverage sheet). The terminal report is
:mod:`yusuan.render.report_text`.
"""

from __future__ import annotations

import io

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.styles import Font

from yusuan.cells import inert_workbook
from yusuan.check import Report, flatten
from yusuan.render.report_text import headline
from yusuan.rules.base import SEVERITY_ZH


def render_html(reports: list[Report]) -> str:
    """The reports as one HTML page (``render/templates/report.html.j2``)."""
    env = Environment(
        loader=PackageLoader("yusuan", "render/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    return template.render(reports=reports, headline=headline, severity_zh=SEVERITY_ZH)


def report_workbook(report: Report) -> bytes:
    """The report as .xlsx bytes: 问题清单 (one row a finding) and 规则覆盖 (one row a rule)."""
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
