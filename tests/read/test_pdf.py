"""The PDF reader on real published pages (tests/data/*.pdf) and on small PDFs made here.

The real fixtures are page ranges of corpus documents (listed in docs/pdf.md);
their golden files pin every amount cell of three tables each, checked by eye
against the rendered pages.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support import DATA
from support.pdf_maker import Page, write_pdf
from yusuan.api import load, load_package
from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.model import Disclosure, Table
from yusuan.read.pdf import read_pdf
from yusuan.read.raw import RawTable
from yusuan.recognize.blocks import fold_breakdowns

WANLI = DATA / "shanghai-putuo-2025-wanli-dept-budget.pdf"
JIANGSU_TABLES = DATA / "jiangsu-2019-renda-dept-budget-tables.pdf"
JIANGSU_TEXT = DATA / "jiangsu-2019-renda-dept-budget.pdf"
FINAL = DATA / "shanghai-putuo-2024-caizhengju-dept-final.pdf"
ZHENGFU = DATA / "shanghai-putuo-2025-zhengfu-bangongshi-dept-budget.pdf"
CAIZHENGJU = DATA / "shanghai-putuo-2025-caizhengju-dept-budget.pdf"
JIANCHAYUAN = DATA / "jiangsu-2018-jianchayuan-dept-budget.pdf"
runner = CliRunner()


def amount_cells(t: Table) -> list[list[object]]:
    out: list[list[object]] = []
    columns = {c.index: c for c in t.columns}
    for r in t.rows:
        for i, c in sorted(r.cells.items()):
            col = columns[i]
            if col.role == "amount":
                out.append(
                    [
                        r.section or "",
                        r.code or "",
                        r.item,
                        "/".join(col.path),
                        c.text,
                        c.source.page,
                    ]
                )
    return out


_LOADED: dict[Path, Disclosure] = {}


def loaded(path: Path) -> Disclosure:
    if path not in _LOADED:
        _LOADED[path] = load(path)
    return _LOADED[path]


GOLDEN = [
    (WANLI, ("summary", "fiscal_summary", "three_public")),
    (JIANGSU_TABLES, ("summary", "fiscal_summary", "three_public")),
    (FINAL, ("summary", "gpb_basic", "three_public")),
    (ZHENGFU, ("summary", "gpb_expenditure", "three_public")),
    (CAIZHENGJU, ("revenue", "expenditure", "gpb_basic")),
    (JIANCHAYUAN, ("summary", "fiscal_summary", "gpb_basic")),
]


@pytest.mark.parametrize(
    ("path", "table_id"),
    [(p, t) for p, ids in GOLDEN for t in ids],
    ids=lambda v: v.stem if isinstance(v, Path) else v,
)
def test_golden_cells(path: Path, table_id: str) -> None:
    """Every amount cell (row, column path, text as printed, page) of a hand-checked table."""
    golden = json.loads((DATA / "golden" / f"{path.stem}.cells.json").read_text("utf-8"))
    table = loaded(path).table(table_id)
    assert table is not None
    want = golden[table_id]
    assert (table.title, table.unit and table.unit.value) == (want["title"], want["unit"])
    assert amount_cells(table) == want["cells"]


def test_values_are_exact_decimals_with_separators_and_blanks() -> None:
    d = loaded(WANLI)
    summary = d.table("summary")
    assert summary is not None and summary.unit is not None
    total = next(r for r in summary.rows if r.item == "收入总计")
    cell = next(iter(total.cells.values()))
    assert cell.text == "189,767,551" and cell.value == Decimal("189767551")
    assert summary.to_wan(cell.value) == Decimal("18976.7551")
    blank = next(r for r in summary.rows if r.item == "政府性基金")
    assert all(c.value is None for c in blank.cells.values())  # zero printed as blank


def test_yuan_and_wan_tables_in_one_document() -> None:
    d = loaded(WANLI)
    three = d.table("three_public")
    summary = d.table("summary")
    assert three is not None and summary is not None
    assert (summary.unit and summary.unit.value, three.unit and three.unit.value) == ("元", "万元")
    assert d.unit is not None and d.unit.value == "元"


def test_continued_table_stitched_over_pages() -> None:
    """收入预算总表 runs over four pages without a repeated header: one table."""
    d = loaded(WANLI)
    revenue = d.table("revenue")
    assert revenue is not None
    pages = sorted({c.source.page for r in revenue.rows for c in r.cells.values()})
    assert pages == [3, 4, 5, 6]
    last = revenue.rows[-1]
    assert last.item == "合计"
    assert [c.text for _, c in sorted(last.cells.items())][:2] == ["189,767,551", "189,767,551"]
    codes = [r.code for r in revenue.rows if r.code]
    assert codes[:3] == ["201", "20105", "2010507"] and codes[-1] == "2210399"
    assert len(codes) == len(set(codes))  # no row read twice


def test_continuation_page_with_only_the_total_row() -> None:
    """支出预算总表's last page holds only 合计, whose label spans the code columns."""
    d = loaded(WANLI)
    expenditure = d.table("expenditure")
    assert expenditure is not None
    last = expenditure.rows[-1]
    assert last.item == "合计" and last.source.page == 11
    values = [c.value for _, c in sorted(last.cells.items())]
    assert values == [Decimal("189767551"), Decimal("101341746"), Decimal("88425805")]


