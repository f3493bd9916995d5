"""Read a filled 绩效自评 workbook back (``yusuan evaluate``).

The workbook is the one ``yusuan template --performance`` wrote
(:mod:`yusuan.render.performance_layout`): the 填报说明 sheet carries the marker, 部门名称 and
预算年度; every other sheet is one project, its rows found by the label in column A.  The
targets are read as printed on the sheet (指标值 parsed again, so the workbook alone is
enough); the entries are checked cell by cell.  Anything that cannot be scored is an
:class:`~yusuan.errors.InputError` naming the sheet and cell: not the workbook, a 全年预算数
or 全年执行数 missing or not a number, weights that are not numbers or do not add up to
100, a 实际完成值 missing, not a number for a quantitative indicator, or not 达成/部分达成/
未达成 for a qualitative one.  A percentage typed as ``95%`` (Excel stores 0.95 in a
percent-formatted cell) counts as 95 for an indicator in %.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.amounts import parse_amount
from yusuan.errors import InputError
from yusuan.model import Indicator
from yusuan.recognize.indicator_value import parse_indicator_value
from yusuan.render import performance_layout as L
from yusuan.rules.performance.evaluation import FilledIndicator, FilledProject


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _where(ws: Worksheet, cell: Cell) -> str:
    return f"{ws.title}!{cell.coordinate}"


def _decimal(ws: Worksheet, cell: Cell, what: str, percent: bool = False) -> Decimal | None:
    """A number cell (blank → None); text that is no number is an error."""
    v = cell.value
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise _bad(ws, cell, f"{what}应为数字", f"{what} must be a number")
    if isinstance(v, int | float):
        d = Decimal(str(v))
        return d * 100 if percent and "%" in (cell.number_format or "") else d
    t = str(v).strip().replace("％", "%")
    try:
        return parse_amount(t[:-1] if percent and t.endswith("%") else t)
    except (ValueError, InvalidOperation):
        raise _bad(
            ws, cell, f"{what}应为数字，填的是“{t[:20]}”", f"{what} must be a number"
        ) from None


def _bad(ws: Worksheet, cell: Cell | None, zh: str, en: str) -> InputError:
    where = _where(ws, cell) if cell is not None else ws.title
    return InputError(f"{where}：{zh}", en)


def _rows(ws: Worksheet) -> dict[str, int]:
    """Column A's labels → their row (the first of each)."""
    found: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        label = _text(ws.cell(r, 1).value)
        if label and label not in found:
            found[label] = r
    return found


def _need(ws: Worksheet, rows: dict[str, int], label: str) -> int:
    if label not in rows:
        raise _bad(ws, None, f"找不到“{label}”行，不是绩效自评工作表", f"no “{label}” row")
    return rows[label]


def _weights(ws: Worksheet, row: int) -> dict[str, Decimal]:
    names = {_text(ws.cell(row, c).value): c for c in range(2, L.NCOLS + 1)}
    out: dict[str, Decimal] = {}
    for kind, name in L.WEIGHT_KINDS:
        if name not in names:
            raise _bad(ws, ws.cell(row, 1), f"权重缺少“{name}”", f"no weight for {name}")
        cell = ws.cell(row + 1, names[name])
        value = _decimal(ws, cell, f"{name}权重")
        if value is None or value < 0:
            raise _bad(ws, cell, f"{name}权重未填写", f"the weight of {name} is blank")
        out[kind] = value
    if sum(out.values(), Decimal(0)) != 100:
        total = sum(out.values(), Decimal(0))
        raise _bad(
            ws,
            ws.cell(row + 1, 2),
            f"评分权重合计为 {total}，应为 100",
            "weights must add up to 100",
        )
    return out


def _indicator(ws: Worksheet, r: int) -> FilledIndicator | None:
    level1, level2, level3, target = (
        _text(ws.cell(r, c).value) for c in (L.COL_LEVEL1, L.COL_LEVEL2, L.COL_LEVEL3, L.COL_TARGET)
    )
    if not (level1 or level2 or level3):
        return None
    comparator, value, unit = parse_indicator_value(target)
    ind = Indicator(
        level1=level1,
        level2=level2,
        level3=level3,
        value_text=target,
        comparator=comparator,
        value=value,
        unit=unit,
    )
    cell = ws.cell(r, L.COL_ACTUAL)
    entered = _text(cell.value)
    actual: Decimal | None = None
    grade: str | None = None
    if not entered:
        raise _bad(ws, cell, f"指标“{level3}”未填写实际完成值", f"no result entered for {level3}")
    if entered in L.GRADE_LIST:
        grade = entered
    elif value is None:
        raise _bad(
            ws,
            cell,
            f"定性指标“{level3}”的完成情况应为 达成/部分达成/未达成，填的是“{entered[:20]}”",
            "a qualitative indicator takes 达成, 部分达成 or 未达成",
        )
    else:
        actual = _decimal(ws, cell, f"指标“{level3}”的实际完成值", percent=unit == "%")
    weight_cell = ws.cell(r, L.COL_WEIGHT)
    return FilledIndicator(
        indicator=ind,
        actual=actual,
        grade=grade,
        weight=_decimal(ws, weight_cell, f"指标“{level3}”的分值"),
        reason=_text(ws.cell(r, L.COL_REASON).value),
        measure=_text(ws.cell(r, L.COL_MEASURE).value),
        where=_where(ws, cell),
    )


