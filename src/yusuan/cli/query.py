"""``yusuan query``, ``export`` and ``compare``: read the store (SQL, every table, rankings)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail
from yusuan.cli.output import Overwrite, check_folder, check_target, move_into, os_error_line
from yusuan.cli.store_io import Db, Fmt, OutFormat, Output, open_store, write_rows
from yusuan.errors import InputError
from yusuan.printable import printable


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    xlsx = "xlsx"


def query_cmd(
    sql: Annotated[str, typer.Argument(help="SQL 语句（只读）/ an SQL statement (read-only).")],
    db: Db = Path("yusuan.duckdb"),
    fmt: Fmt = OutFormat.table,
    output: Output = None,
    overwrite: Overwrite = False,
) -> None:
    """对数据库执行 SQL 查询 / Run SQL on the store (docs/store.md lists the tables and views)."""
    from yusuan.store.query import run_query

    check_target(output, overwrite)
    with open_store(db) as store:
        try:
            columns, rows = run_query(store, sql)
        except InputError as exc:
            fail(exc.line())
    write_rows(columns, rows, fmt, output, overwrite)


def export_cmd(
    folder: Annotated[Path, typer.Argument(help="输出目录 / output folder.")],
    db: Db = Path("yusuan.duckdb"),
    to: Annotated[
        ExportFormat,
        typer.Option("--to", help="parquet、csv（每表一个文件）或 xlsx（一个工作簿）。"),
    ] = ExportFormat.parquet,
    overwrite: Overwrite = False,
) -> None:
    """导出全部表和视图 / Export every table and view.

    目录不存在时新建（其上级目录须存在）；已有同名文件时不写入任何文件，加 --overwrite 覆盖。
    """
    import shutil
    import tempfile

    import duckdb

    from yusuan.store.query import RELATIONS, export

    check_folder(folder, create=True)
    names = ["yusuan.xlsx"] if to is ExportFormat.xlsx else [f"{n}.{to.value}" for n in RELATIONS]
    for name in names:
        check_target(folder / name, overwrite)
    with open_store(db) as store:
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".export."))
        try:
            made = export(store, to.value, staging)
            written = move_into(folder, made, overwrite)
        except InputError as exc:
            fail(exc.line())
        except OSError as exc:
            fail(os_error_line(folder, exc))
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            fail(f"{folder}: 无法写入，未导出 / could not write, nothing exported ({reason})")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    shown = printable(str(folder))
    typer.echo(f"已写入 {len(written)} 个文件到 {shown} / wrote {len(written)} files to {shown}")


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
    overwrite: Overwrite = False,
) -> None:
    """各部门指标并列排名 / Rank departments side by side on a metric."""
    from yusuan.store.compare import compare

    check_target(output, overwrite)
    with open_store(db) as store:
        try:
            ranking = compare(store, year, metric or ["三公"], kind=kind, level=level)
        except InputError as exc:
            fail(exc.line())
    write_rows(list(ranking.columns), list(ranking.rows), fmt, output, overwrite)
