"""Batch upload of a .zip over HTTP on a real store: a round's folder stored file by file, the
two halves of a package joined as at ingest, a result list; hostile archives refused whole,
each with one bilingual reason, and nothing stored."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from support import DATA
from yusuan.web import batch_zip
from yusuan.web.app import Settings, create_app
from yusuan.web.errors import ApiError
from yusuan.web.store_repository import open_repository

PAIR = ("jiangsu-2019-renda-dept-budget.pdf", "jiangsu-2019-renda-dept-budget-tables.pdf")


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _round_zip() -> bytes:
    return _zip(
        {
            **{f"2019/jiangsu/{n}": (DATA / n).read_bytes() for n in PAIR},
            "2026/putuo/sifaju-unit.pdf": (DATA / "shanghai-putuo-2026-sifaju-unit-budget.pdf").read_bytes(),
            "2023/pingxiang.txt": (DATA / "pingxiang-renda-2023.txt").read_bytes(),
            "2026/putuo/broken.pdf": b"%PDF-1.4 this is not a PDF at all",
            "说明.md": b"readme",
            "__MACOSX/2019/._x.pdf": b"junk",
        }
    )  # fmt: skip


def _post(client: TestClient, data: bytes, name: str = "round.zip") -> object:
    return client.post("/api/batch", files={"file": (name, data, "application/zip")})


def test_a_round_folder_uploaded_at_once(tmp_path: Path) -> None:
    client = TestClient(create_app(open_repository(tmp_path / "s.duckdb")))
    got = client.post("/api/batch", files={"file": ("第一轮.zip", _round_zip())})
    assert got.status_code == 201, got.text
    body = got.json()
    assert body["archive"] == "第一轮.zip"
    results = {" + ".join(r["files"]): r for r in body["results"]}
    pair = results[" + ".join(f"2019/jiangsu/{n}" for n in PAIR)]
    assert pair["status"] == "packaged" and pair["status_zh"] == "已合并为一个文件包"
    assert pair["department"] == "江苏省人民代表大会常务委员会办公厅" and pair["year"] == 2019
    unit = results["2026/putuo/sifaju-unit.pdf"]
    assert unit["status"] == "stored" and unit["level"] == "单位" and unit["errors"] >= 1
    assert results["2023/pingxiang.txt"]["status"] == "stored"
    broken = results["2026/putuo/broken.pdf"]
    assert broken["status"] == "failed" and broken["reason"] and broken["reason_en"]
    assert results["说明.md"]["status"] == "skipped"
    assert results["__MACOSX/2019/._x.pdf"]["status"] == "skipped"
    # stored: three documents, the package one of them, with its two PDFs for the page images
    docs = client.get("/api/documents").json()["documents"]
    assert len(docs) == 3
    assert pair["id"] in {d["id"] for d in docs}
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        paths = sorted(str(r[0]) for r in con.execute("SELECT path FROM documents").fetchall())
    # stored under their places in the archive (never a temporary name)
    assert paths == [
        "第一轮.zip/2019/jiangsu/jiangsu-2019-renda-dept-budget.pdf + "
        "第一轮.zip/2019/jiangsu/jiangsu-2019-renda-dept-budget-tables.pdf",
        "第一轮.zip/2023/pingxiang.txt",
        "第一轮.zip/2026/putuo/sifaju-unit.pdf",
    ]
    report = client.get(f"/doc/{pair['id']}/report").text
    assert "jiangsu-2019-renda-dept-budget.pdf" in report
    image = client.get(f"/doc/{pair['id']}/page/1.png?file=part2.pdf")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    # the same archive again: nothing new, each document said to be stored already
    again = client.post("/api/batch", files={"file": ("第一轮.zip", _round_zip())}).json()
    assert {r["status"] for r in again["results"]} == {"known", "failed", "skipped"}
    assert len(client.get("/api/documents").json()["documents"]) == 3
    # the browser's form answers with the result list
    page = client.post("/batch", files={"file": ("第一轮.zip", _round_zip())})
    assert page.status_code == 200 and 'id="batch-results"' in page.text
    assert "已在库中" in page.text and "无法读取" in page.text


def _link_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("a/link.pdf")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _encrypted_zip() -> bytes:
    """A member marked encrypted (bit 0 of its flags, in both headers)."""
    raw = bytearray(_zip({"a/secret.txt": b"x" * 100}))
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = raw.index(signature) + at
        raw[i] |= 0x1
    return bytes(raw)


HOSTILE = {
    "traversal": (_zip({"../../evil.txt": b"x"}), 422, "zip_unsafe_path", "压缩包以外"),
    "absolute": (_zip({"/etc/cron.d/evil.txt": b"x"}), 422, "zip_unsafe_path", "压缩包以外"),
    "windows": (_zip({"C:\\evil.txt": b"x"}), 422, "zip_unsafe_path", "压缩包以外"),
    "link": (_link_zip(), 422, "zip_unsafe_path", "链接"),
    "many": (
        _zip({f"f{i}.txt": b"" for i in range(batch_zip.MAX_FILES + 1)}),
        413,
        "zip_too_many_files",
        "上限",
    ),
    "bomb": (
        _zip({"bomb.txt": b"\0" * (batch_zip.MAX_TOTAL_MB * 1024 * 1024 + 1)}),
        413,
        "zip_too_large",
        "MB 上限",
    ),
    "deep": (_zip({"/".join("d" * 9) + "/x.txt": b"x"}), 422, "zip_too_deep", "层"),
    "nested": (_zip({"a/inner.zip": _zip({"x.txt": b"x"})}), 422, "zip_nested", "压缩包内还有压缩包"),
    "encrypted": (_encrypted_zip(), 422, "zip_encrypted", "加密"),
    "empty": (_zip({"readme.md": b"x", "a/.hidden.pdf": b"x"}), 422, "zip_empty", "没有可读取的文件"),
    "not a zip": (b"PK\x03\x04 not really a zip", 422, "bad_zip", "不是有效的 zip"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archives_are_refused_whole(tmp_path: Path, case: str) -> None:
    data, status, code, zh = HOSTILE[case]
    client = TestClient(create_app(open_repository(tmp_path / "s.duckdb")))
    # a good document beside the hostile member: the archive is still refused whole
    if case not in ("not a zip", "bomb", "many", "empty"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = {i.filename: z.read(i) for i in z.infolist() if not (i.flag_bits & 1)}
        if case not in ("link", "encrypted"):
            members["ok.txt"] = (DATA / "pingxiang-renda-2023.txt").read_bytes()
            data = _zip(members)
    got = client.post("/api/batch", files={"file": ("x.zip", data)})
    assert got.status_code == status, got.text
    error = got.json()["error"]
    assert error["code"] == code
    assert (
        zh in error["message"] and error["message_en"] and error["message_en"] != error["message"]
    )
    assert client.get("/api/documents").json()["documents"] == []
    page = client.post("/batch", files={"file": ("x.zip", data)})  # the page: the same reason
    assert page.status_code == status and zh in page.text


def test_a_member_lying_about_its_size_is_refused() -> None:
    """An archive that declares 1000 bytes for a member of 256 MB: it is read no further than
    the declared size, and refused as damaged (its checksum fails), never unpacked whole."""
    big = b"\0" * (batch_zip.MAX_TOTAL_MB * 1024 * 1024 + 1024)
    raw = bytearray(_zip({"bomb.txt": big}))
    declared = len(big).to_bytes(4, "little")
    assert raw.count(declared) == 2  # the local header and the central directory
    raw = raw.replace(declared, (1000).to_bytes(4, "little"))
    with pytest.raises(ApiError) as caught:
        batch_zip.unpack(bytes(raw), (".txt",))
    assert caught.value.code == "bad_zip" and "无法解压" in caught.value.zh


def test_gbk_member_names_are_read_as_chinese() -> None:
    """Windows zips carry GBK names without the UTF-8 flag."""
    gbk = "江苏/说明.txt".encode("gbk")
    placeholder = b"Q" * (len(gbk) - 4) + b".txt"
    raw = _zip({placeholder.decode(): (DATA / "pingxiang-renda-2023.txt").read_bytes()})
    raw = raw.replace(placeholder, gbk)
    members, _ = batch_zip.unpack(raw, (".txt",))
    assert [m.name for m in members] == ["江苏/说明.txt"]


def test_batch_refusals_without_a_zip_and_read_only(tmp_path: Path) -> None:
    client = TestClient(create_app(open_repository(tmp_path / "s.duckdb")))
    got = client.post("/api/batch", files={"file": ("a.pdf", b"%PDF-1.4")})
    assert got.status_code == 415 and got.json()["error"]["code"] == "unsupported_type"
    small = TestClient(create_app(settings=Settings(max_batch_mb=0.01)))
    too_big = small.post("/api/batch", files={"file": ("a.zip", b"0" * 20000)})
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "too_large"
    ro = TestClient(create_app(settings=Settings(read_only=True)))
    assert ro.post("/api/batch", files={"file": ("a.zip", _round_zip())}).status_code == 403
    assert "只读" in ro.get("/batch").text


def test_batch_without_a_store_keeps_documents_in_memory() -> None:
    client = TestClient(create_app())
    got = client.post("/api/batch", files={"file": ("r.zip", _round_zip())})
    assert got.status_code == 201
    statuses = sorted(r["status"] for r in got.json()["results"])
    assert statuses == ["failed", "packaged", "skipped", "skipped", "stored", "stored"]
    assert len(client.get("/api/documents").json()["documents"]) == 3
