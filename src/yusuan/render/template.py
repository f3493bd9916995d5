"""The input workbook (填报工作簿) finance staff fill once: ``yusuan template``.

Sheets: 部门基本信息 (name, code, year, 部门/单位), 部门职责 (one duty a row),
情况说明填报 (last year's figures and the reasons the 情况说明 needs, see
:data:`~yusuan.render.inputs.FIELDS`; a 决算 workbook has 决算情况说明填报 instead, see
:mod:`~yusuan.render.final_sheet`), 部门机构设置情况, then one sheet per
standard table in the official form — title, meta line, merged header, 栏次,
the standard rows and 科目 already printed, blank rows to add 科目 — with a
number check (data validation) on every amount cell, and a 项目绩效目标表.
The blank template is the official empty package; ``--from`` fills it from a
published package or a JSON model.  ``yusuan parse`` and ``yusuan render`` read
the filled workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.cells import inert_workbook
from yusuan.model import Cell, Disclosure, Indicator, PerformanceTarget, Row, Table, TableId
from yusuan.render import forms, standard
from yusuan.render.final_inputs import FinalInputs
from yusuan.render.final_sheet import (
    HEADER,
    final_inputs,
    item_paths,
    sheet_rows,
)
from yusuan.render.grid import Grid, table_grid
from yusuan.render.inputs import (
    DUTIES_TITLE,
    FIELDS,
    FINAL_REASONS_TITLE,
    INFO_ROWS,
    INFO_TITLE,
    REASONS_TITLE,
    YEAR_LABEL_FINAL,
    Inputs,
    collect,
    subsections,
)
from yusuan.render.package import prepare_tables
from yusuan.render.xlsx import _BOX, BODY, HEAD, TITLE, _widths, sheet_name, write_grid

INPUT_ROWS = 30  # blank rows under a 科目 table for the codes of the department
DUTY_ROWS = 20
ORG_ROWS = 8
FILL_NOTE = "填报说明：蓝色区域为填写内容；金额单位为万元，只填数字；无金额的单元格留空。"


def _amount_validation(**messages: str | bool) -> DataValidation:
    """A data validation admitting a number (either sign, below 10¹²) or a blank cell."""
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        **messages,
    )


def _number_check(ws: Worksheet, grid: Grid, first: int, last: int) -> None:
    dv = _amount_validation(
        showErrorMessage=True,
        errorTitle="金额格式",
        error="请只填写数字（不带单位和逗号），没有金额的留空。",
    )
    for c, kind in enumerate(grid.kinds, 1):
        if kind == "amount":
            col = get_column_letter(c)
            dv.add(f"{col}{first}:{col}{last}")
    if dv.sqref:
        ws.add_data_validation(dv)


#: The fill of the cells to fill in (“蓝色区域为填写内容”).
INPUT_FILL = PatternFill("solid", fgColor="DDEBF7")


def _input(ws: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """Mark the rectangle as input: blue, and unlocked under the sheet protection."""
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            cell = ws.cell(r, c)
            cell.fill = INPUT_FILL
            cell.protection = Protection(locked=False)


def _finish(ws: Worksheet, title_rows: int = 0) -> None:
    """Labels locked (sheet protection without a password: 审阅 › 撤消工作表保护 lifts it),
    columns and rows still resizable; printed on A4 fit to the page width, the title and
    header rows repeated on every page."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = f"1:{title_rows}"


def _form_sheet(
    ws: Worksheet, rows: Sequence[tuple[str, ...]], header: tuple[str, ...], title: str
) -> None:
    """A small bordered input form: title, header, rows."""
    ws.cell(1, 1, title).font = TITLE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for c, label in enumerate(header, 1):
        cell = ws.cell(2, c, label)
        cell.font = HEAD
        cell.alignment = Alignment(horizontal="center")
    for r, values in enumerate(rows, 3):
        for c, value in enumerate(values, 1):
            cell = ws.cell(r, c, value if value != "" else None)
            cell.font = BODY
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r in range(2, 3 + len(rows)):
        for c in range(1, len(header) + 1):
            ws.cell(r, c).border = _BOX


