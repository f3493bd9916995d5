"""YS1xx: arithmetic inside one table."""

from __future__ import annotations

import pytest

from support.rules import (
    REF_TEXT,
    Case,
    Edit,
    assert_case,
    chain,
    findings,
    nudge,
    reference,
    replace,
    set_cell,
    set_line,
)
from yusuan.model import Disclosure
from yusuan.rules.base import Severity


def seq_cell(table: str, seq: str, column: str, section: str | None = None) -> int:
    """The reference line of a cell found by the row's printed 序号 (for rows whose item repeats)."""
    t = reference().table(table)
    assert t is not None
    col = next(
        c for c in t.columns if c.key == column and (section is None or c.section == section)
    )
    row = next(r for r in t.rows if r.seq == seq and (section is None or r.section == section))
    line = row.cells[col.index].source.line
    assert line is not None
    return line


def set_seq(table: str, seq: str, column: str, value: str, section: str | None = None) -> Edit:
    return set_line(seq_cell(table, seq, column, section), value)


def fs(item: str, column: str, value: str, section: str) -> Edit:
    """Set a cell of the 财政拨款收支总表 found by item."""
    return set_cell("fiscal_summary", column, value, item=item, section=section)


# 年初财政拨款结转和结余 10.00, printed again below it as 一、一般公共预算拨款 10.00.
FISCAL_CARRY = chain(
    fs("年初财政拨款结转和结余", "金额", "10.00", "收入"),
    set_seq("fiscal_summary", "34", "金额", "10.00", "收入"),
)
# Extra rows under the 三公 table: a second group with its own 小计.
MEETINGS = "\t三、公务接待费\n\t1.50\n\t1.50\n\t\n\t\n"


SUMMARY_CARRY = "\t33\n\t上年结转结余\n\t\n\t年终结转结余\n\t\n\n\t34\n\t收入总计\n\t593.58\n\t支出总计\n\t593.58\n"


def final_account_rows(project: str, total: str) -> Edit:
    """决算-style rows under 本年支出合计: 结余分配 and 年末结转和结余 with its two parts."""
    rows = (
        "\t33\n\t用事业基金弥补收支差额\n\t\n\t结余分配\n\t2.00\n\n"
        "\t34\n\t上年结转结余\n\t\n\t年末结转和结余\n\t3.00\n\n"
        "\t35\n\t\n\t\n\t基本支出结转\n\t1.00\n\n"
        f"\t36\n\t\n\t\n\t项目支出结转和结余\n\t{project}\n\n"
        f"\t37\n\t收入总计\n\t593.58\n\t支出总计\n\t{total}\n"
    )
    return replace(SUMMARY_CARRY, rows)


def meetings(subtotal: str) -> Edit:
    rows = (
        f"\n\t10\n\t会议费和培训费小计\n\t{subtotal}\n\t{subtotal}\n\t\n\t\n"
        "\n\t11\n\t四、会议费\n\t2.00\n\t2.00\n\t\n\t\n"
        "\n\t12\n\t五、培训费\n\t\n\t\n\t\n\t\n"
    )
    return replace(MEETINGS, MEETINGS + rows)


