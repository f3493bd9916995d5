"""Unreadable amount cells planted in the reference: the kinds of misprint, every amount cell,
and what a check may say about the planted document.

An amount cell that prints something but no number is *unreadable*: not blank, not 0.  No sum
or comparison may count it; YS610 names the cell (``tests/rules/test_unreadable.py``, the
full run ``bench/unreadable_cells.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from support.rules import REF_LINES, REF_TEXT, parse, reference
from yusuan.check import Report, check
from yusuan.rules.base import Finding, Severity

#: How an amount gets misprinted so that it cannot be read, each as a function of the printed
#: figure: a sentence full stop as the decimal point, the unit inside the cell, a word in place
#: of the figure, a stray mark after it, a letter O for a zero, a placeholder.
KINDS: dict[str, Callable[[str], str]] = {
    "ideographic-point": lambda v: v.replace(".", "。") if "." in v else v + "。",
    "unit-inside": lambda v: v + "万元",
    "word": lambda v: "待定",
    "stray-mark": lambda v: v + "*",
    "letter-o": lambda v: v.replace("0", "O", 1) if "0" in v else "O" + v,
    "placeholder": lambda v: "XX",
}
#: Full-width forms of the same figure: unambiguous, read as the number (YS610 warns).
WIDE = str.maketrans("0123456789.", "０１２３４５６７８９．")

#: Rules that may speak about the planted cell itself: YS610 (not a number), YS605 (a
#: placeholder left in the document).
ABOUT_THE_CELL = frozenset({"YS610", "YS605"})


@dataclass(frozen=True)
class AmountCell:
    """An amount cell of the reference: its table, row, column and the line it is printed on."""

    table: str
    row: str
    column: str
    line: int  # 1-based line of the text export
    text: str

    def __str__(self) -> str:
        return f"{self.table}/{self.row}/{self.column}@{self.line}"


def amount_cells() -> list[AmountCell]:
    """Every amount cell of the reference that prints a figure."""
    out = []
    for t in reference().tables:
        cols = {c.index: c for c in t.columns if c.role == "amount"}
        for r in t.rows:
            for i, cell in r.cells.items():
                if i in cols and cell.value is not None and cell.source.line is not None:
                    row = " ".join(p for p in (r.code, r.item) if p)
                    out.append(
                        AmountCell(t.id.value, row, cols[i].key, cell.source.line, cell.text)
                    )
    return out


def planted(cell: AmountCell, text: str) -> str:
    """The reference text with ``cell`` printing ``text``."""
    lines = list(REF_LINES)
    assert lines[cell.line - 1].strip() == cell.text, cell
    lines[cell.line - 1] = "\t" + text
    return "\n".join(lines)


def _key(f: Finding) -> tuple[object, ...]:
    """A finding by rule, severity and place (its message may quote the planted text)."""
    at = f.location
    return f.code, f.severity, at.table, at.row_code, at.row_item, at.column, at.line, at.page


def reference_report() -> Report:
    return check(parse(REF_TEXT))


def new_findings(report: Report, severities: tuple[Severity, ...]) -> list[Finding]:
    """Findings of ``report`` (of those severities) that the reference itself does not get."""
    before = {_key(f) for f in reference_report().findings}
    return [f for f in report.findings if f.severity in severities and _key(f) not in before]


def accusations(report: Report, cell: AmountCell) -> list[Finding]:
    """Errors and warnings the planted document gets beyond the reference's, except those
    about the cell itself (YS610/YS605 at its line)."""
    return [
        f
        for f in new_findings(report, (Severity.ERROR, Severity.WARNING))
        if not (f.code in ABOUT_THE_CELL and f.location.line in (cell.line, None))
    ]


def named(report: Report, cell: AmountCell) -> bool:
    """YS610 names the cell: its table, column and line."""
    return any(
        f.code == "YS610"
        and f.location.line == cell.line
        and f.location.table == cell.table
        and f.location.column == cell.column
        for f in report.findings
    )
