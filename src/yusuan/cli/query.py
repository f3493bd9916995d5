"""``yusuan query``, ``export`` and ``compare``: read the store (SQL, every table, rankings)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail
from yusuan.cli.store_io import Db, Fmt, OutFormat, Output, open_store, write_rows
from yusuan.errors import InputError


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    xlsx = "xlsx"


def query_cmd(
    sql: Annotated[str, typer.Argument(help="SQL 语句（只读）/ an SQL statement (read-only).")],
    db: Db = Path("yusuan.duckdb"),
    fmt: Fmt = OutFormat.table,
    output: Output = None,
) -> None:
    """对数据库执行 SQL 查询 / Run SQL on the store (docs/store.md lists the tables and views)."""
    from yusuan.store.query import run_query

    with open_store(db) as store:
        try:
            columns, rows = run_query(store, sql)
        except InputError as exc:
            fail(exc.line())
    write_rows(columns, rows, fmt, output)


def export_cmd(
    folder: Annotated[Path, typer.Argument(help="输出目录 / output folder.")],
    db: Db = Path("yusuan.duckdb"),
    to: Annotated[
        ExportFormat,
        typer.Option("--to", help="parquet、csv（每表一个文件）或 xlsx（一个工作簿）。"),
    ] = ExportFormat.parquet,
) -> None:
    """导出全部表和视图 / Export every table and view."""
    from yusuan.store.query import export

    with open_store(db) as store:
        try:
            written = export(store, to.value, folder)
        except InputError as exc:
            fail(exc.line())
    typer.echo(f"已写入 {len(written)} 个文件到 {folder} / wrote {len(written)} files to {folder}")


def compare_cmd(
    year: Annotated[int, typer.Option("--year", help="年度 / fiscal year.")],
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric", "-m", help="三公、机关运行经费、人员经费占比…（可多个，按第一个排名）。"
        ),
    ] = None,
    db: Db = Path("yusuan.duckdb"),
    kind: Annotated[str | None, typer.Option("--kind", help="预算 或 决算。")] = None,
    level: Annotated[str | None, typer.Option("--level", help="部门 或 单位。")] = None,
    fmt: Fmt = OutFormat.table,
    output: Output = None,
) -> None:
    """各部门指标并列排名 / Rank departments side by side on a metric."""
    from yusuan.store.compare import compare

    with open_store(db) as store:
        try:
            ranking = compare(store, year, metric or ["三公"], kind=kind, level=level)
        except InputError as exc:
            fail(exc.line())
    write_rows(list(ranking.columns), list(ranking.rows), fmt, output)
