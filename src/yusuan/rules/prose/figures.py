"""The amounts the 情况说明 states and the table figures they may name: subject patterns, figures,
locations and the :class:`StatedFigureRule` the YS401–YS416 rules share. Subjects are matched,
as data, with regular expressions (full match on the subject without whitespace or quotes and
with brackets folded to ASCII), so that a regional wording (收入预算 / 预算收入 / 收入总额 …) is one more
alternative, not a code branch. Amounts compare exactly in 万元; an amount stated for last year
(上年… / 2022年… in a 2023 package) is not compared with this year's tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import ClassVar

from yusuan import regex
from yusuan.amounts import Unit
from yusuan.families import family_of
from yusuan.model import Column, Row, StatedAmount, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import (
    CannotRun,
    Finding,
    Location,
    NotApplicable,
    Rule,
    Severity,
    fmt,
    rounding_bound,
)
from yusuan.rules.context import CheckContext, index_of, missing_reason, norm, table_name
from yusuan.rules.printed import money_of
from yusuan.rules.values import effective
from yusuan.values import Frozen

GUIDE = "《地方预决算公开操作规程》（财预〔2016〕143号）第三条、第四条：公开内容全面、真实、完整，内容准确"

# -- subjects, as data -------------------------------------------------------------------------
P = r"(?:本年度?|当年|年度|全年)?"  # an optional leading period word
U = r"(?:部门|单位)?"
REVENUE_TOTAL = (rf"{P}{U}(?:预算)?总?收入(?:预算)?(?:总额|总计|合计|总数)?",)
GPB_REVENUE = (
    rf"{P}一般公共预算(?:财政)?(?:拨款)?(?:收入)?(?:预算)?",
    rf"{P}公共财政(?:预算)?(?:拨款)?收入",
)
FUND_REVENUE = (
    rf"{P}(?:政府性)?基金(?:预算)?(?:财政)?(?:拨款)?收入",
    rf"{P}政府性基金(?:预算)?(?:财政)?(?:拨款)?",
)
SPECIAL_REVENUE = (
    rf"{P}(?:纳入)?财政专户(?:管理)?(?:的)?(?:资金)?(?:核拨)?(?:资金)?(?:收入)?",
    rf"{P}(?:纳入)?专户管理的?(?:非税|资金)?收入",
)

# -- table rows and columns, as data -----------------------------------------------------------
IN_GRAND = (r"收入总计", r"总计")
IN_YEAR = (r"本年收入(?:合计|小计)?", r"收入合计")
OUT_GRAND = (r"支出总计", r"总计")
GPB_ROWS = (
    r"一般公共预算(?:财政)?拨款(?:收入)?",
    r"一般公共预算(?:收入)?",
    r"公共财政(?:预算)?拨款(?:收入)?",
)
FUND_ROWS = (r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入)?",)
SPECIAL_ROWS = (
    r"财政专户(?:管理)?(?:资金)?(?:核拨)?(?:收入)?",
    r"(?:纳入)?专户管理的?(?:非税|资金)?收入",
)
TOTAL_ROWS = (r"合计", r"总计")
SIDE_KEYS = ("预算数", "金额", "合计", "决算数")
PUBLIC_FUNDS_KEYS = ("公用经费", "日常公用经费", "公用支出")  # the 基本支出表's 公用经费 column
_HALF = Decimal("0.5")


# -- shared helpers (used by every module of the family) ---------------------------------------
_FOLD = str.maketrans("（）［］【】", "()[][]")


def fold(text: str) -> str:
    """Whitespace and quotes removed, brackets folded to ASCII: the form names are matched in."""
    return norm(text).translate(_FOLD)


def matches(patterns: Sequence[str], text: str) -> bool:
    t = fold(text)
    return any(regex.compile(p).fullmatch(t) for p in patterns)  # memoized (~1,700 calls a check)


def money(ctx: CheckContext) -> list[StatedAmount]:
    """The money amounts (kind ``amount``, a money unit) stated in the prose."""
    return [s for s in ctx.d.narrative.stated if s.kind == "amount" and s.wan is not None]


_OTHER_YEAR = lazy(
    r"(?:上年|去年|上一年|同期)(?!末|底|结转|结余|度?[末底])|(?<!\d)(\d{4})年(?!\d{1,2}月|底|末)"
)


def other_year(s: StatedAmount, year: int | None) -> bool:
    """True when the phrase states last year's (or another year's) figure, not this year's."""
    for m in _OTHER_YEAR.finditer(norm(s.phrase)):
        if m.group(1) is None or (year is not None and int(m.group(1)) != year):
            return True
    return False


