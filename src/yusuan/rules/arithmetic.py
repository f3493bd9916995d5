"""YS1xx — arithmetic inside one table: row totals, total rows, two-sided tables.

Shared helpers live here; the rules of the two-sided 收支总表 (YS103–YS107) are in
:mod:`yusuan.rules.arithmetic_sides`, imported at the end of this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from yusuan.amounts import Unit, to_wan
from yusuan.model import Column, HeaderNode, Row, Table, TableId
from yusuan.rules.base import (
    Finding,
    Location,
    Rule,
    Severity,
    cell_location,
    fmt,
    rounding_bound,
)
from yusuan.rules.context import CheckContext, index_of, norm

GUIDE = "《地方预决算公开操作规程》（财预〔2016〕143号）第三条：预决算公开应当真实、准确"
THREE_PUBLIC_BASIS = (
    "《地方预决算公开操作规程》（财预〔2016〕143号）：“三公”经费应公开总额及因公出国（境）费、"
    "公务用车购置及运行费（分列购置费和运行费）、公务接待费三项；公开数据应当真实、准确"
)
TOTAL_KEYS = ("合计", "小计", "总计")
SUBTOTAL = re.compile(r"小计$")
RESIDUAL = re.compile(r"^其他")  # a residual child (其他……) makes a split exhaustive
VEHICLE = re.compile(r"公务用车购置[及和与]?运[行维]")
VEHICLE_BUY = re.compile(r"公务用车购置费$|^购置费$")
VEHICLE_RUN = re.compile(r"公务用车运[行维].*费$|^运[行维].*费$")
YEAR_TOTAL = re.compile(r"^(?:本年)?(?:收入|支出)(?:合计|小计)$")
GRAND_TOTAL = re.compile(r"^(?:收入|支出)?总计$")
CARRY = re.compile(r"结转|结余|弥补")
FUND = re.compile(r"拨款|预算|资金")
# The parts of 年末结转和结余: 基本支出结转, 项目支出结转和结余, 经营结余.
SUBCARRY = re.compile(r"^(?:其中)?(?:基本支出|项目支出|经营)结")
THREE_ITEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("因公出国（境）费", re.compile(r"因公出国")),
    ("公务用车购置及运行费", VEHICLE),
    ("公务接待费", re.compile(r"公务接待")),
)


def children_sum(
    table: Table, rows: list[Row], parent: int, column: Column
) -> tuple[Decimal, list[str | None], bool]:
    """Σ of the direct children of ``rows[parent]`` (rows of the next depth below it).

    Returns the sum, the printed texts involved and whether any child holds a value.
    """
    depth = rows[parent].depth
    total, printed, any_value = Decimal(0), [], False
    for r in rows[parent + 1 :]:
        if r.depth is None or depth is None or r.depth <= depth:
            break
        if r.depth == depth + 1:
            v = CheckContext.value(table, r, column)
            if v is None:
                v, p, has = children_sum(table, rows, index_of(rows, r), column)
                printed.extend(p)
                any_value = any_value or has
            else:
                printed.append(CheckContext.text(r, column))
                any_value = True
            total += v
    return total, printed, any_value


def effective(
    table: Table, rows: list[Row], i: int, column: Column
) -> tuple[Decimal, list[str | None]]:
    """A row's value, or — when it is printed blank — the sum of its children."""
    v = CheckContext.value(table, rows[i], column)
    if v is not None:
        return v, [CheckContext.text(rows[i], column)]
    total, printed, _ = children_sum(table, rows, i, column)
    return total, printed


def _node_columns(node: HeaderNode, table: Table) -> list[Column]:
    return [c for c in table.columns if node.first <= c.index <= node.last and c.role == "amount"]


def _node_plan(node: HeaderNode, table: Table) -> list[Column]:
    """The columns a header group is worth: its own 合计/小计 leaf, else all its leaves."""
    cols = _node_columns(node, table)
    for child in node.children:  # a group with its own 小计 leaf is worth that leaf
        if norm(child.label) in TOTAL_KEYS and not child.children:
            return [c for c in cols if c.index == child.first]
    return cols


def _node_value(
    node: HeaderNode, table: Table, row: Row, plan: list[Column] | None = None
) -> tuple[Decimal, list[str | None]] | None:
    """A header group's value on a row: its 合计/小计 leaf, else the sum of its leaves."""
    cols = _node_plan(node, table) if plan is None else plan
    if not cols:
        return None
    total = sum((CheckContext.amount(table, row, c) for c in cols), Decimal(0))
    return total, [CheckContext.text(row, c) for c in cols]


def total_groups(nodes: tuple[HeaderNode, ...]) -> Iterator[tuple[HeaderNode, list[HeaderNode]]]:
    """Each (合计 node, its sibling nodes) in the header tree."""
    for i, n in enumerate(nodes):
        if norm(n.label) in TOTAL_KEYS and not n.children:
            yield n, [m for j, m in enumerate(nodes) if j != i]
    for n in nodes:
        yield from total_groups(n.children)