def _info(book: Workbook, d: Disclosure | None, inputs: Inputs | None, kind: str) -> None:
    ws = book.create_sheet(INFO_TITLE)
    known: dict[str, str | None] = {
        "部门名称": inputs.department_name if inputs else None,
        "部门编码": inputs.department_code if inputs else None,
        "预算年度": str(inputs.year) if inputs and inputs.year else None,
        "公开主体": inputs.level if inputs else "部门",
    }
    rows = [(label, known.get(label) or "", help_) for label, help_ in INFO_ROWS]
    if kind == "决算":  # the year a 决算 reports on (read back as the 预算年度 row)
        rows = [(YEAR_LABEL_FINAL if r[0] == "预算年度" else r[0], *r[1:]) for r in rows]
    _form_sheet(ws, rows, ("项目", "内容", "填写说明"), INFO_TITLE)
    for r in range(3, 3 + len(rows)):
        ws.cell(r, 2).number_format = "@"
    level = DataValidation(type="list", formula1='"部门,单位"', allow_blank=True)
    level.add("B6")
    ws.add_data_validation(level)
    for col, width in (("A", 14), ("B", 44), ("C", 30)):
        ws.column_dimensions[col].width = width
    ws.cell(8, 1, FILL_NOTE).font = BODY
    _input(ws, 3, 2, 2 + len(rows), 2)
    _finish(ws, 2)


def _duties(book: Workbook, inputs: Inputs | None) -> None:
    ws = book.create_sheet(DUTIES_TITLE)
    duties = list(inputs.duties) if inputs else []
    n = max(DUTY_ROWS, len(duties))
    rows = [(str(i), duties[i - 1] if i <= len(duties) else "") for i in range(1, n + 1)]
    _form_sheet(ws, rows, ("序号", "职责内容"), DUTIES_TITLE)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 90
    _input(ws, 3, 2, 2 + n, 2)
    _finish(ws, 2)


def _prior(inputs: Inputs, d: Disclosure, tables: list[Table]) -> dict[str, Decimal]:
    """Last year's figures: as given, else this year's figure less the stated change."""
    from yusuan.render.narrative import Figures

    f = Figures(tables, d.unit or standard.Unit.WAN)
    e = TableId.EXPENDITURE
    current = {
        "prior_total": f.cell(TableId.SUMMARY, r"^收入总计$", None, "收入")
        or f.cell(e, r"^合计$", "合计"),
        "prior_basic": f.cell(e, r"^合计$", "基本支出"),
        "prior_project": f.cell(e, r"^合计$", "项目支出"),
        "prior_three": f.cell(TableId.THREE_PUBLIC, r"^合计$|三公.*(?:小计|合计)", None),
    }
    changes = {
        "prior_total": "total_change",
        "prior_basic": "basic_change",
        "prior_project": "project_change",
        "prior_three": "three_change",
    }
    out = {}
    for key, change in changes.items():
        if key in inputs.amounts:
            out[key] = inputs.amounts[key]
        elif change in inputs.amounts:
            out[key] = current[key] - inputs.amounts[change]
    return out


