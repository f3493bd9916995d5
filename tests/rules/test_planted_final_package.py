"""Defects planted, one at a time, in the whole small corpus 决算 package (中共上海市普陀区委
社会工作部 2024, 24 pages: its tables on pp. 5–16 and its own 情况说明 on pp. 17–20).

The PDF is read once; each test plants one defect in a copy of the read paragraphs (the same
way as the other planted tests: the raw blocks are edited, no edited PDF is kept) and checks
that the one rule for it reports it, at the page the defect is printed on, while the package
as published gets no finding from that rule.
"""

from __future__ import annotations

import copy
from functools import cache

import pytest

from support import DATA
from yusuan.check import check
from yusuan.model import Disclosure, Source
from yusuan.read import read_path
from yusuan.read.raw import RawDocument, RawParagraph
from yusuan.recognize import recognize
from yusuan.rules.base import Severity

PACKAGE = DATA / "shanghai-putuo-2024-shehui-gongzuobu-dept-final.pdf"
LOUD = (Severity.ERROR, Severity.WARNING)


@cache
def _read() -> tuple[RawDocument, Source]:
    return read_path(PACKAGE)


def planted(old: str = "", new: str = "") -> Disclosure:
    """The package with ``old`` replaced by ``new`` in the one paragraph printing ``old``."""
    raw, source = _read()
    blocks = copy.deepcopy(list(raw.blocks))
    if old:
        hit = [b for b in blocks if isinstance(b, RawParagraph) and old in b.text]
        assert len(hit) == 1, f"{old!r} is printed in {len(hit)} paragraphs"
        hit[0].text = hit[0].text.replace(old, new, 1)
    return recognize(RawDocument(blocks, raw.format), source)


# (rule, printed text, planted text, page of the defect, table the finding names)
PLANTS = [
    # the comparison word reversed: 决算 307.82 < 全年预算 321.02, the text says 大于
    ("YS425", "决算数小于预算数的主要原因：人员", "决算数大于预算数的主要原因：人员", 18, None),
    # a stated total changed to 0 (收入支出总计, then 财政拨款收入支出总计)
    ("YS424", "年度收入支出总计307.82万元", "年度收入支出总计0万元", 17, "summary"),
    (
        "YS424",
        "财政拨款收入支出总计 307.82 万元",
        "财政拨款收入支出总计 0 万元",
        17,
        "fiscal_summary",
    ),
    # the text states a 三公 年初预算 while the table's 预算数 cells are blank: reported at the
    # table (p. 14), its message naming the sentence's page
    (
        "YS426",
        "2024年度无“三公”经费财政拨款支出。",
        "2024年度“三公”经费财政拨款支出年初预算为1.50万元，支出决算为0万元。",
        14,
        "three_public",
    ),
    # the 2018 name of 科目 210 (renamed 卫生健康支出 in 2019) in the prose
    ("YS427", "卫生健康支出（类）2.71万元", "医疗卫生与计划生育支出（类）2.71万元", 18, None),
]


@pytest.mark.parametrize("code", sorted({p[0] for p in PLANTS}))
def test_the_package_as_published_is_clean(code: str) -> None:
    report = check(planted(), select=[code])
    # YS426 has nothing to compare: the text states no 三公 budget (the department had none)
    assert [c.status for c in report.coverage] == ["not_applicable" if code == "YS426" else "ran"]
    assert [f for f in report.findings if f.severity in LOUD] == []


@pytest.mark.parametrize(("code", "old", "new", "page", "table"), PLANTS)
def test_planted_defect_is_reported_at_its_page(
    code: str, old: str, new: str, page: int, table: str | None
) -> None:
    loud = [f for f in check(planted(old, new), select=[code]).findings if f.severity in LOUD]
    assert len(loud) == 1, loud
    (f,) = loud
    assert f.severity is Severity.ERROR
    assert f.location.page == page
    assert f.location.table == table
    if code == "YS426":
        assert "第20页" in f.message  # the sentence stating the budget
    if code == "YS427":
        assert "卫生健康支出" in f.message and "医疗卫生与计划生育支出" in f.message
