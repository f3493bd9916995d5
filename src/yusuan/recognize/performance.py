"""项目绩效目标表: the project's form fields, its goals and its indicators, structured.

Two printed forms, one mechanism:

- the grid alone (the reference): a 绩效目标 row with the goal text, a header row
  (一级指标 · 二级指标 · 三级指标 · 绩效指标描述 · 指标值 · 指标值确定依据), then one
  row per indicator; the project is named by the table's title;
- the form (Shanghai's 财政项目支出绩效目标填报表): 项目名称 / 主管部门 / 实施单位 /
  项目资金 label-value rows and a 项目总目标 · 年度总体目标 pair above the indicator
  grid, often with a 绩效指标 column merged down the grid's left side, and several forms
  in one table when the PDF reader stitched pages together.

The rows are laid on the grid by their spans (a merged 一级/二级指标 cell covers the rows
below it; a blank one continues the one above when spans are not known), each column is
found by its header label (``data/performance.toml``), never by position, and a table is
cut into forms where a 项目名称 row starts one.  An indicator value is split by
:func:`~yusuan.recognize.indicator_value.parse_indicator_value`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from yusuan import regex
from yusuan.amounts import Unit, find_unit, is_amount_text, parse_amount
from yusuan.datafiles import data_toml
from yusuan.model import Indicator, PerformanceTarget, Source
from yusuan.read.raw import RawCell, RawTable
from yusuan.recognize.header import key_of, place
from yusuan.recognize.indicator_value import parse_indicator_value
from yusuan.regex import lazy

__all__ = ["is_performance_grid", "parse_indicator_value", "parse_performance"]

_UNIT_IN_NAME = regex.compile(r"^(.*?)[（(]\s*([^（）()]{1,6})\s*[)）]$")
_UNIT_IN_LABEL = regex.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[)）]")
Grid = list[list[RawCell | None]]


@cache
def _labels() -> dict[str, dict[str, tuple[str, ...]]]:
    raw = data_toml("performance.toml")
    return {
        part: {k: tuple(key_of(w) for w in v) for k, v in fields.items()}
        for part, fields in raw.items()
    }


def _label(text: str) -> str:
    """A label's key: no blanks, no unit in brackets (``项目资金（元）`` → 项目资金)."""
    return _UNIT_IN_LABEL.sub("", key_of(text)).replace("（", "(").replace("）", ")")


def _is(text: str, part: str, field: str) -> bool:
    return _label(text) in _words(part, field)


@cache
def _words(part: str, field: str) -> frozenset[str]:
    """The labels of a field as :func:`_label` makes them (made once, not once per cell)."""
    return frozenset(w.replace("（", "(").replace("）", ")") for w in _labels()[part][field])


def _any_label(text: str) -> bool:
    return any(_is(text, "form", f) for f in _labels()["form"])


def is_performance_grid(raw: RawTable) -> bool:
    return any(_is(c.text, "grid", "level1") for row in raw.rows for c in row)


def _grid(rows: list[list[RawCell]], spans: bool) -> Grid:
    """Each grid position → the cell covering it (a merged cell covers all its positions)."""
    placed = place(rows)
    width = max((c + cell.colspan for row in placed for c, cell in row), default=0)
    grid: Grid = [[None] * width for _ in rows]
    for r, row in enumerate(placed):
        for c, cell in row:
            for dr in range(cell.rowspan if spans else 1):
                for dc in range(cell.colspan):
                    if r + dr < len(grid):
                        grid[r + dr][c + dc] = cell
    return grid


def _at(grid: Grid, r: int, c: int | None) -> RawCell | None:
    if c is None or r >= len(grid) or c >= len(grid[r]):
        return None
    return grid[r][c]


def _text(cell: RawCell | None) -> str:
    return cell.text.strip() if cell is not None else ""


def _forms(raw: RawTable) -> list[tuple[int, int]]:
    """Row ranges of the forms in a table: a 项目名称 row (or a title row right above it)
    starts one; each range holds one indicator header."""
    starts = [0]
    heads = [i for i, row in enumerate(raw.rows) if any(_is(c.text, "grid", "level1") for c in row)]
    for i, row in enumerate(raw.rows):
        if i and any(_is(c.text, "form", "project") for c in row[:1]):
            k = i
            while k - 1 > starts[-1] and len(raw.rows[k - 1]) == 1 and k - 1 not in heads:
                k -= 1  # 财政项目支出绩效目标填报表 · （2023年度）: one cell across the form
            if any(starts[-1] <= h < k for h in heads):
                starts.append(k)
    return list(zip(starts, [*starts[1:], len(raw.rows)], strict=True))


def _field(grid: Grid, top: int, head: int, field: str) -> tuple[str, RawCell | None]:
    """The value of a form field above the indicator header: the cell right of its label,
    else the one below it (项目总目标 over its text)."""
    for want in _labels()["form"][field]:
        for r in range(top, head):
            row = grid[r]
            for c, cell in enumerate(row):
                if cell is None or _label(cell.text) != want.replace("（", "(").replace("）", ")"):
                    continue
                if c > 0 and row[c - 1] is cell:
                    continue  # the same merged cell, seen at its first column already
                right = next((x for x in row[c:] if x is not None and x is not cell), None)
                if right is not None and _text(right) and not _any_label(right.text):
                    return _text(right), right
                below = _at(grid, r + 1, c)
                if r + 1 < head and below is not None and below is not cell:
                    if _text(below) and not _any_label(below.text):
                        return _text(below), below
    return "", None


