"""Rules that read the Jiangsu 12-table layout instead of giving up on it.

Jiangsu's 部门预算 packages (2017–2019) print the standard figures in another layout:
the 收入预算总表 lists its 资金来源 as rows (a group label merged down beside its items,
one 金额 column), the 支出预算总表 is one row of 合计 | 基本支出 | 项目支出, the
财政拨款收支预算总表 prints its 支出 by 支出用途 in one column, the 一般公共预算支出预算表
has one 金额 column by 功能分类, and no 国有资本经营预算 table is printed.  Each test
prints such a package as a real PDF (``support.grids``), reads it back and checks it:
silent on the good package, firing where one printed figure is planted wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest

from support import DATA
from support.grids import Grid, Printed, Span, write_grids
from support.rules import REF_TEXT, findings, parse
from yusuan.api import load
from yusuan.check import Report, check
from yusuan.model import Disclosure, TableId
from yusuan.rules.base import Severity

ADAPTED = ("YS301", "YS302", "YS303", "YS304", "YS307", "YS310", "YS314", "YS315")
ABSENT = ("YS308", "YS309")  # the document does not print what they compare


def summary() -> Grid:
    return [
        [Span("收入", cols=2), Span("支出", cols=2)],
        ["项目名称", "金额", "功能科目名称", "金额"],
        ["一、财政拨款", "980.00", "一般公共服务支出", "800.00"],
        ["一般公共预算", "980.00", "社会保障和就业支出", "120.00"],
        ["政府性基金预算", "", "住房保障支出", "80.00"],
        ["二、财政专户管理资金", "", "", ""],
        ["三、其他资金", "20.00", "", ""],
        ["当年收入小计", "1,000.00", "当年支出小计", "1,000.00"],
        ["上年结转资金", "", "结转下年资金", ""],
        ["收入合计", "1,000.00", "支出合计", "1,000.00"],
    ]


def revenue() -> Grid:
    return [
        [Span("项目名称", cols=2), "金额"],
        [Span("收入总计", cols=2), "1,000.00"],
        [Span("一般公共预算资金", rows=3), "小计", "980.00"],
        ["公共财政拨款(补助)资金", "980.00"],
        ["专项收入", ""],
        ["政府性基金", "小计", ""],
        [Span("财政专户管理资金", rows=3), "小计", ""],
        ["专户管理教育收费", ""],
        ["其他非税收入", ""],
        [Span("其他资金", rows=4), "小计", "20.00"],
        ["事业收入", ""],
        ["经营收入", ""],
        ["其他收入", "20.00"],
        [Span("上年结转和结余资金", rows=2), "小计", ""],
        ["其中：动用上年结转和结余资金", ""],
    ]


def expenditure() -> Grid:
    return [
        ["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"],
        ["1,000.00", "600.00", "400.00", "", ""],
    ]


def fiscal_summary() -> Grid:
    return [
        [Span("收入", cols=2), Span("支出", cols=2)],
        [Span("项目名称", rows=2), Span("金额", rows=2), Span("支出用途", cols=2)],
        ["项目名称", "金额"],
        ["一、一般公共预算", "980.00", "一、基本支出", "590.00"],
        ["二、政府性基金预算", "", "二、项目支出", "390.00"],
        ["收入合计", "980.00", "支出合计", "980.00"],
    ]


def functional() -> Grid:
    return [
        ["功能科目编码", "功能科目名称", "金额"],
        ["", "合计", "980.00"],
        ["201", "一般公共服务支出", "790.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "790.00"],
        ["2010301", "行政运行", "450.00"],
        ["2010302", "一般行政管理事务", "340.00"],
        ["208", "社会保障和就业支出", "115.00"],
        ["20805", "行政事业单位离退休", "115.00"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "115.00"],
        ["221", "住房保障支出", "75.00"],
        ["22102", "住房改革支出", "75.00"],
        ["2210201", "住房公积金", "75.00"],
    ]


def basic() -> Grid:
    return [
        ["科目编码", "科目名称", "金额"],
        ["", "合计", "590.00"],
        ["301", "工资福利支出", "400.00"],
        ["30101", "基本工资", "210.00"],
        ["30108", "机关事业单位基本养老保险缴费", "115.00"],
        ["30113", "住房公积金", "75.00"],
        ["302", "商品和服务支出", "150.00"],
        ["30201", "办公费", "140.00"],
        ["30217", "公务接待费", "10.00"],
        ["303", "对个人和家庭的补助", "40.00"],
        ["30302", "退休费", "40.00"],
    ]


def three_public() -> Grid:
    return [
        [Span("合计", rows=2), Span("“三公”经费", cols=3), Span("会议费", rows=2)],
        ["小计", "因公出国（境）费", "公务接待费"],
        ["25.00", "10.00", "", "10.00", "15.00"],
    ]


def gov_fund() -> Grid:
    return [["功能科目编码", "功能科目名称", "金额"], ["", "合计", ""]]


TABLES: dict[str, Callable[[], Grid]] = {
    "收支预算总表": summary,
    "收入预算总表": revenue,
    "支出预算总表": expenditure,
    "财政拨款收支预算总表": fiscal_summary,
    "财政拨款支出预算表（功能科目）": functional,
    "一般公共预算支出预算表（功能科目）": functional,
    "一般公共预算基本支出预算表（经济科目）": basic,
    "财政拨款政府性基金支出预算表": gov_fund,
    "一般公共预算“三公”经费、会议费支出预算表": three_public,
}

Plant = tuple[str, int, int, str]  # table title, printed row, cell in that row, new text


@lru_cache(maxsize=32)
def package(tmp: Path, plants: tuple[Plant, ...] = ()) -> Disclosure:
    """The Jiangsu-layout package printed to a PDF (with ``plants`` set) and read back."""
    grids = {title: make() for title, make in TABLES.items()}
    for title, row, cell, text in plants:
        old = grids[title][row][cell]
        grids[title][row][cell] = Span(text, old.rows, old.cols) if isinstance(old, Span) else text
    name = "-".join(f"{r}{c}" for _, r, c, _ in plants) or "good"
    path = write_grids([Printed(t, g) for t, g in grids.items()], tmp / f"jiangsu-{name}.pdf")
    return load(path)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jiangsu")


def loud(report: Report, code: str) -> list[str]:
    return [
        f"{f.location.page} {f.message}"
        for f in report.findings
        if f.code == code and f.severity is not Severity.INFO
    ]


def test_revenue_sources_read_as_groups_and_items(tmp: Path) -> None:
    rev = package(tmp).table(TableId.REVENUE)
    assert rev is not None
    assert [c.key for c in rev.amount_columns()] == ["金额"]
    rows = [(r.item, r.depth, r.cells[rev.amount_columns()[0].index].text) for r in rev.rows]
    assert rows[:4] == [
        ("收入总计", None, "1,000.00"),
        ("一般公共预算资金", 0, "980.00"),  # the group's 小计 row is the group's row
        ("公共财政拨款(补助)资金", 1, "980.00"),
        ("专项收入", 1, ""),
    ]
    assert ("政府性基金", 0, "") in rows and ("其他收入", 1, "20.00") in rows
    assert rows[-2:] == [("上年结转和结余资金", 0, ""), ("动用上年结转和结余资金", 1, "")]


def test_revenue_header_with_a_blank_second_label_cell(tmp: Path) -> None:
    """The 2017 print: 项目名称 | (blank) | 金额 instead of 项目名称 merged over two columns."""
    grid = [["项目名称", "", "金额"], *revenue()[1:]]
    d = load(write_grids([Printed("收入预算总表", grid)], tmp / "revenue-2017.pdf"))
    rev = d.table(TableId.REVENUE)
    assert rev is not None and [c.key for c in rev.amount_columns()] == ["金额"]
    assert [(r.item, r.depth) for r in rev.rows][1:3] == [
        ("一般公共预算资金", 0),
        ("公共财政拨款(补助)资金", 1),
    ]


def test_good_package_runs_the_rules_and_is_silent(tmp: Path) -> None:
    report = check(package(tmp), select=["YS3"])
    status = {c.code: c.status for c in report.coverage}
    assert {code: status[code] for code in ADAPTED} == dict.fromkeys(ADAPTED, "ran")
    assert {code: status[code] for code in ABSENT} == dict.fromkeys(ABSENT, "not_applicable")
    reasons = {c.code: c.reason or "" for c in report.coverage}
    assert "只列一栏金额" in reasons["YS308"]
    assert "不印国有资本经营预算财政拨款支出表" in reasons["YS309"]
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []


# (table, printed row, cell, new text) -> the rule that must fire, on which page, saying what
BAD = [
    (("收入预算总表", 2, 2, "990.00"), "YS315", 1, "“一般公共预算”与收入总表“一般公共预算资金”"),
    (("收入预算总表", 1, 1, "1,010.00"), "YS304", 1, "“当年收入小计”与收入总表合计行的本年收入"),
    (("收入预算总表", 1, 1, "1,010.00"), "YS301", 3, "“收入总计”：支出总表“合计”与收入总表“金额”"),
    (("收支预算总表", 2, 3, "780.00"), "YS303", 1, "财政拨款支出表 201 类“金额”超过收支总表"),
    (
        ("财政拨款收支预算总表", 5, 3, "990.00"),
        "YS307",
        4,
        "“支出合计”与一般公共预算财政拨款支出表合计",
    ),
    (("财政拨款收支预算总表", 3, 3, "580.00"), "YS310", 7, "与财政拨款收支总表“基本支出”不一致"),
    (("一般公共预算支出预算表（功能科目）", 1, 2, "1,010.00"), "YS302", 6, "超过支出总表“合计”"),
    (("一般公共预算基本支出预算表（经济科目）", 8, 2, "12.00"), "YS314", 7, "30217 公务接待费超过"),
]


@pytest.mark.parametrize(
    ("plant", "code", "page", "words"), BAD, ids=[f"{b[1]}-{b[0][0]}" for b in BAD]
)
def test_bad_package_fires(tmp: Path, plant: Plant, code: str, page: int, words: str) -> None:
    found = loud(check(package(tmp, (plant,)), select=[code]), code)
    assert found and found[0].startswith(f"{page} ") and words in found[0], found


def test_other_money_makes_the_fiscal_classes_a_bound(tmp: Path) -> None:
    """With 其他资金 in the 收支总表, a 类 of the 财政拨款支出表 below the 收支总表's is no
    finding (the other money pays the rest); only one above it is."""
    plant = ("收支预算总表", 2, 3, "810.00")  # 201: 810 in all, 790 of it 财政拨款
    assert loud(check(package(tmp, (plant,)), select=["YS303"]), "YS303") == []


def test_real_jiangsu_package_runs_the_rules() -> None:
    """The bundled pages of a real package (收支, 收入, 支出, 财政拨款收支 and the 基本支出
    tables; no 一般公共预算支出预算表): the rules whose tables are there run, silent."""
    report = check(load(DATA / "jiangsu-2018-jianchayuan-dept-budget.pdf"), select=["YS3"])
    status = {c.code: c.status for c in report.coverage}
    ran = ("YS301", "YS303", "YS304", "YS305", "YS306", "YS315")
    assert {c: status[c] for c in ran} == dict.fromkeys(ran, "ran")
    assert {c: status[c] for c in ABSENT} == dict.fromkeys(ABSENT, "not_applicable")
    assert [f"{f.code} {f.message}" for f in report.findings if f.severity is Severity.ERROR] == []


# -- YS318: the department's name compared in its one form (data/aliases.toml) ----------
SHORT, FULL = "中共江苏省委办公厅", "中国共产党江苏省委员会办公厅"


def _renamed(document: str, first_table: str) -> str:
    """The reference with every table headed ``document`` but the first, headed ``first_table``."""
    text = REF_TEXT.replace("平乡县人民代表大会常务委员会", document)
    return text.replace(f"101{document}", f"101{first_table}", 1)


@pytest.mark.parametrize(("document", "first_table"), [(SHORT, FULL), (FULL, SHORT)])
def test_department_short_and_full_names_are_one(document: str, first_table: str) -> None:
    text = _renamed(document, first_table)
    assert parse(text).department_canonical == FULL
    assert [f.message for f in findings("YS318", text)] == []


@pytest.mark.parametrize("document", [SHORT, FULL])
def test_another_department_is_still_a_finding(document: str) -> None:
    found = findings("YS318", _renamed(document, "江苏省人民检察院"))
    assert len(found) == 1 and "江苏省人民检察院" in found[0].message
    assert found[0].location.table == "summary"


# -- YS401: the stated 收入 total against 当年收入小计 / 收入合计 ---------------------------
def _with_prose(tmp: Path, sentence: str) -> Disclosure:
    """The good Jiangsu-layout package with one sentence of 情况说明 after its tables."""
    from yusuan.model import Source
    from yusuan.read import read_path
    from yusuan.read.raw import RawDocument, RawParagraph
    from yusuan.recognize import recognize

    grids = [Printed(t, make()) for t, make in TABLES.items()]
    raw, source = read_path(write_grids(grids, tmp / "jiangsu-prose.pdf"))
    para = RawParagraph(sentence, Source(page=9, line=9000))
    return recognize(RawDocument([*raw.blocks, para], raw.format), source)


@pytest.mark.parametrize(
    ("sentence", "against"),
    [("收入预算总计1,010.00万元。", "收入合计"), ("本年收入预算1,010.00万元。", "当年收入小计")],
)
def test_stated_revenue_total_reads_the_jiangsu_totals(
    tmp: Path, sentence: str, against: str
) -> None:
    """Jiangsu's 收支预算总表 prints 当年收入小计 (this year) and 收入合计 (with 上年结转):
    YS401 compares the stated total with them (it could not run before: no 收入总计 row)."""
    good = check(_with_prose(tmp, sentence.replace("1,010.00", "1,000.00")), select=["YS401"])
    assert [c.status for c in good.coverage] == ["ran"]
    assert good.findings == ()
    (f,) = check(_with_prose(tmp, sentence), select=["YS401"]).findings
    assert f.severity is Severity.ERROR and f.location.page == 9 and against in f.message
