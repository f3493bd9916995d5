"""YS4xx: prose against tables (the yusuan.rules.prose package)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support.pdf_maker import Page, write_pdf
from support.rules import (
    REF_TEXT,
    Case,
    Edit,
    assert_case,
    chain,
    coverage_status,
    findings,
    parse,
    reference,
    replace,
    set_cell,
    set_code,
    set_name,
)
from yusuan.api import load
from yusuan.check import check
from yusuan.model import Disclosure, Source, TableId
from yusuan.rules import all_rules
from yusuan.rules.base import Severity

LOUD = (Severity.ERROR, Severity.WARNING)
SUBJECT_AT = "压减公务接待费。"


def as_final(text: str) -> str:
    """The reference as a 决算 (every 预算 word a 决算 word)."""
    return text.replace("预算", "决算")


def final_prose(
    word: str, percent: str = "98.93", budget: str = "600", final: str = "593.58"
) -> Edit:
    """A 决算 whose prose compares 决算数 ``final`` with 预算数 ``budget`` using ``word``."""

    def edit(text: str) -> str:
        return as_final(text).replace(
            SUBJECT_AT,
            SUBJECT_AT + f"一般公共预算财政拨款支出年初预算为{budget}万元，支出决算为{final}万元，"
            f"完成年初预算的{percent}%。决算数{word}预算数的主要原因：厉行节约。",
            1,
        )

    return edit


def three_public_final(blank: bool, budget: str = "8.3") -> Edit:
    """A 决算 whose 三公 table has a 预算数 column, blanked or not, and prose stating the budget."""

    def edit(text: str) -> str:
        text = as_final(text).replace(
            SUBJECT_AT, SUBJECT_AT + f"“三公”经费财政拨款支出年初预算为{budget}万元。", 1
        )
        head, _, tail = text.partition("财政拨款“三公”经费支出表")
        table, sep, rest = tail.partition("四、")
        table = table.replace("\t\n\t\n\t合计\n", "\t\n\t\n\t预算数\n", 1)
        if blank:
            for v in ("8.3", "6.80", "1.50"):
                table = table.replace(f"\t{v}\n\t{v}", f"\t\n\t{v}")
        return head + "财政拨款“三公”经费支出表" + table + sep + rest

    return edit


THREE_PUBLIC_CHANGE = "“三公”经费比上年预算减少4.7万元，"

CASES = [
    Case(
        "YS401",
        replace("2023年预算收入593.58万元", "2023年预算收入594.58万元"),
        at={"table": "summary", "row_item": "收入总计", "column": "预算数", "line": 1664},
    ),
    Case(
        "YS401",
        replace("2023年预算收入593.58万元", "2023年收入总计594.58万元"),
        id="grand-total",
        at={"table": "summary", "row_item": "收入总计", "column": "预算数", "line": 1664},
    ),
    Case(
        "YS402",
        replace("一般公共预算收入593.58万元", "一般公共预算收入594.58万元"),
        at={
            "table": "summary",
            "row_item": "一般公共预算拨款收入",
            "column": "预算数",
            "line": 1664,
        },
    ),
    Case(
        "YS403",
        replace("基金预算收入0万元", "基金预算收入1万元"),
        at={
            "table": "summary",
            "row_item": "政府性基金预算拨款收入",
            "column": "预算数",
            "line": 1664,
        },
    ),
    Case(
        "YS404",
        replace("财政专户核拨收入0万元", "财政专户核拨收入1万元"),
        at={
            "table": "summary",
            "row_item": "财政专户管理资金收入",
            "column": "预算数",
            "line": 1664,
        },
    ),
    Case(
        "YS405",
        replace("其他来源收入0万元", "其他来源收入1万元"),
        at={
            "table": "summary",
            "row_item": "事业收入＋事业单位经营收入＋上级补助收入＋附属单位上缴收入＋其他收入",
            "column": "预算数",
            "line": 1664,
        },
    ),
    Case(
        "YS406",
        replace("上年结转0万元", "上年结转1万元"),
        at={"table": "summary", "row_item": "上年结转结余", "column": "预算数", "line": 1664},
    ),
    Case(
        "YS406",
        replace("上年结转0万元", "上年结转0.5万元"),
        good=chain(
            replace("上年结转0万元", "上年结转0.5万元"),
            set_cell("summary", "预算数", "0.50", item="上年结转结余", section="收入"),
        ),
        id="table-agrees",
        at={"table": "summary", "row_item": "上年结转结余", "column": "预算数", "line": 1664},
    ),
    Case(
        "YS407",
        replace("部门支出预算为593.58万元", "部门支出预算为594.58万元"),
        at={"table": "expenditure", "row_item": "合计", "column": "合计", "line": 1668},
    ),
    Case(
        "YS408",
        replace("基本支出430.58万元", "基本支出431.58万元"),
        at={"table": "expenditure", "row_item": "合计", "column": "基本支出", "line": 1668},
    ),
    Case(
        "YS408",
        set_cell("expenditure", "基本支出", "431.58", item="合计"),
        id="table-changed",
        at={"table": "expenditure", "row_item": "合计", "column": "基本支出", "line": 1668},
    ),
    Case(
        "YS409",
        replace("人员经费405.07万元", "人员经费406.07万元"),
        at={"table": "gpb_basic", "row_item": "合计", "column": "人员经费", "line": 1668},
    ),
    Case(
        "YS410",
        replace("日常公用经费25.51万元", "日常公用经费26.51万元"),
        at={"table": "gpb_basic", "row_item": "合计", "column": "公用经费", "line": 1668},
    ),
    Case(
        "YS411",
        replace("项目支出163万元", "项目支出164万元"),
        at={"table": "expenditure", "row_item": "合计", "column": "项目支出", "line": 1668},
    ),
    Case(
        "YS412",
        replace("机关运行经费共计安排25.51万元", "机关运行经费共计安排26.51万元"),
        at={"table": "gpb_basic", "row_item": "合计", "column": "公用经费", "line": 1675},
    ),
    Case(
        "YS413",
        replace("公务接待费1.5万元", "公务接待费2.5万元"),
        at={"table": "three_public", "row_item": "公务接待费", "column": "合计", "line": 1678},
    ),
    Case(
        "YS413",
        replace("预算安排8.3万元", "预算安排9.3万元"),
        id="total",
        at={"table": "three_public", "row_item": "合计", "column": "合计", "line": 1678},
    ),
    Case(
        "YS413",
        replace("因公出国（境）费0万元", "因公出国（境）费1万元"),
        id="blank-cell",
        at={
            "table": "three_public",
            "row_item": "因公出国（境）费",
            "column": "合计",
            "line": 1678,
        },
    ),
    Case(
        "YS413",
        set_cell("three_public", "合计", "6.90", item="公务用车运行维护费"),
        id="parent-blank",
        at={
            "table": "three_public",
            "row_item": "公务用车购置及运维费",
            "column": "合计",
            "line": 1678,
        },
    ),
    Case(
        "YS414",
        replace("政府采购预算0.00万元", "政府采购预算1.00万元"),
        at={
            "table": "procurement",
            "row_item": "空表（注：无政府采购预算，空表列示。）",
            "line": 2086,
        },
    ),
    Case(
        "YS415",
        replace("固定资产金额为155.59万元", "固定资产金额为156.59万元"),
        at={
            "table": "assets",
            "row_item": "资产总额",
            "column": "价值（金额单位：万元）",
            "line": 2138,
        },
    ),
    Case(
        "YS416",
        replace("部门预算收支安排593.58万元", "部门预算收支安排594.58万元"),
        at={"table": "summary", "row_item": "收入总计", "column": "预算数", "line": 1672},
    ),
    Case(
        "YS416",
        set_cell("summary", "预算数", "594.58", item="支出总计", section="支出"),
        id="one-side",
        at={"table": "summary", "row_item": "支出总计", "column": "预算数", "line": 1672},
    ),
    Case("YS417", replace("增加2.75万元", "增加3.75万元"), at={"line": 1672}),
    Case(
        "YS418",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降56.6%，"),
        good=replace(
            THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降36.2%，"
        ),
        at={"line": 1678},
    ),
    Case(
        "YS418",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，下降30%，"),
        good=replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，下降36.15%，"),
        id="two-amounts",
        at={"line": 1678},
    ),
    Case(
        "YS419",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，较上年增加4.7万元，"),
        good=replace(
            THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，较上年减少4.7万元，"
        ),
        at={"line": 1678},
    ),
    Case(
        "YS419",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，较上年减少3.7万元，"),
        good=replace(
            THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，较上年减少4.7万元，"
        ),
        id="change-amount",
        at={"line": 1678},
    ),
    Case(
        "YS419",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费比上年预算减少4.7万元，增长36.2%，"),
        id="percent",
        at={"line": 1678},
    ),
    Case(
        "YS418",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降56.6%，"),
        good=replace(
            THREE_PUBLIC_CHANGE,
            "“三公”经费预算8.3万元，比上年预算减少4.7万元，主要原因是按规定统一压减10%，",
        ),
        id="reason-clause",
        at={"line": 1678},
    ),
    Case(
        "YS418",
        # jiangsu 2019: the amount, then the change and its rate in the next sentence
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元。与上年相比减少4.7万元，下降56.6%。"),
        good=replace(
            THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元。与上年相比减少4.7万元，下降36.2%。"
        ),
        id="next-sentence",
        at={"line": 1678},
    ),
    Case(
        "YS418",
        # 1297.83 ÷ 8072.29 = 16.0776%: printed 16.07 (cut), not 16.08 (rounded); jiangsu 2019
        replace(
            THREE_PUBLIC_CHANGE,
            "“三公”经费预算9370.12万元，比上年预算增加1297.83万元，增长16.07%，",
        ),
        good=replace(
            THREE_PUBLIC_CHANGE,
            "“三公”经费预算9370.12万元，比上年预算增加1297.83万元，增长16.08%，",
        ),
        severity=(Severity.INFO,),
        id="truncated",
        at={"line": 1678},
    ),
    Case(
        "YS419",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，较上年增加4.7万元，"),
        good=replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，本年数小于上年预算数4.7万元，"),
        id="smaller-by",
        at={"line": 1678},
    ),
    Case(
        "YS419",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，上年预算13万元，较上年增加4.7万元，"),
        good=replace(
            THREE_PUBLIC_CHANGE,
            "“三公”经费预算8.3万元，一是纳入2022年预算管理的13万元培训费不再安排；"
            "二是增加了“事业运行”项级科目分流3万元，",
        ),
        id="two-reasons",
        at={"line": 1678},
    ),
    Case(
        "YS420",
        replace("较2022年预算增加2.75万元", "与2021年预算一致"),
        good=replace("较2022年预算增加2.75万元", "与2022年预算一致"),
        id="same-as",
        at={"line": 1672},
    ),
    Case("YS420", replace("2023年部门预算收支安排", "2022年部门预算收支安排"), at={"line": 1672}),
    Case("YS420", replace("较2022年预算", "较2021年预算"), id="base-year", at={"line": 1672}),
    Case(
        "YS420",
        replace("收支安排593.58万元", "收支安排593.58万元（截至2023年12月31日）"),
        id="point",
        at={"line": 1672},
    ),
    Case(
        "YS421",
        replace("项目支出163万元，主要为", "项目支出163万元。基本支出433.83万元，主要为"),
        at={"line": 1668},
    ),
    Case(
        "YS421",
        replace("项目支出163万元，主要为", "项目支出163万元。基本支出433.83万元，主要为"),
        # the same words for different things: clauses of one sentence, a threshold, a 科目's
        # own paragraph, a word that names nothing
        good=replace(
            "项目支出163万元，主要为",
            "项目支出163万元，中小企业采购金额5万元；小微企业采购金额3万元。单价50万元以上设备0台，"
            "单价100万元以上设备0台。一般公共服务支出（类）人大事务（款）行政运行（项）支出40万元。"
            "另有支出8万元，主要为",
        ),
        id="not-one-thing",
        at={"line": 1668},
    ),
    Case(
        "YS421",
        # a paragraph that ends its sentence, then another stating 基本支出 otherwise
        replace(
            "项目支出163万元，主要为",
            "项目支出163万元。\n\n一般公共服务支出（类）人大事务（款）行政运行（项）年初预算为400万元。"
            "\n\n基本支出433.83万元，主要为",
        ),
        # a 科目's paragraph split by a line break mid-sentence (a scan's lines, or a figure
        # that did not fit on the line): its continuation states that 科目's figures
        good=replace(
            "项目支出163万元，主要为",
            "项目支出163万元。\n\n一般公共服务支出（类）人大事务（款）行政运行（项）年初预算为"
            "\n\n433.83万元，基本支出433.83万元，主要为",
        ),
        id="split-paragraph",
        at={"line": 1672},
    ),
    Case(
        "YS422",
        replace("项目支出163万元，主要为", "项目支出163万元，其中2010102行政运行48万元，主要为"),
        good=replace(
            "项目支出163万元，主要为", "项目支出163万元，其中2010102一般行政管理事务48万元，主要为"
        ),
        at={"line": 1668},
    ),
    Case(
        "YS422",
        replace(
            "项目支出163万元，主要为",
            "项目支出163万元，其中医疗卫生与计划生育支出（类）人大事务（款）25万元，主要为",
        ),
        good=replace(
            "项目支出163万元，主要为",
            "项目支出163万元，其中一般公共服务（类）人大事务（款）人大会议（项）25万元，"
            "一般公共服务支出（201类）人大事务（20101款）5万元，主要为",
        ),
        id="levels",
        at={"line": 1668},
    ),
    Case(
        "YS423",
        replace("2023年预算收入593.58万元", "2023年预算收入593.58元"),
        at={
            "table": "summary",
            "row_item": "一般公共预算拨款收入",
            "column": "预算数",
            "line": 1664,
        },
    ),
    Case(
        "YS423",
        replace("公务接待费1.5万元", "公务接待费15000万元"),
        id="wan-for-yuan",
        at={"table": "three_public", "row_item": "公务接待费", "column": "合计", "line": 1678},
    ),
    Case(
        "YS424",
        replace("2023年预算收入593.58万元", "2023年收入支出总计0万元"),
        good=replace("2023年预算收入593.58万元", "2023年收入支出总计593.58万元"),
        at={"table": "summary", "row_item": "收入总计", "column": "预算数", "line": 1664},
    ),
    Case("YS425", final_prose("大于"), good=final_prose("小于"), at={"line": 1678}),
    Case(
        "YS425",
        final_prose("小于", "97.00"),
        good=final_prose("小于"),
        id="percent",
        at={"line": 1678},
    ),
    Case(
        "YS426",
        three_public_final(blank=True),
        good=three_public_final(blank=False),
        at={"table": "three_public", "row_item": "合计", "column": "预算数", "line": 1551},
    ),
    Case(
        "YS427",
        replace(SUBJECT_AT, SUBJECT_AT + "医疗卫生与计划生育支出20万元。"),
        good=replace(SUBJECT_AT, SUBJECT_AT + "卫生健康支出20万元。"),
        # the old name beside this year's explains the rename: without it, it is the old name
        near=replace(SUBJECT_AT, SUBJECT_AT + "卫生健康支出（原医疗卫生与计划生育支出）20万元。"),
        at={"line": 1678},
    ),
]


def near_miss(
    code: str, old: str, near: str, further: str, id: str = "near-miss", **at: str | int
) -> Case:
    """A near miss (issue #19): ``old`` → ``near`` stays silent, the difference inside the rule's
    bound (an info at most); ``old`` → ``further``, one step beyond it, fires where ``at`` says."""
    return Case(code, replace(old, further), id=id, near=replace(old, near), at=at)


SUMMARY_AT: dict[str, str | int] = {"table": "summary", "column": "预算数", "line": 1664}
EXPENDITURE_AT: dict[str, str | int] = {"table": "expenditure", "row_item": "合计", "line": 1668}
BASIC_AT: dict[str, str | int] = {"table": "gpb_basic", "row_item": "合计", "line": 1668}


def revenue_line(item: str, value: str) -> Edit:
    """The summary's 收入 line ``item`` printed as ``value`` (the prose still says 0万元)."""
    return set_cell("summary", "预算数", value, item=item, section="收入")


# A stated amount rounded to fewer places than the table prints is inside the bound (half a unit
# of each printed last digit): 593.58 said as 593.6 is silent, 593.7 is not.
NEAR_MISSES = [
    near_miss(
        "YS401",
        "2023年预算收入593.58万元",
        "2023年预算收入593.6万元",
        "2023年预算收入593.7万元",
        row_item="收入总计",
        **SUMMARY_AT,
    ),
    near_miss(
        "YS402",
        "一般公共预算收入593.58万元",
        "一般公共预算收入593.6万元",
        "一般公共预算收入593.7万元",
        row_item="一般公共预算拨款收入",
        **SUMMARY_AT,
    ),
    # “0万元” (no decimals) covers up to 0.50 in the table; 0.51 is beyond it
    *(
        Case(
            code,
            revenue_line(item, "0.51"),
            id="near-miss",
            near=revenue_line(item, "0.50"),
            at={"row_item": label, **SUMMARY_AT},
        )
        for code, item, label in [
            ("YS403", "政府性基金预算拨款收入", "政府性基金预算拨款收入"),
            ("YS404", "财政专户管理资金收入", "财政专户管理资金收入"),
            (
                "YS405",
                "事业收入",
                "事业收入＋事业单位经营收入＋上级补助收入＋附属单位上缴收入＋其他收入",
            ),
        ]
    ),
    Case(
        "YS406",  # 0.5 said for 0.46 printed; 0.44 is beyond (0.05 + 0.005)
        chain(replace("上年结转0万元", "上年结转0.5万元"), revenue_line("上年结转结余", "0.44")),
        id="near-miss",
        near=chain(
            replace("上年结转0万元", "上年结转0.5万元"), revenue_line("上年结转结余", "0.46")
        ),
        at={"row_item": "上年结转结余", **SUMMARY_AT},
    ),
    near_miss(
        "YS407",
        "部门支出预算为593.58万元",
        "部门支出预算为593.6万元",
        "部门支出预算为593.7万元",
        column="合计",
        **EXPENDITURE_AT,
    ),
    near_miss(
        "YS408",
        "基本支出430.58万元",
        "基本支出430.6万元",
        "基本支出430.7万元",
        column="基本支出",
        **EXPENDITURE_AT,
    ),
    near_miss(
        "YS409",
        "人员经费405.07万元",
        "人员经费405.1万元",
        "人员经费405.2万元",
        column="人员经费",
        **BASIC_AT,
    ),
    near_miss(
        "YS410",
        "日常公用经费25.51万元",
        "日常公用经费25.5万元",
        "日常公用经费25.4万元",
        column="公用经费",
        **BASIC_AT,
    ),
    Case(
        "YS411",  # “163万元” covers the table's 163.50, not 163.51
        set_cell("expenditure", "项目支出", "163.51", item="合计"),
        id="near-miss",
        near=set_cell("expenditure", "项目支出", "163.50", item="合计"),
        at={"column": "项目支出", **EXPENDITURE_AT},
    ),
    near_miss(
        "YS412",
        "机关运行经费共计安排25.51万元",
        "机关运行经费共计安排25.5万元",
        "机关运行经费共计安排25.4万元",
        table="gpb_basic",
        row_item="合计",
        column="公用经费",
        line=1675,
    ),
    near_miss(  # 1.50 said in whole 万元 is 2 (half up); 3 is beyond
        "YS413",
        "公务接待费1.5万元",
        "公务接待费2万元",
        "公务接待费3万元",
        table="three_public",
        row_item="公务接待费",
        column="合计",
        line=1678,
    ),
    near_miss(  # last year's amount is not this year's table's: 上年 silent, 本年 fires
        "YS414",
        "安排政府采购预算0.00万元",
        "安排政府采购预算0.00万元，上年安排政府采购预算1.00万元",
        "安排政府采购预算0.00万元，本年安排政府采购预算1.00万元",
        table="procurement",
        line=2086,
    ),
    near_miss(
        "YS415",
        "固定资产金额为155.59万元",
        "固定资产金额为155.6万元",
        "固定资产金额为155.7万元",
        table="assets",
        row_item="资产总额",
        column="价值（金额单位：万元）",
        line=2138,
    ),
    near_miss(
        "YS416",
        "部门预算收支安排593.58万元",
        "部门预算收支安排593.6万元",
        "部门预算收支安排593.7万元",
        table="summary",
        row_item="收入总计",
        column="预算数",
        line=1672,
    ),
    near_miss(  # 6.01 − 3.25 = 2.76 against 2.75: inside 3 × 0.005; 6.02 is beyond
        "YS417", "项目支出增加6万元", "项目支出增加6.01万元", "项目支出增加6.02万元", line=1672
    ),
    # 4.7 ÷ 13: with each figure's rounding the rate lies in 35.50–36.82%, ± 0.05 for 36.x
    near_miss(
        "YS418",
        THREE_PUBLIC_CHANGE,
        "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降36.8%，",
        "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降36.9%，",
        line=1678,
    ),
    Case(
        "YS418",
        replace(THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降35.4%，"),
        id="near-miss-low",
        near=replace(
            THREE_PUBLIC_CHANGE, "“三公”经费预算8.3万元，比上年预算减少4.7万元，下降35.5%，"
        ),
        at={"line": 1678},
    ),
    near_miss(  # 13 − 8.3 = 4.7 with 13 in whole 万元: 5.3 inside 0.5 + 0.05 + 0.05, 5.4 beyond
        "YS419",
        THREE_PUBLIC_CHANGE,
        "“三公”经费预算8.3万元，上年预算13万元，较上年减少5.3万元，",
        "“三公”经费预算8.3万元，上年预算13万元，较上年减少5.4万元，",
        line=1678,
    ),
    near_miss(  # 8.3 and 8.25 may both be 8.25 (an info at most); 8.3 and 8.24 may not
        "YS419",
        THREE_PUBLIC_CHANGE,
        "“三公”经费预算8.3万元，上年预算8.25万元，与上年持平，",
        "“三公”经费预算8.3万元，上年预算8.24万元，与上年持平，",
        id="near-miss-order",
        line=1678,
    ),
    near_miss(  # 2022年 beside 2023年 is last year's figure; without 2023年 it is a stale title
        "YS420",
        "2023年预算收入593.58万元",
        "2023年预算收入593.58万元，2022年预算收入590.83万元",
        "预算收入593.58万元，2022年预算收入590.83万元",
        line=1664,
    ),
    near_miss(
        "YS421",
        "项目支出163万元，主要为",
        "项目支出163万元。基本支出430.6万元，主要为",
        "项目支出163万元。基本支出430.7万元，主要为",
        line=1668,
    ),
    near_miss(  # the table's name with 支出 after it is that name; 行政支出 is another
        "YS422",
        "项目支出163万元，主要为",
        "项目支出163万元，其中2010101行政运行支出48万元，主要为",
        "项目支出163万元，其中2010101行政支出48万元，主要为",
        line=1668,
    ),
    near_miss(  # 15000元 is 1.5万元; 15000万元 is ten thousand times it
        "YS423",
        "公务接待费1.5万元",
        "公务接待费15000元",
        "公务接待费15000万元",
        table="three_public",
        row_item="公务接待费",
        column="合计",
        line=1678,
    ),
    near_miss(
        "YS424",
        "2023年预算收入593.58万元",
        "2023年收入支出总计593.6万元",
        "2023年收入支出总计593.7万元",
        table="summary",
        row_item="收入总计",
        column="预算数",
        line=1664,
    ),
    Case(  # 593.58 ÷ 600 = 98.93%: 98.94 is one unit of the last digit off, 98.95 two
        "YS425",
        final_prose("小于", "98.95"),
        id="near-miss",
        near=final_prose("小于", "98.94"),
        at={"line": 1678},
    ),
    Case(  # 593.58 and 593.57 may be one amount (an info at most); 593.58 and 593.56 may not
        "YS425",
        final_prose("等于", "100.00", budget="593.58", final="593.56"),
        id="near-miss-order",
        near=final_prose("等于", "100.00", budget="593.58", final="593.57"),
        at={"line": 1678},
    ),
    Case(  # a stated budget of 0 leaves nothing to print; 0.01 does
        "YS426",
        three_public_final(blank=True, budget="0.01"),
        id="near-miss",
        near=three_public_final(blank=True, budget="0"),
        at={"table": "three_public", "row_item": "合计", "column": "预算数", "line": 1551},
    ),
]


def subject_line(
    amount: str, names: str = "一般公共服务支出（类）人大事务（款）人大会议（项）"
) -> Edit:
    """The prose's 支出 paragraph gains one 科目's sentence: “‘names’科目 amount万元”."""
    return replace("项目支出163万元，主要为", f"项目支出163万元。“{names}”科目{amount}万元，主要为")


#: 2010104 人大会议 printed only by the 一般公共预算 table (the 支出总表 prints the row as
#: 2010199 其他人大事务) and 8万元 of other funds (支出总表 合计 601.58 against 593.58)
ONLY_GPB = chain(
    set_code("expenditure", "2010104", "2010199"),
    set_name("expenditure", "2010104", "其他人大事务"),
    set_cell("expenditure", "合计", "601.58", item="合计"),
)
KEMU_AT: dict[str, str | int] = {
    "table": "gpb_expenditure",
    "row_code": "2010104",
    "column": "合计",
    "line": 1668,
}
NEAR_MISSES += [
    # 25.00 said as 24.99 is inside the rounding (an info); 24.98 is not
    Case("YS428", subject_line("24.98"), id="near-miss", near=subject_line("24.99"), at=KEMU_AT),
    # a 款 labelled a 项: compared by its unique name, a difference only warned of
    Case(
        "YS428",
        subject_line("486.91", "一般公共服务支出（类）人大事务（项）"),
        good=subject_line("485.91", "一般公共服务支出（类）人大事务（项）"),
        severity=(Severity.WARNING,),
        id="by-name",
        at={**KEMU_AT, "row_code": "20101"},
    ),
    # printed only by a table of some funds: up to the other funds (8万元) above it may be
    # the 科目's whole 支出 (33 silent); beyond them (33.1) it cannot be
    Case(
        "YS428",
        chain(ONLY_GPB, subject_line("33.1")),
        id="other-funds",
        near=chain(ONLY_GPB, subject_line("33")),
        at=KEMU_AT,
    ),
]


def revenue_clause(clause: str) -> Edit:
    """The prose's 收入 sentence gains ``clause`` after its 一般公共预算 amount."""
    return replace("一般公共预算收入593.58万元，", f"一般公共预算收入593.58万元，{clause}，")


def spending_clause(clause: str) -> Edit:
    """The prose's 支出 paragraph gains the sentence ``clause``."""
    return replace("项目支出163万元，主要为", f"项目支出163万元。{clause}，主要为")


FISCAL_OUT_AT: dict[str, str | int] = {
    "table": "fiscal_summary",
    "row_item": "本年支出合计",
    "line": 1668,
}
NEAR_MISSES += [
    # 财政拨款收入 with no such line in the 收支总表: the 财政拨款收支总表's 本年收入合计
    Case(
        "YS429",
        revenue_clause("财政拨款收入593.7万元"),
        id="near-miss",
        near=revenue_clause("财政拨款收入593.6万元"),
        at={"table": "fiscal_summary", "row_item": "本年收入合计", "column": "金额", "line": 1664},
    ),
    # a blank 事业收入 line is 0: 0.00 is it, 0.01 is not
    Case(
        "YS429",
        revenue_clause("事业收入0.01万元"),
        id="blank-line",
        near=revenue_clause("事业收入0.00万元"),
        at={"table": "summary", "row_item": "事业收入", "column": "预算数", "line": 1664},
    ),
    Case(
        "YS430",
        spending_clause("财政拨款支出593.7万元"),
        id="near-miss",
        near=spending_clause("财政拨款支出593.6万元"),
        at={**FISCAL_OUT_AT, "column": "合计"},
    ),
    Case(
        "YS430",
        spending_clause("政府性基金拨款支出预算0.01万元"),
        id="fund",
        near=spending_clause("政府性基金拨款支出预算0.00万元"),
        at={**FISCAL_OUT_AT, "column": "政府性基金预算财政拨款"},
    ),
    # the department's units named before it (Shanghai) state the department's own figure
    near_miss(
        "YS412",
        "我部门机关运行经费共计安排25.51万元",
        "我部门下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为25.5万元",
        "我部门下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为25.4万元",
        id="units",
        table="gpb_basic",
        row_item="合计",
        column="公用经费",
        line=1675,
    ),
    # two whole numbers (“2” in the table, “3万元” said) cannot round one value: 四舍五入
    # gives [1.5, 2.5) and [2.5, 3.5); 2.4 can
    Case(
        "YS413",
        chain(
            set_cell("three_public", "合计", "2", item="公务接待费"),
            replace("公务接待费1.5万元", "公务接待费3万元"),
        ),
        id="whole-numbers",
        near=chain(
            set_cell("three_public", "合计", "2", item="公务接待费"),
            replace("公务接待费1.5万元", "公务接待费2.4万元"),
        ),
        at={"table": "three_public", "row_item": "公务接待费", "line": 1678},
    ),
]
CASES += NEAR_MISSES


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_every_prose_rule_has_a_case() -> None:
    codes = {r.code for r in all_rules() if r.code.startswith("YS4")}
    assert codes == {c.code for c in CASES}
    assert codes == {f"YS4{n:02d}" for n in range(1, 31)}


def test_reference_is_clean() -> None:
    report = check(parse(REF_TEXT), select=["YS4"])
    assert [f for f in report.findings if f.severity in LOUD] == []
    assert not report.findings


# Each amount of the reference prose that a table determines, changed by one.
STATED = [
    ("2023年预算收入593.58万元", "2023年预算收入594.58万元"),
    ("一般公共预算收入593.58万元", "一般公共预算收入594.58万元"),
    ("基金预算收入0万元", "基金预算收入1万元"),
    ("财政专户核拨收入0万元", "财政专户核拨收入1万元"),
    ("其他来源收入0万元", "其他来源收入1万元"),
    ("上年结转0万元", "上年结转1万元"),
    ("部门支出预算为593.58万元", "部门支出预算为594.58万元"),
    ("基本支出430.58万元", "基本支出431.58万元"),
    ("人员经费405.07万元", "人员经费406.07万元"),
    ("日常公用经费25.51万元", "日常公用经费26.51万元"),
    ("项目支出163万元", "项目支出164万元"),
    ("部门预算收支安排593.58万元", "部门预算收支安排594.58万元"),
    ("机关运行经费共计安排25.51万元", "机关运行经费共计安排26.51万元"),
    ("预算安排8.3万元", "预算安排9.3万元"),
    ("因公出国（境）费0万元", "因公出国（境）费1万元"),
    ("公务用车购置及运维费6.8万元", "公务用车购置及运维费7.8万元"),
    ("公务用车购置费0万元", "公务用车购置费1万元"),
    ("公务用车运行维护费6.8万元", "公务用车运行维护费7.8万元"),
    ("公务接待费1.5万元", "公务接待费2.5万元"),
    ("政府采购预算0.00万元", "政府采购预算1.00万元"),
    ("固定资产金额为155.59万元", "固定资产金额为156.59万元"),
]


@pytest.mark.parametrize(("old", "new"), STATED, ids=[new for _, new in STATED])
def test_each_stated_amount_is_checked(old: str, new: str) -> None:
    assert REF_TEXT.count(old) == 1
    report = check(parse(REF_TEXT.replace(old, new)), select=["YS4"])
    assert any(f.severity in LOUD for f in report.findings), f"no YS4xx finding for {new}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("增加2.75万元", "增加3.75万元"),
        ("减少3.25万元", "减少4.25万元"),
        ("项目支出增加6万元", "项目支出增加7万元"),
    ],
)
def test_each_change_is_checked(old: str, new: str) -> None:
    found = findings("YS417", replace(old, new)(REF_TEXT))
    assert [f.severity for f in found] == [Severity.ERROR]
    assert found[0].expected == "2.75" or found[0].actual == "2.75"


