"""The narrative of the reference: its section tree and the amounts it states."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import ROOT
from yusuan.model import Narrative, Section, Source, StatedAmount
from yusuan.read.raw import RawParagraph
from yusuan.read.text import parse_text
from yusuan.recognize.narrative import build_narrative, cn_number
from yusuan.recognize.stated import clean_subject, stated_amounts

EXAMPLE = ROOT / "examples" / "pingxiang-renda-2023.txt"
DEPT = "平乡县人民代表大会常务委员会"
PART1 = f"{DEPT}2023年部门预算信息公开情况说明"
THREE = "财政拨款“三公”经费预算情况及增减变化原因"


@pytest.fixture(scope="module")
def narrative() -> Narrative:
    doc = parse_text(EXAMPLE.read_text(encoding="utf-8"))
    return build_narrative(doc.paragraphs())


def tree(sections: tuple[Section, ...]) -> list[object]:
    return [(s.title, tree(s.children)) if s.children else s.title for s in sections]


def test_section_tree(narrative: Narrative) -> None:
    assert tree(narrative.sections) == [
        "",  # preamble: the two 注 lines printed under tables before the narrative
        (
            PART1,
            [
                "部门职责及机构设置情况",
                ("部门预算安排的总体情况", ["收入说明", "支出说明", "比上年增减情况"]),
                "机关运行经费安排情况",
                THREE,
                (
                    "预算绩效信息",
                    [
                        (
                            "部门整体绩效目标",
                            [
                                "总体绩效目标",
                                (
                                    "分项绩效目标",
                                    [
                                        "提高工作水平，增强监督实效",
                                        "发挥家站作用，提升履职水平",
                                        "规范会议程序，提高会议质量",
                                        "做好综合业务和事务管理工作",
                                        "智慧人大运行，履职水平提高",
                                    ],
                                ),
                                "工作保障措施",
                            ],
                        ),
                        "预算项目绩效目标",
                    ],
                ),
                "政府采购预算情况",
                "国有资产信息",
                "名词解释",
                "其他需要说明的事项",
            ],
        ),
    ]


def test_section_details(narrative: Narrative) -> None:
    pre, part1 = narrative.sections
    assert pre.style == "preamble" and len(pre.paragraphs) == 2
    assert (part1.style, part1.number, part1.source.line) == ("part", "一", 1613)
    cn = part1.children
    assert [s.number for s in cn] == ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    assert {s.style for s in cn} == {"cn"}
    # 部门职责 (一)…(十四) are list items, not headings: one short one ends in 。
    assert len(cn[0].paragraphs) == 16 and not cn[0].children
    inner = cn[4].children[0]
    assert (inner.style, inner.number) == ("part", "一")
    assert [s.number for s in inner.children] == ["一", "二", "三"]
    assert [s.number for s in inner.children[1].children] == ["1", "2", "3", "4", "5"]
    # 工作保障措施 1、加强制度建设。… are paragraphs; 名词解释 items are glossary paragraphs
    assert len(inner.children[2].paragraphs) == 7 and not inner.children[2].children
    assert len(cn[7].paragraphs) == 10 and not cn[7].children


def pick(narrative: Narrative, section: str) -> list[tuple[object, ...]]:
    return [
        (a.subject, a.value, a.unit, a.kind, a.direction)
        for a in narrative.stated
        if a.section and a.section[-1] == section
    ]


W = "万元"


def test_income(narrative: Narrative) -> None:
    assert pick(narrative, "收入说明") == [
        ("预算收入", Decimal("593.58"), W, "amount", None),
        ("一般公共预算收入", Decimal("593.58"), W, "amount", None),
        ("基金预算收入", Decimal("0"), W, "amount", None),
        ("财政专户核拨收入", Decimal("0"), W, "amount", None),
        ("其他来源收入", Decimal("0"), W, "amount", None),
        ("上年结转", Decimal("0"), W, "amount", None),
    ]


def test_expenditure(narrative: Narrative) -> None:
    assert pick(narrative, "支出说明") == [
        ("部门支出预算", Decimal("593.58"), W, "amount", None),
        ("基本支出", Decimal("430.58"), W, "amount", None),
        ("人员经费", Decimal("405.07"), W, "amount", None),
        ("日常公用经费", Decimal("25.51"), W, "amount", None),
        ("项目支出", Decimal("163"), W, "amount", None),
    ]


def test_changes(narrative: Narrative) -> None:
    assert pick(narrative, "比上年增减情况") == [
        ("部门预算收支", Decimal("593.58"), W, "amount", None),
        # "较2022年预算增加" names only the base: the sentence's subject is used
        ("部门预算收支", Decimal("2.75"), W, "change", "增加"),
        ("基本支出", Decimal("3.25"), W, "change", "减少"),
        ("项目支出", Decimal("6"), W, "change", "增加"),
    ]
    change = next(a for a in narrative.stated if a.kind == "change")
    assert change.phrase == "较2022年预算增加"
    assert change.text == "2.75万元"
    assert (
        change.sentence.startswith("2023年部门预算收支安排593.58万元")
        and change.sentence[-1] == "。"
    )
    assert change.section == (PART1, "部门预算安排的总体情况", "比上年增减情况")
    assert change.source.line == 1672
    assert change.wan == Decimal("2.75")


def test_running_costs_and_three_public(narrative: Narrative) -> None:
    assert pick(narrative, "机关运行经费安排情况") == [
        ("机关运行经费", Decimal("25.51"), W, "amount", None)
    ]
    assert pick(narrative, THREE) == [
        ("财政拨款三公经费预算", Decimal("8.3"), W, "amount", None),
        ("因公出国（境）费", Decimal("0"), W, "amount", None),
        ("公务用车购置及运维费", Decimal("6.8"), W, "amount", None),
        ("公务用车购置费", Decimal("0"), W, "amount", None),
        ("公务用车运行维护费", Decimal("6.8"), W, "amount", None),
        ("公务接待费", Decimal("1.5"), W, "amount", None),
        ("三公经费", Decimal("4.7"), W, "change", "减少"),
    ]


def test_procurement_and_assets(narrative: Narrative) -> None:
    procurement = pick(narrative, "政府采购预算情况")
    assert procurement == [("政府采购预算", Decimal("0.00"), W, "amount", None)]
    assert str(procurement[0][1]) == "0.00"  # as printed
    assert pick(narrative, "国有资产信息") == [
        ("固定资产", Decimal("155.59"), W, "amount", None),
        ("拟购置固定资产", Decimal("15.00"), W, "amount", None),
    ]


def test_percentages(narrative: Narrative) -> None:
    pct = [a for a in narrative.stated if a.kind == "percent"]
    assert pct and all(a.unit == "%" and a.wan is None for a in pct)
    assert pct[0].subject == "执法检查和集中视察工作完成率" and pct[0].value == 90
    cost = [a for a in narrative.stated if a.subject == "代表之家全年运行成本"]
    assert [(a.value, a.unit) for a in cost] == [(Decimal("5"), W)]


# --- unit cases ---------------------------------------------------------------


def heads(*texts: str) -> list[object]:
    return tree(build_narrative([RawParagraph(t) for t in texts]).sections)


def test_heading_rules() -> None:
    assert heads("一、概况", "正文。", "（一）收入", "正文。", "（二）支出", "二、其他") == [
        ("概况", ["收入", "支出"]),
        "其他",
    ]
    # too long, or a sentence break inside: a paragraph
    long = "一、" + "很长的标题文字" * 6
    assert heads(long) == [""]
    assert heads("一、收入说明。本年收入较多") == [""]
    # a trailing 。 is allowed when a body follows
    assert heads("1、智慧人大运行，履职水平提高。", "绩效目标：完成。") == [
        "智慧人大运行，履职水平提高"
    ]
    # glossary items are paragraphs
    assert heads("八、名词解释", "1、事业收入：指事业单位的收入。", "2、其他收入：指其他。") == [
        "名词解释"
    ]
    # a run of short list items with one long item is a list
    assert heads(
        "一、职责", "（一）" + "保证宪法法律的遵守和执行，" * 4, "（二）信访工作。", "二、机构"
    ) == [
        "职责",
        "机构",
    ]
    # numbering restarting at 1 nests; any other number is a sibling
    assert heads(
        "第一部分 说明", "五、绩效", "第一部分 整体目标", "第二部分 项目目标", "六、采购"
    ) == [("说明", [("绩效", ["整体目标", "项目目标"]), "采购"])]
    # full-width digits and 1. / 1． markers
    assert heads("１.机关运行", "正文", "2．采购") == ["机关运行", "采购"]


def test_flagged_headings_and_numbers() -> None:
    n = build_narrative(
        [RawParagraph("标题", heading=2), RawParagraph("一、甲"), RawParagraph("副标题", heading=2)]
    )
    assert tree(n.sections) == [("标题", ["甲"]), "副标题"]
    assert [s.style for s in n.walk()] == ["h2", "cn", "h2"]
    assert n.walk()[1].number == "一"
    assert [cn_number(s) for s in ("一", "十", "十四", "二十", "九十九", "3", "甲")] == [
        1,
        10,
        14,
        20,
        99,
        3,
        None,
    ]
    n = build_narrative([RawParagraph("（二）支出")])
    assert (n.sections[0].number, n.sections[0].style) == ("二", "paren")


@pytest.mark.parametrize(
    ("phrase", "subject", "direction"),
    [
        ("（其中：公务用车购置费", "公务用车购置费", None),
        ("因公出国（境）费", "因公出国（境）费", None),
        ("“三公”经费", "三公经费", None),
        ('"三公"经费', "三公经费", None),
        ("‘三公’经费", "三公经费", None),
        ("2023年，我部门财政拨款“三公”经费预算安排", "财政拨款三公经费预算", None),
        ("“三公”经费比上年预算减少", "三公经费", "减少"),
        ("较2022年预算增加", "", "增加"),
        ("本部门机关运行经费合计", "机关运行经费", None),
        ("项目支出比上年增长", "项目支出", "增加"),
        ("公务接待费同比压减", "公务接待费", "减少"),
        ("上年末固定资产金额为", "固定资产", None),
        ("平乡县人大（含所属单位）安排政府采购预算", "政府采购预算", None),
    ],
)
def test_clean_subject(phrase: str, subject: str, direction: str | None) -> None:
    assert clean_subject(phrase.split("，")[-1], "平乡县人大") == (subject, direction)


def test_stated_amounts_in_a_paragraph() -> None:
    found = stated_amounts("（其中：公务用车购置费0万元，公务用车运行维护费1,234.50元)；增长12％。")
    assert [(a.subject, a.value, a.unit, a.kind, a.text) for a in found] == [
        ("公务用车购置费", Decimal("0"), "万元", "amount", "0万元"),
        ("公务用车运行维护费", Decimal("1234.50"), "元", "amount", "1,234.50元"),
        ("公务用车运行维护费", Decimal("12"), "%", "percent", "12％"),
    ]
    assert found[2].direction == "增加"
    assert found[0].phrase == "公务用车购置费"
    assert found[1].wan == Decimal("0.12345")
    # numbers without a unit (years, counts) are not stated amounts
    assert stated_amounts("2023年开展监督检查不少于20次，参会代表不少于150人。") == []


def test_stated_amount_type() -> None:
    (a,) = stated_amounts("预算收入593.58万元", ("收入说明",))
    assert isinstance(a, StatedAmount) and a.section == ("收入说明",)
    assert a.sentence == "预算收入593.58万元"


_PIECES = st.sampled_from(
    [
        "一、",
        "（二）",
        "(3)",
        "4、",
        "第五部分",
        "十一、",
        "收入",
        "。",
        "；",
        "：指",
        "3.5万元",
        "，",
        "12%",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=6).map("".join), max_size=12))
def test_every_paragraph_is_kept_once(texts: list[str]) -> None:
    n = build_narrative([RawParagraph(t) for t in texts])
    kept = sum(len(s.paragraphs) + (s.style != "preamble") for s in n.walk())
    assert kept == len(texts)
    assert all(a.value >= 0 and a.unit in ("万元", "%") for a in n.stated)


def _paras(*texts: str, heading: int | None = None) -> list[RawParagraph]:
    return [RawParagraph(t, heading=heading) for t in texts]


def test_table_of_contents_repeated_in_the_text_is_one_flat_section() -> None:
    """目录 entries (第一部分 … 第四部分 名词解释) are not the headings of what follows."""
    toc = _paras(
        "目    录",
        "第一部分 部门概况",
        "一、主要职能。",
        "第二部分 部门预算表",
        "第三部分 名词解释",
    )
    body = _paras(
        "第一部分 部门概况",
        "一、主要职责",
        "检察院是法律监督机关。",
        "第二部分 名词解释",
        "财政拨款：…",
    )
    n = build_narrative(_paras("江苏省人民检察院") + toc + body)
    assert [s.title for s in n.sections] == ["", "目录", "部门概况", "名词解释"]
    contents = n.sections[1]
    assert (contents.style, len(contents.paragraphs), contents.children) == ("toc", 4, ())
    assert tree(n.sections[2].children) == ["主要职责"]


def test_table_of_contents_with_dot_leaders() -> None:
    toc = _paras("目 录", "一、部门主要职能 ……………… 3", "二、部门机构设置 …………………… 4")
    body = _paras("上海市普陀区司法局主要职能", heading=1) + _paras("主要职责是：…")
    n = build_narrative(toc + body)
    assert [(s.title, s.style) for s in n.sections] == [
        ("目录", "toc"),
        ("上海市普陀区司法局主要职能", "h1"),
    ]


def test_table_of_contents_ends_at_a_heading_seen_in_print() -> None:
    toc = _paras("目 录", "一、单位主要职能", "二、单位机构设置", "三、名词解释")
    body = _paras("上海市普陀区社会福利院主要职能", heading=1) + _paras("收养社会孤老。")
    n = build_narrative(toc + body)
    assert [s.title for s in n.sections] == ["目录", "上海市普陀区社会福利院主要职能"]
    assert [p.text for p in n.sections[1].paragraphs] == ["收养社会孤老。"]


def _on_page(page: int, *texts: str) -> list[RawParagraph]:
    return [RawParagraph(t, Source(page=page)) for t in texts]


_TOC_ENTRIES = (
    "第一部分 部门概况",
    "一、主要职能。",
    "第二部分 部门预算表",
    "十一、一般公共预算“三公”经费、会议费、培训费支出预算",
    "表",
    "十二、政府采购支出预算表",
    "第三部分 部门预算情况说明",
    "第四部分 名词解释",
)


@pytest.mark.parametrize("flagged", range(1, len(_TOC_ENTRIES)))
def test_table_of_contents_entry_seen_as_a_display_line_stays_an_entry(flagged: int) -> None:
    """An entry the reader took for a display heading (set larger or centred, as a PDF's
    wrapped 目录 line can be) does not end the 目录 when the first entry is printed again
    below: no entry opens a section, so 名词解释 does not swallow the 情况说明."""
    toc = [
        RawParagraph(t, Source(page=2), heading=1 if i == flagged else None)
        for i, t in enumerate(_TOC_ENTRIES)
    ]
    body = _on_page(
        3,
        "第一部分 部门概况",
        "一、主要职责",
        "检察院是法律监督机关。",
        "第二部分 部门预算情况说明",
        "七、政府性基金支出预算表情况说明",
        "本部门无政府性基金预算。",
        "第三部分 名词解释",
        "财政拨款：…",
    )
    n = build_narrative(_on_page(2, "目    录") + toc + body)
    assert [s.title for s in n.sections] == ["目录", "部门概况", "部门预算情况说明", "名词解释"]
    assert len(n.sections[0].paragraphs) == len(_TOC_ENTRIES)
    assert tree(n.sections[2].children) == ["政府性基金支出预算表情况说明"]


def test_display_heading_on_a_later_page_ends_the_table_of_contents() -> None:
    """Near miss: a display heading on a page after the 目录's, before the first entry is
    printed again, is the text's own heading (第一部分 printed over 一、主要职能): the 目录
    ends there and does not swallow it."""
    toc = _on_page(2, "目    录", "一、主要职能", "二、名词解释")
    body = [RawParagraph("第一部分 部门概况", Source(page=3), heading=1)]
    body += _on_page(3, "一、主要职能", "检察院是法律监督机关。", "二、名词解释", "财政拨款：…")
    n = build_narrative(toc + body)
    assert [s.title for s in n.sections] == ["目录", "部门概况"]
    assert len(n.sections[0].paragraphs) == 2


def test_table_of_contents_without_its_first_entry_repeated_ends_at_a_display_line() -> None:
    """Near miss: when the text words its first heading otherwise, a display line still ends
    the 目录 (the entries do not swallow the text)."""
    toc = _paras("目 录", "一、单位主要职能", "二、名词解释")
    body = _paras("上海市普陀区社会福利院主要职能", heading=1) + _paras("收养社会孤老。")
    body += _paras("名词解释", heading=1) + _paras("财政拨款：…")
    n = build_narrative(toc + body)
    assert [s.title for s in n.sections] == ["目录", "上海市普陀区社会福利院主要职能", "名词解释"]


def test_comparison_by_difference_is_a_change() -> None:
    """本年数小于上年预算数29.65万元: 29.65 is the decrease, not last year's amount."""
    (now, diff) = stated_amounts("公务接待费预算支出156.55万元，本年数小于上年预算数29.65万元。")
    assert (now.kind, diff.kind, diff.direction, diff.value) == (
        "amount",
        "change",
        "减少",
        Decimal("29.65"),
    )
