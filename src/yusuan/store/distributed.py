"""Ingest on a Dask cluster: workers write Parquet partitions that DuckDB reads.

``yusuan ingest PATH... --scheduler tcp://HOST:8786 --db yusuan.duckdb`` sends
batches of files to the cluster. Each task (:func:`process_batch`) parses and
checks its files with the same code as a local worker and writes one Parquet
file per relation into ``PARTS/<relation>/<batch>.parquet`` (written under a
temporary name, then renamed), and last ``PARTS/batches/<batch>.parquet``, the
batch's commit record. The DuckDB file holds views over the partitions that
read only committed batches, and the first copy of each document, so a batch
killed half-way is invisible and a rerun completes it; everything else
(``query``, ``compare``, ``diff``, ``export``) reads those views as it reads a
local store. ``PARTS`` must be a folder that the client and every worker see
(a shared file system). Needs the ``scale`` extra (``dask[distributed]``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from yusuan.errors import InputError
from yusuan.read import MAX_BYTES
from yusuan.store.ingest import Event, IngestSummary, discover, process_file, sha256_file
from yusuan.store.rows import Columnar, DocumentRows
from yusuan.store.schema import BASE, DOCUMENT_RELATIONS, SCHEMA_VERSION, create_views, table_ddl
from yusuan.store.write import Store, insert_columns

BATCH_COLUMNS = (
    ("batch_id", "VARCHAR"),
    ("n_files", "INTEGER"),
    ("stored", "INTEGER"),
    ("failed", "INTEGER"),
    ("written_at", "TIMESTAMP"),
)
_EXTRA = (("batch_id", "VARCHAR"),)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _write_partition(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    con.execute(f"COPY \"{table}\" TO '{_sql_path(tmp)}' (FORMAT parquet)")
    os.replace(tmp, target)


def process_batch(
    paths: list[str], parts: str, known: frozenset[str], max_bytes: int = MAX_BYTES
) -> dict[str, Any]:
    """Parse, check and write one batch of files as Parquet partitions (a Dask task)."""
    batch = uuid.uuid4().hex
    con = duckdb.connect()
    for name in BASE:
        con.execute(table_ddl(name, _EXTRA))
    con.execute(f"CREATE TABLE batches ({', '.join(f'{c} {t}' for c, t in BATCH_COLUMNS)})")
    seen: set[str] = set()
    events: list[tuple[str, str, str]] = []
    stored = failed = pages = errors = 0
    for path in paths:
        try:
            sha = sha256_file(Path(path))
        except OSError:
            sha = ""
        if sha and (sha in known or sha in seen):
            events.append(("skipped", path, sha))
            continue
        seen.add(sha)
        result = process_file(path, max_bytes)
        data: dict[str, Columnar]
        if isinstance(result, DocumentRows):
            data = result.data
            stored += 1
            pages += result.pages
            errors += result.errors
            events.append(("stored", path, result.sha256))
        else:
            data = {"failures": result.columns()}
            failed += 1
            events.append(("failed", path, f"{result.reason_zh} / {result.reason_en}"))
        for name, cols in data.items():
            n = max((len(v) for v in cols.values()), default=0)
            if n:
                insert_columns(con, name, {**cols, "batch_id": [batch] * n}, _EXTRA)
    root = Path(parts)
    for name in BASE:
        _write_partition(con, name, root / name / f"{batch}.parquet")
    con.execute(
        "INSERT INTO batches VALUES (?, ?, ?, ?, ?)",
        [batch, len(paths), stored, failed, datetime.now(UTC).replace(tzinfo=None)],
    )
    _write_partition(con, "batches", root / "batches" / f"{batch}.parquet")  # the commit
    con.close()
    return {"batch": batch, "events": events, "pages": pages, "errors": errors}


def committed_hashes(parts: Path) -> frozenset[str]:
    """The sha256 of every document in a committed batch under ``parts``."""
    if not any((parts / "batches").glob("*.parquet")):
        return frozenset()
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"SELECT DISTINCT sha256 FROM read_parquet('{_sql_path(parts)}/documents/*.parquet') "
            f"WHERE batch_id IN (SELECT batch_id FROM "
            f"read_parquet('{_sql_path(parts)}/batches/*.parquet'))"
        ).fetchall()
    finally:
        con.close()
    return frozenset(r[0] for r in rows)


def _base_views(parts: Path) -> dict[str, str]:
    """Views over committed partitions: the first copy of each document wins."""
    root = _sql_path(parts.resolve())

    def src(name: str) -> str:
        return f"read_parquet('{root}/{name}/*.parquet', union_by_name = true)"

    views = {
        "batches": f"SELECT * FROM {src('batches')}",
        "_winners": (
            "SELECT sha256, min(batch_id) AS batch_id FROM "
            f"{src('documents')} WHERE batch_id IN (SELECT batch_id FROM batches) GROUP BY sha256"
        ),
    }
    for name in DOCUMENT_RELATIONS:
        views[name] = (
            f"SELECT r.* EXCLUDE (batch_id) FROM {src(name)} r "
            "JOIN _winners w ON r.sha256 = w.sha256 AND r.batch_id = w.batch_id"
        )
    views["failures"] = (
        "SELECT * EXCLUDE (batch_id, _n) FROM (SELECT *, row_number() OVER "
        "(PARTITION BY path ORDER BY failed_at DESC) AS _n "
        f"FROM {src('failures')} WHERE batch_id IN (SELECT batch_id FROM batches)) "
        "WHERE _n = 1 AND (sha256 IS NULL OR sha256 NOT IN (SELECT sha256 FROM documents))"
    )
    return views


def open_parquet_store(db: str | Path, parts: str | Path) -> Store:
    """Create or refresh the DuckDB file whose relations read ``parts``."""
    p, root = Path(db), Path(parts)
    if not any((root / "batches").glob("*.parquet")):
        raise InputError(f"{root} 中还没有已完成的批次", f"{root} holds no committed batch yet")
    if p.exists():
        with Store.open(p) as store:
            if store.mode != "parquet":
                raise InputError(
                    f"{p} 是本机写入的数据库，不能改为读取 Parquet 分区；请用另一个 --db",
                    f"{p} is a local store; use another --db for Parquet partitions",
                )
    con = duckdb.connect(str(p))
    try:
        con.execute("BEGIN")
        con.execute(
            'CREATE TABLE IF NOT EXISTS yusuan_meta ("key" VARCHAR PRIMARY KEY, "value" VARCHAR)'
        )
        con.execute(
            "INSERT OR REPLACE INTO yusuan_meta VALUES ('schema_version', ?), ('mode', 'parquet'),"
            " ('parts', ?)",
            [SCHEMA_VERSION, str(root.resolve())],
        )
        for name, sql in _base_views(root).items():
            con.execute(f'CREATE OR REPLACE VIEW "{name}" AS {sql}')
        create_views(con)
        con.execute("COMMIT")
    finally:
        con.close()
    return Store.open(p)


def ingest_distributed(
    paths: Iterable[str | Path],
    parts: str | Path,
    scheduler: str,
    *,
    batch_size: int = 64,
    max_bytes: int = MAX_BYTES,
    event: Event | None = None,
    on_start: Any = None,
    timeout: float | None = None,
) -> IngestSummary:
    """Send the files to the Dask scheduler at ``scheduler`` in batches; see the module."""
    import time

    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - the scale extra is in the test extra
        raise InputError(
            "分布式入库需要安装 yusuan[scale]（dask distributed）",
            "distributed ingest needs the scale extra: pip install 'yusuan[scale]'",
        ) from exc
    start = time.perf_counter()
    root = Path(parts).resolve()
    root.mkdir(parents=True, exist_ok=True)
    files = [str(f) for f in discover(paths, exclude=[root])]
    if on_start is not None:
        on_start(len(files))
    known = committed_hashes(root)
    summary = IngestSummary(files=len(files))
    try:
        client = Client(scheduler, timeout=timeout or 30)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise InputError(
            f"无法连接调度器 {scheduler}（{exc}）",
            f"cannot reach the scheduler {scheduler} ({exc})",
        ) from exc
    try:
        [known_f] = client.scatter([known], broadcast=True)  # type: ignore[no-untyped-call]
        batches = [files[i : i + batch_size] for i in range(0, len(files), batch_size)]
        futures = [
            client.submit(process_batch, b, str(root), known_f, max_bytes, pure=False)
            for b in batches
        ]
        for fut in as_completed(futures, timeout=timeout):  # type: ignore[no-untyped-call]
            result = fut.result()
            summary.pages += result["pages"]
            summary.errors += result["errors"]
            for kind, path, detail in result["events"]:
                setattr(summary, kind, getattr(summary, kind) + 1)
                if event is not None:
                    event(kind, path, detail, summary)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        summary.seconds = time.perf_counter() - start
    return summary
