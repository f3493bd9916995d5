"""Layouts met in the corpus, on small PDFs written here: what broke and now reads right.

Each case is one published habit: a title wrapped over two lines, a department name
wrapped under its meta line, a row label cut by a page break, a title repeated above a
continued table, a page number drawn with box rules, short lines before a page break.
"""

from __future__ import annotations

from pathlib import Path

from support import DATA
from support.pdf_maker import Page, write_pdf
from yusuan.api import load
from yusuan.read.pdf import read_pdf

XS = [50.0, 200.0, 300.0]


def grid_rows(page: Page, rows: list[tuple[str, str]], top: float) -> Page:
    ys = [top + 20.0 * k for k in range(len(rows) + 1)]
    page.grid(XS, ys)
    for (label, amount), y in zip(rows, ys, strict=False):
        page.text(55, y + 5, label).text(205, y + 5, amount)
    return page


def test_title_wrapped_over_two_lines_is_one_title(tmp_path: Path) -> None:
    """十一、一般公共预算“三公”经费、会议费、培训费支出预 / 算表 (Jiangsu 2017)."""
    page = Page().text(50, 40, "一般公共预算“三公”经费、会议费、培训费支出预", 14)
    page.text(50, 60, "算表", 14).text(50, 90, "单位：万元")
    grid_rows(page, [("项目", "金额"), ("合计", "3.00")], 110)
    d = load(write_pdf(tmp_path / "wrapped-title.pdf", [page]))
    assert [(t.id.value, t.title) for t in d.tables] == [
        ("three_public", "一般公共预算“三公”经费、会议费、培训费支出预算表")
    ]


def test_a_complete_title_is_not_joined_to_the_line_above(tmp_path: Path) -> None:
    page = Page().text(50, 30, "附件二", 14).text(50, 60, "收入预算总表", 14)
    page.text(50, 90, "单位：万元")
    grid_rows(page, [("项目", "金额"), ("合计", "3.00")], 110)
    d = load(write_pdf(tmp_path / "title.pdf", [page]))
    assert [(t.id.value, t.title) for t in d.tables] == [("revenue", "收入预算总表")]


def test_department_name_wrapped_under_its_meta_line(tmp_path: Path) -> None:
    """部门：中国共产党江苏省委员会办    单位：万元 / 公厅 (Jiangsu 2017 收入预算总表)."""
    page = Page().text(200, 30, "收入预算总表", 16)
    page.text(50, 60, "部门：中国共产党江苏省委员会办").text(400, 60, "单位：万元")
    page.text(50, 74, "公厅")
    grid_rows(page, [("项目", "金额"), ("收入总计", "3.00")], 90)
    d = load(write_pdf(tmp_path / "wrapped-meta.pdf", [page]))
    (table,) = d.tables
    assert (table.id.value, table.title) == ("revenue", "收入预算总表")
    assert table.unit is not None and table.unit.value == "万元"
    assert d.department_name == "中国共产党江苏省委员会办公厅"


def test_row_label_cut_by_a_page_break_is_one_row(tmp_path: Path) -> None:
    """十七、国土海洋气象等支 at the foot of a page, 出 atop the next (Jiangsu 2018)."""
    first = Page().text(50, 40, "收入预算总表", 16).text(50, 70, "单位：万元")
    grid_rows(
        first, [("项目", "金额"), ("十六、金融支出", "1.00"), ("十七、国土海洋气象等支", "")], 90
    )
    second = grid_rows(Page(), [("出", ""), ("十八、住房保障支出", "2.00")], 60)
    doc = read_pdf(write_pdf(tmp_path / "cut.pdf", [first, second]))
    (table,) = doc.tables()
    labels = [r[0].text for r in table.rows]
    assert labels == ["项目", "十六、金融支出", "十七、国土海洋气象等支出", "十八、住房保障支出"]


def test_a_short_complete_row_atop_a_page_is_kept(tmp_path: Path) -> None:
    """A new row that happens to be short (合计 with its amount) is not glued upwards."""
    first = Page().text(50, 40, "收入预算总表", 16).text(50, 70, "单位：万元")
    grid_rows(first, [("项目", "金额"), ("一、财政拨款收入", "1.00")], 90)
    second = grid_rows(Page(), [("合计", "1.00")], 60)
    doc = read_pdf(write_pdf(tmp_path / "short.pdf", [first, second]))
    (table,) = doc.tables()
    assert [r[0].text for r in table.rows] == ["项目", "一、财政拨款收入", "合计"]