def test_prose_finding_points_at_sentence_and_table() -> None:
    f = findings("YS408", replace("基本支出430.58万元", "基本支出431.58万元")(REF_TEXT))[0]
    assert (f.location.table, f.location.row_item, f.location.column) == (
        "expenditure",
        "合计",
        "基本支出",
    )
    assert f.location.line == 1668 and f.location.text and "431.58万元" in f.location.text
    assert (f.expected, f.actual, f.difference) == ("430.58", "431.58", "1")
    assert "431.58万元" in f.message and "430.58" in f.message


def test_rounding_difference_is_info() -> None:
    found = findings("YS411", set_cell("expenditure", "项目支出", "163.40", item="合计")(REF_TEXT))
    assert found and all(f.severity is Severity.INFO for f in found)


def test_amount_in_yuan_is_converted() -> None:
    text = replace("2023年预算收入593.58万元", "2023年预算收入5935800元")(REF_TEXT)
    assert not findings("YS401", text) and not findings("YS423", text)


def test_grand_total_and_year_total_both_accepted() -> None:
    """收入总计 ≠ 本年收入合计: a bare “预算收入” may equal either; “收入总计” only the former,
    “本年收入” only the latter."""
    text = chain(
        set_cell("summary", "预算数", "600.00", item="收入总计", section="收入"),
        set_cell("summary", "预算数", "6.42", item="上年结转结余", section="收入"),
    )(REF_TEXT)
    assert not [f for f in findings("YS401", text) if f.severity in LOUD]
    assert findings("YS401", replace("2023年预算收入593.58万元", "2023年收入总计593.58万元")(text))
    assert findings("YS401", replace("2023年预算收入593.58万元", "2023年本年收入600.00万元")(text))


