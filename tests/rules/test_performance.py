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
    # near misses: one 产出 row left (数量); only the 可持续影响 row left of the 效益 (under the
    # 产出 一级指标 it continues, its 二级指标 still says 效益); a 满意度 row with no 二级指标
    Case(
        "YS701",
        cut(OUTPUT_ROWS, OUTCOME_ROWS),
        at={"table": "performance", "line": 1735},
        near=cut("\t\n\t质量指标\n\t信息系统故障发生率", OUTCOME_ROWS),
    ),
    Case(
        "YS702",
        cut(OUTCOME_ROWS, SATISFACTION_ROW),
        at={"table": "performance", "line": 1735},
        near=cut(OUTCOME_ROWS, "\t\n\t可持续影响指标\n\t软件正常运行年限"),
    ),
    Case(
        "YS703",
        cut(SATISFACTION_ROW, "2、平乡县第十七届"),
        at={"table": "performance", "line": 1735},
        near=replace(SATISFACTION_ROW, "\t满意度指标\n\t\n\t使用人员满意度"),
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
        near=replace("\t≥5个\n", "\t按合同约定\n"),  # a value, if not a number (YS709's)
    ),
    Case(
        "YS705",
        replace("≤25万元", "≤35万元"),
        at={"table": "performance", "row_code": "2010104", "column": "指标值", "line": 1854},
        near=replace("≤25万元", "≤250000元"),  # the same 25 万元 in 元
    ),  # 人大会议 项目支出 25.00
    Case(
        "YS705",
        replace("≤27万元", "≤270万元"),
        severity=(Severity.ERROR,),
        id="all-projects",
        at={"table": "performance", "row_item": "成本控制", "column": "指标值", "line": 1770},
    ),
    Case(
        "YS706",
        replace(GOALS, "\t"),
        at={"table": "performance", "line": 1735},
        near=replace(GOALS, "\t投入使用"),
    ),
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


# YS710 (INFO): the reference's seven 效益 of “显著提升/显著提高/进一步提升服务水平” are real
# cases; FIX_VAGUE gives each a measure
FIX_VAGUE = chain(
    replace("\t进一步提升服务水平\n", "\t≥95%\n"),
    replace("\t显著提升\n", "\t≥95%\n", count=3),
    replace("\t显著提高\n", "\t≥95%\n", count=3),
)
TIMELINESS_ROW = "\t\n\t时效指标\n\t完成及时率"
CASES += [
    Case(
        "YS708",
        bad=cut(TIMELINESS_ROW, "\t\n\t成本指标\n\t成本控制\n\t平乡县智慧人大"),
        near=replace(TIMELINESS_ROW, "\t\n\t时效性指标\n\t完成及时率"),
        severity=(Severity.INFO,),
        at={"table": "performance", "line": 1735},
    ),
    Case(
        "YS709",
        bad=replace("\t≥5个\n", "\t按需建设\n"),
        near=replace("\t≥5个\n", "\t不少于5个板块\n"),
        at={
            "table": "performance",
            "row_item": "智慧人大板块数量",
            "column": "指标值",
            "line": 1749,
        },
    ),
    Case(
        "YS710",
        bad=chain(FIX_VAGUE, replace("\t≥6年\n", "\t显著增强\n")),
        good=FIX_VAGUE,
        near=chain(FIX_VAGUE, replace("\t≥6年\n", "\t较上年提高10%\n")),
        severity=(Severity.INFO,),
        at={"table": "performance", "row_item": "软件正常运行年限", "column": "指标值"},
    ),
    Case(
        "YS711",
        bad=replace("2023年开展监督检查不少于20次", "2023年开展监督检查不少于25次"),
        near=replace("2023年开展监督检查不少于20次", "2023年开展监督检查在20次以上"),
        at={"section": "总体绩效目标", "line": 1685},
    ),
]


SAFEGUARDS = "（三）工作保障措施"


def stating(sentence: str) -> Edit:
    """An edit adding ``sentence`` as a paragraph of the 部门整体绩效目标 (line 1718)."""
    return replace(SAFEGUARDS, f"{sentence}\n{SAFEGUARDS}")


GRADES = "绩效自评的2023年度项目4个，涉及预算金额163万元，平均得分95分（其中，绩效评级为“优”的项目3个，“良”的项目{}个）。"
CASES += [
    Case(
        "YS712",
        bad=stating("编报绩效目标的项目5个，涉及项目预算资金163万元。"),
        near=stating("编报绩效目标的项目4个，涉及项目预算资金163万元。"),
        at={"line": 1718},
    ),
    Case("YS713", bad=stating(GRADES.format(0)), near=stating(GRADES.format(1)), at={"line": 1718}),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_reference_has_only_the_unmeasurable_and_vague_infos() -> None:
    """On the reference the YS7xx rules find two 产出 without a number (YS707) and seven 效益
    stating only a direction (YS710), all INFO; the 部门整体 targets agree with the tables."""
    found = [f for n in range(701, 714) for f in findings(f"YS{n}", REF_TEXT)]
    assert {f.severity for f in found} == {Severity.INFO}
    by = {code: [f.actual for f in found if f.code == code] for code in ("YS707", "YS710")}
    assert set(by["YS707"]) == {"控制在预算数内", "按照法定程序规定时间召开会议"}
    assert sorted(by["YS710"]) == sorted(
        ["进一步提升服务水平"] + ["显著提升"] * 3 + ["显著提高"] * 3
    )
    assert len(found) == 9


def test_cost_finding_names_the_matching_row() -> None:
    f = findings("YS705", replace("≤25万元", "≤35万元")(REF_TEXT))[0]
    assert f.severity is Severity.WARNING
    assert (f.expected, f.actual, f.difference) == ("25", "35", "10")
    assert f.location.table == "performance" and f.location.row_code == "2010104"
    assert "人大会议" in f.message


def test_cost_above_all_project_spending_is_error() -> None:
    f = findings("YS705", replace("≤27万元", "≤270万元")(REF_TEXT))[0]
    assert f.severity is Severity.ERROR and (f.expected, f.actual) == ("163", "270")
    assert "全部项目支出 163.00 万元" in f.message  # as the 支出总表 prints it


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
