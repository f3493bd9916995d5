"""The DuckDB store: open or create it, write one document per transaction, read back.

Only one process writes (the ingest parent); workers hand it
:class:`~yusuan.store.rows.DocumentRows`. Every document is written in one
transaction, together with the removal of an earlier failure record for it,
so a crash or a kill leaves either the whole document or nothing.
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from yusuan import regex
from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.regex import lazy
from yusuan.store import originals, review
from yusuan.store.faults import StoreFault, check_size, faults, guarded
from yusuan.store.rows import Columnar, DocumentRows, FailureRow
from yusuan.store.schema import (
    BASE,
    DOCUMENT_RELATIONS,
    SCHEMA_VERSION,
    Columns,
    create_views,
    table_ddl,
)

_HEX = regex.compile(r"^[0-9a-f]{6,64}$")


def insert_columns(
    con: duckdb.DuckDBPyConnection, table: str, cols: Columnar, extra: Columns = ()
) -> None:
    """Insert column-wise data in one statement (one ``unnest`` per column);
    ``extra`` types the columns a table has beyond :data:`BASE`."""
    lengths = {len(v) for v in cols.values()}
    if len(lengths) > 1:
        raise ValueError(f"{table}: columns of different lengths {sorted(lengths)}")
    if not lengths or not lengths.pop():
        return
    types = dict((*BASE[table], *extra))
    names = ", ".join(f'"{c}"' for c in cols)
    select = ", ".join(f"unnest(${i}::{types[c]}[])" for i, c in enumerate(cols, 1))
    con.execute(f'INSERT INTO "{table}" ({names}) SELECT {select}', list(cols.values()))


def _close_quietly(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.close()
    except duckdb.Error:  # the error that made us close is the one to report
        pass


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failed statement; a failed commit (a full disk) has already ended
    the transaction, and the first error is the one to report."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


_COLON = lazy(r"[:：]")


class Store:
    """A yusuan DuckDB store (``local`` tables, or ``parquet`` views over partitions)."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, path: Path, mode: str, read_only: bool = False
    ) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.mode = mode
        self.read_only = read_only
        #: Seconds a reconnection after :meth:`release` waits for another process's lock.
        self.wait = 30.0
        self.opened_at = time.monotonic()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection; opened again (waiting for the lock) after :meth:`release`."""
        if self._con is None:
            again = Store.open(self.path, read_only=self.read_only, create=False, wait=self.wait)
            self._con = again._con
            self.opened_at = time.monotonic()
        assert self._con is not None
        return self._con

    def release_after(self, seconds: float) -> None:
        """:meth:`release` when the connection has been held ``seconds`` or more (opening
        costs tens of milliseconds: a batch of small files releases it once a second)."""
        if self._con is not None and time.monotonic() - self.opened_at >= seconds:
            self.release()

    def release(self) -> None:
        """Close the connection until the next use, so other processes can open the store
        (``ingest`` releases it between documents; ``serve`` holds none between requests)."""
        if self._con is not None:
            con, self._con = self._con, None
            with faults(self.path):
                con.close()

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | Path, *, read_only: bool = False, create: bool = True, wait: float = 0.0
    ) -> Store:
        """Open the store at ``path``; create a local one when it does not exist yet.

        ``wait``: seconds to keep trying while another process holds the store (a
        running ``ingest`` between two documents, ``serve`` answering a request)."""
        deadline = time.monotonic() + wait
        pause = 0.02
        while True:
            try:
                return cls._open(path, read_only=read_only, create=create)
            except StoreFault as fault:
                if fault.kind != "locked" or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)

    @classmethod
    def _open(cls, path: str | Path, *, read_only: bool, create: bool) -> Store:
        p = Path(path)
        if not p.exists() and (read_only or not create):
            raise StoreFault("missing", p)
        if p.is_dir():
            raise InputError(f"{p} 是文件夹，不是数据库文件", f"{p} is a directory, not a database")
        with faults(p):
            existed = p.exists() and p.stat().st_size > 0
            con = duckdb.connect(str(p), read_only=read_only)
            try:
                if existed:
                    check_size(con, p)
                mode = cls._prepare(con, p, read_only)
            except BaseException:
                _close_quietly(con)
                raise
        return cls(con, p, mode, read_only)

    @staticmethod
    def _prepare(con: duckdb.DuckDBPyConnection, p: Path, read_only: bool) -> str:
        names = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "yusuan_meta" not in names:
            if names:
                raise InputError(
                    f"{p} 是 DuckDB 数据库，但不是 yusuan 的数据库",
                    f"{p} is a DuckDB database but not a yusuan store",
                )
            if read_only:
                raise InputError(f"数据库 {p} 是空的", f"the database {p} is empty")
            con.execute("BEGIN")
            con.execute('CREATE TABLE yusuan_meta ("key" VARCHAR PRIMARY KEY, "value" VARCHAR)')
            con.execute(
                "INSERT INTO yusuan_meta VALUES ('schema_version', ?), ('mode', 'local')",
                [SCHEMA_VERSION],
            )
            for name in BASE:
                con.execute(table_ddl(name))
            create_views(con)
            con.execute("COMMIT")
        if not read_only:
            # additive: a store of an earlier version gains the review tables and originals
            review.migrate(con)
            originals.migrate(con)
        meta = dict(con.execute("SELECT key, value FROM yusuan_meta").fetchall())
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise InputError(
                f"数据库 {p} 的结构版本是 {meta.get('schema_version')}，本版 yusuan 需要 {SCHEMA_VERSION}",
                f"the store {p} has schema version {meta.get('schema_version')}; "
                f"this yusuan needs {SCHEMA_VERSION}",
            )
        return str(meta.get("mode", "local"))

    def close(self) -> None:
        """Close the connection; a store fault on the final write is a :class:`StoreFault`."""
        self.release()

    def faults(self) -> AbstractContextManager[None]:
        """A block whose store faults (disk full, damaged file…) become :class:`StoreFault`."""
        return faults(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------
    def _require_local(self) -> None:
        if self.mode != "local":
            raise InputError(
                f"数据库 {self.path} 读取的是分布式写出的 Parquet 分区，不能在本机写入",
                f"the store {self.path} reads Parquet partitions written by a cluster; "
                "it cannot be written locally",
            )

    def add(self, rows: DocumentRows, *, replace: bool = False) -> bool:
        """Store one document in one transaction. Returns False when it was already
        stored (and ``replace`` is not set)."""
        self._require_local()
        with self.faults():
            return self._add(rows, replace)

    def _add(self, rows: DocumentRows, replace: bool) -> bool:
        con = self.con
        con.execute("BEGIN")
        try:
            exists = con.execute(
                "SELECT count(*) FROM documents WHERE sha256 = ?", [rows.sha256]
            ).fetchone()
            if exists and exists[0] and not replace:
                con.execute("ROLLBACK")
                return False
            if replace:
                self.delete(rows.sha256)
            self.insert(rows)
            con.execute("COMMIT")
        except BaseException:
            _rollback(con)
            raise
        return True

    def insert(self, rows: DocumentRows) -> None:
        """Insert one document's rows (inside the caller's transaction), clearing its
        failure record."""
        con = self.con
        con.execute("DELETE FROM failures WHERE sha256 = ? OR path = ?", [rows.sha256, rows.path])
        for name in DOCUMENT_RELATIONS:
            insert_columns(con, name, rows.data.get(name, {}))

    def delete(self, sha256: str) -> None:
        """Delete one document's rows (inside the caller's transaction)."""
        for name in DOCUMENT_RELATIONS:
            self.con.execute(f'DELETE FROM "{name}" WHERE sha256 = ?', [sha256])

    def add_failure(self, row: FailureRow) -> None:
        """Record (or replace) the failure of one path."""
        self._require_local()
        con = self.con
        with self.faults():
            con.execute("BEGIN")
            try:
                con.execute("DELETE FROM failures WHERE path = ?", [row.path])
                insert_columns(con, "failures", row.columns())
                con.execute("COMMIT")
            except BaseException:
                _rollback(con)
                raise

    # -- reading ---------------------------------------------------------------
    @guarded
    def stored_hashes(self) -> set[str]:
        """The hashes of the stored files: documents, and the parts of stored packages."""
        out = {r[0] for r in self.con.execute("SELECT sha256 FROM documents").fetchall()}
        return out | originals.part_hashes(self.con)

    @guarded
    def counts(self) -> dict[str, int]:
        """Rows per base relation."""
        out: dict[str, int] = {}
        for name in BASE:
            row = self.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            out[name] = int(row[0]) if row else 0
        return out

    @guarded
    def load(self, sha256: str) -> Disclosure:
        """The stored model of a document, exactly as it was parsed."""
        row = self.con.execute("SELECT model FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise InputError(f"库中没有文档 {sha256}", f"no stored document {sha256}")
        return Disclosure.model_validate_json(row[0])

    @guarded
    def resolve(self, selector: str) -> str:
        """The sha256 of the one stored document ``selector`` names.

        ``selector`` is a sha256 prefix (6+ hex digits), or ``NAME[:YEAR[:KIND]]``
        where NAME is a department code or part of a department name
        (``万里街道:2024``, ``101:2023:预算``).
        """
        s = selector.strip()
        if _HEX.match(s):
            rows = self.con.execute(
                "SELECT sha256 FROM documents WHERE starts_with(sha256, ?)", [s]
            ).fetchall()
        else:
            parts = _COLON.split(s)
            sql = "SELECT sha256 FROM documents WHERE (department_code = ? OR contains(department_name, ?))"
            args: list[Any] = [parts[0], parts[0]]
            if len(parts) > 1 and parts[1]:
                if not parts[1].isdigit():
                    raise InputError(
                        f"选择器 {selector} 的年份不是数字",
                        f"the year in {selector} is not a number",
                    )
                sql += " AND year = ?"
                args.append(int(parts[1]))
            if len(parts) > 2 and parts[2]:
                sql += " AND (kind = ? OR level = ?)"
                args += [parts[2], parts[2]]
            rows = self.con.execute(sql + " ORDER BY sha256", args).fetchall()
        if not rows:
            raise InputError(
                f"库中没有与 {selector} 匹配的文档", f"no stored document matches {selector}"
            )
        if len(rows) > 1:
            raise InputError(
                f"{selector} 匹配到 {len(rows)} 份文档，请写得更具体（如加上年份或 sha256 前缀）",
                f"{selector} matches {len(rows)} documents; be more specific (a year, a sha256 prefix)",
            )
        return str(rows[0][0])