def test_missing_table_cannot_run() -> None:
    # neither title nor items name it (the 三公 items alone would: recognition by content)
    text = chain(
        replace("部门预算财政拨款“三公”经费支出表", "附表"),
        replace("因公出国（境）费", "出国费", count=3),  # the table's three rows
        replace("三、公务接待费", "三、接待费"),
    )(REF_TEXT)
    assert parse(text).table("three_public") is None
    assert coverage_status("YS413", text) == "could_not_run"


def test_last_year_amount_is_not_compared() -> None:
    text = replace("项目支出163万元，主要为", "项目支出163万元，上年项目支出157万元，主要为")(
        REF_TEXT
    )
    assert not findings("YS411", text)


WIDE_THREE_PUBLIC = """部门预算财政拨款“三公”经费和机关运行经费预算表
\t101平乡县人民代表大会常务委员会
\t预算年度：2023
\t单位：万元

\t合计
\t因公出国（境）费
\t公务用车购置及运行费
\t
\t
\t公务接待费
\t机关运行经费

\t
\t
\t小计
\t购置费
\t运行费
\t
\t

\t8.3
\t
\t6.80
\t
\t6.80
\t1.50
\t{running}


"""


def wide_three_public(running: str = "25.51") -> Edit:
    """The 三公 table in the wide layout of some regions (items as columns, one data row),
    with a 机关运行经费 column as Shanghai prints it."""

    def edit(text: str) -> str:
        start = text.index("部门预算财政拨款“三公”经费支出表")
        end = text.index("第一部分  平乡县")
        return text[:start] + WIDE_THREE_PUBLIC.format(running=running) + text[end:]

    return edit


