"""The Word reader: reading order, merged cells, cell text, headings, errors."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.amounts import parse_amount
from yusuan.errors import InputError
from yusuan.read.docx import pick_title, read_docx
from yusuan.read.raw import RawCell, RawParagraph, RawTable


def spans(row: list[RawCell]) -> list[tuple[str, int, int, int, int]]:
    """(text, row, col, rowspan, colspan) of each cell of a raw row."""
    return [(c.text, c.source.row or 0, c.source.col or 0, c.rowspan, c.colspan) for c in row]


def merged_header_docx(path: Path) -> Path:
    """A document: heading, prose, title, meta line, a table with a 3-row merged header,
    a note, then a second small table."""
    d = docx.Document()
    d.add_heading("一、部门预算表", level=1)
    d.add_paragraph("以下为收入预算情况。")
    d.add_paragraph("2026年部门收入预算总表")
    d.add_paragraph("编制部门：XX局    单位：万元")
    t = d.add_table(rows=6, cols=6)
    t.style = "Table Grid"
    # Row 0: 序号 (3 rows) | 项目 (3 rows) | 本年收入 (3 cols) | 上年结转 (3 rows)
    t.cell(0, 0).merge(t.cell(2, 0)).text = "序号"
    t.cell(0, 1).merge(t.cell(2, 1)).text = "项目"
    t.cell(0, 2).merge(t.cell(0, 4)).text = "本年收入"
    t.cell(0, 5).merge(t.cell(2, 5)).text = "上年结转"
    # Row 1: 小计 (2 rows) | 财政拨款 (2 cols)
    t.cell(1, 2).merge(t.cell(2, 2)).text = "小计"
    t.cell(1, 3).merge(t.cell(1, 4)).text = "财政拨款"
    # Row 2: 一般公共预算 | 政府性基金
    t.cell(2, 3).text = "一般公共预算"
    t.cell(2, 4).text = "政府性基金"
    for r, values in enumerate(
        [
            ["1", "一、工资福利支出", "1,234.50", "593.58", "640.92", ""],
            ["2", "二、商品和服务支出", "163.00", "163.00", "", "12.00"],
            ["", "合计", "1,397.50", "756.58", "640.92", "12.00"],
        ]
    ):
        for c, text in enumerate(values):
            t.cell(3 + r, c).text = text
    d.add_paragraph("注：本表无政府性基金结转。")
    t2 = d.add_table(rows=2, cols=2)
    t2.cell(0, 0).text = "项目"
    t2.cell(0, 1).text = "金额"
    cell = t2.cell(1, 0)
    cell.text = "第一行"
    cell.add_paragraph("第二行")
    t2.cell(1, 1).text = "5.00"
    d.add_heading("二、其他说明", level=2)
    d.save(str(path))
    return path


def test_reading_order_and_headings(tmp_path: Path) -> None:
    doc = read_docx(merged_header_docx(tmp_path / "a.docx"))
    assert doc.format == "docx"
    kinds = [
        (type(b).__name__, b.text if isinstance(b, RawParagraph) else b.source.table)
        for b in doc.blocks
    ]
    assert kinds == [
        ("RawParagraph", "一、部门预算表"),
        ("RawParagraph", "以下为收入预算情况。"),
        ("RawParagraph", "2026年部门收入预算总表"),
        ("RawParagraph", "编制部门：XX局    单位：万元"),
        ("RawTable", 0),
        ("RawParagraph", "注：本表无政府性基金结转。"),
        ("RawTable", 1),
        ("RawParagraph", "二、其他说明"),
    ]
    paragraphs = doc.paragraphs()
    assert [p.heading for p in paragraphs] == [1, None, None, None, None, 2]
    tables = doc.tables()
    # The title is the paragraph before the table that is not the unit line.
    assert tables[0].title == "2026年部门收入预算总表"
    assert tables[1].title == "注：本表无政府性基金结转。"
    assert all(t.spans_known for t in tables)


def test_merged_header_cells(tmp_path: Path) -> None:
    table = read_docx(merged_header_docx(tmp_path / "a.docx")).tables()[0]
    assert len(table.rows) == 6
    assert spans(table.rows[0]) == [
        ("序号", 0, 0, 3, 1),
        ("项目", 0, 1, 3, 1),
        ("本年收入", 0, 2, 1, 3),
        ("上年结转", 0, 5, 3, 1),
    ]
    assert spans(table.rows[1]) == [("小计", 1, 2, 2, 1), ("财政拨款", 1, 3, 1, 2)]
    assert spans(table.rows[2]) == [("一般公共预算", 2, 3, 1, 1), ("政府性基金", 2, 4, 1, 1)]
    assert [c.text for c in table.rows[3]] == [
        "1",
        "一、工资福利支出",
        "1,234.50",
        "593.58",
        "640.92",
        "",
    ]
    assert [(c.source.row, c.source.col) for c in table.rows[4]] == [(4, i) for i in range(6)]
    assert [c.text for c in table.rows[5]] == ["", "合计", "1,397.50", "756.58", "640.92", "12.00"]
    assert all(c.source.table == 0 and not c.numeric for r in table.rows for c in r)
    assert all((c.rowspan, c.colspan) == (1, 1) for r in table.rows[3:] for c in r)


def test_cell_paragraphs_join_with_newline(tmp_path: Path) -> None:
    table = read_docx(merged_header_docx(tmp_path / "a.docx")).tables()[1]
    assert [c.text for c in table.rows[1]] == ["第一行\n第二行", "5.00"]
    assert table.rows[1][1].source.table == 1


def _set_grid_before(row: object, n: int) -> None:
    tr = row._tr  # type: ignore[attr-defined]
    trpr = tr.get_or_add_trPr()
    el = OxmlElement("w:gridBefore")
    el.set(qn("w:val"), str(n))
    trpr.append(el)


def test_grid_before(tmp_path: Path) -> None:
    """A row that starts at grid column 1 (w:gridBefore) keeps its cells' columns."""
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["甲", "乙", "丙"]):
        t.cell(0, c).text = text
    t.cell(1, 1).text = "x"
    t.cell(1, 2).text = "y"
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    _set_grid_before(t.rows[1], 1)
    path = tmp_path / "g.docx"
    d.save(str(path))
    table = read_docx(path).tables()[0]
    assert [(c.text, c.source.col) for c in table.rows[0]] == [("甲", 0), ("乙", 1), ("丙", 2)]
    assert [(c.text, c.source.col) for c in table.rows[1]] == [("x", 1), ("y", 2)]


