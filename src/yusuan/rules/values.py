"""A row's value as the rules of every family read it: printed, or — printed blank — the sum of
its children (the 类/款/项 below it); and which rows are nested under a row.

Shared by the arithmetic family (totals inside a table), the prose family (a stated figure
against the row it names) and the wording family (a blank parent over filled children), so that
no family imports another.  A cell that prints no number is not blank: reading it raises
:class:`~yusuan.rules.context.Unreadable`, so no sum here counts it (or its children) instead.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Column, Row, Table
from yusuan.rules.context import CheckContext


def nested(rows: list[Row], i: int) -> list[int]:
    """Indexes of the rows nested under ``rows[i]``: the deeper rows after it, up to the next row
    at its depth or above, or of no depth (a 合计); none under a row of no depth."""
    depth = rows[i].depth
    if depth is None:
        return []
    end, n = i + 1, len(rows)
    while end < n and (d := rows[end].depth) is not None and d > depth:  # a plain loop: hot
        end += 1
    return list(range(i + 1, end))


def children_sum(
    table: Table, rows: list[Row], parent: int, column: Column
) -> tuple[Decimal, list[str | None], bool]:
    """Σ of the direct children of ``rows[parent]`` (rows of the next depth below it).

    Returns the sum, the printed texts involved and whether any child holds a value.
    """
    depth = rows[parent].depth
    total, printed, any_value = Decimal(0), [], False
    for j in nested(rows, parent):
        r = rows[j]
        if depth is not None and r.depth == depth + 1:
            v = CheckContext.value(table, r, column)
            if v is None:
                v, p, has = children_sum(table, rows, j, column)
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


__all__ = ["children_sum", "effective", "nested"]
