"""A row whose 科目编码 cell is misprinted (YS206 reports the code) is still matched across
tables by the code it stands for: its nearest valid code above plus its own lower parts, with
the same name as the other table's row.  Layout class: a misprinted 类 cell (“7-11-02” printed
under 210 / 21011), found on a real 单位预算; no cross-table rule counts the printed amount 0."""

from __future__ import annotations

import pytest

from support.rules import REF_TEXT, chain, findings, parse, set_cell, set_code, set_name
from yusuan.check import check
from yusuan.model import TableId
from yusuan.rules.base import Severity
from yusuan.rules.cross.twins import coded_with_twins

# the 类 cell misprinted, the 款/项 parts kept (a dash-joined split code, a letter for a digit)
MISPRINTS = ("1-01-01", "7-01-01", "2O10101", "201-01-01", "2-01-01")


def loud(code: str, text: str) -> list[str]:
    return [
        f.message for f in findings(code, text) if f.severity in (Severity.ERROR, Severity.WARNING)
    ]


@pytest.mark.parametrize("printed", MISPRINTS)
def test_misprinted_class_cell_is_matched_by_its_twin(printed: str) -> None:
    text = set_code("expenditure", "2010101", printed)(REF_TEXT)
    d = parse(text)
    exp = d.table(TableId.EXPENDITURE)
    assert exp is not None
    row = coded_with_twins(exp)["2010101"]
    assert row.code == printed and row.item == "行政运行"  # the printed code is kept
    assert loud("YS301", text) == []  # was: “2010101 行政运行 … 应为 322.91 实为 0”
    assert loud("YS302", text) == []
    # the code itself is still reported, by the rule whose finding it is
    assert any(f"“{printed}”" in m for m in loud("YS206", text))


def test_misprinted_row_with_another_amount_still_fires() -> None:
    """Near miss: matched by its twin, the row's amount is compared — and differs."""
    bad = chain(
        set_code("expenditure", "2010101", "1-01-01"),
        set_cell("expenditure", "合计", "323.91", code="2010101"),
    )(REF_TEXT)
    msgs = loud("YS301", bad)
    assert any("2010101 行政运行" in m and "322.91" in m and "323.91" in m for m in msgs), msgs


def test_misprinted_row_with_another_name_is_not_its_twin() -> None:
    """Near miss: a malformed code under the right 款 but naming another 科目 is not matched
    (the 2010101 of the other table counts 0 here, as before)."""
    bad = chain(
        set_code("expenditure", "2010101", "1-01-01"),
        set_name("expenditure", "2010101", "机关服务"),
    )(REF_TEXT)
    assert any("2010101" in m for m in loud("YS301", bad))


def test_social_security_row_with_misprinted_class_cell() -> None:
    """YS313 reads 30113 住房公积金 against the 2210201 row even when its 类 cell is misprinted;
    with another amount in that row it still fires."""
    misprint = set_code("gpb_expenditure", "2210201", "1-02-01")
    assert loud("YS313", misprint(REF_TEXT)) == []
    bad = chain(misprint, set_cell("gpb_expenditure", "基本支出", "32.00", code="2210201"))
    msgs = loud("YS313", bad(REF_TEXT))
    assert any("30113" in m and "32.00" in m for m in msgs), msgs


def test_reference_unchanged() -> None:
    report = check(parse(REF_TEXT), select=["YS301", "YS302", "YS313"])
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []
