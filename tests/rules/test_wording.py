"""YS6xx: plausibility and wording."""

from __future__ import annotations

import re

import pytest

from support.rules import (
    REF_TEXT,
    Case,
    Edit,
    assert_case,
    chain,
    coverage_status,
    findings,
    replace,
    set_cell,
)
from yusuan.rules.base import Severity


def replace_all(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new)

    return edit


CAR = "公务用车购置及运维费"
CAR_PRINTED = chain(
    set_cell("three_public", "合计", "6.80", item=CAR),
    set_cell("three_public", "一般公共预算财政拨款", "6.80", item=CAR),
)
CLAIM = "已按要求列入政府采购预算，详见政府采购预算表。"
UNIT_PACKAGE = replace_all("部门预算", "单位预算")
NO_YEAR: Edit = lambda text: re.sub(r"(?:19|20)\d{2}", "", text)  # noqa: E731

CASES = [
    Case(
        "YS601",
        set_cell("expenditure", "合计", "-322.91", code="2010101"),
        at={"table": "expenditure", "row_code": "2010101", "column": "合计", "line": 600},
    ),
    Case(
        "YS602",
        set_cell("expenditure", "基本支出", "322.914", code="2010101"),
        at={"table": "expenditure", "row_code": "2010101", "column": "基本支出", "line": 601},
    ),
    Case(
        "YS603",
        bad=lambda t: t,
        good=CAR_PRINTED,
        at={
            "table": "three_public",
            "row_item": "公务用车购置及运维费",
            "column": "合计",
            "line": 1586,
        },
    ),  # the reference's own defect
    Case(
        "YS603",
        set_cell("expenditure", "合计", "", code="201"),
        good=CAR_PRINTED,
        id="class-row",
        at={"table": "expenditure", "row_code": "201", "column": "合计", "line": 580},
    ),
    Case(
        "YS604",
        bad=lambda t: t,
        good=replace(CLAIM, "使用单位自有资金，不属于政府采购范围。"),
        at={"table": "procurement", "column": "合计", "line": 2138},
    ),
    Case("YS605", replace("预算安排8.3万元", "预算安排XX万元"), at={"line": 1678}),
    Case(
        "YS605",
        replace("较2022年预算增加2.75万元", "较2022年预算增加（减少）2.75万元"),
        id="either-or",
        at={"line": 1672},
    ),
    Case(
        "YS605",
        set_cell("revenue", "合计", "x,xxx", code="2010104"),
        id="table-cell",
        at={"table": "revenue", "row_code": "2010104", "column": "合计", "line": 339},
    ),
    Case(
        "YS606",
        replace(
            "主要用于保证机关正常运转的办公费、通讯补助、工会经费、福利费、车补等支出。",
            "主要用于。",
        ),
        at={"line": 1675},
    ),
    Case(
        "YS606",
        replace("比上年预算减少4.7万元", "比上年预算减少万元"),
        id="number-dropped",
        at={"line": 1678},
    ),
    Case(
        "YS606",  # 人大常委会 2019 p16: “2019年政府性基金支出预算支出万元。”
        replace("项目支出163万元", "项目支出万元"),
        id="amount-dropped-after-subject",
        at={"line": 1668},
    ),
    Case(
        "YS607",
        replace("2023年预算收入593.58万元，其中", "2023年预算收入593.58万元，，其中"),
        at={"line": 1664},
    ),
    Case(
        "YS608",
        replace("公务用车运行维护费6.8万元)", "公务用车运行维护费6.8万元"),
        at={"line": 1678},
    ),
    Case(
        "YS608",
        replace("《预算法》、", "《预算法、"),
        good=replace("1、加强制度建设。", "1）加强制度建设。"),
        id="book-title",
        at={"line": 1616},
    ),
    Case(
        "YS609",
        chain(UNIT_PACKAGE),
        good=chain(UNIT_PACKAGE, replace_all("我部门", "本单位"), replace_all("本部门", "本单位")),
        at={"line": 1664},
    ),
    Case(
        "YS610",
        set_cell("expenditure", "基本支出", "3 22.91", code="2010101"),
        at={"table": "expenditure", "row_code": "2010101", "column": "基本支出", "line": 601},
    ),
    Case(
        "YS610",
        set_cell("revenue", "合计", "待定", code="2010104"),
        id="text",
        at={"table": "revenue", "row_code": "2010104", "column": "合计", "line": 339},
    ),
    Case("YS611", replace("单位：万元", "单位：元"), at={"table": "summary", "line": 1}),
    Case(
        "YS611",
        set_cell("expenditure", "合计", "59358000000.00", item="合计"),
        id="huge",
        at={"table": "expenditure", "line": 533},
    ),
    Case(
        "YS612",
        set_cell("expenditure", "项目支出", "0.00", code="2010101"),
        severity=(Severity.INFO,),
        at={"table": "expenditure", "row_code": "2010101", "column": "项目支出", "line": 602},
    ),
    Case("YS613", NO_YEAR, at={"table": "summary", "line": 1}),
    Case("YS614", replace("压减公务接待费。", "压减公务□□费。"), at={"line": 1678}),
    Case(
        "YS614",
        replace("压减公务接待费。", "压减公务\ue123费。"),
        id="private-use",
        at={"line": 1678},
    ),
    Case(
        "YS615",
        replace(
            "6、上缴上级支出：指下级单位上缴上级的支出。",
            "6、上缴上级支出：指下级单位上缴上级的支出",
        ),
        severity=(Severity.INFO,),
        at={"line": 2178},
    ),
]


