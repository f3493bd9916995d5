"""YS3xx (continued) — totals and items across tables, the economic classification of
基本支出, 三公 against the 基本支出表, and each table's printed year and department.

Imported by :mod:`yusuan.rules.cross`, where the helpers live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import CannotRun, Finding, Location, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext, index_of
from yusuan.rules.cross import (
    CARRY_OUT,
    FUND_INCOME,
    GPB_INCOME,
    GUIDE,
    INCOME_TOTAL,
    SOE_INCOME,
    SPENDING_TOTAL,
    TOTAL_COLS,
    Fig,
    class_values,
    differ,
    find_col,
    find_row,
    key,
    side_col,
    table_total,
    two_sided,
    val,
)

REGULATION = "《中华人民共和国预算法实施条例》第六条（基本支出按经济分类公开到款）；" + GUIDE
FORM = "《地方预决算公开操作规程》（财预〔2016〕143号）第四条：内容准确，形式规范"
PERSONNEL, PUBLIC = ("人员经费", "人员支出"), ("公用经费", "公用支出", "日常公用经费")
DATED = set(TableId) - {TableId.PERFORMANCE, TableId.ORG, TableId.UNKNOWN}
_DEPT = re.compile(r"^(?:(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：])?\s*(\d{3,9})?\s*(.*)$")


def with_children(table: Table, row: Row, col: Column | None) -> tuple[Decimal, list[Fig]]:
    """A row's value, or the sum of its direct children when it is printed blank."""
    if CheckContext.value(table, row, col) is not None:
        return val(table, row, col), [(table, row, col)]
    rows, total, figs = list(table.rows), Decimal(0), list[Fig]()
    for r in rows[index_of(rows, row) + 1 :]:
        if r.depth is None or row.depth is None or r.depth <= row.depth:
            break
        if r.depth == row.depth + 1:
            total += val(table, r, col)
            figs.append((table, r, col))
    return total, figs


def table_location(t: Table, text: str | None) -> Location:
    return Location.at(t.source, table=t.id.value, table_title=t.title, text=text)


