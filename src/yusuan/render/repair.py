"""Defects of the input the package must not carry over silently.

:func:`fill_blank_parents` fills a parent row the input leaves blank while its child
rows have amounts (the reference's 三公 table prints 公务用车购置及运维费 empty above
公务用车运行维护费 6.80; rule YS603 warns of it): each amount column of the parent gets
the sum of its direct children, as the official form prints it.  Every filled cell is
reported (:class:`Filled`), so ``yusuan render`` says what it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yusuan.model import Row, Table


@dataclass(frozen=True)
class Filled:
    """A cell the render filled: table title, row label, column key, the value printed."""

    table: str
    row: str
    column: str
    value: Decimal

    def line(self) -> str:
        return (
            f"已补：《{self.table}》行“{self.row.strip()}”列“{self.column}”留空，按下级行之和印出"
            f" {self.value} / filled the blank parent row from its children"
        )


def _children(rows: tuple[Row, ...], at: int) -> list[Row]:
    """The direct children of ``rows[at]``: the rows below it one level deeper, up to the
    next row at its level or above (same side of the table)."""
    parent = rows[at]
    if parent.depth is None:
        return []
    out = []
    for row in rows[at + 1 :]:
        if row.section != parent.section:
            continue
        if row.depth is None or row.depth <= parent.depth:
            break
        if row.depth == parent.depth + 1:
            out.append(row)
    return out


def fill_blank_parents(table: Table) -> tuple[Table, list[Filled]]:
    """``table`` with each blank parent row filled from its children, and what was filled."""
    amounts = [c for c in table.columns if c.role == "amount"]
    rows = list(table.rows)
    filled: list[Filled] = []
    for at in range(len(rows) - 1, -1, -1):  # bottom up: a filled child can fill its parent
        row = rows[at]
        if any(row.value(c.index) is not None for c in amounts):
            continue
        children = _children(tuple(rows), at)
        cells = dict(row.cells)
        here: list[Filled] = []
        for col in amounts:
            values = [v for ch in children if (v := ch.value(col.index)) is not None]
            if not values or col.index not in row.cells:
                continue
            total = sum(values, Decimal(0))
            cells[col.index] = row.cells[col.index].model_copy(
                update={"value": total, "text": str(total)}
            )
            here.append(Filled(table.title, row.label, col.key, total))
        filled = here + filled
        if cells != row.cells:
            rows[at] = row.model_copy(update={"cells": cells})
    if not filled:
        return table, []
    return table.model_copy(update={"rows": tuple(rows)}), filled


__all__ = ["Filled", "fill_blank_parents"]
