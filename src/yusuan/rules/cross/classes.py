"""The same 功能分类 classes across tables: 收入/支出 tables, the 一般公共预算 tables and the 财政拨款 columns
against their own tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from yusuan.model import Table, TableId
from yusuan.rules.base import CannotRun, Finding, NotApplicable, Rule, cell_location
from yusuan.rules.context import CheckContext, skip_unreadable, table_name
from yusuan.rules.cross.figures import (
    CARRY_OUT,
    GUIDE,
    SPENDING_TOTAL,
    TOTAL_COLS,
    Fig,
    by_code,
    class_values,
    compare_classes,
    differ,
    find_col,
    find_row,
    key,
    only_gpb,
    side_col,
    table_total,
    total_col,
    two_sided,
    val,
)


class RevenueExpenditureSubjectMismatch(Rule):
    """检查什么
    收入总表与支出总表按支出功能分类科目列示：同一科目编码（类、款、项）在两表的
    “合计”列应相等，两表的合计行也应相等。收入总表的合计含上年结转，支出总表的合计
    含用上年结转安排的支出，所以有结转时同样可比；收支总表列有年终结转结余时不比。
    两表都不按科目列示时（江苏：收入总表按资金来源分行、只有一列“金额”，支出总表只有
    一行合计），比两表的合计。

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
        # a table listing its items under one 金额 column has that column as its 合计
        # (Jiangsu's 收入预算总表 by 资金来源): with no 科目 on either side, the totals compare
        rc, ec = total_col(rev), total_col(exp)
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
    否则一般公共预算财政拨款支出不得超过支出总表同一科目、同一列的金额。一般公共预算
    财政拨款支出表只有一列“金额”时，该列即其合计。

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
            if (ec := total_col(exp) if keys == TOTAL_COLS else find_col(exp, *keys)) is not None
            and (gc := total_col(gpb) if keys == TOTAL_COLS else find_col(gpb, *keys)) is not None
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
    支出总表不按功能分类列示时（江苏：只列基本支出、项目支出），与财政拨款支出表
    （功能科目）的“类”对照：部门资金全是财政拨款时相等，否则财政拨款支出表的“类”
    不得超过收支总表的同一类。

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
        fiscal = ctx.table(TableId.FISCAL_EXPENDITURE)
        if class_values(exp, ecol) or exp.is_empty or fiscal is None:
            yield from compare_classes(self, s, "支出", scol, exp, ecol)
            return
        # 支出总表 by 基本/项目 only (Jiangsu): the 财政拨款支出表 prints the 功能分类; its
        # 类 equal the 收支总表's when all the money is 财政拨款, else may not exceed them
        fcol = total_col(fiscal)
        if fcol is None:
            raise CannotRun("支出总表未按功能分类科目列示，财政拨款支出表的金额列未识别")
        part = not only_gpb(ctx, funds=True)
        yield from compare_classes(self, s, "支出", scol, fiscal, fcol, part=part)


class _FiscalColumnVsTable(Rule):
    """A 财政拨款收支总表 支出 column (by 类 and 本年支出合计) against its own table."""

    target: ClassVar[TableId]
    column_keys: ClassVar[tuple[str, ...]]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        f = two_sided(ctx.require(TableId.FISCAL_SUMMARY))
        fcol = find_col(f, *self.column_keys, section="支出")
        if fcol is None and unsplit(f):
            yield from self.unsplit(ctx, f)
            return
        t = ctx.require(self.target)
        tcol = find_col(t, *TOTAL_COLS)
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
        with skip_unreadable():
            if total is not None:
                expected, figs, _ = table_total(t, tcol)
                where = f"“{tcol.key}”" if tcol is not None else "（空表，按 0 计）"
                msg = f"财政拨款收支总表“{total.item}”的“{fcol.key}”与{table_name(t.id)}合计{where}不一致"
                figs.append((f, total, fcol))
                loc = cell_location(f, total, fcol)
                yield from differ(self, msg, expected, val(f, total, fcol), figs, loc)
        yield from classes

    def unsplit(self, ctx: CheckContext, f: Table) -> Iterator[Finding]:
        """The 支出 side prints one column, not one per 资金来源 (Jiangsu)."""
        raise NotApplicable(UNSPLIT)