class SummaryVsRevenueTableTotal(Rule):
    """检查什么
    收支总表收入栏“本年收入合计”应等于收入总表合计行的本年收入（“本年收入 小计”，
    无此列时为“合计”减“上年结转”）；收入总表列有上年结转时，“收入总计”还应等于其“合计”。

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
        scol, rtot, rrow = (
            side_col(s, "收入"),
            find_col(rev, *TOTAL_COLS),
            CheckContext.total_row(rev),
        )
        if scol is None or rtot is None or rrow is None:
            raise CannotRun("收支总表收入栏或收入总表合计行未识别")
        subs = [c for c in rev.amount_columns() if key(c.key) == "小计" and "本年收入" in c.path]
        sub = subs[0] if subs else find_col(rev, "本年收入合计", "本年收入")
        carry = find_col(rev, "上年结转", "年初结转")
        this_year, grand = (
            find_row(s, *INCOME_TOTAL, section="收入"),
            find_row(s, "收入总计", section="收入"),
        )
        if this_year is not None:
            figs: list[Fig] = [(rev, rrow, sub)] if sub else [(rev, rrow, rtot), (rev, rrow, carry)]
            expected = val(rev, rrow, sub) if sub else val(rev, rrow, rtot) - val(rev, rrow, carry)
            msg = f"收支总表“{this_year.item}”与收入总表合计行的本年收入不一致"
            figs.append((s, this_year, scol))
            loc = cell_location(s, this_year, scol)
            yield from differ(self, msg, expected, val(s, this_year, scol), figs, loc)
        if grand is not None and (carry is not None or this_year is None):
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
            fr = find_row(f, *aliases, section="收入", stop=ft.index if ft else None)
            sr = find_row(s, *aliases, section="收入", stop=st.index if st else None)
            if fr is not None and sr is not None:
                msg = f"财政拨款收支总表“{fr.item}”与收支总表“{sr.item}”不一致"
                figs = [(s, sr, scol), (f, fr, fcol)]
                loc = cell_location(f, fr, fcol)
                yield from differ(self, msg, val(s, sr, scol), val(f, fr, fcol), figs, loc)


class _BasicColumnsVsGpbBasic(Rule):
    """The sum of some 基本支出表 columns (合计 row) against the 一般公共预算财政拨款支出表 基本支出."""

    parts: ClassVar[tuple[tuple[str, ...], ...]]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        gb, gpb = ctx.require(TableId.GPB_BASIC), ctx.require(TableId.GPB_EXPENDITURE)
        bcol, cols = find_col(gpb, "基本支出"), [find_col(gb, *keys) for keys in self.parts]
        if bcol is None or None in cols:
            names = "、".join(keys[0] for keys in self.parts)
            raise CannotRun(f"一般公共预算财政拨款支出表无“基本支出”列，或基本支出表未列{names}")
        expected, figs, _ = table_total(gpb, bcol)
        totals = [table_total(gb, c) for c in cols]
        actual = sum((t[0] for t in totals), Decimal(0))
        names = "＋".join(f"“{c.key}”" for c in cols if c is not None)
        msg = f"基本支出表合计行{names}与一般公共预算财政拨款支出表合计行“基本支出”不一致"
        figs += [f for t in totals for f in t[1]]
        yield from differ(
            self, msg, expected, actual, figs, cell_location(gb, totals[0][2], cols[0])
        )


class BasicTableVsGpbBasicTotal(_BasicColumnsVsGpbBasic):
    """检查什么
    一般公共预算财政拨款基本支出表（经济分类）合计行的“合计”，应等于一般公共预算
    财政拨款支出表（功能分类）合计行的“基本支出”。

    为什么重要
    两张表是同一笔基本支出按两种分类的呈现，总额必须相同，否则至少一张表有误。

    错误示例
    基本支出表 30101 基本工资、301 和合计行都加了 1.00，合计 431.58；
    一般公共预算财政拨款支出表基本支出 430.58。

    正确写法
    基本支出表合计 430.58 = 一般公共预算财政拨款支出表基本支出 430.58。
    """

    code = "YS310"
    name = "basic-table-vs-gpb-basic-total"
    title = "基本支出表合计与一般公共预算财政拨款支出表基本支出不一致"
    tags = ("cross", "gpb_basic", "gpb_expenditure")
    basis = REGULATION
    parts = (TOTAL_COLS,)


class PersonnelPlusPublicNotBasic(_BasicColumnsVsGpbBasic):
    """检查什么
    一般公共预算财政拨款基本支出表合计行的“人员经费”加“公用经费”，应等于一般公共预算
    财政拨款支出表合计行的“基本支出”。

    为什么重要
    基本支出由人员经费和公用经费组成，两者之和与基本支出不符，说明分项或总数填错。

    错误示例
    人员经费 406.07、公用经费 25.51，之和 431.58；基本支出 430.58。

    正确写法
    人员经费 405.07 + 公用经费 25.51 = 基本支出 430.58。
    """

    code = "YS311"
    name = "personnel-plus-public-not-basic"
    title = "人员经费与公用经费之和不等于基本支出"
    tags = ("cross", "gpb_basic", "gpb_expenditure")
    basis = REGULATION
    parts = (PERSONNEL, PUBLIC)


class PersonnelClassesMismatch(Rule):
    """检查什么
    一般公共预算财政拨款基本支出表“人员经费”列的合计，应等于 301 工资福利支出与
    303 对个人和家庭的补助两类“合计”之和（其余各类，主要是 302 商品和服务支出，属公用经费）。

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
        pcol, tcol = find_col(gb, *PERSONNEL), find_col(gb, *TOTAL_COLS)
        classes = class_values(gb, tcol)
        parts = [classes[c] for c in ("301", "303") if c in classes]
        if pcol is None or tcol is None or not parts:
            raise CannotRun("基本支出表未列“人员经费”列或 301、303 类科目")
        actual, figs, arow = table_total(gb, pcol)
        expected = sum((p[0] for p in parts), Decimal(0))
        figs += [f for p in parts for f in p[1]]
        msg = f"基本支出表“{pcol.key}”合计与 301、303 两类“{tcol.key}”之和不一致"
        yield from differ(self, msg, expected, actual, figs, cell_location(gb, arow, pcol))


SOCIAL = (
    ("30108", "机关事业单位基本养老保险缴费", ("2080505",)),
    ("30109", "职业年金缴费", ("2080506",)),
    ("30110", "职工基本医疗保险缴费", ("2101101", "2101102")),
    ("30111", "公务员医疗补助缴费", ("2101103",)),
    ("30113", "住房公积金", ("2210201",)),
)


