"""The check report as a file to keep: one self-contained Chinese HTML page (no outside
requests), or an Excel workbook (a findings sheet and a coverage sheet). The terminal report is
:mod:`yusuan.render.report_text`.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.styles import Font

from yusuan.cells import inert_workbook
from yusuan.check import Report, flatten
from yusuan.render.report_text import (
    TO_CHECK_HEADING,
    box_text,
    display_order,
    headline,
)
from yusuan.rules.base import SEVERITY_ZH, Finding


def render_html(reports: list[Report]) -> str:
    """The reports as one HTML page (``render/templates/report.html.j2``)."""
    env = Environment(
        loader=PackageLoader("yusuan", "render/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    return template.render(
        reports=reports,
        headline=headline,
        severity_zh=SEVERITY_ZH,
        display_order=display_order,
        amount=amount_text,
        rules=rule_pages(reports),
        to_check_heading=TO_CHECK_HEADING,
        box_text=box_text,
    )


def amount_text(f: Finding, which: str) -> str:
    """``expected``/``actual``/``difference`` as printed with the unit (``14,348,853.34 元``),
    else the 万元 string the rule gave (or its text)."""
    shown = getattr(f, f"{which}_printed")
    if shown is not None:
        return f"{shown} {f.unit}" if f.unit else str(shown)
    value = getattr(f, which)
    return "" if value is None else str(value)


def rule_pages(reports: list[Report]) -> list[dict[str, object]]:
    """The pages (依据, 检查什么 … 正确写法) of the rules that found something, in code order: the
    report links each finding to its rule's page inside the same file."""
    from yusuan.rules import get_rule
    from yusuan.rules.docs import doc_sections

    codes = sorted({f.code for r in reports for f in r.findings})
    pages: list[dict[str, object]] = []
    for code in codes:
        rule = get_rule(code)
        if rule is not None:
            pages.append(
                {"code": rule.code, "name": rule.name, "title": rule.title, "basis": rule.basis,
                 "sections": doc_sections(rule)}
            )  # fmt: skip
    return pages


def _number(text: str | None) -> Decimal | str | None:
    """A finding's amount as a number for Excel (text that is not a number stays text)."""
    if text is None or text == "":
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return text


def report_workbook(report: Report) -> bytes:
    """The report as .xlsx bytes: 问题清单 (one row a finding) and 规则覆盖 (one row a rule).

    Amounts are numbers in the unit the document prints (the 单位 column), with the exact 万元
    values beside; the header row is frozen and filtered; 部门 and 年度 on every row, so that the
    sheets of several documents can be stacked."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "问题清单"
    head = ["编号", "部门", "年度", "级别", "规则", "代码", "名称", "说明", "表", "行", "列",
            "页码/行号", "应为", "实为", "差额", "单位", "应为（万元）", "实为（万元）",
            "差额（万元）", "连带于", "疑点"]  # fmt: skip
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    d = report.document
    for f in report.findings:
        flat = flatten(f)
        where = f.location.page or f.location.line
        printed = [
            _number(getattr(f, f"{k}_printed")) for k in ("expected", "actual", "difference")
        ]
        wan = [_number(getattr(f, k)) for k in ("expected", "actual", "difference")]
        if not any(isinstance(v, Decimal) for v in printed):
            printed, unit = wan, ("万元" if any(isinstance(v, Decimal) for v in wan) else "")
        else:
            unit = f.unit or ""
        ws.append(
            [f.id or "", d.department_name or "", d.year, SEVERITY_ZH[f.severity], f.title or f.name,
             f.code, f.name, f.message, f.location.table_title or "", flat["row"] or "",
             f.location.column or "", where or "", *printed, unit, *wan, f.caused_by or "",
             f.suspect.describe() if f.suspect else ""]
        )  # fmt: skip
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00########"
    widths = {"A": 6, "B": 24, "C": 7, "D": 6, "E": 26, "F": 8, "G": 20, "H": 70, "I": 28,
              "J": 22, "K": 14, "L": 9}  # fmt: skip
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    for col in "MNOQRS":
        ws.column_dimensions[col].width = 16
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    if report.to_check:
        to_check_sheet(wb, report)
    cov = wb.create_sheet("规则覆盖")
    cov.append(["规则", "说明", "状态", "原因", "发现数"])
    status = {"ran": "已运行", "not_applicable": "不适用", "could_not_run": "无法运行"}
    for c in report.coverage:
        cov.append([c.code, c.title, status[c.status], c.reason or "", c.findings])
    buf = io.BytesIO()
    inert_workbook(wb).save(buf)
    return buf.getvalue()


#: The sheet of the cells to check against the paper original, and its verdicts.
TO_CHECK_SHEET = "待人工核对（OCR）"
VERDICTS = ("与识别一致", "识别有误", "原件有误", "原件不清")


def to_check_sheet(wb: Workbook, report: Report) -> None:
    """The OCR worksheet (:attr:`Report.to_check`): one row a cell, with what was read, its
    box on the page and the findings resting on it, and three columns for the reviewer — the
    figure on the paper original, the verdict (a list: :data:`VERDICTS`) and a note."""
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(TO_CHECK_SHEET)
    ws.append(["序号", "部门", "年度", "页码", "表", "行", "列", "识别为", "两次识别", "存疑",
               "框（pt：左,上,右,下）", "规则", "发现编号", "原件数值", "核对结论", "备注"])  # fmt: skip
    for cell in ws[1]:
        cell.font = Font(bold=True)
    d = report.document
    n = 0
    for e in report.to_check:
        for c in e.cells:
            n += 1
            page = c.page if c.page is not None else e.page
            ws.append(
                [n, d.department_name or "", d.year, f"{c.file} {page}" if c.file else page,
                 e.table_title or e.table, e.row, c.column, c.text,
                 " / ".join(c.readings) if len(c.readings) > 1 else "", "是" if c.unsure else "",
                 box_text(c.bbox), "、".join(e.codes), "、".join(e.findings), None, None, None]
            )  # fmt: skip
    fill = PatternFill("solid", fgColor="FFF8DC")  # the columns to fill in
    for row in ws.iter_rows(min_row=2, min_col=14, max_col=16):
        for cell in row:
            cell.fill = fill
    verdict = DataValidation(type="list", formula1=f'"{",".join(VERDICTS)}"', allow_blank=True)
    ws.add_data_validation(verdict)
    verdict.add(f"O2:O{max(ws.max_row, 2)}")
    widths = {"A": 6, "B": 24, "C": 7, "D": 8, "E": 28, "F": 22, "G": 14, "H": 16, "I": 22,
              "J": 6, "K": 24, "L": 14, "M": 10, "N": 16, "O": 12, "P": 30}  # fmt: skip
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
