"""The building blocks of a rule: :class:`Rule`, :class:`Finding`, :class:`Location`.

A rule is one small class that carries its catalogue entry as class attributes
(``code``, ``name``, ``title``, ``severity``, ``tags``, ``basis``) and its
documentation as its docstring, in four sections: 检查什么 / 为什么重要 /
错误示例 / 正确写法.  Its family lists it in ``RULES`` (:mod:`yusuan.rules.registry`); codes are never reused.

``check`` yields findings and never raises for bad data.  A rule that does not
apply to the document raises :class:`NotApplicable`; one that cannot run (its
table is missing) raises :class:`CannotRun`; both with a reason in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from yusuan.amounts import Unit, plain, to_wan
from yusuan.model import Cell, Column, Row, Source, Table
from yusuan.records import Record
from yusuan.regex import lazy
from yusuan.rules.printed import Style, money, style_of
from yusuan.rules.printed import printed as printed_form

if TYPE_CHECKING:
    from yusuan.rules.context import CheckContext


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


class NotApplicable(Exception):
    """The rule does not concern this document (e.g. a 决算 rule on a 预算)."""


class CannotRun(Exception):
    """The rule concerns this document but lacks what it needs (e.g. a missing table)."""


class Location(Record):
    """Where a finding points: table, row, column, and the source position."""

    table: str | None = None
    table_title: str | None = None
    row_code: str | None = None
    row_item: str | None = None
    column: str | None = None
    section: str | None = None
    line: int | None = None
    page: int | None = None
    file: str | None = None  # the part of a multi-file package the page belongs to
    text: str | None = None

    @classmethod
    def at(
        cls,
        src: Source | None,
        *,
        table: str | None = None,
        table_title: str | None = None,
        row_code: str | None = None,
        row_item: str | None = None,
        column: str | None = None,
        section: str | None = None,
        text: str | None = None,
    ) -> Location:
        """A location at a source position (its line, page and file) with other fields."""
        return cls(
            table=table,
            table_title=table_title,
            row_code=row_code,
            row_item=row_item,
            column=column,
            section=section,
            line=src.line if src else None,
            page=src.page if src else None,
            file=src.file if src else None,
            text=text,
        )

    def describe(self) -> str:
        """A short Chinese description: 《title》 row 2010101 行政运行 · 列 基本支出 · 第 12 行."""
        parts = []
        if self.table_title:
            parts.append(f"《{self.table_title}》")
        row = " ".join(p for p in (self.row_code, self.row_item) if p)
        if row:
            parts.append(f"行“{row}”")
        if self.column:
            parts.append(f"列“{self.column}”")
        if self.page:
            parts.append(f"{self.file + ' ' if self.file else ''}第{self.page}页")
        elif self.line:
            parts.append(f"第{self.line}行")
        return " · ".join(parts)


class Finding(Record):
    """One defect found: an immutable value.

    ``expected``/``actual``/``difference`` are exact 万元 strings (or text); the ``*_printed``
    fields are the same amounts as the document prints them in ``unit`` (the unit of the cells
    the finding concerns: separators, the printed decimals), None when the amounts are not money
    of a table. ``title`` is the rule's Chinese title. ``id`` numbers the findings of a report;
    ``caused_by`` is the id of the finding whose ``suspect`` cell explains this one too
    (:mod:`yusuan.rules.grouping`)."""

    code: str
    name: str
    severity: Severity
    message: str
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    location: Location = Location()
    title: str | None = None
    unit: str | None = None
    expected_printed: str | None = None
    actual_printed: str | None = None
    difference_printed: str | None = None
    id: str | None = None
    caused_by: str | None = None
    suspect: Location | None = None


def cell_location(table: Table, row: Row | None = None, column: Column | None = None) -> Location:
    """The location of a table cell (or row, or table)."""
    cell: Cell | None = (
        row.cells.get(column.index) if row is not None and column is not None else None
    )
    src: Source = (
        cell.source if cell is not None else (row.source if row is not None else table.source)
    )
    return Location.at(
        src,
        table=table.id.value,
        table_title=table.title,
        row_code=row.code if row else None,
        row_item=row.item if row else None,
        column=column.key if column else None,
        section=row.section if row else None,
        text=cell.text if cell is not None else (row.label if row is not None else None),
    )


_DECIMALS = lazy(r"\.(\d+)")


def decimals_of(text: str | None) -> int | None:
    """Decimal places printed in ``text`` (``8.3`` → 1, ``163.00`` → 2, blank → None)."""
    if not text or not text.strip():
        return None
    m = _DECIMALS.search(text.replace(",", ""))
    return len(m.group(1)) if m else 0


def rounding_bound(printed: list[str | None]) -> Decimal:
    """Half a unit of the last printed digit, summed over the printed figures involved.

    A blank cell adds nothing: it carries no rounding.
    """
    places = [d for d in map(decimals_of, printed) if d is not None]
    return sum((_half_unit(d) for d in places), Decimal(0))


_HALF_UNITS: dict[int, Decimal] = {}


def _half_unit(places: int) -> Decimal:
    """Half a unit of the ``places``-th decimal (``2`` → 0.005), made once per ``places``."""
    found = _HALF_UNITS.get(places)
    if found is None:
        found = _HALF_UNITS[places] = Decimal(5) / Decimal(10) ** (places + 1)
    return found


def fmt(value: Decimal | None) -> str:
    """A plain number (万元 amounts of the narrative, percentages); table amounts go through
    :func:`yusuan.rules.printed.money` in the table's style."""
    return "空" if value is None else plain(value)


