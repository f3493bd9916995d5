"""The two-sided tables (收支总表, 财政拨款收支总表): each side's totals, and 收入总计 against 支出总计."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from yusuan.model import Column, Row, Table
from yusuan.regex import lazy
from yusuan.rules.arithmetic.figures import GUIDE
from yusuan.rules.arithmetic.layouts import SideLayout, side_layouts
from yusuan.rules.base import CannotRun, Finding, Rule, cell_location
from yusuan.rules.context import CheckContext, norm, skip_unreadable
from yusuan.rules.values import effective

# 支出 by nature (基本支出 / 项目支出 …) may be printed beside the 功能分类 classes.
NATURE = lazy(
    r"^(?:基本支出|项目支出|(?:事业单位)?经营支出|上[缴解]上级支出|对附属单位补助支出"
    r"|(?:单位)?预留机动经费)$"
)
MAIN_KEYS = ("合计", "预算数", "金额", "决算数", "本年预算数")
TWO_SIDED = "收支总表、财政拨款收支总表"


def two_sided(ctx: CheckContext, section: str) -> list[SideLayout]:
    """The ``section`` side of every two-sided table, or :class:`CannotRun`."""
    layouts = ctx.memo("arithmetic.two_sided", lambda: _two_sided(ctx))
    if layouts is None:
        raise CannotRun(f"缺少两栏式的{TWO_SIDED}（或未识别出收入、支出两栏）")
    out = [s for s in layouts if s.section == section]
    if not out:
        raise CannotRun(f"{TWO_SIDED}中未识别出{section}栏")
    return out


def _two_sided(ctx: CheckContext) -> list[SideLayout] | None:
    """Both sides of every two-sided table (None: no such table), laid out once a check for
    the rules of both sides (read only)."""
    tables = [t for t in ctx.d.tables if {c.section for c in t.columns} >= {"收入", "支出"}]
    return [s for t in tables for s in side_layouts(t)] if tables else None


def _sum(side: SideLayout, indexes: list[int], col: Column) -> tuple[Decimal, list[str | None]]:
    parts = [effective(side.table, side.rows, i, col) for i in indexes]
    return sum((p[0] for p in parts), Decimal(0)), [t for p in parts for t in p[1]]


def _carry_value(
    side: SideLayout, head: int, kids: list[int], col: Column
) -> tuple[Decimal, list[str | None]]:
    """A carry-over row's value; printed blank, the sum of its parts (never both).

    The parts are the rows printed at its own level (一、一般公共预算拨款 …, 基本支出结转 …),
    else its indented children.
    """
    row = side.rows[head]
    v = CheckContext.value(side.table, row, col)
    if v is not None or not kids:
        return (v or Decimal(0)), [CheckContext.text(row, col)]
    depth = row.depth or 0
    flat = [k for k in kids if (side.rows[k].depth or 0) <= depth]
    return _sum(side, flat or kids, col)


def _year_value(side: SideLayout, col: Column) -> tuple[Decimal, list[str | None], str]:
    """本年合计 as printed, or — when the side prints none — the sum of its items."""
    if side.year_total is not None:
        row = side.rows[side.year_total]
        return CheckContext.amount(side.table, row, col), [CheckContext.text(row, col)], row.item
    total, printed = _sum(side, side.items, col)
    return total, printed, f"本年{side.section}各项"


class _SideRule(Rule):
    """Compare one row of a side with a sum, for every amount column of the side."""

    def compare(
        self,
        side: SideLayout,
        row: Row,
        col: Column,
        expected: Decimal,
        printed: list[str | None],
        what: str,
    ) -> Finding | None:
        actual = CheckContext.value(side.table, row, col)
        if actual is None and expected == 0:
            return None
        return self.mismatch(
            f"《{side.table.title}》“{row.item}”应等于{what}",
            expected,
            actual or Decimal(0),
            [CheckContext.text(row, col), *printed],
            partial(cell_location, side.table, row, col),
            unit=side.table.unit,
        )


class SummaryRevenueTotalMismatch(_SideRule):
    """检查什么
    两栏式总表（收支总表、财政拨款收支总表）收入栏的“本年收入合计”，应等于其上方各收入项目
    （一、一般公共预算拨款收入；二、政府性基金预算拨款收入；…）之和。

    为什么重要
    本年收入合计是部门预算规模的核心数字，与各收入来源不符说明收入数据填错或漏列。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    收支总表：一般公共预算拨款收入 593.58，其他各项空，本年收入合计 603.58。

    正确写法
    本年收入合计 593.58 = 593.58 + 0 + … + 0。
    """

    code = "YS103"
    name = "summary-revenue-total-mismatch"
    title = "本年收入合计不等于各收入项目之和"
    tags = ("arithmetic", "summary", "fiscal_summary")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in two_sided(ctx, "收入"):
            if side.year_total is None or not side.items:
                continue
            row = side.rows[side.year_total]
            for col in side.columns:
                with skip_unreadable():
                    total, printed = _sum(side, side.items, col)
                    f = self.compare(
                        side, row, col, total, printed, f"其上{len(side.items)}个收入项目之和"
                    )
                    if f:
                        yield f


class SummaryExpenditureTotalMismatch(_SideRule):
    """检查什么
    两栏式总表支出栏的“本年支出合计”，每一金额列都应等于其上方各支出功能分类“类”级项目
    （一、一般公共服务支出；…；二十五、其他支出 …）之和。若支出栏同时按性质列出
    基本支出、项目支出等，这两组各自都是本年支出合计的完整拆分，分别与合计比较。

    为什么重要
    本年支出合计与各类支出不符，说明支出结构数据有误，读者无法据此了解资金投向。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    财政拨款收支总表“一般公共预算财政拨款”列：一般公共服务支出 485.91、社会保障和就业支出
    56.87、卫生健康支出 19.80、住房保障支出 31.00，本年支出合计却为 583.58（应为 593.58）。

    正确写法
    本年支出合计 593.58 = 485.91 + 56.87 + 19.80 + 31.00。
    """

    code = "YS104"
    name = "summary-expenditure-total-mismatch"
    title = "本年支出合计不等于各类支出之和"
    tags = ("arithmetic", "summary", "fiscal_summary")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in two_sided(ctx, "支出"):
            if side.year_total is None or not side.items:
                continue
            row = side.rows[side.year_total]
            nature = [i for i in side.items if NATURE.match(norm(side.rows[i].item))]
            classes = [i for i in side.items if i not in nature]
            for col in side.columns:
                for group, what in (
                    (classes, "支出功能分类各类"),
                    (nature, "按支出性质列示的各项"),
                ):
                    with skip_unreadable():
                        blank = all(
                            CheckContext.value(side.table, side.rows[i], col) is None for i in group
                        )
                        if not group or (group is nature and classes and blank):
                            continue  # the by-nature breakdown is not printed in this column
                        total, printed = _sum(side, group, col)
                        f = self.compare(
                            side, row, col, total, printed, f"其上{what}（{len(group)}项）之和"
                        )
                        if f:
                            yield f


class _GrandTotalMismatch(_SideRule):
    section = ""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in two_sided(ctx, self.section):
            if side.grand_total is None or (side.year_total is None and not side.items):
                continue
            row = side.rows[side.grand_total]
            for col in side.columns:
                with skip_unreadable():
                    total, printed, name = _year_value(side, col)
                    names = [name]
                    for head, kids in side.carries:
                        v, p = _carry_value(side, head, kids, col)
                        total += v
                        printed += p
                        names.append(side.rows[head].item)
                    f = self.compare(side, row, col, total, printed, "＋".join(names))
                    if f:
                        yield f


class GrandRevenueTotalMismatch(_GrandTotalMismatch):
    """检查什么
    两栏式总表收入栏的“收入总计”，应等于“本年收入合计”加上其下的结转结余行
    （“上年结转结余”，或“年初财政拨款结转和结余”；决算还有“使用非财政拨款结余”等）。
    “年初财政拨款结转和结余”之下按资金性质列出的一般公共预算拨款、政府性基金预算拨款、
    国有资本经营预算拨款各行是它的拆分，不重复相加；结转结余行留空时按这些拆分行之和计。

    为什么重要
    收入总计反映部门可支配的全部资金，漏加或重复相加上年结转会虚增或虚减资金规模。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    本年收入合计 593.58，上年结转结余 10.00，收入总计 593.58（应为 603.58）。

    正确写法
    收入总计 603.58 = 本年收入合计 593.58 + 上年结转结余 10.00。
    """

    code = "YS105"
    name = "grand-revenue-total-mismatch"
    title = "收入总计不等于本年收入与结转结余之和"
    tags = ("arithmetic", "summary", "fiscal_summary")
    basis = GUIDE
    section = "收入"


class GrandExpenditureTotalMismatch(_GrandTotalMismatch):
    """检查什么
    两栏式总表支出栏的“支出总计”，每一金额列都应等于“本年支出合计”加上
    “年终结转结余”（或“年末财政拨款结转和结余”；决算还有“结余分配”等）。

    为什么重要
    支出总计与本年支出、年末结转不符，说明资金去向数据有误。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    本年支出合计 593.58，年终结转结余 空，支出总计 595.58。

    正确写法
    支出总计 593.58 = 本年支出合计 593.58 + 年终结转结余 0。
    """

    code = "YS106"
    name = "grand-expenditure-total-mismatch"
    title = "支出总计不等于本年支出与年末结转结余之和"
    tags = ("arithmetic", "summary", "fiscal_summary")
    basis = GUIDE
    section = "支出"


def _main_column(columns: list[Column]) -> Column:
    for key in MAIN_KEYS:
        for c in columns:
            if c.key == key:
                return c
    return columns[0]


def _pairs(income: SideLayout, spending: SideLayout) -> list[tuple[Column, Column]]:
    """Matching columns of the two sides: by key when both sides print the same keys."""
    keys_in = [c.key for c in income.columns]
    keys_out = [c.key for c in spending.columns]
    if len(keys_in) > 1 and keys_in == keys_out:
        return list(zip(income.columns, spending.columns, strict=True))
    return [(_main_column(income.columns), _main_column(spending.columns))]


class RevenueExpenditureTotalsUnequal(Rule):
    """检查什么
    两栏式总表的“收入总计”应等于“支出总计”（表中无总计行时，比较本年收入合计与本年支出合计）。
    两栏列数相同且列名一致时逐列比较，否则比较各栏的合计列。

    为什么重要
    部门预算收支平衡是编制原则，收支总表两栏总计不等，说明表中至少一栏有误。
    《中华人民共和国预算法》第十二条要求各级预算应当做到收支平衡。

    错误示例
    收支总表：收入总计 593.58，支出总计 595.58。

    正确写法
    收入总计 593.58 = 支出总计 593.58。
    """

    code = "YS107"
    name = "revenue-expenditure-totals-unequal"
    title = "收入总计与支出总计不相等"
    tags = ("arithmetic", "summary", "fiscal_summary")
    basis = (
        "《中华人民共和国预算法》第十二条（各级预算应当遵循统筹兼顾、勤俭节约、量力而行、讲求绩效和收支平衡的原则）；"
        + GUIDE
    )

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        incomes = two_sided(ctx, "收入")
        spendings = {id(s.table): s for s in two_sided(ctx, "支出")}
        for income in incomes:
            spending = spendings.get(id(income.table))
            if spending is None or income.final is None or spending.final is None:
                continue
            row_in, row_out = income.rows[income.final], spending.rows[spending.final]
            table: Table = income.table
            for col_in, col_out in _pairs(income, spending):
                with skip_unreadable():
                    expected = CheckContext.amount(table, row_in, col_in)
                    actual = CheckContext.amount(table, row_out, col_out)
                    f = self.mismatch(
                        f"《{table.title}》“{row_out.item}”（{col_out.key}）应等于“{row_in.item}”（{col_in.key}）",
                        expected,
                        actual,
                        [CheckContext.text(row_in, col_in), CheckContext.text(row_out, col_out)],
                        partial(cell_location, table, row_out, col_out),
                        unit=table.unit,
                    )
                    if f:
                        yield f
