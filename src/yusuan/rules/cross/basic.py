"""基本支出 across tables: the 基本支出 tables against each other, 人员/公用 classes, 社会保障缴费 and the “三公”经费
items.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import (
    CannotRun,
    Finding,
    Location,
    NotApplicable,
    Rule,
    Severity,
    cell_location,
)
from yusuan.rules.context import CheckContext, skip_unreadable
from yusuan.rules.cross.figures import (
    GUIDE,
    PERSONNEL,
    PUBLIC,
    REGULATION,
    TOTAL_COLS,
    Fig,
    class_values,
    differ,
    find_col,
    find_row,
    grand_row,
    key,
    side_col,
    table_total,
    total_col,
    val,
    with_children,
)
from yusuan.rules.cross.twins import coded_with_twins

DERIVED = (
    "基本支出表不分列人员经费、公用经费（按经济分类计：人员经费为 301、303 两类，公用经费为 302 类），"
    "没有分列数可核对"
)


def split_derived(table: Table) -> bool:
    """True when a 基本支出表 prints no 人员经费/公用经费 columns but its 经济分类 类 rows."""
    no_split = find_col(table, *PERSONNEL) is None and find_col(table, *PUBLIC) is None
    return no_split and total_col(table) is not None and "301" in class_values(table, None)


def split_row(table: Table, names: tuple[str, ...], col: Column | None) -> Row | None:
    """The uncoded row of a 基本支出表 named ``names`` (人员经费合计, 公用经费合计) with an
    amount in ``col``: the Shanghai 决算 prints 人员经费 (301, 303) and 公用经费 (302, 310) side
    by side, each closed by its 合计 row, instead of 人员经费/公用经费 columns."""
    rows = [r for r in table.rows if r.code is None and r.item]
    row = next((r for r in rows if any(r.item.startswith(n) for n in names)), None)
    return row if row is not None and CheckContext.value(table, row, col) is not None else None


Total = tuple[Decimal, list[Fig], Row | None]


class _BasicColumnsVsGpbBasic(Rule):
    """The sum of some 基本支出表 columns (合计 row) against the 一般公共预算财政拨款支出表 基本支出;
    a table printing those parts as rows (人员经费合计, 公用经费合计) is read by its rows."""

    parts: ClassVar[tuple[tuple[str, ...], ...]]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        gb = ctx.require(TableId.GPB_BASIC)
        cols = [total_col(gb) if keys == TOTAL_COLS else find_col(gb, *keys) for keys in self.parts]
        tcol = total_col(gb)
        rows = [split_row(gb, keys, tcol) for keys in self.parts]
        if None in cols and None not in rows:  # the parts printed as rows
            totals: list[Total] = [(val(gb, r, tcol), [(gb, r, tcol)], r) for r in rows]
            names = "＋".join(f"“{r.item}”行" for r in rows if r is not None)
            loc = cell_location(gb, rows[0], tcol)
        elif None not in cols:
            totals = [table_total(gb, c) for c in cols]
            names = "合计行" + "＋".join(f"“{c.key}”" for c in cols if c is not None)
            loc = cell_location(gb, totals[0][2], cols[0])
        elif split_derived(gb):
            raise NotApplicable(DERIVED)
        else:
            totals = []
        gpb = ctx.require(TableId.GPB_EXPENDITURE)
        bcol = find_col(gpb, "基本支出")
        if bcol is None and totals and (ref := fiscal_basic(ctx)) is not None:
            yield from self.against_fiscal(totals, names, loc, *ref)
            return
        if bcol is None or not totals:
            what = "、".join(keys[0] for keys in self.parts)
            raise CannotRun(f"一般公共预算财政拨款支出表无“基本支出”列，或基本支出表未列{what}")
        expected, figs, _ = table_total(gpb, bcol)
        actual = sum((t[0] for t in totals), Decimal(0))
        msg = f"基本支出表{names}与一般公共预算财政拨款支出表合计行“基本支出”不一致"
        figs += [f for t in totals for f in t[1]]
        yield from differ(self, msg, expected, actual, figs, loc)

    def against_fiscal(
        self,
        totals: list[Total],
        names: str,
        loc: Location,
        f: Table,
        row: Row,
        col: Column,
        part: bool,
    ) -> Iterator[Finding]:
        """The 一般公共预算财政拨款支出表 prints no 基本支出 column (Jiangsu: one 金额 by
        功能分类): the 财政拨款收支总表's 基本支出 row (its 支出 by 支出用途) holds it,
        with the 政府性基金 拨款 when that table has amounts (then it may not be exceeded)."""
        actual = sum((t[0] for t in totals), Decimal(0))
        verb = "超过" if part else "与"
        tail = "" if part else "不一致"
        msg = f"基本支出表{names}{verb}财政拨款收支总表“{row.item}”{tail}"
        figs: list[Fig] = [(f, row, col), *(x for t in totals for x in t[1])]
        yield from differ(self, msg, val(f, row, col), actual, figs, loc, at_most=part)


def fiscal_basic(ctx: CheckContext) -> tuple[Table, Row, Column, bool] | None:
    """The 财政拨款收支总表's 支出 row 基本支出 and its column, and whether it holds more
    than the 一般公共预算 (the 政府性基金 or 国有资本经营 table has amounts)."""
    f = ctx.table(TableId.FISCAL_SUMMARY)
    if f is None:
        return None
    row, col = find_row(f, "基本支出", section="支出"), side_col(f, "支出")
    if row is None or col is None or CheckContext.value(f, row, col) is None:
        return None
    funds = [ctx.table(t) for t in (TableId.GOV_FUND, TableId.SOE_CAPITAL)]
    return f, row, col, any(t is not None and not t.is_empty for t in funds)


class BasicTableVsGpbBasicTotal(_BasicColumnsVsGpbBasic):
    """检查什么
    一般公共预算财政拨款基本支出表（经济分类）合计行的“合计”，应等于一般公共预算
    财政拨款支出表（功能分类）合计行的“基本支出”。该表不分列基本支出时（江苏：只有
    一列“金额”），与财政拨款收支总表支出栏的“基本支出”对照：政府性基金预算支出表为
    空表时相等，否则不得超过它。

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
            total_col(gb),
            find_col(gpb, "基本支出") or total_col(gpb),
        )
        econ, func = CheckContext.coded_rows(gb), coded_with_twins(gpb)
        if ecol is None or fcol is None or not any(len(c) == 5 for c in econ):
            raise CannotRun("基本支出表未列到“款”级经济分类科目")
        if not any(len(c) == 7 for c in func):
            raise CannotRun("一般公共预算财政拨款支出表未列到“项”级功能分类科目")
        for code, name, codes in SOCIAL:
            with skip_unreadable():
                er, frs = econ.get(code), [func[c] for c in codes if c in func]
                if er is None:  # the same 款 under another year's code (2017: 30311 住房公积金)
                    er = next((r for r in econ.values() if r.item == name), None)
                if er is None and not frs:
                    continue
                loc = (
                    cell_location(gb, er, ecol)
                    if er is not None
                    else cell_location(gpb, frs[0], fcol)
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
#: a word the 基本支出 row's printed name must hold to be that 三公 item (a document using
#: 30212 for 退休人员活动费 compares nothing)
THREE_PUBLIC_WORDS = {"30212": "出国", "30217": "接待", "30231": "公务用车", "31013": "公务用车"}


class ThreePublicBelowBasicItems(Rule):
    """检查什么
    基本支出表中的“三公”科目——30212 因公出国（境）费用、30217 公务接待费、30231 公务用车
    运行维护费、31013 公务用车购置——不应超过“三公”经费表对应项目的一般公共预算财政拨款数
    （“三公”经费含基本支出和项目支出中的全部“三公”开支）。“三公”经费表把各项印成列时
    （江苏：因公出国（境）费 | 公务用车购置费 | 公务用车运行维护费 | 公务接待费；决算在各项下
    分预算数、决算数，取决算数），按列对照；空表按 0 计。基本支出表该编码的科目名称不是
    这一项时（如把 30212 用作退休人员活动费）不比。

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
        gcol, econ = total_col(gb), CheckContext.coded_rows(gb)
        across = item_columns(tp, "决算数" if ctx.d.kind == "决算" else "预算数")
        head = grand_row(tp) or (tp.rows[0] if len(tp.rows) == 1 else None)
        if across and (head is not None or not tp.rows) and gcol is not None:  # blank: 0
            for code, aliases in THREE_PUBLIC_ITEMS:  # the items printed as columns
                with skip_unreadable():
                    er = named(econ, code)
                    name = next((a for a in aliases if a in across), None)
                    if er is None or name is None or val(gb, er, gcol) == 0:
                        continue
                    c = across[name]
                    msg = f"基本支出表 {code} {er.item}超过“三公”经费表“{name}”（{c.key}）"
                    figs: list[Fig] = [(tp, head, c), (gb, er, gcol)]
                    loc = cell_location(gb, er, gcol)
                    yield from differ(
                        self, msg, val(tp, head, c), val(gb, er, gcol), figs, loc, at_most=True
                    )
            return
        col = find_col(tp, "一般公共预算财政拨款", "一般公共预算") or total_col(tp)
        if col is None or gcol is None:
            raise CannotRun("“三公”经费表或基本支出表的金额列未识别")
        for code, aliases in THREE_PUBLIC_ITEMS:
            with skip_unreadable():
                er, tr = named(econ, code), find_row(tp, *aliases)
                if er is None or tr is None or val(gb, er, gcol) == 0:
                    continue
                limit, figs = with_children(tp, tr, col)
                msg = f"基本支出表 {code} {er.item}超过“三公”经费表“{tr.item}”（{col.key}）"
                figs.append((gb, er, gcol))
                loc = cell_location(gb, er, gcol)
                yield from differ(self, msg, limit, val(gb, er, gcol), figs, loc, at_most=True)


def named(econ: dict[str, Row], code: str) -> Row | None:
    """The 基本支出 row of a 三公 code, when its printed name is that item."""
    row = econ.get(code)
    return row if row is not None and THREE_PUBLIC_WORDS[code] in key(row.item) else None


MEASURES = ("预算数", "决算数")


def item_columns(table: Table, measure: str) -> dict[str, Column]:
    """A “三公” table printing its items as columns (Jiangsu: 因公出国（境）费 | 公务用车购置费 |
    公务用车运行维护费 | 公务接待费; a 决算 with 预算数 | 决算数 under each): each item's column
    by its printed name, of ``measure`` where the items are split so.  {} for items as rows."""
    out: dict[str, Column] = {}
    for c in table.amount_columns():
        labels = [key(p) for p in c.path if key(p)]
        split = bool(labels) and labels[-1] in MEASURES
        if split and labels[-1] != measure:
            continue
        name = labels[-2] if split and len(labels) > 1 else (labels[-1] if labels else "")
        out.setdefault(name, c)
    known = {a for _, aliases in THREE_PUBLIC_ITEMS for a in aliases}
    return out if known & set(out) else {}
