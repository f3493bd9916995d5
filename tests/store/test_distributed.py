"""Distributed ingest on a local Dask cluster (two worker processes on loopback)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest

from support.corpus import REFERENCE, write_variants
from yusuan.store.distributed import (
    committed_hashes,
    ingest_distributed,
    open_parquet_store,
    process_batch,
)
from yusuan.store.ingest import ingest
from yusuan.store.write import Store

TIMEOUT = 120.0


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=40,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close(timeout=30)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_variants(folder, 5)
    shutil.copy(REFERENCE, folder / "ref.txt")
    (folder / "empty.txt").write_bytes(b"")
    return folder


COMPARE = (
    "SELECT sha256, department_code, year, n_facts, errors FROM documents ORDER BY sha256",
    "SELECT count(*), sum(value) FROM facts",
    "SELECT * FROM compliance ORDER BY sha256",
    "SELECT * FROM three_public_by_department ORDER BY sha256",
    "SELECT path, reason_zh FROM failures",
)


def test_cluster_ingest_reads_like_a_local_store_and_reruns_idempotently(
    scheduler: str, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    parts = tmp_path / "parts"
    first = ingest_distributed([folder], parts, scheduler, batch_size=3, timeout=TIMEOUT)
    assert (first.files, first.stored, first.failed) == (7, 6, 1)
    with Store.open(tmp_path / "local.duckdb") as local:
        ingest([folder], local, jobs=0)
        with open_parquet_store(tmp_path / "cluster.duckdb", parts) as cluster:
            assert cluster.mode == "parquet"
            for sql in COMPARE:
                assert cluster.con.execute(sql).fetchall() == local.con.execute(sql).fetchall(), sql
            sha = local.con.execute("SELECT min(sha256) FROM documents").fetchone()
            assert sha is not None
            assert cluster.load(sha[0]) == local.load(sha[0])
    second = ingest_distributed([folder], parts, scheduler, batch_size=3, timeout=TIMEOUT)
    assert (second.stored, second.skipped, second.failed) == (0, 6, 1)
    with open_parquet_store(tmp_path / "cluster.duckdb", parts) as cluster:
        assert cluster.counts()["documents"] == 6
        assert cluster.counts()["failures"] == 1


def test_a_batch_killed_before_its_commit_is_invisible_and_rerun(
    scheduler: str, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    parts = tmp_path / "parts"
    files = sorted(str(p) for p in folder.iterdir())
    process_batch(files[:2], str(parts), frozenset())
    # a worker killed between its data files and its commit record
    killed = process_batch(files[2:4], str(parts), frozenset())
    (parts / "batches" / f"{killed['batch']}.parquet").unlink()
    assert len(committed_hashes(parts)) == 2
    with open_parquet_store(tmp_path / "c.duckdb", parts) as store:
        assert store.counts()["documents"] == 2
    summary = ingest_distributed([folder], parts, scheduler, batch_size=4, timeout=TIMEOUT)
    assert (summary.stored, summary.skipped) == (4, 2)
    with open_parquet_store(tmp_path / "c.duckdb", parts) as store:
        rows = store.con.execute(
            "SELECT count(*), count(DISTINCT sha256) FROM documents"
        ).fetchone()
        assert rows == (6, 6)
        orphans = store.con.execute(
            "SELECT count(*) FROM facts WHERE sha256 NOT IN (SELECT sha256 FROM documents)"
        ).fetchone()
        assert orphans == (0,)


def test_a_local_store_is_not_turned_into_a_parquet_one(tmp_path: Path) -> None:
    from yusuan.errors import InputError

    folder = _folder(tmp_path)
    parts = tmp_path / "parts"
    process_batch([str(p) for p in sorted(folder.iterdir())][:1], str(parts), frozenset())
    Store.open(tmp_path / "local.duckdb").close()
    with pytest.raises(InputError, match="本机"):
        open_parquet_store(tmp_path / "local.duckdb", parts)
    with pytest.raises(InputError, match="批次"):
        open_parquet_store(tmp_path / "x.duckdb", tmp_path / "empty-parts")
