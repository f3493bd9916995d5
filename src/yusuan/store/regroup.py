"""Regrouping stored documents by hand: two documents joined into one package, or a
package split back into its files (``yusuan review join|split``, the web's 文件包 page).

Package joining at ingest (:mod:`yusuan.store.packages`) pairs a 情况说明 file and a 公开表
file by their department, year and amounts; when it gets a pair wrong, a reviewer fixes it
here. Both verbs read the files again **from the store** (``originals``: the store keeps
every stored file, so the files need not be at hand any more), check the result and store
it in one transaction that removes what it replaces. Nothing stored is lost:

- the files stay in ``originals`` (only the document they belong to changes);
- review decisions (``review_events``) are never deleted: a split gives each file its own
  document again under its own hash, so the decisions made on it before the join are its
  decisions again;
- every regrouping is logged (``regroups``: when, who, which documents), and each one is
  undone by the other verb (a join by splitting the package, a split by joining the files).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.regex import lazy
from yusuan.store.write import Store

LOG_COLUMNS = (
    ("at", "TIMESTAMP"),
    ("action", "VARCHAR"),  # join | split
    ("document", "VARCHAR"),  # the package (join: made; split: taken apart)
    ("parts", "VARCHAR"),  # JSON [[sha256, path], …] of the separate documents
    ("who", "VARCHAR"),
)


@dataclass(frozen=True)
class Regrouped:
    """One regrouping: the package and its separate documents (sha256, path)."""

    action: str
    document: str
    parts: tuple[tuple[str, str], ...]
    who: str = ""
    at: datetime | None = None

    def line(self) -> str:
        names = " + ".join(Path(p).name for _, p in self.parts)
        if self.action == "join":
            return f"已合并为一个文件包 {self.document[:12]}：{names} / joined into one package"
        return f"已拆开文件包 {self.document[:12]}：{names} / split into its files"


def _has_log(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'regroups'"
    ).fetchone()
    return bool(row and row[0])


def log(con: duckdb.DuckDBPyConnection) -> list[Regrouped]:
    """Every regrouping, latest first."""
    if not _has_log(con):
        return []
    rows = con.execute(
        'SELECT "at", "action", "document", "parts", "who" FROM regroups ORDER BY "at" DESC'
    ).fetchall()
    return [
        Regrouped(
            str(r[1]), str(r[2]), tuple((s, p) for s, p in json.loads(r[3])), r[4] or "", r[0]
        )
        for r in rows
    ]


def _document(con: duckdb.DuckDBPyConnection, sha: str) -> tuple[str, Disclosure]:
    row = con.execute("SELECT path, model FROM documents WHERE sha256 = ?", [sha]).fetchone()
    if row is None:
        raise InputError(f"库中没有文档 {sha[:12]}", f"no stored document {sha[:12]}")
    return str(row[0] or sha), Disclosure.model_validate_json(row[1])


def _files(con: duckdb.DuckDBPyConnection, sha: str) -> list[tuple[str, str, bytes]]:
    """(file sha256, name, bytes) of a document's kept files, in part order."""
    rows = con.execute(
        "SELECT sha256, name, data FROM originals WHERE document = ? ORDER BY part", [sha]
    ).fetchall()
    if not rows or any(r[2] is None for r in rows):
        raise InputError(
            f"文档 {sha[:12]} 的原文件未保存在库中，无法重新组合",
            f"the file of document {sha[:12]} is not kept in the store: it cannot be regrouped",
        )
    return [(str(s), str(n), bytes(d)) for s, n, d in rows]


_UNSAFE_NAME_CHAR = lazy(r"[\x00-\x1f/\\]")


def _safe_name(name: str, taken: set[str]) -> str:
    """A file name for a temporary copy: the kept name (the parts' sources name it), made
    safe, unique."""
    base = _UNSAFE_NAME_CHAR.sub("_", Path(name.replace("\\", "/")).name)[:200] or "part"
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{n}-{base}"
    taken.add(out)
    return out


def _narrative_first(d: Disclosure) -> int:
    """Sort key: a 情况说明-only file before a file with tables (as ingest reads them)."""
    return 0 if not any(t.rows for t in d.tables) else 1


