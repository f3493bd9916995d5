"""The original files of stored documents, content-addressed (``originals``).

A stored document's page images (the web's PDF page with the finding's box drawn) need the
file itself; keeping it in the store lets the store alone show it, wherever the file was
read from. One row per file: the sha256 of its bytes (the document's key for a one-file
document; each part's own hash for a package), the document it belongs to, its name as
read, and the bytes. The same bytes are kept once.
"""

from __future__ import annotations

import duckdb

COLUMNS = (
    ("sha256", "VARCHAR PRIMARY KEY"),
    ("document", "VARCHAR"),
    ("part", "INTEGER"),
    ("name", "VARCHAR"),
    ("size", "BIGINT"),
    ("data", "BLOB"),
)

#: Files larger than this are not kept (their documents are stored without page images).
MAX_BYTES = 64 * 1024 * 1024


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Add ``originals`` to a store that lacks it (idempotent)."""
    cols = ", ".join(f'"{c}" {t}' for c, t in COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS originals ({cols})")


def _exists(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'originals'"
    ).fetchone()
    return bool(row and row[0])


def keep(
    con: duckdb.DuckDBPyConnection,
    document: str,
    name: str,
    data: bytes,
    part: int = 0,
    sha256: str | None = None,
) -> None:
    """Keep ``data`` (one file of ``document``) unless the same bytes are kept already."""
    import hashlib

    if not _exists(con):
        return
    sha = sha256 or hashlib.sha256(data).hexdigest()
    kept = data if len(data) <= MAX_BYTES else None  # too large: recorded, not kept
    con.execute(
        "INSERT INTO originals VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [sha, document, part, name, len(data), kept],
    )


def part_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The hashes of files stored as parts of a package (not a document of their own)."""
    if not _exists(con):
        return set()
    rows = con.execute("SELECT sha256 FROM originals WHERE sha256 <> document").fetchall()
    return {r[0] for r in rows}


def fetch(con: duckdb.DuckDBPyConnection, document: str, part: int = 0) -> bytes | None:
    """The kept file of ``document`` (its ``part``-th file for a package), or None."""
    if not _exists(con):
        return None
    row = con.execute(
        "SELECT data FROM originals WHERE document = ? AND data IS NOT NULL "
        "ORDER BY part = ? DESC, part LIMIT 1",
        [document, part],
    ).fetchone()
    return bytes(row[0]) if row else None


def fetch_parts(con: duckdb.DuckDBPyConnection, document: str) -> list[tuple[str, bytes]]:
    """Every kept file of ``document`` as (name, bytes), in part order."""
    if not _exists(con):
        return []
    rows = con.execute(
        "SELECT name, data FROM originals WHERE document = ? AND data IS NOT NULL ORDER BY part",
        [document],
    ).fetchall()
    return [(str(n), bytes(d)) for n, d in rows]
