"""YS2xx: the 科目 hierarchy (类 / 款 / 项 sums, orphans, names, formats, duplicates, order)."""

from __future__ import annotations

import pytest

from support import DATA
from support.rules import (
    REF_LINES,
    REF_TEXT,
    Case,
    Edit,
    assert_case,
    chain,
    coded_row,
    findings,
    nudge,
    parse,
    reference,
    set_cell,
    set_code,
    set_name,
)
from yusuan.api import load
from yusuan.check import check
from yusuan.rules.base import Severity


def block(table: str, code: str) -> tuple[int, int]:
    """The 1-based line span [start, end) of a printed row: its 序号 line to the next row's 序号 line."""
    row = coded_row(table, code)
    start = row.source.line
    assert start is not None
    end = max(c.source.line or start for c in row.cells.values()) + 1
    while end <= len(REF_LINES) and REF_LINES[end - 1] == "":
        end += 1
        if end > len(REF_LINES) or REF_LINES[end - 1].strip():
            break  # one blank separator line belongs to the row
    return start, end


def delete_row(table: str, code: str) -> Edit:
    start, end = block(table, code)

    def edit(text: str) -> str:
        lines = text.split("\n")
        return "\n".join(lines[: start - 1] + lines[end - 1 :])

    return edit


def move_row(table: str, code: str, before: str, through: str | None = None) -> Edit:
    """Cut the row ``code`` (or the rows ``code`` … ``through``) and print them just before ``before``."""
    start, end = block(table, code)[0], block(table, through or code)[1]
    at = block(table, before)[0]

    def edit(text: str) -> str:
        lines = text.split("\n")
        cut = lines[start - 1 : end - 1]
        rest = lines[: start - 1] + lines[end - 1 :]
        pos = at - 1 if at < start else at - 1 - len(cut)
        return "\n".join(rest[:pos] + cut + rest[pos:])

    return edit


def delete_rows(table: str, *codes: str) -> Edit:
    """Delete several rows (the lowest first, so that the reference's line spans hold)."""
    return chain(*(delete_row(table, c) for c in sorted(codes, key=lambda c: -block(table, c)[0])))


def duplicate_row(table: str, code: str, as_code: str | None = None) -> Edit:
    """Print the row ``code`` twice (the copy right below it, coded ``as_code`` if given)."""
    start, end = block(table, code)

    def edit(text: str) -> str:
        lines = text.split("\n")
        copy = lines[start - 1 : end - 1]
        if as_code is not None:
            assert copy[1].strip() == code
            copy[1] = "\t" + as_code
        return "\n".join(lines[: end - 1] + copy + lines[end - 1 :])

    return edit


def bracketed(expenditure: str) -> Edit:
    """2101101 named 行政单位医疗（本级） in the 收入总表 and the 一般公共预算 table, and 行政单位医疗
    + ``expenditure`` in the 支出总表."""
    return chain(
        set_name("revenue", "2101101", "行政单位医疗（本级）"),
        set_name("expenditure", "2101101", "行政单位医疗" + expenditure),
        set_name("gpb_expenditure", "2101101", "行政单位医疗（本级）"),
    )


#: 款 rows of the 一般公共预算财政拨款支出表: dropping all is a table printed without 款.
SECTIONS = ("20101", "20805", "21011", "22102")


