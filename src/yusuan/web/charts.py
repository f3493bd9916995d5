"""The document page's charts as data for ECharts (``static/charts.js`` draws them), in 万元:
spending by 类/款/项 (treemap), 基本支出 / 项目支出 and 人员经费 / 公用经费 (pies), and 三公 by item
(bars; the page adds the department's previous year beside)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.model import Disclosure, Table, TableId


def _float(v: Decimal | None) -> float:
    """Chart data only: ECharts takes JavaScript numbers. Never used for checking."""
    return float(v) if v is not None else 0.0


def _slices(table: Table, *keys: str) -> list[dict[str, Any]] | None:
    """The columns ``keys`` of a table's total row (the row of no depth) as pie slices;
    None when the table lacks the row or one of the columns."""
    head = next((r for r in table.rows if r.depth is None), None)
    columns = [next((c for c in table.columns if c.key == k), None) for k in keys]
    if head is None:
        return None
    slices = []
    for key, col in zip(keys, columns, strict=True):
        if col is None:
            return None
        slices.append({"name": key, "value": _float(table.to_wan(head.value(col.index)))})
    return slices


def _treemap(spend: Table) -> list[dict[str, Any]]:
    """The 科目 of a 功能分类 table as 类 → 款 → 项 nodes, by its 合计 (or only) amount column."""
    amounts = spend.amount_columns()
    total = next((c for c in amounts if c.key == "合计"), None)
    if total is None and len(amounts) == 1:  # a table of one amount column (“金额”)
        total = amounts[0]
    if total is None:
        return []
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for row in spend.rows:
        if not row.code or not row.code.isdigit():
            continue
        value = spend.to_wan(row.value(total.index))
        node = {"name": f"{row.code} {row.item}", "value": _float(value), "children": []}
        nodes[row.code] = node
        parent = nodes.get(row.code[:-2]) if len(row.code) > 3 else None
        (parent["children"] if parent else roots).append(node)
    return roots


def charts(d: Disclosure) -> dict[str, Any]:
    """ECharts options for the document page (values in 万元)."""
    out: dict[str, Any] = {}
    spend = d.table(TableId.EXPENDITURE) or d.table(TableId.GPB_EXPENDITURE)
    for table_id in (TableId.EXPENDITURE, TableId.GPB_EXPENDITURE, TableId.FISCAL_EXPENDITURE):
        table = d.table(
            table_id
        )  # the first that lists its 科目 by code (Jiangsu's 支出总表 does not)
        if table is not None and (roots := _treemap(table)):
            out["treemap"] = roots
            break
    if spend is not None and (slices := _slices(spend, "基本支出", "项目支出")) is not None:
        out["basic_project"] = slices
    basic = d.table(TableId.GPB_BASIC)
    if basic is not None and (slices := _slices(basic, "人员经费", "公用经费")) is not None:
        out["people_public"] = slices
    if (three := three_public(d)) is not None:
        out["three_public"] = three
    return out


#: The 三公 items the chart shows, in order: the metric (``yusuan.store.metrics``) and its label.
THREE_PUBLIC_ITEMS = (
    ("因公出国（境）费", "因公出国（境）费"),
    ("公务接待费", "公务接待费"),
    ("公务用车购置费", "公务用车购置费"),
    ("公务用车运行费", "公务用车运行维护费"),
)


def three_public(d: Disclosure) -> dict[str, Any] | None:
    """The 三公 chart's data: the four items (whether the table lists them as rows or as
    columns), each in 万元 to two decimals (None: the table does not print it), and the year;
    None without a “三公”经费表 or when it prints none of the items."""
    from yusuan.store.metrics import metrics

    found = {m.name: m.value for m in metrics(d)}
    values = [found.get(name) for name, _ in THREE_PUBLIC_ITEMS]
    if all(v is None for v in values):
        return None
    return {
        "items": [label for _, label in THREE_PUBLIC_ITEMS],
        "values": [None if v is None else _float(v.quantize(Decimal("0.01"))) for v in values],
        "year": d.year,
        "unit": "万元",
    }
