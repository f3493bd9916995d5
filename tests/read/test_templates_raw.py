"""The official 上海市普陀区 2026 templates (tests/data) read as raw blocks.

The titles pinned here were checked by hand against the cells openpyxl and xlrd
report (the title is the merged row 2 of each table sheet, the row ``编制部门：``
/ ``编制单位：`` … ``单位：元`` leads the table, the header is bordered).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import DATA
from yusuan.read.raw import RawDocument, RawParagraph, RawTable
from yusuan.read.xlsx import read_xls, read_xlsx

DEPT_XLSX = DATA / "shanghai-putuo-2026-dept-budget-template.xlsx"
UNIT_XLSX = DATA / "shanghai-putuo-2026-unit-budget-template.xlsx"
UNIT_XLS = DATA / "shanghai-putuo-2026-unit-budget-template.xls"

DEPT_TITLES: dict[str, list[str]] = {
    "封面": [],
    "目录": [],
    "部门主要职能": [],
    "部门机构设置": [],
    "名词解释": [],
    "部门编制说明": [],
    "部门收支总表": ["2026年部门财务收支预算总表"],
    "部门收入总表": ["2026年部门收入预算总表"],
    "部门支出总表": ["2026年部门支出预算总表"],
    "部门财政拨款收支总表": ["2026年部门财政拨款收支预算总表"],
    "部门一般公共预算拨款表": ["2026年部门一般公共预算支出功能分类预算表"],
    "部门政府性基金拨款表": ["2026年部门政府性基金预算支出功能分类预算表"],
    "部门国有资本经营预算拨款表 ": ["2026年部门国有资本经营预算支出功能分类预算表"],
    "部门一般公共预算拨款基本支出明细表": ["2026年部门一般公共预算基本支出部门预算经济分类预算表"],
    "部门“三公”经费和机关运行费预算表": ["2026年部门“三公”经费和机关运行经费预算表"],
    "其他相关情况说明": [],
    "项目经费情况说明": [],
}

UNIT_TITLES: dict[str, list[str]] = {
    "封面": [],
    "目录": [],
    "单位职能": [],
    "单位机构设置": [],
    "名词解释": [],
    "单位编制说明": [],
    "单位收支总表": ["2026年预算单位财务收支预算总表"],
    "单位收入总表": ["2026年预算单位收入预算总表"],
    "单位支出总表": ["2026年预算单位支出预算总表"],
    "单位财政拨款收支总表": ["2026年预算单位财政拨款收支预算总表"],
    "单位一般公共预算拨款表": ["2026年预算单位一般公共预算支出功能分类预算表"],
    "单位政府性基金拨款表": ["2026年预算单位政府性基金预算支出功能分类预算表"],
    "单位国有资本经营预算拨款表 ": ["2026年预算单位国有资本经营预算支出功能分类预算表"],
    "单位一般公共预算拨款基本支出明细表": [
        "2026年预算单位一般公共预算基本支出部门预算经济分类预算表"
    ],
    "单位“三公”经费和机关运行费预算表": ["2026年单位“三公”经费和机关运行经费预算表"],
    "其他相关情况说明": [],
}

CASES = [
    pytest.param(DEPT_XLSX, read_xlsx, DEPT_TITLES, id="dept-xlsx"),
    pytest.param(UNIT_XLSX, read_xlsx, UNIT_TITLES, id="unit-xlsx"),
    pytest.param(UNIT_XLS, read_xls, UNIT_TITLES, id="unit-xls"),
]


def sheets_of(doc: RawDocument) -> list[str]:
    seen: list[str] = []
    for b in doc.blocks:
        if b.source.sheet not in seen and b.source.sheet is not None:
            seen.append(b.source.sheet)
    return seen


def titles_by_sheet(doc: RawDocument, sheets: list[str]) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {s: [] for s in sheets}
    for t in doc.tables():
        assert t.source.sheet is not None
        out[t.source.sheet].append(t.title)
    return out


@pytest.mark.parametrize(("path", "reader", "expected"), CASES)
def test_tables_and_titles_per_sheet(
    path: Path, reader: object, expected: dict[str, list[str]]
) -> None:
    doc: RawDocument = reader(path)  # type: ignore[operator]
    assert doc.diagnostics == []
    assert sheets_of(doc) == list(expected)  # every sheet yields something, in order
    assert titles_by_sheet(doc, list(expected)) == expected
    assert [t.source.table for t in doc.tables()] == list(range(9))
    # Each table title is also the paragraph right before the table.
    for i, block in enumerate(doc.blocks):
        if isinstance(block, RawTable):
            before = doc.blocks[i - 1]
            assert isinstance(before, RawParagraph) and before.text == block.title


@pytest.mark.parametrize(("path", "reader", "expected"), CASES)
def test_merged_headers_and_meta_row(path: Path, reader: object, expected: object) -> None:
    doc: RawDocument = reader(path)  # type: ignore[operator]
    revenue = doc.tables()[1]  # 收入预算总表
    who = "编制部门：" if path == DEPT_XLSX else "编制单位："
    meta = [(c.text, c.source.col, c.colspan) for c in revenue.rows[0] if c.text]
    assert meta == [(who, 0, 5), ("单位：元", 8, 1)]
    top = [(c.text, c.source.row, c.source.col, c.rowspan, c.colspan) for c in revenue.rows[1]]
    assert top == [("项目", 5, 0, 1, 4), ("收入预算", 5, 4, 1, 5)]
    second = [(c.text, c.rowspan, c.colspan) for c in revenue.rows[2]]
    assert second == [
        ("功能分类科目编码", 1, 3),
        ("功能分类科目名称", 2, 1),
        ("合计", 2, 1),
        ("财政拨款收入", 2, 1),
        ("事业收入", 2, 1),
        ("事业单位\n经营收入", 2, 1),
        ("其他收入", 2, 1),
    ]
    assert [c.text for c in revenue.rows[3]] == ["类", "款", "项"]
    assert [c.source.col for c in revenue.rows[3]] == [0, 1, 2]
    # 类 codes are numbers in the file (General): printed without ".0"; 款/项 are text.
    first = revenue.rows[4]
    assert [(c.text, c.numeric) for c in first[:4]] == [
        ("205", True),
        ("", False),
        ("", False),
        ("教育支出", False),
    ]
    assert [(c.text, c.numeric) for c in revenue.rows[5][:2]] == [("205", True), ("02", False)]
    total = revenue.rows[-1]
    assert (total[0].text, total[0].colspan) == ("合计", 4)
    assert all(c.text == "" for c in total[1:])
    # Body rows span the full width (9 columns, A..I) once merges are counted.
    assert {sum(c.colspan for c in row) for row in revenue.rows[4:]} == {9}
    # Every table has a horizontally merged header cell; all but the two 收支总表
    # variants of the 部门 file also a vertically merged one.
    for table in doc.tables():
        cells = [c for row in table.rows[1:4] for c in row]
        assert any(c.colspan > 1 for c in cells), table.title
    vertical = [any(c.rowspan > 1 for r in t.rows[1:4] for c in r) for t in doc.tables()]
    assert vertical == ([path != DEPT_XLSX, True, True, False, True, True, True, True, True])
    three = doc.tables()[-1]
    assert [(c.text, c.rowspan, c.colspan) for c in three.rows[1]] == [
        ("“三公”经费预算数", 1, 6),
        ("机关运行经费预算数", 3, 1),
    ]
    assert [(c.text, c.rowspan, c.colspan) for c in three.rows[2]] == [
        ("合计", 2, 1),
        ("因公出国(境)费", 2, 1),
        ("公务接待费", 2, 1),
        ("公务用车购置及运行费", 1, 3),
    ]
    assert [c.text for c in three.rows[0] if c.text] == [who, "单位:万元"]


@pytest.mark.parametrize(("path", "reader", "expected"), CASES)
def test_narrative_sheets_are_paragraphs(path: Path, reader: object, expected: object) -> None:
    doc: RawDocument = reader(path)  # type: ignore[operator]
    paragraphs = doc.paragraphs()
    cover = [p.text for p in paragraphs if p.source.sheet == "封面"]
    level = "部门" if path == DEPT_XLSX else "单位"
    assert cover[0] == f"上海市普陀区2026年区级{level}预算"
    other = [p for p in paragraphs if p.source.sheet == "其他相关情况说明"]
    assert [p.source.row for p in other] == [0, 2]
    assert other[0].text == "其他相关情况说明"
    assert other[1].text.startswith("一、2026年“三公”经费预算情况说明")
    assert "XXX万元" in other[1].text


def test_xls_and_xlsx_unit_templates_agree() -> None:
    """The .xls and .xlsx unit templates hold the same cells and merges."""

    def shape(doc: RawDocument) -> list[object]:
        return [
            (b.text, b.source.sheet, b.source.row)
            if isinstance(b, RawParagraph)
            else [
                [(c.text, c.source.row, c.source.col, c.rowspan, c.colspan) for c in r]
                for r in b.rows
            ]
            for b in doc.blocks
        ]

    assert shape(read_xls(UNIT_XLS)) == shape(read_xlsx(UNIT_XLSX))