def sides(table: Table) -> list[list[Row]]:
    """The rows of each side of a table (one list for a one-sided table), in order."""
    out: dict[str | None, list[Row]] = {}
    for r in table.rows:
        out.setdefault(r.section, []).append(r)
    return list(out.values())


def side_columns(table: Table, rows: list[Row]) -> list[Column]:
    """The amount columns of the side ``rows`` belong to."""
    section = rows[0].section if rows else None
    return [c for c in table.amount_columns() if c.section == section]


@dataclass(frozen=True)
class SideLayout:
    """One side (收入 or 支出) of a two-sided total table, by row index into ``rows``.

    ``items`` are the top items above 本年收入/支出合计; ``carries`` the rows added
    between it and the 总计 row (上年结转, 年初结转和结余 …), each with the rows that
    break it down by fund (一、一般公共预算拨款 … printed below it).
    """

    table: Table
    section: str
    rows: list[Row]
    columns: list[Column]
    items: list[int]
    year_total: int | None
    carries: list[tuple[int, list[int]]]
    grand_total: int | None

    @property
    def final(self) -> int | None:
        """The row closing the side: 总计, else 本年合计."""
        return self.grand_total if self.grand_total is not None else self.year_total


def side_layout(table: Table, rows: list[Row]) -> SideLayout | None:
    """The layout of one side of a two-sided table (None for a one-sided table)."""
    section = rows[0].section if rows else None
    if section is None:
        return None
    keys = [norm(r.item) for r in rows]
    year = next(
        (i for i, k in enumerate(keys) if rows[i].depth is None and YEAR_TOTAL.match(k)), None
    )
    grand = next(
        (i for i, k in enumerate(keys) if rows[i].depth is None and GRAND_TOTAL.match(k)), None
    )
    first_carry = next((i for i, k in enumerate(keys) if CARRY.search(k)), None)
    candidates = [i for i in (year, first_carry, grand) if i is not None]
    end = year if year is not None else min(candidates, default=len(rows))
    items = [i for i in range(end) if rows[i].depth == 0]
    start = year + 1 if year is not None else end
    stop = grand if grand is not None and grand >= start else len(rows)
    carries: list[tuple[int, list[int]]] = []
    for i in range(start, stop):
        r = rows[i]
        if r.depth is None:
            continue
        if carries and CARRY.search(keys[carries[-1][0]]):
            head = rows[carries[-1][0]]
            deeper = head.depth is not None and r.depth > head.depth
            fund = FUND.search(keys[i]) and not CARRY.search(keys[i])
            if deeper or fund or SUBCARRY.match(keys[i]):
                carries[-1][1].append(i)
                continue
        carries.append((i, []))
    return SideLayout(table, section, rows, side_columns(table, rows), items, year, carries, grand)


def side_layouts(table: Table) -> list[SideLayout]:
    """The layouts of the 收入 and 支出 sides of a two-sided table."""
    out = [side_layout(table, rows) for rows in sides(table)]
    return [s for s in out if s is not None and s.columns]


def direct_children(rows: list[Row], parent: int) -> list[int]:
    """Indexes of the rows one level below ``rows[parent]`` (up to the next row at its level)."""
    depth = rows[parent].depth
    out: list[int] = []
    if depth is None:
        return out
    for j in range(parent + 1, len(rows)):
        d = rows[j].depth
        if d is None or d <= depth:
            break
        if d == depth + 1:
            out.append(j)
    return out


def exceeds(
    rule: Rule,
    message: str,
    ceiling: Decimal,
    total: Decimal,
    printed: list[str | None],
    location: Location | Callable[[], Location],
    unit: Unit | None = None,
) -> Finding | None:
    """A finding when ``total`` is greater than ``ceiling`` (info within the rounding bound
    of the figures, printed in ``unit``)."""
    diff = total - ceiling
    if diff <= 0:
        return None
    within = diff <= to_wan(rounding_bound(printed), unit or Unit.WAN)
    text = f"{message}：上级数 {fmt(ceiling)} 小于下级之和 {fmt(total)}，相差 {fmt(diff)}"
    if within:
        text += "（在四舍五入误差之内）"
    return rule.finding(
        text, location, expected=total, actual=ceiling, severity=Severity.INFO if within else None
    )


def find_item(rows: list[Row], rx: re.Pattern[str]) -> int | None:
    """The shallowest (then first) non-total row whose item matches ``rx``."""
    hits = [i for i, r in enumerate(rows) if r.depth is not None and rx.search(norm(r.item))]
    return min(hits, key=lambda i: (rows[i].depth or 0, i)) if hits else None


@dataclass(frozen=True)
class ThreePublic:
    """The 三公 table laid out by rows: the 小计 row and the three items (indexes)."""

    table: Table
    rows: list[Row]
    subtotal: int | None
    items: list[int]


