"""YS7xx: 绩效目标 — indicators, values, cost targets against the budget."""

from __future__ import annotations

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
)
from yusuan.rules.base import Severity


def cut(start: str, end: str) -> Edit:
    """An edit removing the text from ``start`` (included) up to ``end`` (kept)."""

    def edit(text: str) -> str:
        i = text.index(start)
        j = text.index(end, i + len(start))
        return text[:i] + text[j:]

    return edit


OUTPUT_ROWS = "\t产出指标\n\t数量指标\n\t智慧人大板块数量"
OUTCOME_ROWS = "\t效益指标\n\t社会效益指标\n\t提供优质服务"
SATISFACTION_ROW = "\t满意度指标\n\t服务对象满意度指标\n\t使用人员满意度"
GOALS = "\t1.“智慧人大”投入使用\n\n2.提高闭会期间代表收集民情民意的解决率和联系群众的实效性"
NO_PROJECT_TABLES = cut("第二部分  预算项目绩效目标", "六、政府采购预算情况")

CASES = [
    Case("YS701", cut(OUTPUT_ROWS, OUTCOME_ROWS), at={"table": "performance", "line": 1735}),
    Case("YS702", cut(OUTCOME_ROWS, SATISFACTION_ROW), at={"table": "performance", "line": 1735}),
    Case(
        "YS703",
        cut(SATISFACTION_ROW, "2、平乡县第十七届"),
        at={"table": "performance", "line": 1735},
    ),
    Case(
        "YS704",
        replace("\t≥5个\n", "\t\n"),
        at={
            "table": "performance",
            "row_item": "智慧人大板块数量",
            "column": "指标值",
            "line": 1749,
        },
    ),
    Case(
        "YS705",
        replace("≤25万元", "≤35万元"),
        at={"table": "performance", "row_code": "2010104", "column": "指标值", "line": 1854},
    ),  # 人大会议 项目支出 25.00
    Case(
        "YS705",
        replace("≤27万元", "≤270万元"),
        severity=(Severity.ERROR,),
        id="all-projects",
        at={"table": "performance", "row_item": "成本控制", "column": "指标值", "line": 1770},
    ),
    Case("YS706", replace(GOALS, "\t"), at={"table": "performance", "line": 1735}),
    # YS707 (INFO) the reference's 成本控制 “控制在预算数内” is a real case; with numbers it is
    # silent, and a number inside the words is enough
    Case(
        "YS707",
        bad=replace("\t按照法定程序规定时间召开会议\n", "\t≤3天\n"),
        good=chain(
            replace("\t按照法定程序规定时间召开会议\n", "\t≤3天\n"),
            replace("\t控制在预算数内\n", "\t≤48万元\n"),
        ),
        near=chain(
            replace("\t按照法定程序规定时间召开会议\n", "\t≤3天\n"),
            replace("\t控制在预算数内\n", "\t控制在48万元内\n"),
        ),
        severity=(Severity.INFO,),
        at={"table": "performance", "row_item": "成本控制", "column": "指标值", "line": 2049},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_reference_has_only_the_two_unmeasurable_infos() -> None:
    found = [f for n in range(1, 8) for f in findings(f"YS70{n}", REF_TEXT)]
    assert [(f.code, f.severity) for f in found] == [("YS707", Severity.INFO)] * 2
    assert {f.actual for f in found} == {"控制在预算数内", "按照法定程序规定时间召开会议"}


def test_cost_finding_names_the_matching_row() -> None:
    f = findings("YS705", replace("≤25万元", "≤35万元")(REF_TEXT))[0]
    assert f.severity is Severity.WARNING
    assert (f.expected, f.actual, f.difference) == ("25", "35", "10")
    assert f.location.table == "performance" and f.location.row_code == "2010104"
    assert "人大会议" in f.message


def test_cost_above_all_project_spending_is_error() -> None:
    f = findings("YS705", replace("≤27万元", "≤270万元")(REF_TEXT))[0]
    assert f.severity is Severity.ERROR and (f.expected, f.actual) == ("163", "270")


def test_missing_output_indicators_named_per_project() -> None:
    found = findings("YS701", cut(OUTPUT_ROWS, OUTCOME_ROWS)(REF_TEXT))
    assert len(found) == 1 and "智慧人大" in found[0].message


def test_without_project_tables_rules_are_not_applicable() -> None:
    """No table, no 目录 entry, no title, no heading: the package prints no project targets."""
    text = NO_PROJECT_TABLES(REF_TEXT)
    for code in ("YS701", "YS704", "YS705", "YS707"):
        assert coverage_status(code, text) == "not_applicable"


def test_printed_but_unread_targets_cannot_run() -> None:
    """The heading 预算项目绩效目标 is printed, its tables are not: could-not-run stays."""
    text = cut("1、“智慧人大”建设项目", "六、政府采购预算情况")(REF_TEXT)
    assert "预算项目绩效目标" in text
    assert coverage_status("YS701", text) == "could_not_run"
    assert coverage_status("YS705", text) == "could_not_run"
    # a titled 绩效目标表 whose grid is not recognized (no 一级指标 header) is printed too
    unread = chain(
        replace("一级指标", "指标层级", count=4), replace("预算项目绩效目标", "项目情况")
    )(REF_TEXT)
    assert coverage_status("YS703", unread) == "could_not_run"
