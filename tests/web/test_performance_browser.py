"""The 绩效 tab and overview in a real browser (Playwright, Debian's chromium, headless),
over a real DuckDB store holding the reference and two years of 自评 results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support import REFERENCE, run_yusuan
from support.browser import require_chromium, served
from support.selfeval import MEETING, fill
from yusuan.store.write import Store
from yusuan.web.app import create_app
from yusuan.web.store_repository import StoreRepository

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page

require_chromium()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("perfweb")
    db = folder / "s.duckdb"
    assert run_yusuan("ingest", str(REFERENCE), "--db", str(db)).returncode == 0
    template = folder / "tpl.xlsx"
    assert (
        run_yusuan("template", "--performance", str(REFERENCE), "-o", str(template)).returncode == 0
    )
    for year in (2023, 2024):
        filled = folder / f"{year}.xlsx"
        fill(template, filled, year=year)
        r = run_yusuan(
            "evaluate", str(filled), "-o", str(folder / "out"), "--db", str(db), "--overwrite"
        )
        assert r.returncode == 0, r.stderr
    store = Store.open(db)
    try:
        sha = store.con.execute("SELECT sha256 FROM documents").fetchone()
    finally:
        store.close()
    assert sha is not None
    with served(lambda: create_app(StoreRepository(db))) as srv:
        yield srv.url, str(sha[0])[:16]


@pytest.fixture(scope="module")
def memory() -> Iterator[str]:
    with served(create_app) as srv:
        yield srv.url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_document_tab_shows_targets_completion_and_score(
    page: Page, stored: tuple[str, str]
) -> None:
    url, doc = stored
    page.goto(f"{url}/doc/{doc}")
    with page.expect_navigation():
        page.click("main a[href$='/performance']")
    assert page.url.endswith(f"/doc/{doc}/performance")
    assert page.locator("section.performance-project").count() == 4
    meeting = page.locator("section.performance-project", has_text=MEETING)
    score = meeting.locator(".score").inner_text()
    assert "总分 87.60" in score and "等级 良" in score and "执行率 96.00%" in score
    assert "1 项未达成而未填偏差原因" in score
    cost = meeting.locator("tr", has_text="召开会议总成本").locator("td").all_inner_texts()
    assert cost == [
        "产出指标",
        "成本指标",
        "召开会议总成本",
        "≤25万元",
        "31.25万元",
        "12.50",
        "10.00",
        "会期延长一天",
    ]
    timing = meeting.locator("tr", has_text="召开会议时间").locator("td").all_inner_texts()
    assert timing[4:7] == ["达成", "12.50", "12.50"]
    assert "开展监督检查" in page.locator("#overall").inner_text()


def test_overview_puts_the_years_side_by_side(page: Page, stored: tuple[str, str]) -> None:
    url, _ = stored
    page.goto(url + "/")
    with page.expect_navigation():
        page.click("header >> text=绩效")
    rows = [
        r.locator("td").all_inner_texts()
        for r in page.locator("#performance-overview tbody tr").all()
    ]
    assert [r[1:] for r in rows] == [
        ["2023", "4", "37", "4", "92.48", "2", "2", "0", "0"],
        ["2024", "0", "0", "4", "92.48", "2", "2", "0", "0"],
    ]
    assert rows[0][0] == "平乡县人民代表大会常务委员会"


def test_without_a_store_the_tab_lists_the_targets(page: Page, memory: str) -> None:
    page.goto(memory + "/")
    page.set_input_files("#file", str(REFERENCE))
    page.click("#submit")
    page.wait_for_url("**/report")
    doc = page.url.split("/doc/")[1].split("/")[0]
    page.goto(f"{memory}/doc/{doc}/performance")
    assert page.locator("section.performance-project").count() == 4
    assert page.locator("text=尚无自评结果").count() == 4
    page.goto(memory + "/performance")
    cells = page.locator("#performance-overview tbody tr td").all_inner_texts()
    assert cells[:4] == ["平乡县人民代表大会常务委员会", "2023", "4", "37"]
