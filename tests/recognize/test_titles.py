"""Table titles in every numbering style and with year/department words; titles over
other lines; tables without a title, recognized by what they hold (item 1 of #11).

The documents here are generated: Hypothesis combines numbering, words around the
title and the lines that come between title and grid.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.model import Source, TableId
from yusuan.read.raw import RawCell, RawDocument, RawParagraph, RawTable
from yusuan.recognize import match_title, recognize

#: printed names of standard tables, budget and final forms, from several families
NAMES = {
    TableId.SUMMARY: ["收支预算总表", "财务收支预算总表", "收入支出决算总表"],
    TableId.REVENUE: ["收入预算总表", "收入决算表"],
    TableId.EXPENDITURE: ["支出预算总表", "支出决算表"],
    TableId.FISCAL_SUMMARY: ["财政拨款收支预算总表", "财政拨款收入支出决算总表"],
    TableId.GPB_EXPENDITURE: ["一般公共预算支出预算表", "一般公共预算财政拨款支出决算表"],
    TableId.GPB_BASIC: ["一般公共预算基本支出预算表", "一般公共预算财政拨款基本支出表"],
    TableId.GOV_FUND: ["政府性基金预算支出表", "政府基金预算财政拨款支出表"],
    TableId.THREE_PUBLIC: [
        "一般公共预算“三公”经费、会议费、培训费支出预算表",
        "财政拨款“三公”经费支出决算表",
    ],
    TableId.OPERATING_COSTS: ["一般公共预算机关运行经费支出预算表"],
    TableId.PROCUREMENT: ["政府采购支出预算表"],
}
NUMBERS = st.sampled_from(
    [
        "",
        "一、",
        "七、",
        "十一、",
        "（七）",
        "(3)",
        "公开07表",
        "公开表七",
        "表7",
        "表一",
        "附表3",
        "附表十",
        "7、",
        "2.15",
        "预算01表",
        "部门公开表01",
    ]
)
WORDS = st.sampled_from(
    [
        "",
        "2023年",
        "2019年度",
        "江苏省人民检察院2019年",
        "上海市普陀区财政局2025年度",
        "中共江苏省委办公厅",
        "平乡县人大常委会2023年部门预算",
    ]
)
PAIRS = [(tid, name) for tid, names in NAMES.items() for name in names]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PAIRS), NUMBERS, WORDS, st.sampled_from(["", " ", "  "]))
def test_numbered_titles_with_year_and_department_words(
    pair: tuple[TableId, str], number: str, words: str, gap: str
) -> None:
    tid, name = pair
    assert match_title(f"{number}{gap}{words}{name}") == tid


def grid(header: list[str], *rows: list[str]) -> RawTable:
    def cells(texts: list[str], r: int) -> list[RawCell]:
        return [RawCell(t, Source(line=r, row=r, col=c)) for c, t in enumerate(texts)]

    return RawTable([cells(header, 0), *(cells(r, k + 1) for k, r in enumerate(rows))])


REVENUE = grid(
    ["科目编码", "科目名称", "合计", "财政拨款收入", "事业收入", "其他收入"],
    ["201", "一般公共服务支出", "10.00", "8.00", "2.00", ""],
    ["", "合计", "10.00", "8.00", "2.00", ""],
)
BASIC = grid(
    ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ["301", "工资福利支出", "6.00", "6.00", ""],
    ["30201", "办公费", "1.00", "", "1.00"],
    ["", "合计", "7.00", "6.00", "1.00"],
)
THREE = grid(
    ["项目", "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"],
    ["预算数", "3.00", "1.00", "1.00", "1.00"],
)
BETWEEN = st.lists(
    st.sampled_from(
        [
            "单位：万元",
            "编制部门：上海市普陀区司法局",
            "2023年度",
            "公开07表",
            "上海市普陀区司法局2023年部门预算",
            "部门：101平乡县人民代表大会常务委员会  单位：万元",
        ]
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(NUMBERS, BETWEEN)
def test_the_title_reaches_its_table_over_other_lines(number: str, between: list[str]) -> None:
    """Meta lines, a number, a page header or a year line may stand between title and grid."""
    blocks = [RawParagraph(f"{number}收入预算总表"), *map(RawParagraph, between), REVENUE]
    d = recognize(RawDocument(list(blocks), "text"))
    (table,) = d.tables
    assert (table.id, table.recognized_by) == (TableId.REVENUE, "both")
    assert not d.narrative.sections  # the lines in between are the table's, not prose


def test_a_sentence_between_stops_the_search() -> None:
    blocks = [
        RawParagraph("收入预算总表"),
        RawParagraph("本部门收入如下表所示，单位为万元。"),
        BASIC,
    ]
    d = recognize(RawDocument(blocks, "text"))
    assert d.tables[0].title == ""


def test_untitled_tables_are_recognized_by_their_content() -> None:
    d = recognize(RawDocument([REVENUE, THREE], "text"))
    assert [(t.id, t.recognized_by) for t in d.tables] == [
        (TableId.REVENUE, "content"),
        (TableId.THREE_PUBLIC, "content"),
    ]


def test_economic_codes_alone_leave_a_choice_the_toc_settles() -> None:
    alone = recognize(RawDocument([BASIC], "text"))
    assert alone.tables[0].id == TableId.UNKNOWN  # 基本支出 or 机关运行经费: not sure
    toc = [RawParagraph("目  录"), RawParagraph("八、一般公共预算基本支出预算表…………9")]
    d = recognize(RawDocument([*toc, BASIC], "text"))
    assert (d.tables[0].id, d.tables[0].recognized_by) == (TableId.GPB_BASIC, "content")


def test_title_and_content_disagreeing_is_a_diagnostic() -> None:
    """The 三公 items name one table: the content decides, and the diagnostic says so."""
    d = recognize(RawDocument([RawParagraph("支出预算总表"), THREE], "text"))
    (table,) = d.tables
    assert (table.id, table.recognized_by) == (TableId.THREE_PUBLIC, "content")
    (note,) = d.diagnostics
    assert note.startswith("table-title-content-disagree") and "按内容识别为 three_public" in note


def test_content_held_by_an_agreeing_table_does_not_overrule_a_title() -> None:
    """A second grid of 三公 items under 支出预算总表 while a 三公 table stands under its own
    title: the content's one id is taken, so the title is kept (and said)."""
    blocks = [RawParagraph("“三公”经费支出预算表"), THREE, RawParagraph("支出预算总表"), THREE]
    d = recognize(RawDocument(blocks, "text"))
    assert [(t.id, t.recognized_by) for t in d.tables] == [
        (TableId.THREE_PUBLIC, "both"),
        (TableId.EXPENDITURE, "disputed"),
    ]
    (note,) = d.diagnostics
    assert "按标题识别" in note


def test_economic_codes_under_a_wrong_title_need_the_toc() -> None:
    """Economic codes leave 基本支出/机关运行经费/财政拨款基本支出: under 收入预算总表 the
    title stays unless the 目录 lists exactly one of them that no table holds."""
    alone = recognize(RawDocument([RawParagraph("收入预算总表"), BASIC], "text"))
    assert (alone.tables[0].id, alone.tables[0].recognized_by) == (TableId.REVENUE, "disputed")
    toc = [RawParagraph("目  录"), RawParagraph("八、一般公共预算基本支出预算表…………9")]
    d = recognize(RawDocument([*toc, RawParagraph("收入预算总表"), BASIC], "text"))
    assert (d.tables[0].id, d.tables[0].recognized_by) == (TableId.GPB_BASIC, "content")