class SocialSecurityClassificationMismatch(Rule):
    """检查什么
    社会保障缴费在两种分类中各列一次：经济分类 30108 ↔ 功能分类 2080505，30109 ↔ 2080506，
    30110 ↔ 2101101 + 2101102，30111 ↔ 2101103，30113 ↔ 2210201。基本支出表该款的“合计”
    应等于一般公共预算财政拨款支出表对应项的“基本支出”（无此列时为“合计”）。

    为什么重要
    同一笔缴费按两种分类列示，金额应当相同；不同往往是科目用错（如把职业年金记入养老保险）。
    个别地区有项目支出中的缴费等情况，所以是警告。

    错误示例
    基本支出表 30113 住房公积金 32.00，一般公共预算财政拨款支出表 2210201 住房公积金 31.00。

    正确写法
    30113 住房公积金 31.00 = 2210201 住房公积金 31.00。
    """

    code = "YS313"
    name = "social-security-classification-mismatch"
    title = "社会保障缴费的经济分类与功能分类金额不一致"
    severity = Severity.WARNING
    tags = ("cross", "gpb_basic", "gpb_expenditure")
    basis = REGULATION

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        gb, gpb = ctx.require(TableId.GPB_BASIC), ctx.require(TableId.GPB_EXPENDITURE)
        ecol, fcol = (
            find_col(gb, *TOTAL_COLS),
            find_col(gpb, "基本支出") or find_col(gpb, *TOTAL_COLS),
        )
        econ, func = CheckContext.coded_rows(gb), CheckContext.coded_rows(gpb)
        if ecol is None or fcol is None or not any(len(c) == 5 for c in econ):
            raise CannotRun("基本支出表未列到“款”级经济分类科目")
        if not any(len(c) == 7 for c in func):
            raise CannotRun("一般公共预算财政拨款支出表未列到“项”级功能分类科目")
        for code, name, codes in SOCIAL:
            er, frs = econ.get(code), [func[c] for c in codes if c in func]
            if er is None and not frs:
                continue
            loc = (
                cell_location(gb, er, ecol) if er is not None else cell_location(gpb, frs[0], fcol)
            )
            expected = sum((val(gpb, r, fcol) for r in frs), Decimal(0))
            figs: list[Fig] = [(gb, er, ecol), *((gpb, r, fcol) for r in frs)]
            msg = f"基本支出表 {code} {er.item if er else name}与功能分类 {'＋'.join(codes)} 的“{fcol.key}”不一致"
            yield from differ(self, msg, expected, val(gb, er, ecol), figs, loc)


THREE_PUBLIC_ITEMS = (
    ("30212", ("因公出国（境）费", "因公出国（境）费用", "因公出国费")),
    ("30217", ("公务接待费",)),
    ("30231", ("公务用车运行维护费", "公务用车运行费", "运行维护费", "运行费")),
    ("31013", ("公务用车购置费", "购置费")),
)


class ThreePublicBelowBasicItems(Rule):
    """检查什么
    基本支出表中的“三公”科目——30212 因公出国（境）费用、30217 公务接待费、30231 公务用车
    运行维护费、31013 公务用车购置——不应超过“三公”经费表对应项目的一般公共预算财政拨款数
    （“三公”经费含基本支出和项目支出中的全部“三公”开支）。

    为什么重要
    基本支出中的接待费、用车费比“三公”经费表还多，说明“三公”经费少报或科目用错。

    错误示例
    基本支出表 30231 公务用车运行维护费 17.79，“三公”经费表公务用车运行维护费 6.80。

    正确写法
    车补等交通补贴列 30239 其他交通费用；30231 不超过“三公”经费表的 6.80。
    """

    code = "YS314"
    name = "three-public-below-basic-items"
    title = "基本支出中的“三公”科目超过“三公”经费表"
    severity = Severity.WARNING
    tags = ("cross", "three_public", "gpb_basic")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        tp, gb = ctx.require(TableId.THREE_PUBLIC), ctx.require(TableId.GPB_BASIC)
        col = find_col(tp, "一般公共预算财政拨款", "一般公共预算") or find_col(tp, *TOTAL_COLS)
        gcol, econ = find_col(gb, *TOTAL_COLS), CheckContext.coded_rows(gb)
        if col is None or gcol is None:
            raise CannotRun("“三公”经费表或基本支出表的金额列未识别")
        for code, aliases in THREE_PUBLIC_ITEMS:
            er, tr = econ.get(code), find_row(tp, *aliases)
            if er is None or tr is None or val(gb, er, gcol) == 0:
                continue
            limit, figs = with_children(tp, tr, col)
            msg = f"基本支出表 {code} {er.item}超过“三公”经费表“{tr.item}”（{col.key}）"
            figs.append((gb, er, gcol))
            loc = cell_location(gb, er, gcol)
            yield from differ(self, msg, limit, val(gb, er, gcol), figs, loc, at_most=True)


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
    ("上年结转", ("上年结转结余", "上年结转", "年初结转和结余"), ("上年结转", "年初结转和结余")),
)


