"""Figures across tables: finding a row or column by its name, totals and class values, the
tolerance two printed figures may differ by, and the family's basis texts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

from yusuan.amounts import Unit, to_wan
from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import (
    CannotRun,
    Finding,
    Location,
    Rule,
    Severity,
    cell_location,
    decimals_of,
)
from yusuan.rules.context import CheckContext, Unreadable, index_of, norm, table_name
from yusuan.rules.cross.twins import coded_with_twins, valid_codes
from yusuan.rules.printed import Style, money, style_of

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
# this year's totals (Jiangsu: 当年收入小计 this year, 收入合计 with the carry-over)
INCOME_TOTAL = ("本年收入合计", "本年收入小计", "当年收入小计", "当年收入合计", "收入合计")
SPENDING_TOTAL = ("本年支出合计", "本年支出小计", "当年支出小计", "当年支出合计", "支出合计")
CARRY_OUT = ("年终结转结余", "年末结转和结余", "年末结转", "结转下年")
_FUNDS = ("政府性基金", "国有资本经营")
_OTHER_INCOME = (
    *_FUNDS,
    *"财政专户 事业收入 经营收入 上级补助 附属单位 其他收入 其他资金 结转 结余 事业基金".split(),
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
    """A cell in 万元, blank (or missing) read as 0; :class:`Unreadable` when it prints no number."""
    return CheckContext.amount(table, row, col)


def _counted(table: Table, row: Row | None, col: Column | None) -> Decimal:
    """A figure that :func:`differ` will see among its ``figs``: an unreadable one counts 0 here
    and stops every comparison it takes part in there."""
    try:
        return val(table, row, col)
    except Unreadable:
        return Decimal(0)


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
    A comparison one of whose ``figs`` could not be read (:class:`Unreadable`) finds nothing.
    """
    diff = actual - expected
    if diff == 0 or (at_most and diff < 0):
        return []
    if any(CheckContext.unreadable(*fig) for fig in figs):
        return []  # a figure that could not be read is not 0: YS610 names the cell
    within = abs(diff) <= bound(figs)
    verb = "不应超过" if at_most else "应为"
    style, other = styles(figs, location)
    text = (
        f"{message}：{verb} {money(expected, other)}，实为 {money(actual, style)}，"
        f"相差 {money(diff, style, beside=False)}"
    )
    if within:
        text += "（在四舍五入误差之内）"
    severity = Severity.INFO if within else None
    return [
        rule.finding(
            text,
            location,
            expected=expected,
            actual=actual,
            severity=severity,
            style=style,
            expected_style=other,
        )
    ]


def styles(figs: Sequence[Fig], location: Location) -> tuple[Style, Style]:
    """How the located table prints its figures, and how the others' table does (the same when
    every figure is printed in one unit): the actual figure is the located one."""
    located = [f for f in figs if f[0].id.value == location.table] or list(figs)
    here = [f for f in figs if f[0].unit == located[0][0].unit]  # its style: all in its unit
    there = [f for f in figs if f[0].unit != here[0][0].unit] or here

    def of(group: list[Fig]) -> Style:
        return style_of(group[0][0].unit, [CheckContext.text(r, c) for _, r, c in group])

    return of(here), of(there)


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


def total_col(table: Table, section: str | None = None) -> Column | None:
    """The 合计 column; a table printing one amount column (决算数, 预算数) has it as its total."""
    col = find_col(table, *TOTAL_COLS, section=section)
    if col is None:
        amounts = [c for c in table.columns if c.role == "amount" and section in (None, c.section)]
        col = amounts[0] if len(amounts) == 1 else None
    return col


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
            out[r.code] = (_counted(table, r, col), [(table, r, col)], r)
    longer = sorted({len(r.code) for r in coded if r.code and len(r.code) > 3})
    if longer:
        derived: dict[str, tuple[Decimal, list[Fig], Row | None]] = {}
        for r in coded:
            if r.code and len(r.code) == longer[0] and r.code[:3] not in out:
                v, figs, _ = derived.get(r.code[:3], (Decimal(0), [], None))
                derived[r.code[:3]] = (v + _counted(table, r, col), [*figs, (table, r, col)], None)
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


def only_gpb(ctx: CheckContext, *, funds: bool = False) -> bool:
    """True when the 收支总表 shows all the department's money as 一般公共预算拨款
    (no other income, no carry-over); False when it does not or cannot tell.

    ``funds``: 政府性基金 and 国有资本经营 拨款 count as well (all the money is 财政拨款).
    """
    s = ctx.table(TableId.SUMMARY)
    col = side_col(s, "收入") if s is not None else None
    gpb = find_row(s, *GPB_INCOME, section="收入") if s is not None else None
    if s is None or col is None or gpb is None:
        return False
    words = _OTHER_INCOME[len(_FUNDS) :] if funds else _OTHER_INCOME
    income = [r for r in s.rows if r.section == "收入" and r.depth is not None]
    others = [r for r in income if any(w in key(r.item) for w in words)]
    try:
        return val(s, gpb, col) > 0 and all(val(s, r, col) == 0 for r in others)
    except Unreadable:
        return False  # cannot tell


