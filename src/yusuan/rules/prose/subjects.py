"""YS428: the amount the 情况说明 states for one 功能分类 科目 (“…（类）…（款）…（项）科目43.83万元”)
against that 科目's row of the 支出 tables.

The 科目 is found by its printed names, never guessed: the deepest level the sentence names
(项, else 款, else 类) must match exactly one code of the tables, and every higher level it
names must be the name of one of that code's printed ancestors.  A name matches a row when
the two are equal once brackets, quotes and a trailing “支出” are set aside (“公共安全（类）”
is 204 公共安全支出).  When no row of the named level bears the name but exactly one row of
another level does (a 款 called a 项), that row is compared and a difference is a warning,
not an error.  So is a 科目 named with its parents' names run into its own under one mark
(“人大事务行政运行（项）” for 20101 人大事务 / 2010101 行政运行); when the stated amount is a
parent row's, the message says so (the level is mislabelled).  When no statement finds its
row, the could-not-run reason names each one and why (no row of that name, or several).  Any amount column of a total kind (合计/金额/本年支出合计) of any of the tables
printing the code may be meant; equal to one of them is correct.

A difference within the rounding of the printed figures (half a unit of each last digit, the
table's in its own unit) is an info, and so is a stated amount lower than the table's by less
than one unit of its last digit (87.708 said as 87.70: cut, not rounded).  When only tables of
some funds (一般公共预算, 财政拨款) print the 科目 and the department has other funds, a stated
amount above the table's by no more than those funds may be the 科目's whole 支出 (Jiangsu
lists 支出预算总计 by 类): nothing is said of it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.amounts import Unit, to_wan
from yusuan.model import Column, Row, StatedAmount, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Severity, fmt, rounding_bound
from yusuan.rules.context import CheckContext
from yusuan.rules.prose.figures import (
    GUIDE,
    OUT_GRAND,
    TOTAL_ROWS,
    Figure,
    StatedFigureRule,
    cell_figure,
    figure,
    fold,
    prose_location,
    stated_bound,
)
from yusuan.values import Frozen

#: the tables a 科目's amount may be read from, the one to report against first
SUBJECT_TABLES = (
    TableId.GPB_EXPENDITURE,
    TableId.FISCAL_EXPENDITURE,
    TableId.EXPENDITURE,
    TableId.GOV_FUND,
    TableId.SOE_CAPITAL,
)
#: the total columns of those tables (a 基本支出/项目支出 column is one part of the 科目)
TOTAL_KEYS = ("合计", "金额", "本年支出合计", "本年支出", "预算数", "决算数", "小计")
LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
MARK = lazy(r"\((类|款|项)\)")
#: what may follow the last level mark in the subject: the amount's plain name, no period
#: word (年初/调整/上年) and no change (增加/减少)
TAIL = lazy(r"(?:科目|支出|预算|决算|拨款|安排|合计|总额|数|为|的|是|共)*")


_NUMBERING = lazy(r"^[\d.、．)]+")


def _name(text: str) -> str:
    """A 科目 name as compared: folded, numbering and a trailing 支出 set aside."""
    name = _NUMBERING.sub("", fold(text))
    return name.removesuffix("支出")


class SubjectFigure(Figure):
    """A 科目 row's figure; ``by_name``: found by its name at another level than the text
    labels (a difference is then a warning)."""

    by_name: bool = False
    others: Decimal | None = Decimal(0)  # 支出 of other funds the text may include (None: unknown)
    hint: str = ""  # a parent row the stated amount equals (the level mislabelled)


class Chain(Frozen):
    """The 科目 a subject names: (name, level) from the top, and the words after the last mark."""

    levels: tuple[tuple[str, str], ...]
    tail: str


def chain_of(subject: str) -> Chain | None:
    """``一般公共服务支出（类）统计信息事务（款）专项普查活动（项）科目`` → its three levels."""
    parts = MARK.split(fold(subject))
    if len(parts) < 3:
        return None
    levels = tuple((_name(parts[i]), parts[i + 1]) for i in range(0, len(parts) - 1, 2))
    if any(not name for name, _ in levels):
        return None
    return Chain(levels, parts[-1])


def _subject_rows(tables: list[Table]) -> dict[str, set[str]]:
    """Code → names of every 功能分类 row the tables print (类/款/项 codes beginning with 2)."""
    names: dict[str, set[str]] = {}
    for t in tables:
        for r in t.rows:
            if r.code and r.item and r.code[0] == "2" and len(r.code) in (3, 5, 7):
                names.setdefault(r.code, set()).add(_name(r.item))
    return names


def resolve(chain: Chain, names: dict[str, set[str]]) -> tuple[str, bool] | None:
    """The one code ``chain`` names, and whether it was found at the level the text labels
    (False: by name at another level); None when no code or more than one fits."""
    deepest, level = chain.levels[-1]

    def fits(code: str) -> bool:
        """Each higher level named is one of ``code``'s printed ancestors (a level the tables
        do not print cannot be checked and is let pass)."""
        prefixes = [code[:k] for k in (3, 5) if k < len(code)]
        ancestors = {n for p in prefixes for n in names.get(p, ())}
        for name, named in chain.levels[:-1]:
            k = LEVEL_DIGITS[named]
            if name not in ancestors and (k >= len(code) or code[:k] in names):
                return False
        return True

    for at_level in (True, False):
        codes = [
            c
            for c, n in names.items()
            if deepest in n and (len(c) == LEVEL_DIGITS[level]) is at_level and fits(c)
        ]
        if len(codes) == 1:
            return codes[0], at_level
        if codes:
            return None  # two rows bear the name: which one is meant is not known
    # “人大事务行政运行（项）”: the parents' names run into the 科目's own under one mark
    joined = [
        c
        for c, own in names.items()
        if len(c) == LEVEL_DIGITS[level] and deepest in _joined_names(c, own, names) and fits(c)
    ]
    return (joined[0], False) if len(joined) == 1 else None


def _joined_names(code: str, own: set[str], names: dict[str, set[str]]) -> set[str]:
    """``code``'s names with its printed 类 name, 款 name or both run in before them."""
    heads = [  # as printed, or with the 支出 the names are compared without
        {h for n in names.get(code[:k], set()) for h in (n, n + "支出")}
        for k in (3, 5)
        if k < len(code)
    ]
    prefixes = {p for h in heads for p in h}
    if len(heads) == 2:
        prefixes |= {a + b for a in heads[0] for b in heads[1]}
    return {p + o for p in prefixes for o in own if p and o}


