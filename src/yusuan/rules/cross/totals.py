"""The same totals across tables: 收支总表 against the 收入/支出 tables and 财政拨款收支总表, and the revenue
items.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from yusuan.datafiles import data_toml
from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import CannotRun, Finding, Rule, cell_location
from yusuan.rules.context import CheckContext, skip_unreadable
from yusuan.rules.cross.figures import (
    CARRY_OUT,
    FUND_INCOME,
    GPB_INCOME,
    GUIDE,
    INCOME_TOTAL,
    SOE_INCOME,
    SPENDING_TOTAL,
    TOTAL_COLS,
    Fig,
    differ,
    find_col,
    find_row,
    grand_row,
    key,
    listed,
    side_col,
    table_total,
    total_col,
    two_sided,
    val,
)

CARRY_IN = ("上年结转", "年初结转")


class SummaryVsRevenueTableTotal(Rule):
    """检查什么
    收支总表收入栏“本年收入合计”应等于收入总表合计行的本年收入（“本年收入 小计”，
    无此列时为“合计”减“上年结转”）；收入总表列有上年结转时，“收入总计”还应等于其“合计”。
    收入总表按资金来源分行、只有一列“金额”时（江苏），本年收入为“收入总计”减
    “上年结转和结余资金”行；收支总表的“当年收入小计”是本年收入，“收入合计”含结转。

    为什么重要
    同一部门同一年的收入总数只有一个，两张表印出两个数，公开数据就不可信。

    错误示例
    收支总表本年收入合计 593.58；收入总表 2010101 行政运行至合计行都同步加了 1.00，
    合计行的合计、小计、财政拨款收入都是 594.58。

    正确写法
    收支总表本年收入合计 593.58 = 收入总表合计行本年收入小计 593.58。
    """

    code = "YS304"
    name = "summary-vs-revenue-table-total"
    title = "收支总表收入合计与收入总表合计不一致"
    tags = ("cross", "summary", "revenue")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        s, rev = two_sided(ctx.require(TableId.SUMMARY)), ctx.require(TableId.REVENUE)
        scol, rtot, rrow = side_col(s, "收入"), total_col(rev), grand_row(rev)
        if scol is None or rtot is None or rrow is None:
            raise CannotRun("收支总表收入栏或收入总表合计行未识别")
        subs = [c for c in rev.amount_columns() if key(c.key) == "小计" and "本年收入" in c.path]
        sub = subs[0] if subs else find_col(rev, "本年收入合计", "本年收入")
        carry = find_col(rev, "上年结转", "年初结转")
        carry_row = None  # a revenue table listing its sources as rows prints 上年结转 as one
        if listed(rev):
            tops = [r for r in rev.rows if r.depth == 0]
            carry_row = next((r for r in tops if any(w in key(r.item) for w in CARRY_IN)), None)
        this_year = find_row(s, *INCOME_TOTAL, section="收入")
        grand = find_row(s, "收入总计", section="收入")
        if grand is None and this_year is not None and key(this_year.item) != "收入合计":
            grand = find_row(s, "收入合计", section="收入")  # Jiangsu: 当年收入小计, 收入合计
        if this_year is not None:
            with skip_unreadable():
                figs: list[Fig] = (
                    [(rev, rrow, sub)] if sub else [(rev, rrow, rtot), (rev, rrow, carry)]
                )
                expected = (
                    val(rev, rrow, sub) if sub else val(rev, rrow, rtot) - val(rev, rrow, carry)
                )
                if carry_row is not None:
                    figs = [(rev, rrow, rtot), (rev, carry_row, rtot)]
                    expected = val(rev, rrow, rtot) - val(rev, carry_row, rtot)
                msg = f"收支总表“{this_year.item}”与收入总表合计行的本年收入不一致"
                figs.append((s, this_year, scol))
                loc = cell_location(s, this_year, scol)
                yield from differ(self, msg, expected, val(s, this_year, scol), figs, loc)
        if grand is not None and (carry is not None or carry_row is not None or this_year is None):
            with skip_unreadable():
                msg = f"收支总表“{grand.item}”与收入总表合计行“{rtot.key}”不一致"
                figs = [(s, grand, scol), (rev, rrow, rtot)]
                loc = cell_location(s, grand, scol)
                yield from differ(self, msg, val(rev, rrow, rtot), val(s, grand, scol), figs, loc)


class SummaryVsExpenditureTableTotal(Rule):
    """检查什么
    收支总表支出栏“本年支出合计”（无此行时为“支出总计”减“年终结转结余”）应等于
    支出总表合计行的“合计”。

    为什么重要
    部门当年支出总额在两张表中不同，读者无法知道部门到底安排了多少支出。

    错误示例
    收支总表本年支出合计 593.58，支出总表合计行 594.58（2010101 行政运行至合计行都加了 1.00）。

    正确写法
    收支总表本年支出合计 593.58 = 支出总表合计 593.58。
    """

    code = "YS305"
    name = "summary-vs-expenditure-table-total"
    title = "收支总表支出合计与支出总表合计不一致"
    tags = ("cross", "summary", "expenditure")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        s, exp = two_sided(ctx.require(TableId.SUMMARY)), ctx.require(TableId.EXPENDITURE)
        scol, ecol = side_col(s, "支出"), find_col(exp, *TOTAL_COLS)
        this_year = find_row(s, *SPENDING_TOTAL, section="支出")
        row = this_year or find_row(s, "支出总计", section="支出")
        if scol is None or ecol is None or row is None:
            raise CannotRun("收支总表本年支出合计或支出总表“合计”列未识别")
        expected, figs, _ = table_total(exp, ecol)
        actual = val(s, row, scol)
        figs.append((s, row, scol))
        if this_year is None and (carry := find_row(s, *CARRY_OUT, section="支出")) is not None:
            actual -= val(s, carry, scol)
            figs.append((s, carry, scol))
        msg = f"收支总表“{row.item}”与支出总表合计行“{ecol.key}”不一致"
        yield from differ(self, msg, expected, actual, figs, cell_location(s, row, scol))


class FiscalRevenueVsSummary(Rule):
    """检查什么
    财政拨款收支总表收入栏的“一般公共预算拨款”“政府性基金预算拨款”“国有资本经营预算拨款”
    （本年收入部分，不含年初结转）应分别等于收支总表收入栏的对应项目。

    为什么重要
    同一笔财政拨款收入在两张总表中金额不同，说明至少一张表填错。

    错误示例
    收支总表“一般公共预算拨款收入”593.58，财政拨款收支总表“一般公共预算拨款”594.58。

    正确写法
    两表都是 593.58；没有政府性基金拨款时两表该项都空着。
    """

    code = "YS306"
    name = "fiscal-revenue-vs-summary"
    title = "财政拨款收支总表收入与收支总表财政拨款收入不一致"
    tags = ("cross", "fiscal_summary", "summary")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        f = two_sided(ctx.require(TableId.FISCAL_SUMMARY))
        s = two_sided(ctx.require(TableId.SUMMARY))
        fcol, scol = side_col(f, "收入"), side_col(s, "收入")
        if fcol is None or scol is None:
            raise CannotRun("财政拨款收支总表或收支总表收入栏未识别")
        ft, st = (
            find_row(f, *INCOME_TOTAL, section="收入"),
            find_row(s, *INCOME_TOTAL, section="收入"),
        )
        for aliases in (GPB_INCOME, FUND_INCOME, SOE_INCOME):
            with skip_unreadable():
                fr = find_row(f, *aliases, section="收入", stop=ft.index if ft else None)
                sr = find_row(s, *aliases, section="收入", stop=st.index if st else None)
                if fr is not None and sr is not None:
                    msg = f"财政拨款收支总表“{fr.item}”与收支总表“{sr.item}”不一致"
                    figs = [(s, sr, scol), (f, fr, fcol)]
                    loc = cell_location(f, fr, fcol)
                    yield from differ(self, msg, val(s, sr, scol), val(f, fr, fcol), figs, loc)


REVENUE_ITEMS = (
    ("一般公共预算拨款收入", GPB_INCOME, GPB_INCOME[:3]),
    ("政府性基金预算拨款收入", FUND_INCOME, FUND_INCOME[:3]),
    ("国有资本经营预算拨款收入", SOE_INCOME, SOE_INCOME[:3]),
    (
        "财政专户管理资金收入",
        ("财政专户管理资金收入", "财政专户"),
        ("财政专户管理资金收入", "财政专户"),
    ),
    ("事业收入", ("事业收入",), ("事业收入",)),
    ("事业单位经营收入", ("事业单位经营收入", "经营收入"), ("事业单位经营收入", "经营收入")),
    ("上级补助收入", ("上级补助收入",), ("上级补助收入",)),
    ("附属单位上缴收入", ("附属单位上缴收入",), ("附属单位上缴收入",)),
    ("其他收入", ("其他收入",), ("其他收入",)),
    ("其他资金", ("其他资金",), ("其他资金",)),
    ("上年结转", ("上年结转结余", "上年结转", "年初结转和结余"), ("上年结转", "年初结转和结余")),
)


@cache
def listed_names() -> dict[str, tuple[str, ...]]:
    """How a revenue table listing its sources as rows names them (``data/aliases.toml``,
    ``revenue_row``), by the item of :data:`REVENUE_ITEMS`."""
    rows = data_toml("aliases.toml").get("revenue_row", [])
    return {r["item"]: tuple(r["names"]) for r in rows}


class RevenueItemsVsSummary(Rule):
    """检查什么
    收入总表合计行各收入列应等于收支总表收入栏的同名项目：“财政拨款收入”列 = 一般公共
    预算拨款收入 + 政府性基金预算拨款收入 + 国有资本经营预算拨款收入；事业收入、事业单位
    经营收入、上级补助收入、附属单位上缴收入、其他收入、财政专户管理资金收入、上年结转各自相等。
    收入总表按资金来源分行时（江苏：一般公共预算资金、政府性基金、财政专户管理资金、
    其他资金各一组，组的“小计”是该组金额），逐行与收支总表同名项目对照。

    为什么重要
    收入来源构成是部门预算的核心信息，两表构成不同会误导读者对资金来源的判断。

    错误示例
    收支总表一般公共预算拨款收入 592.58、其他收入 1.00（合计仍为 593.58），
    收入总表合计行财政拨款收入 593.58、其他收入 空。

    正确写法
    收支总表一般公共预算拨款收入 593.58 = 收入总表财政拨款收入 593.58，其他收入两表都空。
    """

    code = "YS315"
    name = "revenue-items-vs-summary"
    title = "收入总表收入构成与收支总表不一致"
    tags = ("cross", "revenue", "summary")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        s, rev = two_sided(ctx.require(TableId.SUMMARY)), ctx.require(TableId.REVENUE)
        scol, rrow = side_col(s, "收入"), grand_row(rev)
        if scol is None or rrow is None:
            raise CannotRun("收支总表收入栏或收入总表合计行未识别")
        st = find_row(s, *INCOME_TOTAL, section="收入")
        stop = st.index if st is not None else None
        if listed(rev):  # sources as rows, one 金额 column: row against row
            yield from self.listed(s, scol, stop, rev)
            return
        items: list[tuple[str, list[Row], Column]] = []
        for label, s_aliases, r_aliases in REVENUE_ITEMS:
            col, row = find_col(rev, *r_aliases), find_row(s, *s_aliases, section="收入", stop=stop)
            if col is not None and row is not None:
                items.append((label, [row], col))
        fiscal = find_col(
            rev, "财政拨款收入", "财政拨款", avoid=("结转", "一般公共", "基金", "国有资本")
        )
        rows = [
            find_row(s, *a, section="收入", stop=stop)
            for a in (GPB_INCOME, FUND_INCOME, SOE_INCOME)
        ]
        parts = [r for r in rows if r is not None]
        if fiscal is not None and parts:
            items.append(("财政拨款收入", parts, fiscal))
        for label, srows, col in items:
            with skip_unreadable():
                msg = f"收支总表“{label}”与收入总表合计行“{col.key}”不一致"
                actual = sum((val(s, r, scol) for r in srows), Decimal(0))
                figs: list[Fig] = [(rev, rrow, col), *((s, r, scol) for r in srows)]
                loc = cell_location(s, srows[0], scol)
                yield from differ(self, msg, val(rev, rrow, col), actual, figs, loc)

    def listed(self, s: Table, scol: Column, stop: int | None, rev: Table) -> Iterator[Finding]:
        """Each source the 收入总表 lists as a top row against the 收支总表's row."""
        rcol = rev.amount_columns()[0]
        tops = rev.model_copy(update={"rows": tuple(r for r in rev.rows if r.depth == 0)})
        for label, s_aliases, r_aliases in REVENUE_ITEMS:
            with skip_unreadable():
                srow = find_row(s, *s_aliases, section="收入", stop=stop)
                rrow = find_row(tops, *listed_names().get(label, r_aliases))
                if srow is None or rrow is None:
                    continue
                msg = f"收支总表“{srow.item}”与收入总表“{rrow.item}”不一致"
                figs: list[Fig] = [(rev, rrow, rcol), (s, srow, scol)]
                loc = cell_location(s, srow, scol)
                yield from differ(self, msg, val(rev, rrow, rcol), val(s, srow, scol), figs, loc)
