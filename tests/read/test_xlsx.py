"""The Excel readers: blocks, merged cells, numbers as printed, errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Border, Side

from yusuan.amounts import parse_amount
from yusuan.errors import InputError
from yusuan.read.raw import RawCell, RawParagraph, RawTable
from yusuan.read.xlsx import format_number, read_xls, read_xlsx

BOX = Border(*(Side(style="thin"),) * 4)


def spans(row: list[RawCell]) -> list[tuple[str, int, int, int, int]]:
    """(text, row, col, rowspan, colspan) of each cell of a raw row."""
    return [(c.text, c.source.row or 0, c.source.col or 0, c.rowspan, c.colspan) for c in row]


def box(ws: openpyxl.worksheet.worksheet.Worksheet, rows: range, cols: range) -> None:
    for r in rows:
        for c in cols:
            ws.cell(r, c).border = BOX


def merged_header_sheet(ws: openpyxl.worksheet.worksheet.Worksheet, ruled: bool) -> None:
    """Title (B2, merged), meta row, blank row, a 3-row header, 3 data rows, a note.

    The table occupies columns B..G (column A is empty and trimmed).
    """
    ws["B2"] = "2026年部门收入预算总表"
    ws.merge_cells("B2:G2")
    ws["B3"] = "编制部门：XX局"
    ws["G3"] = "单位：万元"
    ws["B5"] = "序号"
    ws.merge_cells("B5:B7")
    ws["C5"] = "项目"
    ws.merge_cells("C5:C7")
    ws["D5"] = "本年收入"
    ws.merge_cells("D5:F5")
    ws["G5"] = "上年结转"
    ws.merge_cells("G5:G7")
    ws["D6"] = "小计"
    ws.merge_cells("D6:D7")
    ws["E6"] = "财政拨款"
    ws.merge_cells("E6:F6")
    ws["E7"] = "一般公共预算"
    ws["F7"] = "政府性基金"
    data = [
        [1, "一、工资福利支出", 1234.5, 593.58, 640.92, None],
        [2, "二、商品和服务支出", 163.0, 163, None, 0.1 + 0.2],
        [None, "合计", 1397.5, 756.58, 640.92, 12],
    ]
    for i, values in enumerate(data):
        for j, v in enumerate(values):
            cell = ws.cell(8 + i, 2 + j, v)
            cell.number_format = "#,##0.00" if j == 2 else "0.00" if j > 1 else "General"
    if ruled:
        box(ws, range(5, 11), range(2, 8))
    ws["B11"] = "注：本表无政府性基金结转。"


def test_merged_header_ruled_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    merged_header_sheet(book.active, ruled=True)
    book.active.title = "收入总表"
    path = tmp_path / "a.xlsx"
    book.save(path)
    doc = read_xlsx(path)
    assert doc.format == "xlsx"
    assert [type(b).__name__ for b in doc.blocks] == ["RawParagraph", "RawTable", "RawParagraph"]
    title, table, note = doc.blocks
    assert isinstance(title, RawParagraph) and isinstance(note, RawParagraph)
    assert isinstance(table, RawTable)
    assert (title.text, title.source.sheet, title.source.row, title.source.col) == (
        "2026年部门收入预算总表",
        "收入总表",
        1,
        1,
    )
    assert note.text == "注：本表无政府性基金结转。"
    assert table.title == "2026年部门收入预算总表"
    assert (table.source.sheet, table.source.table, table.source.row, table.source.col) == (
        "收入总表",
        0,
        2,
        1,
    )
    # The meta row (several cells, above the blank row) leads the table.
    assert spans(table.rows[0]) == [
        ("编制部门：XX局", 2, 1, 1, 1),
        *[("", 2, c, 1, 1) for c in range(2, 6)],
        ("单位：万元", 2, 6, 1, 1),
    ]
    assert spans(table.rows[1]) == [
        ("序号", 4, 1, 3, 1),
        ("项目", 4, 2, 3, 1),
        ("本年收入", 4, 3, 1, 3),
        ("上年结转", 4, 6, 3, 1),
    ]
    assert spans(table.rows[2]) == [("小计", 5, 3, 2, 1), ("财政拨款", 5, 4, 1, 2)]
    assert spans(table.rows[3]) == [("一般公共预算", 6, 4, 1, 1), ("政府性基金", 6, 5, 1, 1)]
    texts = [[c.text for c in row] for row in table.rows[4:]]
    assert texts == [
        ["1", "一、工资福利支出", "1,234.50", "593.58", "640.92", ""],
        ["2", "二、商品和服务支出", "163.00", "163.00", "", "0.30"],
        ["", "合计", "1,397.50", "756.58", "640.92", "12.00"],
    ]
    numeric = [[c.numeric for c in row] for row in table.rows[4:]]
    assert numeric[0] == [True, False, True, True, True, False]
    assert len(table.rows) == 7


def test_unruled_sheet_uses_single_cell_rule(tmp_path: Path) -> None:
    """Without borders, a block's leading single-cell rows are paragraphs and a lone
    multi-cell row before a blank row leads the next table."""
    book = openpyxl.Workbook()
    merged_header_sheet(book.active, ruled=False)
    path = tmp_path / "b.xlsx"
    book.save(path)
    doc = read_xlsx(path)
    assert [type(b).__name__ for b in doc.blocks] == ["RawParagraph", "RawTable"]
    table = doc.tables()[0]
    assert table.title == "2026年部门收入预算总表"
    assert table.rows[0][0].text == "编制部门：XX局"
    assert spans(table.rows[1])[0] == ("序号", 4, 1, 3, 1)
    # Without borders the note is the table's last row (only leading rows are split off).
    assert table.rows[-1][0].text == "注：本表无政府性基金结转。"


def test_several_tables_in_one_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "表"
    ws["A1"] = "表一 收入表"
    ws.append(["项目", "金额"])
    ws.append(["财政拨款", 10])
    ws.append([])
    ws.append(["表二 支出表"])
    ws.append(["项目", "金额"])
    ws.append(["基本支出", 4.5])
    ws.append(["项目支出", 5.5])
    ws.append([])
    ws.append([])
    ws.append(["说明：以上均为预算数。"])
    path = tmp_path / "c.xlsx"
    book.save(path)
    doc = read_xlsx(path)
    kinds = [
        (type(b).__name__, b.text if isinstance(b, RawParagraph) else b.title) for b in doc.blocks
    ]
    assert kinds == [
        ("RawParagraph", "表一 收入表"),
        ("RawTable", "表一 收入表"),
        ("RawParagraph", "表二 支出表"),
        ("RawTable", "表二 支出表"),
        ("RawParagraph", "说明：以上均为预算数。"),
    ]
    first, second = doc.tables()
    assert [[c.text for c in r] for r in first.rows] == [["项目", "金额"], ["财政拨款", "10"]]
    assert [[c.text for c in r] for r in second.rows] == [
        ["项目", "金额"],
        ["基本支出", "4.5"],
        ["项目支出", "5.5"],
    ]
    assert (second.source.table, second.rows[1][1].source.row) == (1, 6)
    assert all(c.source.table == 1 for r in second.rows for c in r)


def test_narrative_sheet_and_dates(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"] = "  部门主要职能  "
    ws["A3"] = "    XX是…。\n    主要职能包括：\n"
    ws.merge_cells("A3:A17")
    other = book.create_sheet("日期")
    other.append(["编制日期", date(2026, 1, 15)])
    other.append(["占位", "XX"])
    path = tmp_path / "d.xlsx"
    book.save(path)
    doc = read_xlsx(path)
    assert [(type(b).__name__) for b in doc.blocks] == ["RawParagraph", "RawParagraph", "RawTable"]
    assert doc.paragraphs()[0].text == "部门主要职能"
    assert doc.paragraphs()[1].text == "XX是…。\n    主要职能包括："
    table = doc.tables()[0]
    assert [[c.text for c in r] for r in table.rows] == [["编制日期", "2026-01-15"], ["占位", "XX"]]
    assert table.title is None


def test_hidden_sheet_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "可见"
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "不可见"
    hidden.sheet_state = "hidden"
    path = tmp_path / "h.xlsx"
    book.save(path)
    doc = read_xlsx(path)
    assert [p.text for p in doc.paragraphs()] == ["可见"]
    assert any("隐藏" in d for d in doc.diagnostics)


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (593.58, "0.00", "593.58"),
        (163.0, "0.00", "163.00"),
        (163.0, "General", "163"),
        (163, "General", "163"),
        (0.1 + 0.2, "General", "0.3"),
        (0.1 + 0.2, "0.00", "0.30"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234567.891, "#,##0.00_ ;[Red]-#,##0.00 ", "1,234,567.89"),
        (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
        (-0.001, "0.00", "0.00"),
        (2.675, "0.00", "2.68"),  # half up on the decimal repr, not the binary float
        (1234.0, "#,##0_ ", "1,234"),
        (0.125, "0.0%", "12.5%"),
        (12.5, "0.0#", "12.5"),
        (12.0, "0.0#", "12.0"),
        (1e20, "General", "100000000000000000000"),
        (5.0, '0.00"万元"', "5.00"),
        (12345.678, "0.00E+00", "12345.678"),
    ],
)
def test_format_number(value: float, fmt: str, text: str) -> None:
    assert format_number(value, fmt) == text


def _assert_input_error(exc: pytest.ExceptionInfo[InputError]) -> None:
    assert exc.value.zh.strip() and exc.value.en.strip()
    assert "\n" not in exc.value.zh and "\n" not in exc.value.en


def test_truncated_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "内容"
    path = tmp_path / "t.xlsx"
    book.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as exc:
        read_xlsx(path)
    _assert_input_error(exc)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as exc:
        read_xlsx(path)
    _assert_input_error(exc)


def test_garbage_xls(tmp_path: Path) -> None:
    path = tmp_path / "g.xls"
    path.write_bytes(b"<html><body>not really excel</body></html>")
    with pytest.raises(InputError) as exc:
        read_xls(path)
    _assert_input_error(exc)
    assert ".xls" in exc.value.en


def test_xlsx_given_to_xls_reader(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    path = tmp_path / "x.xls"
    book.save(path)
    with pytest.raises(InputError) as exc:
        read_xls(path)
    _assert_input_error(exc)


def test_xlsx_named_xls_reads(tmp_path: Path) -> None:
    """The xlsx reader does not care about the extension (content decides)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "标题"
    path = tmp_path / "y.xls"
    book.save(path)
    assert read_xlsx(path).paragraphs()[0].text == "标题"