def _reasons(
    book: Workbook, d: Disclosure | None, inputs: Inputs | None, tables: list[Table]
) -> None:
    ws = book.create_sheet(REASONS_TITLE)
    amounts = _prior(inputs, d, tables) if inputs and d else {}
    if inputs:
        amounts.update({k: v for k, v in inputs.amounts.items() if k == "assets_purchase"})
    texts = dict(inputs.texts) if inputs else {}
    if inputs and inputs.performance and "performance_goal" not in texts:
        goal = next((s for s in subsections(inputs.performance[0]) if "总体" in s.title), None)
        if goal is not None:
            texts["performance_goal"] = "\n".join(p.text for p in goal.paragraphs)
    rows: list[tuple[str, ...]] = []
    for i, f in enumerate(FIELDS, 1):
        text = texts.get(f.key, "") if f.kind == "text" else ""
        rows.append((str(i), f.label, "", text, f.help))
    _form_sheet(ws, rows, ("序号", "项目", "金额（万元）", "文字说明", "填写要求"), REASONS_TITLE)
    for i, f in enumerate(FIELDS):
        if f.kind == "amount":
            cell = ws.cell(3 + i, 3)
            if (value := amounts.get(f.key)) is not None:
                cell.value = value
            cell.number_format = "#,##0.00"
    dv = _amount_validation()
    dv.add(f"C3:C{2 + len(FIELDS)}")
    ws.add_data_validation(dv)
    for col, width in (("A", 6), ("B", 30), ("C", 14), ("D", 70), ("E", 36)):
        ws.column_dimensions[col].width = width
    for i, f in enumerate(FIELDS):
        at = 3 if f.kind == "amount" else 4
        _input(ws, 3 + i, at, 3 + i, at)
    _finish(ws, 2)


def _final_reasons(book: Workbook, d: Disclosure | None, tables: list[Table]) -> None:
    """The 决算情况说明填报 sheet: a row a field (``data/final_inputs.toml``), a group of rows
    a 项 of the tables, prefilled from ``d``'s own 情况说明."""
    ws = book.create_sheet(FINAL_REASONS_TITLE)
    fi = final_inputs(d) if d is not None else FinalInputs()
    rows = sheet_rows(fi, item_paths(tables))
    # the 栏次 row ends the header however few rows are filled (a blank row reads as header)
    lines = [("栏次", "1", "2", "3", "4")] + [
        (str(i), r.label, "", str(r.value or "") if r.field.kind == "text" else "", r.field.help)
        for i, r in enumerate(rows, 1)
    ]
    _form_sheet(ws, lines, HEADER, FINAL_REASONS_TITLE)
    for c in range(1, len(HEADER) + 1):
        ws.cell(3, c).alignment = Alignment(horizontal="center")
    amounts = _amount_validation(showErrorMessage=True, error="请只填写数字（单位万元）")
    counts = DataValidation(
        type="whole", operator="between", formula1="0", formula2="1000000", allow_blank=True
    )
    counts.showErrorMessage, counts.error = True, "请填写整数"
    for r, row in enumerate(rows, 4):
        if row.field.kind == "text":
            _input(ws, r, 4, r, 4)
            continue
        cell = ws.cell(r, 3)
        cell.value = row.value
        cell.number_format = "#,##0.00" if row.field.kind == "amount" else "0"
        (amounts if row.field.kind == "amount" else counts).add(f"C{r}")
        _input(ws, r, 3, r, 3)
    for dv in (amounts, counts):
        if dv.sqref:
            ws.add_data_validation(dv)
    for col, width in (("A", 6), ("B", 48), ("C", 16), ("D", 64), ("E", 36)):
        ws.column_dimensions[col].width = width
    ws.cell(5 + len(rows), 1, FILL_NOTE).font = BODY
    _finish(ws, 3)


def _blank_performance() -> tuple[Table, str]:
    header = standard.header_nodes(standard.PERFORMANCE_HEADER)
    columns = standard.columns_of(header, False)
    rows = tuple(
        Row(index=i, cells={0: _text(a), 1: _text(b)} if a else {1: _text(b)})
        for i, (a, b) in enumerate(standard.PERFORMANCE_ROWS)
    )
    table = Table(
        id=TableId.PERFORMANCE,
        title="1、XX项目绩效目标表",
        header=header,
        columns=columns,
        rows=rows,
    )
    return table, ""


def _text(text: str) -> Cell:
    return Cell(text=text)


def _table_inputs(
    ws: Worksheet, table: Table, grid: Grid, first: int, last: int, extra: int
) -> None:
    """The input cells of a table sheet: the amounts; on a 科目 table (rows to add) the
    codes and names too; every cell of 机构设置; a 绩效目标表's goal and its indicators."""
    if table.id in (TableId.ORG, TableId.PERFORMANCE):
        left = 1 if table.id is TableId.ORG else min(3, grid.ncols)
        _input(ws, first, left, last, grid.ncols)
        if grid.goals is not None:
            for r in range(1, first):
                if ws.cell(r, 1).value == "绩效目标":
                    _input(ws, r, 2, r, 2)  # the goal, merged across the row
        return
    kinds = ("amount", "count", "code", "item") if extra else ("amount", "count")
    for c, kind in enumerate(grid.kinds, 1):
        if kind in kinds:
            _input(ws, first, c, last, c)