def test_wide_three_public_table() -> None:
    text = wide_three_public()(REF_TEXT)
    assert parse(text).table("three_public") is not None
    assert not findings("YS413", text) and not findings("YS412", text)
    for old, new in [
        ("公务接待费1.5万元", "公务接待费2.5万元"),
        ("运维费6.8万元", "运维费7.8万元"),
    ]:
        found = findings("YS413", replace(old, new)(text))
        assert [f.severity for f in found] == [Severity.ERROR], found


def test_running_costs_column_of_its_own_is_an_error() -> None:
    """Against a printed 机关运行经费 figure a difference is an error, not a warning."""
    found = findings("YS412", wide_three_public("26.51")(REF_TEXT))
    assert [f.severity for f in found] == [Severity.ERROR]
    assert found[0].location.column == "机关运行经费"


def test_other_revenue_may_name_the_single_line() -> None:
    text = chain(
        replace("其他来源收入0万元", "其他收入2万元"),
        set_cell("summary", "预算数", "2.00", item="其他收入", section="收入"),
        set_cell("summary", "预算数", "1.00", item="事业收入", section="收入"),
    )(REF_TEXT)
    assert not findings("YS405", text)


def test_years_that_fit_are_silent() -> None:
    text = replace("上年末固定资产金额", "截至2022年12月31日固定资产金额")(REF_TEXT)
    assert not findings("YS420", text)
    assert findings("YS420", text.replace("截至2022年12月31日", "截至2021年12月31日"))


