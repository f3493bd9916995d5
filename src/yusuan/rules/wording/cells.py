"""The money cells of a table and the columns that look like money, as the cell rules read them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import is_amount_text
from yusuan.model import Column, Row, Table, TableId
from yusuan.regex import lazy

DASHES = frozenset({"-", "—", "–", "--", "——", "/", "／", "－", "…", "……"})


def money_cells(table: Table) -> Iterator[tuple[Row, Column, str, Decimal | None]]:
    """(row, amount column, printed text, value in the table's unit) for every amount cell."""
    cols = {c.index: c for c in table.columns if c.role == "amount"}
    for r in table.rows:
        for i, cell in r.cells.items():
            if i in cols:
                yield r, cols[i], cell.text, cell.value


SPACED_DIGITS = lazy(r"\d\s+\d")
THOUSANDS_BY_SPACE = lazy(r"^[-−－]?\d{1,3}(?: \d{3})+(?:\.\d+)?$")


TEXT_KEY = lazy(r"名称|性质|规格|形式|目录|序号|备注|说明|依据|指标|单位|编码|代码|项目|科目|描述")


def money_like_columns(table: Table) -> list[Column]:
    """Amount and count columns, and text columns that are really amounts with a few bad cells.

    The reader makes a column ``text`` as soon as one cell is not a number, so a
    single “XX” in a 合计 column turns the whole column into text: such a column
    (mostly numbers, a key that names no text field) is treated as an amount column.
    """
    if table.id in (TableId.PERFORMANCE, TableId.ORG):
        return []
    out: list[Column] = []
    for col in table.columns:
        if col.role in ("amount", "count"):
            out.append(col)
        elif col.role == "text" and not TEXT_KEY.search(col.key):
            texts = [
                c.text.strip()
                for r in table.rows
                if (c := r.cells.get(col.index)) and c.text.strip()
            ]
            numeric = sum(1 for t in texts if is_amount_text(t))
            if numeric >= 2 and numeric >= 2 * (len(texts) - numeric):
                out.append(col)
    return out