def listed(table: Table) -> bool:
    """True for a table that lists its items as rows under one amount column and no 科目
    (Jiangsu's 收入预算总表: 一般公共预算资金 / 政府性基金 / … / 上年结转和结余资金 | 金额)."""
    return len(table.amount_columns()) == 1 and not any(r.code for r in table.rows)


def grand_row(table: Table) -> Row | None:
    """The total row: 合计 / 总计, else a total row named otherwise (收入总计, 支出合计)."""
    row = CheckContext.total_row(table)
    if row is None:
        row = next(
            (r for r in table.rows if r.depth is None and key(r.item).endswith(TOTAL_COLS)), None
        )
    return row


def by_code(
    rule: Rule, a: Table, acol: Column, b: Table, bcol: Column, *, at_most: bool = False
) -> Iterator[Finding]:
    """Compare two coded tables 科目 by 科目 (and 合计 by 合计): ``b`` against ``a``.

    A 科目 printed in one table only counts 0 in the other, at the levels (类/款/项) both print.
    """
    named_a = {c: r.item for c, r in valid_codes(a).items()}
    named_b = {c: r.item for c, r in valid_codes(b).items()}
    ra, rb = coded_with_twins(a, named_b), coded_with_twins(b, named_a)
    levels = {len(c) for c in ra} & {len(c) for c in rb}  # a table printed to 款 only skips 项
    pairs = [("", grand_row(a), grand_row(b))]
    pairs += [(c, ra.get(c), rb.get(c)) for c in dict.fromkeys([*ra, *rb]) if len(c) in levels]
    rel = (
        f"超过{table_name(a.id)}“{acol.key}”"
        if at_most
        else f"与{table_name(a.id)}“{acol.key}”不一致"
    )
    for code, x, y in pairs:
        ref = y or x
        if ref is not None:
            expected, actual = _counted(a, x, acol), _counted(b, y, bcol)
            if actual == expected or (at_most and actual < expected):
                continue  # :func:`differ` finds nothing: no message or location to make
            item = ref.item or (x.item if x is not None else "") or "合计"  # an unlabelled total
            msg = f"“{f'{code} ' if code else ''}{item}”：{table_name(b.id)}“{bcol.key}”{rel}"
            loc = cell_location(b, y, bcol) if y is not None else cell_location(a, x, acol)
            figs = [(a, x, acol), (b, y, bcol)]
            yield from differ(rule, msg, expected, actual, figs, loc, at_most=at_most)


def compare_classes(
    rule: Rule,
    a: Table,
    section: str,
    acol: Column,
    b: Table,
    bcol: Column | None,
    *,
    part: bool = False,
) -> list[Finding]:
    """Compare the 类 rows of a two-sided table (named, no codes) with a coded table's 类.

    Names are matched through the coded table's own names and :data:`CLASSES`; a 类
    present on one side only counts 0 on the other.  Raises :class:`CannotRun` when
    no row of ``a`` is a recognisable 类.  ``part``: ``b`` holds part of ``a``'s money
    (the 财政拨款 of all the department's money): its 类 may not exceed ``a``'s.
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
        counted = _counted(a, row, acol)
        if expected <= counted if part else counted == expected:
            continue  # :func:`differ` finds nothing: no message or location to make
        name = row.item if row is not None else (crow.item if crow is not None else code)
        bkey = f"“{bcol.key}”" if bcol is not None else ""
        loc = cell_location(a, row, acol) if row is not None else cell_location(b, crow, bcol)
        figs = [(a, row, acol), *figs]
        if part:
            msg = f"{table_name(b.id)} {code} 类{bkey}超过{table_name(a.id)}“{name}”（{acol.key}）"
            out += differ(rule, msg, counted, expected, figs, loc, at_most=True)
            continue
        msg = f"{table_name(a.id)}“{name}”（{acol.key}）与{table_name(b.id)} {code} 类{bkey}不一致"
        out += differ(rule, msg, expected, counted, figs, loc)
    return out


REGULATION = "《中华人民共和国预算法实施条例》第六条（基本支出按经济分类公开到款）；" + GUIDE
FORM = "《地方预决算公开操作规程》（财预〔2016〕143号）第四条：内容准确，形式规范"
PERSONNEL, PUBLIC = ("人员经费", "人员支出"), ("公用经费", "公用支出", "日常公用经费")


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
