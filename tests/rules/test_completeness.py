"""YS5xx: completeness — required tables, empty tables, the sections of the 情况说明."""

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
    parse,
    replace,
    set_cell,
)
from yusuan.rules.base import Severity


def cut(start: str, end: str) -> Edit:
    """An edit removing the text from ``start`` (included) up to ``end`` (kept)."""

    def edit(text: str) -> str:
        i = text.index(start)
        j = text.index(end, i + len(start))
        return text[:i] + text[j:]

    return edit


def headed(code: str, heading: str, until: str) -> Case:
    """``code`` fires on the 情况说明 without the section from ``heading`` to ``until``; the near
    miss removes the heading only, leaving its paragraph (the bad edit removes both)."""
    return Case(code, cut(heading, until), near=replace(heading, ""), at={"line": 1615})


NO_SOE_TABLE = cut("部门预算国有资本经营预算财政拨款支出表\n", "部门预算财政拨款“三公”经费支出表")


def soe_titled(title: str) -> Edit:
    """The 国有资本经营 table printed under ``title``."""
    return replace("部门预算国有资本经营预算财政拨款支出表\n", title + "\n")


NO_FUND_NOTE = replace("注：无政府基金预算财政拨款预算，空表列示。\n", "")

CASES = [
    Case("YS501", NO_SOE_TABLE, at={"table": "soe_capital"}),
    Case(  # near miss: the table under a short title; under an anonymous 附表 title it is missing
        "YS501",
        soe_titled("部门预算附表"),
        near=soe_titled("国有资本经营预算支出表"),
        id="title",
        at={"table": "soe_capital"},
    ),
    Case(
        "YS502",
        NO_FUND_NOTE,
        good=chain(NO_FUND_NOTE, replace("基金预算收入0万元", "本部门无政府性基金预算收入")),
        at={"table": "gov_fund", "line": 1456},
    ),
    Case(  # near miss: no note, the 情况说明 says there is no 基金; said of 国有资本经营 it fires
        "YS502",
        chain(NO_FUND_NOTE, replace("基金预算收入0万元", "本部门无国有资本经营预算收入")),
        near=chain(NO_FUND_NOTE, replace("基金预算收入0万元", "本部门无政府性基金预算收入")),
        id="said-in-the-narrative",
        at={"table": "gov_fund", "line": 1456},
    ),
    Case(
        "YS502",
        replace("注：无政府采购预算，空表列示。\n", ""),
        id="procurement",
        at={"table": "procurement", "line": 2087},
    ),
    Case(
        "YS503",
        chain(
            cut("部门职责：\n", "机构设置：\n"),
            replace("一、部门职责及机构设置情况", "一、机构设置情况"),
        ),
        # near miss: only the label 部门职责： is left (the bad edit removes it too)
        near=chain(
            cut("（一）在本行政区域内", "机构设置：\n"),
            replace("一、部门职责及机构设置情况", "一、机构设置情况"),
        ),
        at={"line": 1615},
    ),
    Case(
        "YS504",
        chain(
            cut("机构设置：\n", "二、部门预算安排的总体情况"),
            replace("一、部门职责及机构设置情况", "一、部门职责"),
        ),
        # near miss: only the 机构设置情况 table is left (the bad edit removes it too)
        near=chain(
            cut("机构设置：\n", "部门机构设置情况\n"),
            replace("一、部门职责及机构设置情况", "一、部门职责"),
        ),
        at={"line": 1615},
    ),
    headed("YS505", "（一）收入说明\n", "（二）支出说明"),
    headed("YS506", "三、机关运行经费安排情况\n", "四、财政拨款"),
    headed("YS507", "四、财政拨款“三公”经费预算情况及增减变化原因\n", "五、预算绩效信息"),
    Case(
        "YS508",
        replace("，主要原因是厉行节约，压减公务接待费。", "。"),
        at={"table": "three_public", "line": 1678},
    ),
    Case(
        "YS508",
        replace("主要原因是厉行节约，压减公务接待费。", "主要原因是。"),
        id="empty-reason",
        at={"table": "three_public", "line": 1678},
    ),
    Case(  # near miss: the shortest reason, 因…; 因此 is no reason and fires
        "YS508",
        replace("，主要原因是厉行节约，压减公务接待费。", "，因此压减公务接待费。"),
        near=replace("，主要原因是厉行节约，压减公务接待费。", "，因厉行节约压减公务接待费。"),
        id="because",
        at={"table": "three_public", "line": 1678},
    ),
    headed("YS509", "六、政府采购预算情况\n", "部门政府采购预算\n"),
    headed("YS510", "七、国有资产信息\n", "部门固定资产占用情况表\n"),
    Case(  # near miss: only the 绩效目标表 are left (the bad edit removes them too)
        "YS511",
        cut("五、预算绩效信息\n", "六、政府采购预算情况\n"),
        near=cut("五、预算绩效信息\n", "1、“智慧人大”建设项目"),
        at={"line": 1615},
    ),
    Case("YS512", cut("八、名词解释\n", "九、其他需要说明的事项"), at={"line": 1615}),
    Case(  # near miss: no heading, three “X：指…” items left; two items fire
        "YS512",
        chain(replace("八、名词解释\n", ""), cut("3、其他收入", "九、其他需要说明的事项")),
        near=chain(replace("八、名词解释\n", ""), cut("4、基本支出", "九、其他需要说明的事项")),
        id="three-items",
        at={"line": 1615},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_reference_is_complete() -> None:
    for code in [f"YS5{n:02d}" for n in range(1, 13)]:
        assert findings(code, REF_TEXT) == [], code


def test_missing_table_named_once() -> None:
    found = findings("YS501", NO_SOE_TABLE(REF_TEXT))
    assert [f.location.table for f in found] == ["soe_capital"]
    assert "国有资本经营预算财政拨款支出表" in found[0].message


def test_no_standard_table_cannot_run() -> None:
    narrative_only = REF_TEXT[REF_TEXT.index("第一部分  平乡县") :]
    assert coverage_status("YS501", narrative_only) == "could_not_run"


def test_empty_table_points_at_the_table() -> None:
    f = findings("YS502", NO_FUND_NOTE(REF_TEXT))
    assert [x.location.table for x in f] == ["gov_fund"]


def test_three_public_reason_before_change_counts() -> None:
    edit = replace(
        "“三公”经费比上年预算减少4.7万元，主要原因是厉行节约，压减公务接待费。",
        "由于厉行节约，“三公”经费比上年预算减少4.7万元。",
    )
    assert findings("YS508", edit(REF_TEXT)) == []


def test_section_found_in_paragraph_without_heading() -> None:
    """A running-costs paragraph under another heading still counts (Chongqing style)."""
    edit = replace("三、机关运行经费安排情况\n", "")
    assert findings("YS506", edit(REF_TEXT)) == []


def test_required_tables_follow_the_template_family() -> None:
    """A Jiangsu 2017–2019 package (公开01–12表, marked by two of its 财政拨款支出表,
    财政拨款基本支出表 and 机关运行经费表) is held to its own
    twelve tables: no 国有资本经营 table is asked of it, its 财政拨款基本支出 and 机关运行经费 tables are."""
    from support.rules import reference
    from yusuan.check import check
    from yusuan.families import family_of
    from yusuan.model import TableId

    d = reference()
    gpb, basic = d.table(TableId.GPB_EXPENDITURE), d.table(TableId.GPB_BASIC)
    assert gpb is not None and basic is not None
    kept = [t for t in d.tables if t.id is not TableId.SOE_CAPITAL]
    one_mark = (*kept, gpb.model_copy(update={"id": TableId.FISCAL_EXPENDITURE}))
    jiangsu = d.model_copy(
        update={"tables": (*one_mark, basic.model_copy(update={"id": TableId.FISCAL_BASIC}))}
    )
    assert family_of(d).name == "部门预决算公开标准九张表"
    assert family_of(jiangsu).name.startswith("江苏省")
    # near miss: one table of the family may be a misprinted title (or a standard package's
    # extra table): two of its three marks make the family
    assert family_of(d.model_copy(update={"tables": one_mark})).name == "部门预决算公开标准九张表"
    missing = {f.location.table for f in check(jiangsu, select=["YS501"]).findings}
    assert missing == {"operating_costs"}  # it prints a 政府采购 table
    standard = {
        f.location.table
        for f in check(d.model_copy(update={"tables": tuple(kept)}), select=["YS501"]).findings
    }
    assert standard == {"soe_capital"}


def test_printed_but_unread_table_is_a_warning_with_its_page() -> None:
    """A table whose title is printed but that was not read is no 缺表 error."""
    from yusuan.check import check as run
    from yusuan.model import PrintedTable, Source, TableId

    d = parse(NO_SOE_TABLE(REF_TEXT))
    entry = PrintedTable(
        title="部门预算国有资本经营预算财政拨款支出表",
        id=TableId.SOE_CAPITAL,
        titled=True,
        source=Source(page=7, line=1491),
    )
    report = run(d.model_copy(update={"ledger": (*d.ledger, entry)}), select=["YS501", "YS305"])
    f = [x for x in report.findings if x.code == "YS501"]
    assert [x.severity for x in f] == [Severity.WARNING]
    assert f[0].location.page == 7 and "未识别出" in f[0].message
    assert "第7页印有标题" in f[0].message


def test_narrative_only_file_gets_one_notice() -> None:
    from yusuan.check import check as run

    narrative_only = REF_TEXT[REF_TEXT.index("第一部分  平乡县") :]
    report = run(parse(narrative_only))
    assert len(report.notices) == 1 and "--package" in report.notices[0]
    assert report.to_json()["notices"] == list(report.notices)
    cannot = [c for c in report.coverage if c.status == "could_not_run"]
    assert cannot and all("本文件只有情况说明" in (c.reason or "") for c in cannot)


@pytest.mark.parametrize(
    ("by", "note"),
    [
        ("content", "（该表仅按内容识别）"),
        ("disputed", "（该表的标题与内容不符，不能确定是哪张表）"),
    ],
)
def test_error_on_a_table_known_by_content_only_is_a_warning(by: str, note: str) -> None:
    """Recognized by its content alone, or its title contradicted by its content."""
    from yusuan.check import check as run

    bad = set_cell("expenditure", "合计", "422.91", code="2010101")
    d_bad = parse(bad(REF_TEXT))
    tables = tuple(
        t.model_copy(update={"recognized_by": by}) if t.id.value == "expenditure" else t
        for t in d_bad.tables
    )
    plain = [f for f in run(d_bad, select=["YS101"]).findings if f.location.table == "expenditure"]
    capped = [
        f
        for f in run(d_bad.model_copy(update={"tables": tables}), select=["YS101"]).findings
        if f.location.table == "expenditure"
    ]
    assert any(f.severity is Severity.ERROR for f in plain)
    assert capped and all(f.severity is not Severity.ERROR for f in capped)
    assert all(f.message.endswith(note) for f in capped if f.severity is Severity.WARNING)


@pytest.mark.parametrize("by", ["content", "disputed", "both"])
def test_a_cross_table_error_rests_on_both_tables(by: str) -> None:
    """YS310 points at the 基本支出表; it compares the 一般公共预算支出表 too: when that one
    is recognized by content alone (or disputed), the error is a warning naming it."""
    from yusuan.check import check as run

    d = parse(set_cell("gpb_basic", "合计", "431.58", item="合计")(REF_TEXT))
    tables = tuple(
        t.model_copy(update={"recognized_by": by}) if t.id.value == "gpb_expenditure" else t
        for t in d.tables
    )
    (f,) = run(d.model_copy(update={"tables": tables}), select=["YS310"]).findings
    assert f.location.table == "gpb_basic"
    if by == "both":
        assert f.severity is Severity.ERROR
    else:
        assert f.severity is Severity.WARNING
        assert "所比较的《一般公共预算财政拨款支出表》" in f.message
