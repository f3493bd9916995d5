"""Scanned pages inside a PDF that otherwise has text: read by OCR, marked and capped per page.

The mixed PDFs are made in the test (:func:`support.scan.mixed`): a document of ``tests/data``
with one or two of its pages replaced by their scans (rendered at 300 dpi, turned about 0.6°,
noised, JPEG quality 60, no text layer), the other pages keeping their text layer.  OCR costs
seconds per page, so the suite reads three scanned pages: the two pages of the 社会工作部 决算
where a table crosses from a text page to a scanned one and back, and one small generated
page with a planted defect.  The near misses (a photo on a text page, a cover with its title
typed over a picture) are decided without any OCR.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from support import DATA
from support.pdf_maker import Page, write_pdf
from support.scan import mixed, pasted, with_image
from yusuan.api import load
from yusuan.check import check, ocr_notice
from yusuan.facts import facts
from yusuan.model import Disclosure
from yusuan.read import ocr_progress
from yusuan.read.pdf_page import PageContent, read_page
from yusuan.read.scan_pages import image_boxes, image_pages, is_image_page, thresholds
from yusuan.rules import all_rules
from yusuan.rules.base import Finding, Location, Rule, Severity
from yusuan.rules.scanned import OCR_NOTE, OcrPlaces, ocr_capped, unread_near

FINAL = DATA / "shanghai-putuo-2024-shehui-gongzuobu-dept-final.pdf"  # 24 pages, 决算
#: p. 6–7 收入决算表 (p. 7 continues it), p. 8–9 支出决算表 (p. 9 continues it)
SCANS = [7, 8]


@pytest.fixture(scope="module")
def final(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Disclosure, Disclosure, list[tuple[int, int]]]:
    """(the 决算 with its text layer, the same with pp. 7 and 8 scanned, the progress heard)."""
    tmp = tmp_path_factory.mktemp("mixed")
    path = mixed(FINAL, SCANS, tmp / "final-mixed.pdf", folio=True)
    told: list[tuple[int, int]] = []
    ocr_progress.listen(lambda page, pages: told.append((page, pages)))
    try:
        scan = load(path)
    finally:
        ocr_progress.listen(None)
    return load(FINAL), scan, told


def test_scanned_pages_read_to_the_text_layers_facts(
    final: tuple[Disclosure, Disclosure, list[tuple[int, int]]],
) -> None:
    """Every fact of the 24 pages, the two tables crossing a text and a scanned page
    included, equals the text layer's; the progress line counted only the scanned pages."""
    text, scan, told = final
    assert told == [(1, 2), (2, 2)]
    expected = facts(text)
    assert len(expected) >= 200
    assert facts(scan) == expected
    for table_id in ("revenue", "expenditure"):
        rows = [(r.code, r.item) for t in text.tables_of(table_id) for r in t.rows]
        assert [(r.code, r.item) for t in scan.tables_of(table_id) for r in t.rows] == rows
        assert len(scan.tables_of(table_id)) == 1  # one table across the two pages


def test_only_the_scanned_pages_values_are_marked(
    final: tuple[Disclosure, Disclosure, list[tuple[int, int]]],
) -> None:
    _, scan, _ = final
    pages: dict[tuple[str, int | None], set[bool]] = {}
    for t in scan.tables:
        for r in t.rows:
            for c in r.cells.values():
                pages.setdefault((t.id.value, c.source.page), set()).add(bool(c.source.ocr))
    assert pages[("revenue", 6)] == {False} and pages[("revenue", 7)] == {True}
    assert pages[("expenditure", 8)] == {True} and pages[("expenditure", 9)] == {False}
    assert all(v == {False} for (_, p), v in pages.items() if p not in SCANS)
    ocr = [x for x in scan.diagnostics if x.startswith("ocr page ")]
    assert ocr == [
        "ocr page 7: 第 7、8 页为扫描图像，文字由 OCR 识别，数字请核对原件 / pages 7, 8 are "
        "scanned images; the text was read by OCR, check the figures against the original"
    ]
    assert not [x for x in scan.diagnostics if x.startswith("pdf-text-not-extractable")]


def test_the_report_names_the_scanned_pages_and_adds_nothing(
    final: tuple[Disclosure, Disclosure, list[tuple[int, int]]],
) -> None:
    text, scan, _ = final
    report = check(scan)
    assert [n for n in report.notices if n.startswith("扫描件")] == [
        "扫描件：第 7、8 页为扫描图像，由 OCR 识别，涉及这些页的问题最多为警告，请核对原件 / "
        "scanned pages read by OCR: 7, 8"
    ]

    def keys(d: Disclosure) -> list[tuple[str, str, str | None, int | None]]:
        return sorted(
            (f.code, f.severity.value, f.location.table, f.location.page) for f in check(d).findings
        )

    assert keys(scan) == keys(text)