def no_year_but(keep: str) -> Edit:
    """Every year removed but the first ``keep`` (one place that still dates the package)."""

    def edit(text: str) -> str:
        assert keep in text
        return NO_YEAR(text.replace(keep, "\x00", 1)).replace("\x00", keep)

    return edit


UNIT_CLEAN = chain(UNIT_PACKAGE, replace_all("我部门", "本单位"), replace_all("本部门", "本单位"))
RUNNING_USE = "主要用于保证机关正常运转的办公费、通讯补助、工会经费、福利费、车补等支出。"
OTHER_TRIPS = "其他因公出国（境）费"


def near_miss(code: str, further: Edit, near: Edit, **at: str | int) -> Case:
    """A near miss (issue #19): ``near`` stays silent; ``further``, one step beyond it, fires
    where ``at`` says."""
    return Case(code, further, id="near-miss", near=near, at=at)


def row_near_miss(
    code: str,
    column: str,
    further: str,
    near: str,
    line: int,
    severity: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING),
) -> Case:
    """A near miss in one cell of the 支出总表's 2010101 行政运行 row: printed ``near`` it is
    silent, printed ``further`` the rule fires at that cell (printed at ``line``)."""
    return Case(
        code,
        set_cell("expenditure", column, further, code="2010101"),
        severity=severity,
        id="near-miss",
        near=set_cell("expenditure", column, near, code="2010101"),
        at={"table": "expenditure", "row_code": "2010101", "column": column, "line": line},
    )


