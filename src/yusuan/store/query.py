"""Run SQL against a store and write results; export every relation to files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from yusuan.amounts import plain
from yusuan.cells import inert_row, inert_sql, inert_text
from yusuan.errors import InputError
from yusuan.store.faults import StoreFault
from yusuan.store.schema import BASE, VIEWS
from yusuan.store.write import Store

#: What ``yusuan export`` writes: the base relations, then the views.
RELATIONS = (*BASE, *VIEWS)
_XLSX_MAX_ROWS = 1_048_575
_XLSX_MAX_CELL = 32_767


def run_query(store: Store, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of ``sql``; a bad statement is an :class:`InputError`."""
    try:
        with store.faults():
            cur = store.con.execute(sql)
            rows = cur.fetchall()
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"SQL 执行失败：{first}", f"the SQL failed: {first}") from exc
    names = [d[0] for d in cur.description or []]
    return names, rows


def cell_text(value: Any) -> str:
    """A value as text: Decimals plain (no exponent, no trailing zeros), NULL empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal | datetime | date):
        return cell_text(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(
        [inert_text(v) if isinstance(v, str) else cell_text(v) for v in row] for row in rows
    )
    return buf.getvalue()


def to_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A JSON array of objects; amounts as exact strings, never floats."""
    data = [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export(store: Store, to: str, folder: Path) -> list[Path]:
    """Write every relation to ``folder`` as ``parquet``, ``csv`` (one file each) or
    ``xlsx`` (one workbook, one sheet each). Returns the files written."""
    if to not in ("parquet", "csv", "xlsx"):
        raise InputError(f"不支持的导出格式 {to}", f"unsupported export format {to}")
    try:
        with store.faults():
            return _export(store, to, folder)
    except StoreFault as exc:
        if exc.kind == "corrupted" or exc.kind == "locked":
            raise
        # the store is read, not written: a full disk or a read-only folder is the output's
        raise InputError(
            f"无法写入导出目录 {folder}（{exc.detail}）",
            f"cannot write to the export folder {folder} ({exc.detail})",
        ) from exc


def _export(store: Store, to: str, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    if to == "xlsx":
        return [_export_xlsx(store, folder / "yusuan.xlsx")]
    out = []
    for name in RELATIONS:
        path = folder / f"{name}.{to}"
        options = "FORMAT parquet" if to == "parquet" else "FORMAT csv, HEADER true"
        target = str(path).replace("'", "''")
        select = "*" if to == "parquet" else _inert_columns(store, name)
        store.con.execute(f"COPY (SELECT {select} FROM \"{name}\") TO '{target}' ({options})")
        out.append(path)
    return out


def _inert_columns(store: Store, name: str) -> str:
    """The select list of ``name`` with every text column through :func:`inert_sql`."""
    described = store.con.execute(f'SELECT * FROM "{name}" LIMIT 0').description or []
    return ", ".join(
        f"{inert_sql(q)} AS {q}" if str(d[1]) == "VARCHAR" else q
        for d in described
        for q in [f'"{d[0]}"']
    )


def _export_xlsx(store: Store, path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name in RELATIONS:
        count = store.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        if count and count[0] > _XLSX_MAX_ROWS:
            raise InputError(
                f"{name} 有 {count[0]} 行，超过 Excel 的行数上限，请导出为 parquet 或 csv",
                f"{name} has {count[0]} rows, more than Excel allows; export to parquet or csv",
            )
        described = store.con.execute(f'SELECT * FROM "{name}" LIMIT 0').description or []
        columns = [d[0] for d in described if d[0] != "model"]
        cols = ", ".join(f'"{c}"' for c in columns)
        sheet = book.create_sheet(name[:31])
        sheet.append(columns)
        cur = store.con.execute(f'SELECT {cols} FROM "{name}"')
        while batch := cur.fetchmany(10_000):
            for row in batch:
                sheet.append(inert_row(sheet, [_xlsx_value(v) for v in row]))
    book.save(str(path))
    return path


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _XLSX_MAX_CELL:
        return value[: _XLSX_MAX_CELL - 1] + "…"
    if isinstance(value, list | tuple):
        return cell_text(value)
    return value