class _Unset(Enum):
    TOKEN = 0


#: ``unit`` not given to :meth:`Rule.mismatch`: the figures are not table money (a percentage, a
#: stated figure), printed plain as before.
UNSET: Final = _Unset.TOKEN


class Rule:
    """Base class of every rule. Subclasses set the catalogue attributes."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    tags: ClassVar[tuple[str, ...]] = ()
    basis: ClassVar[str] = ""
    retired: ClassVar[bool] = False

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------
    def finding(
        self,
        message: str,
        location: Location | Callable[[], Location] | None = None,
        *,
        expected: Decimal | str | None = None,
        actual: Decimal | str | None = None,
        severity: Severity | None = None,
        style: Style | None = None,
        expected_style: Style | None = None,
    ) -> Finding:
        """A finding of this rule. ``style``: how the table the amounts come from prints them
        (``expected_style`` when the expected figure comes from a table printing otherwise);
        the amounts are then also kept as printed (``*_printed``, ``unit``)."""
        if callable(location):
            location = location()
        exp = plain(expected) if isinstance(expected, Decimal) else expected
        act = plain(actual) if isinstance(actual, Decimal) else actual
        diff = (
            plain(actual - expected)
            if isinstance(expected, Decimal) and isinstance(actual, Decimal)
            else None
        )
        unit: str | None = None
        exp_shown: str | None = None
        act_shown: str | None = None
        diff_shown: str | None = None
        if style is not None:
            # one ``unit`` field: an expected figure printed in another unit is in the message only
            same_unit = expected_style is None or expected_style.shown_unit is style.shown_unit
            unit = style.unit.value if style.unit else None
            if isinstance(expected, Decimal) and same_unit:
                exp_shown = printed_form(expected, expected_style or style)
            if isinstance(actual, Decimal):
                act_shown = printed_form(actual, style)
            if isinstance(expected, Decimal) and isinstance(actual, Decimal):
                diff_shown = printed_form(actual - expected, style)
        return Finding(
            code=self.code,
            name=self.name,
            title=self.title or None,
            severity=severity or self.severity,
            message=message,
            expected=exp,
            actual=act,
            difference=diff,
            location=location or Location(),
            unit=unit,
            expected_printed=exp_shown,
            actual_printed=act_shown,
            difference_printed=diff_shown,
        )

    def mismatch(
        self,
        message: str,
        expected: Decimal,
        actual: Decimal,
        printed: list[str | None],
        location: Location | Callable[[], Location] | None = None,
        *,
        unit: Unit | Literal[_Unset.TOKEN] | None = UNSET,
    ) -> Finding | None:
        """A finding when ``actual`` differs from ``expected`` (both in 万元); None when equal.

        A difference within the rounding bound of the printed figures (half a
        unit of the last printed digit per figure, the figures printed in
        ``unit``, 万元 by default) is info; beyond it, the rule's own severity.
        Given ``unit`` (the table's, None when it names none), the figures are table
        money: the message shows them as the table prints them (:mod:`yusuan.rules.printed`);
        without it (a percentage, a stated figure), as plain numbers.
        """
        diff = actual - expected
        if diff == 0:
            return None
        table_unit = None if unit is UNSET else unit
        within = abs(diff) <= to_wan(rounding_bound(printed), table_unit or Unit.WAN)
        style = None if unit is UNSET else style_of(table_unit, printed)
        if style is None:
            text = f"{message}：应为 {fmt(expected)}，实为 {fmt(actual)}，相差 {fmt(diff)}"
        else:
            text = (
                f"{message}：应为 {money(expected, style)}，实为 {money(actual, style)}，"
                f"相差 {money(diff, style, beside=False)}"
            )
        if within:
            text += "（在四舍五入误差之内）"
        if callable(location):  # built only now: most comparisons find nothing
            location = location()
        return self.finding(
            text,
            location,
            expected=expected,
            actual=actual,
            severity=Severity.INFO if within else None,
            style=style,
        )