def _budget(grid: Grid, top: int, head: int) -> tuple[Decimal | None, Unit | None]:
    text, _ = _field(grid, top, head, "budget")
    if not text or not is_amount_text(text):
        return None, None
    unit: Unit | None = None
    for row in grid[top:head]:
        for cell in row:
            if cell is not None and (m := _UNIT_IN_LABEL.search(key_of(cell.text))):
                unit = Unit(m.group(1))
            elif cell is not None and (u := find_unit(cell.text)) is not None:
                unit = u
    return parse_amount(text), unit


def _goals(grid: Grid, top: int, head: int) -> str:
    text, _ = _field(grid, top, head, "goals")
    if text:
        return text
    seen: list[str] = []  # the grid alone: every text above the header but the labels
    for row in grid[top:head]:
        for cell in row:
            t = _text(cell)
            if t and not _any_label(t) and t not in seen:
                seen.append(t)
    return "\n".join(seen)


def _columns(grid: Grid, head: int) -> dict[str, int]:
    """The grid column of each header (the first alias printed wins, in the data's order)."""
    col: dict[str, int] = {}
    for name, aliases in _labels()["grid"].items():
        for alias in aliases:
            want = alias.replace("（", "(").replace("）", ")")
            c = next(
                (c for c, x in enumerate(grid[head]) if x is not None and _label(x.text) == want),
                None,
            )
            if c is not None:
                col[name] = c
                break
    if "value" not in col:  # any other header naming the 指标值 (not its 依据)
        for c, cell in enumerate(grid[head]):
            t = key_of(_text(cell))
            if "指标值" in t and "依据" not in t:
                col["value"] = c
                break
    return col


def _indicators(rows: list[list[RawCell]], grid: Grid, head: int, end: int) -> list[Indicator]:
    col = _columns(grid, head)
    start = col.get("level1", 0)
    # 描述 and 依据 only where their header is printed; the levels and the value fall back
    # to the reference's order
    col = {"level2": start + 1, "level3": start + 2, "value": start + 4, **col}
    out: list[Indicator] = []
    level1 = level2 = ""
    for r in range(head + 1, end):
        cells = {k: _at(grid, r, c) for k, c in col.items()}
        if cells["level3"] is not None and cells["level3"] is cells.get("value"):
            continue  # one cell across the grid: a title or a note, not an indicator
        if not any(_text(c) for c in cells.values()):
            continue
        # a merged 一级/二级 cell covers the rows below it; a blank one continues the one above
        level1 = _text(cells["level1"]) or level1
        level2 = _text(cells["level2"]) or level2
        level3 = _text(cells["level3"])
        value_text = _text(cells["value"])
        comparator, value, unit = parse_indicator_value(value_text)
        name = level3
        if (m := _UNIT_IN_NAME.match(level3)) is not None:
            name = m.group(1).strip()
            unit = unit or m.group(2).replace("％", "%")
        at = rows[r][0] if rows[r] else cells["level3"]  # where the printed row starts
        out.append(
            Indicator(
                level1=key_of(level1),
                level2=key_of(level2),
                level3=name,
                description=_text(cells.get("description")),
                value_text=value_text,
                comparator=comparator,
                value=value,
                unit=unit,
                basis=_text(cells.get("basis")),
                source=at.source if at is not None else Source(),
            )
        )
    return out


_ITEM_NUMBER = lazy(r"^\s*\d+\s*[、.．]\s*")
_TARGETS_FORM = lazy(r"(项目)?(支出)?绩效目标(申报|填报)?表$")


def _project_of(title: str) -> str:
    project = _ITEM_NUMBER.sub("", title).strip()
    return _TARGETS_FORM.sub("", project).strip() or project


def parse_performance(raw: RawTable, title: str, table_no: int) -> list[PerformanceTarget]:
    """Structure the 绩效目标 forms of one table (usually one; one per 项目名称 row)."""
    grid = _grid(raw.rows, raw.spans_known)
    out: list[PerformanceTarget] = []
    for top, end in _forms(raw):
        head = next(
            (i for i in range(top, end) if any(_is(c.text, "grid", "level1") for c in raw.rows[i])),
            None,
        )
        if head is None:
            continue
        name, name_cell = _field(grid, top, head, "project")
        budget, unit = _budget(grid, top, head)
        first = name_cell or next((c for row in raw.rows[top:end] for c in row), None)
        source = raw.source.model_copy(update={"table": table_no})
        if first is not None and (first.source.page or first.source.line):
            source = first.source.model_copy(update={"table": table_no})
        out.append(
            PerformanceTarget(
                project=name or _project_of(title),
                goals=_goals(grid, top, head),
                indicators=tuple(_indicators(raw.rows, grid, head, end)),
                budget=budget,
                budget_unit=unit if budget is not None else None,
                department=_field(grid, top, head, "department")[0],
                agency=_field(grid, top, head, "agency")[0],
                table=table_no,
                source=source,
            )
        )
    return out
