"""The official blank templates (Shanghai Putuo 2026, real layouts with XX
placeholders) are recognized table by table; the Chongqing page gives its narrative."""

from __future__ import annotations

import pytest

from support import DATA
from yusuan.amounts import Unit
from yusuan.api import load
from yusuan.facts import facts
from yusuan.model import TableId

IDS = [
    TableId.SUMMARY, TableId.REVENUE, TableId.EXPENDITURE, TableId.FISCAL_SUMMARY, TableId.GPB_EXPENDITURE,
    TableId.GOV_FUND, TableId.SOE_CAPITAL, TableId.GPB_BASIC, TableId.THREE_PUBLIC,
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("shanghai-putuo-2026-dept-budget-template.xlsx", "部门"),
        ("shanghai-putuo-2026-unit-budget-template.xlsx", "单位"),
        ("shanghai-putuo-2026-unit-budget-template.xls", "单位"),
    ],
)
def test_template_tables_recognized(name: str, level: str) -> None:
    d = load(DATA / name)
    assert [t.id for t in d.tables] == IDS
    assert (d.kind, d.level, d.year) == ("预算", level, 2026)
    assert [t.unit for t in d.tables] == [Unit.YUAN] * 8 + [Unit.WAN]
    assert facts(d) == []  # placeholders, not amounts
    revenue = d.table("revenue")
    assert revenue is not None
    assert [c.key for c in revenue.columns] == [
        "类", "款", "项", "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入",
    ]  # fmt: skip
    assert [(r.code, r.item) for r in revenue.rows[:3]] == [
        ("205", "教育支出"), ("20502", "普通教育"), ("2050205", "高等教育"),
    ]  # fmt: skip
    summary = d.table("summary")
    assert summary is not None
    assert {c.section for c in summary.columns} == {"收入", "支出"}
    assert summary.rows[0].item == "财政拨款收入" and summary.rows[0].section == "收入"
    basic = d.table("gpb_basic")
    assert basic is not None
    assert [c.key for c in basic.columns][-3:] == ["合计", "人员经费", "公用经费"]
    three = d.table("three_public")
    assert three is not None
    assert [n.label for n in three.header] == ["“三公”经费预算数", "机关运行经费预算数"]


def test_chongqing_page_gives_narrative() -> None:
    d = load(DATA / "chongqing-2018-jiaotongwei.html")
    assert d.source is not None and d.source.format == "html"
    assert d.tables == ()
    three = [s for s in d.narrative.stated if s.subject.startswith("三公经费")]
    assert three and str(three[0].value) == "2800.68" and three[0].unit == "万元"
    assert any((s.number, s.title) == ("三", "“三公”经费情况说明") for s in d.narrative.walk())
