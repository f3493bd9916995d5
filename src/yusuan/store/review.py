"""Review state: what a reviewer decided about each finding, with its history.

A **review round** (a finance bureau, a 人大 budget committee) goes through every finding
of every stored package and marks it 待核实 / 已确认 / 误报 / 已整改 with a note. The store
keeps every decision as an event (``review_events``, append-only: the history); the
current state of a finding is its latest event (the ``review_status`` view).

Identity: a finding is keyed by its document (the file's sha256), its rule and its
location (table, row code and item, column, line, page) — the fields the ``findings``
relation stores, so the key can be computed from a :class:`~yusuan.rules.base.Finding`
and from a stored row alike, and it survives a re-ingest (``--replace``) of the same
file. Its **recurrence key** leaves out the document and the position (line, page):
the same defect in the same department's next document has the same recurrence key,
and the earlier decision is offered there as a hint.

The tables are added to an existing store by :func:`migrate` (``CREATE TABLE IF NOT
EXISTS``), which every writable open runs: a store written by an earlier version keeps
working, and a read-only open of such a store reads no review state (none was written).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from yusuan.errors import InputError
from yusuan.rules.base import Finding
from yusuan.store.schema import Columns

#: The statuses of a finding, in the order a round moves through them.
STATUSES: tuple[str, ...] = ("待核实", "已确认", "误报", "已整改")
#: A finding nobody has looked at yet.
DEFAULT_STATUS = STATUSES[0]
#: Length of the notes and names kept (longer text is cut).
MAX_NOTE = 2000
MAX_WHO = 40

#: ``review_events``: one row per decision (status, note, who, when); never updated.
EVENTS: Columns = (
    ("key", "VARCHAR"),
    ("sha256", "VARCHAR"),
    ("recur", "VARCHAR"),
    ("code", "VARCHAR"),
    ("status", "VARCHAR"),
    ("note", "VARCHAR"),
    ("who", "VARCHAR"),
    ("decided_at", "TIMESTAMP"),
)

#: The current state of each reviewed finding: its latest event.
STATUS_VIEW = (
    "SELECT key, arg_max(sha256, decided_at) AS sha256, arg_max(recur, decided_at) AS recur, "
    "arg_max(code, decided_at) AS code, arg_max(status, decided_at) AS status, "
    "arg_max(note, decided_at) AS note, arg_max(who, decided_at) AS who, "
    "max(decided_at) AS decided_at, count(*) AS events "
    "FROM review_events GROUP BY key"
)


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Add the review relations to a store that lacks them (idempotent)."""
    cols = ", ".join(f'"{c}" {t}' for c, t in EVENTS)
    con.execute(f"CREATE TABLE IF NOT EXISTS review_events ({cols})")
    con.execute(f"CREATE VIEW IF NOT EXISTS review_status AS {STATUS_VIEW}")


def has_reviews(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'review_events'"
    ).fetchone()
    return bool(row and row[0])


def _digest(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


Position = tuple[str, str | None, str | None, str | None, str | None, int | None, int | None]


def key_of(sha256: str, position: Position, occurrence: int = 0) -> str:
    """The stable key of a finding from the fields the ``findings`` relation stores
    (code, table, row code, row item, column, line, page); ``occurrence`` tells apart the
    findings of one document that share all of them (0 for the first, in report order)."""
    return _digest(sha256, *position, occurrence or None)


def keys_of(sha256: str, positions: list[Position]) -> list[str]:
    """The keys of a document's findings, in report order."""
    seen: dict[Position, int] = {}
    out = []
    for p in positions:
        n = seen.get(p, 0)
        seen[p] = n + 1
        out.append(key_of(sha256, p, n))
    return out


def position(f: Finding) -> Position:
    loc = f.location
    return (f.code, loc.table, loc.row_code, loc.row_item, loc.column, loc.line, loc.page)


def recur_of(
    code: str,
    table: str | None,
    row_code: str | None,
    row_item: str | None,
    column: str | None,
) -> str:
    """The key of "the same defect" in another document (no document, no position)."""
    return _digest(code, table, row_code, row_item, column)


def finding_keys(sha256: str, findings: list[Finding]) -> list[str]:
    """The keys of a report's findings, in order."""
    return keys_of(sha256, [position(f) for f in findings])


def finding_recur(f: Finding) -> str:
    loc = f.location
    return recur_of(f.code, loc.table, loc.row_code, loc.row_item, loc.column)


@dataclass(frozen=True)
class Review:
    """One decision about a finding (or the current one)."""

    key: str
    sha256: str
    code: str
    status: str
    note: str
    who: str
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "sha256": self.sha256,
            "code": self.code,
            "status": self.status,
            "note": self.note,
            "who": self.who,
            "at": self.at.isoformat(timespec="seconds") + "Z",
        }