UNSPLIT = (
    "财政拨款收支总表支出栏只列一栏金额（不按一般公共预算、政府性基金分列），"
    "没有分列数可核对；其支出合计与各资金支出表之和的核对见 YS307"
)
_FUND_TABLES = (TableId.GPB_EXPENDITURE, TableId.GOV_FUND, TableId.SOE_CAPITAL)


def unsplit(f: Table) -> bool:
    """True when a 财政拨款收支总表 prints its 支出 in one amount column (by 支出用途 or
    功能分类), none of them named for a 资金来源."""
    cols = [c for c in f.columns if c.role == "amount" and c.section == "支出"]
    words = ("一般公共预算", "政府性基金", "国有资本")
    return len(cols) == 1 and not any(w in key(cols[0].key) for w in words)


class FiscalClassVsGpbTable(_FiscalColumnVsTable):
    """检查什么
    财政拨款收支总表支出栏“一般公共预算财政拨款”列：各“类”的金额应等于一般公共预算
    财政拨款支出表同名“类”科目的合计，“本年支出合计”应等于该表合计行。支出栏只列
    一栏金额、不按资金来源分列时（江苏：按支出用途列基本支出、项目支出），其支出合计
    应等于一般公共预算、政府性基金（及国有资本经营）预算财政拨款支出表合计之和。

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

    def unsplit(self, ctx: CheckContext, f: Table) -> Iterator[Finding]:
        """One 支出 column: its 本年支出合计 is all the 财政拨款, the sum of the fund tables
        (一般公共预算 + 政府性基金 [+ 国有资本经营], each printed; an empty one is 0)."""
        total = find_row(f, *SPENDING_TOTAL, section="支出")
        fcol = side_col(f, "支出")
        if total is None or fcol is None:
            raise CannotRun("财政拨款收支总表支出栏未列支出合计")
        tables = [ctx.require(TableId.GPB_EXPENDITURE)]
        for tid in _FUND_TABLES[1:]:
            t = ctx.table(tid)
            if t is None and ctx.unread(tid) is not None:
                ctx.require(tid)  # printed but not read: cannot run, saying where
            if t is not None:
                tables.append(t)
        expected, figs = Decimal(0), list[Fig]()
        for t in tables:
            v, fs, _ = table_total(t, total_col(t))
            expected += v
            figs += fs
        names = "＋".join(f"{table_name(t.id)}合计" for t in tables)
        msg = f"财政拨款收支总表“{total.item}”与{names}不一致"
        figs.append((f, total, fcol))
        loc = cell_location(f, total, fcol)
        yield from differ(self, msg, expected, val(f, total, fcol), figs, loc)


class FiscalFundVsGovFundTable(_FiscalColumnVsTable):
    """检查什么
    财政拨款收支总表支出栏“政府性基金预算财政拨款”列的本年支出合计和各“类”，应等于
    政府性基金预算财政拨款支出表的合计行和同名“类”科目；该表为空表时按 0 计。
    支出栏只列一栏金额、不按资金来源分列时不适用（合计由 YS307 与各资金支出表之和对照）。

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
    文件既不印该表、财政拨款收支总表也不列国有资本经营预算时不适用。

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

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        f = ctx.table(TableId.FISCAL_SUMMARY)
        if ctx.table(self.target) is None and ctx.unread(self.target) is None and f is not None:
            named = [r.item for r in f.rows] + [c.key for c in f.columns]
            if not any("国有资本" in key(n) for n in named):
                raise NotApplicable(
                    "本文件没有国有资本经营预算财政拨款：不印国有资本经营预算财政拨款支出表，"
                    "财政拨款收支总表也不列此项"
                )
        yield from super().check(ctx)