def _table(page: Page, title: str, top: float, rows: list[tuple[str, str]]) -> None:
    xs = [50.0, 300.0, 545.0]
    page.text(50, top, title, 16).text(50, top + 30, "单位：万元", 10)
    ys = [top + 60 + 24.0 * k for k in range(len(rows) + 1)]
    page.grid(xs, ys)
    for (label, amount), y in zip(rows, ys, strict=False):
        page.text(56, y + 6, label, 12).text(310, y + 6, amount, 12)


def test_a_defect_on_a_text_page_stays_an_error_and_on_the_scanned_page_is_a_warning(
    tmp_path: Path,
) -> None:
    """Two 合计 that do not add up: on the text page an error; on the second page, whose
    table is pasted in as a scan under its typed title and unit line, a warning saying check
    the original.  The typed title is kept from the text layer, not read again by OCR."""
    first, second = Page(), Page()
    revenue_rows = [("项目", "金额"), ("合计", "30.00"), ("一、财政拨款收入", "10.00")]
    _table(first, "部门收入总表", 60, [*revenue_rows, ("二、事业收入", "5.00")])
    spending_rows = [("项目", "金额"), ("合计", "40.00"), ("基本支出", "12.50")]
    _table(second, "部门支出总表", 130, [*spending_rows, ("项目支出", "7.50")])
    original = write_pdf(tmp_path / "defects.pdf", [first, second])
    path = pasted(original, 2, 185, tmp_path / "defects-pasted.pdf")
    assert _pages(path) == [2]
    scan = load(path)
    spent = scan.table("expenditure")
    assert spent is not None and spent.title == "部门支出总表"  # read once: from the text layer
    assert [(r.item, [c.text for c in r.cells.values()]) for r in spent.rows] == [
        ("合计", ["40.00"]),
        ("基本支出", ["12.50"]),
        ("项目支出", ["7.50"]),
    ]
    assert all(c.source.ocr for r in spent.rows for c in r.cells.values())
    report = check(scan)

    def on(table: str) -> list[tuple[str, Severity, str]]:
        return [
            (f.code, f.severity, f.message)
            for f in report.findings
            if f.location.table == table and f.location.row_item == "合计"
        ]

    revenue, spending = on("revenue"), on("expenditure")
    assert revenue and all(s is Severity.ERROR and OCR_NOTE not in m for _, s, m in revenue)
    assert spending and all(s is Severity.WARNING and OCR_NOTE in m for _, s, m in spending)
    assert {c for c, _, _ in revenue} == {"YS102"}
    # YS301 compares the two totals: it rests on the scanned one, so it is a warning too
    assert {c for c, _, _ in spending} == {"YS102", "YS301"}
    assert report.has_errors


_HIDE = (
    "import sys; sys.modules['rapidocr'] = None; sys.modules['onnxruntime'] = None; "
    "sys.modules['numpy'] = None; "
)


def test_without_the_extra_the_page_is_named_and_the_rest_is_checked(tmp_path: Path) -> None:
    """With the OCR modules hidden (and numpy, which only the extra brings): the document is
    read and checked, YS801 names the page and the extra, and the table cut by the unread
    page gets no error (a warning saying why); no traceback, exit status 0 (no error)."""
    path = mixed(FINAL, [7], tmp_path / "final-p7.pdf")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            _HIDE + "from yusuan.cli import main; sys.argv = ['yusuan', 'check', '-f', 'json', "
            "sys.argv[1]]; main()",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in run.stderr
    assert run.returncode == 0, run.stderr
    import json

    report = json.loads(run.stdout)
    findings = report["findings"]
    (ys801,) = [f for f in findings if f["code"] == "YS801"]
    assert ys801["location"]["page"] == 7
    assert "pip install 'yusuan[ocr]'" in ys801["message"] and "第7页" in ys801["message"]
    assert not [f for f in findings if f["severity"] == "error"]
    cut = [
        f
        for f in findings
        if f["location"].get("table") == "revenue" and f["severity"] == "warning"
    ]
    assert cut and all("第 7 页是扫描图像，未安装 OCR 组件而未能读取" in f["message"] for f in cut)
    assert report["document"]["tables"] >= 9  # the other pages were read


# --- which pages are read by OCR: decided without OCR ------------------------------------


def _pages(path: Path) -> list[int]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return image_pages(pdf, [read_page(pdf, i) for i in range(len(pdf))])
    finally:
        pdf.close()


def test_a_scanned_page_is_picked_with_or_without_its_page_number(tmp_path: Path) -> None:
    assert _pages(mixed(FINAL, [5], tmp_path / "a.pdf")) == [5]
    assert _pages(mixed(FINAL, [5, 13], tmp_path / "b.pdf", folio=True)) == [5, 13]


