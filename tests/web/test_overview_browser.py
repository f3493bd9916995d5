"""The round's dashboard pages in a real browser (Playwright driving Debian's chromium) over a
real store: a .zip of a round uploaded at once (the Jiangsu halves become one document) →
the overview narrowed to one region, a list downloaded as Excel and reopened by openpyxl →
the ranking by another metric with both levels, downloaded → the package split on the
文件包 page and the split undone. No page overflows sideways at 390 px.

Screenshots at 1440 px and 390 px go to docs/images/ (docs/web.md shows them).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from support import DATA, ROOT
from support.browser import Served, new_page, no_sideways_overflow, require_chromium, served
from yusuan.web.app import create_app
from yusuan.web.store_repository import open_repository

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page

IMAGES = ROOT / "docs" / "images"
FILES = {
    "江苏/jiangsu-2019-renda-dept-budget.pdf": "jiangsu-2019-renda-dept-budget.pdf",
    "江苏/jiangsu-2019-renda-dept-budget-tables.pdf": "jiangsu-2019-renda-dept-budget-tables.pdf",
    "江苏/shengwei-tables.pdf": "jiangsu-2019-shengwei-dept-budget-tables.pdf",
    "普陀/sifaju-dept.pdf": "shanghai-putuo-2026-sifaju-dept-budget.pdf",
    "普陀/sifaju-unit.pdf": "shanghai-putuo-2026-sifaju-unit-budget.pdf",
    "普陀/template.xlsx": "shanghai-putuo-2026-dept-budget-template.xlsx",
    "平乡/pingxiang.txt": "pingxiang-renda-2023.txt",
}

require_chromium()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("dashboard") / "round.duckdb"
    with served(lambda: create_app(open_repository(db))) as srv:
        yield srv


def round_zip(folder: Path) -> Path:
    path = folder / "第一轮.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for inside, name in FILES.items():
            z.writestr(f"2026年审核/{inside}", (DATA / name).read_bytes())
    return path


def download(page: Page, selector: str, folder: Path) -> Path:
    with page.expect_download() as dl:
        page.click(selector)
    path = folder / dl.value.suggested_filename
    dl.value.save_as(path)
    return path


def test_dashboard_round(browser: Browser, server: Served, tmp_path: Path) -> None:
    page = new_page(browser, 1440)
    # a round's folder as one .zip
    page.goto(server.url + "/batch")
    page.set_input_files("#zip", str(round_zip(tmp_path)))
    with page.expect_navigation(timeout=180_000):
        page.click("#batch-submit")
    results = page.locator("#batch-results tbody tr")
    assert results.count() == len(FILES) - 1  # the two Jiangsu halves are one line
    packaged = page.locator("#batch-results tbody tr[data-status=packaged]")
    assert packaged.count() == 1 and "江苏省人民代表大会常务委员会办公厅" in packaged.inner_text()
    assert page.locator("#batch-results tbody tr[data-status=stored]").count() == 5
    template = page.locator("#batch-results tbody tr", has_text="template.xlsx")
    assert "空白模板" in template.inner_text()
    page.screenshot(path=str(IMAGES / "round-batch.png"), full_page=False)

    # the overview, narrowed to one region; completeness against each template
    page.goto(server.url + "/overview")
    assert page.locator("#overview tbody tr").count() == 6
    page.select_option("select[name=region]", "江苏省")
    with page.expect_navigation():
        page.click("#facets button")
    rows = page.locator("#overview tbody tr")
    assert rows.count() == 2
    assert all(t == "江苏省" for t in page.locator("#overview td.region").all_inner_texts())
    assert "12/12" in page.inner_text("#overview")
    page.screenshot(path=str(IMAGES / "round-overview-region.png"), full_page=True)
    book = load_workbook(download(page, ".exports[data-list=documents] a >> text=Excel", tmp_path))
    ws = book.active
    assert ws is not None and ws.auto_filter.ref
    data = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(data) == 2 and all(isinstance(r[7], int) for r in data)  # 错误, a number

    # the ranking: another metric, both levels, each ranked on its own
    page.goto(server.url + "/compare")
    page.select_option("select[name=year]", "2026")
    page.select_option("select[name=level]", "全部")
    page.select_option("#metric", "人员经费")
    with page.expect_navigation():
        page.click("#ranking-form button")
    ranked = page.locator("#ranking tbody tr")
    assert ranked.count() == 2
    assert page.locator("#ranking td.level").all_inner_texts() == ["部门", "单位"]
    assert page.locator("#ranking td.rank").all_inner_texts() == ["1", "1"]
    page.screenshot(path=str(IMAGES / "round-compare.png"), full_page=False)
    ws = load_workbook(download(page, ".exports a >> text=Excel", tmp_path)).active
    assert ws is not None
    assert [c.value for c in ws[1]][5] == "人员经费（万元）"
    assert all(isinstance(r[5], int | float) for r in ws.iter_rows(min_row=2, values_only=True))

    # the package split by hand, then the split undone
    page.goto(server.url + "/packages")
    row = page.locator("#documents tbody tr", has=page.locator("button.split"))
    assert row.count() == 1
    with page.expect_navigation():
        row.locator("button.split").click()
    assert "已拆开文件包" in page.inner_text("#regroup-done")
    assert page.locator("#documents button.split").count() == 0
    page.screenshot(path=str(IMAGES / "round-packages.png"), full_page=False)
    with page.expect_navigation():
        page.locator("#regroups li").first.locator("button", has_text="撤销").click()
    assert "已合并为一个文件包" in page.inner_text("#regroup-done")
    assert page.locator("#documents button.split").count() == 1
    page.context.close()


def test_dashboard_at_phone_width(browser: Browser, server: Served) -> None:
    page = new_page(browser, 390)
    for path, shot in (("/overview", "round-overview-dashboard-390.png"),
                       ("/compare?year=2026&level=全部", "round-compare-390.png"),
                       ("/batch", "round-batch-390.png"), ("/packages", "round-packages-390.png")):  # fmt: skip
        page.goto(server.url + path)
        no_sideways_overflow(page)
        page.screenshot(path=str(IMAGES / shot), full_page=False)
    page.context.close()