def _project(ws: Worksheet) -> FilledProject:
    rows = _rows(ws)
    project = _text(ws.cell(_need(ws, rows, L.LABEL_PROJECT), 2).value)
    dept_row = rows.get(L.LABEL_DEPARTMENT)
    department = agency = ""
    if dept_row is not None:
        department = _text(ws.cell(dept_row, 2).value)
        for c in range(2, L.NCOLS):
            if _text(ws.cell(dept_row, c).value) == L.LABEL_AGENCY:
                agency = _text(ws.cell(dept_row, c + 1).value)
    money = _need(ws, rows, L.LABEL_TOTAL)
    initial = _decimal(ws, ws.cell(money, 2), L.MONEY_COLUMNS[0])
    amounts = []
    for i in (1, 2):
        cell = ws.cell(money, 2 + i)
        got = _decimal(ws, cell, L.MONEY_COLUMNS[i])
        if got is None:
            label = L.MONEY_COLUMNS[i]
            raise _bad(ws, cell, f"{label}未填写", f"{label} is blank")
        amounts.append(got)
    budget, executed = amounts
    if budget <= 0:
        raise _bad(ws, ws.cell(money, 3), "全年预算数应大于 0", "the year's budget must be above 0")
    weights = _weights(ws, _need(ws, rows, L.LABEL_WEIGHTS))
    head = _need(ws, rows, L.HEADER[0])
    indicators = []
    for r in range(head + 1, ws.max_row + 1):
        filled = _indicator(ws, r)
        if filled is None:
            break
        indicators.append(filled)
    if not indicators:
        raise _bad(ws, ws.cell(head, 1), "没有绩效指标", "no indicators on the sheet")
    goals_row, achieved_row = rows.get(L.LABEL_GOALS), rows.get(L.LABEL_ACHIEVED)
    return FilledProject(
        project=project or ws.title,
        budget=budget,
        executed=executed,
        indicators=tuple(indicators),
        weights=weights,
        initial=initial,
        department=department,
        agency=agency,
        goals=_text(ws.cell(goals_row, 2).value) if goals_row else "",
        achieved=_text(ws.cell(achieved_row, 2).value) if achieved_row else "",
        sheet=ws.title,
    )


def read_filled(
    path: Path, max_bytes: int = 50 * 1024 * 1024
) -> tuple[str, int | None, list[FilledProject]]:
    """(部门名称, 预算年度, the projects) of a filled workbook; :class:`InputError` if it is
    not one or cannot be scored."""
    if path.stat().st_size > max_bytes:
        raise InputError(
            f"文件大于 {max_bytes // (1024 * 1024)} MB，未读取", "the file is larger than the limit"
        )
    try:
        book = load_workbook(str(path), data_only=True)
    except FileNotFoundError:
        raise InputError("文件不存在", "no such file") from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(
            "不是 xlsx 工作簿，无法打开", f"not an xlsx workbook ({type(exc).__name__})"
        ) from None
    if L.GUIDE not in book.sheetnames or _text(book[L.GUIDE]["A1"].value) != L.MARKER:
        raise InputError(
            "不是绩效自评工作簿（请用 yusuan template --performance 生成）",
            "not a 绩效自评 workbook (write one with yusuan template --performance)",
        )
    guide = book[L.GUIDE]
    rows = _rows(guide)
    department = (
        _text(guide.cell(rows[L.GUIDE_DEPARTMENT], 2).value) if L.GUIDE_DEPARTMENT in rows else ""
    )
    year_text = _text(guide.cell(rows[L.GUIDE_YEAR], 2).value) if L.GUIDE_YEAR in rows else ""
    year = int(float(year_text)) if year_text.replace(".", "", 1).isdigit() else None
    projects = [_project(book[name]) for name in book.sheetnames if name != L.GUIDE]
    if not projects:
        raise InputError("工作簿中没有项目工作表", "the workbook holds no project sheet")
    return department, year, projects


__all__ = ["read_filled"]