def test_heading_from_chinese_style_and_outline_level(tmp_path: Path) -> None:
    d = docx.Document()
    d.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("（一）收入预算", style="标题 3")
    p = d.add_paragraph("第一部分 部门概况")
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(outline)
    d.add_paragraph("正文。")
    d.add_paragraph("   ")  # blank paragraphs are dropped
    path = tmp_path / "h.docx"
    d.save(str(path))
    paragraphs = read_docx(path).paragraphs()
    assert [(p.text, p.heading) for p in paragraphs] == [
        ("（一）收入预算", 3),
        ("第一部分 部门概况", 1),
        ("正文。", None),
    ]


def test_runs_tabs_and_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("收入")
    p.add_run("预算")
    p.add_run().add_tab()
    p.add_run("合计").add_break()
    p.add_run("下一行")
    path = tmp_path / "r.docx"
    d.save(str(path))
    assert read_docx(path).paragraphs()[0].text == "收入预算\t合计\n下一行"


def test_pick_title() -> None:
    assert pick_title(["很长的说明" * 30, "2026年收支总表", "单位：万元"]) == "2026年收支总表"
    assert pick_title(["单位：万元"]) == "单位：万元"
    assert pick_title([]) is None


def _assert_input_error(exc: pytest.ExceptionInfo[InputError]) -> None:
    assert exc.value.zh.strip() and exc.value.en.strip()
    assert "\n" not in exc.value.zh and "\n" not in exc.value.en


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"this is not a word file at all")
    with pytest.raises(InputError) as exc:
        read_docx(path)
    _assert_input_error(exc)
    assert "zip" in exc.value.en


def test_legacy_doc(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError) as exc:
        read_docx(path)
    _assert_input_error(exc)
    assert ".doc" in exc.value.en


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as exc:
        read_docx(path)
    _assert_input_error(exc)
    assert "word/document.xml" in exc.value.en


def test_damaged_document_xml(tmp_path: Path) -> None:
    good = merged_header_docx(tmp_path / "a.docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(InputError) as exc:
        read_docx(path)
    _assert_input_error(exc)


amounts = st.one_of(
    st.none(),
    st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(0, 10**9 * 100),
        st.integers(0, 2),
    ).filter(lambda d: d <= 10**9),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=12))
def test_amount_text_round_trip(
    tmp_path_factory: pytest.TempPathFactory, values: list[Decimal | None]
) -> None:
    d = docx.Document()
    t = d.add_table(rows=len(values) + 1, cols=2)
    t.cell(0, 0).text = "项目"
    t.cell(0, 1).text = "金额"
    for i, v in enumerate(values):
        t.cell(i + 1, 0).text = f"第{i}项"
        t.cell(i + 1, 1).text = "" if v is None else f"{v:,}"
    path = tmp_path_factory.mktemp("amounts") / "a.docx"
    d.save(str(path))
    table: RawTable = read_docx(path).tables()[0]
    back = [parse_amount(row[1].text) for row in table.rows[1:]]
    assert back == values


def test_builder_document_reads_back(tmp_path: Path) -> None:
    from support.builders import sample_disclosure, write_docx

    doc = read_docx(write_docx(sample_disclosure(), tmp_path / "s.docx"))
    revenue, summary = doc.tables()
    assert revenue.title == "2026年部门收入预算总表"
    assert summary.title == "2026年部门财务收支预算总表"
    assert spans(revenue.rows[0]) == [
        ("序号", 0, 0, 2, 1),
        ("项目", 0, 1, 2, 1),
        ("本年收入", 0, 2, 1, 2),
    ]
    assert [c.text for c in revenue.rows[2]] == ["1", "一、工资福利支出", "1,234.50", "593.58"]
    assert [c.text for c in summary.rows[2]] == [
        "一、财政拨款收入",
        "100.10",
        "一、一般公共服务支出",
        "60.00",
    ]
    texts = [(p.text, p.heading) for p in doc.paragraphs()]
    assert texts[:3] == [
        ("2026年部门收入预算总表", None),
        ("编制部门：上海市普陀区XX局    预算年度：2026    单位：万元", None),
        ("注：本表金额为预算数。", None),
    ]
    assert texts[-4:] == [
        ("第一部分 部门概况", 1),
        ("本部门主要职能是……", None),
        ("一、收入预算", 2),
        ("收入1,234.50万元。", None),
    ]