REGIONAL = """二、部门预算安排的总体情况
（一）收入预算
2023年部门收入预算593.58万元，比2022年预算增加2.75万元，增长0.47%。其中：财政拨款收入593.58万元；事业收入0万元；其他收入0万元。
（二）支出预算
2023年部门支出预算593.58万元，其中：基本支出430.58万元，占72.54%；项目支出163.00万元。
一般公共预算财政拨款基本支出430.58万元，其中：人员经费405.07万元；公用经费25.51万元。
按科目分：一般公共服务支出（类）人大事务（款）行政运行（项）322.91万元；2210201住房公积金31.00万元。
三、机关运行经费
2023年机关运行经费预算25.51万元，比2022年预算减少1.00万元，下降3.77%。
四、“三公”经费
2023年“三公”经费财政拨款预算数为8.30万元，比2022年减少4.70万元，下降36.15%。其中，因公出国（境）费0万元，与上年持平；公务用车购置及运行维护费6.80万元，其中公务用车购置费0万元，公务用车运行维护费6.80万元；公务接待费1.50万元。
"""


def regional(text: str) -> str:
    """The narrative's sections 二–四 in another region's wording (same figures)."""
    start, end = text.index("二、部门预算安排的总体情况"), text.index("五、预算绩效信息")
    return text[:start] + REGIONAL + text[end:]


