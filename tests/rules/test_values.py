"""rules/values.py: which rows are nested under a row, and a blank parent's value from them."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from yusuan.model import Cell, Column, Row, Table, TableId
from yusuan.rules.values import children_sum, effective, nested

DEPTHS = st.lists(st.one_of(st.none(), st.integers(0, 3)), max_size=12)


def _rows(depths: list[int | None], values: list[Decimal | None] | None = None) -> list[Row]:
    values = values or [None] * len(depths)
    return [
        Row(index=i, depth=d, cells={} if v is None else {1: Cell(text=str(v), value=v)})
        for i, (d, v) in enumerate(zip(depths, values, strict=True))
    ]


@given(DEPTHS, st.data())
def test_nested_is_the_run_of_deeper_rows_after_a_row(
    depths: list[int | None], data: st.DataObject
) -> None:
    """The rows under a row are exactly those after it, deeper than it, before the first row
    that is not (at its depth or above, or a 合计 of no depth); a 合计 row has none."""
    if not depths:
        return
    rows = _rows(depths)
    i = data.draw(st.integers(0, len(rows) - 1))
    got = nested(rows, i)
    depth = depths[i]
    if depth is None:
        assert got == []
        return
    want: list[int] = []
    for j in range(i + 1, len(rows)):
        d = depths[j]
        if d is None or d <= depth:
            break
        want.append(j)
    assert got == want


def test_a_blank_parent_counts_its_children_and_their_blank_parents() -> None:
    """一 (blank) over （一） 2 and （二） (blank) over 1. 3 and 2. 4: 2 + 3 + 4 = 9; the next top
    row and the 合计 row end the block."""
    depths: list[int | None] = [0, 1, 1, 2, 2, 0, None]
    values = [None, Decimal(2), None, Decimal(3), Decimal(4), Decimal(100), Decimal(109)]
    rows = _rows(depths, values)
    column = Column(index=1, key="合计", path=("合计",), role="amount")
    table = Table(id=TableId.EXPENDITURE, title="支出总表", columns=(column,), rows=tuple(rows))
    assert nested(rows, 0) == [1, 2, 3, 4]
    assert children_sum(table, rows, 0, column) == (Decimal(9), ["2", "3", "4"], True)
    assert effective(table, rows, 0, column) == (Decimal(9), ["2", "3", "4"])
    assert effective(table, rows, 5, column) == (Decimal(100), ["100"])