def test_a_text_page_with_a_large_photo_is_not_picked(tmp_path: Path) -> None:
    """Near miss: p. 5 (a table) and p. 18 (prose) with a photo over 45% of the page; the
    cover (p. 1) with a picture over 60% of it and the title typed on the picture."""
    photo = with_image(FINAL, 5, (0.1, 0.3, 0.9, 0.86), tmp_path / "photo.pdf")
    photo = with_image(photo, 18, (0.1, 0.1, 0.9, 0.66), tmp_path / "photo2.pdf", seed=1)
    cover = with_image(photo, 1, (0.05, 0.05, 0.95, 0.72), tmp_path / "cover.pdf", seed=2)
    pdf = pdfium.PdfDocument(str(cover))
    try:
        for number in (1, 5, 18):
            page = pdf[number - 1]
            try:
                boxes = image_boxes(page)
            finally:
                page.close()
            assert boxes, number
    finally:
        pdf.close()
    assert _pages(cover) == []
    d = load(cover)
    assert not [x for x in d.diagnostics if x.startswith("ocr page")]
    assert facts(d) == facts(load(FINAL))


def _content(chars: list[tuple[float, float, str]]) -> PageContent:
    """An A4 page's text layer: characters 10 pt wide at (x, top)."""
    return PageContent(
        1,
        595.0,
        842.0,
        [(x, y, x + 10, y + 10, x + 5, y + 5, ch) for x, y, ch in chars],
        images=1,
    )


HEADER = [(200 + 10 * k, 30.0, ch) for k, ch in enumerate("某某局2024年部门预算")]
FOLIO = [(290.0, 810.0, "5")]
TITLE = [(150 + 10 * k, 90.0, ch) for k, ch in enumerate("一般公共预算财政拨款支出预算表")]
BODY = [(60 + 10 * (k % 48), 120.0 + 14 * (k // 48), "字") for k in range(130)]


@pytest.mark.parametrize(
    ("chars", "boxes", "picked"),
    [
        ([], [(0.0, 0.0, 595.0, 842.0)], True),  # a page that is one image
        (HEADER + FOLIO, [(0.0, 0.0, 595.0, 842.0)], True),  # a running header on a scan
        (TITLE + FOLIO, [(60.0, 120.0, 540.0, 700.0)], True),  # a typed title over a pasted table
        (TITLE, [(0.0, 0.0, 595.0, 842.0)], False),  # the title typed over the picture: a cover
        ([], [(60.0, 120.0, 300.0, 300.0)], False),  # a logo: 9% of the page
        (BODY[:60], [(60.0, 400.0, 540.0, 800.0)], False),  # a chart under a sentence
        (FOLIO, [(60.0, 120.0, 540.0, 300.0)], False),  # 17%: below min_cover
    ],
    ids=["image", "header", "title", "cover", "logo", "chart", "small"],
)
def test_what_makes_an_image_page(
    chars: list[tuple[float, float, str]],
    boxes: list[tuple[float, float, float, float]],
    picked: bool,
) -> None:
    assert is_image_page(_content(chars), boxes, thresholds()) is picked


def _rule(code: str) -> Rule:
    return next(r for r in all_rules() if r.code == code)()


@pytest.mark.parametrize(
    ("code", "capped"),
    [("YS301", True), ("YS102", False)],  # cross: 收入总表 against 支出总表; arithmetic
)
def test_a_cross_table_finding_on_a_text_table_comparing_a_scanned_one_is_capped(
    code: str, capped: bool
) -> None:
    """The 收入总表 read from text, the 支出总表 from a scanned page: an error located on
    the text table rests on OCR only when its rule compares the scanned table."""
    places: OcrPlaces = ({(None, 2)}, {"expenditure"}, {"revenue"})
    rule = _rule(code)
    f = Finding(
        code=code,
        name=rule.name,
        severity=Severity.ERROR,
        message="合计不一致",
        location=Location(table="revenue", row_item="合计", page=1),
    )
    out = ocr_capped(f, places, rule)
    assert (out.severity is Severity.WARNING) is capped
    assert (OCR_NOTE in out.message) is capped


def test_in_a_package_the_notice_and_the_unread_pages_go_by_part() -> None:
    """``load_package`` prefixes each part's diagnostics with its file name: the notice names
    the part, and a page left unread counts for the tables of its own part only."""
    d = Disclosure(
        diagnostics=(
            "ocr page 7: b.pdf：第 7 页为扫描图像，文字由 OCR 识别，数字请核对原件 / page 7 is "
            "a scanned image; the text was read by OCR, check the figures against the original",
            "ocr page 2: a.pdf：第 2、3 页为扫描图像，文字由 OCR 识别，数字请核对原件 / pages 2, 3 "
            "are scanned images; the text was read by OCR, check the figures against the original",
            "pdf-text-not-extractable page 4: b.pdf：第4页是扫描图像，没有文字层；识别需要安装 OCR "
            "组件：pip install 'yusuan[ocr]' / page 4 is a scanned image",
        )
    )
    assert ocr_notice(d) == [
        "扫描件：b.pdf 第 7 页；a.pdf 第 2、3 页为扫描图像，由 OCR 识别，涉及这些页的问题最多为"
        "警告，请核对原件 / scanned pages read by OCR: b.pdf 7; a.pdf 2, 3"
    ]
    assert unread_near(d) == {None: [4]}  # no table in either part
