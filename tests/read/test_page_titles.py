"""A section title printed as a centred line in body size, alone at the top of its page, one
section per page (a budget template printed to PDF: “上海市普陀区财政局机构设置”, “名词解释”),
is a heading of the 情况说明; centred or short lines elsewhere are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.pdf_maker import WIDTH, Page, write_pdf
from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.read.pdf import read_pdf
from yusuan.recognize.document import recognize

SIZE = 12.0
BODY = (
    "上海市普陀区某局部门预算包括本部以及下属0家预算单位的综合收支计划，本部门中，行政单位1家，"
    "事业单位0家，具体包括本部。"
)
GLOSSARY = (
    "（一）基本支出预算：区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务"
    "而编制的年度基本支出计划。"
)


def _body(page: Page, top: float, text: str) -> float:
    """``text`` as full-width lines from ``top`` (42 characters a line); the next top."""
    for k in range(0, len(text), 40):
        page.text(56, top, text[k : k + 40], SIZE)
        top += SIZE + 8
    return top


def _page(title: str, body: str, *, x: float | None = None, top: float = 60.0) -> Page:
    page = Page()
    left = (WIDTH - len(title) * SIZE) / 2 if x is None else x
    page.text(left, top, title, SIZE)
    _body(page, top + 30, body)
    return page


def _read(tmp_path: Path, pages: list[Page]) -> Disclosure:
    cover = Page().text(200, 300, "上海市普陀区某局", 22).text(200, 340, "2025年部门预算", 22)
    return recognize(read_pdf(write_pdf(tmp_path / "titles.pdf", [cover, *pages])))


def _sections(d: Disclosure) -> list[str]:
    return [s.title for s in d.narrative.sections if s.title]


@pytest.mark.parametrize("unit", ["上海市普陀区某局", "XX（部门）"])
def test_centred_page_top_titles_are_headings(tmp_path: Path, unit: str) -> None:
    pages = [_page(f"{unit}机构设置", BODY), _page("名词解释", GLOSSARY)]
    d = _read(tmp_path, pages)
    assert _sections(d) == [f"{unit}机构设置", "名词解释"]
    report = check(d, select=["YS504", "YS512"])
    assert [c.status for c in report.coverage] == ["ran", "ran"]
    assert not [f for f in report.findings if f.severity.value != "info"]


@pytest.mark.parametrize(
    ("x", "top", "title"),
    [
        (56.0, 60.0, "名词解释"),  # at the top but flush left: a line of text
        (None, 400.0, "名词解释"),  # centred but under the body: not the page's first line
        (None, 60.0, "名词解释如下，共四项。"),  # centred at the top but a sentence
    ],
)
def test_other_short_lines_are_not_headings(
    tmp_path: Path, x: float | None, top: float, title: str
) -> None:
    """Near misses: the line is kept as a paragraph, not a heading."""
    page = Page()
    if top > 60:  # body first, the centred line below it
        _body(page, 60, BODY)
        page.text((WIDTH - len(title) * SIZE) / 2, top, title, SIZE)
    else:
        left = (WIDTH - len(title) * SIZE) / 2 if x is None else x
        page.text(left, top, title, SIZE)
        _body(page, top + 30, BODY)
    d = _read(tmp_path, [page])
    assert _sections(d) == []
    assert title in [p.text for s in d.narrative.sections for p in s.paragraphs]
