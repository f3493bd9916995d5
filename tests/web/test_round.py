"""A whole review round in a real browser (Playwright driving Debian's chromium, headless)
over a real store of corpus copies: ingest (the Jiangsu 2019 情况说明 and 公开表 PDFs become
one document) → overview with every department named → a narrative finding and a table
finding opened highlighted (the page image with the box) → three statuses with notes →
the 问题清单 exported and reopened by openpyxl → the server restarted: the statuses kept.

Screenshots at 1440 px and 390 px go to docs/images/ (docs/web.md shows them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from support import ROOT
from support.browser import Served, new_page, no_sideways_overflow, require_chromium, served
from support.round_store import ingested
from yusuan.store import Store
from yusuan.web.app import create_app
from yusuan.web.store_repository import open_repository

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page

IMAGES = ROOT / "docs" / "images"
FILES = (
    "jiangsu-2019-renda-dept-budget.pdf",  # the 情况说明 of a package …
    "jiangsu-2019-renda-dept-budget-tables.pdf",  # … and its 公开表, published apart
    "jiangsu-2018-jianchayuan-dept-budget.pdf",
    "shanghai-putuo-2024-wanli-dept-budget.pdf",
    "pingxiang-renda-2023.txt",
    "shanghai-putuo-2026-dept-budget-template.xlsx",  # a blank template (上海市普陀区XX局)
)

require_chromium()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db, summary = ingested(tmp_path_factory.mktemp("round") / "packages", FILES)
    assert summary.stored == len(FILES) and summary.failed == 0
    assert summary.packaged == 1  # the two Jiangsu 2019 files are one document
    return db


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Served]:
    with served(lambda: create_app(open_repository(store))) as srv:
        yield srv


def centred(page: Page, selector: str) -> None:
    """The element is in the middle of the window (not at its top edge)."""
    box = page.evaluate(
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }",
        selector,
    )
    top, bottom, height = box
    middle = (top + bottom) / 2
    assert height * 0.2 < middle < height * 0.8, box


def open_report(page: Page, server: Served, department: str) -> None:
    page.goto(server.url + "/overview")
    row = page.locator("#overview tbody tr", has_text=department).first
    row.locator("a", has_text="报告").click()
    page.wait_for_url("**/report")


def test_a_review_round(browser: Browser, server: Served, store: Path, tmp_path: Path) -> None:
    page = new_page(browser, 1440)
    # overview: every department named (the package by its department, not 第三部分), the
    # template tagged and listed last
    page.goto(server.url + "/overview")
    rows = page.locator("#overview tbody tr")
    assert rows.count() == 5
    names = page.locator("#overview tbody td.dept").all_inner_texts()
    assert not any("未识别部门" in n for n in names), names
    assert any("江苏省人民代表大会常务委员会办公厅" in n for n in names)
    assert "空白模板" in names[-1] and all("空白模板" not in n for n in names[:-1])
    page.screenshot(path=str(IMAGES / "round-overview.png"), full_page=False)
    page.fill("#who", "张审核")
    page.dispatch_event("#who", "change")

    # a narrative finding of the package: its sentence marked in the 情况说明, centred
    open_report(page, server, "江苏省人民代表大会常务委员会办公厅")
    page.locator(".finding[data-code=YS605] a.goto").first.click()
    page.wait_for_selector("#banner")
    assert "YS605" in page.inner_text("#banner")
    assert page.locator("mark#hit").is_visible()
    assert "增加（减少）" in page.inner_text("mark#hit")
    centred(page, ".focus")
    page.screenshot(path=str(IMAGES / "round-narrative.png"), full_page=False)

    # a table finding: the cell highlighted and centred under a sticky header, and the
    # stored PDF's page with the cell's box
    open_report(page, server, "江苏省人民检察院")
    page.locator(".finding[data-code=YS102] a.goto").first.click()
    page.wait_for_selector("#banner")
    cell = page.locator("td.focus")
    assert cell.count() == 1 and cell.is_visible()
    centred(page, "td.focus")
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('.disclosure-table thead th')).position"
        )
        == "sticky"
    )
    page.screenshot(path=str(IMAGES / "round-cell.png"), full_page=False)
    page.click("#tabs a[data-tab=tab-page]")
    page.wait_for_function("document.getElementById('page-image').naturalWidth > 0")
    src = page.get_attribute("#page-image", "src") or ""
    assert ".png?box=" in src
    page.wait_for_function("window.scrollY > 0")  # the box brought to the middle
    page.screenshot(path=str(IMAGES / "round-page-box.png"), full_page=False)

    # three statuses with notes
    open_report(page, server, "江苏省人民检察院")
    decided = (
        ("已确认", "合计行抄错，请更正"),
        ("误报", "口径说明见附注"),
        ("已整改", "已重新公开"),
    )
    keys = []
    for i, (status, note) in enumerate(decided):
        box = page.locator(".review-box").nth(i)
        keys.append(box.get_attribute("data-key"))
        box.locator("select[name=status]").select_option(status)
        box.locator("textarea[name=note]").fill(note)
        with page.expect_navigation():
            box.locator("button").click()
    for key, (status, note) in zip(keys, decided, strict=True):
        box = page.locator(f"#r-{key}")
        assert box.locator(".status").inner_text() == status
        assert note in box.inner_text() and "张审核" in box.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    counts = page.inner_text("#status-counts")
    assert "已确认 1" in counts and "误报 1" in counts and "已整改 1" in counts
    page.screenshot(path=str(IMAGES / "round-report.png"), full_page=False)

    # the 问题清单 from the overview's button
    page.goto(server.url + "/overview")
    with page.expect_download() as dl:
        page.click("#export-all")
    book_path = tmp_path / "问题清单.xlsx"
    dl.value.save_as(book_path)
    ws = load_workbook(book_path).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    rows_ = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    with Store.open(store, read_only=True) as s:  # the store is free while the server runs
        n = s.con.execute(
            "SELECT count(*) FROM findings f JOIN documents d USING (sha256) "
            "WHERE d.department_name NOT LIKE '%XX%'"
        ).fetchone()
    assert n is not None and len(rows_) == n[0] > 20
    assert ws.auto_filter.ref == f"A1:R{len(rows_) + 1}" and ws.freeze_panes == "A2"
    by_key = {r["编号"]: r for r in rows_}
    for key, (status, note) in zip(keys, decided, strict=True):
        assert by_key[key]["状态"] == status and by_key[key]["处理意见"] == note
        assert by_key[key]["部门"] == "江苏省人民检察院" and by_key[key]["年度"] == 2018
    assert any(isinstance(r["应为"], int | float) for r in rows_ if r["规则"].startswith("YS102"))
    assert not any("XX" in r["部门"] for r in rows_)
    page.context.close()

    # the server restarted: the statuses are kept
    server.restart()
    page = new_page(browser, 1440)
    open_report(page, server, "江苏省人民检察院")
    for key, (status, _) in zip(keys, decided, strict=True):
        assert page.locator(f"#r-{key} .status").inner_text() == status
    page.context.close()


def test_phone_width(browser: Browser, server: Served) -> None:
    """At 390 px no page overflows sideways (tables scroll inside their box)."""
    page = new_page(browser, 390)
    page.goto(server.url + "/overview")
    no_sideways_overflow(page)
    page.screenshot(path=str(IMAGES / "round-overview-390.png"), full_page=False)
    open_report(page, server, "江苏省人民检察院")
    no_sideways_overflow(page)
    page.screenshot(path=str(IMAGES / "round-report-390.png"), full_page=False)
    page.locator(".finding[data-code=YS102] a.goto").first.click()
    page.wait_for_selector("td.focus")
    no_sideways_overflow(page)
    page.screenshot(path=str(IMAGES / "round-cell-390.png"), full_page=False)
    page.context.close()
