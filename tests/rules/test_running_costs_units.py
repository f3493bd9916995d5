"""YS412 where the department's package includes 事业单位 that are not 参公: its 机关运行经费
(行政单位 and 参公事业单位 only) is legitimately below the 公用经费合计, so a stated figure below
it is an info naming the reason; above it, or with no such unit listed, it stays a warning."""

from __future__ import annotations

import pytest

from support.rules import REF_TEXT, Edit, chain, findings, replace
from yusuan.rules.base import Severity

OWN = "\t平乡县人民代表大会常务委员会本级\n\t行政\n\t正处（县）级\n\t财政拨款\n"


def unit_row(kind: str) -> Edit:
    """A second unit in the 部门机构设置情况 table, of 单位性质 ``kind``."""
    return replace(OWN, f"{OWN}\n\t平乡县人大信息中心\n\t{kind}\n\t股级\n\t财政拨款\n")


def unit_sentence(sentence: str) -> Edit:
    """A sentence in the 机构设置 part of the 情况说明."""
    return replace("机构设置：\n", f"机构设置：\n{sentence}\n")


def stated(amount: str) -> Edit:
    return replace("机关运行经费共计安排25.51万元", f"机关运行经费共计安排{amount}万元")


def ys412(*edits: Edit) -> list[tuple[Severity, str]]:
    return [(f.severity, f.message) for f in findings("YS412", chain(*edits)(REF_TEXT))]


@pytest.mark.parametrize(
    "units",
    [
        unit_row("事业"),
        unit_row("公益一类事业单位"),
        unit_sentence("本部门下属事业单位1家：平乡县人大信息中心。"),
        unit_sentence("平乡县人大信息中心（下属事业单位）"),
    ],
)
def test_below_public_funds_with_a_plain_institution_is_an_info(units: Edit) -> None:
    ((severity, message),) = ys412(stated("20.51"), units)
    assert severity is Severity.INFO
    assert "非参公事业单位" in message and "低于公用经费合计属正常" in message


@pytest.mark.parametrize(
    "units",
    [
        chain(),  # the reference: one 行政 unit
        unit_row("参公事业"),
        unit_row("行政"),
        unit_sentence("本部门中，行政单位1家，事业单位0家。"),
        unit_sentence("本部门下属参公事业单位1家：平乡县人大信息中心。"),
    ],
)
def test_below_without_a_plain_institution_stays_a_warning(units: Edit) -> None:
    """Near misses: 行政 and 参公 units only (or 事业单位0家): the warning stands."""
    ((severity, message),) = ys412(stated("20.51"), units)
    assert severity is Severity.WARNING and "非参公" not in message


def test_above_public_funds_stays_a_warning_even_with_institutions() -> None:
    ((severity, _),) = ys412(stated("26.51"), unit_row("事业"))
    assert severity is Severity.WARNING
