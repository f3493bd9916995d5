"""YS312: the 人员经费 of the 基本支出表 against its 经济分类 classes (301 + 303), by column or,
in the Shanghai 决算 layout, by its 人员经费合计 and 公用经费合计 rows."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import CannotRun, Finding, NotApplicable, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext
from yusuan.rules.cross.basic import DERIVED, Total, split_derived, split_row
from yusuan.rules.cross.figures import (
    PERSONNEL,
    PUBLIC,
    REGULATION,
    Fig,
    class_values,
    differ,
    find_col,
    table_total,
    total_col,
    val,
)


class PersonnelClassesMismatch(Rule):
    """检查什么
    一般公共预算财政拨款基本支出表“人员经费”列的合计，应等于 301 工资福利支出与
    303 对个人和家庭的补助两类“合计”之和（其余各类，主要是 302 商品和服务支出，属公用经费）。

    基本支出表不列“人员经费”“公用经费”列、而把两者分块列示并各带“人员经费合计”“公用经费
    合计”行时（上海决算），“人员经费合计”行应等于 301、303 两类之和，“公用经费合计”行应
    等于其余各类之和。

    为什么重要
    人员经费与公用经费的划分是读者看机关运行成本的依据；把退休费、生活补助列进公用经费，
    会虚增公用经费、少报人员经费。个别地区口径略有不同，所以是警告。

    错误示例
    303 对个人和家庭的补助 30.60 全部列在“公用经费”列：人员经费合计 374.47，301 + 303 = 405.07。

    正确写法
    人员经费合计 405.07 = 301 工资福利支出 374.47 + 303 对个人和家庭的补助 30.60。
    """

    code = "YS312"
    name = "personnel-classes-mismatch"
    title = "人员经费与工资福利、对个人和家庭补助两类之和不符"
    severity = Severity.WARNING
    tags = ("cross", "gpb_basic")
    basis = REGULATION

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        gb = ctx.require(TableId.GPB_BASIC)
        pcol, tcol = find_col(gb, *PERSONNEL), total_col(gb)
        classes = class_values(gb, tcol)
        parts = [classes[c] for c in ("301", "303") if c in classes]
        prow = split_row(gb, PERSONNEL, tcol) if pcol is None else None
        if pcol is None and prow is None and split_derived(gb):
            raise NotApplicable(DERIVED)
        if (pcol is None and prow is None) or tcol is None or not parts:
            raise CannotRun("基本支出表未列“人员经费”列（或行）或 301、303 类科目")
        if prow is not None:  # “人员经费合计” printed as a row under the classes
            yield from self.rows(gb, tcol, classes, prow)
            return
        actual, figs, arow = table_total(gb, pcol)
        expected = sum((p[0] for p in parts), Decimal(0))
        figs += [f for p in parts for f in p[1]]
        msg = f"基本支出表“{pcol.key if pcol else ''}”合计与 301、303 两类“{tcol.key}”之和不一致"
        yield from differ(self, msg, expected, actual, figs, cell_location(gb, arow, pcol))

    def rows(
        self, gb: Table, tcol: Column, classes: dict[str, Total], prow: Row
    ) -> Iterator[Finding]:
        """The 决算 layout: each 合计 row against the classes of its block (人员经费: 301 and
        303; 公用经费, when its row is printed: every other class)."""
        mine: list[str] = [c for c in ("301", "303") if c in classes]
        blocks = [(prow, mine, "301、303 两类")]
        if (urow := split_row(gb, PUBLIC, tcol)) is not None:
            others: list[str] = [c for c in classes if c not in ("301", "303")]
            blocks.append((urow, others, f"{'、'.join(others)} 各类"))
        for row, codes, which in blocks:
            if not codes:
                continue
            expected = sum((classes[c][0] for c in codes), Decimal(0))
            figs: list[Fig] = [(gb, row, tcol), *(f for c in codes for f in classes[c][1])]
            msg = f"基本支出表“{row.item}”行与 {which}“{tcol.key}”之和不一致"
            yield from differ(
                self, msg, expected, val(gb, row, tcol), figs, cell_location(gb, row, tcol)
            )
