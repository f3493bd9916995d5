"""What a rule sees: the disclosure with lookups by table, code, item and subject."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from yusuan import regex
from yusuan.amounts import Unit, is_blank_text, to_wan
from yusuan.codes import norm as norm
from yusuan.families import family_of
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
from yusuan.recognize.titles import near_tables
from yusuan.rules.base import CannotRun, cell_location

if TYPE_CHECKING:
    from yusuan.catalog import Catalog

TOTAL_ITEMS = ("合计", "总计")
T = TypeVar("T")


def index_of(rows: Sequence[Row], row: Row) -> int:
    """The position of ``row`` in ``rows`` by identity (``list.index`` compares
    models field by field, which is slow)."""
    return next(i for i, r in enumerate(rows) if r is row)


class Unreadable(CannotRun):
    """An amount cell that prints something but no number (“322。91”, “XX”, “待定”).

    It is not blank and it is not 0: a sum or comparison that needs it cannot be made.
    :meth:`CheckContext.value` raises it; a rule skips that one comparison
    (:func:`skip_unreadable`), and a rule that does not is could-not-run with the cell named
    (it is a :class:`CannotRun`).  YS610 reports the cell itself, located.
    """

    def __init__(self, table: Table, row: Row, column: Column, text: str) -> None:
        self.location = cell_location(table, row, column)
        super().__init__(
            f"{self.location.describe()}的单元格“{text}”不能读作金额，涉及它的核对未做"
        )


def skip_unreadable() -> suppress:
    """``with skip_unreadable(): …`` around one comparison: an :class:`Unreadable` cell in it
    ends that comparison without a finding, and the rule goes on with the next one."""
    return suppress(Unreadable)


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
        """A cell's amount in 万元 (None when blank or missing).

        Raises :class:`Unreadable` when the cell prints text that is not a number: that is
        not a blank, and no sum may count it as 0.
        """
        if row is None or column is None:
            return None
        cell = row.cells.get(column.index)
        if cell is None:
            return None
        if cell.value is None:
            if column.role in ("amount", "count") and not is_blank_text(cell.text):
                raise Unreadable(table, row, column, cell.text)
            return None
        unit = table.unit
        return cell.value if unit is None or unit is Unit.WAN else to_wan(cell.value, unit)

    @staticmethod
    def unreadable(table: Table, row: Row | None, column: Column | None) -> bool:
        """True when the cell prints text that is not a number (:class:`Unreadable`)."""
        try:
            CheckContext.value(table, row, column)
        except Unreadable:
            return True
        return False

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
        rx = regex.compile(pattern)
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

    The one place that asks the recognition ledger whether a missing table is printed: an
    entry that names the table, else a title no alias matches but that comes close to the
    table's (:func:`~yusuan.recognize.titles.near_tables`: 国有资本预算财政拨款支出表 without
    经营), whether or not a table of no standard id stands under it.
    """
    if d.table(table_id) is not None:
        return None
    for e in d.unrecognized():
        if e.id is not None and e.id == table_id:
            return e
    for e in doubtful_titles(d):
        if any(t == table_id for t in near_tables(e.title)):
            return e
    return None


def doubtful_titles(d: Disclosure) -> list[PrintedTable]:
    """Printed titles that may be a misprint of another table's: titles no alias reads, titles
    read as a table the document's template family does not have (one misprinted word makes
    一般公共预算财政拨款支出表 read as Jiangsu's 财政拨款支出表), and the title of a second table
    read as a table already recognized."""
    family = set(family_of(d).required)
    out = [e for e in d.ledger if e.id is None or e.id not in family]
    seen: set[TableId] = set()
    for n, t in enumerate(d.tables):
        if t.id in seen and t.title.strip():
            out.append(PrintedTable(title=t.title, titled=True, table=n, source=t.source))
        seen.add(t.id)
    return out


def where_printed(e: PrintedTable) -> str:
    """``第5页印有标题“…”`` or ``目录列出“…”`` for a ledger entry."""
    page = f"第{e.source.page}页" if e.source.page else ""
    if e.titled:
        near = "（与该表标题相近）" if e.id is None or e.table is not None else ""
        return f"{page}印有标题“{e.title}”{near}"
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