def _unit_list(d: Disclosure | None, kind: str) -> Table | None:
    """A 决算's 单位构成 list (printed untitled under its heading: 序号, 单位名称, 备注) as
    the workbook's 决算单位构成 sheet."""
    if d is None or kind != "决算":
        return None
    form = forms.org_form(kind)
    keys = [c.key for c in standard.empty_table(form).columns]
    listed = next(
        (
            t
            for t in d.tables
            if t.id is TableId.UNKNOWN
            and not t.title.strip()
            and [c.key for c in t.columns] == keys
        ),
        None,
    )
    return listed.model_copy(update={"id": TableId.ORG, "title": form.title}) if listed else None


def write_template(path: Path, d: Disclosure | None = None, kind: str | None = None) -> Path:
    """Write the input workbook: blank (the 预算 or the 决算 forms, ``kind``), or filled
    from ``d`` (its own kind)."""
    kind = d.kind if d is not None and d.kind else (kind or "预算")
    inputs = collect(d) if d is not None else None
    tables = (
        prepare_tables(d)
        if d is not None
        else [standard.empty_table(f, blank=kind == "决算") for f in forms.forms(kind)]
    )
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    _info(book, d, inputs, kind)
    _duties(book, inputs)
    if kind == "决算":
        _final_reasons(book, d, tables)
    else:
        _reasons(book, d, inputs, tables)
    taken = {INFO_TITLE, DUTIES_TITLE, REASONS_TITLE, FINAL_REASONS_TITLE}
    org = next((t for t in d.tables if t.id is TableId.ORG), None) if d is not None else None
    org = org or _unit_list(d, kind) or standard.empty_table(forms.org_form(kind))
    sheets: list[tuple[Table, str | None, int]] = [(org, None, ORG_ROWS)]
    for t in tables:
        f = forms.form(t.id, kind)
        sheets.append((t, None, INPUT_ROWS if f is not None and f.coded else 0))
    targets: dict[int, PerformanceTarget] = (
        {p.table: p for p in d.performance if p.table is not None} if d else {}
    )
    performance = (
        [(t, targets.get(i)) for i, t in enumerate(d.tables) if t.id is TableId.PERFORMANCE]
        if d
        else []
    )
    if not performance and kind != "决算":  # a 决算 reports 绩效 in its 情况说明
        blank, blank_goals = _blank_performance()
        sheets.append((blank, blank_goals, 0))
    for t, p in performance:
        sheets.append((t, p.goals if p else "", 0))
    for table, goals, extra in sheets:
        ws = book.create_sheet(sheet_name(table.title, taken))
        meta_dept: str | None = inputs.department_name if inputs else None
        grid = table_grid(
            table,
            meta_dept if table.id not in (TableId.ORG, TableId.PERFORMANCE) else None,
            inputs.department_code if inputs else None,
            (inputs.year if inputs else None),
            inputs.level if inputs else None,
            kind,
            goals,
        )
        end, first = write_grid(ws, grid, 1, extra)
        body_last = first + len(grid.body or [[]]) + extra - 1
        _number_check(ws, grid, first, body_last)
        _widths(ws, grid.widths)
        ws.freeze_panes = ws.cell(first, 1)
        ws.page_setup.orientation = "landscape" if grid.landscape else "portrait"
        ws.cell(end, 1, FILL_NOTE).font = Font(name="宋体", size=9, color="666666")
        _table_inputs(ws, table, grid, first, body_last, extra)
        _finish(ws, first - 1)
    inert_workbook(book).save(str(path))
    return path


__all__ = ["Indicator", "write_template"]