class RevenueItemsVsSummary(Rule):
    """检查什么
    收入总表合计行各收入列应等于收支总表收入栏的同名项目：“财政拨款收入”列 = 一般公共
    预算拨款收入 + 政府性基金预算拨款收入 + 国有资本经营预算拨款收入；事业收入、事业单位
    经营收入、上级补助收入、附属单位上缴收入、其他收入、财政专户管理资金收入、上年结转各自相等。

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
        scol, rrow = side_col(s, "收入"), CheckContext.total_row(rev)
        if scol is None or rrow is None:
            raise CannotRun("收支总表收入栏或收入总表合计行未识别")
        st = find_row(s, *INCOME_TOTAL, section="收入")
        stop = st.index if st is not None else None
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
            msg = f"收支总表“{label}”与收入总表合计行“{col.key}”不一致"
            actual = sum((val(s, r, scol) for r in srows), Decimal(0))
            figs: list[Fig] = [(rev, rrow, col), *((s, r, scol) for r in srows)]
            loc = cell_location(s, srows[0], scol)
            yield from differ(self, msg, val(rev, rrow, col), actual, figs, loc)


class TableYearMismatch(Rule):
    """检查什么
    每张表表头印的年度（“预算年度：2023”）和标题中的年份（“2023年部门收支总表”），应等于
    整套公开文件的年度（多数表所印的年度）。固定资产表可印上年末，不查其标题；绩效目标表、
    机构设置表和未识别的附表（如上年绩效自评表）不查。

    为什么重要
    沿用上年模板而忘改年度，是公开检查中常见的问题，读者会怀疑表中数据也是上年的。

    错误示例
    收支总表印“预算年度：2022”，其余各表印“预算年度：2023”。

    正确写法
    各表都印“预算年度：2023”。
    """

    code = "YS317"
    name = "table-year-mismatch"
    title = "表格年度与文件年度不符"
    tags = ("cross", "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure")
    basis = FORM

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        year = ctx.d.year
        if year is None:
            raise CannotRun("未识别出文件年度")
        for t in ctx.d.tables:
            if t.id not in DATED:
                continue  # 绩效目标表 titles may name a year in the project; other tables vary
            allowed = {year, year - 1} if t.id == TableId.ASSETS else {year}
            printed = [] if t.year is None else [(t.year, "表头")]
            if t.id != TableId.ASSETS:
                printed += [(int(y), "标题") for y in re.findall(r"((?:19|20)\d{2})\s*年", t.title)]
            for y, where in printed:
                if y not in allowed:
                    loc = table_location(t, t.title if where == "标题" else None)
                    msg = f"《{t.title}》{where}所印年度 {y} 与文件年度 {year} 不符"
                    yield self.finding(msg, loc, expected=str(year), actual=str(y))


class TableDepartmentMismatch(Rule):
    """检查什么
    每张表表头印的编制部门（如“101平乡县人民代表大会常务委员会”）应与整套文件的部门
    （多数表所印的部门）相同：名称相同或互相包含，或编码是本部门编码下的所属单位编码。

    为什么重要
    套用其他部门的表格而忘改表头，会让读者怀疑这张表的数据是否属于本部门。
    简称、所属单位等情况难以一概而论，所以是警告。

    错误示例
    收支总表表头印“102平乡县人民政府办公室”，其余各表印“101平乡县人民代表大会常务委员会”。

    正确写法
    各表表头都印“101平乡县人民代表大会常务委员会”。
    """

    code = "YS318"
    name = "table-department-mismatch"
    title = "表格编制部门与文件部门不符"
    severity = Severity.WARNING
    tags = ("cross", "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure")
    basis = FORM

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        name, code = ctx.d.department_name, ctx.d.department_code or ""
        if not name:
            raise CannotRun("未识别出文件的编制部门")
        for t in ctx.d.tables:
            m = _DEPT.match(t.department.strip()) if t.department else None
            if m is None:
                continue
            tcode, tname = m.group(1) or "", key(m.group(2))
            same_name = bool(tname) and (tname in key(name) or key(name) in tname)
            if (same_name and (not tcode or not code or tcode.startswith(code))) or (
                code and tcode.startswith(code) and tcode != code  # a unit under the department
            ):
                continue
            msg = f"《{t.title}》表头编制部门“{t.department}”与文件部门“{code}{name}”不符"
            yield self.finding(
                msg, table_location(t, t.department), expected=f"{code}{name}", actual=t.department
            )
