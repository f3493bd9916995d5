"""YS2xx — the 科目 hierarchy of coded tables: 类 / 款 / 项 sums and the codes themselves.

支出功能分类 codes are 3 (类), 5 (款) and 7 (项) digits; 部门预算支出经济分类 codes
are 3 (类) and 5 (款) digits and live in the 基本支出 table.  A table's
classification is told from its id and header (经济分类).  The rules about the
codes themselves (YS205–YS208) are in :mod:`yusuan.rules.hierarchy_codes`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, partial
from typing import Literal

from yusuan.model import Column, Row, Table, TableId
from yusuan.rules.base import CannotRun, Finding, Rule, Severity, cell_location, fmt
from yusuan.rules.context import CheckContext, norm

Kind = Literal["function", "economic"]

REGULATION = (
    "《中华人民共和国预算法实施条例》第六条：部门预算、决算支出按其功能分类应当公开到项，"
    "按其经济性质分类，基本支出应当公开到款"
)
GUIDE = "《地方预决算公开操作规程》（财预〔2016〕143号）第三条：预决算公开应当真实、准确"
LEVELS: dict[Kind, dict[int, str]] = {
    "function": {3: "类", 5: "款", 7: "项"},
    "economic": {3: "类", 5: "款"},
}
#: The tables that print 科目编码 (the tags of the hierarchy rules).
CODED_TABLES = (
    "revenue",
    "expenditure",
    "gpb_expenditure",
    "gpb_basic",
    "gov_fund",
    "soe_capital",
    "fiscal_expenditure",
    "fiscal_basic",
    "operating_costs",
)
#: Tables printed in the economic classification (经济分类).
ECONOMIC_TABLES = (TableId.GPB_BASIC, TableId.FISCAL_BASIC, TableId.OPERATING_COSTS)
KIND_ZH: dict[Kind, str] = {"function": "功能分类", "economic": "经济分类"}


def classification(table: Table) -> Kind | None:
    """Function or economic classification of a coded table (None when it prints no codes)."""
    codes = [r.code for r in table.rows if r.code]
    if not codes:
        return None
    header = "".join(k for c in table.columns for k in c.path) + norm(table.title)
    if table.id in ECONOMIC_TABLES or "经济分类" in header or "经济科目" in header:
        return "economic"
    if "功能分类" in header:
        return "function"
    digits = [c for c in codes if c.isdigit()]
    if digits and all(c[0] in "35" for c in digits):
        return "economic"
    return "function"


@dataclass(frozen=True)
class Coded:
    """One side of a coded table: its rows in order and the valid coded ones."""

    table: Table
    kind: Kind
    rows: list[Row]

    @cached_property
    def coded(self) -> list[Row]:
        """Rows whose code is all digits of a valid length for the classification."""
        return [
            r for r in self.rows if r.code and r.code.isdigit() and len(r.code) in LEVELS[self.kind]
        ]

    @cached_property
    def lengths(self) -> set[int]:
        return {len(r.code or "") for r in self.coded}

    def level(self, code: str) -> str:
        return LEVELS[self.kind].get(len(code), "")

    @cached_property
    def _by_prefix(self) -> dict[tuple[str, int], list[Row]]:
        """Coded rows by (every shorter prefix of their code, their code length)."""
        index: dict[tuple[str, int], list[Row]] = {}
        for r in self.coded:
            code = r.code or ""
            for n in LEVELS[self.kind]:
                if n < len(code):
                    index.setdefault((code[:n], len(code)), []).append(r)
        return index

    def children(self, parent: Row, length: int) -> list[Row]:
        """The rows of code length ``length`` under ``parent`` (by code prefix)."""
        return self._by_prefix.get((parent.code or "", length), [])

    def child_length(self, length: int) -> int | None:
        """The next level printed below ``length`` (款, else 项 when the table skips 款)."""
        below = sorted(n for n in self.lengths if n > length)
        return below[0] if below else None


def coded_sides(ctx: CheckContext, kind: Kind | None = None) -> list[Coded]:
    """Every side of every coded table (of one classification when ``kind`` is given)."""
    out: list[Coded] = []
    for table in ctx.d.tables:
        k = classification(table)
        if k is None or (kind is not None and k != kind):
            continue
        groups: dict[str | None, list[Row]] = {}
        for r in table.rows:
            groups.setdefault(r.section, []).append(r)
        out.extend(Coded(table, k, rows) for rows in groups.values())
    return out


def require_coded(ctx: CheckContext, kind: Kind | None = None) -> list[Coded]:
    """Like :func:`coded_sides`, raising :class:`CannotRun` when there is none."""
    sides = coded_sides(ctx, kind)
    if sides:
        return sides
    if kind == "economic":
        table = ctx.require(TableId.GPB_BASIC)
        if not table.rows:
            return []  # an empty table (空表) has nothing to check
        raise CannotRun("一般公共预算财政拨款基本支出表中未识别出经济分类科目编码")
    raise CannotRun(
        "没有识别出带科目编码的支出表（收入总表、支出总表、一般公共预算财政拨款支出表等）"
    )


def row_name(side: Coded, row: Row) -> str:
    return f"{side.level(row.code or '')}“{row.code} {row.item}”"


def _malformed_below(side: Coded, parent: Row) -> bool:
    """True when rows right below ``parent`` (before the next valid code) carry a malformed code."""
    rows = side.rows
    k = next(i for i, r in enumerate(rows) if r is parent)
    for r in rows[k + 1 :]:
        if r.code and r.code.isdigit() and len(r.code) in LEVELS[side.kind]:
            return False
        if r.code:
            return True
    return False


class _LevelSum(Rule):
    """A parent level equals the sum of the next printed level, in every amount column."""

    kind: Kind = "function"
    parent_length = 3

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in require_coded(ctx, self.kind):
            length = side.child_length(self.parent_length)
            if self.parent_length not in side.lengths or length is None:
                continue
            for parent in side.coded:
                if len(parent.code or "") == self.parent_length:
                    yield from self._parent(side, parent, length)

    def _parent(self, side: Coded, parent: Row, length: int) -> Iterator[Finding]:
        kids = side.children(parent, length)
        if not kids and _malformed_below(side, parent):
            return  # its children are printed with codes YS206 reports as malformed
        below = side.child_length(length)
        level = LEVELS[side.kind][length]
        for col in side.table.amount_columns():
            if col.section != parent.section:
                continue
            top = CheckContext.value(side.table, parent, col)
            if top is None:
                continue  # a blank parent is "not printed": YS204 warns when its children hold values
            total, printed = Decimal(0), [CheckContext.text(parent, col)]
            for kid in kids:
                v = CheckContext.value(side.table, kid, col)
                if v is None and below is not None:  # a blank 款 counts as the sum of its 项
                    grand = [
                        CheckContext.value(side.table, g, col) for g in side.children(kid, below)
                    ]
                    v = sum((g for g in grand if g is not None), Decimal(0))
                    printed += [CheckContext.text(g, col) for g in side.children(kid, below)]
                else:
                    printed.append(CheckContext.text(kid, col))
                total += v or Decimal(0)
            if top == 0 and total == 0:
                continue
            what = (
                f"其下{len(kids)}个{level}级科目之和"
                if kids
                else f"其下{level}级科目之和（表中未列出任何{level}）"
            )
            column = f"“{col.key}”列" if len(side.table.amount_columns()) > 1 else ""
            f = self.mismatch(
                f"《{side.table.title}》{row_name(side, parent)}{column}应等于{what}",
                total,
                top,
                printed,
                partial(cell_location, side.table, parent, col),
                unit=side.table.unit,
            )
            if f:
                yield f


class FunctionClassSumMismatch(_LevelSum):
    """检查什么
    按支出功能分类列示的表（收入总表、支出总表、一般公共预算财政拨款支出表、政府性基金和
    国有资本经营预算财政拨款支出表等）中，每个“类”级科目（3位编码）的每一金额列，
    都应等于编码以它开头的各“款”级科目（5位编码）之和。某“款”留空时按其下各“项”之和计；
    “类”本身留空视为未列示，由 YS204 提示；表中列有“款”级而某“类”下一个“款”也没有时，
    按“款”之和为 0 比较。

    为什么重要
    “类”是“款”的汇总，不相等说明科目数据填错、漏列或重复列示，预算的功能结构失真。
    《预算法实施条例》第六条要求部门预算支出按功能分类公开到项。

    错误示例
    201 一般公共服务支出 485.91，其下仅 20101 人大事务 475.91。

    正确写法
    201 一般公共服务支出 485.91 = 20101 人大事务 485.91。
    """

    code = "YS201"
    name = "function-class-sum-mismatch"
    title = "功能分类“类”不等于其下各“款”之和"
    tags = ("hierarchy", "revenue", "expenditure", "gpb_expenditure", "gov_fund", "soe_capital")
    basis = REGULATION + "；" + GUIDE
    kind = "function"
    parent_length = 3


class FunctionSectionSumMismatch(_LevelSum):
    """检查什么
    按支出功能分类列示的表中，每个“款”级科目（5位编码）的每一金额列，都应等于编码以它开头的
    各“项”级科目（7位编码）之和。表中列有“项”级而某“款”下一个“项”也没有时，按“项”之和为 0
    比较（功能分类应公开到项）。“款”本身留空视为未列示，由 YS204 提示。

    为什么重要
    “项”是部门预算公开的最细层级，“款”与其下各“项”不符，说明有“项”被漏列、重复或填错。
    《预算法实施条例》第六条要求部门预算支出按功能分类公开到项。

    错误示例
    20101 人大事务 485.91，其下各项：行政运行 322.91、一般行政管理事务 48.00、人大会议 25.00、
    人大监督 63.00，漏列 2010107 人大代表履职能力提升 27.00，各项之和 458.91。

    正确写法
    20101 人大事务 485.91 = 322.91 + 48.00 + 25.00 + 63.00 + 27.00。
    """

    code = "YS202"
    name = "function-section-sum-mismatch"
    title = "功能分类“款”不等于其下各“项”之和"
    tags = ("hierarchy", "revenue", "expenditure", "gpb_expenditure", "gov_fund", "soe_capital")
    basis = REGULATION + "；" + GUIDE
    kind = "function"
    parent_length = 5


class EconomicClassSumMismatch(_LevelSum):
    """检查什么
    一般公共预算财政拨款基本支出表（按部门预算支出经济分类列示，科目编码以 3 开头）中，
    每个经济分类“类”（3位编码，如 301 工资福利支出）的每一金额列，都应等于编码以它开头的
    各“款”（5位编码，如 30101 基本工资）之和。

    为什么重要
    基本支出按经济分类公开到款，是了解人员经费、公用经费构成的依据；类与款不符说明明细有误。
    《预算法实施条例》第六条要求基本支出按经济性质分类公开到款。

    错误示例
    302 商品和服务支出 25.51，其下各款：办公费 1.68、邮电费 4.32、工会经费 0.60、福利费 0.60、
    其他交通费用 17.79，漏列 30299 其他商品和服务支出 0.52，各款之和 24.99。

    正确写法
    302 商品和服务支出 25.51 = 1.68 + 4.32 + 0.60 + 0.60 + 17.79 + 0.52。
    """

    code = "YS203"
    name = "economic-class-sum-mismatch"
    title = "经济分类“类”不等于其下各“款”之和"
    tags = ("hierarchy", "gpb_basic")
    basis = REGULATION + "；" + GUIDE
    kind = "economic"
    parent_length = 3


class OrphanCodeRow(Rule):
    """检查什么
    带科目编码的表中，每个“款”（5位）应有其“类”（前3位）行、每个“项”（7位）应有其“款”
    （前5位）行（仅当表中列有该上级层级时检查）；缺少上级行为错误。上级行存在但某一金额列
    留空、而其下级在该列有数时，视为上级未列示，给出警告（类、款、项之和因此无法核对）。

    为什么重要
    缺少上级科目，读者无法看出“项”属于哪一“款”、“类”，类款项之和也无从核对，
    往往是删行、漏行造成的。《预算法实施条例》第六条要求按类、款、项逐级公开。

    错误示例
    表中有 2010101 行政运行 322.91 等“项”，但缺少 20101 人大事务这一“款”行；
    或 20101 人大事务的“合计”列留空，而其下各项“合计”列有数。

    正确写法
    201 一般公共服务支出 → 20101 人大事务 → 2010101 行政运行……逐级列示，每级都填数。
    """

    code = "YS204"
    name = "orphan-code-row"
    title = "科目缺少上级科目行"
    tags = ("hierarchy", *CODED_TABLES)
    basis = REGULATION

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in require_coded(ctx):
            codes = {r.code for r in side.coded}
            reported: set[str] = set()
            for row in side.coded:
                code = row.code or ""
                parent = code[:-2]
                if len(code) == 3 or parent in codes or parent in reported:
                    continue
                if len(parent) not in side.lengths:
                    continue  # the table does not print that level at all
                reported.add(parent)
                orphans = [
                    r
                    for r in side.coded
                    if (r.code or "").startswith(parent) and len(r.code or "") == len(code)
                ]
                names = "、".join(f"{r.code} {r.item}" for r in orphans)
                yield self.finding(
                    f"《{side.table.title}》缺少{LEVELS[side.kind][len(parent)]}级科目 {parent} 的行，"
                    f"其下{side.level(code)}级科目（{names}）无所归属",
                    cell_location(side.table, row),
                )
            yield from self._blank_parents(side)

    def _blank_parents(self, side: Coded) -> Iterator[Finding]:
        """One warning per parent row left blank in columns where its children hold values."""
        for parent in side.coded:
            length = side.child_length(len(parent.code or ""))
            if length is None:
                continue
            kids = side.children(parent, length)
            blanks: list[tuple[Column, Decimal]] = []
            for col in side.table.amount_columns():
                if col.section != parent.section:
                    continue
                if CheckContext.value(side.table, parent, col) is not None:
                    continue
                filled = [
                    v for k in kids if (v := CheckContext.value(side.table, k, col)) is not None
                ]
                if filled:
                    blanks.append((col, sum(filled, Decimal(0))))
            if not blanks:
                continue
            cols = "、".join(f"“{c.key}”列（下级合计 {fmt(v)}）" for c, v in blanks)
            yield self.finding(
                f"《{side.table.title}》{row_name(side, parent)}在{cols}留空，"
                f"而其下{LEVELS[side.kind][length]}级科目在这些列有数：上级科目未列示，无法逐级核对",
                cell_location(side.table, parent, blanks[0][0]),
                expected=blanks[0][1],
                actual="空",
                severity=Severity.WARNING,
            )


from yusuan.rules import hierarchy_codes  # noqa: E402, F401 - registers YS205–YS208
