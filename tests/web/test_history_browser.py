"""History, compare, charts and the nested report in a real browser (Playwright driving Debian's
chromium) over a real store: two years of 江苏省政协办公厅 (2018 a two-file package) and the
司法局 2026 单位预算 (one copied cell: a lead finding and its consequence).

- ``/dept/{key}``: one row per 科目, amounts as printed with the unit, the filters, a removed
  line never 已说明, an explained change opening the 情况说明 at its sentence (marked, centred);
- ``/diff``: two documents picked in the selects, the same changes, the Excel export reopened
  by openpyxl (numbers numeric, filter set, one row per change);
- charts: the 三公 chart by item, a labelled bar per year with the previous year beside, read
  from the chart ECharts drew; the treemap's drawn labels never cut;
- the report: the consequence inside its lead finding; the lead opens the suspect cell.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from openpyxl import load_workbook

from support import DATA, ROOT
from support.browser import Served, chromium, new_page, require_chromium, served
from yusuan.api import load, load_package
from yusuan.check import check
from yusuan.store.rows import document_rows
from yusuan.store.write import Store
from yusuan.web.app import create_app
from yusuan.web.store_repository import open_repository

pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page

ZX_2017 = DATA / "jiangsu-2017-zhengxie-dept-budget-tables.pdf"
ZX_2018 = (DATA / "jiangsu-2018-zhengxie-dept-budget.pdf", DATA / "jiangsu-2018-zhengxie-dept-budget-tables.pdf")  # fmt: skip
SIFAJU = DATA / "shanghai-putuo-2026-sifaju-unit-budget.pdf"
IMAGES = ROOT / "docs" / "images"

require_chromium()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("history") / "h.duckdb"
    with Store.open(db) as s:
        for d in (load(ZX_2017), load_package(ZX_2018), load(SIFAJU)):
            s.add(document_rows(d, check(d)))
    return db


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Served]:
    with served(lambda: create_app(open_repository(store))) as srv:
        yield srv


@pytest.fixture(scope="module")
def page(server: Served) -> Iterator[Page]:
    with chromium() as b:
        yield _page(b)


def _page(browser: Browser) -> Page:
    return new_page(browser, 1440)


def _ids(server: Served) -> dict[int, str]:
    import json

    with urlopen(server.url + "/api/documents") as r:
        rows = json.loads(r.read())["documents"]
    return {row["year"]: row["id"] for row in rows if row["year"] in (2017, 2018)}


def _rows(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "table.changes tbody tr",
        "rows => rows.map(r => ({kind: r.dataset.kind, status: r.dataset.status,"
        " subject: r.querySelector('.subject').textContent, table: r.cells[0].textContent,"
        " a: r.cells[3].textContent, b: r.cells[4].textContent, mark: r.cells[7].textContent}))",
    )


def test_history_lists_each_change_once_as_printed_with_filters(page: Page, server: Served) -> None:
    page.goto(server.url + "/overview")
    page.goto(server.url + "/dept/" + "江苏省政协办公厅")
    assert page.locator("h2", has_text="2017 → 2018").count() == 1
    rows = _rows(page)
    assert len(rows) == 76  # every change beyond the thresholds, once
    assert len({(r["table"], r["subject"]) for r in rows}) == len(rows)
    run = next(r for r in rows if r["subject"] == "2010201 行政运行")
    assert (run["a"], run["b"]) == ("3,233.03 万元", "4,432.78 万元")
    assert (
        run["table"].startswith("财政拨款支出预算表") and "一般公共预算支出预算表" in run["table"]
    )
    assert not any(re.search(r"\b(summary|gpb_basic|fiscal_basic)\b", r["table"]) for r in rows)
    # 删除: the lines 2018 no longer prints; none is 已说明
    page.click("a[data-show=removed]")
    removed = _rows(page)
    assert len(removed) == 10 and all(r["kind"] == "removed" for r in removed)
    assert all(r["mark"] == "删除（B 不再列出）" and r["b"] == "—" for r in removed)
    assert "30311 住房公积金" in [r["subject"] for r in removed]
    page.click("a[data-show=new]")
    assert {r["kind"] for r in _rows(page)} == {"new"} and len(_rows(page)) == 12
    page.click("a[data-show=unexplained]")
    unexplained = _rows(page)
    assert len(unexplained) == 38 and all("⚑" in r["mark"] for r in unexplained)


def test_an_explained_change_opens_its_sentence(page: Page, server: Served) -> None:
    page.goto(server.url + "/dept/江苏省政协办公厅?show=explained")
    rows = _rows(page)
    assert len(rows) == 28 and all(r["mark"].endswith("已说明原因") for r in rows)
    link = page.locator("tr", has=page.locator(".subject", has_text="2010201 行政运行")).locator(
        "a.evidence"
    )
    evidence = link.get_attribute("title")
    assert evidence
    link.click()
    page.wait_for_selector("mark#hit")
    assert "/doc/" in page.url and page.is_visible("#tab-narrative")
    hit = page.text_content("mark#hit") or ""
    assert hit.startswith(evidence.split("。")[0]) and "行政运行" in hit
    assert page.text_content("#banner") and "情况说明中对这一变动的说明" in (
        page.text_content("#banner") or ""
    )
    page.wait_for_timeout(300)
    box = page.evaluate(
        "() => { const r = document.querySelector('mark#hit').getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }"
    )
    assert box[0] >= 0 and box[1] <= box[2]  # in the window


def test_compare_two_picked_documents_and_export(page: Page, server: Served) -> None:
    ids = _ids(server)
    page.goto(server.url + "/diff")
    page.select_option("#pick-a", ids[2017])
    page.select_option("#pick-b", ids[2018])
    page.click("#pick button")
    page.wait_for_selector("table.changes")
    rows = _rows(page)
    assert len(rows) == 76
    page.click("a[data-show=removed]")
    assert len(_rows(page)) == 10 and f"a={ids[2017]}" in page.url
    with page.expect_download() as info:
        page.click("#export-xlsx")
    data = Path(info.value.path()).read_bytes()
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    header = [c.value for c in ws[3]]
    assert header[:3] == ["表", "另见", "编码"] and ws.auto_filter.ref and ws.freeze_panes == "A4"
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(body) == 10  # the filter shown is the filter exported
    a_wan = header.index("A（万元）")
    assert all(isinstance(r[a_wan], (int, float)) for r in body)
    gone = next(r for r in body if r[2] == "30311")
    assert gone[a_wan] == 341.75 and gone[header.index("说明")] == "删除（B 不再列出）"


def test_three_public_chart_by_item_with_the_previous_year(page: Page, server: Served) -> None:
    ids = _ids(server)
    page.goto(server.url + f"/doc/{ids[2018]}")
    page.click("a[data-tab=tab-charts]")
    page.wait_for_function(
        "() => window.echarts && echarts.getInstanceByDom(document.getElementById('chart-three'))"
    )
    option = page.evaluate(
        "() => { const o = echarts.getInstanceByDom(document.getElementById('chart-three')).getOption();"
        " return {items: o.xAxis[0].data, series: o.series.map(s => ({name: s.name, data: s.data,"
        " label: s.label.show}))}; }"
    )
    assert option["items"] == [
        "因公出国（境）费",
        "公务接待费",
        "公务用车购置费",
        "公务用车运行维护费",
    ]
    assert [s["name"] for s in option["series"]] == ["2017年", "2018年"]
    assert option["series"][0]["data"][:2] == [76.0, 443.5]  # 2017: 出国 76, 接待 443.5 万元
    assert option["series"][1]["data"][:2] == [106.0, 412.5]
    assert all(s["label"] for s in option["series"])
    texts = _drawn_texts(page, "chart-three")
    assert {"76.00", "106.00", "443.50", "412.50"} <= set(texts)  # each bar labelled, 2 decimals


def _drawn_texts(page: Page, chart: str) -> list[str]:
    """The texts ECharts drew in a chart (its zrender display list), as the canvas shows them."""
    return page.evaluate(
        "(id) => { const zr = echarts.getInstanceByDom(document.getElementById(id)).getZr();"
        " const out = []; zr.storage.getDisplayList(true).forEach(el => {"
        " const t = el.style && el.style.text; if (t && !el.invisible && !el.ignore) out.push(String(t)); });"
        " return out; }",
        chart,
    )


def _drawn_labels(page: Page, chart: str) -> list[str]:
    """Each text ECharts drew in a chart, its lines (zrender tspans) joined by a newline."""
    return page.evaluate(
        "(id) => { const zr = echarts.getInstanceByDom(document.getElementById(id)).getZr();"
        " const groups = new Map(); zr.storage.getDisplayList(true).forEach(el => {"
        " const t = el.style && el.style.text; if (!t || el.invisible || el.ignore) return;"
        " const key = el.parent ? el.parent.id : el.id;"
        " groups.set(key, (groups.has(key) ? groups.get(key) + '\\n' : '') + String(t)); });"
        " return [...groups.values()]; }",
        chart,
    )


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("year", [2018, 2026])
def test_treemap_labels_are_whole_never_cut(
    page: Page, server: Served, width: int, year: int
) -> None:
    """Every label drawn is a whole 科目 (code and name, with its amount) or its code alone;
    never a name cut short (“208 社会保障和就业”) — at desktop and at phone width."""
    import json

    with urlopen(server.url + "/api/documents") as r:
        rows = json.loads(r.read())["documents"]
    doc = next(row["id"] for row in rows if row["year"] == year)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server.url + f"/doc/{doc}")
    page.click("a[data-tab=tab-charts]")
    page.wait_for_timeout(1500)  # the treemap animates in
    data = json.loads(page.text_content("#chart-data") or "{}")

    def names(nodes: list[dict[str, object]]) -> list[str]:
        out = []
        for n in nodes:
            out.append(str(n["name"]))
            out.extend(names(n["children"]))  # type: ignore[arg-type]
        return out

    full = [*names(data["treemap"]), "全部支出"]  # the root: the whole table
    codes = {n.split(" ")[0] for n in full}
    labels = [t.removeprefix("▶ ").strip() for t in _drawn_labels(page, "chart-treemap")]
    labels = [t for t in labels if t and not t.startswith("支出按功能分类")]
    assert labels
    for text in labels:
        first = text.split("\n")[0]
        whole = any(first == n or first.startswith(n + " ") for n in full) or first in codes
        assert whole, (text, width)
    assert any(
        t.split("\n")[0] in full or " " in t for t in labels
    )  # names are shown where they fit
    page.set_viewport_size({"width": 1440, "height": 900})


def test_the_report_nests_consequences_under_the_lead_and_opens_the_suspect(
    page: Page, server: Served
) -> None:
    import json

    with urlopen(server.url + "/api/documents") as r:
        rows = json.loads(r.read())["documents"]
    doc = next(row["id"] for row in rows if row["year"] == 2026)
    page.goto(server.url + f"/doc/{doc}/report")
    nested = page.eval_on_selector_all(
        ".consequences",
        "els => els.map(e => ({lead: e.dataset.lead, parent: e.parentElement.id,"
        " inner: [...e.querySelectorAll('.finding')].map(f => f.id)}))",
    )
    assert nested and all(n["lead"] == n["parent"] and n["inner"] for n in nested)
    # a consequence is shown once, inside its lead, never again at the top level
    top = page.eval_on_selector_all("h2 ~ .finding", "els => els.map(e => e.id)")
    inner = [i for n in nested for i in n["inner"]]
    assert not set(top) & set(inner)
    lead = page.locator(f"#{nested[0]['lead']} > div > a.goto")
    assert "疑点" in (lead.text_content() or "")
    lead.click()
    page.wait_for_selector("td.focus")
    assert page.text_content("td.focus") == "64,840,547.00"  # the suspect cell, as printed


@pytest.mark.parametrize("width", [1440, 390])
def test_pages_fit_the_width_and_are_pictured(page: Page, server: Served, width: int) -> None:
    """History, compare and charts at 1440 px and 390 px: nothing scrolls sideways (the change
    tables scroll inside their box); the screenshots are the ones docs/web.md shows."""
    ids = _ids(server)
    suffix = "" if width == 1440 else "-390"
    page.set_viewport_size({"width": width, "height": 900})
    shots = {
        "history": "/dept/江苏省政协办公厅",
        "compare": f"/diff?a={ids[2017]}&b={ids[2018]}&show=removed",
        "charts": f"/doc/{ids[2018]}",
    }
    for name, url in shots.items():
        page.goto(server.url + url)
        if name == "charts":
            page.click("a[data-tab=tab-charts]")
            page.wait_for_timeout(1200)
        width_now = page.evaluate("document.documentElement.scrollWidth")
        assert width_now <= width + 1, (name, width_now)
        page.screenshot(path=str(IMAGES / f"diff-{name}{suffix}.png"), full_page=False)
    page.set_viewport_size({"width": 1440, "height": 900})
