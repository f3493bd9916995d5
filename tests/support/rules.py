"""Helpers for rule tests: mutate the reference text, re-parse, run one rule.

A rule test is a :class:`Case`: a ``bad`` edit of the reference text on which
the rule must fire (with an error or warning, unless ``severity`` says
otherwise), and a ``good`` edit (by default none: the reference itself) on
which it must stay silent.  Editing the text export and parsing it again makes
every bad document a real document, read by the real reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from support import REFERENCE
from yusuan.check import check
from yusuan.model import Disclosure, Row, TableId
from yusuan.read.text import parse_text
from yusuan.recognize import recognize
from yusuan.rules.base import Finding, Severity

REF_TEXT = REFERENCE.read_text(encoding="utf-8")
REF_LINES = REF_TEXT.split("\n")

Edit = Callable[[str], str]


def same(text: str) -> str:
    return text


@lru_cache(maxsize=512)
def parse(text: str) -> Disclosure:
    """Parse export text (as the text reader and recognizer do for a file)."""
    return recognize(parse_text(text))


def reference() -> Disclosure:
    return parse(REF_TEXT)


def findings(code: str, text: str) -> list[Finding]:
    """Findings of one rule on a document given as export text."""
    return [f for f in check(parse(text), select=[code]).findings if f.code == code]


def coverage_status(code: str, text: str) -> str:
    report = check(parse(text), select=[code])
    return next(c.status for c in report.coverage if c.code == code)


# -- edits ---------------------------------------------------------------------------
def replace(old: str, new: str, count: int = 1) -> Edit:
    """An edit replacing the first ``count`` occurrences of ``old`` (which must occur)."""

    def edit(text: str) -> str:
        assert old in text, f"edit target not in text: {old!r}"
        return text.replace(old, new, count)

    return edit


def set_line(line: int, new: str) -> Edit:
    """An edit setting 1-based ``line`` to ``new`` (a cell line keeps its TAB)."""

    def edit(text: str) -> str:
        lines = text.split("\n")
        lines[line - 1] = ("\t" + new) if lines[line - 1].startswith("\t") else new
        return "\n".join(lines)

    return edit


def coded_row(table: str, code: str) -> Row:
    """The reference's row of ``code`` in ``table``."""
    t = reference().table(table)
    assert t is not None
    return next(r for r in t.rows if r.code == code)


def set_code(table: str, code: str, new: str) -> Edit:
    """An edit printing ``new`` as the code of ``code``'s row in ``table``."""
    row = coded_row(table, code)
    assert row.source.line is not None and REF_LINES[row.source.line].strip() == code
    return set_line(row.source.line + 1, new)


def set_name(table: str, code: str, new: str) -> Edit:
    """An edit printing ``new`` as the name of ``code``'s row in ``table``."""
    row = coded_row(table, code)
    assert row.source.line is not None and REF_LINES[row.source.line + 1].strip() == row.item
    return set_line(row.source.line + 2, new)


def cell_line(
    table: TableId | str,
    column: str,
    code: str | None = None,
    item: str | None = None,
    section: str | None = None,
) -> int:
    """The reference line of a cell, found by table, row code or item, and column key."""
    t = reference().table(table)
    assert t is not None, table
    col = next(
        c for c in t.columns if c.key == column and (section is None or c.section == section)
    )
    for r in t.rows:
        if (
            (code is None or r.code == code)
            and (item is None or r.item == item)
            and (section is None or r.section == section)
        ):
            cell = r.cells.get(col.index)
            if cell is not None and cell.source.line:
                return cell.source.line
    raise AssertionError(f"no cell {table} {code} {item} {column}")


def set_cell(
    table: TableId | str,
    column: str,
    value: str,
    code: str | None = None,
    item: str | None = None,
    section: str | None = None,
) -> Edit:
    """An edit setting one table cell of the reference to ``value``."""
    return set_line(cell_line(table, column, code, item, section), value)


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for e in edits:
            text = e(text)
        return text

    return edit


#: The :class:`~yusuan.rules.base.Location` fields a located case may name.
AT_FIELDS = ("table", "row_code", "row_item", "column", "section", "line", "page")


@dataclass(frozen=True)
class Case:
    """A rule shown firing on ``bad`` and silent on ``good`` and on the near miss ``near``.

    ``at`` is where the finding must point: :class:`Location` fields (``table``,
    ``row_code``, ``row_item``, ``column``, ``section``, ``line``, ``page``) with their
    expected values; a case is located when one firing finding has them all.  ``near``
    is the edit that almost triggers the rule (a difference inside the rounding bound,
    the right word, the note present): the rule must stay silent on it.  The silent
    checks count INFO findings too when the rule itself reports INFO.
    """

    code: str
    bad: Edit
    good: Edit = same
    severity: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING)
    id: str = field(default="")
    at: dict[str, str | int | None] | None = field(default=None, compare=False, hash=False)
    near: Edit | None = None

    def __str__(self) -> str:
        return f"{self.code}{'-' + self.id if self.id else ''}"


def located(f: Finding, at: dict[str, str | int | None]) -> bool:
    """``f`` points where ``at`` says."""
    assert set(at) <= set(AT_FIELDS), set(at) - set(AT_FIELDS)
    return all(getattr(f.location, k) == v for k, v in at.items())


def silent_severities(code: str) -> tuple[Severity, ...]:
    """What counts as firing on a good document: errors and warnings, and INFO for a rule
    whose own severity is INFO (otherwise its silent half could never fail)."""
    from yusuan.rules import get_rule

    rule = get_rule(code)
    assert rule is not None, code
    if rule.severity is Severity.INFO:
        return (Severity.ERROR, Severity.WARNING, Severity.INFO)
    return (Severity.ERROR, Severity.WARNING)


def assert_case(case: Case) -> None:
    bad = findings(case.code, case.bad(REF_TEXT))
    firing = [f for f in bad if f.severity in case.severity]
    assert firing, f"{case.code} did not fire: {bad}"
    if case.at is not None:
        assert any(located(f, case.at) for f in firing), (
            f"{case} fired elsewhere: want {case.at}, got "
            f"{[f.location.model_dump(exclude_none=True) for f in firing]}"
        )
    counted = silent_severities(case.code)
    silent = [("good", case.good)] + ([("near", case.near)] if case.near is not None else [])
    for label, edit in silent:
        loud = [f for f in findings(case.code, edit(REF_TEXT)) if f.severity in counted]
        assert not loud, f"{case.code} fired on the {label} document: {loud}"


def nudge(
    table: TableId | str,
    column: str,
    by: str = "0.01",
    code: str | None = None,
    item: str | None = None,
    section: str | None = None,
) -> Edit:
    """An edit moving one reference cell by ``by`` (a near miss: inside the rounding bound)."""
    line = cell_line(table, column, code, item, section)
    printed = REF_LINES[line - 1].strip()
    places = len(printed.split(".")[1]) if "." in printed else 2
    value = Decimal(printed.replace(",", "") or "0") + Decimal(by)
    return set_line(line, f"{value:.{places}f}")
