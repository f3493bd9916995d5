"""What a rule sees: the disclosure with lookups by table, code, item and subject."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from yusuan.amounts import Unit, to_wan
from yusuan.codes import norm as norm
from yusuan.model import (
    Column,
    Disclosure,
    Paragraph,
    PrintedTable,
    Row,
    StatedAmount,
    Table,
    TableId,
)
from yusuan.recognize.blocks import fold_breakdowns
from yusuan.rules.base import CannotRun

if TYPE_CHECKING:
    from yusuan.catalog import Catalog

TOTAL_ITEMS = ("合计", "总计")
T = TypeVar("T")


def index_of(rows: Sequence[Row], row: Row) -> int:
    """The position of ``row`` in ``rows`` by identity (``list.index`` compares
    models field by field, which is slow)."""
    return next(i for i, r in enumerate(rows) if r is row)


class CheckContext:
    """A disclosure prepared for rules. Lookups are cached; nothing is mutated.

    A side printed as several breakdowns side by side (Jiangsu's 支出: 功能分类 | 支出用途)
    is folded onto one column per meaning (:func:`~yusuan.recognize.blocks.fold_breakdowns`).

    ``catalog`` is the 科目 catalogue the YS209/YS210 rules use (None: the default
    one, :func:`yusuan.catalog.default_catalog`).
    """

    def __init__(self, disclosure: Disclosure, catalog: Catalog | None = None) -> None:
        tables = tuple(fold_breakdowns(t) for t in disclosure.tables)
        changed = any(a is not b for a, b in zip(tables, disclosure.tables, strict=True))
        self.d = disclosure.model_copy(update={"tables": tables}) if changed else disclosure
        self.catalog = catalog
        self._memo: dict[str, object] = {}

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per check run, shared by the rules that need it."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]  # type: ignore[return-value]

    # -- tables -------------------------------------------------------------------
    def table(self, table_id: TableId | str) -> Table | None:
        return self.d.table(table_id)

    def require(self, table_id: TableId | str) -> Table:
        """The table, or :class:`CannotRun` naming it."""
        table = self.d.table(table_id)
        if table is None:
            raise CannotRun(missing_reason(self.d, table_id))
        return table

    def unread(self, table_id: TableId | str) -> PrintedTable | None:
        """The ledger entry of a table the document prints but that was not recognized."""
        return unread(self.d, table_id)

    @staticmethod
    def column(table: Table, *keys: str, section: str | None = None) -> Column | None:
        """The first amount column whose key is, or else contains, one of ``keys``."""
        amounts = [
            c
            for c in table.columns
            if c.role == "amount" and (section is None or c.section == section)
        ]
        for key in keys:
            for c in amounts:
                if c.key == key:
                    return c
        for key in keys:
            for c in amounts:
                if key in c.key:
                    return c
        return None

    @staticmethod
    def value(table: Table, row: Row | None, column: Column | None) -> Decimal | None:
        """A cell's amount in 万元 (None when blank or missing)."""
        if row is None or column is None:
            return None
        cell = row.cells.get(column.index)
        if cell is None or cell.value is None:
            return None
        unit = table.unit
        return cell.value if unit is None or unit is Unit.WAN else to_wan(cell.value, unit)

    @staticmethod
    def amount(table: Table, row: Row | None, column: Column | None) -> Decimal:
        """A cell's amount in 万元, blank read as 0."""
        v = CheckContext.value(table, row, column)
        return v if v is not None else Decimal(0)

    @staticmethod
    def text(row: Row | None, column: Column | None) -> str | None:
        if row is None or column is None:
            return None
        cell = row.cells.get(column.index)
        return cell.text if cell else None

    @staticmethod
    def coded_rows(table: Table) -> dict[str, Row]:
        """Rows by 科目编码 (the first row of each code)."""
        out: dict[str, Row] = {}
        for r in table.rows:
            if r.code and r.code not in out:
                out[r.code] = r
        return out

    @staticmethod
    def row(table: Table, *items: str, section: str | None = None) -> Row | None:
        """The first row whose item equals (else contains) one of ``items``."""
        rows = [r for r in table.rows if section is None or r.section == section]
        for item in items:
            for r in rows:
                if norm(r.item) == norm(item):
                    return r
        for item in items:
            for r in rows:
                if norm(item) in norm(r.item):
                    return r
        return None

    @staticmethod
    def total_row(table: Table, section: str | None = None) -> Row | None:
        """The 合计 / 总计 row (the first one) of a table or a side of it.

        A table of one unlabelled row (Jiangsu's 支出预算总表: 合计 | 基本支出 | 项目支出
        across, one row of figures) is its own total row.
        """
        rows = [r for r in table.rows if section is None or r.section == section]
        for r in rows:
            if norm(r.item) in TOTAL_ITEMS:
                return r
        if len(rows) == 1 and not norm(rows[0].item) and not rows[0].code:
            return rows[0]
        return None

    # -- narrative ------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[tuple[tuple[str, ...], Paragraph]]:
        """Every narrative paragraph with the titles of its section path."""
        out: list[tuple[tuple[str, ...], Paragraph]] = []

        def visit(section: object, path: tuple[str, ...]) -> None:
            from yusuan.model import Section

            assert isinstance(section, Section)
            here = (*path, section.title) if section.title else path
            out.extend((here, p) for p in section.paragraphs)
            for child in section.children:
                visit(child, here)

        for s in self.d.narrative.sections:
            visit(s, ())
        return out

    @cached_property
    def headings(self) -> list[str]:
        return [s.title for s in self.d.narrative.walk() if s.title]

    def stated(self, *subjects: str, kinds: Iterable[str] = ("amount",)) -> list[StatedAmount]:
        """Stated amounts whose normalised subject equals one of ``subjects``."""
        wanted = {norm(s) for s in subjects}
        kinds = set(kinds)
        return [s for s in self.d.narrative.stated if s.kind in kinds and norm(s.subject) in wanted]

    def stated_matching(
        self, pattern: str, kinds: Iterable[str] = ("amount",)
    ) -> list[StatedAmount]:
        """Stated amounts whose normalised subject matches the regular expression."""
        rx = re.compile(pattern)
        kinds = set(kinds)
        return [
            s for s in self.d.narrative.stated if s.kind in kinds and rx.search(norm(s.subject))
        ]


_NAMES = {
    "summary": "收支总表",
    "revenue": "收入总表",
    "expenditure": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "gpb_expenditure": "一般公共预算财政拨款支出表",
    "gpb_basic": "一般公共预算财政拨款基本支出表",
    "gov_fund": "政府性基金预算财政拨款支出表",
    "soe_capital": "国有资本经营预算财政拨款支出表",
    "three_public": "“三公”经费支出表",
    "procurement": "政府采购预算表",
    "assets": "固定资产占用情况表",
    "fiscal_expenditure": "财政拨款支出表",
    "fiscal_basic": "财政拨款基本支出表",
    "operating_costs": "机关运行经费支出表",
    "performance": "绩效目标表",
    "org": "机构设置表",
}


def unread(d: Disclosure, table_id: TableId | str) -> PrintedTable | None:
    """The ledger entry (目录 line or printed title) of a table not recognized, if any.

    The one place that asks the recognition ledger whether a missing table is printed.
    """
    if d.table(table_id) is not None:
        return None
    for e in d.unrecognized():
        if e.id is not None and e.id == table_id:
            return e
    return None


def where_printed(e: PrintedTable) -> str:
    """``第5页印有标题“…”`` or ``目录列出“…”`` for a ledger entry."""
    page = f"第{e.source.page}页" if e.source.page else ""
    if e.titled:
        return f"{page}印有标题“{e.title}”"
    return f"目录列出“{e.title}”{'（' + page + '）' if page else ''}"


def missing_reason(d: Disclosure, table_id: TableId | str) -> str:
    """Why a rule needing ``table_id`` cannot run: missing, or printed but not recognized."""
    name = _NAMES.get(str(table_id), str(table_id))
    e = unread(d, table_id)
    if e is not None:
        return f"{where_printed(e)}，但未能识别该表（{name}），需要它的规则无法运行"
    return f"缺少{name}"


def table_name(table_id: TableId | str) -> str:
    """The standard Chinese name of a table id."""
    return _NAMES.get(str(table_id), str(table_id))
