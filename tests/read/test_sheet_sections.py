"""A workbook printing one section of the 情况说明 per sheet, its title in a cell of its own
above a multi-line body cell (the Putuo budget template): the title is the section's heading,
so the section rules find 机构设置 and 名词解释; the cover sheet and sentence-like first cells
are not headings.  Reopened by the real openpyxl reader."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.read.xlsx import read_xlsx
from yusuan.recognize import recognize

SECTIONS = (
    ("部门主要职能", "{unit}主要职能", "{unit}是…。\n    主要职能包括：\n    1."),
    (
        "部门机构设置",
        "{unit}机构设置",
        "{unit}部门预算是包括本部以及下属2家预算单位的综合收支计划。\n    本部门中，行政单位1家。",
    ),
    ("名词解释", "名词解释", "（一）财政拨款收入：是本年度从本级财政部门取得的财政拨款。"),
    (
        "部门编制说明",
        "2026年部门预算编制说明",
        "2026年，{unit}收入预算{n}万元，其中：财政拨款收入{n}万元。\n"
        "    支出预算{n}万元，其中：财政拨款支出预算{n}万元。",
    ),
)


def workbook(path: Path, unit: str, n: str, *, first: str | None = None) -> Path:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["A3"] = "上海市普陀区2026年区级部门预算"
    cover["A9"] = f"预算主管部门：{unit}"
    for sheet, title, body in SECTIONS:
        ws = book.create_sheet(sheet)
        ws["A1"] = first if first is not None and sheet == "名词解释" else title.format(unit=unit)
        ws["A3"] = body.format(unit=unit, n=n)
        ws.merge_cells("A3:A17")
    book.save(path)
    return path


SECTION_RULES = ["YS503", "YS504", "YS505", "YS512"]


def load(path: Path) -> Disclosure:
    """The workbook read and recognized (a blank template states no amount, so
    :func:`yusuan.api.load` would refuse it as holding nothing)."""
    return recognize(read_xlsx(path))


@pytest.mark.parametrize(("unit", "n"), [("XX（部门）", "x,xxx"), ("上海市普陀区某局", "3,121.42")])
def test_one_section_per_sheet(tmp_path: Path, unit: str, n: str) -> None:
    d = load(workbook(tmp_path / "w.xlsx", unit, n))
    titles = [s.title for s in d.narrative.sections]
    assert titles[-4:] == [t.format(unit=unit) for _, t, _ in SECTIONS]
    assert "上海市普陀区2026年区级部门预算" not in titles  # the cover sheet's line is no heading
    report = check(d, select=SECTION_RULES)
    assert [c.status for c in report.coverage] == ["ran"] * 4
    assert [f.code for f in report.findings if f.severity.value == "warning"] == []


def test_a_sentence_in_the_first_cell_is_not_a_heading(tmp_path: Path) -> None:
    """Near miss: the 名词解释 sheet opening with a sentence instead of its title: no heading,
    and YS512 still reports the glossary missing."""
    d = load(workbook(tmp_path / "w.xlsx", "XX（部门）", "x,xxx", first="以下为名词，共一项。"))
    assert "名词解释" not in [s.title for s in d.narrative.sections]
    report = check(d, select=["YS512"])
    assert [f.code for f in report.findings] == ["YS512"]


def test_placeholder_amounts_state_revenue_but_a_missing_sentence_is_still_missing(
    tmp_path: Path,
) -> None:
    """Near miss for YS505: without the 支出预算 sentence the 支出说明 is reported."""
    d = load(workbook(tmp_path / "w.xlsx", "XX（部门）", "x,xxx"))
    assert not check(d, select=["YS505"]).findings
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    book["部门编制说明"]["A3"] = "2026年，XX（部门）收入预算x,xxx万元。"
    book.save(tmp_path / "v.xlsx")
    found = check(load(tmp_path / "v.xlsx"), select=["YS505"]).findings
    assert ["支出说明" in f.message for f in found] == [True]