class StatedSubjectAmountMismatch(StatedFigureRule):
    """检查什么
    情况说明逐项说明的功能分类科目金额（“‘一般公共服务支出（类）统计信息事务（款）专项普查
    活动（项）’科目43.83万元”“检察（款）行政运行（项）支出7968.14万元”）应等于一般公共预算
    财政拨款支出表（或财政拨款支出表、支出总表、政府性基金表）中该科目行的合计数。科目按
    所写名称对应：所写最末一级的名称须在表中恰好对应一个科目编码，所写上级名称须是该编码
    的上级科目名称；对应不上或对应到多个科目时不核对（无法运行的原因写明是哪句、哪个名称）。
    所写级次与表中级次不同（把款写成项）而名称唯一对应时，或上级名称与本级名称连写（“人大
    事务行政运行（项）”）时，不一致只作警告；所写金额等于其上级科目行的，提示疑为级次写错。

    在四舍五入误差之内，或所写金额比表中少不足末位一个单位（87.708写作87.70，尾数直接
    舍去）时只作提示。只有一般公共预算等部分资金的表列出该科目、而部门另有其他资金时，
    所写金额比表中多出的部分不超过其他资金的，可能是该科目的全部支出，不作判断。

    为什么重要
    逐项说明是读者了解每个科目安排多少钱的地方，与表格对不上，说明就失去了依据。

    错误示例
    “‘一般公共服务支出（类）人大事务（款）人大会议（项）’科目26万元”，而一般公共预算财政
    拨款支出表2010104人大会议为25.00万元。

    正确写法
    “‘一般公共服务支出（类）人大事务（款）人大会议（项）’科目25万元”。
    """

    code = "YS428"
    name = "stated-subject-amount-mismatch"
    title = "情况说明的科目金额与支出表不一致"
    tags = ("prose", "gpb_expenditure", "expenditure")
    basis = GUIDE
    subjects = (r".*\((?:类|款|项)\).*",)
    what = "各科目"
    needs = SUBJECT_TABLES

    def relevant(self, s: StatedAmount) -> bool:
        chain = chain_of(s.subject)
        return chain is not None and bool(TAIL.fullmatch(chain.tail))

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        chain = chain_of(s.subject)
        tables = [t for t in map(ctx.table, SUBJECT_TABLES) if t is not None]
        if chain is None or not tables:
            return []
        # a 决算 prints its 决算数: “…（项）预算数” in a 决算 names another figure (and the
        # other way round)
        if any(k in chain.tail for k in ("预算", "决算") if k != (ctx.d.kind or "预算")):
            return []
        found = resolve(chain, _subject_rows(tables))
        if found is None:
            return []
        code, at_level = found
        figs: list[SubjectFigure] = []
        for t in tables:
            for row in (r for r in t.rows if r.code == code):
                figs += [f for c in _totals(t) if (f := _figure(t, row, c, at_level))]
        if not at_level:  # the amount of a parent row: the text names the wrong level
            hint = _parent_equal(tables, code, s)
            figs = [replace(f, hint=hint) for f in figs]
        if not any(f.table.id is TableId.EXPENDITURE for f in figs):
            # only tables of some funds print the 科目: the text may state all of its funds
            everything = _all_funds(ctx)
            figs = [replace(f, others=_others(ctx, f, everything)) for f in figs]
        return list(figs)

    def compare(self, s: StatedAmount, fig: Figure) -> Finding | None:
        assert s.wan is not None and isinstance(fig, SubjectFigure)
        diff = s.wan - fig.value
        unit = fig.table.unit or Unit.WAN
        printed = to_wan(rounding_bound(list(fig.printed)), unit)
        maybe_all = fig.others is None or (fig.others > 0 and diff <= fig.others + printed)
        if diff == 0 or (diff > 0 and maybe_all):
            return None  # equal, or possibly the 科目's other funds too: nothing sure to say
        if abs(diff) < printed + stated_bound(s):
            note = "（在四舍五入误差之内）"
        elif diff < 0 and -diff < printed + 2 * stated_bound(s):  # 87.708 said as 87.70
            note = "（相差不足所写末位的一个单位，疑为尾数直接舍去）"
        else:
            note = ""
        message = (
            f"情况说明“{s.phrase}{s.text}”与{fig.describe()}不一致：应为 {fmt(fig.value)}，"
            f"实为 {fmt(s.wan)}，相差 {fmt(diff)}{note}{fig.hint}"
        )
        severity = Severity.INFO if note else Severity.WARNING if fig.by_name else None
        return self.finding(
            message, prose_location(s, fig), expected=fig.value, actual=s.wan, severity=severity
        )

    def unmatched(self, ctx: CheckContext, items: list[StatedAmount]) -> str:
        """Which 科目 the text names that the tables do not print (or print twice)."""
        tables = [t for t in map(ctx.table, SUBJECT_TABLES) if t is not None]
        names = _subject_rows(tables)
        said: list[str] = []
        for s in items:
            chain = chain_of(s.subject)
            if chain is None:
                continue
            deepest, level = chain.levels[-1]
            where = f"第{s.source.page}页" if s.source.page else f"第{s.source.line}行"
            rows = sorted(c for c, n in names.items() if deepest in n)
            why = (
                f"表中有{len(rows)}个科目叫“{deepest}”（{'、'.join(rows)}），所写上级科目不能确定是哪一个"
                if len(rows) > 1
                else f"表中没有名为“{deepest}”的科目（也不是上级科目名称与本级名称连写）"
            )
            said.append(f"{where}“{s.phrase.strip()}”所写{level}级科目：{why}")
        return "；".join(said[:3]) + "，无法核对" if said else super().unmatched(ctx, items)


