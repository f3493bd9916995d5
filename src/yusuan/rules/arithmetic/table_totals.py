"""YS101–YS102: a row's total column and a table's total row against the figures they add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from yusuan.rules.arithmetic.figures import (
    GUIDE,
    _node_columns,
    _node_plan,
    row_sum_findings,
    total_groups,
)
from yusuan.rules.base import Finding, Rule, cell_location
from yusuan.rules.context import CheckContext, norm, skip_unreadable


class RowTotalMismatch(Rule):
    """检查什么
    表内每一行的“合计”（或“小计”）列，应等于表头中与它并列的各列之和，
    例如 合计 = 基本支出 + 项目支出，本年收入 小计 = 财政拨款收入 + 事业收入 + …，
    合计 = 本年收入 + 上年结转。

    为什么重要
    行合计与分项不符，说明表格数据有误或漏填，公开数据失去可信度。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    2010101 行政运行：合计 322.91，基本支出 320.91，项目支出 空。

    正确写法
    合计 322.91 = 基本支出 322.91 + 项目支出 0。
    """

    code = "YS101"
    name = "row-total-mismatch"
    title = "行合计不等于各分项之和"
    tags = ("arithmetic",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            for total_node, siblings in total_groups(table.header):
                total_cols = _node_columns(total_node, table)
                if len(total_cols) != 1:
                    continue
                total_col = total_cols[0]
                parts = [s for s in siblings if _node_columns(s, table)]
                if not parts:
                    continue
                plans = [_node_plan(s, table) for s in parts]
                names = "＋".join(norm(s.label) for s in parts)
                involved = [total_col.index, *(c.index for p in plans for c in p)]
                for row in table.rows:
                    if total_col.section and row.section != total_col.section:
                        continue
                    cells = row.cells
                    if not any((c := cells.get(i)) is not None and c.value for i in involved):
                        continue  # blank or zero throughout: nothing to add up
                    with skip_unreadable():
                        actual = CheckContext.value(table, row, total_col)
                        # Σ of each part's value (:func:`_node_value` of its plan), summed
                        # flat: exact, so the same; the printed texts only for a mismatch
                        expected = sum(
                            (CheckContext.amount(table, row, c) for p in plans for c in p),
                            Decimal(0),
                        )
                        if expected == (actual or 0):
                            continue
                        printed = [CheckContext.text(row, total_col)] + [
                            CheckContext.text(row, c) for p in plans for c in p
                        ]
                        f = self.mismatch(
                            f"“{total_col.key}”应等于{names}",
                            expected,
                            actual or Decimal(0),
                            printed,
                            partial(cell_location, table, row, total_col),
                            unit=table.unit,
                        )
                        if f:
                            yield f


class TotalRowMismatch(Rule):
    """检查什么
    表中的“合计”行（或“总额”行）应等于各一级项目之和：有科目编码的表为各“类”之和，
    无编码的表为各“一、二、三…”项之和（某项本身留空时按其下各子项之和计）。

    为什么重要
    合计行是读者最先看的数字，与明细不符会直接误导读者。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    合计 593.58，而 201、208、210、221 四类之和为 592.58。

    正确写法
    合计行等于全部“类”级科目之和。
    """

    code = "YS102"
    name = "total-row-mismatch"
    title = "合计行不等于各项之和"
    tags = ("arithmetic",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            if any(c.section for c in table.columns):
                continue  # two-sided tables: YS103–YS106
            rows = list(table.rows)
            total = next(
                (
                    r
                    for r in rows
                    if r.depth is None and norm(r.item) in ("合计", "总计", "资产总额")
                ),
                None,
            )
            if total is None:
                continue
            tops = [i for i, r in enumerate(rows) if r.depth == 0]
            if not tops:
                continue
            yield from row_sum_findings(
                self, table, rows, total, tops, f"“{total.item}”行应等于各一级项目之和"
            )
