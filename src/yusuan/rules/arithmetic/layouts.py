"""Layouts of a table the totals rules read: the 收入/支出 sides of a two-sided table and the rows of a
“三公”经费 table.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.model import Column, Row, Table, TableId
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
