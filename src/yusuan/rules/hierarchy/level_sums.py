"""YS201–YS204: 类/款/项 rows against the sum of the rows below them, and code rows without their
parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from yusuan.codes import LEVELS, Kind
from yusuan.model import Column, Row
from yusuan.rules.base import Finding, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext, skip_unreadable
from yusuan.rules.hierarchy.coded import (
    CODED_TABLES,
    GUIDE,
    REGULATION,
    Coded,
    require_coded,
    row_name,
)
from yusuan.rules.printed import money, style_of


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
            with skip_unreadable():
                top = CheckContext.value(side.table, parent, col)
                if top is None:
                    continue  # a blank parent is "not printed": YS204 warns when its children hold values
                total, printed = Decimal(0), [CheckContext.text(parent, col)]
                for kid in kids:
                    v = CheckContext.value(side.table, kid, col)
                    if v is None and below is not None:  # a blank 款 counts as the sum of its 项
                        grand = [
                            CheckContext.value(side.table, g, col)
                            for g in side.children(kid, below)
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
                with skip_unreadable():
                    if CheckContext.value(side.table, parent, col) is not None:
                        continue
                    filled = [
                        v for k in kids if (v := CheckContext.value(side.table, k, col)) is not None
                    ]
                    if filled:
                        blanks.append((col, sum(filled, Decimal(0))))
            if not blanks:
                continue
            style = style_of(
                side.table.unit,
                [k.cells[c.index].text for k in kids for c, _ in blanks if c.index in k.cells],
            )
            cols = "、".join(f"“{c.key}”列（下级合计 {money(v, style)}）" for c, v in blanks)
            yield self.finding(
                f"《{side.table.title}》{row_name(side, parent)}在{cols}留空，"
                f"而其下{LEVELS[side.kind][length]}级科目在这些列有数：上级科目未列示，无法逐级核对",
                cell_location(side.table, parent, blanks[0][0]),
                expected=blanks[0][1],
                actual="空",
                severity=Severity.WARNING,
                style=style,
            )
