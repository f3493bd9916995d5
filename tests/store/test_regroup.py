"""Regrouping by hand on a real store: two stored halves joined into one package (the same
document ingest makes of them), split back, each undone by the other; nothing stored lost
(files kept, review decisions back on their documents); the CLI verbs and the web's API."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from support import DATA
from yusuan.api import load_package
from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.store import Store, ingest, originals, review
from yusuan.store.issues import issues
from yusuan.store.regroup import join, log, split
from yusuan.web.app import create_app
from yusuan.web.store_repository import open_repository

NARRATIVE = "jiangsu-2019-renda-dept-budget.pdf"
TABLES = "jiangsu-2019-renda-dept-budget-tables.pdf"
runner = CliRunner()


@pytest.fixture
def halves(tmp_path: Path) -> tuple[Path, str, str]:
    """A store holding the two halves apart (published in two folders: not joined at ingest),
    and the reference; the halves' hashes."""
    for sub, name in (("a", NARRATIVE), ("b", TABLES), ("c", "pingxiang-renda-2023.txt")):
        (tmp_path / sub).mkdir()
        shutil.copy(DATA / name, tmp_path / sub / name)
    db = tmp_path / "s.duckdb"
    with Store.open(db) as s:
        summary = ingest([tmp_path / "a", tmp_path / "b", tmp_path / "c"], s, jobs=0)
    assert summary.stored == 3 and summary.packaged == 0
    with duckdb.connect(str(db), read_only=True) as con:
        shas = dict(
            con.execute("SELECT regexp_extract(path, '[^/]+$'), sha256 FROM documents").fetchall()
        )
    return db, shas[NARRATIVE], shas[TABLES]


def _documents(db: Path) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT sha256 FROM documents").fetchall()}


def test_join_split_and_undo_lose_nothing(halves: tuple[Path, str, str], tmp_path: Path) -> None:
    db, narrative, tables = halves
    before = _documents(db)
    with Store.open(db) as s:
        # a decision on a finding of the tables half, before the join
        finding = next(i for i in issues(s.con) if i.sha256 == tables)
        review.record(s.con, key=finding.key, sha256=tables, recur=finding.recur,
                      code=finding.code, status="已确认", note="抄错", who="张")  # fmt: skip
        # the files no longer need to be at hand: the store keeps them
        shutil.rmtree(tmp_path / "a")
        shutil.rmtree(tmp_path / "b")
        done = join(s, tables[:12], narrative[:12], who="张")  # any order: the narrative first
        assert done.action == "join" and [sha for sha, _ in done.parts] == [narrative, tables]
        assert "已合并为一个文件包" in done.line()
    after = _documents(db)
    assert narrative not in after and tables not in after and done.document in after
    # the very document ingest makes of the two files
    expected = load_package([DATA / NARRATIVE, DATA / TABLES])
    assert expected.source is not None and done.document == expected.source.sha256
    with Store.open(db, read_only=True) as s:
        d = s.load(done.document)
        assert d.source is not None and NARRATIVE in d.source.path and TABLES in d.source.path
        assert d.tables and d.narrative.stated  # one document: tables and 情况说明
        parts = originals.fetch_parts(s.con, done.document)
        assert [name for name, _ in parts] == [NARRATIVE, TABLES]
        assert parts[1][1] == (DATA / TABLES).read_bytes()
        assert review.history(s.con, finding.key)  # the decision is kept
    # split: undoes the join exactly
    with Store.open(db) as s:
        undone = split(s, done.document[:12], who="李")
    assert _documents(db) == before
    assert {sha for sha, _ in undone.parts} == {narrative, tables}
    with Store.open(db, read_only=True) as s:
        assert review.current(s.con, tables)[finding.key].status == "已确认"  # back on its document
        assert originals.fetch(s.con, tables) == (DATA / TABLES).read_bytes()
        assert s.load(tables).source.path.endswith(TABLES)  # type: ignore[union-attr]
        events = log(s.con)
    assert [(e.action, e.who) for e in events] == [("split", "李"), ("join", "张")]


def test_refusals(halves: tuple[Path, str, str]) -> None:
    db, narrative, tables = halves
    with Store.open(db) as s:
        with pytest.raises(InputError, match="自己"):
            join(s, narrative[:12], narrative[:12])
        with pytest.raises(InputError, match="不是文件包"):
            split(s, narrative[:12])
        with pytest.raises(InputError, match="没有与"):
            split(s, "不存在的部门")
        package = join(s, narrative[:12], tables[:12])
        with pytest.raises(InputError, match="已是文件包"):  # undo must restore what was
            join(s, package.document[:12], "平乡县")
        split(s, package.document[:12])
        s.con.execute("UPDATE originals SET data = NULL WHERE document = ?", [narrative])
        with pytest.raises(InputError) as caught:
            join(s, narrative[:12], "平乡县")
        assert "原文件未保存" in caught.value.zh and "not kept" in caught.value.en
    assert len(_documents(db)) == 3  # nothing changed


def test_cli_verbs(halves: tuple[Path, str, str]) -> None:
    db, narrative, tables = halves
    joined = runner.invoke(
        app, ["review", "join", narrative[:12], tables[:12], "--db", str(db), "--who", "王"]
    )
    assert joined.exit_code == 0, joined.output
    assert "已合并为一个文件包" in joined.output and "yusuan review split" in joined.output
    assert narrative not in _documents(db)
    package = next(s for s in _documents(db) if len(originals_of(db, s)) == 2)
    again = runner.invoke(app, ["review", "split", package[:12], "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "已拆开文件包" in again.output and "yusuan review join" in again.output
    assert {narrative, tables} <= _documents(db)
    listed = runner.invoke(app, ["review", "regroups", "--db", str(db)])
    assert listed.exit_code == 0 and listed.output.index("已拆开") < listed.output.index("已合并")
    bad = runner.invoke(app, ["review", "split", narrative[:12], "--db", str(db)])
    assert bad.exit_code == 2 and "不是文件包" in bad.output and "Traceback" not in bad.output


def originals_of(db: Path, sha: str) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [
            r[0]
            for r in con.execute("SELECT name FROM originals WHERE document = ?", [sha]).fetchall()
        ]


def test_web_api_and_page(halves: tuple[Path, str, str]) -> None:
    db, narrative, tables = halves
    client = TestClient(create_app(open_repository(db)))
    assert client.get(f"/doc/{tables[:16]}/report").status_code == 200  # cached by the server
    got = client.post(
        "/api/packages/join", json={"documents": [narrative[:16], tables[:16]], "who": "赵"}
    )
    assert got.status_code == 201, got.text
    package = got.json()["document"]
    assert client.get(f"/doc/{tables[:16]}/report").status_code == 404  # not served from memory
    assert client.get(f"/doc/{package[:16]}/report").status_code == 200
    page = client.get("/packages").text
    assert "已合并为一个文件包" in page and "撤销" in page and "拆开" in page
    # undo through the page's form
    undone = client.post("/packages", data={"action": "split", "doc": package[:16], "who": "赵"})
    assert undone.status_code == 200 and "已拆开文件包" in undone.text
    assert {narrative, tables} <= _documents(db)
    bad = client.post("/api/packages/split", json={"document": narrative[:16]})
    assert bad.status_code == 422 and "不是文件包" in bad.json()["error"]["message"]
    assert bad.json()["error"]["message_en"]
    assert (
        client.post("/api/packages/join", json={"documents": [narrative[:16]]}).status_code == 422
    )
    memory = TestClient(create_app())
    assert memory.get("/packages").status_code == 409
