"""The 决算 package: ``template --kind 决算``, the nine 决算 tables, the round trip.

A real corpus 决算 (中共上海市普陀区委社会工作部 2024, ``tests/data``) is parsed, made into
the input workbook (``template --from``), read back and rendered in four formats; every
format reads back to the facts of the published PDF and checks with zero errors.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell

from support import FINAL, run_yusuan
from yusuan.api import load
from yusuan.check import check
from yusuan.facts import facts
from yusuan.model import Disclosure, Row, TableId
from yusuan.render.forms import FINAL_FORMS, forms
from yusuan.render.grid import fold_blocks, folded_width, place_header, table_grid
from yusuan.render.run import render
from yusuan.render.standard import empty_table

OFFICIAL_TITLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]
BLUE = "DDEBF7"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "决算填报.xlsx"
    done = run_yusuan("template", "--kind", "决算", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_final_forms_are_the_official_nine_in_order() -> None:
    assert [f.title for f in FINAL_FORMS] == OFFICIAL_TITLES
    assert forms("决算") is FINAL_FORMS and forms("预算") is not FINAL_FORMS


def test_blank_final_workbook_prints_the_official_forms(blank: Path) -> None:
    book = openpyxl.load_workbook(blank)
    assert [n for n in book.sheetnames if n in OFFICIAL_TITLES] == OFFICIAL_TITLES
    assert "1、XX项目绩效目标表"[:2] not in "".join(book.sheetnames)  # no 预算 绩效目标表
    for ws in book.worksheets:
        assert ws.protection.sheet and not ws.protection.password, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows is not None, ws.title
        inputs = [
            c
            for row in ws.iter_rows()
            for c in row
            if not c.protection.locked and not isinstance(c, MergedCell)
        ]
        assert inputs and all(c.fill.fgColor.rgb.endswith(BLUE) for c in inputs), ws.title
    assert book["部门基本信息"]["A5"].value == "决算年度"
    units = book["部门决算单位构成（机构设置）"]
    assert [c.value for c in units[2]] == ["序号", "单位名称", "备注"]
    # 三公: 预算数 beside 决算数 under each of the six heads
    three = book["财政拨款“三公”经费支出决算表"]
    labels = [c.value for row in three.iter_rows(max_row=8) for c in row if c.value]
    assert labels.count("预算数") == labels.count("决算数") == 6
    assert "公务用车购置及运行维护费" in labels and "小计" in labels
    assert three.data_validations.dataValidation
    # 基本支出: two column blocks, the 经济分类 rows printed with their codes, locked
    basic = book["一般公共预算财政拨款基本支出决算表"]
    head = [c.value for c in basic[3]]
    assert head == ["经济分类科目编码", "科目名称", "决算数"] * 2
    code = next(c for row in basic.iter_rows() for c in row if c.value == "30201")
    assert code.column == 4 and code.protection.locked
    assert basic.cell(code.row, 6).fill.fgColor.rgb.endswith(BLUE)
    # 政府性基金: 年初 / 年末结转和结余 around 本年收入 and 本年支出
    fund = book["政府性基金预算财政拨款收入支出决算表"]
    labels = [c.value for row in fund.iter_rows(max_row=6) for c in row if c.value]
    assert (
        labels.index("年初结转和结余") < labels.index("本年收入") < labels.index("年末结转和结余")
    )


def test_blank_final_workbook_reads_back_as_a_final(blank: Path) -> None:
    d = load(blank)
    assert d.kind == "决算"
    ids = [t.id for t in d.tables if t.title in OFFICIAL_TITLES]
    assert ids == [f.id for f in FINAL_FORMS if f.id is not TableId.THREE_PUBLIC]
    # (the blank 三公 form has no row to tell its header from its body: read by id only)
    assert any(t.id is TableId.THREE_PUBLIC for t in d.tables)
    basic = d.table(TableId.GPB_BASIC)
    assert basic is not None and len([r for r in basic.rows if r.code]) == 65


def test_cli_kind_is_checked(tmp_path: Path) -> None:
    bad = run_yusuan("template", "--kind", "结算", "-o", str(tmp_path / "a.xlsx"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--kind" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "a.xlsx").exists()
    other = run_yusuan(
        "template", "--kind", "预算", "--from", str(FINAL), "-o", str(tmp_path / "b")
    )
    assert other.returncode == 2 and "决算" in other.stderr and not (tmp_path / "b").exists()


# ------------------------------------------------------------------ the corpus 决算, rebuilt


@pytest.fixture(scope="module")
def rebuilt(final_workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("final-render")
    result = render(load(final_workbook), ("xlsx", "docx", "html", "pdf"), out, stem="final")
    assert result.report.summary["error"] == 0
    return {p.suffix[1:]: p for p in result.paths}


def test_workbook_from_the_final_holds_its_facts(
    final_parsed: Disclosure, final_workbook: Path
) -> None:
    mine = facts(final_parsed)
    again = load(final_workbook)
    # the 决算情况说明填报 sheet's amounts are the text's inputs, not the package's facts
    inputs = "unknown:决算情况说明填报"
    assert len(mine) == 205 and [f for f in facts(again) if f.table != inputs] == mine
    assert again.kind == "决算"
    # the 决算单位构成 list (printed untitled under its heading) has a sheet of its own,
    # read back as the 机构设置 table
    org = again.table(TableId.ORG)
    assert org is not None and org.title == "部门决算单位构成（机构设置）"
    assert [r.label for r in org.rows] == [
        "中共上海市普陀区委社会工作部（本级）",
        "上海市普陀区社会工作发展服务中心",
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
def test_rendered_final_round_trips_and_checks(
    final_parsed: Disclosure, rebuilt: dict[str, Path], fmt: str
) -> None:
    again = load(rebuilt[fmt])
    assert (again.kind, again.year, again.department_name) == (
        "决算", 2024, "中共上海市普陀区委社会工作部",
    )  # fmt: skip
    assert facts(again) == facts(final_parsed)
    report = check(again)
    assert report.summary["error"] == 0, report.flatten()
    titles = [t.title for t in again.tables if t.id is not TableId.UNKNOWN]
    # an xlsx sheet's empty 三公 form reads back under its header's top cell (no body row)
    three = "财政拨款“三公”经费支出决算表"
    want = [t for t in OFFICIAL_TITLES if fmt != "xlsx" or t != three]
    assert [t for t in titles if t in OFFICIAL_TITLES] == want
    # the 单位构成 list prints in 第一部分 (the 决算 情况说明) and reads back as 机构设置
    read = [t.id for t in again.tables if t.id not in (TableId.UNKNOWN, TableId.ORG)]
    assert read == [f.id for f in FINAL_FORMS]


def test_package_prints_the_nine_official_tables(final_workbook: Path) -> None:
    """Read back from the workbook, the empty 三公 form has lost its header (no body row to
    tell it from); the package prints the official form again, under its own title."""
    from yusuan.render.package import compose

    pkg = compose(load(final_workbook))
    # the 单位构成 list prints in 第一部分 (概况), before the nine tables of 第二部分
    first, *nine = [b.grid.title for b in pkg.tables()]
    assert first == "部门决算单位构成（机构设置）"
    assert nine == OFFICIAL_TITLES
    three = next(b.grid for b in pkg.tables() if b.table.id is TableId.THREE_PUBLIC)
    assert [p.label for p in three.header if p.top == three.depth - 1] == ["预算数", "决算数"] * 3
    assert three.notes[-1].startswith(
        "说明：中共上海市普陀区委社会工作部本年度没有财政拨款“三公”经费支出"
    )


def test_pdf_prints_the_basic_table_side_by_side(rebuilt: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(rebuilt["pdf"]) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    at = next(i for i, t in enumerate(pages) if t.startswith("一般公共预算财政拨款基本支出决算表"))
    lines = "\n".join(pages[at : at + 2]).splitlines()  # a long table runs onto a second page
    # one printed line holds a 301 row on the left and a 302 row on the right, as the form
    assert any("30101" in line and "30201" in line for line in lines)
    assert any("人员经费合计" in line and "公用经费合计" in line for line in lines)


def test_a_missing_final_table_is_printed_as_its_empty_form(final_parsed: Disclosure) -> None:
    from yusuan.render.package import prepare_tables

    less = final_parsed.model_copy(
        update={"tables": tuple(t for t in final_parsed.tables if t.id is not TableId.GOV_FUND)}
    )
    tables = prepare_tables(less)
    assert [t.title for t in tables] == OFFICIAL_TITLES
    fund = next(t for t in tables if t.id is TableId.GOV_FUND)
    assert fund.notes[-1] == (
        "说明：中共上海市普陀区委社会工作部本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    )


# ------------------------------------------------------------------ folded tables


def test_empty_basic_form_prints_in_two_blocks() -> None:
    basic = next(f for f in FINAL_FORMS if f.id is TableId.GPB_BASIC)
    grid = table_grid(empty_table(basic))
    assert grid.ncols == 6 and grid.kinds == ["code", "item", "amount"] * 2
    assert grid.body[0][:2] == ["301", "工资福利支出"] and grid.body[0][3:5] == [
        "302",
        "商品和服务支出",
    ]
    assert grid.body[-1][1] == "人员经费合计" and grid.body[-1][4] == "公用经费合计"


@settings(max_examples=30, deadline=None)
@given(crowded=st.integers(3, 6))
def test_rows_needing_more_blocks_than_the_header_prints_are_not_folded(crowded: int) -> None:
    """A misread list whose rows would need more column blocks than its two-block header
    prints (``crowded`` class rows read on one line) is not folded: it prints in the first
    block instead of running past the grid; the two-block list itself still folds."""
    basic = next(f for f in FINAL_FORMS if f.id is TableId.GPB_BASIC)
    form = empty_table(basic)
    assert table_grid(form).ncols == 6 and len(table_grid(form).body) < len(form.rows)
    rows = tuple(
        r.model_copy(
            update={"index": 0 if i < crowded else i, "depth": 0 if i < crowded else r.depth}
        )
        for i, r in enumerate(form.rows)
    )
    grid = table_grid(form.model_copy(update={"rows": rows}))
    assert grid.ncols == 6
    assert all(not line[3] and not line[4] and not line[5] for line in grid.body)
    printed = {line[1] for line in grid.body}
    assert {r.label for r in rows[crowded:]} <= printed


def test_amounts_alone_repeating_under_other_heads_are_not_blocks() -> None:
    """The 三公 决算 form repeats 预算数 | 决算数 under each item: read with only those two
    amount columns (no code or name column), it is one wide row, not a list in blocks."""
    three = empty_table(next(f for f in FINAL_FORMS if f.id is TableId.THREE_PUBLIC))
    placed = place_header(three.header)
    two = three.model_copy(update={"columns": three.columns[:2]})
    assert [c.role for c in two.columns] == ["amount", "amount"]
    assert folded_width(two, placed) == 0
    basic = empty_table(next(f for f in FINAL_FORMS if f.id is TableId.GPB_BASIC))
    assert folded_width(basic, place_header(basic.header)) == 3


@st.composite
def _folded(draw: st.DrawFn) -> list[tuple[int, int, int]]:
    """Two column blocks of consecutive lines, cut into classes (a head row, then its
    children), listed class by class alternating sides (301 left, 302 right, 303 left …),
    each block ending with its total row on the same last line (as the 基本支出表 reads:
    301, 302, 303, 人员经费合计, 310, 公用经费合计): (block, line, depth)."""
    n = draw(st.integers(1, 3))
    blocks = []
    for _ in range(2):
        sizes = draw(st.lists(st.integers(1, 8), min_size=n, max_size=n))
        runs, at = [], 0
        for size in sizes:
            runs.append(list(range(at, at + size)))
            at += size
        blocks.append(runs)
    end = max(run[-1] for runs in blocks for run in runs) + 1
    order: list[tuple[int, int, int]] = []
    for i in range(n):
        for b, runs in enumerate(blocks):
            order += [(b, line, 0 if j == 0 else 1) for j, line in enumerate(runs[i])]
            if b == 0 and i == n - 1:
                order.append((0, end, -1))  # 人员经费合计, before the right block's last class
    return [*order, (1, end, -1)]


@settings(max_examples=300, deadline=None)
@given(order=_folded())
def test_fold_blocks_puts_each_row_back_in_its_block(order: list[tuple[int, int, int]]) -> None:
    rows = tuple(
        Row(index=line, label=str(b), item=str(b), depth=None if depth < 0 else depth)
        for b, line, depth in order
    )
    assert [block for block, _ in fold_blocks(rows)] == [b for b, _, _ in order]


def test_amounts_print_as_the_form_has_them(final_parsed: Disclosure) -> None:
    summary = final_parsed.table(TableId.SUMMARY)
    assert summary is not None
    grid = table_grid(summary)
    assert grid.body[0] == [
        "一、一般公共预算财政拨款收入",
        "307.82",
        "一、一般公共服务支出",
        "264.87",
    ]
    assert Decimal("307.82") in {c.value for r in summary.rows for c in r.cells.values()}