def test_regional_wording_is_understood() -> None:
    text = regional(REF_TEXT)
    report = check(parse(text), select=["YS4"])
    assert not report.findings
    ran = {c.code for c in report.coverage if c.status == "ran"}
    assert {"YS401", "YS407", "YS408", "YS409", "YS410", "YS412", "YS413", "YS418", "YS422"} <= ran
    for old, new, code in [
        ("财政拨款预算数为8.30万元", "财政拨款预算数为9.30万元", "YS413"),
        ("下降3.77%", "下降4.77%", "YS418"),
        ("行政运行（项）", "行政管理事务（项）", "YS422"),
        ("部门收入预算593.58万元", "部门收入预算595.58万元", "YS401"),
    ]:
        assert findings(code, text.replace(old, new)), code


def test_comparison_with_template_alternative_is_not_a_contradiction() -> None:
    """“增加（减少）0万元” is a placeholder left in (YS605's error), not a claim for YS419."""
    from support.rules import REF_TEXT, findings

    old = "“三公”经费比上年预算减少4.7万元"
    left = REF_TEXT.replace(old, "“三公”经费预算8.3万元，2022年预算8.3万元，增加（减少）0万元")
    claimed = REF_TEXT.replace(old, "“三公”经费预算8.3万元，2022年预算8.3万元，增加0万元")
    assert findings("YS419", left) == []
    assert [f.code for f in findings("YS419", claimed)] == ["YS419"]
    assert any(f.code == "YS605" for f in findings("YS605", left))