NEAR_MISSES = [
    row_near_miss("YS601", "合计", "-0.01", "-0.00", 600),  # a signed zero; -0.01 is negative
    near_miss(  # an area (数量, 平方米) may have three decimals; a 万元 value may not
        "YS602",
        set_cell("assets", "价值（金额单位：万元）", "1234.567", item="房屋（平方米）"),
        set_cell("assets", "数量", "1234.567", item="房屋（平方米）"),
        table="assets",
        row_item="房屋（平方米）",
        column="价值（金额单位：万元）",
    ),
    Case(  # children printed 0.00 leave the parent nothing to sum; 0.01 does
        "YS603",
        chain(CAR_PRINTED, set_cell("three_public", "合计", "0.01", item=OTHER_TRIPS)),
        good=CAR_PRINTED,
        id="near-miss",
        near=chain(CAR_PRINTED, set_cell("three_public", "合计", "0.00", item=OTHER_TRIPS)),
        at={"table": "three_public", "row_item": "因公出国（境）费", "column": "合计"},
    ),
    Case(  # “无需列入” denies the claim the reference's “已按要求列入” makes
        "YS604",
        bad=lambda t: t,
        good=replace(CLAIM, "使用单位自有资金，不属于政府采购范围。"),
        id="near-miss",
        near=replace(CLAIM, "无需列入政府采购预算，详见政府采购预算表。"),
        at={"table": "procurement", "column": "合计", "line": 2138},
    ),
    near_miss(  # an ellipsis after the listed uses goes on a list; right after 主要用于 it is a blank
        "YS605",
        replace(RUNNING_USE, "主要用于……"),
        replace(RUNNING_USE, "主要用于保证机关正常运转的办公费、通讯补助……"),
        line=1675,
    ),
    near_miss(
        "YS606",
        replace(RUNNING_USE, "主要用于。"),
        replace(RUNNING_USE, "主要用于办公。"),
        line=1675,
    ),
    near_miss(  # a dash is two marks in a row that belong together
        "YS607",
        replace("2023年预算收入593.58万元，其中", "2023年预算收入593.58万元，，其中"),
        replace("2023年预算收入593.58万元，其中", "2023年预算收入593.58万元——其中"),
        line=1664,
    ),
    near_miss(  # a half-width “(” closed by a full-width “）” is paired (info); unclosed it is not
        "YS608",
        replace("《预算法》、", "《预算法(2018年修正》、"),
        replace("《预算法》、", "《预算法(2018年修正）》、"),
        line=1616,
    ),
    near_miss(  # 主管部门预算 names the 主管部门's budget, not this package
        "YS609",
        chain(UNIT_CLEAN, replace("压减公务接待费。", "压减公务接待费。按部门预算批复执行。")),
        chain(UNIT_CLEAN, replace("压减公务接待费。", "压减公务接待费。按主管部门预算批复执行。")),
        line=1678,
    ),
    # a space at the thousands is a separator; one elsewhere splits the number
    row_near_miss("YS610", "基本支出", "13 22.91", "1 322.91", 601),
    near_miss(  # the bound is 10^7 万元 (1000 亿元)
        "YS611",
        set_cell("expenditure", "合计", "10000000.00", item="合计"),
        set_cell("expenditure", "合计", "9999999.99", item="合计"),
        table="expenditure",
        line=533,
    ),
    # 0.01 is a value, not a zero beside the blanks; 0.00 is
    row_near_miss("YS612", "项目支出", "0.00", "0.01", 602, severity=(Severity.INFO,)),
    near_miss(  # one table header's year dates the package (the other tables: info only)
        "YS613", NO_YEAR, no_year_but("预算年度：2023"), table="summary", line=1
    ),
    near_miss(  # U+F900 豈 is the first code point after the private-use area, U+F8FF its last
        "YS614",
        replace("压减公务接待费。", "压减公务\uf8ff费。"),
        replace("压减公务接待费。", "压减公务\uf900费。"),
        line=1678,
    ),
    Case(  # an item may end with “；”; with no mark at all between two “。” items it is info
        "YS615",
        replace(
            "6、上缴上级支出：指下级单位上缴上级的支出。",
            "6、上缴上级支出：指下级单位上缴上级的支出",
        ),
        severity=(Severity.INFO,),
        id="near-miss",
        near=replace(
            "6、上缴上级支出：指下级单位上缴上级的支出。",
            "6、上缴上级支出：指下级单位上缴上级的支出；",
        ),
        at={"line": 2178},
    ),
]
CASES += NEAR_MISSES


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_reference_warnings_are_pinned() -> None:
    """The reference's two real defects, and nothing else loud from this family."""
    loud = {
        code: [f for f in findings(code, REF_TEXT) if f.severity is not Severity.INFO]
        for code in [f"YS6{n:02d}" for n in range(1, 14)]
    }
    assert {c: len(fs) for c, fs in loud.items() if fs} == {"YS603": 1, "YS604": 1}
    car = loud["YS603"][0]
    assert car.severity is Severity.WARNING
    assert (car.location.table, car.location.row_item, car.location.column) == (
        "three_public",
        CAR,
        "合计",
    )
    assert (car.expected, car.actual, car.difference) == ("6.8", "空", "-6.8")
    buy = loud["YS604"][0]
    assert buy.severity is Severity.WARNING
    assert (buy.location.table, buy.expected, buy.actual) == ("procurement", "15", "0")
    assert "列入政府采购预算" in buy.message and buy.location.line is not None


def test_mixed_width_bracket_is_info_only() -> None:
    found = findings("YS608", REF_TEXT)
    assert [f.severity for f in found] == [Severity.INFO]
    assert "半角" in found[0].message


def test_negated_procurement_claim_is_silent() -> None:
    edit = replace(CLAIM, "未列入政府采购预算。")
    assert findings("YS604", edit(REF_TEXT)) == []


def test_unit_rule_not_applicable_to_department_package() -> None:
    assert coverage_status("YS609", REF_TEXT) == "not_applicable"


def test_wrong_unit_points_at_the_mislabelled_table() -> None:
    found = findings("YS611", replace("单位：万元", "单位：元")(REF_TEXT))
    assert [f.location.table for f in found] == ["summary"]


def test_negative_surplus_in_final_accounts_is_info() -> None:
    from decimal import Decimal

    from yusuan.check import check
    from yusuan.model import Cell, Column, Disclosure, Row, Table, TableId

    table = Table(
        id=TableId.SUMMARY,
        title="收入支出决算总表",
        columns=(Column(index=0, key="项目", path=("项目",), role="item"),
                 Column(index=1, key="年末结转和结余", path=("年末结转和结余",), role="amount")),
        rows=(Row(index=0, label="一般公共服务支出", item="一般公共服务支出",
                  cells={1: Cell(text="-1.20", value=Decimal("-1.20"))}),),
    )  # fmt: skip
    report = check(Disclosure(kind="决算", tables=(table,)), select=["YS601"])
    assert [f.severity for f in report.findings] == [Severity.INFO]


def test_procurement_rule_statement_is_not_a_claim() -> None:
    edit = replace("2、规范财务管理。", "2、规范财务管理。采购项目应当纳入政府采购预算。")
    assert [f.location.line for f in findings("YS604", edit(REF_TEXT))] == [
        f.location.line for f in findings("YS604", REF_TEXT)
    ]
