"""The reference document parses to its printed values, cell by cell."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from support import REFERENCE, golden
from yusuan.amounts import Unit
from yusuan.facts import facts
from yusuan.model import Disclosure, TableId


def test_document_facts(reference: Disclosure) -> None:
    assert reference.kind == "预算"
    assert reference.level == "部门"
    assert reference.department_code == "101"
    assert reference.department_name == "平乡县人民代表大会常务委员会"
    assert reference.year == 2023
    assert reference.unit is Unit.WAN
    assert reference.source is not None and reference.source.format == "text"


def test_every_amount_matches_golden(reference: Disclosure) -> None:
    """All 219 printed amounts, each checked by hand against the document."""
    got = facts(reference)
    want = golden()
    assert len(want) == 219
    for g, w in zip(got, want, strict=True):
        assert g == w


def test_blank_cells_stay_blank(reference: Disclosure) -> None:
    """Every amount cell that is not a fact is blank (None), never 0."""
    per_table = Counter(f.table for f in golden())
    for table in reference.tables:
        money = {c.index for c in table.columns if c.role == "amount"}
        cells = [cell for row in table.rows for i, cell in row.cells.items() if i in money]
        filled = [c for c in cells if c.value is not None]
        assert len(filled) == per_table.get(table.id.value, 0), table.title
        assert all(c.text.strip() == "" for c in cells if c.value is None)


def test_printed_values_keep_their_text_and_line(reference: Disclosure) -> None:
    """A cell remembers its printed text and the line it was read from."""
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    n = 0
    for table in reference.tables:
        for row in table.rows:
            for cell in row.cells.values():
                if cell.value is None:
                    continue
                assert cell.source.line is not None
                assert lines[cell.source.line - 1].strip() == cell.text
                assert Decimal(cell.text) == cell.value
                n += 1
    assert n == 221  # 219 amounts and the two 数量 counts of the 固定资产 table


def test_tables_recognized_with_ids(reference: Disclosure) -> None:
    ids = [t.id for t in reference.tables]
    assert ids == [
        TableId.SUMMARY, TableId.REVENUE, TableId.EXPENDITURE, TableId.FISCAL_SUMMARY,
        TableId.GPB_EXPENDITURE, TableId.GPB_BASIC, TableId.GOV_FUND, TableId.SOE_CAPITAL,
        TableId.THREE_PUBLIC, TableId.ORG, *[TableId.PERFORMANCE] * 4, TableId.PROCUREMENT,
        TableId.ASSETS,
    ]  # fmt: skip
    assert all(
        t.unit is Unit.WAN
        for t in reference.tables
        if t.id not in (TableId.ORG, TableId.PERFORMANCE)
    )


def test_header_trees(reference: Disclosure) -> None:
    revenue = reference.table("revenue")
    assert revenue is not None
    tops = [(n.label.replace(" ", ""), n.first, n.last) for n in revenue.header]
    assert tops == [
        ("序号", 0, 0), ("功能分类科目", 1, 2), ("合计", 3, 3), ("本年收入", 4, 11), ("上年结转", 12, 12),
    ]  # fmt: skip
    this_year = revenue.header[3]
    assert [c.label.replace(" ", "") for c in this_year.children] == [
        "小计", "财政拨款收入", "财政专户收入", "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入",
    ]  # fmt: skip
    basic = reference.table("gpb_basic")
    assert basic is not None
    assert [(n.label, n.first, n.last) for n in basic.header] == [
        ("序号", 0, 0), ("支出部门经济分类科目", 1, 2), ("一般公共预算基本支出", 3, 5),
    ]  # fmt: skip
    fiscal = reference.table("fiscal_summary")
    assert fiscal is not None
    assert [(c.key, c.section) for c in fiscal.columns] == [
        ("序号", None), ("项目", "收入"), ("金额", "收入"), ("项目", "支出"), ("合计", "支出"),
        ("一般公共预算财政拨款", "支出"), ("政府性基金预算财政拨款", "支出"), ("国有资本经营预算财政拨款", "支出"),
    ]  # fmt: skip


def test_empty_tables_keep_their_note(reference: Disclosure) -> None:
    fund = reference.table("gov_fund")
    assert fund is not None and fund.is_empty
    assert fund.notes == ("注：无政府基金预算财政拨款预算，空表列示。",)
    procurement = reference.table("procurement")
    assert procurement is not None and procurement.is_empty
    assert procurement.notes[-1] == "注：无政府采购预算，空表列示。"


def test_three_public_items(reference: Disclosure) -> None:
    t = reference.table("three_public")
    assert t is not None
    total = t.column("合计")
    assert total is not None
    by_item = {r.item: r.value(total.index) for r in t.rows}
    assert by_item["合计"] == Decimal("8.3")
    assert by_item["公务用车购置及运维费"] is None  # printed blank although its child has 6.80
    assert by_item["公务用车运行维护费"] == Decimal("6.80")
    assert by_item["公务接待费"] == Decimal("1.50")


def test_performance_indicators(reference: Disclosure) -> None:
    assert [p.project for p in reference.performance] == [
        "“智慧人大”建设项目（平乡县人大网上代表之家建设）",
        "平乡县第十七届人民代表大会第三次会议经费",
        "专门委员会、委员及人大代表活动经费",
        "综合业务和事务管理经费",
    ]
    assert [len(p.indicators) for p in reference.performance] == [9, 8, 11, 9]
    meeting = reference.performance[1]
    cost = next(i for i in meeting.indicators if i.level2 == "成本指标")
    assert (cost.level1, cost.level3, cost.comparator, cost.value, cost.unit, cost.basis) == (
        "产出指标", "召开会议总成本", "≤", Decimal(25), "万元", "转账记录",
    )  # fmt: skip
    assert meeting.goals.startswith("1.成立工作机构")
    quality = reference.performance[0].indicators[1]
    assert (quality.level1, quality.level2, quality.value_text, quality.comparator, quality.value, quality.unit) == (
        "产出指标", "质量指标", "≤5%", "≤", Decimal(5), "%",
    )  # fmt: skip
    qualitative = reference.performance[0].indicators[4]
    assert (qualitative.level1, qualitative.value_text, qualitative.value) == (
        "效益指标",
        "进一步提升服务水平",
        None,
    )


def test_org_and_assets(reference: Disclosure) -> None:
    org = reference.table("org")
    assert org is not None
    row = org.rows[0]
    assert row.label == "平乡县人民代表大会常务委员会本级"
    assert [c.text for _, c in sorted(row.cells.items())] == ["行政", "正处（县）级", "财政拨款"]
    assets = reference.table("assets")
    assert assets is not None and assets.unit is Unit.WAN
    cars = next(r for r in assets.rows if r.item.startswith("车辆"))
    assert [c.value for _, c in sorted(cars.cells.items())] == [Decimal(3), Decimal("38.99")]