def test_percentage_that_fits_the_lead_amount_names_it() -> None:
    """The rate is right for the item's lead amount; the repeated amount is the odd one
    (Putuo 万里街道 2024 p9: 350.35 lead, 352.67 repeated, 增加0.53%)."""
    text = REF_TEXT.replace(
        THREE_PUBLIC_CHANGE,
        "“三公”经费预算8.30万元，用于公务接待。上年预算13.00万元，本年预算安排9.00万元，"
        "比上年减少36.15%，",
    )
    (f,) = findings("YS418", text)
    assert f.severity is Severity.ERROR
    assert "按本段前文所列“8.30万元”计算则相符" in f.message


def test_amounts_are_matched_to_their_own_paragraph_on_a_shared_page(tmp_path: Path) -> None:
    """Two PDF paragraphs on one page: the first is the tail “60.54%。…” of an item carried
    over the page break, the second an item stating 60.54% again. Keyed by page alone, the
    tail's amount was placed in the second paragraph and hid its contradiction (万里街道 2023 p7:
    (441.25 − 132.59) ÷ 132.59 = 232.79%, not 60.54%)."""
    item = (
        "2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。"
    )
    page = Page().text(50, 60, "60.54%。主要原因是：经费增加。", 10)
    page.text(50, 90, item, 9)
    d = load(write_pdf(tmp_path / "shared-page.pdf", [page]))
    found = [f for f in check(d, select=["YS418"]).findings if f.code == "YS418"]
    assert [f.expected for f in found] == ["232.79"]


# -- 决算 prose planted in a parsed corpus 决算 ------------------------------------------------------
FINAL_PDF = (
    Path(__file__).resolve().parent.parent
    / "data"
    / "shanghai-putuo-2024-caizhengju-dept-final.pdf"
)
FINAL_PROSE = (
    "一、收入支出决算总体情况说明",
    "本年收入合计2946.25万元。",
    "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元。"
    "决算数小于预算数的主要原因：人员变化。",
    "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。",
    "卫生健康支出60.99万元。",
)


def planted(old: str = "", new: str = "", blank_three_public: bool = False) -> Disclosure:
    """The corpus 决算 read, with its prose (on page 4) planted and one defect planted in it."""
    from yusuan.read import read_path
    from yusuan.read.raw import RawDocument, RawParagraph, RawTable
    from yusuan.recognize import recognize

    raw, source = read_path(FINAL_PDF)
    blocks = list(raw.blocks)
    if blank_three_public:
        three = next(b for b in blocks if isinstance(b, RawTable) and "0.95" in str(b.rows))
        for row in three.rows:
            for cell in row:
                cell.text = "" if cell.text == "0.95" else cell.text
    for n, text in enumerate(FINAL_PROSE):
        text = text.replace(old, new) if old else text
        blocks.append(RawParagraph(text, Source(page=4, line=9000 + n)))
    return recognize(RawDocument(blocks, raw.format), source)


@pytest.mark.parametrize(
    ("code", "old", "new", "blank", "page"),
    [
        ("YS425", "决算数小于预算数", "决算数大于预算数", False, 4),
        ("YS401", "本年收入合计2946.25万元", "本年收入合计0万元", False, 4),
        ("YS426", "", "", True, 4),
        ("YS427", "卫生健康支出60.99", "医疗卫生与计划生育支出60.99", False, 4),
    ],
)
def test_planted_final_defect_is_reported_at_its_page(
    code: str, old: str, new: str, blank: bool, page: int
) -> None:
    clean = check(planted(), select=[code])
    assert not [f for f in clean.findings if f.severity in LOUD]
    bad = [f for f in check(planted(old, new, blank), select=[code]).findings if f.severity in LOUD]
    assert len(bad) == 1, bad
    assert bad[0].location.page == page
    if code == "YS426":
        assert bad[0].location.table == "three_public"  # its only row blank: read with no rows


def test_final_comparison_points_at_its_sentence() -> None:
    f = findings("YS425", final_prose("大于")(REF_TEXT))
    assert len(f) == 1 and f[0].location.line is not None
    lines = final_prose("大于")(REF_TEXT).split("\n")
    assert "决算数大于预算数" in lines[f[0].location.line - 1]
    assert f[0].expected == "小于" and f[0].actual == "大于"


def test_rename_explained_does_not_hide_a_later_use() -> None:
    """A sentence naming both names explains the rename; the old name used alone in the next
    sentence of the same paragraph is still reported, at that paragraph."""
    explained = "医疗卫生与计划生育支出更名为卫生健康支出。"
    assert findings("YS427", replace(SUBJECT_AT, SUBJECT_AT + explained)(REF_TEXT)) == []
    text = replace(SUBJECT_AT, SUBJECT_AT + explained + "医疗卫生与计划生育支出20万元。")(REF_TEXT)
    (f,) = findings("YS427", text)
    assert f.location.line == 1678
    assert f.location.text and "医疗卫生与计划生育支出20万元" in f.location.text  # the second use


# -- a stated figure whose table the package does not print -------------------------------
def _without_procurement_table(text: str) -> str:
    lines = text.split("\n")
    start = lines.index("部门政府采购预算")
    end = lines.index("注：无政府采购预算，空表列示。")
    return "\n".join(lines[:start] + lines[end + 1 :])


def _coverage(d: Disclosure, code: str) -> tuple[str, str]:
    cov = next(c for c in check(d, select=[code]).coverage if c.code == code)
    return cov.status, cov.reason or ""


def test_stated_procurement_without_a_table_the_template_lacks_is_not_applicable() -> None:
    """The nine-table standard set has no 政府采购预算表: a package that states its 政府采购
    in prose and prints no such table has nothing to check it against (not applicable)."""
    d = parse(_without_procurement_table(REF_TEXT))
    assert d.table("procurement") is None
    status, reason = _coverage(d, "YS414")
    assert status == "not_applicable", reason
    assert "政府采购预算表" in reason and "模板" in reason


