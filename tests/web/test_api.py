"""The web app's HTTP surface: upload limits, the one JSON error shape, escaping, read-only."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from support import DATA, REFERENCE
from yusuan.web.app import Settings, create_app

ERROR_KEYS = {"status", "code", "message", "message_en"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(settings=Settings(max_upload_mb=1)))


def upload(client: TestClient, name: str, data: bytes, url: str = "/api/documents"):  # type: ignore[no-untyped-def]
    return client.post(url, files={"file": (name, data, "application/octet-stream")})


def assert_error(res, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert res.status_code == status
    body = res.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["error"]["message"])


def test_upload_reference_gives_report(client: TestClient) -> None:
    res = upload(client, "平乡县人大2023.txt", REFERENCE.read_bytes())
    assert res.status_code == 201
    body = res.json()
    assert body["report"]["summary"] == {"error": 0, "warning": 2, "info": 10}
    doc = body["id"]
    listing = client.get("/api/documents").json()["documents"]
    assert [d["id"] for d in listing] == [doc]
    assert (
        listing[0]["department"] == "平乡县人民代表大会常务委员会"
        and listing[0]["completeness"] == 9
    )
    codes = [f["code"] for f in client.get(f"/api/documents/{doc}/findings").json()["findings"]]
    assert codes[:2] == ["YS603", "YS604"]
    for suffix, kind in (
        (".json", "application/json"),
        (".html", "text/html"),
        (".xlsx", "spreadsheetml"),
    ):
        r = client.get(f"/doc/{doc}/report{suffix}")
        assert r.status_code == 200 and kind in r.headers["content-type"]


def test_report_page_shows_the_reports_notices(client: TestClient) -> None:
    """What the file does not hold (here: a 情况说明 whose tables are in another file; for a
    scan: that it was read by OCR) heads the web report as it heads the text report."""
    res = upload(client, "说明.pdf", (DATA / "jiangsu-2019-renda-dept-budget.pdf").read_bytes())
    assert res.status_code == 201
    notices = res.json()["report"]["notices"]
    assert notices and notices[0].startswith("本文件只有情况说明")
    page = client.get(f"/doc/{res.json()['id']}/report").text
    shown = re.findall(r'<p class="notice report-notice">([^<]*)</p>', page)
    assert [n.split(" / ")[0] for n in shown] == [n.split(" / ")[0] for n in notices]
    reference = upload(client, "平乡县人大2023.txt", REFERENCE.read_bytes()).json()["id"]
    assert "report-notice" not in client.get(f"/doc/{reference}/report").text


def test_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/documents/ffff/findings"), 404, "not_found")
    assert_error(client.get("/api/documents/..%2F..%2Fetc%2Fpasswd/findings"), 404, "http_error")
    assert_error(client.get("/api/documents/..%5Cwin.ini/findings"), 404, "not_found")
    assert_error(client.get("/api/nothing-here"), 404, "http_error")
    assert_error(upload(client, "a.exe", b"MZ..."), 415, "unsupported_type")
    assert_error(upload(client, "big.txt", b"x" * (1024 * 1024 + 1)), 413, "too_large")
    assert_error(upload(client, "empty.txt", b""), 422, "unreadable")
    assert_error(upload(client, "fake.docx", b"not a zip"), 422, "unreadable")
    assert_error(client.post("/api/documents"), 422, "invalid_request")


def test_hostile_file_name_is_only_shown(client: TestClient, tmp_path) -> None:  # type: ignore[no-untyped-def]
    name = "../../<img src=x onerror=alert(1)>.txt"
    res = upload(client, name, REFERENCE.read_bytes(), url="/upload")
    assert res.status_code == 200  # followed the redirect to the report
    page = client.get("/").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert not (tmp_path / "<img src=x onerror=alert(1)>.txt").exists()


def test_script_in_a_cell_is_escaped(client: TestClient) -> None:
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "\t住房改革支出", "\t<script>alert(1)</script>住房改革支出"
    )
    res = upload(client, "x.txt", text.encode())
    doc = res.json()["id"]
    page = client.get(f"/doc/{doc}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;住房改革支出" in page
    chart_json = re.search(
        r'<script id="chart-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert chart_json and "</script" not in chart_json.group(1)


def test_read_only_refuses_uploads() -> None:
    client = TestClient(create_app(settings=Settings(read_only=True)))
    assert_error(upload(client, "a.txt", REFERENCE.read_bytes()), 403, "read_only")
    assert "只读" in client.get("/").text


def _year(text: str, year: int, amount: str) -> str:
    """The reference as another year's package, with 行政运行 changed to ``amount``."""
    out = text.replace("预算年度：2023", f"预算年度：{year}").replace(
        "预算年度2023", f"预算年度{year}"
    )
    return out.replace("2023年", f"{year}年")


def test_history_flags_unexplained_changes_and_store_backed_overview(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from yusuan.web.store_repository import open_repository

    db = tmp_path / "web.duckdb"
    repo = open_repository(db)
    client = TestClient(create_app(repo))
    ref = REFERENCE.read_text(encoding="utf-8")
    older = _year(ref, 2022, "")
    # 2022: 人大监督 63 → 30 (and its parents), a change the 2023 narrative does not explain
    older = older.replace("\t63.00\n\t\n\t63.00", "\t30.00\n\t\n\t30.00")
    assert upload(client, "2022.txt", older.encode()).status_code == 201
    assert upload(client, "2023.txt", ref.encode()).status_code == 201
    rows = client.get("/api/documents").json()["documents"]
    assert sorted(r["year"] for r in rows) == [2022, 2023]
    page = client.get("/dept/101").text
    assert "2022 → 2023" in page and "2010106 人大监督" in page and "未说明" in page
    # once per 科目 and table (not per column), in 万元 with 2 decimals
    assert "+33.00" in page and "30.00" in page and "63.00" in page
    subjects = re.findall(r'<td class="subject">([^<]*)</td>', page)
    assert "2010106 人大监督" in subjects and len(subjects) == len(set(subjects))
    # the same store, opened read-only by another server, serves the same documents
    ro = TestClient(create_app(open_repository(db, read_only=True), Settings(read_only=True)))
    assert len(ro.get("/api/documents").json()["documents"]) == 2


def test_pdf_finding_links_its_page_image(client: TestClient) -> None:
    pdf = REFERENCE.parent / "shanghai-putuo-2024-wanli-dept-budget.pdf"
    c = TestClient(create_app(settings=Settings(max_upload_mb=5)))
    res = upload(c, pdf.name, pdf.read_bytes())
    assert res.status_code == 201
    doc = res.json()["id"]
    pages = [
        f["location"]["page"] for f in res.json()["report"]["findings"] if f["location"]["page"]
    ]
    assert pages
    html = c.get(f"/doc/{doc}/report").text
    assert f"/doc/{doc}/page/{pages[0]}.png" in html
    image = c.get(f"/doc/{doc}/page/{pages[0]}.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert_error(c.get(f"/api/x/{doc}"), 404, "http_error")
    missing = c.get(f"/doc/{doc}/page/999.png")
    assert missing.status_code == 404