def test_cells_keep_page_and_bbox() -> None:
    d = loaded(WANLI)
    t = d.table("three_public")
    assert t is not None
    cell = t.rows[0].cells[0]
    assert cell.text == "37.91" and cell.source.page == 13
    assert cell.source.bbox is not None
    x0, top, x1, bottom = cell.source.bbox
    assert 0 < x0 < x1 < 842 and 0 < top < bottom < 595


def test_wrapped_header_cell_reads_as_one_text() -> None:
    t = loaded(WANLI).table("three_public")
    assert t is not None
    assert t.columns[-1].key == "机关运行经费预算数"  # printed over two lines


def test_stated_amounts_keep_their_page() -> None:
    d = loaded(WANLI)
    income = next(s for s in d.narrative.stated if s.text == "18,976.76万元")
    assert income.source.page == 1 and income.value == Decimal("18976.76")
    item = next(s for s in d.narrative.stated if s.value == Decimal("43.83"))
    assert "专项普查活动（项）" in item.phrase and item.source.page == 1
    assert d.year == 2025 and d.department_name == "上海市普陀区人民政府万里街道办事处"


def test_side_by_side_blocks_of_the_jiangsu_summary() -> None:
    """支出 printed as two breakdowns (功能分类 | 支出用途): each cell under its own column,
    both on the 支出 side; the rules read them folded onto one column."""
    t = loaded(JIANGSU_TABLES).table("summary")
    assert t is not None
    spending = {r.item: r for r in t.rows if r.section == "支出"}
    cols = {c.path: c.index for c in t.columns if c.role == "amount"}
    by_function, by_use = cols[("支出", "功能分类", "金额")], cols[("支出", "支出用途", "金额")]
    assert spending["一般公共服务支出"].value(by_function) == Decimal("13907.78")
    assert spending["基本支出"].value(by_use) == Decimal("9312.90")
    assert spending["支出合计"].value(by_use) == Decimal("18330.37")
    assert spending["基本支出"].value(by_function) is None
    folded = fold_breakdowns(t)
    (col,) = [c for c in folded.columns if c.section == "支出" and c.role == "amount"]
    rows = {r.item: r for r in folded.rows if r.section == "支出"}
    assert rows["基本支出"].value(col.index) == Decimal("9312.90")
    assert rows["一般公共服务支出"].value(col.index) == Decimal("13907.78")
    assert rows["支出合计"].value(col.index) == Decimal("18330.37")


def test_final_accounts_tables_recognized() -> None:
    d = loaded(FINAL)
    assert d.kind == "决算"
    assert [t.id.value for t in d.tables] == ["summary", "gpb_basic", "three_public"]
    basic = d.table("gpb_basic")
    assert basic is not None
    codes = [r.code for r in basic.rows if r.code and len(r.code) == 3]
    assert codes == ["301", "302", "303", "310"]  # two column blocks read in code order


def test_two_file_jiangsu_package_reads_as_one() -> None:
    d = load_package([JIANGSU_TEXT, JIANGSU_TABLES])
    assert d.table("summary") is not None and d.table("three_public") is not None
    stated = [s for s in d.narrative.stated if s.value == Decimal("18330.37")]
    assert stated and all(s.source.page == 1 for s in stated)
    assert d.source is not None and " + " in d.source.path
    from yusuan.check import check

    report = check(d, select=["YS407"])
    assert next(c.status for c in report.coverage if c.code == "YS407") == "ran"
    assert not report.findings


def test_cli_parse_two_files_and_check_two_documents() -> None:
    result = runner.invoke(app, ["parse", str(JIANGSU_TEXT), str(JIANGSU_TABLES), "-f", "facts"])
    assert result.exit_code == 0, result.output
    assert "summary,收入,,财政拨款,金额,18330.37" in result.output
    result = runner.invoke(app, ["check", str(WANLI), str(FINAL), "-f", "json"])
    reports = json.loads(result.output)
    assert len(reports) == 2 and result.exit_code in (0, 1)