_SHIFT = {Unit.YUAN: 4, Unit.QIAN: 1, Unit.WAN: 0, Unit.YI: -4}


def stated_places(s: StatedAmount) -> int:
    """Decimal places of a stated amount, counted in 万元 for money (``5935800元`` → 4)."""
    places = len(format(s.value, "f").partition(".")[2])
    return places + next((v for u, v in _SHIFT.items() if u.value == s.unit), 0)


def stated_printed(s: StatedAmount) -> str:
    """A text with the stated amount's precision in 万元, for :func:`rounding_bound`."""
    places = stated_places(s)
    return "0." + "0" * places if places > 0 else "0"


_CENT = Decimal("0.01")


def cut_from(stated: Decimal, places: int, value: Decimal, half: Decimal) -> bool:
    """Whether ``stated`` (``places`` decimals) may be a figure cut at its last digit (截断, not
    四舍五入) whose table prints ``value`` rounded within ``half``: some amount the table's
    figure may stand for lies in [stated, stated + one unit of its last digit).  Only a
    positive figure cut down, and only at the table's own last digit or at two decimals of
    万元 (the usual printing): “0万元” for 0.51 or “6.8” for 6.90 is not a cut figure; a stated
    amount above the table's is never explained so."""
    unit = Decimal(10) ** -places
    if value <= 0 or stated >= value or unit > max(2 * half, _CENT):
        return False
    return stated + unit > value - half and stated <= value + half


def stated_bound(s: StatedAmount) -> Decimal:
    """Half a unit of the stated amount's last digit, in 万元 (exact for 亿元 too)."""
    return _HALF * Decimal(10) ** -stated_places(s)


def prose_location(s: StatedAmount, fig: Figure | None = None) -> Location:
    """A stated amount's sentence and line, with the table figure it was compared with."""
    return Location.at(
        s.source,
        table=fig.table.id.value if fig else None,
        table_title=fig.table.title if fig else None,
        row_code=fig.row.code if fig and fig.row else None,
        row_item=(fig.row.item if fig.row and fig.row.item else fig.label.strip("“”"))
        if fig
        else None,
        column=fig.column.key if fig and fig.column else None,
        text=s.sentence,
    )


class Figure(Frozen):
    """A table figure a stated amount is compared with (value in 万元)."""

    table: Table
    row: Row | None
    column: Column | None
    value: Decimal
    printed: tuple[str | None, ...]
    label: str  # as printed in messages: “收入总计” or “合计”行“基本支出”列
    derived: bool = False  # summed from 经济分类 类 rows, not printed: a mismatch is info

    def describe(self) -> str:
        return f"《{self.table.title}》{self.label} {money_of(self.value, self.table.unit, self.printed)}"


def side(table: Table, name: str | None) -> str | None:
    """``name`` (收入/支出) on a two-sided table, else None (the whole table)."""
    return name if name and any(c.section for c in table.columns) else None


def find_row(table: Table, patterns: Sequence[str], on: str | None = None) -> Row | None:
    """The first row whose item matches ``patterns``; a table of one unlabelled row is its
    own total row (see :meth:`CheckContext.total_row`)."""
    sec = side(table, on)
    row = next(
        (r for r in table.rows if (sec is None or r.section == sec) and matches(patterns, r.item)),
        None,
    )
    if row is None and tuple(patterns) == TOTAL_ROWS:
        row = CheckContext.total_row(table, sec)
    return row


