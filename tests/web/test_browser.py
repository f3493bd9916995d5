"""The web UI in a real browser: Playwright driving Debian's chromium, headless.

Screenshots go to docs/images/ (the README shows them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import REFERENCE, ROOT
from support.browser import require_chromium, served
from yusuan.web.app import create_app

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page

IMAGES = ROOT / "docs" / "images"
require_chromium()  # CI installs it: missing there is a failure


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with served(create_app) as srv:
        yield srv.url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    yield pg
    context.close()


def upload(page: Page, server: str, path: Path) -> None:
    page.goto(server + "/")
    page.set_input_files("#file", str(path))
    page.click("#submit")
    page.wait_for_url("**/report")


def test_upload_report_click_highlights_cell(page: Page, server: str, tmp_path: Path) -> None:
    bad = tmp_path / "平乡县人大常委会2023（改）.txt"
    bad.write_text(
        REFERENCE.read_text(encoding="utf-8").replace(
            "\t63.00\n\t\n\t63.00", "\t63.00\n\t\n\t62.00", 1
        ),
        encoding="utf-8",
    )
    upload(page, server, bad)
    assert "校验报告" in page.inner_text("h1")
    assert page.locator(".summary .error").inner_text().startswith("错误 ")
    page.screenshot(path=str(IMAGES / "web-report.png"), full_page=False)
    first = page.locator(".finding.error a.goto").first
    href = first.get_attribute("href")
    assert href and "?f=" in href and "#" not in href  # the page centres it (no fragment jump)
    with page.expect_navigation(url="**?f=*"):
        first.click()
    page.wait_for_selector("td.focus")
    anchor = page.get_attribute("#banner", "data-target")
    assert anchor and anchor.startswith("c-")
    assert page.evaluate("document.querySelector('td.focus').id") == anchor
    outline = page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle")
    assert outline == "solid"
    page.screenshot(path=str(IMAGES / "web-cell.png"), full_page=False)


def test_document_page_has_charts(page: Page, server: str) -> None:
    upload(page, server, REFERENCE)
    page.click("text=查看表格与图表")
    page.wait_for_selector("#chart-treemap canvas")
    assert page.locator(".chart canvas").count() >= 4
    assert page.locator("table.disclosure-table").count() == 16
    page.screenshot(path=str(IMAGES / "web-document.png"), full_page=False)


def test_overview_sorts(page: Page, server: str, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    text = (
        REFERENCE.read_text(encoding="utf-8")
        .replace("\t101平乡县人民代表大会常务委员会", "\t102平乡县测试局")
        .replace("\t224.40", "\t225.40")
        .replace("\t7.50", "\t8.50")
        .replace("\t30.30", "\t31.30")
    )
    other.write_text(text, encoding="utf-8")
    upload(page, server, REFERENCE)
    upload(page, server, other)
    page.goto(server + "/overview?sort=errors&desc=1")

    def errors_column() -> list[int]:
        return [int(t) for t in page.locator("#overview tbody tr td.error").all_inner_texts()]

    down = errors_column()
    assert len(down) >= 2 and down == sorted(down, reverse=True) and down[0] > down[-1]
    with page.expect_navigation():
        page.click("a.sort[data-key=errors]")  # now ascending
    assert errors_column() == sorted(down)
    page.fill("input[name=q]", "测试局")
    with page.expect_navigation():
        page.click("form button")
    assert page.locator("#overview tbody tr").count() == 1
    page.goto(server + "/overview?sort=errors&desc=1")
    page.screenshot(path=str(IMAGES / "web-overview.png"), full_page=False)


def test_hostile_name_and_script_cell_are_harmless(page: Page, server: str, tmp_path: Path) -> None:
    hostile = tmp_path / '"><img src=x onerror=alert(1)>.txt'
    hostile.write_text(
        REFERENCE.read_text(encoding="utf-8").replace(
            "\t住房改革支出", "\t<script>alert(2)</script>住房改革支出"
        ),
        encoding="utf-8",
    )
    upload(page, server, hostile)
    page.goto(server + "/")
    page.click("text=查看表格与图表") if page.locator("text=查看表格与图表").count() else None
    page.goto(page.url)
    assert page.dialogs == []  # type: ignore[attr-defined]
    page.goto(server + "/")
    assert page.locator("img[src=x]").count() == 0
    assert "<img src=x onerror=alert(1)>.txt" in page.inner_text("body")
    doc = page.locator("ul li a").first.get_attribute("href")
    assert doc
    page.goto(server + doc.replace("/report", ""))
    assert "<script>alert(2)</script>住房改革支出" in page.inner_text("body")
    assert page.dialogs == []  # type: ignore[attr-defined]
