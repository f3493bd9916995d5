"""YS3xx: the same figure printed in two tables must agree."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from support.rules import (
    REF_TEXT,
    Case,
    Edit,
    assert_case,
    chain,
    coverage_status,
    findings,
    nudge,
    parse,
    replace,
    set_cell,
)
from yusuan.amounts import Unit
from yusuan.check import check
from yusuan.model import TableId
from yusuan.rules.base import Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.cross.figures import bound, only_gpb

CHAIN = ("2010101", "20101", "201", None)  # a 项, its 款, its 类 and the 合计 row


def shift(table: str, columns: tuple[str, ...], values: dict[str | None, str]) -> Edit:
    """Set the same new value in several columns of several rows (code None: the 合计 row)."""
    return chain(
        *(
            set_cell(table, col, v, code=code, item=None if code else "合计")
            for code, v in values.items()
            for col in columns
        )
    )


TOTALS = dict(zip(CHAIN, ("323.91", "486.91", "486.91", "594.58"), strict=True))
BASICS = dict(zip(CHAIN, ("323.91", "323.91", "323.91", "431.58"), strict=True))


# +0.01 instead: a near miss (inside the rounding bound of two printed figures)
TOTALS_NEAR = dict(zip(CHAIN, ("322.92", "485.92", "485.92", "593.59"), strict=True))
BASICS_NEAR = dict(zip(CHAIN, ("322.92", "322.92", "322.92", "430.59"), strict=True))


def plus_one(
    table: str, columns: tuple[str, ...], basic: str | None = None, near: bool = False
) -> Edit:
    """+1.00 on 2010101 行政运行 and on 20101, 201 and 合计 above it, in ``columns`` (and in
    the ``basic`` column, whose amounts differ): the table stays consistent.  ``near``:
    +0.01, inside the rounding bound."""
    totals, basics = (TOTALS_NEAR, BASICS_NEAR) if near else (TOTALS, BASICS)
    return chain(
        shift(table, columns, totals), *([shift(table, (basic,), basics)] if basic else [])
    )


EXP_PLUS_ONE = plus_one("expenditure", ("合计",), "基本支出")
REV_PLUS_ONE = plus_one("revenue", ("合计", "小计", "财政拨款收入"))
GPB_PLUS_ONE = plus_one("gpb_expenditure", ("合计",), "基本支出")
EXP_NEAR = plus_one("expenditure", ("合计",), "基本支出", near=True)
REV_NEAR = plus_one("revenue", ("合计", "小计", "财政拨款收入"), near=True)
GPB_NEAR = plus_one("gpb_expenditure", ("合计",), "基本支出", near=True)


def basic_plus(by: str) -> Edit:
    """``by`` more on 30101 基本工资, 301 and 合计 of the 基本支出表 (合计 and 人员经费 columns)."""
    return chain(
        *(
            nudge("gpb_basic", col, by, code=code, item=None if code else "合计")
            for code in ("30101", "301", None)
            for col in ("合计", "人员经费")
        )
    )


BASIC_PLUS_ONE = basic_plus("1.00")
# 1.00 moved from 2010101 行政运行 to 2010102 一般行政管理事务 in every column of the 收入总表.
REV_MOVED = chain(
    shift("revenue", ("合计", "小计", "财政拨款收入"), {"2010101": "321.91", "2010102": "49.00"}),
)
# 303 对个人和家庭的补助 reported as 公用经费 (the table stays consistent).
RETIREES_AS_PUBLIC = chain(
    *(set_cell("gpb_basic", "人员经费", "", code=c) for c in ("303", "30302", "30305")),
    set_cell("gpb_basic", "公用经费", "30.60", code="303"),
    set_cell("gpb_basic", "公用经费", "29.80", code="30302"),
    set_cell("gpb_basic", "公用经费", "0.80", code="30305"),
    set_cell("gpb_basic", "人员经费", "374.47", item="合计"),
    set_cell("gpb_basic", "公用经费", "56.11", item="合计"),
)
# 10.00 of 上年结转 spent on 2010102: both tables count it in their 合计.
CARRY_OVER = chain(
    set_cell("revenue", "合计", "58.00", code="2010102"),
    set_cell("revenue", "上年结转", "10.00", code="2010102"),
    shift("expenditure", ("合计", "项目支出"), {"2010102": "58.00"}),
)


def spent(column: str, code: str, item: str, note: str, printed: str) -> Edit:
    """10.00 in ``column`` of the 财政拨款收支总表 for the 类 ``code`` ``item`` (and its 本年支出合计);
    ``printed`` for that 类 in its own table, the empty table whose note starts ``note``."""
    row = f"\t1\n\t{code}\n\t{item}\n\t{printed}\n\t\n\t{printed}\n\n\n注："
    return chain(
        set_cell("fiscal_summary", column, "10.00", item=item, section="支出"),
        set_cell("fiscal_summary", column, "10.00", item="本年支出合计", section="支出"),
        replace("\t\n" * 6 + "\n\n" + note, row),
    )


def fund(printed: str) -> Edit:
    """10.00 of 政府性基金 for 212 城乡社区支出 in the 财政拨款收支总表; ``printed`` in the 基金表."""
    return spent("政府性基金预算财政拨款", "212", "城乡社区支出", "注：无政府基金", printed)


def soe(printed: str) -> Edit:
    """10.00 of 国有资本经营 for 223 in the 财政拨款收支总表; ``printed`` in its table."""
    return spent(
        "国有资本经营预算财政拨款", "223", "国有资本经营预算支出", "注：无国有资本", printed
    )


def car_upkeep(amount: str) -> Edit:
    """30239 其他交通费用 printed as 30231 公务用车运行维护费, ``amount`` in its 合计."""
    return chain(
        set_cell("gpb_basic", "合计", amount, code="30239"),
        replace("\t30239\n\t其他交通费用", "\t30231\n\t公务用车运行维护费"),
    )


def income_moved(item: str) -> Edit:
    """10.00 of the 收支总表's 一般公共预算拨款收入 shown as ``item`` instead."""
    return chain(
        set_cell("summary", "预算数", "583.58", item="一般公共预算拨款收入", section="收入"),
        set_cell("summary", "预算数", "10.00", item=item, section="收入"),
    )


