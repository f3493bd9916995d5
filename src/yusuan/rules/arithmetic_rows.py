"""YS1xx (continued) — rows inside one-sided tables: 小计 rows, 其中 rows, the 三公 table."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.arithmetic import (
    GUIDE,
    RESIDUAL,
    SUBTOTAL,
    THREE_PUBLIC_BASIS,
    VEHICLE,
    VEHICLE_BUY,
    VEHICLE_RUN,
    direct_children,
    effective,
    exceeds,
    find_item,
    row_sum_findings,
    side_columns,
    side_layout,
    sides,
    three_public_layout,
)
from yusuan.rules.base import CannotRun, Finding, Rule, Severity, cell_location, fmt
from yusuan.rules.context import CheckContext, norm


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


def quoted(item: str) -> str:
    """An item in quotes (corner brackets when it holds quotes itself: 「“三公”经费小计」)."""
    return f"「{item}」" if "“" in item or "”" in item else f"“{item}”"


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
            top = CheckContext.value(table, parent, col)
            parts = [effective(table, rows, j, col) for j in kids]
            if top is None or all(CheckContext.value(table, rows[j], col) is None for j in kids):
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


class ThreePublicVehicleSplitMismatch(Rule):
    """检查什么
    “三公”经费表中，“公务用车购置及运行费”（或“…运维费”）行有数时，
    应等于其下“公务用车购置费”与“公务用车运行（维护）费”两行之和。
    两行都留空而上级有数时给出警告（拆分未填列）。上级行留空而下级有数由 YS6xx 提示。

    为什么重要
    《地方预决算公开操作规程》要求“三公”经费中的公务用车购置及运行费分别公开购置费和运行费，
    二者之和必须等于公务用车购置及运行费，否则公开的“三公”数据自相矛盾。

    错误示例
    公务用车购置及运维费 8.00，其中购置费 空、运行维护费 6.80。

    正确写法
    公务用车购置及运维费 6.80 = 购置费 0 + 运行维护费 6.80。
    """

    code = "YS110"
    name = "three-public-vehicle-split-mismatch"
    title = "公务用车购置及运行费不等于购置费与运行费之和"
    tags = ("arithmetic", "three_public")
    basis = THREE_PUBLIC_BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        table = ctx.require(TableId.THREE_PUBLIC)
        rows = list(table.rows)
        parent = find_item(rows, VEHICLE)
        if parent is None:
            raise CannotRun("“三公”经费表中未按行列出“公务用车购置及运行费”")
        kids = [j for j in direct_children(rows, parent) if _is_vehicle_part(rows[j])]
        if not kids:
            return  # the split is not printed as rows (YS5xx reports a missing split)
        for col in table.amount_columns():
            top = CheckContext.value(table, rows[parent], col)
            if top is None:
                continue  # a blank parent with filled children is YS6xx
            loc = partial(cell_location, table, rows[parent], col)
            values = [CheckContext.value(table, rows[j], col) for j in kids]
            if all(v is None for v in values):
                if top != 0:
                    yield self.finding(
                        f"“{rows[parent].item}”为 {fmt(top)}，但其下购置费、运行费均未填列",
                        loc,
                        expected=top,
                        actual=Decimal(0),
                        severity=Severity.WARNING,
                    )
                continue
            total = sum((v for v in values if v is not None), Decimal(0))
            printed = [CheckContext.text(rows[parent], col)] + [
                CheckContext.text(rows[j], col) for j in kids
            ]
            f = self.mismatch(
                f"“{rows[parent].item}”应等于购置费与运行费之和",
                total,
                top,
                printed,
                loc,
                unit=table.unit,
            )
            if f:
                yield f


def _is_vehicle_part(row: Row) -> bool:
    item = norm(row.item)
    return bool(VEHICLE_BUY.search(item) or VEHICLE_RUN.search(item))


class ThreePublicTotalMismatch(Rule):
    """检查什么
    “三公”经费表中，“三公”经费小计行应等于因公出国（境）费、公务用车购置及运行费、
    公务接待费三项之和；某项本身留空时按其下各子项之和计（例如公务用车购置及运维费留空、
    运行维护费 6.80，则该项按 6.80 计）。无“小计”行时，“合计”行由 YS102 检查。

    为什么重要
    “三公”经费总额是社会关注度最高的数字之一，《地方预决算公开操作规程》要求公开“三公”
    经费总额及分项，总额与三项之和不符直接损害公开的可信度。

    错误示例
    “三公”经费小计 9.30，而因公出国（境）费 0 + 公务用车 6.80 + 公务接待费 1.50 = 8.30。

    正确写法
    “三公”经费小计 8.30 = 0 + 6.80 + 1.50。
    """

    code = "YS111"
    name = "three-public-total-mismatch"
    title = "“三公”经费小计不等于三项经费之和"
    tags = ("arithmetic", "three_public")
    basis = THREE_PUBLIC_BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        table = ctx.require(TableId.THREE_PUBLIC)
        layout = three_public_layout(table)
        if layout is None:
            raise CannotRun(
                "“三公”经费表中未按行列出因公出国（境）费、公务用车购置及运行费、公务接待费三项"
            )
        if layout.subtotal is None:
            return  # the 合计 row is YS102's
        rows, head = layout.rows, layout.rows[layout.subtotal]
        for col in table.amount_columns():
            actual = CheckContext.value(table, head, col)
            parts = [effective(table, rows, j, col) for j in layout.items]
            expected = sum((p[0] for p in parts), Decimal(0))
            if actual is None and expected == 0:
                continue
            printed = [CheckContext.text(head, col)] + [t for p in parts for t in p[1]]
            f = self.mismatch(
                f"{quoted(head.item)}应等于" + "＋".join(rows[j].item for j in layout.items),
                expected,
                actual or Decimal(0),
                printed,
                partial(cell_location, table, head, col),
                unit=table.unit,
            )
            if f:
                yield f
