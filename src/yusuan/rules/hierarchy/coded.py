"""Coded tables as the hierarchy rules read them: the side of a table that prints 科目编码, its rows by
code, and the family's basis texts.
"""

from __future__ import annotations

from functools import cached_property

from yusuan.codes import LEVELS, Kind, classification
from yusuan.model import Row, Table, TableId
from yusuan.rules.base import CannotRun
from yusuan.rules.context import CheckContext
from yusuan.values import Frozen

REGULATION = (
    "《中华人民共和国预算法实施条例》第六条：部门预算、决算支出按其功能分类应当公开到项，"
    "按其经济性质分类，基本支出应当公开到款"
)
GUIDE = "《地方预决算公开操作规程》（财预〔2016〕143号）第三条：预决算公开应当真实、准确"
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


class Coded(Frozen):
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
    """Every side of every coded table (of one classification when ``kind`` is given).

    The sides, with the rows and indexes each keeps (:class:`Coded`), are made once a check
    and shared by the family's rules, which read them only."""
    every = ctx.memo("hierarchy.coded_sides", lambda: _coded_sides(ctx))
    return [s for s in every if kind is None or s.kind == kind]


def _coded_sides(ctx: CheckContext) -> list[Coded]:
    out: list[Coded] = []
    for table in ctx.d.tables:
        k = classification(table)
        if k is None:
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


CATALOGUE = "《政府收支分类科目》（财政部每年印发）：科目编码与科目名称一一对应"
