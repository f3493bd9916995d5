"""The long "facts" format: one row per non-blank amount of a disclosure.

Header (exactly): ``table,section,code,item,column,value``

- ``table``: the standard table id (``revenue``, ``three_public`` …); a table
  yusuan does not know is ``unknown:`` followed by its printed title;
- ``section``: 收入 or 支出 on two-sided tables (收支总表, 财政拨款收支总表), else empty;
- ``code``: the 科目编码 where the row has one;
- ``item``: the row label without numbering (一、 / （一） / 1、) or ``其中：``;
- ``column``: the leaf column header with whitespace removed;
- ``value``: the amount in 万元, exactly converted, as a plain decimal string
  without exponent or trailing zeros (``593.58``, ``163``, ``0.123456``).

Only money columns are facts: counts (数量, 人数) and text columns are not.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass

from yusuan.amounts import plain
from yusuan.cells import inert_values, inert_workbook
from yusuan.model import Disclosure, Table, TableId

HEADER = ("table", "section", "code", "item", "column", "value")


@dataclass(frozen=True, slots=True)
class Fact:
    table: str
    section: str
    code: str
    item: str
    column: str
    value: str


def table_key(table: Table) -> str:
    return table.id.value if table.id != TableId.UNKNOWN else f"unknown:{table.title}"


def facts(disclosure: Disclosure) -> list[Fact]:
    """All facts of a disclosure, in table, row and column order."""
    out: list[Fact] = []
    for table in disclosure.tables:
        money = {c.index: c for c in table.columns if c.role == "amount"}
        key = table_key(table)
        for row in table.rows:
            for index, cell in sorted(row.cells.items()):
                col = money.get(index)
                wan = table.to_wan(cell.value)
                if col is None or wan is None:
                    continue
                out.append(
                    Fact(key, row.section or "", row.code or "", row.item, col.key, plain(wan))
                )
    return out


def facts_csv(disclosure: Disclosure) -> str:
    """The facts as CSV text (UTF-8, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(inert_values(astuple(f)) for f in facts(disclosure))
    return buf.getvalue()


def write_facts_xlsx(disclosure: Disclosure, path: str) -> None:
    """A workbook: a ``facts`` sheet, then one sheet per table as recognized."""
    from decimal import Decimal

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "facts"
    ws.append(list(HEADER))
    for f in facts(disclosure):
        ws.append([f.table, f.section, f.code, f.item, f.column, Decimal(f.value)])
    used = {"facts"}
    for n, table in enumerate(disclosure.tables, 1):
        name = f"{n:02d} {table.id.value}"[:31]
        while name in used:
            name = name[:28] + f"~{len(used)}"
        used.add(name)
        sheet = wb.create_sheet(name)
        sheet.append([table.title])
        sheet.append([f"单位：{table.unit}" if table.unit else ""])
        sheet.append(
            ["section", "序号", "code", "item", *["/".join(c.path) for c in table.columns]]
        )
        for row in table.rows:
            values: list[object] = [row.section or "", row.seq or "", row.code or "", row.label]
            for col in table.columns:
                cell = row.cells.get(col.index)
                values.append(
                    "" if cell is None else (cell.value if cell.value is not None else cell.text)
                )
            sheet.append(values)
    inert_workbook(wb).save(path)
