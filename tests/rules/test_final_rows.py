"""A 决算 基本支出表 printing its 人员经费 and 公用经费 blocks side by side, each block's total
as a row (人员经费合计 | 公用经费合计 under 决算数), not as columns: YS412 reads the
公用经费合计 row (it could not run before: no 公用经费 column).  The copy is the corpus
决算 of 普陀区财政局 2024 (its table pages), with one sentence of 情况说明 planted.
"""

from __future__ import annotations

import pytest

from support import DATA
from yusuan.check import check
from yusuan.model import Disclosure, Source
from yusuan.read import read_path
from yusuan.read.raw import RawDocument, RawParagraph
from yusuan.recognize import recognize
from yusuan.rules.base import Severity

FINAL_PDF = DATA / "shanghai-putuo-2024-caizhengju-dept-final.pdf"


def with_sentence(sentence: str) -> Disclosure:
    raw, source = read_path(FINAL_PDF)
    para = RawParagraph(sentence, Source(page=4, line=9000))
    return recognize(RawDocument([*raw.blocks, para], raw.format), source)


def test_running_costs_against_the_public_funds_total_row() -> None:
    good = check(with_sentence("机关运行经费支出184.65万元。"), select=["YS412"])
    assert [c.status for c in good.coverage] == ["ran"]
    assert good.findings == ()
    (f,) = check(with_sentence("机关运行经费支出194.65万元。"), select=["YS412"]).findings
    assert f.severity is Severity.WARNING and f.location.page == 4
    assert "“公用经费合计” 184.65 万元" in f.message


@pytest.mark.parametrize(
    "sentence", ["机关运行经费支出184.645万元。", "机关运行经费支出184.64万元。"]
)
def test_near_miss_within_rounding(sentence: str) -> None:
    """Half a unit off the printed 184.65 (within the rounding of the two printed figures), or
    one unit below it (the amount the table rounds, cut at its last digit): info only."""
    found = check(with_sentence(sentence), select=["YS412"]).findings
    assert [f.severity for f in found] == [Severity.INFO]


def test_one_unit_above_is_not_rounding() -> None:
    """184.66 against the printed 184.65: no one amount rounds to both, nor cuts to 184.66."""
    (f,) = check(with_sentence("机关运行经费支出184.66万元。"), select=["YS412"]).findings
    assert f.severity is Severity.WARNING and f.location.page == 4
