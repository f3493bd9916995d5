"""Faults of the store itself: full disk, read-only, locked, corrupted, missing.

Each is told apart, in one line (Chinese / English) with exit status 2, by every verb
that opens a store; a full disk during ingest records no document as failed; a
damaged file is never written to. The full and read-only file systems are real
tmpfs mounts (the tests run as root, where ``chmod`` does not stop a write); without
the right to mount, those tests are skipped.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from support import REFERENCE, run_yusuan
from support.corpus import write_variants
from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.store.faults import StoreFault, classify
from yusuan.store.ingest import ingest
from yusuan.store.rows import DocumentRows
from yusuan.store.write import Store

runner = CliRunner()

MESSAGES = {
    "disk_full": "磁盘已满",
    "read_only": "不可写",
    "locked": "正被另一个进程使用",
    "corrupted": "已损坏或不是 DuckDB 文件",
    "missing": "不存在",
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    write_variants(folder, 12)
    shutil.copy(REFERENCE, folder / "ref.txt")
    return folder


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, docs: Path) -> Path:
    path = tmp_path_factory.mktemp("good") / "s.duckdb"
    with Store.open(path) as store:
        summary = ingest([docs], store, jobs=0)
    assert summary.stored == 13 and summary.failed == 0
    return path


@pytest.fixture()
def mount(tmp_path: Path) -> Iterator[Path]:
    """An empty 2 MB tmpfs; skipped where mounting is not allowed."""
    where = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _one_line(result: object, kind: str) -> None:
    output: str = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 2, (result.exit_code, output, result.exception)  # type: ignore[attr-defined]
    assert output.startswith("错误 / error: ") and output.count("\n") == 1, output
    assert MESSAGES[kind] in output, output
    assert "Traceback" not in output


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _verbs(db: Path, out: Path) -> dict[str, list[str]]:
    return {
        "query": ["query", "--db", str(db), "SELECT count(*) FROM facts"],
        "export": ["export", str(out), "--db", str(db), "--to", "csv"],
        "compare": ["compare", "--db", str(db), "--year", "2023"],
        "diff": ["diff", "201:2023", "202:2023", "--db", str(db)],
        "ingest": ["ingest", str(REFERENCE), "--db", str(db), "-j", "0"],
    }


# -- full disk ------------------------------------------------------------------------


def test_a_full_disk_stops_ingest_records_nothing_as_failed_and_a_rerun_completes(
    mount: Path, docs: Path
) -> None:
    db = mount / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(docs), "--db", str(db), "-j", "0"])
    _one_line(result, "disk_full")
    subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
    assert 0 < counts["documents"] < 13  # what was committed before the disk filled is whole
    assert counts["failures"] == 0  # and no document was blamed for the disk
    again = runner.invoke(app, ["ingest", str(docs), "--db", str(db), "-j", "0"])
    assert again.exit_code == 0, again.output
    with Store.open(db, read_only=True) as store:
        assert store.counts()["documents"] == 13
        assert store.counts()["failures"] == 0


def test_a_full_disk_with_worker_processes_is_the_same_fault(mount: Path, docs: Path) -> None:
    with Store.open(mount / "s.duckdb") as store, pytest.raises(StoreFault) as caught:
        ingest([docs], store, jobs=2)
    assert caught.value.kind == "disk_full"


class _FullStore(Store):
    """A store whose writes fail as a full disk does (for a machine where we cannot mount)."""

    def _add(self, rows: DocumentRows, replace: bool) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_error_of_the_os_is_classified_not_blamed_on_the_document(
    tmp_path: Path, docs: Path
) -> None:
    plain = Store.open(tmp_path / "s.duckdb")
    store = _FullStore(plain.con, plain.path, plain.mode)
    with pytest.raises(StoreFault) as caught:
        ingest([docs], store, jobs=0)
    assert caught.value.kind == "disk_full"
    assert store.counts()["failures"] == 0
    store.close()


# -- read-only ------------------------------------------------------------------------


def test_a_read_only_file_system_is_read_only_not_a_bad_file(mount: Path, good: Path) -> None:
    db = mount / "s.duckdb"
    subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
    shutil.copy(good, db)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    _one_line(
        runner.invoke(app, ["ingest", str(REFERENCE), "--db", str(db), "-j", "0"]), "read_only"
    )
    _one_line(
        runner.invoke(app, ["ingest", str(REFERENCE), "--db", str(mount / "new.duckdb")]),
        "read_only",
    )
    query = runner.invoke(
        app, ["query", "--db", str(db), "SELECT count(*) FROM documents", "-f", "csv"]
    )
    assert query.exit_code == 0 and query.output.splitlines()[1] == "13"  # reading still works


def test_an_immutable_file_is_read_only(tmp_path: Path, good: Path) -> None:
    db = tmp_path / "s.duckdb"
    shutil.copy(good, db)
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available on this file system")
    try:
        _one_line(runner.invoke(app, ["ingest", str(REFERENCE), "--db", str(db)]), "read_only")
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)


# -- locked ---------------------------------------------------------------------------


def test_a_store_another_process_writes_is_locked(tmp_path: Path, good: Path) -> None:
    db = tmp_path / "s.duckdb"
    shutil.copy(good, db)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(db)!r}); "
         "print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        for args in _verbs(db, tmp_path / "out").values():
            _one_line(runner.invoke(app, args), "locked")
    finally:
        holder.communicate("", timeout=30)


# -- corrupted ------------------------------------------------------------------------


def _truncated(good: Path, folder: Path, fraction: float) -> Path:
    db = folder / f"t{fraction}.duckdb"
    shutil.copy(good, db)
    os.truncate(db, int(db.stat().st_size * fraction))
    return db


@pytest.mark.parametrize("damage", ["random", "truncated-half", "truncated-tail"])
def test_a_damaged_store_is_refused_by_every_verb_and_never_written(
    tmp_path: Path, good: Path, damage: str
) -> None:
    if damage == "random":
        db = tmp_path / "r.duckdb"
        db.write_bytes(os.urandom(300_000))
    else:
        db = _truncated(good, tmp_path, 0.5 if damage == "truncated-half" else 0.97)
    before = _sha(db)
    for args in _verbs(db, tmp_path / "out").values():
        _one_line(runner.invoke(app, args), "corrupted")
    assert _sha(db) == before
    assert not Path(str(db) + ".wal").exists()
    with pytest.raises(StoreFault) as caught:
        Store.open(db)
    assert caught.value.kind == "corrupted"


def test_a_damaged_block_found_by_a_query_is_corruption_not_an_sql_error(
    tmp_path: Path, good: Path
) -> None:
    db = tmp_path / "z.duckdb"
    shutil.copy(good, db)
    size = db.stat().st_size
    with db.open("r+b") as fh:  # the data blocks, past the headers and the first block
        fh.seek(300_000)  # (a wide range: some blocks may be free since a checkpoint)
        fh.write(os.urandom(max(400_000, size // 2)))
    every = (
        " UNION ALL ".join(
            f'SELECT count(*), max(sha256::VARCHAR) FROM "{t}"' for t in ("facts", "documents")
        )
        + " UNION ALL SELECT count(*), max(model) FROM documents"
        + " UNION ALL SELECT count(*), max(md5(data)) FROM originals"  # the files kept too
    )
    _one_line(runner.invoke(app, ["query", "--db", str(db), every]), "corrupted")


def test_serve_refuses_a_damaged_store_in_one_line(tmp_path: Path, good: Path) -> None:
    db = _truncated(good, tmp_path, 0.5)
    done = run_yusuan("serve", "--db", str(db), "--port", "1")
    assert done.returncode == 2
    assert done.stderr.startswith("错误 / error: ") and MESSAGES["corrupted"] in done.stderr
    assert "Traceback" not in done.stderr


# -- missing and the classification ---------------------------------------------------


def test_a_missing_store_is_missing_for_every_reading_verb(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    for verb, args in _verbs(db, tmp_path / "out").items():
        if verb != "ingest":  # ingest creates it
            _one_line(runner.invoke(app, args), "missing")
    assert not db.exists()


def test_faults_are_input_errors_classified_by_errno_and_by_duckdb_text(tmp_path: Path) -> None:
    assert issubclass(StoreFault, InputError)
    assert classify(OSError(errno.ENOSPC, "x")) == "disk_full"
    assert classify(OSError(errno.EROFS, "x")) == "read_only"
    assert classify(ValueError("No space left on device")) is None  # not an I/O error
    junk = tmp_path / "j.duckdb"
    junk.write_bytes(b"\0" * 5000)
    with pytest.raises(duckdb.Error) as raw:
        duckdb.connect(str(junk))
    assert classify(raw.value) == "corrupted"
    con = duckdb.connect()
    with pytest.raises(duckdb.Error) as sql:
        con.execute("SELEC 1")
    assert classify(sql.value) is None  # a bad statement is the user's, not the store's
