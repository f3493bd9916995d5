"""Layouts of a table the totals rules read: the 收入/支出 sides of a two-sided table and the rows of a
“三公”经费 table.
"""

from __future__ import annotations

from yusuan.model import Column, Row, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.arithmetic.figures import (
    CARRY,
    FUND,
    GRAND_TOTAL,
    SUBCARRY,
    SUBTOTAL,
    THREE_ITEMS,
    YEAR_TOTAL,
    find_item,
)
from yusuan.rules.context import norm
from yusuan.values import Frozen


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


class SideLayout(Frozen):
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
    if grand is None and year is not None and keys[year].endswith("小计"):
        # 当年收入小计 … 上年结转资金 … 收入合计 (Jiangsu): the 合计 after a 小计 closes the side
        grand = next(
            (
                i
                for i in range(year + 1, len(rows))
                if rows[i].depth is None and YEAR_TOTAL.match(keys[i]) and keys[i].endswith("合计")
            ),
            None,
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


class ThreePublic(Frozen):
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


#: a leaf under each item that names what is counted (决算: 预算数 and 决算数 under each item)
_MEASURE = lazy(r"^(?:预算数|决算数|执行数|本年预算数?|上年预算数?|\d{4}年(?:预算|决算)数?)$")
_TOTAL = lazy(r"^(?:合计|小计|总计|“?三公”?经费(?:合计|小计)?)$")
_OTHER = lazy(r"机关运行|会议费|培训费")


class ThreePublicColumns(Frozen):
    """The 三公 table laid out by columns (the items printed as column heads), per measure.

    ``measure`` is the leaf under each item (预算数, 决算数; "" when there is none);
    ``total`` the 三公 合计 column (the 小计 under “三公”经费; a table-wide 合计 only when no
    会议费/培训费/机关运行经费 column is printed beside the items), ``items`` the columns of the three items in the order of
    ``THREE_ITEMS`` (the 公务用车 one is its 小计 column), ``parts`` the 购置费/运行费 columns.
    """

    measure: str
    total: Column | None
    items: tuple[Column | None, ...]
    parts: tuple[Column, ...]


def three_public_columns(table: Table) -> list[ThreePublicColumns]:
    """The column groups of a 三公 table whose items are columns ([] when they are rows)."""
    if table.id != TableId.THREE_PUBLIC or three_public_layout(table) is not None:
        return []
    totals: dict[str, Column] = {}
    scoped: dict[str, Column] = {}  # a 合计/小计 under “三公”经费
    others = False
    items: dict[str, dict[int, Column]] = {}
    parts: dict[str, list[Column]] = {}
    for c in table.amount_columns():
        labels = [norm(p) for p in c.path if norm(p)]
        measure = labels.pop() if labels and _MEASURE.match(labels[-1]) else ""
        if not labels or any(_OTHER.search(x) for x in labels):
            others = others or bool(labels)
            continue  # 机关运行经费, 会议费, 培训费 printed beside the 三公 items
        hit = next(
            (n for n, (_, rx) in enumerate(THREE_ITEMS) if any(rx.search(x) for x in labels)), None
        )
        leaf = labels[-1]
        if hit is None:
            if _TOTAL.match(leaf):
                into = scoped if any("三公" in x for x in labels[:-1]) else totals
                into.setdefault(measure, c)
        elif THREE_ITEMS[hit][1].search(leaf) or _TOTAL.match(leaf):
            items.setdefault(measure, {}).setdefault(hit, c)
        elif hit == 1:  # 购置费 / 运行费 under 公务用车购置及运行费
            parts.setdefault(measure, []).append(c)
    return [
        ThreePublicColumns(
            m,
            # a 合计 beside 会议费/培训费 columns sums those too: only a 三公 小计 is the total
            scoped.get(m) or (None if others else totals.get(m)),
            tuple(got.get(n) for n in range(len(THREE_ITEMS))),
            tuple(parts.get(m, [])),
        )
        for m, got in items.items()
        if len(got) == len(THREE_ITEMS)
    ]
