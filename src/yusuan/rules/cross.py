"""YS3xx — across tables: a figure printed in two tables must agree.

Helpers first (rounding across units, rows and columns by alias, 类 matched by name),
then the rules comparing tables 科目 by 科目 and 类 by 类 (YS301–YS303, YS307–YS309).  The rules on
totals and items, the economic classification, 三公 and table headings are in
:mod:`yusuan.rules.cross_more`, imported at the end so that the registry sees them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import ClassVar, TypeVar

from yusuan.amounts import Unit, to_wan
from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import (
    CannotRun,
    Finding,
    Location,
    NotApplicable,
    Rule,
    Severity,
    cell_location,
    decimals_of,
    fmt,
)
from yusuan.rules.context import CheckContext, norm, table_name

GUIDE = (  # the clauses' words; that the tables must agree with one another follows from them
    "《地方预决算公开操作规程》（财预〔2016〕143号）第三条、第四条："
    "保证公开内容全面、真实、完整；公开及时，内容准确，形式规范"
)
Fig = tuple[Table, Row | None, Column | None]  # a printed figure: table, row, column

TOTAL_COLS = ("合计", "总计")
(
    GPB_INCOME,
    FUND_INCOME,
    SOE_INCOME,
) = (  # 一般公共预算拨款收入 / 一般公共预算拨款 / … / 一般公共预算
    (f"{k}拨款收入", f"{k}拨款", f"{k}财政拨款", k)
    for k in ("一般公共预算", "政府性基金预算", "国有资本经营预算")
)
INCOME_TOTAL = ("本年收入合计", "本年收入小计", "收入合计")
SPENDING_TOTAL = ("本年支出合计", "本年支出小计", "支出合计")
CARRY_OUT = ("年终结转结余", "年末结转和结余", "年末结转")
_OTHER_INCOME = tuple(
    "政府性基金 国有资本经营 财政专户 事业收入 经营收入 上级补助 附属单位 其他收入 结转 结余 事业基金".split()
)

# 支出功能分类 “类” by name (without the trailing 支出), including names of earlier years.
CLASSES: dict[str, str] = {
    name: code
    for name, code in (
        pair.split(":")
        for pair in """一般公共服务:201 外交:202 国防:203 公共安全:204 教育:205 科学技术:206
    文化旅游体育与传媒:207 文化体育与传媒:207 社会保障和就业:208 社会保险基金:209 卫生健康:210
    医疗卫生与计划生育:210 医疗卫生:210 节能环保:211 城乡社区:212 农林水:213 交通运输:214
    资源勘探工业信息等:215 资源勘探信息等:215 资源勘探电力信息等:215 商业服务业等:216 金融:217
    援助其他地区:219 自然资源海洋气象等:220 国土海洋气象等:220 国土资源气象等:220 住房保障:221
    粮油物资储备:222 国有资本经营预算:223 灾害防治及应急管理:224 预备费:227 其他:229 转移性:230
    债务还本:231 债务付息:232 债务发行费用:233 抗疫特别国债安排的:234""".split()
    )
}

T = TypeVar("T")
_PAREN = str.maketrans({"(": "（", ")": "）"})


def key(text: str) -> str:
    """Text for matching: no whitespace or quotes, full-width parentheses."""
    return norm(text).translate(_PAREN)


def class_key(item: str) -> str:
    k = key(item)
    return k[:-2] if k.endswith("支出") and len(k) > 2 else k


def val(table: Table, row: Row | None, col: Column | None) -> Decimal:
    """A cell in 万元, blank (or missing) read as 0."""
    return CheckContext.amount(table, row, col)


def bound(figs: Sequence[Fig]) -> Decimal:
    """Half a unit of the last printed digit of each figure, in 万元 (tables may differ in unit)."""
    total = Decimal(0)
    for table, row, col in figs:
        places = decimals_of(CheckContext.text(row, col))
        if places is not None:
            total += to_wan(Decimal(5) / Decimal(10) ** (places + 1), table.unit or Unit.WAN)
    return total


def differ(
    rule: Rule,
    message: str,
    expected: Decimal,
    actual: Decimal,
    figs: Sequence[Fig],
    location: Location,
    *,
    at_most: bool = False,
) -> list[Finding]:
    """A finding (in a list, for ``yield from``) when ``actual`` differs from ``expected``
    (``at_most``: exceeds it); no finding when they agree.

    Like :meth:`Rule.mismatch`, a difference within the rounding of the printed
    figures is info; the bound is computed in 万元 whatever unit each table prints.
    """
    diff = actual - expected
    if diff == 0 or (at_most and diff < 0):
        return []
    within = abs(diff) <= bound(figs)
    verb = "不应超过" if at_most else "应为"
    text = f"{message}：{verb} {fmt(expected)}，实为 {fmt(actual)}，相差 {fmt(diff)}"
    if within:
        text += "（在四舍五入误差之内）"
    severity = Severity.INFO if within else None
    return [rule.finding(text, location, expected=expected, actual=actual, severity=severity)]


def _pick(objs: Sequence[T], keys: Sequence[str], text: Callable[[T], str]) -> T | None:
    """The first object whose text is one of ``keys`` (in key order), else contains one."""
    ks = [key(k) for k in keys]
    found = next((o for k in ks for o in objs if key(text(o)) == k), None)
    return (
        found
        if found is not None
        else next((o for k in ks for o in objs if k in key(text(o))), None)
    )


def find_row(
    table: Table, *items: str, section: str | None = None, stop: int | None = None
) -> Row | None:
    """The first row (of a side, before row index ``stop``) whose item is, else contains, an alias."""
    rows = [
        r for r in table.rows if section in (None, r.section) and (stop is None or r.index < stop)
    ]
    return _pick(rows, items, lambda r: r.item)


def find_col(
    table: Table, *keys: str, section: str | None = None, avoid: tuple[str, ...] = ()
) -> Column | None:
    """The first amount column whose key is, else contains, an alias (and no word of ``avoid``)."""
    cols = [c for c in table.columns if c.role == "amount" and section in (None, c.section)]
    return _pick([c for c in cols if not any(a in c.key for a in avoid)], keys, lambda c: c.key)


def two_sided(table: Table) -> Table:
    """The table, or :class:`CannotRun` when its 收入 and 支出 sides were not recognised."""
    sides = {c.section for c in table.columns if c.role == "amount"}
    if not {"收入", "支出"} <= sides:
        raise CannotRun(f"{table_name(table.id)}未识别出收入、支出两栏")
    return table


def side_col(table: Table, section: str) -> Column | None:
    """The amount column of one side of a two-sided table (预算数 / 金额 / 合计 …)."""
    return find_col(table, "预算数", "金额", "决算数", "合计", section=section) or next(
        (c for c in table.columns if c.role == "amount" and c.section == section), None
    )


def class_values(
    table: Table, col: Column | None
) -> dict[str, tuple[Decimal, list[Fig], Row | None]]:
    """Each 类 (3-digit code) with its value, printed figures and row.

    A 类 not printed as a row is the sum of its rows at the highest level printed.
    """
    coded = [r for r in table.rows if r.code and r.code.isdigit() and len(r.code) >= 3]
    out: dict[str, tuple[Decimal, list[Fig], Row | None]] = {}
    for r in coded:
        if r.code and len(r.code) == 3 and r.code not in out:
            out[r.code] = (val(table, r, col), [(table, r, col)], r)
    longer = sorted({len(r.code) for r in coded if r.code and len(r.code) > 3})
    if longer:
        derived: dict[str, tuple[Decimal, list[Fig], Row | None]] = {}
        for r in coded:
            if r.code and len(r.code) == longer[0] and r.code[:3] not in out:
                v, figs, _ = derived.get(r.code[:3], (Decimal(0), [], None))
                derived[r.code[:3]] = (v + val(table, r, col), [*figs, (table, r, col)], None)
        out.update(derived)
    return out


def table_total(table: Table, col: Column | None) -> tuple[Decimal, list[Fig], Row | None]:
    """A coded table's 合计 row in ``col``; the sum of its 类 when that row is missing or blank.

    An empty table (空表列示) is worth 0.
    """
    row = CheckContext.total_row(table)
    if row is None and len(table.rows) == 1 and not table.rows[0].item and not table.rows[0].code:
        row = table.rows[0]  # one unlabelled row of totals (Jiangsu's 支出预算总表)
    if row is not None and CheckContext.value(table, row, col) is not None:
        return val(table, row, col), [(table, row, col)], row
    classes = class_values(table, col).values()
    return sum((c[0] for c in classes), Decimal(0)), [f for c in classes for f in c[1]], row


def only_gpb(ctx: CheckContext) -> bool:
    """True when the 收支总表 shows all the department's money as 一般公共预算拨款
    (no other income, no carry-over); False when it does not or cannot tell."""
    s = ctx.table(TableId.SUMMARY)
    col = side_col(s, "收入") if s is not None else None
    gpb = find_row(s, *GPB_INCOME, section="收入") if s is not None else None
    if s is None or col is None or gpb is None:
        return False
    income = [r for r in s.rows if r.section == "收入" and r.depth is not None]
    others = [r for r in income if any(w in key(r.item) for w in _OTHER_INCOME)]
    return val(s, gpb, col) > 0 and all(val(s, r, col) == 0 for r in others)


def _valid(rows: dict[str, Row]) -> dict[str, Row]:
    """Rows whose code is all digits (a malformed code is YS206's finding, not a 科目 to match)."""
    return {c: r for c, r in rows.items() if c.isdigit()}


def by_code(
    rule: Rule, a: Table, acol: Column, b: Table, bcol: Column, *, at_most: bool = False
) -> Iterator[Finding]:
    """Compare two coded tables 科目 by 科目 (and 合计 by 合计): ``b`` against ``a``.

    A 科目 printed in one table only counts 0 in the other, at the levels (类/款/项) both print.
    """
    ra, rb = _valid(CheckContext.coded_rows(a)), _valid(CheckContext.coded_rows(b))
    levels = {len(c) for c in ra} & {len(c) for c in rb}  # a table printed to 款 only skips 项
    pairs = [("", CheckContext.total_row(a), CheckContext.total_row(b))]
    pairs += [(c, ra.get(c), rb.get(c)) for c in dict.fromkeys([*ra, *rb]) if len(c) in levels]
    rel = (
        f"超过{table_name(a.id)}“{acol.key}”"
        if at_most
        else f"与{table_name(a.id)}“{acol.key}”不一致"
    )
    for code, x, y in pairs:
        ref = y or x
        if ref is not None:
            msg = f"“{f'{code} ' if code else ''}{ref.item}”：{table_name(b.id)}“{bcol.key}”{rel}"
            loc = cell_location(b, y, bcol) if y is not None else cell_location(a, x, acol)
            figs = [(a, x, acol), (b, y, bcol)]
            yield from differ(
                rule, msg, val(a, x, acol), val(b, y, bcol), figs, loc, at_most=at_most
            )


def compare_classes(
    rule: Rule, a: Table, section: str, acol: Column, b: Table, bcol: Column | None
) -> list[Finding]:
    """Compare the 类 rows of a two-sided table (named, no codes) with a coded table's 类.

    Names are matched through the coded table's own names and :data:`CLASSES`; a 类
    present on one side only counts 0 on the other.  Raises :class:`CannotRun` when
    no row of ``a`` is a recognisable 类.
    """
    names = CLASSES | {class_key(r.item): r.code for r in b.rows if r.code and len(r.code) == 3}
    named: dict[str, Row] = {}
    for r in a.rows:
        code = names.get(class_key(r.item))
        if r.section == section and r.depth is not None and code and code not in named:
            named[code] = r
    if not named:
        what = f"{table_name(a.id)}{section}栏未按功能分类“类”列示"
        raise CannotRun(f"{what}，无法与{table_name(b.id)}对照")
    coded = class_values(b, bcol)
    if not coded and not b.is_empty:  # e.g. Jiangsu's 支出预算总表: one row of totals, no 科目
        raise CannotRun(f"{table_name(b.id)}未按功能分类科目列示，无法与{table_name(a.id)}对照")
    out: list[Finding] = []
    for code in dict.fromkeys([*named, *coded]):
        row = named.get(code)
        expected, figs, crow = coded.get(code, (Decimal(0), [], None))
        name = row.item if row is not None else (crow.item if crow is not None else code)
        bkey = f"“{bcol.key}”" if bcol is not None else ""
        msg = f"{table_name(a.id)}“{name}”（{acol.key}）与{table_name(b.id)} {code} 类{bkey}不一致"
        loc = cell_location(a, row, acol) if row is not None else cell_location(b, crow, bcol)
        out += differ(rule, msg, expected, val(a, row, acol), [(a, row, acol), *figs], loc)
    return out


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


from yusuan.rules import cross_more  # noqa: E402, F401 - registers the rest of the family