def _review(row: tuple[Any, ...]) -> Review:
    return Review(row[0], row[1], row[2], row[3], row[4] or "", row[5] or "", row[6])


def check_status(status: str) -> str:
    s = status.strip()
    if s not in STATUSES:
        raise InputError(
            f"状态“{s}”无效，应为 {'、'.join(STATUSES)} 之一",
            f"invalid status {s!r}; one of {', '.join(STATUSES)}",
        )
    return s


def record(
    con: duckdb.DuckDBPyConnection,
    *,
    key: str,
    sha256: str,
    recur: str,
    code: str,
    status: str,
    note: str = "",
    who: str = "",
    at: datetime | None = None,
) -> Review:
    """Append one decision (one short transaction). The status must be one of :data:`STATUSES`."""
    s = check_status(status)
    when = (at or datetime.now(UTC)).replace(tzinfo=None)
    row = (key, sha256, recur, code, s, note.strip()[:MAX_NOTE], who.strip()[:MAX_WHO], when)
    con.execute("BEGIN")
    try:
        con.execute("INSERT INTO review_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", list(row))
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    return Review(key, sha256, code, s, row[5], row[6], when)


_COLS = "key, sha256, code, status, note, who, decided_at"


def current(con: duckdb.DuckDBPyConnection, sha256: str | None = None) -> dict[str, Review]:
    """The current state of the reviewed findings (of one document, or all), by key."""
    if not has_reviews(con):
        return {}
    sql = f"SELECT {_COLS} FROM ({STATUS_VIEW})"
    args: list[Any] = []
    if sha256 is not None:
        sql += " WHERE sha256 = ?"
        args.append(sha256)
    return {r[0]: _review(r) for r in con.execute(sql, args).fetchall()}


def history(con: duckdb.DuckDBPyConnection, key: str) -> list[Review]:
    """Every decision about one finding, oldest first."""
    if not has_reviews(con):
        return []
    rows = con.execute(
        f"SELECT {_COLS} FROM review_events WHERE key = ? ORDER BY decided_at", [key]
    ).fetchall()
    return [_review(r) for r in rows]


def hints(
    con: duckdb.DuckDBPyConnection,
    *,
    sha256: str,
    department_code: str | None,
    department_name: str | None,
    kind: str | None,
    year: int | None,
) -> dict[str, tuple[int | None, Review]]:
    """Decisions on the same defects in the same department's earlier documents of the same
    kind, by recurrence key: the latest (year, decision) for each."""
    if not has_reviews(con) or not (department_code or department_name) or year is None:
        return {}
    rows = con.execute(
        f"SELECT s.recur, d.year, {', '.join('s.' + c for c in _COLS.split(', '))} "
        f"FROM ({STATUS_VIEW}) s JOIN documents d ON d.sha256 = s.sha256 "
        "WHERE d.sha256 <> ? AND d.year < ? AND coalesce(d.kind, '') = coalesce(?, '') "
        "AND ((? IS NOT NULL AND d.department_code = ?) OR (? IS NOT NULL AND d.department_name = ?)) "
        "ORDER BY d.year, s.decided_at",
        [sha256, year, kind, department_code, department_code, department_name, department_name],
    ).fetchall()
    out: dict[str, tuple[int | None, Review]] = {}
    for r in rows:
        out[r[0]] = (r[1], _review(r[2:]))
    return out