def three_public_layout(table: Table) -> ThreePublic | None:
    """The 三公 rows of a table, or None when the three items are not printed as rows."""
    if table.id != TableId.THREE_PUBLIC or any(c.section for c in table.columns):
        return None
    rows = list(table.rows)
    items = [find_item(rows, rx) for _, rx in THREE_ITEMS]
    found = [i for i in items if i is not None]
    if len(found) != len(items):
        return None
    first = min(found)
    subtotal = next(
        (
            i
            for i, r in enumerate(rows[:first])
            if r.depth is None and SUBTOTAL.search(norm(r.item))
        ),
        None,
    )
    return ThreePublic(table, rows, subtotal, found)


def row_sum_findings(
    rule: Rule, table: Table, rows: list[Row], row: Row, parts_at: list[int], message: str
) -> Iterator[Finding]:
    """``row`` equals the sum of the rows at ``parts_at``, in every amount column
    (a part printed blank counts as the sum of its children)."""
    for col in table.amount_columns():
        actual = CheckContext.value(table, row, col)
        parts = [effective(table, rows, i, col) for i in parts_at]
        expected = sum((p[0] for p in parts), Decimal(0))
        if actual is None and expected == 0:
            continue
        printed = [CheckContext.text(row, col)] + [t for p in parts for t in p[1]]
        f = rule.mismatch(
            message,
            expected,
            actual or Decimal(0),
            printed,
            partial(cell_location, table, row, col),
            unit=table.unit,
        )
        if f:
            yield f


class RowTotalMismatch(Rule):
    """检查什么
    表内每一行的“合计”（或“小计”）列，应等于表头中与它并列的各列之和，
    例如 合计 = 基本支出 + 项目支出，本年收入 小计 = 财政拨款收入 + 事业收入 + …，
    合计 = 本年收入 + 上年结转。

    为什么重要
    行合计与分项不符，说明表格数据有误或漏填，公开数据失去可信度。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    2010101 行政运行：合计 322.91，基本支出 320.91，项目支出 空。

    正确写法
    合计 322.91 = 基本支出 322.91 + 项目支出 0。
    """

    code = "YS101"
    name = "row-total-mismatch"
    title = "行合计不等于各分项之和"
    tags = ("arithmetic",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            for total_node, siblings in total_groups(table.header):
                total_cols = _node_columns(total_node, table)
                if len(total_cols) != 1:
                    continue
                total_col = total_cols[0]
                parts = [s for s in siblings if _node_columns(s, table)]
                if not parts:
                    continue
                plans = [_node_plan(s, table) for s in parts]
                names = "＋".join(norm(s.label) for s in parts)
                involved = [total_col.index, *(c.index for p in plans for c in p)]
                for row in table.rows:
                    if total_col.section and row.section != total_col.section:
                        continue
                    cells = row.cells
                    if not any((c := cells.get(i)) is not None and c.value for i in involved):
                        continue  # blank or zero throughout: nothing to add up
                    actual = CheckContext.value(table, row, total_col)
                    values = [
                        _node_value(s, table, row, p) for s, p in zip(parts, plans, strict=True)
                    ]
                    expected = sum((v[0] for v in values if v), Decimal(0))
                    if expected == (actual or 0):
                        continue
                    printed = [CheckContext.text(row, total_col)] + [
                        t for v in values if v for t in v[1]
                    ]
                    f = self.mismatch(
                        f"“{total_col.key}”应等于{names}",
                        expected,
                        actual or Decimal(0),
                        printed,
                        partial(cell_location, table, row, total_col),
                        unit=table.unit,
                    )
                    if f:
                        yield f


class TotalRowMismatch(Rule):
    """检查什么
    表中的“合计”行（或“总额”行）应等于各一级项目之和：有科目编码的表为各“类”之和，
    无编码的表为各“一、二、三…”项之和（某项本身留空时按其下各子项之和计）。

    为什么重要
    合计行是读者最先看的数字，与明细不符会直接误导读者。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    合计 593.58，而 201、208、210、221 四类之和为 592.58。

    正确写法
    合计行等于全部“类”级科目之和。
    """

    code = "YS102"
    name = "total-row-mismatch"
    title = "合计行不等于各项之和"
    tags = ("arithmetic",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            if any(c.section for c in table.columns):
                continue  # two-sided tables: YS103–YS106
            rows = list(table.rows)
            total = next(
                (
                    r
                    for r in rows
                    if r.depth is None and norm(r.item) in ("合计", "总计", "资产总额")
                ),
                None,
            )
            if total is None:
                continue
            tops = [i for i, r in enumerate(rows) if r.depth == 0]
            if not tops:
                continue
            yield from row_sum_findings(
                self, table, rows, total, tops, f"“{total.item}”行应等于各一级项目之和"
            )


# The other YS1xx rules (imported last: they use the helpers above).
from yusuan.rules import arithmetic_rows, arithmetic_sides  # noqa: E402, F401
