"""A scanned PDF in a real browser (Playwright driving Debian's chromium): the OCR mark on every
cell OCR read, a click showing the page image with that cell's box drawn, and the report's
待人工核对（OCR） rows linking to the same — at 1440 and 390 px without sideways overflow.

The scan (:func:`support.scan.defect_page`, scanned: a 合计 that does not add up, two unreadable
amounts) is uploaded through the upload form once for the module; the server reads it by OCR.
Screenshots go to docs/images/ (docs/web.md shows them).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image

from support import ROOT
from support.browser import new_page, no_sideways_overflow, require_chromium, served
from support.scan import defect_page, scanned
from yusuan.web.app import create_app
from yusuan.web.ocr_marks import OCR_LABEL

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page

IMAGES = ROOT / "docs" / "images"
OCR_SECONDS = 600_000  # ms: OCR of one page in the server's worker, on a loaded machine
require_chromium()


@pytest.fixture(scope="module")
def report_url(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The scan uploaded through the form; the URL of its report page."""
    tmp = tmp_path_factory.mktemp("ocr-web")
    scan = scanned(defect_page(tmp / "defect.pdf"), [1], tmp / "扫描件.pdf")
    with served(create_app) as srv:
        page = new_page(browser, 1440)
        page.goto(srv.url + "/")
        page.set_input_files("#file", str(scan))
        page.click("#submit")
        page.wait_for_url("**/report", timeout=OCR_SECONDS)
        url = page.url
        page.context.close()
        yield url


def red_box_drawn(png: bytes, box: str, scale: float = 1.5) -> bool:
    """The page image has the red outline (212, 0, 0) the page route draws around ``box``."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    x0, y0, x1, y1 = (float(v) * scale for v in box.split(","))
    pad = 3 * scale
    middle = int((y0 + y1) / 2)
    for x in (x0 - pad, x1 + pad):  # the left and right edges, half-way down
        seen = [image.getpixel((int(x) + dx, middle)) for dx in range(-3, 4)]
        if not any(p == (212, 0, 0) for p in seen):
            return False
    return True


def shows_the_box(page: Page, text: str) -> None:
    """The page image is shown (its tab open, loaded) with the cell's box drawn on it."""
    img = page.locator("#page-image")
    img.wait_for(state="visible")
    page.wait_for_function("document.getElementById('page-image').naturalWidth > 0")
    assert page.locator("#tab-page").is_visible() and not page.locator("#tab-tables").is_visible()
    src = img.get_attribute("src")
    assert src is not None
    box = parse_qs(urlparse(src).query)["box"][0]
    assert img.get_attribute("data-box") == box
    assert f"OCR 识别的单元格“{text}”" in page.inner_text("#tab-page h2")
    png = page.request.get(page.url.split("/doc/")[0] + src).body()
    assert red_box_drawn(png, box)
    # the box is in view: scrolled to the middle of the window
    top = page.evaluate(
        "(() => { const i = document.getElementById('page-image');"
        " const b = i.dataset.box.split(',').map(Number);"
        " return i.getBoundingClientRect().top + (b[1] + b[3]) / 2 * 1.5 * i.clientWidth / i.naturalWidth; })()"
    )
    assert 0 <= top <= page.viewport_size["height"]


@pytest.mark.parametrize("width", [1440, 390])
def test_an_ocr_cell_is_marked_and_opens_its_box_on_the_page(
    browser: Browser, report_url: str, width: int
) -> None:
    page = new_page(browser, width)
    page.goto(report_url.removesuffix("/report"))
    cell = page.locator("td.num a.ocr", has_text="30.00")
    assert cell.count() == 1
    assert cell.get_attribute("title") == OCR_LABEL
    # readable without colour: a dashed underline, and the note naming it
    assert (
        page.evaluate("getComputedStyle(document.querySelector('a.ocr')).textDecorationStyle")
        == "dashed"
    )
    assert "由 OCR 识别" in page.inner_text("#ocr-note") and OCR_LABEL in page.inner_text(
        "#ocr-note"
    )
    assert page.locator("a.ocr").count() >= 14  # every cell read: labels and amounts
    no_sideways_overflow(page)
    suffix = "" if width == 1440 else "-390"
    if width == 1440:
        page.screenshot(path=str(IMAGES / "web-ocr-document.png"), full_page=False)
    with page.expect_navigation(url="**?cell=*"):
        cell.click()
    shows_the_box(page, "30.00")
    no_sideways_overflow(page)
    page.screenshot(path=str(IMAGES / f"web-ocr-cell{suffix}.png"), full_page=False)
    # back to the table from the banner: the cell is focused
    page.click("#banner-goto")
    page.wait_for_selector("td.focus")
    assert page.locator("td.focus a.ocr").inner_text() == "30.00"
    page.context.close()


@pytest.mark.parametrize("width", [1440, 390])
def test_the_report_lists_the_rows_to_check_and_links_to_the_box(
    browser: Browser, report_url: str, width: int
) -> None:
    page = new_page(browser, width)
    page.goto(report_url)
    heading = page.locator("#to-check")
    assert heading.inner_text().startswith("待人工核对（OCR）")
    rows = page.locator("li.to-check-row")
    assert rows.count() == 3
    first = rows.first.inner_text()
    assert "《部门收入总表》 · 行“合计” · 第1页" in first and "YS102" in first
    assert "列“金额” 识别为 30.00" in first
    assert "识别为 21.955.35（OCR 存疑）" in rows.nth(1).inner_text()
    # the capped warning is still among the findings
    assert page.locator(".finding.warning[data-code='YS102']").count() == 1
    no_sideways_overflow(page)
    heading.scroll_into_view_if_needed()
    suffix = "" if width == 1440 else "-390"
    page.screenshot(path=str(IMAGES / f"web-ocr-report{suffix}.png"), full_page=False)
    with page.expect_navigation(url="**?cell=*"):
        rows.first.locator("a.to-page").click()
    shows_the_box(page, "30.00")
    page.context.close()
