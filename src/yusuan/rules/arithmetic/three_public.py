"""The “三公”经费 table: the 公务用车 split and the 三公 total against its items."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.arithmetic.figures import (
    THREE_PUBLIC_BASIS,
    VEHICLE,
    VEHICLE_BUY,
    VEHICLE_RUN,
    direct_children,
    find_item,
    quoted,
)
from yusuan.rules.arithmetic.layouts import (
    ThreePublicColumns,
    three_public_columns,
    three_public_layout,
)
from yusuan.rules.base import CannotRun, Finding, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext, norm, skip_unreadable
from yusuan.rules.printed import money, style_of
from yusuan.rules.values import effective


class ThreePublicVehicleSplitMismatch(Rule):
    """检查什么
    “三公”经费表中，“公务用车购置及运行费”（或“…运维费”）行有数时，
    应等于其下“公务用车购置费”与“公务用车运行（维护）费”两行之和。
    两行都留空而上级有数时给出警告（拆分未填列）。上级行留空而下级有数由 YS6xx 提示。
    各项印成列时（“公务用车购置及运行费”下分“小计”“购置费”“运行费”列），按列检查。

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
            groups = [g for g in three_public_columns(table) if g.items[1] and g.parts]
            if not groups:
                raise CannotRun(
                    "“三公”经费表中未按行或列列出“公务用车购置及运行费”及其购置费、运行费"
                )
            for row in rows:  # the items are columns: each row, each measure
                for g in groups:
                    assert g.items[1] is not None
                    yield from self._split(table, row, g.items[1], [(row, c) for c in g.parts])
            return
        kids = [j for j in direct_children(rows, parent) if _is_vehicle_part(rows[j])]
        if not kids:
            return  # the split is not printed as rows (YS5xx reports a missing split)
        for col in table.amount_columns():
            yield from self._split(table, rows[parent], col, [(rows[j], col) for j in kids])

    def _split(
        self, table: Table, head: Row, col: Column, cells: list[tuple[Row, Column]]
    ) -> Iterator[Finding]:
        """The 公务用车 cell (``head``, ``col``) against its 购置费 and 运行费 ``cells``."""
        with skip_unreadable():
            top = CheckContext.value(table, head, col)
            if top is None:
                return  # a blank parent with filled children is YS6xx
            loc = partial(cell_location, table, head, col)
            values = [CheckContext.value(table, r, c) for r, c in cells]
            if all(v is None for v in values):
                if top != 0:
                    style = style_of(table.unit, [CheckContext.text(head, col)])
                    yield self.finding(
                        f"“{head.item or col.key}”为 {money(top, style)}，但其下购置费、运行费均未填列",
                        loc,
                        expected=top,
                        actual=Decimal(0),
                        severity=Severity.WARNING,
                        style=style,
                    )
                return
            total = sum((v for v in values if v is not None), Decimal(0))
            printed = [CheckContext.text(head, col)] + [CheckContext.text(r, c) for r, c in cells]
            f = self.mismatch(
                f"“{head.item or '公务用车购置及运行费'}”应等于购置费与运行费之和",
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
    三项印成列（上海等地的“三公”经费表，决算表各项下再分预算数、决算数）时，按列检查：
    “合计”列等于三项列之和，各按预算数、决算数分别计。

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
            groups = [g for g in three_public_columns(table) if g.total is not None]
            if not groups:
                raise CannotRun(
                    "“三公”经费表中未按行或列列出因公出国（境）费、公务用车购置及运行费、"
                    "公务接待费三项及其合计"
                )
            for row in table.rows:  # the items are columns: each row, each measure
                for g in groups:
                    yield from self._by_columns(table, row, g)
            return
        if layout.subtotal is None:
            return  # the 合计 row is YS102's
        rows, head = layout.rows, layout.rows[layout.subtotal]
        for col in table.amount_columns():
            with skip_unreadable():
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

    def _by_columns(self, table: Table, row: Row, g: ThreePublicColumns) -> Iterator[Finding]:
        """合计 = the three item columns (a blank 公务用车 counts as its 购置费 + 运行费)."""
        assert g.total is not None
        with skip_unreadable():
            actual = CheckContext.value(table, row, g.total)
            expected, printed = Decimal(0), [CheckContext.text(row, g.total)]
            for n, col in enumerate(g.items):
                assert col is not None
                v = CheckContext.value(table, row, col)
                if v is None and n == 1:
                    v = sum(
                        (CheckContext.value(table, row, c) or Decimal(0) for c in g.parts),
                        Decimal(0),
                    )
                    printed += [CheckContext.text(row, c) for c in g.parts]
                else:
                    printed.append(CheckContext.text(row, col))
                expected += v or Decimal(0)
            if actual is None and expected == 0:
                return
            f = self.mismatch(
                f"“三公”经费{g.total.key}{'（' + g.measure + '）' if g.measure else ''}应等于"
                "因公出国（境）费＋公务用车购置及运行费＋公务接待费",
                expected,
                actual or Decimal(0),
                printed,
                partial(cell_location, table, row, g.total),
                unit=table.unit,
            )
            if f:
                yield f
