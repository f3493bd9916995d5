"""Plausibility of amounts: negative or over-precise amounts, blank parents of filled children, a
procurement claim the tables contradict.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import Unit
from yusuan.model import Column, Row, StatedAmount, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, Rule, Severity, cell_location, decimals_of, fmt
from yusuan.rules.context import CheckContext, table_name
from yusuan.rules.printed import Style, money, printed, style_of
from yusuan.rules.values import nested
from yusuan.rules.wording.cells import money_cells
from yusuan.rules.wording.places import GUIDE

SURPLUS = lazy(r"结余|结转")
RATE = lazy(r"%|％|率|比例|比重|占比")


def with_difference(f: Finding, diff: Decimal, style: Style | None = None) -> Finding:
    """A finding whose ``difference`` is set although ``actual`` is not a number (blank)."""
    shown = printed(diff, style) if style is not None else None
    return f.model_copy(update={"difference": fmt(diff), "difference_printed": shown})


class NegativeAmount(Rule):
    """检查什么
    表格中的负数金额（“-12.50”“(12.50)”“－12.50”）。预算数、支出数、收入数不应为负；
    决算中的“结余”“结转”列（行）可以为负（如收不抵支），这时只作提示（info）。

    为什么重要
    负的预算数通常是录入错误（多打了负号）或把调减数直接填进了表里，会让合计失真。

    错误示例
    支出总表 2010101 行政运行：合计 -322.91，基本支出 322.91。

    正确写法
    合计 322.91，基本支出 322.91。
    """

    code = "YS601"
    name = "negative-amount"
    title = "金额为负数"
    severity = Severity.WARNING
    tags = ("wording", "plausibility")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            for row, col, text, value in money_cells(table):
                if value is None or value >= 0:
                    continue
                surplus = ctx.d.kind == "决算" and bool(
                    SURPLUS.search(col.key) or SURPLUS.search(row.item)
                )
                yield self.finding(
                    f"金额为负数 {text.strip()}"
                    + ("（决算结余可以为负，请核实）" if surplus else "（预算数不应为负）"),
                    cell_location(table, row, col),
                    expected="≥0",
                    actual=value,
                    severity=Severity.INFO if surplus else None,
                )


class ExcessDecimals(Rule):
    """检查什么
    以万元（或元）为单位的表格中，金额印出了超过两位小数（如“322.915”“0.5234”）。

    为什么重要
    万元表保留两位小数（精确到百元）是通行的公开口径；多出的小数位说明数据未按口径取整，
    常是从“元”换算时漏了四舍五入，合计也会因此对不上。

    错误示例
    单位：万元　2010101 行政运行　基本支出 322.9146

    正确写法
    单位：万元　2010101 行政运行　基本支出 322.91
    """

    code = "YS602"
    name = "excess-decimals"
    title = "金额小数位超过两位"
    severity = Severity.WARNING
    tags = ("wording", "plausibility")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            unit = table.unit or ctx.d.unit
            if unit not in (Unit.WAN, Unit.YUAN):
                continue
            rates: dict[int, bool] = {}  # each column's key searched once, not once a cell
            for row, col, text, value in money_cells(table):
                rate = rates.get(col.index)
                if rate is None:
                    rate = rates[col.index] = RATE.search(col.key) is not None
                if rate or value is None:
                    continue  # a rate or share column, not money; or no number read
                places = decimals_of(text)
                if places is not None and places > 2:
                    yield self.finding(
                        f"单位为{unit.value}的表中金额 {text.strip()} 有 {places} 位小数（应保留两位）",
                        cell_location(table, row, col),
                        expected="两位小数",
                        actual=f"{places}位小数",
                    )


def _effective(table: Table, rows: list[Row], i: int, col: Column) -> Decimal:
    """A row's value, or the sum of its next-level rows when it is blank."""
    v = CheckContext.value(table, rows[i], col)
    if v is not None:
        return v
    below = nested(rows, i)
    if not below:
        return Decimal(0)
    top = min(rows[j].depth or 0 for j in below)
    return sum((_effective(table, rows, j, col) for j in below if rows[j].depth == top), Decimal(0))


class ParentBlankChildFilled(Rule):
    """检查什么
    有层级的表中，上级行（类、一级项目）留空，而其下级行（款、项、“其中：”子项）却有金额。
    例如“三公”经费表“二、公务用车购置及运维费”空白，其下“公务用车运行维护费”为 6.80。

    为什么重要
    上级行留空，读者（和按行汇总的程序）会把这一项读成 0；合计行与各项之和也就对不上。
    上级行应印出其下级之和。

    错误示例
    “二、公务用车购置及运维费”一行空白；其下“其中：公务用车购置费”空白，
    “公务用车运行维护费”6.80。

    正确写法
    “二、公务用车购置及运维费”印 6.80；“其中：公务用车购置费”空白（或 0.00），
    “公务用车运行维护费”6.80。
    """

    code = "YS603"
    name = "parent-blank-child-filled"
    title = "上级行空白而下级行有数"
    severity = Severity.WARNING
    tags = ("wording", "plausibility", "three_public", "expenditure", "gpb_expenditure")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            for section in sorted({r.section or "" for r in table.rows}):
                rows = [r for r in table.rows if (r.section or "") == section]
                cols = [
                    c
                    for c in table.amount_columns()
                    if (c.section or "") == section or not c.section
                ]
                for i, row in enumerate(rows):
                    below: list[int] | None = None  # the rows nested under it, if needed
                    blank: list[tuple[Column, Decimal]] = []
                    for col in cols:
                        cell = row.cells.get(col.index)
                        if cell is None or cell.text.strip():
                            continue
                        if below is None:  # only a row with a blank cell: most have none
                            below = nested(rows, i)
                        if any(CheckContext.value(table, rows[j], col) for j in below):
                            blank.append((col, _effective(table, rows, i, col)))
                    if not blank or below is None:
                        continue
                    col, total = blank[0]
                    filled = next(rows[j] for j in below if CheckContext.value(table, rows[j], col))
                    names = "".join(f"“{c.key}”" for c, _ in blank)
                    style = style_of(table.unit, [CheckContext.text(rows[j], col) for j in below])
                    f = self.finding(
                        f"上级行“{row.item}”在{names}列留空，而其下级行有金额（如“{filled.item}”"
                        f" {CheckContext.text(filled, col)}）：“{col.key}”应印出下级之和"
                        f" {money(total, style)}，实为 空，相差 {money(-total, style, beside=False)}",
                        cell_location(table, row, col),
                        expected=total,
                        actual="空",
                        style=style,
                    )
                    yield with_difference(f, -total, style)