amounts = st.one_of(
    st.none(),
    st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(0, 10**9 * 100),
        st.integers(0, 2),
    ).filter(lambda d: d <= 10**9),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=20))
def test_amount_round_trip(
    tmp_path_factory: pytest.TempPathFactory, values: list[Decimal | None]
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["项目", "金额"])
    for i, v in enumerate(values):
        ws.cell(i + 2, 1, f"第{i}项")
        if v is not None:
            cell = ws.cell(i + 2, 2, float(v))
            cell.number_format = "#,##0.00"
    path = tmp_path_factory.mktemp("amounts") / "a.xlsx"
    book.save(path)
    table = read_xlsx(path).tables()[0]
    cells = [row[1] for row in table.rows[1:]]
    assert [parse_amount(c.text) for c in cells] == values
    assert [c.numeric for c in cells] == [v is not None for v in values]
    assert all(c.text.count(".") == 1 for c in cells if c.text)


def test_builder_workbook_reads_back(tmp_path: Path) -> None:
    from support.builders import sample_disclosure, write_xlsx

    doc = read_xlsx(write_xlsx(sample_disclosure(), tmp_path / "s.xlsx"))
    revenue, summary = doc.tables()
    assert (revenue.title, revenue.source.sheet) == (
        "2026年部门收入预算总表",
        "2026年部门收入预算总表",
    )
    assert [c.text for c in revenue.rows[0] if c.text] == [
        "编制部门：上海市普陀区XX局",
        "预算年度：2026",
        "单位：万元",
    ]
    assert spans(revenue.rows[1]) == [
        ("序号", 2, 0, 2, 1),
        ("项目", 2, 1, 2, 1),
        ("本年收入", 2, 2, 1, 2),
    ]
    assert [(c.text, c.numeric) for c in revenue.rows[3]] == [
        ("1", False),
        ("一、工资福利支出", False),
        ("1234.50", True),
        ("593.58", True),
    ]
    assert [c.text for c in revenue.rows[4]] == ["2", "二、商品和服务支出", "163.00", ""]
    assert "注：本表金额为预算数。" in [p.text for p in doc.paragraphs()]
    # Two logical rows per printed row of the two-sided table.
    assert [[c.text for c in r] for r in summary.rows[3:]] == [
        ["一、财政拨款收入", "100.10", "一、一般公共服务支出", "60.00"],
        ["收入总计", "100.10", "支出总计", "100.10"],
    ]
