"""Figures inside one table: the values a total is checked against (children sums, effective
values, header groups), and the shared patterns of the YS1xx family.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial

from yusuan.amounts import Unit, to_wan
from yusuan.model import Column, HeaderNode, Row, Table
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, Rule, Severity, cell_location, rounding_bound
from yusuan.rules.context import CheckContext, norm, skip_unreadable
from yusuan.rules.printed import money, style_of
from yusuan.rules.values import effective

GUIDE = "《地方预决算公开操作规程》（财预〔2016〕143号）第三条：预决算公开应当真实、准确"
THREE_PUBLIC_BASIS = (
    "《地方预决算公开操作规程》（财预〔2016〕143号）：“三公”经费应公开总额及因公出国（境）费、"
    "公务用车购置及运行费（分列购置费和运行费）、公务接待费三项；公开数据应当真实、准确"
)
TOTAL_KEYS = ("合计", "小计", "总计")
SUBTOTAL = lazy(r"小计$")
RESIDUAL = lazy(r"^其他")  # a residual child (其他……) makes a split exhaustive
VEHICLE = lazy(r"公务用车购置[及和与]?运[行维]")
VEHICLE_BUY = lazy(r"公务用车购置费$|^购置费$")
VEHICLE_RUN = lazy(r"公务用车运[行维].*费$|^运[行维].*费$")
YEAR_TOTAL = lazy(r"^(?:本年|当年)?(?:收入|支出)(?:合计|小计)$")
GRAND_TOTAL = lazy(r"^(?:收入|支出)?总计$")
CARRY = lazy(r"结转|结余|弥补")
FUND = lazy(r"拨款|预算|资金")
# The parts of 年末结转和结余: 基本支出结转, 项目支出结转和结余, 经营结余.
SUBCARRY = lazy(r"^(?:其中)?(?:基本支出|项目支出|经营)结")
THREE_ITEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("因公出国（境）费", lazy(r"因公出国")),
    ("公务用车购置及运行费", VEHICLE),
    ("公务接待费", lazy(r"公务接待")),
)


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
    style = style_of(unit, printed)
    text = (
        f"{message}：上级数 {money(ceiling, style)} 小于下级之和 {money(total, style)}，"
        f"相差 {money(diff, style, beside=False)}"
    )
    if within:
        text += "（在四舍五入误差之内）"
    return rule.finding(
        text,
        location,
        expected=total,
        actual=ceiling,
        severity=Severity.INFO if within else None,
        style=style,
    )


def find_item(rows: list[Row], rx: re.Pattern[str]) -> int | None:
    """The shallowest (then first) non-total row whose item matches ``rx``."""
    hits = [i for i, r in enumerate(rows) if r.depth is not None and rx.search(norm(r.item))]
    return min(hits, key=lambda i: (rows[i].depth or 0, i)) if hits else None


def row_sum_findings(
    rule: Rule, table: Table, rows: list[Row], row: Row, parts_at: list[int], message: str
) -> Iterator[Finding]:
    """``row`` equals the sum of the rows at ``parts_at``, in every amount column
    (a part printed blank counts as the sum of its children)."""
    for col in table.amount_columns():
        with skip_unreadable():
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


def quoted(item: str) -> str:
    """An item in quotes (corner brackets when it holds quotes itself: 「“三公”经费小计」)."""
    return f"「{item}」" if "“" in item or "”" in item else f"“{item}”"