CLAIM = lazy(
    r"(?:列入|纳入|编入|列进)了?(?:部门|本部门|单位|年度)?政府采购(?:预算|计划)"
    r"|(?<=已)(?:按要求|按规定)?(?:列入|纳入|编入)了?政府采购"
)
# “未列入…”, “无需纳入…” deny; “应纳入…”, “须列入…” state a rule, not a fact.
NEGATED = lazy(r"(?:未|不|无需|无须|没有|不需|不属于|不再|(?<!按)应当?|必须|须)[^，。；]{0,4}$")
PROCUREMENT_TOTAL = lazy(r"政府采购(?:预算|支出)?(?:总额|金额|资金|合计)?$")


def procurement_total(ctx: CheckContext) -> tuple[Decimal, list[str]] | None:
    """The largest 政府采购 total known (stated in prose, or the procurement table), with sources."""
    found: list[tuple[Decimal, str]] = []
    for s in ctx.stated_matching(PROCUREMENT_TOTAL.pattern):
        if s.wan is not None and not CLAIM.search(s.sentence):
            found.append((s.wan, f"说明“{s.phrase}{s.text}”"))
    table = ctx.table(TableId.PROCUREMENT)
    if table is not None and table.amount_columns():
        col = CheckContext.column(table, "合计", "政府采购金额", "采购金额", "金额")
        total = CheckContext.total_row(table)
        if total is not None and col is not None:
            found.append((CheckContext.amount(table, total, col), f"《{table.title}》合计"))
        elif col is not None:
            rows_sum = sum((CheckContext.amount(table, r, col) for r in table.rows), Decimal(0))
            found.append(
                (rows_sum, f"《{table.title}》（{'空表' if table.is_empty else '各行之和'}）")
            )
    if not found:
        return None
    return max(v for v, _ in found), [w for _, w in found]


class ProcurementClaimContradicted(Rule):
    """检查什么
    说明文字称某项购置“已列入（纳入）政府采购预算”，而政府采购预算总额（说明中写的金额，
    或政府采购预算表）为 0 或空表。两者不能同时成立。

    为什么重要
    说法与报表自相矛盾：要么政府采购预算漏报（表和金额都错），要么这句话是套用的模板，
    读者无法知道这笔购置到底有没有走政府采购。

    错误示例
    “本年度拟购置固定资产总额为15.00万元，已按要求列入政府采购预算，详见政府采购预算表。”
    而“六、政府采购预算情况”写明“安排政府采购预算0.00万元”，政府采购预算表为空表。

    正确写法
    政府采购预算表列出这 15.00 万元的采购项目，并写“安排政府采购预算15.00万元”；
    或者购置不属于政府采购范围时，删去“已按要求列入政府采购预算”的说法并说明资金来源。
    """

    code = "YS604"
    name = "procurement-claim-contradicted"
    title = "称已列入政府采购预算而政府采购预算为零"
    severity = Severity.WARNING
    tags = ("wording", "plausibility", "procurement", "assets")
    basis = (
        "《中华人民共和国预算法》第十四条：各部门、各单位应当将政府采购的情况及时向社会公开；"
        + GUIDE
    )

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        known = procurement_total(ctx)
        if known is None or known[0] != 0:
            return  # no procurement total known, or it is not zero: nothing contradicts
        table = ctx.table(TableId.PROCUREMENT)
        for _, p in ctx.paragraphs:
            for m in CLAIM.finditer(p.text):
                if NEGATED.search(p.text[: m.start()]):
                    continue
                start = max(p.text.rfind(c, 0, m.start()) for c in "。！？") + 1
                end = min(
                    (i for i in (p.text.find(c, m.end()) for c in "。！？") if i >= 0),
                    default=len(p.text),
                )
                sentence = p.text[start : end + 1]
                claimed: list[StatedAmount] = [
                    s
                    for s in ctx.d.narrative.stated
                    if s.sentence.strip() in sentence and (s.wan or 0) > 0
                ]
                amount = claimed[0].wan if claimed and claimed[0].wan is not None else None
                what = f"（{claimed[0].phrase}{claimed[0].text}）" if claimed else ""
                a = max(p.text.rfind(c, 0, m.start()) for c in "，。；！？") + 1
                b = min(
                    (i for i in (p.text.find(c, m.end()) for c in "，。；！？") if i >= 0),
                    default=len(p.text),
                )
                f = self.finding(
                    f"说明称“{p.text[a:b]}”{what}，但政府采购预算为 0（{'；'.join(known[1])}）",
                    Location.at(
                        p.source,
                        table=TableId.PROCUREMENT.value,
                        table_title=table.title if table else table_name(TableId.PROCUREMENT),
                        column="合计",
                        text=sentence,
                    ),
                    expected=amount if amount is not None else "大于0",
                    actual=Decimal(0) if amount is not None else "0",
                )
                yield f
