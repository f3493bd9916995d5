"""The 绩效自评 workbook to fill: ``yusuan template --performance FILE -o 绩效自评.xlsx``.

Per project of the package (each 项目绩效目标表 read from it, any format the readers read)
one sheet: the targets as printed (一级/二级/三级指标, 指标值), locked on grey, and the cells
to fill on blue — 年初预算数 (prefilled from the form's 预算金额 when it prints one),
全年预算数, 全年执行数, 实际完成情况, the 评分权重 (10/50/30/10) and, per indicator,
实际完成值, 分值, 偏差原因, 改进措施.  Data validation: numbers in the amount, weight and
quantitative 完成值 cells, the list 达成/部分达成/未达成 for a qualitative indicator.
The sheets are protected without a password (labels locked, inputs not), printed A4
landscape, fitted to the width, the indicator header repeated on every page.  The layout is
in :mod:`yusuan.render.performance_layout`; ``yusuan evaluate`` reads it back.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.amounts import to_wan
from yusuan.cells import inert_workbook
from yusuan.errors import InputError
from yusuan.model import Disclosure, PerformanceTarget
from yusuan.render import performance_layout as L
from yusuan.render.xlsx import _BOX, BODY, HEAD, sheet_name
from yusuan.rules.performance.scoring import WEIGHTS

_TITLE = Font(name="黑体", size=16, bold=True)
_WIDTHS = (12, 16, 24, 16, 14, 12, 30, 30)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_OPEN = Protection(locked=False)


def _cell(ws: Worksheet, row: int, col: int, value: object, *, head: bool = False) -> None:
    c = ws.cell(row, col, value)
    c.font = HEAD if head else BODY
    c.alignment = _CENTER if head else _WRAP
    c.border = _BOX
    c.fill = L.LABEL_FILL


def _input(ws: Worksheet, row: int, col: int, value: object = None, fmt: str = "") -> None:
    c = ws.cell(row, col, value)
    c.font = BODY
    c.alignment = _WRAP
    c.border = _BOX
    c.fill = L.INPUT_FILL
    c.protection = _OPEN
    if fmt:
        c.number_format = fmt


def _merge(ws: Worksheet, row: int, first: int, last: int) -> None:
    for col in range(first, last + 1):
        ws.cell(row, col).border = _BOX
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _number(low: str, high: str, title: str, text: str) -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="between",
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=text,
    )


def _project_sheet(ws: Worksheet, t: PerformanceTarget, department: str, year: int | None) -> None:
    n = L.NCOLS
    ws.cell(1, 1, L.TITLE).font = _TITLE
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(2, 1, f"部门：{department}    年度：{year or ''}    金额单位：万元").font = BODY
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    _cell(ws, 3, 1, L.LABEL_PROJECT, head=True)
    _cell(ws, 3, 2, t.project)
    _merge(ws, 3, 2, n)
    _cell(ws, 4, 1, L.LABEL_DEPARTMENT, head=True)
    _cell(ws, 4, 2, t.department or department)
    _merge(ws, 4, 2, 4)
    _cell(ws, 4, 5, L.LABEL_AGENCY, head=True)
    _cell(ws, 4, 6, t.agency)
    _merge(ws, 4, 6, n)
    _cell(ws, 5, 1, L.LABEL_MONEY, head=True)
    for i, label in enumerate(L.MONEY_COLUMNS):
        _cell(ws, 5, 2 + i, label, head=True)
    _cell(ws, 6, 1, L.LABEL_TOTAL, head=True)
    initial = to_wan(t.budget, t.budget_unit) if t.budget is not None and t.budget_unit else None
    for i in range(len(L.MONEY_COLUMNS)):
        _input(ws, 6, 2 + i, initial if i == 0 else None, "#,##0.00")
    money = _number("0", "1000000000000", "金额", "请只填写数字（万元，不带单位和逗号）。")
    money.add("B6:D6")
    _cell(ws, 7, 1, L.LABEL_GOALS, head=True)
    _cell(ws, 7, 2, t.goals)
    _merge(ws, 7, 2, n)
    ws.row_dimensions[7].height = max(18, 16 * (len(t.goals) // 60 + 1))
    _cell(ws, 8, 1, L.LABEL_ACHIEVED, head=True)
    _input(ws, 8, 2)
    _merge(ws, 8, 2, n)
    ws.row_dimensions[8].height = 48
    _cell(ws, 9, 1, L.LABEL_WEIGHTS, head=True)
    weights = _number("0", "100", "权重", "请填写 0–100 的分值，四项合计 100。")
    for i, (kind, name) in enumerate(L.WEIGHT_KINDS):
        _cell(ws, 9, 2 + i, name, head=True)
        _input(ws, 10, 2 + i, int(WEIGHTS[kind]), "0.##")
    _cell(ws, 10, 1, "")
    weights.add("B10:E10")
    head = 11
    for c, label in enumerate(L.HEADER, 1):
        _cell(ws, head, c, label, head=True)
    numbers = _number(
        "-1000000000000", "1000000000000", "实际完成值", "定量指标请填写数字，单位与指标值相同。"
    )
    grades = DataValidation(
        type="list",
        formula1='"' + ",".join(L.GRADE_LIST) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成情况",
        error="定性指标请选择：达成 / 部分达成 / 未达成。",
    )
    shares = _number("0", "100", "分值", "请填写 0–100 的分值，或留空（平均分配）。")
    for r, ind in enumerate(t.indicators, head + 1):
        _cell(ws, r, L.COL_LEVEL1, ind.level1)
        _cell(ws, r, L.COL_LEVEL2, ind.level2)
        _cell(ws, r, L.COL_LEVEL3, ind.level3)
        _cell(ws, r, L.COL_TARGET, ind.value_text)
        for col in (L.COL_ACTUAL, L.COL_WEIGHT, L.COL_REASON, L.COL_MEASURE):
            _input(ws, r, col)
        actual = f"{get_column_letter(L.COL_ACTUAL)}{r}"
        (numbers if ind.value is not None else grades).add(actual)
        shares.add(f"{get_column_letter(L.COL_WEIGHT)}{r}")
    for dv in (money, weights, numbers, grades, shares):
        if dv.sqref:
            ws.add_data_validation(dv)
    for c, width in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(head + 1, 1)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    _protect(ws)


def _protect(ws: Worksheet) -> None:
    """Locked labels, open inputs; no password; rows and columns may still be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _guide(ws: Worksheet, d: Disclosure, sheets: list[tuple[str, PerformanceTarget]]) -> None:
    ws.cell(1, 1, L.MARKER).font = Font(name="宋体", size=9, color="808080")
    ws.cell(1, 2, L.VERSION).font = Font(name="宋体", size=9, color="808080")
    ws.cell(2, 1, "绩效运行监控和绩效自评填报工作簿").font = _TITLE
    ws.merge_cells("A2:D2")
    _cell(ws, 3, 1, L.GUIDE_DEPARTMENT, head=True)
    _cell(ws, 3, 2, d.department_name or "")
    _cell(ws, 4, 1, L.GUIDE_YEAR, head=True)
    _cell(ws, 4, 2, d.year)
    row = 6
    for note in L.NOTES:
        ws.cell(row, 1, note).font = BODY
        ws.cell(row, 1).alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.row_dimensions[row].height = 32
        row += 1
    row += 1
    for c, label in enumerate(("序号", "项目名称", "工作表", "指标个数"), 1):
        _cell(ws, row, c, label, head=True)
    for i, (name, t) in enumerate(sheets, 1):
        for c, value in enumerate((i, t.project, name, len(t.indicators)), 1):
            _cell(ws, row + i, c, value)
    for c, width in enumerate((14, 50, 28, 10), 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)


def write_performance_template(path: Path, d: Disclosure) -> Path:
    """Write the workbook for every 项目绩效目标表 of ``d``; :class:`InputError` when ``d``
    has none (nothing to monitor)."""
    targets = [t for t in d.performance if t.indicators]
    if not targets:
        raise InputError(
            "未读到项目绩效目标表，无法生成绩效自评工作簿",
            "no project performance targets were read from the file",
        )
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = L.GUIDE
    taken = {L.GUIDE}
    sheets = [(sheet_name(t.project, taken), t) for t in targets]
    _guide(guide, d, sheets)
    for name, t in sheets:
        _project_sheet(book.create_sheet(name), t, d.department_name or "", d.year)
    inert_workbook(book).save(str(path))
    return path


__all__ = ["write_performance_template"]
