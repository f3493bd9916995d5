"""``/api/diff``, ``/diff.csv``, ``/diff.xlsx`` and ``/doc/{id}?s=``: the compare page's answers
without a browser — its JSON, its exports, its errors in the one error shape."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from support import REFERENCE
from yusuan.api import load
from yusuan.check import check
from yusuan.web.app import create_app
from yusuan.web.repository import MemoryRepository


def _year(text: str, year: int) -> str:
    out = text.replace("预算年度：2023", f"预算年度：{year}").replace(
        "预算年度2023", f"预算年度{year}"
    )
    return out.replace("2023年", f"{year}年")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, str, str]:
    """The reference in 2022 (人大监督 63 → 30, an item that looks like a formula) and 2023."""
    folder: Path = tmp_path_factory.mktemp("cmp")
    ref = REFERENCE.read_text(encoding="utf-8")
    older = _year(ref, 2022).replace("\t63.00\n\t\n\t63.00", "\t30.00\n\t\n\t30.00")
    (folder / "2022.txt").write_text(older, encoding="utf-8")
    (folder / "2023.txt").write_text(ref, encoding="utf-8")
    repo = MemoryRepository()
    ids = []
    for name in ("2022.txt", "2023.txt"):
        d = load(folder / name)
        ids.append(repo.add(name, d, check(d)).id)
    return TestClient(create_app(repo)), ids[0], ids[1]


def test_api_diff_lists_each_change_once_with_counts(client: tuple[TestClient, str, str]) -> None:
    c, a, b = client
    body = c.get(f"/api/diff?a={a}&b={b}").json()
    assert body["a"] == a and body["b"] == b
    changes = body["changes"]
    supervision = [x for x in changes if x["code"] == "2010106"]
    assert len(supervision) == 1  # 支出总表 and the 一般公共预算 table: one change
    one = supervision[0]
    assert (one["a"], one["b"], one["change"]) == ("30.00 万元", "63.00 万元", "+33.00 万元")
    assert (one["a_wan"], one["b_wan"], one["kind"], one["status"]) == (
        "30",
        "63",
        "changed",
        "unexplained",
    )
    assert one["also_in"] and one["table"] != one["table_id"]
    assert body["counts"][""] == len(changes)
    only = c.get(f"/api/diff?a={a}&b={b}&show=explained").json()
    assert len(only["changes"]) == body["counts"]["explained"]
    assert all(x["status"] == "explained" for x in only["changes"])


def test_exports_hold_the_rows_shown(client: tuple[TestClient, str, str]) -> None:
    c, a, b = client
    n = len(c.get(f"/api/diff?a={a}&b={b}").json()["changes"])
    res = c.get(f"/diff.csv?a={a}&b={b}")
    assert res.status_code == 200 and res.text.startswith("\ufeff表,")
    rows = list(csv.reader(io.StringIO(res.text.lstrip("\ufeff"))))
    assert len(rows) == n + 1
    change = rows[0].index("增减（如印）")
    # a printed change starting with “+” is written inert (no spreadsheet formula)
    assert any(r[change].startswith("'+") for r in rows[1:])
    book = load_workbook(io.BytesIO(c.get(f"/diff.xlsx?a={a}&b={b}").content))
    ws = book.active
    assert ws is not None and ws.auto_filter.ref and ws.freeze_panes == "A4"
    header = [x.value for x in ws[3]]
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(body) == n
    row = next(r for r in body if r[header.index("编码")] == "2010106")
    assert row[header.index("增减（万元）")] == 33 and isinstance(
        row[header.index("A（万元）")], (int, float)
    )
    assert row[header.index("增减（如印）")] == "+33.00 万元"


def test_unknown_documents_are_404_in_the_error_shape(client: tuple[TestClient, str, str]) -> None:
    c, a, _ = client
    res = c.get(f"/api/diff?a={a}&b=ffffffffffff")
    assert res.status_code == 404 and res.json()["error"]["code"] == "not_found"
    assert c.get("/api/diff?a=../../etc&b=x").status_code == 404
    assert c.get("/diff.xlsx").status_code == 422
    page = c.get("/diff?a=nope&b=nope")
    assert page.status_code == 404 and "没有这份文件" in page.text
    # the page without a pick lists the documents to pick
    assert c.get("/diff").text.count("<option") == 4


def test_the_sentence_link_marks_the_words_and_escapes_the_rest(
    client: tuple[TestClient, str, str],
) -> None:
    c, _, b = client
    paragraph = next(
        p.text for sec in load(REFERENCE).narrative.walk() for p in sec.paragraphs if "。" in p.text
    )
    clauses = [x for x in paragraph.split("。") if x.strip()][:2]
    page = c.get(f"/doc/{b}", params={"s": "。".join(clauses)}).text
    marked = page.split('<mark id="hit">')[1].split("</mark>")[0]
    assert marked.startswith(clauses[0].strip()[:10]) and "情况说明中对这一变动的说明" in page
    hostile = c.get(f"/doc/{b}", params={"s": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in hostile and 'id="hit"' not in hostile