def find_column(
    table: Table, keys: Sequence[str], on: str | None = None, first: bool = False
) -> Column | None:
    """The amount column named by ``keys`` (else, with ``first``, the side's first amount column)."""
    sec = side(table, on)
    col = CheckContext.column(table, *keys, section=sec)
    if col is None and first:
        col = next(
            (c for c in table.columns if c.role == "amount" and (sec is None or c.section == sec)),
            None,
        )
    return col


def cell_figure(
    table: Table, row: Row | None, column: Column | None, label: str = ""
) -> Figure | None:
    """A cell as a figure; a blank parent row counts as the sum of its children, a blank leaf as 0."""
    if row is None or column is None:
        return None
    rows = list(table.rows)
    value, printed = effective(table, rows, index_of(rows, row), column)
    name = f"“{label}”" if label else f"“{row.item or '合计'}”行“{column.key}”列"
    return Figure(table, row, column, value, tuple(printed), name)


def sum_figure(
    table: Table,
    row: Row | None,
    column: Column | None,
    cells: Sequence[tuple[Row, Column]],
    label: str,
) -> Figure:
    """The sum of several cells of one table as one figure (blanks read as 0), reported at
    ``row`` and ``column`` (None: no one row or column of the table)."""
    value = sum((CheckContext.amount(table, r, c) for r, c in cells), Decimal(0))
    printed = tuple(CheckContext.text(r, c) for r, c in cells)
    return Figure(table, row, column, value, printed, label)


def figure(
    ctx: CheckContext,
    table_id: TableId,
    rows: Sequence[str],
    keys: Sequence[str] = SIDE_KEYS,
    on: str | None = None,
    first: bool = True,
    label: str = "",
) -> Figure | None:
    """The figure of the first row matching ``rows`` in the column ``keys`` of a table (None if absent)."""
    table = ctx.table(table_id)
    if table is None:
        return None
    return cell_figure(table, find_row(table, rows, on), find_column(table, keys, on, first), label)


def class_figure(
    ctx: CheckContext,
    table_id: TableId,
    codes: Sequence[str],
    split: Sequence[str],
    label: str,
    besides: bool = False,
) -> Figure | None:
    """The sum of the 类 rows ``codes`` of a table printing no ``split`` column (人员经费 as
    301 + 303 of a 基本支出表 without a 人员经费 column); None when it prints one.
    ``besides``: the sum of the other 类 rows instead (公用经费 as all but 301 and 303)."""
    table = ctx.table(table_id)
    if table is None or find_column(table, split) is not None:
        return None
    column = find_column(table, ("合计", "决算数", "预算数", "金额"), first=True)
    rows = list(table.rows)
    hits = [
        i
        for i, r in enumerate(rows)
        if r.code and len(r.code) == 3 and (r.code not in codes if besides else r.code in codes)
    ]
    if column is None or not hits:
        return None
    value, printed = Decimal(0), list[str | None]()
    for i in hits:
        v, p = effective(table, rows, i, column)
        value += v
        printed += p
    which = f"{'、'.join(codes)}以外各类" if besides else f"{'、'.join(codes)}类"
    name = f"{which}“{column.key}”之和（{label}按经济分类计）"
    return Figure(table, None, column, value, tuple(printed), name, derived=True)


SUBJECT_MARK = lazy(r"[（(]\s*[类款项]\s*[)）]")


def about_one_subject(s: StatedAmount) -> bool:
    """True when the amount is stated in a passage about one 科目 (（类）/（款）/（项）)."""
    titles = s.section[-1:] if s.section else ()
    return bool(SUBJECT_MARK.search(s.sentence) or any(SUBJECT_MARK.search(t) for t in titles))


