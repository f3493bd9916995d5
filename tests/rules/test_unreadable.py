"""An amount cell that prints something but no number is unreadable: not blank, not 0.

No rule that sums or compares counts it; the comparisons it takes part in are not made, the
others are, and YS610 names the cell.  A figure in full-width digits or point is one
unambiguous number: it is read, and YS610 warns about the print.  Generated variants: every
kind of misprint (``support.unreadable.KINDS``) at leaf, subtotal, total and cross-table
positions, and a hypothesis sample of all amount cells (the full run is
``bench/unreadable_cells.py``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.rules import parse, reference
from support.unreadable import (
    KINDS,
    WIDE,
    AmountCell,
    accusations,
    amount_cells,
    named,
    new_findings,
    planted,
)
from yusuan.amounts import is_blank_text, parse_amount, plain
from yusuan.check import check
from yusuan.facts import facts
from yusuan.model import TableId
from yusuan.rules.base import Severity
from yusuan.rules.context import CheckContext, Unreadable

CELLS = amount_cells()


def cell(table: str, row: str, column: str) -> AmountCell:
    return next(c for c in CELLS if (c.table, c.row, c.column) == (table, row, column))


#: Where an unreadable cell sits: a leaf (项), a subtotal (款, 类), a table total, a total of a
#: two-sided table, and cells other tables are compared with (基本支出表 类, 三公 item).
POSITIONS = {
    "leaf": cell("expenditure", "2010101 行政运行", "基本支出"),
    "leaf-total-column": cell("revenue", "2010101 行政运行", "合计"),
    "subtotal-kuan": cell("gpb_expenditure", "20101 人大事务", "合计"),
    "subtotal-lei": cell("expenditure", "208 社会保障和就业支出", "合计"),
    "table-total": cell("revenue", "合计", "小计"),
    "two-sided-total": cell("fiscal_summary", "本年支出合计", "一般公共预算财政拨款"),
    "two-sided-item": cell("summary", "一般公共预算拨款收入", "预算数"),
    "cross-basic-class": cell("gpb_basic", "301 工资福利支出", "合计"),
    "cross-three-public": cell("three_public", "公务接待费", "一般公共预算财政拨款"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("where", sorted(POSITIONS))
def test_unreadable_cell_accuses_nothing_and_is_named(where: str, kind: str) -> None:
    at = POSITIONS[where]
    report = check(parse(planted(at, KINDS[kind](at.text))))
    assert accusations(report, at) == []
    assert named(report, at), [f.location for f in report.findings if f.code == "YS610"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=st.sampled_from(CELLS), kind=st.sampled_from(sorted(KINDS)))
def test_any_amount_cell_any_kind(at: AmountCell, kind: str) -> None:
    if (
        at.table == "assets"
        and at.row == "资产总额"
        and not any(ch.isdigit() for ch in KINDS[kind](at.text))
    ):
        # a first body row whose one figure is a word (待定, XX) reads as a second header row:
        # nothing tells it from one (bench/unreadable_cells.py lists it)
        return
    report = check(parse(planted(at, KINDS[kind](at.text))))
    assert accusations(report, at) == []
    assert named(report, at)


def test_the_same_cell_readable_fires_the_arithmetic() -> None:
    """Near miss: the cell misprinted as a wrong number (322.19) is an error at the sums, the
    same cell unreadable (322。91) is not — so the silence above is not a rule that stopped."""
    at = POSITIONS["leaf"]
    wrong = check(parse(planted(at, "322.19")))
    assert {f.code for f in wrong.findings if f.severity is Severity.ERROR} >= {"YS101", "YS202"}
    unreadable = check(parse(planted(at, "322。91")))
    assert not [f for f in unreadable.findings if f.code in ("YS101", "YS202", "YS302")]


def test_other_comparisons_still_run() -> None:
    """One unreadable cell stops only the comparisons it takes part in: a wrong figure in
    another table of the same document is still an error at its row."""
    at = POSITIONS["leaf"]
    text = planted(at, "待定")
    other = cell("gpb_expenditure", "2210201 住房公积金", "合计")
    lines = text.split("\n")
    lines[other.line - 1] = "\t32.00"
    report = check(parse("\n".join(lines)))
    hits = [
        f
        for f in report.findings
        if f.code == "YS202"
        and f.location.table == "gpb_expenditure"
        and f.severity is Severity.ERROR
    ]
    assert hits and hits[0].location.row_code == "22102"
    assert named(report, at)


def test_a_rule_that_needs_the_cell_says_it_could_not_run_naming_it() -> None:
    """YS305 makes one comparison, 收支总表 本年支出合计 against 支出总表 合计: with that total
    unreadable it could not run, and its reason names the cell and its line."""
    at = cell("expenditure", "合计", "合计")
    report = check(parse(planted(at, "593.58万元")), select=["YS305"])
    (cov,) = report.coverage
    assert cov.status == "could_not_run"
    assert "“593.58万元”不能读作金额" in (cov.reason or "")
    assert f"第{at.line}行" in (cov.reason or "") and "合计" in (cov.reason or "")
    assert not report.findings


@pytest.mark.parametrize("where", ["leaf", "table-total", "cross-three-public"])
def test_full_width_figure_is_read_and_warned(where: str) -> None:
    at = POSITIONS[where]
    d = parse(planted(at, at.text.translate(WIDE)))
    assert facts(d) == facts(reference())
    report = check(d)
    extra = new_findings(report, (Severity.ERROR, Severity.WARNING))
    assert [(f.code, f.severity, f.location.line) for f in extra] == [
        ("YS610", Severity.WARNING, at.line)
    ]
    assert f"已按 {plain(Decimal(at.text))} 读取" in extra[0].message


def test_a_table_holding_only_an_unreadable_figure_is_not_empty() -> None:
    """空表: a table whose one figure is unreadable prints something: YS502 does not call it
    empty, and the cross rules do not count it as 0."""
    at = cell("three_public", "公务用车运行维护费", "合计")
    d = parse(planted(at, "待定"))
    t = d.table(TableId.THREE_PUBLIC)
    assert t is not None and not t.is_empty
    assert not [
        f for f in check(d, select=["YS502"]).findings if f.location.table == "three_public"
    ]


def test_value_tells_unreadable_from_blank() -> None:
    d = parse(planted(POSITIONS["leaf"], "XX"))
    t = d.table(TableId.EXPENDITURE)
    assert t is not None
    col = next(c for c in t.columns if c.key == "基本支出")
    leaf = next(r for r in t.rows if r.code == "2010101")
    blank = next(r for r in t.rows if r.code == "2010102")  # 基本支出 printed blank
    assert CheckContext.value(t, blank, col) is None and not CheckContext.unreadable(t, blank, col)
    assert CheckContext.unreadable(t, leaf, col)
    with pytest.raises(Unreadable) as exc:
        CheckContext.amount(t, leaf, col)
    assert (
        exc.value.location.row_code == "2010101"
        and exc.value.location.line == POSITIONS["leaf"].line
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("322．91", "322.91"),
        ("３２２．９１", "322.91"),
        ("1，234．50", "1234.50"),
        ("－５．００", "-5.00"),
    ],
)
def test_full_width_amounts_parse(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["322。91", "593.58万元", "待定", "3O2.91", "XX", "*"])
def test_misprints_are_neither_numbers_nor_blank(text: str) -> None:
    assert not is_blank_text(text)
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize("text", ["", " ", "-", "—", "——", "/", "／", "－"])
def test_blanks_are_blank(text: str) -> None:
    assert is_blank_text(text) and parse_amount(text) is None


@pytest.mark.parametrize("kind", ["ideographic-point", "unit-inside", "stray-mark", "letter-o"])
def test_misprinted_figure_keeps_its_row_in_the_body(kind: str) -> None:
    """The first row under a header whose one figure is misprinted (155。59, 155.59万元) is
    still a body row, not a second header row: the table keeps its 资产总额 row and YS610
    names the cell."""
    at = cell("assets", "资产总额", "价值（金额单位：万元）")
    d = parse(planted(at, KINDS[kind](at.text)))
    t = d.table(TableId.ASSETS)
    assert t is not None and t.rows[0].item == "资产总额"
    assert named(check(d), at)