def test_title_repeated_above_a_continued_table(tmp_path: Path) -> None:
    """2017年政府采购预算表 printed again atop page two, without 续表 (Jiangsu 政协 2017)."""
    first = Page().text(50, 40, "2017年政府采购预算表", 16).text(50, 70, "单位：万元")
    grid_rows(first, [("项目", "金额"), ("一、货物", "1.00")], 90)
    second = Page().text(50, 40, "2017年政府采购预算表", 16).text(50, 70, "单位：万元")
    grid_rows(second, [("项目", "金额"), ("二、服务", "2.00")], 90)
    d = load(write_pdf(tmp_path / "repeated.pdf", [first, second]))
    (table,) = d.tables
    assert table.id.value == "procurement"
    assert [(r.item, r.cells[1].source.page) for r in table.rows] == [("货物", 1), ("服务", 2)]


def test_folio_drawn_with_box_rules_is_dropped(tmp_path: Path) -> None:
    """─ 7 ─ at the foot of a page is a page number, not text glued into the next paragraph."""
    text = "与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项收入。"
    first = Page().text(50, 60, "一、收支预算总体情况", 12).text(50, 90, text[:18], 12)
    first.text(280, 800, "─ 7 ─", 10)
    doc = read_pdf(write_pdf(tmp_path / "folio.pdf", [first]))
    assert all("─" not in p.text for p in doc.paragraphs())


def test_a_short_line_before_a_page_break_ends_its_paragraph(tmp_path: Path) -> None:
    """说明：本部门无相关收支项目。 at the foot of a page, a table title atop the next: two paragraphs,
    even when blank lines follow the short line (they used to fake a narrow right margin)."""
    first = Page().text(50, 40, "部门：江苏省人民检察院                              单位：万元")
    first.text(50, 700, "说明：本部门无相关收支项目。", 12)
    for top in (730.0, 750.0, 770.0):
        first.text(50, top, "  ", 12)
    second = Page().text(50, 40, "公开11表：一般公共预算机关运行经费支出预算表", 12)
    doc = read_pdf(write_pdf(tmp_path / "break.pdf", [first, second]))
    texts = [p.text for p in doc.paragraphs()]
    assert "说明：本部门无相关收支项目。" in texts
    assert "公开11表：一般公共预算机关运行经费支出预算表" in texts


def test_pages_of_a_two_file_package_name_their_file() -> None:
    """Both parts have a page 1: each value and each finding says which file it is on."""
    from yusuan.api import load_package
    from yusuan.check import check

    data = DATA
    text, tables = "jiangsu-2019-renda-dept-budget.pdf", "jiangsu-2019-renda-dept-budget-tables.pdf"
    d = load_package([data / text, data / tables])
    cells = [c.source for t in d.tables for r in t.rows for c in r.cells.values()]
    assert {(s.file, s.page) for s in cells} >= {(tables, 1)}
    assert {s.file for s in cells} == {tables}
    assert {s.source.file for s in d.narrative.stated} == {text}
    located = [f.location for f in check(d).findings if f.location.page]
    assert located and all(loc.file in (text, tables) for loc in located)
    assert all(f"{loc.file} 第{loc.page}页" in loc.describe() for loc in located)


def test_a_centred_display_line_past_the_cover_is_a_heading(tmp_path: Path) -> None:
    """上海市普陀区司法局主要职能 at 18 pt, centred over 12 pt text: a heading; not on the cover,
    not when set at the left margin like a body line."""
    body = "上海市普陀区司法局是主管本区司法和法制工作的区政府工作部门，主要职责如下。"
    cover = Page().text(200, 300, "上海市普陀区司法局", 18).text(50, 400, body, 12)
    inner = Page().text(189, 60, "司法局主要职能", 18).text(50, 100, body, 12)
    inner.text(50, 130, "左边的大字标题", 18).text(50, 170, body, 12)
    doc = read_pdf(write_pdf(tmp_path / "display.pdf", [cover, inner]))
    headings = [(p.text, p.source.page, p.heading) for p in doc.paragraphs() if len(p.text) < 12]
    assert headings == [
        ("上海市普陀区司法局", 1, None),
        ("司法局主要职能", 2, 1),
        ("左边的大字标题", 2, None),
    ]
