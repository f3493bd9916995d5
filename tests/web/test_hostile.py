"""Hostile uploads against a real server (uvicorn in a subprocess).

- an oversized body is refused while it streams: the server writes (``/proc/PID/io``)
  a small fraction of what was sent, and no temporary file is left;
- a slow upload is parsed in a worker: the start page answers meanwhile, and past the
  time limit the worker is killed and the answer is the error shape;
- the in-memory repository is bounded (oldest removed) and says so on the start page;
- a damaged store and an internal error answer in the error shape, not plain text.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from support import REFERENCE
from support.corpus import variant
from yusuan.web.app import Settings, create_app
from yusuan.web.repository import MemoryRepository

ERROR_KEYS = {"status", "code", "message", "message_en"}
BOUNDARY = "yusuanboundary"
SLOW = REFERENCE.read_text(encoding="utf-8") * 30  # 3–19 s to read and check here (load)


class Server:
    def __init__(self, port: int, proc: subprocess.Popen[bytes], tmp: Path) -> None:
        self.port, self.proc, self.tmp = port, proc, tmp

    def wchar(self) -> int:
        """Bytes the server process has written so far (files, sockets, pipes)."""
        text = Path(f"/proc/{self.proc.pid}/io").read_text()
        return int(next(line for line in text.splitlines() if line.startswith("wchar:")).split()[1])

    def get(self, path: str) -> tuple[int, bytes, float]:
        start = time.perf_counter()
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        con.request("GET", path)
        res = con.getresponse()
        body = res.read()
        con.close()
        return res.status, body, time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    if not Path("/proc/self/io").exists():
        pytest.skip("needs /proc/PID/io")
    port = _free_port()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    code = (
        "import uvicorn\n"
        "from yusuan.web.app import Settings, create_app\n"
        "app = create_app(settings=Settings(max_upload_mb=2, parse_seconds=2))\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='error')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(tmp)})
    srv = Server(port, proc, tmp)
    deadline = time.monotonic() + 60
    while True:
        try:
            if srv.get("/")[0] == 200:
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise
            time.sleep(0.2)
    try:
        yield srv
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _multipart_head(name: str) -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()


def _post(srv: Server, name: str, data: bytes) -> tuple[int, dict[str, object], float]:
    body = _multipart_head(name) + data + f"\r\n--{BOUNDARY}--\r\n".encode()
    start = time.perf_counter()
    con = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    con.request(
        "POST",
        "/api/documents",
        body,
        {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    res = con.getresponse()
    payload = json.loads(res.read())
    con.close()
    return res.status, payload, time.perf_counter() - start


def _assert_shape(payload: dict[str, object], status: int, code: str) -> None:
    assert set(payload) == {"error"}
    err = payload["error"]
    assert isinstance(err, dict) and set(err) == ERROR_KEYS
    assert err["status"] == status and err["code"] == code


def test_an_oversized_streamed_body_is_refused_before_it_is_spooled(server: Server) -> None:
    sent = 0
    mib = b"x" * (1024 * 1024)
    before = server.wchar()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    sock.sendall(
        b"POST /api/documents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        + f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\r\n".encode()
    )
    head = _multipart_head("big.pdf")
    sock.sendall(f"{len(head):x}\r\n".encode() + head + b"\r\n")
    try:
        for _ in range(200):  # up to 200 MiB, 100 times the limit
            sock.sendall(f"{len(mib):x}\r\n".encode() + mib + b"\r\n")
            sent += len(mib)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped reading and closed: that is the point
    sock.settimeout(30)
    answer = b""
    try:
        while chunk := sock.recv(65536):
            answer += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    sock.close()
    written = server.wchar() - before
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    body = answer.split(b"\r\n\r\n", 1)[1]
    _assert_shape(json.loads(body), 413, "too_large")
    assert sent < 100 * 1024 * 1024  # it did not take the whole body
    assert written < 4 * 1024 * 1024, written  # the 2 MB limit, the envelope, the answer
    assert list(server.tmp.rglob("yusuan-upload-*")) == []


def test_a_declared_oversized_length_is_refused_without_reading(server: Server) -> None:
    con = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    con.putrequest("POST", "/api/documents")
    con.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    con.putheader("Content-Length", str(3 * 1024**3))
    con.endheaders()
    res = con.getresponse()
    _assert_shape(json.loads(res.read()), 413, "too_large")
    con.close()


def test_a_slow_upload_does_not_block_pages_and_is_stopped_at_the_limit(server: Server) -> None:
    result: list[tuple[int, dict[str, object], float]] = []
    upload = threading.Thread(
        target=lambda: result.append(_post(server, "slow.txt", SLOW.encode("utf-8")))
    )
    upload.start()
    time.sleep(0.5)
    pages = []
    while upload.is_alive():
        status, _, seconds = server.get("/")
        assert status == 200
        pages.append(seconds)
        time.sleep(0.2)
    upload.join()
    status, payload, seconds = result[0]
    _assert_shape(payload, 422, "too_slow")
    assert 1.5 < seconds < 30  # stopped at the 2 s limit, not after the 3–19 s it needs
    assert len(pages) >= 3 and sorted(pages)[len(pages) // 2] < 1.0, pages
    ok, payload, _ = _post(server, "ref.txt", REFERENCE.read_bytes())
    assert ok == 201, payload  # the server goes on
    assert list(server.tmp.rglob("yusuan-upload-*")) == []


def test_the_memory_repository_keeps_the_newest_and_says_so() -> None:
    repo = MemoryRepository(max_documents=3)
    client = TestClient(create_app(repo, Settings(max_upload_mb=1)))
    ids = []
    for i in range(5):
        text = variant(f"{301 + i}", f"内存测试第{i + 1}局", 2023).encode("utf-8")
        res = client.post("/api/documents", files={"file": (f"{i}.txt", text, "text/plain")})
        assert res.status_code == 201
        ids.append(res.json()["id"])
    listing = [d["id"] for d in client.get("/api/documents").json()["documents"]]
    assert listing == ids[2:]
    assert client.get(f"/api/documents/{ids[0]}/findings").status_code == 404
    page = client.get("/").text
    assert "最多保留 3 份文件" in page


def test_the_memory_repository_is_bounded_by_bytes_too() -> None:
    repo = MemoryRepository(max_documents=100, max_mb=0.08)
    client = TestClient(create_app(repo, Settings(max_upload_mb=1)))
    for i in range(4):  # ~32 KB each: two fit in 0.08 MB
        text = variant(f"{401 + i}", f"字节测试第{i + 1}局", 2023).encode("utf-8")
        assert client.post("/api/documents", files={"file": ("a.txt", text)}).status_code == 201
    assert len(repo.all()) == 2
    assert sum(e.size for e in repo.all()) <= 0.08 * 1024 * 1024


def test_a_damaged_store_and_an_internal_error_answer_in_the_error_shape(tmp_path: Path) -> None:
    from yusuan.store import Store, ingest
    from yusuan.web.store_repository import open_repository

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "ref.txt")
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        ingest([folder], store, jobs=0)
    repo = open_repository(db, read_only=True)
    app: FastAPI = create_app(repo, Settings(read_only=True))
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/overview").status_code == 200
    db.write_bytes(os.urandom(50_000))  # the store is damaged under the running server
    res = client.get("/api/documents")
    assert res.status_code == 503 and set(res.json()["error"]) == ERROR_KEYS
    assert res.json()["error"]["code"] == "store_corrupted"
    page = client.get("/overview")
    assert page.status_code == 503 and "已损坏" in page.text

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/broken", broken)
    app.add_api_route("/broken", broken)
    res = client.get("/api/broken")
    assert res.status_code == 500 and set(res.json()["error"]) == ERROR_KEYS
    page = client.get("/broken")
    assert page.status_code == 500 and "服务器内部错误" in page.text


def test_a_store_fault_inside_a_request_is_503_in_the_error_shape(tmp_path: Path) -> None:
    from yusuan.store import Store

    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(os.urandom(50_000))
    app = create_app(settings=Settings())

    def open_junk() -> None:
        Store.open(junk, read_only=True)

    app.add_api_route("/api/probe", open_junk)
    app.add_api_route("/probe", open_junk)
    client = TestClient(app, raise_server_exceptions=False)
    res = client.get("/api/probe")
    assert res.status_code == 503
    assert res.json()["error"]["code"] == "store_corrupted"
    page = client.get("/probe")
    assert page.status_code == 503 and "已损坏" in page.text