CASES = [
    Case(
        "YS101",
        set_cell("expenditure", "基本支出", "320.91", code="2010101"),
        near=nudge("expenditure", "基本支出", code="2010101"),
        at={"table": "expenditure", "row_code": "2010101", "column": "合计", "line": 600},
    ),
    Case(
        "YS101",
        set_cell("revenue", "财政拨款收入", "48.50", code="2010102"),
        id="nested-subtotal",
        at={"table": "revenue", "row_code": "2010102", "column": "小计", "line": 326},
    ),
    Case(
        "YS101",
        set_cell("three_public", "一般公共预算财政拨款", "1.60", item="公务接待费"),
        id="three-public",
        at={"table": "three_public", "row_item": "公务接待费", "column": "合计", "line": 1607},
    ),
    Case(
        "YS102",
        set_cell("gpb_basic", "合计", "431.58", item="合计"),
        near=nudge("gpb_basic", "合计", item="合计"),
        at={"table": "gpb_basic", "row_item": "合计", "column": "合计", "line": 1304},
    ),
    Case(
        "YS102",
        set_cell("assets", "价值（金额单位：万元）", "39.99", item="车辆（台、辆）"),
        id="assets",
        at={
            "table": "assets",
            "row_item": "资产总额",
            "column": "价值（金额单位：万元）",
            "line": 2149,
        },
    ),
    # YS103 本年收入合计 = Σ 收入 items
    Case(
        "YS103",
        set_cell("summary", "预算数", "603.58", item="本年收入合计", section="收入"),
        near=nudge("summary", "预算数", item="本年收入合计", section="收入"),
        at={"table": "summary", "row_item": "本年收入合计", "column": "预算数", "line": 210},
    ),
    Case(
        "YS103",
        fs("一般公共预算拨款", "金额", "583.58", "收入"),
        id="fiscal",
        at={"table": "fiscal_summary", "row_item": "本年收入合计", "column": "金额", "line": 1066},
    ),
    # YS104 本年支出合计 = Σ 支出 classes, every column
    Case(
        "YS104",
        fs("本年支出合计", "一般公共预算财政拨款", "583.58", "支出"),
        near=nudge("fiscal_summary", "一般公共预算财政拨款", item="本年支出合计", section="支出"),
        at={
            "table": "fiscal_summary",
            "row_item": "本年支出合计",
            "column": "一般公共预算财政拨款",
            "line": 1069,
        },
    ),
    Case(
        "YS104",
        set_cell("summary", "预算数", "19.00", item="卫生健康支出", section="支出"),
        id="summary",
        at={"table": "summary", "row_item": "本年支出合计", "column": "预算数", "line": 212},
    ),
    Case(
        "YS104",
        bad=chain(
            replace("\t二十六、转移性支出\n\t\n", "\t基本支出\n\t430.58\n"),
            replace("\t二十七、债务还本支出\n\t\n", "\t项目支出\n\t160.00\n"),
        ),
        good=chain(
            replace("\t二十六、转移性支出\n\t\n", "\t基本支出\n\t430.58\n"),
            replace("\t二十七、债务还本支出\n\t\n", "\t项目支出\n\t163.00\n"),
        ),
        id="by-nature-too",
        at={"table": "summary", "row_item": "本年支出合计", "column": "预算数", "line": 212},
    ),
    # YS105 收入总计 = 本年收入合计 + 结转结余 (the fund rows below 年初结转 are not added twice)
    Case(
        "YS105",
        bad=set_cell("summary", "预算数", "10.00", item="上年结转结余", section="收入"),
        near=nudge("summary", "预算数", item="收入总计", section="收入"),
        good=chain(
            set_cell("summary", "预算数", "10.00", item="上年结转结余", section="收入"),
            set_cell("summary", "预算数", "603.58", item="收入总计", section="收入"),
        ),
        at={"table": "summary", "row_item": "收入总计", "column": "预算数", "line": 222},
    ),
    Case(
        "YS105",
        bad=chain(FISCAL_CARRY, fs("收入总计", "金额", "613.58", "收入")),
        good=chain(FISCAL_CARRY, fs("收入总计", "金额", "603.58", "收入")),
        id="fiscal-no-double-count",
        at={"table": "fiscal_summary", "row_item": "收入总计", "column": "金额", "line": 1111},
    ),
    Case(
        "YS105",
        bad=chain(set_seq("fiscal_summary", "34", "金额", "10.00", "收入")),
        good=chain(
            set_seq("fiscal_summary", "34", "金额", "10.00", "收入"),
            fs("收入总计", "金额", "603.58", "收入"),
        ),
        id="blank-carry-counts-its-fund-rows",
        at={"table": "fiscal_summary", "row_item": "收入总计", "column": "金额", "line": 1111},
    ),
    # YS106 支出总计 = 本年支出合计 + 年末结转结余
    Case(
        "YS106",
        fs("支出总计", "合计", "595.58", "支出"),
        near=nudge("fiscal_summary", "合计", item="支出总计", section="支出"),
        at={"table": "fiscal_summary", "row_item": "支出总计", "column": "合计", "line": 1113},
    ),
    Case(
        "YS106",
        bad=set_cell("summary", "预算数", "5.00", item="年终结转结余", section="支出"),
        good=chain(
            set_cell("summary", "预算数", "5.00", item="年终结转结余", section="支出"),
            set_cell("summary", "预算数", "598.58", item="支出总计", section="支出"),
        ),
        id="summary",
        at={"table": "summary", "row_item": "支出总计", "column": "预算数", "line": 224},
    ),
    Case(
        "YS106",
        final_account_rows("2.00", "603.58"),
        good=final_account_rows("2.00", "598.58"),
        id="parts-of-carry-not-added-twice",
        at={"table": "summary", "row_item": "支出总计", "column": "预算数", "line": 242},
    ),
    # YS107 收入总计 = 支出总计 (each side consistent in itself)
    Case(
        "YS107",
        chain(
            set_cell("summary", "预算数", "487.91", item="一般公共服务支出", section="支出"),
            set_cell("summary", "预算数", "595.58", item="本年支出合计", section="支出"),
            set_cell("summary", "预算数", "595.58", item="支出总计", section="支出"),
        ),
        at={"table": "summary", "row_item": "支出总计", "column": "预算数", "line": 224},
    ),
    Case(
        "YS107",
        fs("收入总计", "金额", "603.58", "收入"),
        id="fiscal",
        near=nudge("fiscal_summary", "金额", item="收入总计", section="收入"),
        at={"table": "fiscal_summary", "row_item": "支出总计", "column": "合计", "line": 1113},
    ),
    # YS108 a 小计 row = Σ the items it heads
    Case(
        "YS108",
        bad=meetings("3.00"),
        near=meetings("2.01"),
        good=meetings("2.00"),
        at={
            "table": "three_public",
            "row_item": "会议费和培训费小计",
            "column": "合计",
            "line": 1614,
        },
    ),
    # YS109 其中 rows: ≤ parent; = parent for an exhaustive split (其他…) and for carry-over fund rows
    Case(
        "YS109",
        chain(
            set_cell("assets", "价值（金额单位：万元）", "50.00", item="房屋（平方米）"),
            set_cell("assets", "价值（金额单位：万元）", "60.00", item="办公用房（平方米）"),
        ),
        good=chain(
            set_cell("assets", "价值（金额单位：万元）", "50.00", item="房屋（平方米）"),
            set_cell("assets", "价值（金额单位：万元）", "40.00", item="办公用房（平方米）"),
        ),
        id="subset",
        near=chain(
            set_cell("assets", "价值（金额单位：万元）", "50.00", item="房屋（平方米）"),
            set_cell("assets", "价值（金额单位：万元）", "50.00", item="办公用房（平方米）"),
        ),
        at={
            "table": "assets",
            "row_item": "房屋（平方米）",
            "column": "价值（金额单位：万元）",
            "line": 2153,
        },
    ),
    Case(
        "YS109",
        chain(
            set_cell("three_public", "合计", "3.00", item="因公出国（境）费"),
            set_cell("three_public", "合计", "1.00", item="教学科研人员因公出国（境）费"),
            set_cell("three_public", "合计", "1.50", item="其他因公出国（境）费"),
        ),
        good=chain(
            set_cell("three_public", "合计", "3.00", item="因公出国（境）费"),
            set_cell("three_public", "合计", "1.00", item="教学科研人员因公出国（境）费"),
            set_cell("three_public", "合计", "2.00", item="其他因公出国（境）费"),
        ),
        id="exhaustive",
        at={
            "table": "three_public",
            "row_item": "因公出国（境）费",
            "column": "合计",
            "line": 1565,
        },
    ),
    Case(
        "YS109",
        chain(FISCAL_CARRY, set_seq("fiscal_summary", "35", "金额", "2.00", "收入")),
        good=FISCAL_CARRY,
        id="carry-over-fund-rows",
        at={
            "table": "fiscal_summary",
            "row_item": "年初财政拨款结转和结余",
            "column": "金额",
            "line": 1075,
        },
    ),
    Case(
        "YS109",
        final_account_rows("2.50", "598.58"),
        good=final_account_rows("2.00", "598.58"),
        id="carry-over-parts",
        at={"table": "summary", "row_item": "年末结转和结余", "column": "预算数", "line": 224},
    ),
    # YS110 公务用车购置及运维费 = 购置费 + 运行维护费
    Case(
        "YS110",
        set_cell("three_public", "合计", "8.00", item="公务用车购置及运维费"),
        near=chain(
            set_cell("three_public", "合计", "6.81", item="公务用车购置及运维费"),
            set_cell("three_public", "一般公共预算财政拨款", "6.80", item="公务用车购置及运维费"),
        ),
        good=chain(
            set_cell("three_public", "合计", "6.80", item="公务用车购置及运维费"),
            set_cell("three_public", "一般公共预算财政拨款", "6.80", item="公务用车购置及运维费"),
        ),
        at={
            "table": "three_public",
            "row_item": "公务用车购置及运维费",
            "column": "合计",
            "line": 1586,
        },
    ),
    Case(
        "YS110",
        chain(
            set_cell("three_public", "合计", "6.80", item="公务用车购置及运维费"),
            set_cell("three_public", "合计", "", item="公务用车运行维护费"),
        ),
        severity=(Severity.WARNING,),
        id="split-not-filled",
        at={
            "table": "three_public",
            "row_item": "公务用车购置及运维费",
            "column": "合计",
            "line": 1586,
        },
    ),
    # YS111 “三公”经费小计 = 因公出国 + 公务用车 (blank parent → its children) + 公务接待
    Case(
        "YS111",
        set_cell("three_public", "合计", "9.3", item="“三公”经费小计"),
        near=nudge("three_public", "合计", item="“三公”经费小计"),
        at={"table": "three_public", "row_item": "“三公”经费小计", "column": "合计", "line": 1558},
    ),
    Case(
        "YS111",
        set_cell("three_public", "合计", "5.80", item="公务用车运行维护费"),
        id="child-of-blank-parent",
        at={"table": "three_public", "row_item": "“三公”经费小计", "column": "合计", "line": 1558},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_rounding_difference_is_info() -> None:
    edit = set_cell("expenditure", "基本支出", "322.90", code="2010101")
    found = findings("YS101", edit(REF_TEXT))
    assert found and all(f.severity is Severity.INFO for f in found)
    assert (
        found[0].expected == "322.9"
        and found[0].actual == "322.91"
        and found[0].difference == "0.01"
    )
    assert "四舍五入" in found[0].message


def test_finding_points_at_the_cell() -> None:
    edit = set_cell("expenditure", "基本支出", "320.91", code="2010101")
    f = findings("YS101", edit(REF_TEXT))[0]
    assert (f.location.table, f.location.row_code, f.location.row_item, f.location.column) == (
        "expenditure", "2010101", "行政运行", "合计",
    )  # fmt: skip
    assert f.location.line is not None and f.location.text == "322.91"


def test_reference_is_silent() -> None:
    """No YS1xx finding at all (not even info) on the reference document."""
    for code in (f"YS1{n:02d}" for n in range(1, 12)):
        assert findings(code, REF_TEXT) == [], code


def test_blank_vehicle_parent_is_left_to_wording_rules() -> None:
    """The reference prints 公务用车购置及运维费 blank over 6.80: not an arithmetic error."""
    for code in ("YS109", "YS110", "YS111"):
        assert findings(code, REF_TEXT) == []


def test_fiscal_carry_rows_are_not_counted_twice() -> None:
    edit = chain(FISCAL_CARRY, fs("收入总计", "金额", "613.58", "收入"))
    f = findings("YS105", edit(REF_TEXT))[0]
    assert (f.expected, f.actual, f.difference) == ("603.58", "613.58", "10")
    assert f.location.table == "fiscal_summary" and f.location.row_item == "收入总计"


def test_two_sided_finding_names_the_cell() -> None:
    f = findings("YS104", fs("本年支出合计", "一般公共预算财政拨款", "583.58", "支出")(REF_TEXT))[0]
    assert f.location.column == "一般公共预算财政拨款" and f.location.section == "支出"
    assert f.location.line == 1069 and "应为 593.58 万元，实为 583.58 万元" in f.message


# -- 三公 tables whose items are columns ------------------------------------------------------------
def _three_public_with(d: Disclosure, column: int, text: str) -> Disclosure:
    """``d`` with one cell of the 三公 table's first row set to ``text``."""
    from decimal import Decimal

    t = next(t for t in d.tables if t.id.value == "three_public")
    row = t.rows[0]
    cell = row.cells[column].model_copy(update={"text": text, "value": Decimal(text)})
    row = row.model_copy(update={"cells": {**row.cells, column: cell}})
    t2 = t.model_copy(update={"rows": (row, *t.rows[1:])})
    return d.model_copy(update={"tables": tuple(t2 if x is t else x for x in d.tables)})


def test_three_public_items_as_columns_are_checked() -> None:
    """A 决算 三公 table (预算数/决算数 under each item as columns) runs YS110/YS111."""
    from support import DATA
    from yusuan.api import load
    from yusuan.check import check

    d = load(DATA / "shanghai-putuo-2024-caizhengju-dept-final.pdf")
    clean = check(d, select=["YS110", "YS111"])
    assert [c.status for c in clean.coverage] == ["ran", "ran"] and not clean.findings
    bad = check(_three_public_with(d, 10, "1.95"), select=["YS111"]).findings  # 公务接待费 预算数
    assert len(bad) == 1 and bad[0].severity is Severity.ERROR
    assert bad[0].location.table == "three_public" and bad[0].location.column == "预算数"
    assert bad[0].expected == "1.95" and bad[0].actual == "0.95"
    split = check(_three_public_with(d, 4, "3"), select=["YS110"]).findings  # 公务用车 小计 预算数
    assert [f.severity for f in split] == [Severity.WARNING]


def test_three_public_total_beside_meeting_and_training_is_not_the_three_public_total() -> None:
    """Jiangsu prints 合计 = 三公 + 会议费 + 培训费: only the 三公 小计 is held to the items."""
    from support import DATA
    from yusuan.api import load
    from yusuan.check import check

    d = load(DATA / "jiangsu-2018-jianchayuan-dept-budget.pdf")
    report = check(d, select=["YS110", "YS111"])
    assert [c.status for c in report.coverage] == ["ran", "ran"]
    assert not [f for f in report.findings if f.severity is not Severity.INFO]