CASES = [
    # YS201 类 = Σ 款
    Case(
        "YS201",
        set_cell("revenue", "合计", "475.91", code="20101"),
        at={"table": "revenue", "row_code": "201", "column": "合计", "line": 283},
    ),
    Case(
        "YS201",
        set_cell("gpb_expenditure", "基本支出", "56.78", code="208"),
        id="gpb-basic-column",
        at={"table": "gpb_expenditure", "row_code": "208", "column": "基本支出", "line": 1204},
    ),
    Case(  # near miss: 201 one cent off its one 款 (rounding of two figures); two cents fire
        "YS201",
        nudge("revenue", "合计", "0.02", code="201"),
        near=nudge("revenue", "合计", "0.01", code="201"),
        id="rounding",
        at={"table": "revenue", "row_code": "201", "column": "合计", "line": 283},
    ),
    # YS202 款 = Σ 项
    Case(
        "YS202",
        set_cell("expenditure", "项目支出", "28.00", code="2010107"),
        at={"table": "expenditure", "row_code": "20101", "column": "项目支出", "line": 592},
    ),
    Case(
        "YS202",
        delete_row("gpb_expenditure", "2010107"),
        id="dropped-item",
        at={"table": "gpb_expenditure", "row_code": "20101", "column": "合计", "line": 1161},
    ),
    Case(
        "YS202",
        delete_row("expenditure", "2210201"),
        id="only-item-dropped",
        at={"table": "expenditure", "row_code": "22102", "column": "合计", "line": 740},
    ),
    Case(  # near miss: 2010107 two cents off, inside the bound of the 5 printed figures
        "YS202",
        set_cell("expenditure", "项目支出", "27.03", code="2010107"),
        near=set_cell("expenditure", "项目支出", "27.02", code="2010107"),
        id="rounding",
        at={"table": "expenditure", "row_code": "20101", "column": "项目支出", "line": 592},
    ),
    # YS203 economic 类 = Σ 款
    Case(
        "YS203",
        set_cell("gpb_basic", "合计", "0.62", code="30299"),
        at={"table": "gpb_basic", "row_code": "302", "column": "合计", "line": 1388},
    ),
    Case(
        "YS203",
        delete_row("gpb_basic", "30305"),
        id="dropped-section",
        at={"table": "gpb_basic", "row_code": "303", "column": "合计", "line": 1437},
    ),
    Case(  # near miss: 30299 three cents off, inside the bound of the 7 printed figures
        "YS203",
        set_cell("gpb_basic", "合计", "0.56", code="30299"),
        near=set_cell("gpb_basic", "合计", "0.55", code="30299"),
        id="rounding",
        at={"table": "gpb_basic", "row_code": "302", "column": "合计", "line": 1388},
    ),
    # YS204 a 款/项 without its parent row; a blank parent over filled children (warning)
    Case(
        "YS204",
        delete_row("gpb_expenditure", "20101"),
        at={"table": "gpb_expenditure", "row_code": "2010101", "line": 1158},
    ),
    Case(
        "YS204",
        delete_row("gpb_basic", "303"),
        id="economic",
        at={"table": "gpb_basic", "row_code": "30302", "line": 1434},
    ),
    Case(
        "YS204",
        set_cell("revenue", "合计", "", code="20101"),
        severity=(Severity.WARNING,),
        id="blank-parent",
        at={"table": "revenue", "row_code": "20101", "column": "合计", "line": 297},
    ),
    Case(  # near miss: no 款 row at all is a table printed without 款; one 款 left makes orphans
        "YS204",
        delete_rows("gpb_expenditure", *SECTIONS[:3]),
        near=delete_rows("gpb_expenditure", *SECTIONS),
        id="level-not-printed",
        at={"table": "gpb_expenditure", "row_code": "2010101", "line": 1158},
    ),
    # YS205 one code, two names
    Case(
        "YS205",
        set_name("expenditure", "2101101", "事业单位医疗"),
        at={"table": "expenditure", "row_code": "2101101", "line": 707},
    ),
    Case(
        "YS205",
        set_name("gpb_expenditure", "2080506", "机关事业单位职业年金缴费"),
        severity=(Severity.WARNING,),
        id="abbreviated",
        at={"table": "gpb_expenditure", "row_code": "2080506", "line": 1221},
    ),
    Case(  # near miss: the same name with half-width brackets in one table; another word fires
        "YS205",
        bracketed("(市级)"),
        near=bracketed("(本级)"),
        id="brackets",
        at={"table": "expenditure", "row_code": "2101101", "line": 707},
    ),
    # YS206 malformed codes, 项 under another 款
    Case(
        "YS206",
        set_code("expenditure", "2010104", "2O10104"),
        id="letter",
        at={"table": "expenditure", "row_code": "2O10104", "line": 617},
    ),
    Case(
        "YS206",
        set_code("gpb_expenditure", "2010104", "20101040"),
        id="length",
        at={"table": "gpb_expenditure", "row_code": "20101040", "line": 1179},
    ),
    Case(
        "YS206",
        set_code("gpb_basic", "30201", "3020"),
        id="economic-length",
        at={"table": "gpb_basic", "row_code": "3020", "line": 1392},
    ),
    Case(
        "YS206",
        move_row("expenditure", "2080505", "208"),
        id="wrong-parent",
        at={"table": "expenditure", "row_code": "2080505", "line": 647},
    ),
    Case(  # near miss: a code one digit off but valid; one digit short fires
        "YS206",
        set_code("expenditure", "2010104", "201010"),
        near=set_code("expenditure", "2010104", "2010105"),
        id="one-digit",
        at={"table": "expenditure", "row_code": "201010", "line": 617},
    ),
    Case(  # near miss: the code in full-width digits is the code; a full-width letter O fires
        "YS206",
        set_code("expenditure", "2010104", "２０１０１Ｏ４"),
        near=set_code("expenditure", "2010104", "２０１０１０４"),
        id="full-width",
        at={"table": "expenditure", "row_code": "20101Ｏ4", "line": 617},
    ),
    # YS207 the same code twice
    Case(  # near miss: the copy coded one digit off
        "YS207",
        duplicate_row("expenditure", "2010101"),
        near=duplicate_row("expenditure", "2010101", as_code="2010103"),
        at={"table": "expenditure", "row_code": "2010101", "line": 607},
    ),
    Case(
        "YS207",
        duplicate_row("gpb_basic", "30201"),
        id="economic",
        at={"table": "gpb_basic", "row_code": "30201", "line": 1399},
    ),
    # YS208 out of code order (warning)
    Case(
        "YS208",
        move_row("expenditure", "2010102", "2010101"),
        at={"table": "expenditure", "row_code": "2010101", "line": 607},
    ),
    Case(
        "YS208",
        move_row("gpb_basic", "303", "302", through="30305"),
        id="classes",
        at={"table": "gpb_basic", "row_code": "302", "line": 1407},
    ),
    Case(  # near miss: 2010102 recoded up to just below the next code; one more is disorder
        "YS208",
        set_code("expenditure", "2010102", "2010105"),
        near=set_code("expenditure", "2010102", "2010103"),
        id="recoded",
        at={"table": "expenditure", "row_code": "2010104", "line": 617},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(case: Case) -> None:
    assert_case(case)


def test_reference_is_silent() -> None:
    """No YS2xx finding at all (not even info) on the reference document."""
    for code in (f"YS20{n}" for n in range(1, 9)):
        assert findings(code, REF_TEXT) == [], code


def dropped_rows() -> list[tuple[str, str]]:
    out = []
    for table, length in (
        ("revenue", 7),
        ("expenditure", 7),
        ("gpb_expenditure", 7),
        ("gpb_basic", 5),
    ):
        t = reference().table(table)
        assert t is not None
        out += [(table, r.code) for r in t.rows if r.code and len(r.code) == length]
    return out


def test_block_is_the_printed_row() -> None:
    """A row block runs from its 序号 line to the next row's 序号 line."""
    start, end = block("expenditure", "2010101")
    assert REF_LINES[start - 1].strip() == "4" and REF_LINES[end - 1].strip() == "5"
    assert REF_LINES[end - 2] == ""


@pytest.mark.parametrize(("table", "code"), dropped_rows(), ids=lambda v: str(v))
def test_dropping_any_item_row_is_an_error(table: str, code: str) -> None:
    """Deleting any single 项 (or economic 款) row leaves some YS1/YS2 error."""
    text = delete_row(table, code)(REF_TEXT)
    assert code not in [r.code for t in parse(text).tables if t.id == table for r in t.rows]
    report = check(parse(text), select=["YS1", "YS2"])
    errors = {f.code for f in report.findings if f.severity is Severity.ERROR}
    assert errors, (table, code)
    assert ("YS203" if table == "gpb_basic" else "YS202") in errors


@pytest.mark.parametrize(
    "name",
    [
        "chongqing-2018-jiaotongwei.html",
        "shanghai-putuo-2026-dept-budget-template.xlsx",
        "shanghai-putuo-2026-unit-budget-template.xlsx",
    ],
)
def test_other_layouts_do_not_claim_errors(name: str) -> None:
    """Other regions' files (templates without figures) run without crashing or false errors."""
    report = check(load(DATA / name), select=["YS1", "YS2"])
    assert not [f for f in report.findings if f.severity is not Severity.INFO]


def test_blank_parent_is_not_a_sum_error() -> None:
    """A blank 款 over filled 项 is 'not printed': YS202 silent, YS204 warns; 类 counts its 项."""
    text = set_cell("revenue", "合计", "", code="20101")(REF_TEXT)
    assert findings("YS202", text) == []
    assert findings("YS201", text) == []
    warned = findings("YS204", text)
    assert [(f.severity, f.location.row_code, f.location.column) for f in warned] == [
        (Severity.WARNING, "20101", "合计")
    ]
    assert warned[0].expected == "485.91" and warned[0].actual == "空"


def test_moved_group_is_only_an_order_warning() -> None:
    text = move_row("gpb_basic", "303", "302", through="30305")(REF_TEXT)
    report = check(parse(text), select=["YS1", "YS2"])
    assert [(f.code, f.severity, f.location.row_code) for f in report.findings] == [
        ("YS208", Severity.WARNING, "302")
    ]


def test_flat_list_of_items_is_not_misplaced() -> None:
    """A table printing only 项 rows (no 类/款) is not a hierarchy defect."""
    parents = ("201", "20101", "208", "20805", "210", "21011", "221", "22102")
    text = REF_TEXT
    for code in sorted(parents, key=lambda c: -block("gpb_expenditure", c)[0]):
        text = delete_row("gpb_expenditure", code)(text)
    assert not [r.code for r in parse(text).tables[4].rows if r.code and len(r.code) < 7]
    for code in ("YS201", "YS202", "YS204", "YS206", "YS208"):
        assert findings(code, text) == [], code


def test_misplaced_row_is_not_also_an_order_warning() -> None:
    text = move_row("expenditure", "2080505", "208")(REF_TEXT)
    assert findings("YS208", text) == []
    assert findings("YS204", text) == []
    f = findings("YS206", text)
    assert len(f) == 1 and f[0].location.row_code == "2080505" and f[0].expected == "20805"


def test_orphans_reported_once_per_missing_parent() -> None:
    text = delete_row("gpb_expenditure", "20101")(REF_TEXT)
    f = findings("YS204", text)
    assert len(f) == 1 and "20101" in f[0].message and "2010107" in f[0].message


def test_sum_finding_points_at_the_parent_cell() -> None:
    f = findings("YS202", set_cell("expenditure", "项目支出", "28.00", code="2010107")(REF_TEXT))
    assert [(x.location.table, x.location.row_code, x.location.column) for x in f] == [
        ("expenditure", "20101", "项目支出")
    ]
    assert (f[0].expected, f[0].actual, f[0].difference) == ("164", "163", "-1")
    assert (
        f[0].location.line == 592
        and "应为 164.00 万元，实为 163.00 万元，相差 -1.00 万元" in f[0].message
    )


def without_table(title: str, next_title: str) -> Edit:
    """Drop a whole table: from its title line to the next table's title line."""
    return lambda text: text[: text.index(title)] + text[text.index(next_title) :]


def test_missing_tables_cannot_run() -> None:
    from support.rules import coverage_status

    text = without_table(
        "部门预算一般公共预算财政拨款基本支出表", "部门预算政府基金预算财政拨款支出表"
    )(REF_TEXT)
    assert coverage_status("YS203", text) == "could_not_run"
    assert coverage_status("YS201", text) == "ran"


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        (["201", "01", "01"], "2010101"),
        (["301", "2"], "30102"),  # 款 printed as the number 2: padded back to 02
        (["210", "11", "2"], "2101102"),
        (["7", "11", "02"], "7-11-02"),  # a misprinted 类 stays visibly malformed
        (["2010101"], "2010101"),
        ([], None),
    ],
)
def test_split_code_columns_are_joined(parts: list[str], code: str | None) -> None:
    from yusuan.recognize.labels import join_codes as _join_codes

    assert _join_codes(parts) == code


def test_a_malformed_item_code_is_reported_once() -> None:
    """A 项 printed with a malformed code (7-11-02 in a Putuo 2024 table) is YS206's finding;
    its 款 is not also reported as having no 项 (YS202), nor matched as a 科目 (YS301)."""
    text = set_code("expenditure", "2210201", "7-02-01")(REF_TEXT)
    assert [f.code for f in findings("YS206", text)] == ["YS206"]
    assert not [f for f in findings("YS202", text) if "22102" in f.message]
    assert not [f for f in findings("YS301", text) if "7-02-01" in f.message]


def test_a_code_in_full_width_digits_is_read_as_the_code() -> None:
    """２０１０１０４ (typed with a Chinese input method) is 2010104: no hierarchy or
    cross-table finding at all (it was an orphan 项, a 款 short of it and two codes apart)."""
    text = set_code("expenditure", "2010104", "２０１０１０４")(REF_TEXT)
    table = parse(text).table("expenditure")
    assert table is not None
    assert [r.code for r in table.rows if r.item == "人大会议"] == ["2010104"]
    assert check(parse(text), select=["YS2", "YS3"]).findings == ()
