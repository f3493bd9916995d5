"""A review round's store made in a test: files of ``tests/data`` copied into a folder and
ingested into a real DuckDB file, as ``yusuan ingest`` does."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from support import DATA
from yusuan.store import Store, ingest
from yusuan.store.ingest import IngestSummary


def ingested(folder: Path, files: Sequence[str]) -> tuple[Path, IngestSummary]:
    """``files`` (names in ``tests/data``) copied into the new ``folder`` and ingested into
    ``round.duckdb`` beside it: the database's path and what the ingest says it did."""
    folder.mkdir()
    for name in files:
        shutil.copy(DATA / name, folder / name)
    db = folder.parent / "round.duckdb"
    with Store.open(db) as s:
        summary = ingest([folder], s, jobs=0)
    return db, summary
