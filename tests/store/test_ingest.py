"""Batch ingest: worker processes, bad files recorded, idempotent reruns, SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from support import ROOT
from support.corpus import DATA, REFERENCE, WANLI_2024, WANLI_2025, write_variants
from yusuan.store.ingest import IngestSummary, _Runner, discover, ingest
from yusuan.store.rows import FailureRow
from yusuan.store.schema import DOCUMENT_RELATIONS
from yusuan.store.write import Store


def _tree(tmp_path: Path) -> Path:
    """A folder as a bureau gets it: variants in subfolders, bad files, a hidden file."""
    root = tmp_path / "in"
    write_variants(root / "2023", 3)
    shutil.copy(REFERENCE, root / "pingxiang.txt")
    shutil.copy(REFERENCE, root / "2023" / "same-bytes-again.txt")  # same content, other path
    (root / "bad").mkdir()
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "notes.txt").write_text("会议纪要：无预算表。\n", encoding="utf-8")
    (root / "bad" / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (root / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return root


def _check_integrity(con: duckdb.DuckDBPyConnection) -> None:
    """No row of a document outside a stored document; every document whole."""
    for name in DOCUMENT_RELATIONS[1:]:
        orphans = con.execute(
            f'SELECT count(*) FROM "{name}" WHERE sha256 NOT IN (SELECT sha256 FROM documents)'
        ).fetchone()
        assert orphans == (0,), name
    partial = con.execute(
        "SELECT count(*) FROM documents d WHERE n_facts <> "
        "(SELECT count(*) FROM facts f WHERE f.sha256 = d.sha256) OR n_tables <> "
        "(SELECT count(*) FROM tables t WHERE t.sha256 = d.sha256)"
    ).fetchone()
    assert partial == (0,)
    dupes = con.execute("SELECT count(*) - count(DISTINCT sha256) FROM documents").fetchone()
    assert dupes == (0,)


def test_discover_walks_folders_sorted_without_hidden_or_database_files(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / "store.duckdb").write_bytes(b"x")
    found = [p.relative_to(root).as_posix() for p in discover([root])]
    assert found == [
        "pingxiang.txt",
        "2023/dept-000-2023.txt",
        "2023/dept-001-2023.txt",
        "2023/dept-002-2023.txt",
        "2023/same-bytes-again.txt",
        "bad/broken.pdf",
        "bad/empty.txt",
        "bad/notes.txt",
    ]


def test_ingest_records_bad_files_and_goes_on_then_reruns_to_the_same_counts(
    tmp_path: Path,
) -> None:
    root = _tree(tmp_path)
    events: list[tuple[str, str]] = []
    with Store.open(tmp_path / "s.duckdb") as store:
        first = ingest(
            [root], store, jobs=2, event=lambda k, p, d, s: events.append((k, Path(p).name))
        )
        counts = store.counts()
        failures = dict(store.con.execute("SELECT path, reason_zh FROM failures").fetchall())
        _check_integrity(store.con)
        second = ingest([root], store, jobs=2)
        assert store.counts() == counts
    assert (first.files, first.stored, first.skipped, first.failed) == (8, 4, 1, 3)
    assert (second.stored, second.skipped, second.failed) == (0, 5, 3)
    assert counts["documents"] == 4 and counts["failures"] == 3
    assert failures[str(root / "bad" / "empty.txt")] == "文件是空的"
    assert "预决算" in failures[str(root / "bad" / "notes.txt")]
    assert str(root / "bad" / "broken.pdf") in failures
    assert sorted(events) == sorted(
        [
            ("stored", n)
            for n in (
                "pingxiang.txt",
                "dept-000-2023.txt",
                "dept-001-2023.txt",
                "dept-002-2023.txt",
            )
        ]
        + [("skipped", "same-bytes-again.txt")]
        + [("failed", n) for n in ("broken.pdf", "empty.txt", "notes.txt")]
    )
    assert first.done == first.files


def test_in_process_and_two_workers_store_the_same_rows(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    results = []
    for jobs in (0, 2):
        with Store.open(tmp_path / f"s{jobs}.duckdb") as store:
            ingest([root], store, jobs=jobs)
            results.append(
                store.con.execute(
                    "SELECT sha256, n_facts, errors, warnings FROM documents ORDER BY sha256"
                ).fetchall()
            )
    assert results[0] == results[1]


def test_replace_parses_stored_documents_again(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_variants(folder, 2)
    with Store.open(tmp_path / "s.duckdb") as store:
        ingest([folder], store, jobs=0)
        counts = store.counts()
        again = ingest([folder], store, jobs=0, replace=True)
        assert (again.stored, again.skipped) == (2, 0)
        assert store.counts() == counts
        _check_integrity(store.con)


def crash_on_marked(path: str, max_bytes: int) -> object:
    """A worker that dies (as a reader crashing in C would) on files named *crash*."""
    from yusuan.store.ingest import process_file

    if "crash" in Path(path).name:
        os._exit(3)
    return process_file(path, max_bytes)


def test_a_worker_that_dies_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = write_variants(folder, 4)
    files[1].rename(folder / "dept-crash.txt")
    with Store.open(tmp_path / "s.duckdb") as store:
        runner = _Runner(store, 2, 50 << 20, False, None)
        runner.work = crash_on_marked  # type: ignore[assignment]
        runner.run(str(p) for p in sorted(folder.iterdir()))
        failures = store.con.execute("SELECT path, error_type FROM failures").fetchall()
        assert failures == [(str(folder / "dept-crash.txt"), "BrokenProcessPool")]
        assert store.counts()["documents"] == 3
        _check_integrity(store.con)


def _orphan_forkservers() -> set[int]:
    """Forkserver processes whose parent is gone (ppid 1), as a killed ingest leaves
    them when its workers hang on."""
    out = set()
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes()
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if b"multiprocessing.forkserver" in cmd and ppid == 1:
            out.add(int(d.name))
    return out


def test_sigkill_part_way_then_rerun_stores_every_document_exactly_once(tmp_path: Path) -> None:
    before = _orphan_forkservers() if Path("/proc/self").exists() else set()
    folder = tmp_path / "in"
    n = 24
    write_variants(folder, n)
    db = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "yusuan", "ingest", str(folder), "--db", str(db), "-j", "1", "-v"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    stored = 0
    for line in proc.stdout:
        stored += line.startswith("入库")
        if stored == 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    if Path("/proc/self").exists():  # the workers notice and end, and their forkserver with them
        deadline = time.monotonic() + 20
        while _orphan_forkservers() - before and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _orphan_forkservers() - before
    con = duckdb.connect(str(db), read_only=True)
    part = con.execute("SELECT count(*) FROM documents").fetchone()
    _check_integrity(con)
    con.close()
    assert part is not None and 3 <= part[0] < n
    rerun = subprocess.run(cmd[:-1], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"入库 {n - part[0]}，已存在跳过 {part[0]}，失败 0" in rerun.stdout
    with Store.open(db, read_only=True) as store:
        assert store.counts()["documents"] == n
        _check_integrity(store.con)


def test_corpus_and_reference_twice_give_the_same_counts(tmp_path: Path) -> None:
    summaries: list[IngestSummary] = []
    counts = []
    with Store.open(tmp_path / "s.duckdb") as store:
        for _ in range(2):
            summaries.append(ingest([DATA, ROOT / "examples"], store, jobs=2))
            counts.append(store.counts())
        pdfs = dict(
            store.con.execute("SELECT path, pages FROM documents WHERE format = 'pdf'").fetchall()
        )
        _check_integrity(store.con)
    assert counts[0] == counts[1]
    first, second = summaries
    assert first.files == second.files
    assert second.stored == 0 and second.skipped == first.stored + first.skipped
    assert second.failed == first.failed
    assert (pdfs[str(WANLI_2024)], pdfs[str(WANLI_2025)]) == (33, 31)
    assert first.pages >= sum(pdfs.values())


def test_failure_row_columns_match_the_schema() -> None:
    row = FailureRow("p", None, None, "坏", "bad", "InputError").columns()
    assert list(row) == [
        "path",
        "sha256",
        "size",
        "reason_zh",
        "reason_en",
        "error_type",
        "yusuan_version",
        "failed_at",
    ]