def _parent_equal(tables: list[Table], code: str, s: StatedAmount) -> str:
    """“；所写金额等于“20101 人大事务”行” when a parent row of ``code`` prints the amount."""
    for t in tables:
        for row in (r for r in t.rows if r.code in (code[:3], code[:5]) and r.code != code):
            for col in _totals(t):
                fig = cell_figure(t, row, col)
                if fig is not None and fig.value == s.wan:
                    return f"；所写金额等于“{row.code} {row.item}”行，疑为科目级次写错"
    return ""


def _all_funds(ctx: CheckContext) -> Decimal | None:
    """The department's whole 支出 (支出总表 合计, else 收支总表 支出总计), in 万元."""
    fig = figure(ctx, TableId.EXPENDITURE, TOTAL_ROWS, ("合计", "本年支出合计", "本年支出"))
    fig = fig or figure(ctx, TableId.SUMMARY, OUT_GRAND, on="支出")
    return fig.value if fig is not None else None


def _others(ctx: CheckContext, fig: SubjectFigure, everything: Decimal | None) -> Decimal | None:
    """How much of the whole 支出 lies outside ``fig``'s table (None: not known)."""
    own = figure(ctx, fig.table.id, TOTAL_ROWS, (fig.column.key,) if fig.column else ())
    if everything is None or own is None:
        return None
    return max(everything - own.value, Decimal(0))


def _totals(t: Table) -> list[Column]:
    cols = [c for c in t.amount_columns() if fold(c.key) in TOTAL_KEYS]
    return cols or t.amount_columns()[:1]


def _figure(t: Table, row: Row, col: Column, at_level: bool) -> SubjectFigure | None:
    fig = cell_figure(t, row, col)
    if fig is None:
        return None
    label = f"“{row.code} {row.item}”行“{col.key}”列"
    return SubjectFigure(t, row, col, fig.value, fig.printed, label, by_name=not at_level)
