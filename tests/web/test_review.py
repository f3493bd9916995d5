"""A review round over HTTP on a real store: statuses with notes and history, filters,
counts, the hint on the next year's document, the 问题清单 workbook, and the store shared
with the CLI while the server runs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from support import REFERENCE
from yusuan.web.app import Settings, create_app
from yusuan.web.store_repository import open_repository


def _year(text: str, year: int) -> str:
    out = text.replace("预算年度：2023", f"预算年度：{year}").replace(
        "预算年度2023", f"预算年度{year}"
    )
    return out.replace("2023年", f"{year}年")


def _keys(html: str) -> list[tuple[str, str]]:
    """(key, code) of every finding on a report page."""
    out = []
    for block in html.split('<div class="finding ')[1:]:
        code = re.search(r'data-code="([^"]+)"', block)
        key = re.search(r'id="r-([0-9a-f]+)"', block)
        assert code and key
        out.append((key.group(1), code.group(1)))
    return out


def _bad(text: str) -> str:
    """The reference with one copied amount: 人大监督 63 → 62 in the 支出总表 (an error)."""
    return text.replace("\t63.00\n\t\n\t63.00", "\t63.00\n\t\n\t62.00", 1)


def test_statuses_notes_history_filters_hint_and_issues(tmp_path: Path) -> None:
    db = tmp_path / "round.duckdb"
    client = TestClient(create_app(open_repository(db)))
    ref = REFERENCE.read_text(encoding="utf-8")
    older = _bad(_year(ref, 2022))
    first = client.post("/api/documents", files={"file": ("2022.txt", older.encode())})
    assert first.status_code == 201
    doc = first.json()["id"]
    html = client.get(f"/doc/{doc}/report").text
    keys = _keys(html)
    assert len(keys) == len(first.json()["report"]["findings"]) >= 3
    assert 'data-status="待核实"' in html
    error_key = next(k for k, c in keys if c.startswith("YS1") or c.startswith("YS2"))
    other_key = next(k for k, c in keys if k != error_key)
    # a status with a note, through the form (who comes from the browser)
    res = client.post(
        f"/doc/{doc}/review",
        data={"key": error_key, "status": "已确认", "note": "支出总表人大监督抄错", "who": "李审"},
        follow_redirects=False,
    )
    assert res.status_code == 303 and res.headers["location"].endswith(f"#r-{error_key}")
    # and through the API; a second decision on the same finding keeps the first in history
    for status, note in (("误报", "口径不同"), ("已整改", "已重新公开")):
        r = client.post(
            f"/api/documents/{doc}/reviews",
            json={"key": other_key, "status": status, "note": note, "who": "王审"},
        )
        assert r.status_code == 201 and r.json()["status"] == status
    got = client.get(f"/api/documents/{doc}/reviews/{other_key}")
    assert got.status_code == 200, got.text
    hist = got.json()["history"]
    assert [(h["status"], h["note"], h["who"]) for h in hist] == [
        ("误报", "口径不同", "王审"),
        ("已整改", "已重新公开", "王审"),
    ]
    bad = client.post(f"/api/documents/{doc}/reviews", json={"key": other_key, "status": "好"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
    missing = client.post(f"/api/documents/{doc}/reviews", json={"key": "0" * 24, "status": "误报"})
    assert missing.status_code == 404
    # counts per status and filters
    html = client.get(f"/doc/{doc}/report").text
    counts = dict(re.findall(r'data-status="([^"]+)">[^<]+<b>(\d+)</b>', html))
    assert counts == {"待核实": str(len(keys) - 2), "已确认": "1", "误报": "0", "已整改": "1"}
    only = _keys(client.get(f"/doc/{doc}/report?status=已确认").text)
    assert only == [(error_key, dict(keys)[error_key])]
    errors = _keys(client.get(f"/doc/{doc}/report?severity=error").text)
    assert errors and all(k in dict(keys) for k, _ in errors) and len(errors) < len(keys)
    fam = dict(keys)[error_key][:3]
    assert all(
        c.startswith(fam) for _, c in _keys(client.get(f"/doc/{doc}/report?family={fam}").text)
    )
    # the same defect in the department's next year carries the earlier decision as a hint
    newer = client.post("/api/documents", files={"file": ("2023.txt", _bad(ref).encode())})
    html = client.get(f"/doc/{newer.json()['id']}/report").text
    assert "上次（2022年）同一问题：<strong>已确认</strong> — 支出总表人大监督抄错" in html
    # the overview: facets, totals and decisions per status
    years = re.findall(r"</td><td>(\d{4})</td>", client.get("/overview?year=2022").text)
    assert years == ["2022"]
    assert sorted(re.findall(r"</td><td>(\d{4})</td>", client.get("/overview").text)) == [
        "2022",
        "2023",
    ]
    totals = client.get("/overview").text.split('id="totals"')[1].split("</p>")[0]
    assert "已确认 1" in totals and "误报 0" in totals and "已整改 1" in totals
    # the 问题清单: one row per finding of the year, numbers numeric, filter and frozen header
    book = client.get("/review/issues.xlsx?year=2022")
    assert book.status_code == 200
    ws = load_workbook(io.BytesIO(book.content)).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert header[:16] == ["部门", "年度", "预算/决算", "部门/单位", "表", "行", "列", "页", "规则",
                           "严重程度", "问题说明", "应为", "实为", "状态", "处理意见", "整改情况"]  # fmt: skip
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(keys)
    assert ws.auto_filter.ref == f"A1:R{len(rows) + 1}" and ws.freeze_panes == "A2"
    confirmed = next(r for r in rows if r["编号"] == error_key)
    assert confirmed["状态"] == "已确认" and confirmed["处理意见"] == "支出总表人大监督抄错"
    assert confirmed["年度"] == 2022 and confirmed["部门"].endswith("平乡县人民代表大会常务委员会")
    assert isinstance(confirmed["应为"], int | float) and isinstance(confirmed["实为"], int | float)
    assert Decimal(str(confirmed["应为"])) != Decimal(str(confirmed["实为"]))
    fixed = next(r for r in rows if r["编号"] == other_key)
    assert fixed["状态"] == "已整改" and fixed["整改情况"].startswith("已整改（王审")


def test_store_is_shared_with_the_cli_while_the_server_runs(tmp_path: Path) -> None:
    """The server holds no connection between requests: `yusuan ingest` and `yusuan query`
    (other processes) use the same file meanwhile, and the server sees what was ingested."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "ref.txt")
    db = tmp_path / "shared.duckdb"
    client = TestClient(create_app(open_repository(db), Settings()))
    assert client.get("/api/documents").json()["documents"] == []
    cli = [sys.executable, "-m", "yusuan"]
    done = subprocess.run([*cli, "ingest", str(folder), "--db", str(db), "-j", "0"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = client.get("/api/documents").json()["documents"]
    assert [r["department"] for r in rows] == ["平乡县人民代表大会常务委员会"]
    doc = rows[0]["id"]
    key = _keys(client.get(f"/doc/{doc}/report").text)[0][0]
    assert (
        client.post(
            f"/api/documents/{doc}/reviews", json={"key": key, "status": "误报"}
        ).status_code
        == 201
    )
    sql = "SELECT status FROM review_status"
    done = subprocess.run([*cli, "query", sql, "--db", str(db), "-f", "csv"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["status", "误报"]


def test_a_package_uploaded_as_two_files_is_one_document(tmp_path: Path) -> None:
    """The 情况说明 PDF and the 公开表 PDF chosen together are read as one package; the
    store keeps both PDFs, so a table finding's page image comes from the tables file."""
    from support import DATA

    client = TestClient(
        create_app(open_repository(tmp_path / "p.duckdb"), Settings(max_upload_mb=5))
    )
    names = ("jiangsu-2019-renda-dept-budget.pdf", "jiangsu-2019-renda-dept-budget-tables.pdf")
    files = [("file", (n, (DATA / n).read_bytes(), "application/pdf")) for n in names]
    res = client.post("/api/documents", files=files)
    assert res.status_code == 201, res.text
    body = res.json()
    doc = body["report"]["document"]
    assert (doc["department_name"], doc["year"], doc["tables"]) == (
        "江苏省人大常委会办公厅",
        2019,
        3,
    )
    table_pages = {
        (f["location"]["file"], f["location"]["page"])
        for f in body["report"]["findings"]
        if f["location"]["table"] and f["location"]["page"]
    }
    assert ("part2.pdf", 3) in table_pages
    image = client.get(f"/doc/{body['id']}/page/3.png?file=part2.pdf")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert client.get(f"/doc/{body['id']}/page/3.png?file=part1.pdf").status_code == 404  # 2 pages
    assert len(client.get("/api/documents").json()["documents"]) == 1
    too_many = [("file", (f"{i}.txt", b"x", "text/plain")) for i in range(9)]
    assert client.post("/api/documents", files=too_many).status_code == 422