# -- small PDFs made here --------------------------------------------------------------
XS = [50.0, 200.0, 300.0]


def table_page(title: str, rows: list[tuple[str, str]], top: float = 120.0) -> Page:
    page = Page().text(50, top - 50, title, 16).text(50, top - 22, "单位：万元", 10)
    ys = [top + 20.0 * k for k in range(len(rows) + 1)]
    page.grid(XS, ys)
    for (label, amount), y in zip(rows, ys, strict=False):
        page.text(55, y + 5, label).text(205, y + 5, amount)
    return page


def test_fake_bold_characters_are_read_once(tmp_path: Path) -> None:
    page = Page().text(50, 50, "部门收支总表", 14).text(50.3, 50.2, "部门收支总表", 14)
    doc = read_pdf(write_pdf(tmp_path / "bold.pdf", [page]))
    assert [p.text for p in doc.paragraphs()] == ["部门收支总表"]


def test_wrapped_cell_and_thousands_separator(tmp_path: Path) -> None:
    page = Page().grid(XS, [100, 140, 160])
    page.text(55, 103, "一般公共预算财政").text(55, 118, "拨款收入").text(205, 113, "1,234,567.89")
    page.text(55, 143, "合计").text(205, 143, "1,234,567.89")
    doc = read_pdf(write_pdf(tmp_path / "wrap.pdf", [page]))
    (table,) = doc.tables()
    assert [c.text for c in table.rows[0]] == ["一般公共预算财政拨款收入", "1,234,567.89"]


def test_repeated_header_on_the_next_page_is_dropped(tmp_path: Path) -> None:
    head = ("项目", "金额")
    first = table_page("收入总表", [head, ("一、财政拨款收入", "10.00"), ("二、事业收入", "5.00")])
    second = Page().text(50, 80, "续表")
    ys = [100.0, 120.0, 140.0]
    second.grid(XS, ys)
    for (label, amount), y in zip([head, ("合计", "15.00")], ys, strict=False):
        second.text(55, y + 5, label).text(205, y + 5, amount)
    doc = read_pdf(write_pdf(tmp_path / "cont.pdf", [first, second]))
    (table,) = doc.tables()
    assert [r[0].text for r in table.rows] == ["项目", "一、财政拨款收入", "二、事业收入", "合计"]
    assert [r[0].source.page for r in table.rows] == [1, 1, 1, 2]
    assert "续表" not in [p.text for p in doc.paragraphs()]


def test_title_written_after_the_table_body(tmp_path: Path) -> None:
    page = Page().grid(XS, [120, 140, 160])
    page.text(55, 125, "项目").text(205, 125, "金额").text(55, 145, "合计").text(205, 145, "3.00")
    page.text(50, 70, "部门收入总表", 16).text(50, 98, "单位：万元")  # drawn last
    path = write_pdf(tmp_path / "late-title.pdf", [page])
    d = load(path)
    assert [(t.id.value, t.title) for t in d.tables] == [("revenue", "部门收入总表")]


def test_blank_page_and_unmapped_glyphs_are_diagnosed(tmp_path: Path) -> None:
    pages = [
        table_page("收入总表", [("项目", "金额"), ("合计", "1.00")]),
        Page(),
        Page().text(50, 50, "abcdef", unmapped=True).text(50, 80, "说明文字"),
    ]
    d = load(write_pdf(tmp_path / "diag.pdf", pages))
    kinds = [line.split(":")[0] for line in d.diagnostics]
    assert kinds == ["blank-page page 2", "pdf-text-not-extractable page 3"]


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [Page(image=True), Page(image=True)])
    with pytest.raises(InputError) as info:
        load(path)
    assert "扫描件" in info.value.zh
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "扫描件" in result.output and "scanned" in result.output
    assert "Traceback" not in result.output


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    data = WANLI.read_bytes()[:3000]
    path = tmp_path / "cut.pdf"
    path.write_bytes(data)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "错误 / error" in result.output


def test_debug_view_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    result = runner.invoke(app, ["debug", str(JIANGSU_TABLES), "--page", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = runner.invoke(
        app, ["debug", str(JIANGSU_TABLES), "--page", "9", "-o", str(out), "--overwrite"]
    )
    assert result.exit_code == 2 and "超出范围" in result.output


def test_raw_tables_carry_spans() -> None:
    doc = read_pdf(WANLI)
    revenue = next(t for t in doc.tables() if t.source.page == 3)
    assert isinstance(revenue, RawTable) and revenue.spans_known
    assert [(c.text, c.colspan) for c in revenue.rows[0]] == [("项目", 4), ("收入预算", 5)]
