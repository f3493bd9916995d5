"""YS8xx: layout of the published PDF (pages that do not extract, blank pages).

Each case builds a small PDF here (tests/pdf_maker.py): a bad one the rule must
fire on and a good one it must stay silent on, both read by the real reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.pdf_maker import Page, write_pdf
from yusuan.api import load
from yusuan.check import check
from yusuan.rules.base import Severity

Pages = Callable[[], list[Page]]


def table_page(title: str = "部门收入总表", meta: str = "单位：万元") -> Page:
    page = Page().text(50, 50, title, 16).text(50, 80, meta)
    page.grid([50.0, 200.0, 300.0], [100.0, 120.0, 140.0])
    return (
        page.text(55, 105, "项目")
        .text(205, 105, "金额")
        .text(55, 125, "合计")
        .text(205, 125, "8.00")
    )


def text_page(unmapped: bool = False) -> Page:
    page = Page().text(50, 50, "一、部门收支情况说明")
    return (
        page.text(50, 80, "XYZW", unmapped=True) if unmapped else page.text(50, 80, "收入8万元。")
    )


def with_image(page: Page) -> Page:
    """``page`` with an image drawn over it as well (a stamp, a logo, a scan under its text)."""
    page.image = True
    return page


def empty_grid() -> Page:
    """A page holding a ruled grid and nothing else (no text, no image)."""
    return Page().grid([50.0, 200.0, 300.0], [100.0, 120.0, 140.0])


def unit_in_header(head: str, title: str = "部门支出总表") -> Page:
    """A ``title`` table with no unit line above it, its amount column headed ``head``."""
    page = Page().text(50, 50, title, 16).text(50, 80, "部门：某局")
    page.grid([50.0, 200.0, 300.0], [100.0, 120.0, 140.0])
    return (
        page.text(55, 105, "项目").text(205, 105, head).text(55, 125, "合计").text(205, 125, "8.00")
    )


@dataclass(frozen=True)
class Case:
    """A rule shown firing on the ``bad`` PDF and silent on the ``good`` one and on the near
    miss ``near`` (the PDF one step from ``bad``)."""

    code: str
    bad: Pages
    good: Pages
    page: int
    near: Pages | None = None

    def __str__(self) -> str:
        return self.code


CASES = [
    Case(
        "YS801",
        lambda: [table_page(), text_page(unmapped=True)],
        lambda: [table_page(), text_page()],
        2,
    ),
    Case(  # near miss: an image over a page that has its text layer
        "YS801",
        lambda: [table_page(), Page(image=True)],
        lambda: [table_page()],
        2,
        near=lambda: [table_page(), with_image(text_page())],
    ),
    Case(  # near miss: a page with nothing but ruling lines is not blank
        "YS802",
        lambda: [table_page(), Page(), text_page()],
        lambda: [table_page(), text_page()],
        2,
        near=lambda: [table_page(), empty_grid(), text_page()],
    ),
]


def findings(tmp_path: Path, name: str, pages: list[Page], code: str) -> list[object]:
    d = load(write_pdf(tmp_path / f"{name}.pdf", pages))
    return [f for f in check(d, select=[code]).findings if f.code == code]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case, tmp_path: Path) -> None:
    bad = findings(tmp_path, "bad", case.bad(), case.code)
    assert bad, f"{case.code} did not fire"
    assert all(f.severity is Severity.WARNING for f in bad)  # type: ignore[attr-defined]
    assert [f.location.page for f in bad] == [case.page]  # type: ignore[attr-defined]
    assert not findings(tmp_path, "good", case.good(), case.code)
    if case.near is not None:
        assert not findings(tmp_path, "near", case.near(), case.code)


def test_not_applicable_to_other_formats() -> None:
    from support.rules import reference

    report = check(reference(), select=["YS801", "YS802"])
    assert {c.status for c in report.coverage} == {"not_applicable"}


def unitless_page() -> Page:
    return table_page("部门支出总表", "部门：某局")


CASES.append(
    Case(  # near miss: the unit only in brackets after the amount header
        "YS803",
        lambda: [table_page(), unitless_page()],
        lambda: [table_page(), table_page()],
        2,
        near=lambda: [table_page(), unit_in_header("金额（万元）")],
    )
)


def test_table_without_unit_is_read_in_the_documents_unit(tmp_path: Path) -> None:
    d = load(write_pdf(tmp_path / "unitless.pdf", [table_page(), unitless_page()]))
    revenue, expenditure = d.tables
    assert (revenue.unit_text, revenue.unit and revenue.unit.value) == ("单位：万元", "万元")
    assert (expenditure.unit_text, expenditure.unit and expenditure.unit.value) == (None, "万元")


@pytest.mark.parametrize(
    ("head", "unit", "stated"),
    [
        ("金额（万元）", "万元", True),
        ("预算数(元)", "元", True),  # read in 元, not in the 万元 of the other table
        ("价值（金额单位：元）", "元", True),
        ("单价（元）", "万元", False),  # a per-item figure's unit is not the table's
        ("金额", "万元", False),
    ],
)
def test_unit_in_brackets_after_the_header_is_the_tables(
    tmp_path: Path, head: str, unit: str, stated: bool
) -> None:
    """金额（万元） in the header states the table's unit: read in it, no YS803 warning; with no
    unit stated the table is read in the other table's unit and YS803 warns."""
    pages = [table_page(), unit_in_header(head)]
    expenditure = load(write_pdf(tmp_path / "bracketed.pdf", pages)).tables[1]
    assert expenditure.unit is not None and expenditure.unit.value == unit
    assert (expenditure.unit_text is not None) is stated
    assert bool(findings(tmp_path, "check", pages, "YS803")) is not stated


def test_unit_in_the_title_is_the_tables(tmp_path: Path) -> None:
    """部门支出总表（单位：元）: the title states the unit (read in 元, no YS803 warning)."""
    pages = [table_page(), unit_in_header("金额", "部门支出总表（单位：元）")]
    d = load(write_pdf(tmp_path / "titled.pdf", pages))
    expenditure = d.tables[1]
    assert (expenditure.unit_text, expenditure.unit and expenditure.unit.value) == (
        "部门支出总表（单位：元）",
        "元",
    )
    assert expenditure.id.value == "expenditure"
    assert check(d, select=["YS803"]).findings == ()
