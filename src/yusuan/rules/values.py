"""A row's value as the rules of every family read it: printed, or — printed blank — the sum of
its children (the 类/款/项 below it).

Shared by the arithmetic family (totals inside a table) and the prose family (a stated figure
against the row it names), so that neither family imports the other.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Column, Row, Table
from yusuan.rules.context import CheckContext, index_of


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


__all__ = ["children_sum", "effective"]