class StatedFigureRule(Rule):
    """A stated amount against the table figures it may name (equal to any one is correct).

    ``figures`` lists the acceptable figures, the one to report against first.
    """

    subjects: ClassVar[tuple[str, ...]] = ()
    what: ClassVar[str] = ""
    needs: ClassVar[tuple[TableId, ...]] = ()
    this_year: ClassVar[bool] = True  # skip amounts stated for last year

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        raise NotImplementedError

    def relevant(self, s: StatedAmount) -> bool:
        """Whole-department figures only: an amount in a per-科目 passage (a section
        titled “公共安全支出（类）”, a sentence naming “检察（款）”) is that 科目's."""
        return not about_one_subject(s)

    def compare(self, s: StatedAmount, fig: Figure) -> Finding | None:
        """A finding when ``s`` differs from ``fig``: an info when the two printed figures
        may round one value (四舍五入: their difference is less than half a unit of each
        last digit, summed; at exactly that sum no one value rounds to both), or when the
        figure is derived (its 口径 varies)."""
        assert s.wan is not None
        diff = s.wan - fig.value
        if diff == 0:
            return None
        table_half = rounding_bound(list(fig.printed))
        rounded = abs(diff) < table_half + stated_bound(s)
        cut = not rounded and cut_from(s.wan, stated_places(s), fig.value, table_half)
        within = rounded or cut
        message = (
            f"情况说明“{s.phrase}{s.text}”与{fig.describe()}不一致：应为 {fmt(fig.value)}，"
            f"实为 {fmt(s.wan)}，相差 {fmt(diff)}"
            + (
                "（在四舍五入误差之内）"
                if rounded
                else "（所印数字疑为截断而非四舍五入）"
                if cut
                else ""
            )
        )
        return self.finding(
            message,
            prose_location(s, fig),
            expected=fig.value,
            actual=s.wan,
            severity=Severity.INFO if within or fig.derived else None,
        )

    def judge(self, s: StatedAmount, figs: list[Figure]) -> list[Finding]:
        found = [self.compare(s, fig) for fig in figs]
        if any(f is None for f in found):
            return []
        infos = [f for f in found if f is not None and f.severity is Severity.INFO]
        return infos[:1] or [f for f in found[:1] if f is not None]

    def unmatched(self, ctx: CheckContext, items: list[StatedAmount]) -> str:
        """The could-not-run reason when no stated amount found its figure in the tables."""
        return f"表中找不到与{self.what}对应的数字"

    def without_table(self, ctx: CheckContext) -> Exception:
        """Why the rule stops when none of the tables it needs is there.

        Could not run when one of them is printed but not read, when the document's
        template family (``data/families.toml``) requires one, or when the file holds no
        table at all (a narrative-only file, tables as images: they may be elsewhere); not
        applicable when the file's tables are read, its template has no such table and it
        prints none: the statement then has no table to be checked against (Shanghai
        packages state 政府采购 in prose only).
        """
        names = "或".join(table_name(t) for t in self.needs)
        printed = next((e for t in self.needs if (e := ctx.unread(t)) is not None), None)
        if printed is not None:
            return CannotRun(missing_reason(ctx.d, printed.id or self.needs[0]))
        if ctx.d.tables and not set(self.needs) & set(family_of(ctx.d).required):
            return NotApplicable(
                f"本文件未印{names}，其模板（{family_of(ctx.d).name}）也不含该表，"
                f"情况说明的{self.what}无表可核对"
            )
        return CannotRun(f"缺少{names}，无法核对{self.what}")

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        items = [
            s
            for s in money(ctx)
            if matches(self.subjects, s.subject)
            and self.relevant(s)
            and not (self.this_year and other_year(s, ctx.d.year))
        ]
        if not items:
            raise NotApplicable(f"情况说明没有陈述{self.what}的金额")
        if self.needs and not any(ctx.table(t) for t in self.needs):
            raise self.without_table(ctx)
        out: list[Finding] = []
        compared = 0
        for s in items:
            figs = self.figures(ctx, s)
            compared += bool(figs)
            out.extend(self.judge(s, figs) if figs else [])
        if not compared:
            raise CannotRun(self.unmatched(ctx, items))
        yield from out


def present(*figs: Figure | None) -> list[Figure]:
    return [f for f in figs if f is not None]