OTHER_INCOME = set_cell("summary", "预算数", "10.00", item="事业收入", section="收入")

CASES = [
    Case(
        "YS301",
        EXP_PLUS_ONE,
        near=EXP_NEAR,
        at={"table": "expenditure", "row_item": "合计", "column": "合计", "line": 570},
    ),
    Case(
        "YS301",
        REV_MOVED,
        good=CARRY_OVER,
        id="revenue-moved",
        at={"table": "expenditure", "row_code": "2010101", "column": "合计", "line": 600},
    ),
    Case(
        "YS302",
        shift("gpb_expenditure", ("合计", "项目支出"), {"2010102": "47.00", "2010104": "26.00"}),
        at={"table": "gpb_expenditure", "row_code": "2010102", "column": "合计", "line": 1175},
    ),
    Case(
        "YS302",
        EXP_PLUS_ONE,
        id="expenditure-chain",
        near=EXP_NEAR,
        at={"table": "gpb_expenditure", "row_item": "合计", "column": "合计", "line": 1147},
    ),
    Case(
        "YS302",
        chain(OTHER_INCOME, set_cell("gpb_expenditure", "合计", "49.00", code="2010102")),
        good=chain(OTHER_INCOME, set_cell("expenditure", "合计", "58.00", code="2010102")),
        id="with-other-income",
        at={"table": "gpb_expenditure", "row_code": "2010102", "column": "合计", "line": 1175},
    ),
    Case(
        "YS303",
        chain(
            set_cell("summary", "预算数", "484.91", item="一般公共服务支出", section="支出"),
            set_cell("summary", "预算数", "57.87", item="社会保障和就业支出", section="支出"),
        ),
        at={"table": "summary", "row_item": "一般公共服务支出", "column": "预算数", "line": 26},
    ),
    Case(
        "YS303",
        EXP_PLUS_ONE,
        id="expenditure-chain",
        near=EXP_NEAR,
        at={"table": "summary", "row_item": "一般公共服务支出", "column": "预算数", "line": 26},
    ),
    Case(
        "YS304",
        REV_PLUS_ONE,
        near=REV_NEAR,
        at={"table": "summary", "row_item": "本年收入合计", "column": "预算数", "line": 210},
    ),
    Case(
        "YS305",
        EXP_PLUS_ONE,
        near=EXP_NEAR,
        at={"table": "summary", "row_item": "本年支出合计", "column": "预算数", "line": 212},
    ),
    Case(
        "YS306",
        set_cell("fiscal_summary", "金额", "594.58", item="一般公共预算拨款", section="收入"),
        at={
            "table": "fiscal_summary",
            "row_item": "一般公共预算拨款",
            "column": "金额",
            "line": 787,
        },
    ),
    Case(  # near miss: one cent off (rounding of two printed figures); two cents fire
        "YS306",
        nudge("fiscal_summary", "金额", "0.02", item="一般公共预算拨款", section="收入"),
        near=nudge("fiscal_summary", "金额", "0.01", item="一般公共预算拨款", section="收入"),
        id="rounding",
        at={
            "table": "fiscal_summary",
            "row_item": "一般公共预算拨款",
            "column": "金额",
            "line": 787,
        },
    ),
    Case(
        "YS307",
        GPB_PLUS_ONE,
        near=GPB_NEAR,
        at={
            "table": "fiscal_summary",
            "row_item": "本年支出合计",
            "column": "一般公共预算财政拨款",
            "line": 1069,
        },
    ),
    Case(
        "YS308",
        fund("9.00"),
        good=fund("10.00"),
        id="fund",
        at={
            "table": "fiscal_summary",
            "row_item": "本年支出合计",
            "column": "政府性基金预算财政拨款",
            "line": 1070,
        },
    ),
    Case(  # near miss: the 基金表 one cent short; two cents fire
        "YS308",
        fund("9.98"),
        near=fund("9.99"),
        id="fund-rounding",
        at={
            "table": "fiscal_summary",
            "row_item": "本年支出合计",
            "column": "政府性基金预算财政拨款",
            "line": 1070,
        },
    ),
    Case(
        "YS308",
        set_cell(
            "fiscal_summary", "政府性基金预算财政拨款", "10.00", item="城乡社区支出", section="支出"
        ),
        at={
            "table": "fiscal_summary",
            "row_item": "城乡社区支出",
            "column": "政府性基金预算财政拨款",
            "line": 890,
        },
    ),
    Case(
        "YS309",
        set_cell(
            "fiscal_summary",
            "国有资本经营预算财政拨款",
            "5.00",
            item="国有资本经营预算支出",
            section="支出",
        ),
        at={
            "table": "fiscal_summary",
            "row_item": "国有资本经营预算支出",
            "column": "国有资本经营预算财政拨款",
            "line": 981,
        },
    ),
    Case(  # near miss: the 国有资本经营 table one cent short; two cents fire
        "YS309",
        soe("9.98"),
        near=soe("9.99"),
        id="soe-rounding",
        at={
            "table": "fiscal_summary",
            "row_item": "本年支出合计",
            "column": "国有资本经营预算财政拨款",
            "line": 1071,
        },
    ),
    Case(
        "YS310",
        BASIC_PLUS_ONE,
        at={"table": "gpb_basic", "row_item": "合计", "column": "合计", "line": 1304},
    ),
    Case(
        "YS310",
        GPB_PLUS_ONE,
        id="gpb-chain",
        at={"table": "gpb_basic", "row_item": "合计", "column": "合计", "line": 1304},
    ),
    Case(  # near miss: +0.01 on 30101, 301 and 合计 (rounding of two figures); +0.02 fires
        "YS310",
        basic_plus("0.02"),
        near=basic_plus("0.01"),
        id="rounding",
        at={"table": "gpb_basic", "row_item": "合计", "column": "合计", "line": 1304},
    ),
    Case(
        "YS311",
        set_cell("gpb_basic", "人员经费", "406.07", item="合计"),
        at={"table": "gpb_basic", "row_item": "合计", "column": "人员经费", "line": 1305},
    ),
    Case(  # near miss: 人员经费 one cent over (bound of three figures 0.015); two cents fire
        "YS311",
        set_cell("gpb_basic", "人员经费", "405.09", item="合计"),
        near=set_cell("gpb_basic", "人员经费", "405.08", item="合计"),
        id="rounding",
        at={"table": "gpb_basic", "row_item": "合计", "column": "人员经费", "line": 1305},
    ),
    Case(
        "YS312",
        RETIREES_AS_PUBLIC,
        at={"table": "gpb_basic", "row_item": "合计", "column": "人员经费", "line": 1305},
    ),
    Case(  # near miss: 人员经费 one cent over 301 + 303 (bound 0.015); two cents fire
        "YS312",
        set_cell("gpb_basic", "人员经费", "405.09", item="合计"),
        near=set_cell("gpb_basic", "人员经费", "405.08", item="合计"),
        id="rounding",
        at={"table": "gpb_basic", "row_item": "合计", "column": "人员经费", "line": 1305},
    ),
    Case(
        "YS313",
        set_cell("gpb_basic", "合计", "32.00", code="30113"),
        at={"table": "gpb_basic", "row_code": "30113", "column": "合计", "line": 1381},
    ),
    Case(
        "YS313",
        set_cell("gpb_expenditure", "基本支出", "24.27", code="2080506"),
        id="function-side",
        at={"table": "gpb_basic", "row_code": "30109", "column": "合计", "line": 1353},
    ),
    Case(  # near miss: 30113 one cent over 2210201; two cents fire
        "YS313",
        set_cell("gpb_basic", "合计", "31.02", code="30113"),
        near=set_cell("gpb_basic", "合计", "31.01", code="30113"),
        id="rounding",
        at={"table": "gpb_basic", "row_code": "30113", "column": "合计", "line": 1381},
    ),
    Case(
        "YS314",
        replace("\t30239\n\t其他交通费用", "\t30231\n\t公务用车运行维护费"),
        at={"table": "gpb_basic", "row_code": "30231", "column": "合计", "line": 1423},
    ),
    Case(  # near miss: 30231 one cent over the 三公 table's 6.80 (rounding); two cents fire
        "YS314",
        car_upkeep("6.82"),
        near=car_upkeep("6.81"),
        id="rounding",
        at={"table": "gpb_basic", "row_code": "30231", "column": "合计", "line": 1423},
    ),
    Case(
        "YS315",
        chain(
            set_cell("summary", "预算数", "592.58", item="一般公共预算拨款收入", section="收入"),
            set_cell("summary", "预算数", "1.00", item="其他收入", section="收入"),
        ),
        at={"table": "summary", "row_item": "其他收入", "column": "预算数", "line": 72},
    ),
    Case(  # near miss: 10.00 of the 财政拨款 is 政府性基金 (still 财政拨款收入); as 其他收入 it fires
        "YS315",
        income_moved("其他收入"),
        near=income_moved("政府性基金预算拨款收入"),
        id="fund-income",
        at={"table": "summary", "row_item": "其他收入", "column": "预算数", "line": 72},
    ),
    Case("YS317", replace("预算年度：2023", "预算年度：2022"), at={"table": "summary", "line": 1}),
    Case(
        "YS317",
        replace("部门预算支出总表", "2022年部门预算支出总表"),
        id="title",
        at={"table": "expenditure", "line": 533},
    ),
    Case(  # near miss: the 固定资产 table may print the year before; two years before fires
        "YS317",
        replace("截止时间：2022-12-31", "预算年度：2021"),
        near=replace("截止时间：2022-12-31", "预算年度：2022"),
        id="assets",
        at={"table": "assets"},
    ),
    Case(
        "YS318",
        replace("101平乡县人民代表大会常务委员会", "102平乡县人民政府办公室"),
        at={"table": "summary", "line": 1},
    ),
    Case(  # near miss: a unit's code under the department's 101; under 102 it fires
        "YS318",
        replace("101平乡县人民代表大会常务委员会", "102001平乡县人民代表大会常务委员会本级"),
        near=replace("101平乡县人民代表大会常务委员会", "101001平乡县人民代表大会常务委员会本级"),
        id="unit",
        at={"table": "summary", "line": 1},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_reference_has_no_cross_findings() -> None:
    report = check(parse(REF_TEXT), select=["YS3"])
    assert report.findings == ()
    assert all(c.status == "ran" for c in report.coverage)


def test_consistent_chain_is_caught_across_tables() -> None:
    """+1.00 on 2010101 and on 20101, 201 and 合计 keeps the 支出总表 consistent: YS1xx stay
    silent, the other tables disagree."""
    report = check(parse(EXP_PLUS_ONE(REF_TEXT)))
    loud = [f for f in report.findings if f.severity is Severity.ERROR]
    assert not [f for f in loud if f.code in ("YS101", "YS102")]
    assert {"YS301", "YS302", "YS303", "YS305"} <= {f.code for f in loud}


def test_finding_points_at_the_cell_with_numbers() -> None:
    f = findings("YS305", EXP_PLUS_ONE(REF_TEXT))[0]
    assert (f.location.table, f.location.row_item, f.location.column) == (
        "summary",
        "本年支出合计",
        "预算数",
    )
    assert f.location.line is not None and f.location.text == "593.58"
    assert (f.expected, f.actual, f.difference) == ("594.58", "593.58", "-1")
    assert "支出总表" in f.message and "相差" in f.message


def test_rounding_difference_is_info() -> None:
    found = findings("YS305", set_cell("expenditure", "合计", "593.6", item="合计")(REF_TEXT))
    assert found and all(f.severity is Severity.INFO for f in found)
    assert "四舍五入" in found[0].message


def test_rounding_bound_is_in_wan_whatever_the_unit() -> None:
    table = parse(REF_TEXT).table(TableId.EXPENDITURE)
    assert table is not None
    total = CheckContext.total_row(table)
    col = table.columns[3]
    assert bound([(table, total, col)]) == Decimal("0.005")
    in_yuan = table.model_copy(update={"unit": Unit.YUAN})
    assert bound([(in_yuan, total, col)]) == Decimal("0.0000005")


def test_only_gpb() -> None:
    assert only_gpb(CheckContext(parse(REF_TEXT))) is True
    assert only_gpb(CheckContext(parse(OTHER_INCOME(REF_TEXT)))) is False


def test_missing_table_cannot_run() -> None:
    text = replace("部门预算一般公共预算财政拨款基本支出表", "部门预算附表")(REF_TEXT)
    assert coverage_status("YS310", text) == "could_not_run"
    report = check(parse(text), select=["YS310"])
    assert "基本支出表" in (report.coverage[0].reason or "")


def test_levels_printed_in_one_table_only_are_skipped() -> None:
    """A 收入总表 printed down to 款 only: its missing 项 are not mismatches."""
    start, end = REF_TEXT.index("部门预算收入总表"), REF_TEXT.index("部门预算支出总表")
    revenue = re.sub(r"\t\d+\n\t\d{7}\n(?:\t[^\n]*\n)+\n", "", REF_TEXT[start:end])
    assert "2010101" not in revenue and "20101" in revenue
    assert findings("YS301", REF_TEXT[:start] + revenue + REF_TEXT[end:]) == []


def test_final_accounts_not_applicable() -> None:
    final = parse(REF_TEXT).model_copy(update={"kind": "决算"})
    report = check(final, select=["YS301"])
    assert report.coverage[0].status == "not_applicable"


def test_basic_table_without_personnel_columns_uses_its_classes() -> None:
    """A 决算 基本支出表 printing one 决算数 column and 经济分类 rows, no 人员/公用经费 columns
    but a “人员经费合计” and a “公用经费合计” row closing each block: YS312 reads the rows
    (silent: they agree with their classes); YS311 needs the 一般公共预算财政拨款支出表, which
    this extract leaves out (the generated layout of tests/rules/test_basic_rows.py runs it)."""
    from support import DATA
    from yusuan.api import load
    from yusuan.check import check

    d = load(DATA / "shanghai-putuo-2024-caizhengju-dept-final.pdf")
    report = check(d, select=["YS311", "YS312"])
    assert [c.status for c in report.coverage] == ["could_not_run", "ran"]
    assert "一般公共预算财政拨款支出表" in (report.coverage[0].reason or "")
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []


def test_social_security_under_another_years_code_is_matched_by_name() -> None:
    """2017 prints 住房公积金 as 30311 (under 303), not 30113: no false YS313 warning."""
    from support import DATA
    from yusuan.api import load
    from yusuan.check import check

    d = load(DATA / "jiangsu-2018-jianchayuan-dept-budget.pdf")
    loud = [f for f in check(d, select=["YS313"]).findings if f.severity.value != "info"]
    assert not [f for f in loud if "30113" in f.message and "实为 0" in f.message]