def test_stated_procurement_without_a_table_the_template_requires_could_not_run() -> None:
    """A Jiangsu 12-table package must print its 政府采购预算表: without it the rule could not
    run (YS501 reports the missing table), it is not waved through as not applicable."""
    d = parse(_without_procurement_table(REF_TEXT))
    marks = {"gpb_expenditure": TableId.FISCAL_EXPENDITURE, "gpb_basic": TableId.FISCAL_BASIC}
    jiangsu = tuple(  # the Jiangsu family is marked by its 财政拨款(基本)支出预算表 (two marks)
        t.model_copy(update={"id": marks[t.id]}) if t.id in marks else t for t in d.tables
    )
    status, reason = _coverage(d.model_copy(update={"tables": jiangsu}), "YS414")
    assert status == "could_not_run", reason
    assert reason.startswith("缺少政府采购预算表")
    assert _coverage(reference(), "YS414")[0] == "ran"


#: 科目 rows as a table prints them (names folded as the rule compares them)
KEMU_ROWS = {
    "201": {"一般公共服务"},
    "20101": {"人大事务"},
    "2010101": {"行政运行"},
    "212": {"城乡社区"},
    "21201": {"城乡社区管理事务"},
    "2120101": {"行政运行"},
    "2120102": {"一般行政管理事务"},
}


@pytest.mark.parametrize(
    ("subject", "want"),
    [
        ("一般公共服务支出（类）人大事务（款）行政运行（项）科目", ("2010101", True)),
        ("城乡社区支出（类）行政运行（项）支出", ("2120101", True)),
        ("城乡社区（类）城乡社区管理事务（款）一般行政管理事务（项）", ("2120102", True)),
        ("一般行政管理事务（项）", ("2120102", True)),  # one row bears the name
        ("城乡社区管理事务（项）", ("21201", False)),  # a 款 labelled a 项: by name
        ("行政运行（项）支出", None),  # two rows bear the name: which is meant is unknown
        ("教育支出（类）行政运行（项）", None),  # the 类 named is not the row's
        ("人大事务（款）人大会议（项）", None),  # no row of that name
        ("人大事务（款）行政运行（项）年初预算", ("2010101", True)),  # the tail is not a name
        # the parents' names run into the 科目's own under one mark: by name (a warning)
        ("人大事务行政运行（项）支出", ("2010101", False)),
        ("一般公共服务行政运行（项）", ("2010101", False)),
        ("城乡社区城乡社区管理事务一般行政管理事务（项）", ("2120102", False)),
        ("人大事务一般行政管理事务（项）", None),  # 人大事务 is not that row's 款
        ("人大事务城乡社区管理事务（款）", None),  # a 款 has no 款 above it
    ],
)
def test_a_subject_is_matched_to_one_row_by_its_names(
    subject: str, want: tuple[str, bool] | None
) -> None:
    from yusuan.rules.prose.subjects import chain_of, resolve

    chain = chain_of(subject)
    assert chain is not None
    assert resolve(chain, KEMU_ROWS) == want


def _joined_subjects() -> list[tuple[str, str, str, str | None]]:
    """(name as run together, 项 code, its amount, its 款's amount when different) for
    every 项 of the reference's 一般公共预算 table: 款名+项名 and 类名+款名+项名."""
    t = reference().table(TableId.GPB_EXPENDITURE)
    assert t is not None
    col = next(c.index for c in t.columns if c.key == "合计")
    rows = {r.code: r for r in t.rows if r.code}
    out = []
    for code, r in rows.items():
        if len(code) != 7:
            continue
        kuan, lei = rows[code[:5]], rows[code[:3]]
        own, parent = r.cells[col].text, kuan.cells[col].text
        other = parent if parent != own else None
        out.append((f"{kuan.item}{r.item}（项）", code, own, other))
        out.append((f"{lei.item.removesuffix('支出')}{kuan.item}{r.item}（项）", code, own, other))
    return out


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(_joined_subjects()))
def test_a_subject_named_with_its_parents_run_in_is_compared(
    case: tuple[str, str, str, str | None],
) -> None:
    """“人大事务行政运行（项）支出10528.33万元” (江苏省人大常委会办公厅 2017): the 项 is found
    by its parents' names run into its own; its own amount is silent, the 款's amount is a
    warning (not an error: the names were joined by guess) that says the level is wrong."""
    names, code, own, parent = case
    assert findings("YS428", subject_line(own, names)(REF_TEXT)) == []
    if parent is not None:
        (f,) = findings("YS428", subject_line(parent, names)(REF_TEXT))
        assert f.severity is Severity.WARNING and f.location.row_code == code
        assert "疑为科目级次写错" in f.message and code[:5] in f.message


def test_a_subject_the_tables_do_not_print_is_named_in_the_reason() -> None:
    """Could not run: the reason names the page or line, the phrase and why."""
    report = check(
        parse(subject_line("25", "人大事务（款）人大代表会议（项）")(REF_TEXT)), select=["YS428"]
    )
    (c,) = report.coverage
    assert c.status == "could_not_run"
    assert "表中没有名为“人大代表会议”的科目" in (c.reason or "") and "项级" in (c.reason or "")


def test_a_subject_amount_of_another_period_is_not_compared() -> None:
    """“…（项）年初预算26万元” names no figure of this year's table; “…（项）支出” does."""
    other = subject_line("26", "人大事务（款）人大会议（项）”年初预算“")
    assert findings("YS428", other(REF_TEXT)) == []
    assert findings("YS428", subject_line("26")(REF_TEXT))


@given(
    st.integers(min_value=1, max_value=10**8),
    st.integers(min_value=2, max_value=4),
    st.integers(min_value=0, max_value=3),
)
def test_a_cut_figure_is_explained_and_a_raised_one_is_not(n: int, places: int, extra: int) -> None:
    """An amount printed by the table rounded to ``places`` decimals and stated cut to as many
    or fewer decimals is explained as 截断; a stated amount above the table's never is."""
    from decimal import ROUND_DOWN, ROUND_HALF_UP

    from yusuan.rules.prose.figures import cut_from

    exact = Decimal(n) / Decimal(10) ** (places + extra + 1)
    unit = Decimal(10) ** -places
    table = exact.quantize(unit, rounding=ROUND_HALF_UP)
    stated = exact.quantize(unit, rounding=ROUND_DOWN)
    if stated != table and table > 0:
        assert cut_from(stated, places, table, unit / 2)
    assert not cut_from(table + unit, places, table, unit / 2)
    assert not cut_from(Decimal(0), 0, Decimal("0.51"), Decimal("0.005"))  # “0万元” for 0.51
    assert not cut_from(Decimal("6.8"), 1, Decimal("6.90"), Decimal("0.005"))
