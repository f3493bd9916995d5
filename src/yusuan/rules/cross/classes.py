"""The same 功能分类 classes across tables: 收入/支出 tables, the 一般公共预算 tables and the 财政拨款 columns
against their own tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from yusuan.model import TableId
from yusuan.rules.base import CannotRun, Finding, NotApplicable, Rule, cell_location
from yusuan.rules.context import CheckContext, table_name
from yusuan.rules.cross.figures import (
    CARRY_OUT,
    GUIDE,
    SPENDING_TOTAL,
    TOTAL_COLS,
    by_code,
    compare_classes,
    differ,
    find_col,
    find_row,
    only_gpb,
    side_col,
    table_total,
    two_sided,
    val,
)


class RevenueExpenditureSubjectMismatch(Rule):
    """检查什么
    收入总表与支出总表按支出功能分类科目列示：同一科目编码（类、款、项）在两表的
    “合计”列应相等，两表的合计行也应相等。收入总表的合计含上年结转，支出总表的合计
    含用上年结转安排的支出，所以有结转时同样可比；收支总表列有年终结转结余时不比。

    为什么重要
    部门预算收支平衡，同一科目收入与支出不一致，说明其中一张表填错或漏填。

    错误示例
    收入总表 2010101 行政运行 合计 322.91，支出总表 2010101 行政运行 合计 323.91
    （支出总表把 20101、201 和合计行都同步加了 1.00，表内自洽，但与收入总表不符）。

    正确写法
    两表 2010101 行政运行 都是 322.91，合计都是 593.58。
    """

    code = "YS301"
    name = "revenue-expenditure-subject-mismatch"
    title = "收入总表与支出总表同一科目金额不一致"
    tags = ("cross", "revenue", "expenditure")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.d.kind == "决算":
            raise NotApplicable("决算的收入与支出按科目不必相等（有年末结转和结余）")
        rev, exp = ctx.require(TableId.REVENUE), ctx.require(TableId.EXPENDITURE)
        rc, ec = find_col(rev, *TOTAL_COLS), find_col(exp, *TOTAL_COLS)
        if rc is None or ec is None:
            raise CannotRun("收入总表或支出总表缺少“合计”列")
        s = ctx.table(TableId.SUMMARY)
        if s is not None and (carry := find_row(s, *CARRY_OUT, section="支出")) is not None:
            if val(s, carry, side_col(s, "支出")) != 0:
                raise NotApplicable("收支总表列有年终结转结余，收入与支出按科目不必相等")
        yield from by_code(self, rev, rc, exp, ec)


class ExpenditureGpbSubjectMismatch(Rule):
    """检查什么
    一般公共预算财政拨款支出表与支出总表按科目编码对照“合计”“基本支出”“项目支出”：
    部门收入全部是一般公共预算拨款时（收支总表其他收入、结转均为空），两表逐科目相等；
    否则一般公共预算财政拨款支出不得超过支出总表同一科目、同一列的金额。

    为什么重要
    一般公共预算财政拨款支出是部门全部支出的一部分：超过总支出，或在只有这一种资金的
    部门与总支出不同，都说明两表至少有一张填错。

    错误示例
    只有一般公共预算拨款的部门，支出总表 2010102 一般行政管理事务 项目支出 48.00，
    一般公共预算财政拨款支出表同一科目写成 47.00、2010104 人大会议写成 26.00。

    正确写法
    两表 2010102 都是 48.00，2010104 都是 25.00。
    """

    code = "YS302"
    name = "expenditure-gpb-subject-mismatch"
    title = "一般公共预算财政拨款支出表与支出总表科目金额不符"
    tags = ("cross", "expenditure", "gpb_expenditure")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        exp, gpb = ctx.require(TableId.EXPENDITURE), ctx.require(TableId.GPB_EXPENDITURE)
        pairs = [
            (ec, gc)
            for keys in (TOTAL_COLS, ("基本支出",), ("项目支出",))
            if (ec := find_col(exp, *keys)) is not None and (gc := find_col(gpb, *keys)) is not None
        ]
        if not pairs:
            raise CannotRun("支出总表与一般公共预算财政拨款支出表没有可对照的列")
        at_most = not only_gpb(ctx)
        for ec, gc in pairs:
            yield from by_code(self, exp, ec, gpb, gc, at_most=at_most)


class SummaryClassVsExpenditureTable(Rule):
    """检查什么
    收支总表支出栏按“类”列示（一般公共服务支出、社会保障和就业支出……，不印编码），
    每一类的金额应等于支出总表同名“类”科目（3位编码）的合计；按名称对照，也认得往年的
    类名（如医疗卫生与计划生育支出→210）。一边有金额、另一边没有这一类，也算不符。

    为什么重要
    收支总表是读者看的第一张表，其分类数与明细表不一致，读者无从判断哪个数可信。

    错误示例
    收支总表“一般公共服务支出”484.91、“社会保障和就业支出”57.87（合计不变），
    支出总表 201 为 485.91、208 为 56.87。

    正确写法
    收支总表“一般公共服务支出”485.91，与支出总表 201 一般公共服务支出 485.91 相同。
    """

    code = "YS303"
    name = "summary-class-vs-expenditure-table"
    title = "收支总表支出分类与支出总表类级科目不一致"
    tags = ("cross", "summary", "expenditure")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        s = two_sided(ctx.require(TableId.SUMMARY))
        exp = ctx.require(TableId.EXPENDITURE)
        scol, ecol = side_col(s, "支出"), find_col(exp, *TOTAL_COLS)
        if scol is None or ecol is None:
            raise CannotRun("收支总表支出栏或支出总表“合计”列未识别")
        yield from compare_classes(self, s, "支出", scol, exp, ecol)


class _FiscalColumnVsTable(Rule):
    """A 财政拨款收支总表 支出 column (by 类 and 本年支出合计) against its own table."""

    target: ClassVar[TableId]
    column_keys: ClassVar[tuple[str, ...]]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        f = two_sided(ctx.require(TableId.FISCAL_SUMMARY))
        t = ctx.require(self.target)
        fcol, tcol = find_col(f, *self.column_keys, section="支出"), find_col(t, *TOTAL_COLS)
        if fcol is None:
            raise CannotRun(f"财政拨款收支总表支出栏未列“{self.column_keys[0]}”列")
        if tcol is None and not t.is_empty:
            raise CannotRun(f"{table_name(t.id)}缺少“合计”列")
        total = find_row(f, *SPENDING_TOTAL, section="支出")
        try:
            classes = compare_classes(self, f, "支出", fcol, t, tcol)
        except CannotRun:
            if total is None:
                raise
            classes = []  # 支出 listed otherwise than by 类: compare the totals only
        if total is not None:
            expected, figs, _ = table_total(t, tcol)
            where = f"“{tcol.key}”" if tcol is not None else "（空表，按 0 计）"
            msg = (
                f"财政拨款收支总表“{total.item}”的“{fcol.key}”与{table_name(t.id)}合计{where}不一致"
            )
            figs.append((f, total, fcol))
            loc = cell_location(f, total, fcol)
            yield from differ(self, msg, expected, val(f, total, fcol), figs, loc)
        yield from classes


class FiscalClassVsGpbTable(_FiscalColumnVsTable):
    """检查什么
    财政拨款收支总表支出栏“一般公共预算财政拨款”列：各“类”的金额应等于一般公共预算
    财政拨款支出表同名“类”科目的合计，“本年支出合计”应等于该表合计行。

    为什么重要
    两张表是同一笔一般公共预算拨款的两种呈现，金额不同说明其中一张表填错。

    错误示例
    财政拨款收支总表“一般公共服务支出”一般公共预算财政拨款 485.91，一般公共预算
    财政拨款支出表 201 一般公共服务支出 合计 486.91。

    正确写法
    两表都是 485.91；本年支出合计 593.58 = 一般公共预算财政拨款支出表合计 593.58。
    """

    code = "YS307"
    name = "fiscal-class-vs-gpb-table"
    title = "财政拨款收支总表一般公共预算列与一般公共预算财政拨款支出表不一致"
    tags = ("cross", "fiscal_summary", "gpb_expenditure")
    basis = GUIDE
    target = TableId.GPB_EXPENDITURE
    column_keys = ("一般公共预算财政拨款", "一般公共预算拨款", "一般公共预算")


class FiscalFundVsGovFundTable(_FiscalColumnVsTable):
    """检查什么
    财政拨款收支总表支出栏“政府性基金预算财政拨款”列的本年支出合计和各“类”，应等于
    政府性基金预算财政拨款支出表的合计行和同名“类”科目；该表为空表时按 0 计。

    为什么重要
    总表列了政府性基金支出而基金表为空（或反之），读者看不到这笔钱用在哪里。

    错误示例
    财政拨款收支总表“城乡社区支出”政府性基金预算财政拨款 10.00，政府性基金预算
    财政拨款支出表为空表。

    正确写法
    没有政府性基金拨款时两处都空着，基金表注明“空表列示”；有时两处金额一致。
    """

    code = "YS308"
    name = "fiscal-fund-vs-gov-fund-table"
    title = "财政拨款收支总表政府性基金列与政府性基金支出表不一致"
    tags = ("cross", "fiscal_summary", "gov_fund")
    basis = GUIDE
    target = TableId.GOV_FUND
    column_keys = ("政府性基金预算财政拨款", "政府性基金预算拨款", "政府性基金")


class FiscalSoeVsSoeTable(_FiscalColumnVsTable):
    """检查什么
    财政拨款收支总表支出栏“国有资本经营预算财政拨款”列的本年支出合计和各“类”，应等于
    国有资本经营预算财政拨款支出表的合计行和同名“类”科目；该表为空表时按 0 计。

    为什么重要
    总表与国有资本经营预算支出表不一致，这笔钱的去向无法核对。

    错误示例
    财政拨款收支总表“国有资本经营预算支出”国有资本经营预算财政拨款 5.00，
    国有资本经营预算财政拨款支出表为空表。

    正确写法
    没有国有资本经营预算拨款时两处都空着；有时两处金额一致。
    """

    code = "YS309"
    name = "fiscal-soe-vs-soe-table"
    title = "财政拨款收支总表国有资本经营列与国有资本经营预算支出表不一致"
    tags = ("cross", "fiscal_summary", "soe_capital")
    basis = GUIDE
    target = TableId.SOE_CAPITAL
    column_keys = ("国有资本经营预算财政拨款", "国有资本经营预算拨款", "国有资本经营")