def _commit(
    store: Store,
    new: list[tuple[Disclosure, list[tuple[str, int]]]],
    gone: list[str],
    event: Regrouped,
) -> None:
    """Store ``new`` documents (each with its files: (file sha256, part)), delete ``gone``,
    log ``event``: one transaction."""
    from yusuan.check import check
    from yusuan.store.rows import document_rows

    rows = [(document_rows(d, check(d)), files) for d, files in new]
    con = store.con
    with store.faults():
        con.execute("BEGIN")
        try:
            cols = ", ".join(f'"{c}" {t}' for c, t in LOG_COLUMNS)
            con.execute(f"CREATE TABLE IF NOT EXISTS regroups ({cols})")
            for old in gone:
                store.delete(old)
            for r, files in rows:
                store.delete(r.sha256)  # the same document stored before: replaced
                store.insert(r)
                for file_sha, part in files:
                    con.execute(
                        "UPDATE originals SET document = ?, part = ? WHERE sha256 = ?",
                        [r.sha256, part, file_sha],
                    )
            con.execute(
                "INSERT INTO regroups VALUES (?, ?, ?, ?, ?)",
                [datetime.now(UTC).replace(tzinfo=None), event.action, event.document,
                 json.dumps([list(p) for p in event.parts], ensure_ascii=False), event.who],
            )  # fmt: skip
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def join(store: Store, first: str, second: str, who: str = "") -> Regrouped:
    """Join two stored documents (selectors as ``Store.resolve`` takes) into one package."""
    from yusuan.api import load_package

    shas = [store.resolve(first), store.resolve(second)]
    if shas[0] == shas[1]:
        raise InputError("不能把一份文档和它自己合并", "a document cannot be joined with itself")
    with store.faults():
        docs = sorted(
            ((sha, *_document(store.con, sha)) for sha in shas),
            key=lambda x: _narrative_first(x[2]),
        )
        files = [(sha, f) for sha, _, _ in docs for f in _files(store.con, sha)]
    for sha, _, _ in docs:  # a package joined again could not be split back as it was
        if sum(1 for owner, _ in files if owner == sha) > 1:
            raise InputError(
                f"文档 {sha[:12]} 已是文件包，请先拆开（yusuan review split）再合并",
                f"document {sha[:12]} is a package already: split it first (yusuan review split)",
            )
    paths = " + ".join(path for _, path, _ in docs)
    with tempfile.TemporaryDirectory(prefix="yusuan-regroup-") as tmp:
        taken: set[str] = set()
        written = []
        for _, (_, name, data) in files:
            target = Path(tmp) / _safe_name(name, taken)
            target.write_bytes(data)
            written.append(target)
        d = load_package(written)
    source = d.source
    assert source is not None
    d = d.model_copy(update={"source": source.model_copy(update={"path": paths})})
    event = Regrouped("join", source.sha256, tuple((sha, path) for sha, path, _ in docs), who)
    parts = [(file_sha, i) for i, (_, (file_sha, _, _)) in enumerate(files)]
    _commit(store, [(d, parts)], [sha for sha, _, _ in docs], event)
    return event


def split(store: Store, selector: str, who: str = "") -> Regrouped:
    """Split a stored package back into one document per file."""
    from yusuan.api import load

    sha = store.resolve(selector)
    with store.faults():
        path, _ = _document(store.con, sha)
        files = _files(store.con, sha)
    if len(files) < 2:
        raise InputError(
            f"文档 {sha[:12]} 只有一个文件，不是文件包，无需拆开",
            f"document {sha[:12]} is one file, not a package: nothing to split",
        )
    printed = path.split(" + ")
    paths = printed if len(printed) == len(files) else [name for _, name, _ in files]
    new = []
    with tempfile.TemporaryDirectory(prefix="yusuan-regroup-") as tmp:
        taken: set[str] = set()
        for (file_sha, name, data), where in zip(files, paths, strict=True):
            target = Path(tmp) / _safe_name(name, taken)
            target.write_bytes(data)
            d = load(target)
            assert d.source is not None
            d = d.model_copy(update={"source": d.source.model_copy(update={"path": where})})
            new.append((d, [(file_sha, 0)]))
    made = tuple(
        (d.source.sha256 if d.source else "", where)
        for (d, _), where in zip(new, paths, strict=True)
    )
    event = Regrouped("split", sha, made, who)
    _commit(store, new, [sha], event)
    return event
