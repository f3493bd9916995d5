"""Row splits: a 小计 row against the rows it closes, and children that exceed their parent row."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from yusuan.model import Column, Row, Table
from yusuan.rules.arithmetic.figures import (
    GUIDE,
    RESIDUAL,
    SUBTOTAL,
    VEHICLE,
    direct_children,
    exceeds,
    quoted,
    row_sum_findings,
)
from yusuan.rules.arithmetic.layouts import side_columns, side_layout, sides, three_public_layout
from yusuan.rules.base import Finding, Rule, cell_location
from yusuan.rules.context import CheckContext, norm, skip_unreadable
from yusuan.rules.values import effective


class SubtotalRowMismatch(Rule):
    """检查什么
    无科目编码的表中，“小计”行应等于它所统领的各一级项目（“一、二、三…”项）之和：
    “小计”行之下紧接的各一级项目，若“小计”在后，则为其上方直到前一个合计行的各项；
    某项本身留空时按其下各子项之和计。“合计”行等于全部一级项目之和由 YS102 检查，
    两条合起来即“合计 = 小计 + 小计以外的各项”。
    “三公”经费表的“小计”行由 YS111 按三项经费逐一核对，本规则不重复报告。

    为什么重要
    小计是读者核对分组数额的依据，小计与其分项不符说明表内数据有误或漏填。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    “会议费和培训费小计”3.00，其下“会议费”2.00、“培训费”空，分项之和为 2.00。

    正确写法
    “会议费和培训费小计”2.00 = 会议费 2.00 + 培训费 0。
    """

    code = "YS108"
    name = "subtotal-row-mismatch"
    title = "小计行不等于所辖各项之和"
    tags = ("arithmetic", "three_public")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            if any(c.section for c in table.columns):
                continue  # two-sided tables: YS103–YS106
            rows = list(table.rows)
            layout = three_public_layout(table)
            owned = layout.subtotal if layout else None
            for i, row in enumerate(rows):
                if row.depth is not None or not SUBTOTAL.search(norm(row.item)) or i == owned:
                    continue
                items = _headed_items(rows, i)
                if not items:
                    continue
                yield from row_sum_findings(
                    self,
                    table,
                    rows,
                    row,
                    items,
                    f"{quoted(row.item)}行应等于其所辖{len(items)}个一级项目之和",
                )


def _headed_items(rows: list[Row], i: int) -> list[int]:
    """The top items a 小计 row at ``i`` stands for: those below it, else those above it."""
    below: list[int] = []
    for j in range(i + 1, len(rows)):
        if rows[j].depth is None:
            break
        if rows[j].depth == 0:
            below.append(j)
    if below:
        return below
    above: list[int] = []
    for j in range(i - 1, -1, -1):
        if rows[j].depth is None:
            break
        if rows[j].depth == 0:
            above.append(j)
    return sorted(above)


class ChildRowsExceedParent(Rule):
    """检查什么
    无科目编码的表中，“其中：”或缩进的下级行与其上级行的关系：
    下级行是上级的一部分时，各下级之和不得大于上级；下级行是上级的完整拆分时
    （列有“其他……”兜底项，如 因公出国（境）费 = 教学科研人员因公出国（境）费 +
    其他因公出国（境）费），二者必须相等。两栏式总表中结转结余行之下按资金性质
    （一般公共预算拨款、政府性基金预算拨款……）或按类别（基本支出结转、项目支出结转和结余……）
    列出的各行，是该行的完整拆分，也必须与它相等。
    上级行留空而下级有数的情况由措辞类规则（YS6xx）提示，公务用车购置及运行费的拆分由
    YS110 检查，本规则不重复报告。

    为什么重要
    “其中”数大于总数在算术上不可能，说明上级或下级数据填错；完整拆分不相等说明漏列或错列。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    “房屋（平方米）”价值 50.00，“其中：办公用房”价值 60.00；
    “因公出国（境）费”3.00，其中教学科研人员 1.00、其他 1.50，合计 2.50。

    正确写法
    办公用房 ≤ 房屋；因公出国（境）费 3.00 = 1.00 + 2.00。
    """

    code = "YS109"
    name = "child-rows-exceed-parent"
    title = "下级行之和超过或不等于上级行"
    tags = ("arithmetic", "three_public", "assets", "fiscal_summary")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            for rows in sides(table):
                columns = side_columns(table, rows)
                for i, parent in enumerate(rows):
                    if parent.code or VEHICLE.search(norm(parent.item)):
                        continue
                    kids = [j for j in direct_children(rows, i) if not rows[j].code]
                    if kids:
                        exhaustive = any(RESIDUAL.search(rows[j].item) for j in kids)
                        yield from self._compare(table, rows, i, kids, columns, exhaustive)
                layout = side_layout(table, rows)
                for head, kids in layout.carries if layout else []:
                    depth = rows[head].depth or 0
                    flat = [k for k in kids if (rows[k].depth or 0) <= depth]  # not seen above
                    if flat:
                        yield from self._compare(table, rows, head, flat, columns, True)

    def _compare(
        self,
        table: Table,
        rows: list[Row],
        i: int,
        kids: list[int],
        columns: list[Column],
        exhaustive: bool,
    ) -> Iterator[Finding]:
        parent = rows[i]
        for col in columns:
            with skip_unreadable():
                top = CheckContext.value(table, parent, col)
                parts = [effective(table, rows, j, col) for j in kids]
                if top is None or all(
                    CheckContext.value(table, rows[j], col) is None for j in kids
                ):
                    continue  # a blank parent is YS6xx; blank children: nothing to compare
                total = sum((p[0] for p in parts), Decimal(0))
                printed = [CheckContext.text(parent, col)] + [t for p in parts for t in p[1]]
                loc = partial(cell_location, table, parent, col)
                names = "、".join(rows[j].item for j in kids)
                if exhaustive:
                    f = self.mismatch(
                        f"“{parent.item}”应等于其下各项（{names}）之和",
                        total,
                        top,
                        printed,
                        loc,
                        unit=table.unit,
                    )
                else:
                    f = exceeds(
                        self,
                        f"“{parent.item}”的下级各项（{names}）之和超过其本身",
                        top,
                        total,
                        printed,
                        loc,
                        table.unit,
                    )
                if f:
                    yield f
