"""CLI verbs of one area (store verbs: ingest, query, export, diff, compare); registered by :mod:`yusuan.cli`.

The verbs are thin: the work is in :mod:`yusuan.store` (``docs/store.md``).
DuckDB is imported only when one of these verbs runs.
"""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from yusuan.errors import InputError

if TYPE_CHECKING:
    from yusuan.model import Disclosure
    from yusuan.store.diff import DiffLine
    from yusuan.store.write import Store


class OutFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    xlsx = "xlsx"


Db = Annotated[Path, typer.Option("--db", help="DuckDB 数据库文件 / the DuckDB store.")]
Fmt = Annotated[
    OutFormat, typer.Option("--format", "-f", help="输出格式：table、csv、json / output format.")
]
Output = Annotated[
    Path | None, typer.Option("-o", "--output", help="写入文件（默认标准输出）/ write to a file.")
]


def _fail(message: str) -> None:
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(2)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _print_table(columns: list[str], rows: list[tuple[Any, ...]], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    from yusuan.store.query import cell_text

    table = Table(title=title, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(cell_text(v) for v in row))
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=False, width=200)
    console.print(table)


def _write_rows(
    columns: list[str], rows: list[tuple[Any, ...]], fmt: OutFormat, output: Path | None
) -> None:
    from yusuan.store.query import to_csv, to_json

    if fmt is OutFormat.csv:
        _emit(to_csv(columns, rows), output)
    elif fmt is OutFormat.json:
        _emit(to_json(columns, rows), output)
    elif output is not None:
        _emit(to_csv(columns, rows), output)
    else:
        _print_table(columns, rows)


def _open(db: Path, read_only: bool = True) -> Store:
    from yusuan.store.write import Store

    try:
        return Store.open(db, read_only=read_only)
    except InputError as exc:
        _fail(exc.line())
        raise  # unreachable


# --------------------------------------------------------------------- ingest


def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（递归）/ files or folders.")],
    db: Db = Path("yusuan.duckdb"),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="工作进程数（默认 CPU 核数；0 = 本进程）/ worker processes."
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="重新解析并替换已入库的文档 / re-parse stored documents."),
    ] = False,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="拒绝大于此大小（MB）的文件 / size limit per file.")
    ] = 50.0,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="每个文件打印一行 / one line per file.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786 / Dask scheduler."
        ),
    ] = None,
    parts: Annotated[
        Path | None,
        typer.Option("--parts", help="分布式写出的 Parquet 分区目录（默认 DB 旁的 .parts）。"),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="分布式时每个任务的文件数 / files per task.")
    ] = 64,
) -> None:
    """批量解析、校验并入库（可并行、可重跑）/ Parse, check and store many files.

    退出码 exit status: 0 全部入库或已存在 · 1 有文件失败（原因记入 failures 表）· 2 参数或数据库错误.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from yusuan.store.ingest import IngestSummary, ingest

    console = Console(stderr=True, highlight=False)
    progress = Progress(
        TextColumn("入库 ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "{task.fields[pages]} 页 · 失败 {task.fields[failed]} · 错误 {task.fields[errors]}"
        ),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    task = progress.add_task("ingest", total=None, pages=0, failed=0, errors=0)
    labels = {"stored": "入库 stored ", "skipped": "跳过 skipped", "failed": "失败 failed "}

    def on_start(n: int) -> None:
        progress.update(task, total=n)

    def event(kind: str, path: str, detail: str, so_far: IngestSummary) -> None:
        progress.update(
            task,
            completed=so_far.done,
            pages=so_far.pages,
            failed=so_far.failed,
            errors=so_far.errors,
        )
        if verbose:
            line = f"{labels[kind]}  {path}" + (f"  {detail}" if kind == "failed" else "")
            if console.is_terminal:
                progress.console.print(line, markup=False, highlight=False)
            else:
                print(line, flush=True)

    max_bytes = int(max_mb * 1024 * 1024)
    try:
        with progress:
            if scheduler:
                from yusuan.store.distributed import ingest_distributed, open_parquet_store

                folder = parts or db.with_name(db.name + ".parts")
                summary = ingest_distributed(
                    paths,
                    folder,
                    scheduler,
                    batch_size=batch_size,
                    max_bytes=max_bytes,
                    event=event,
                    on_start=on_start,
                )
                if summary.stored or summary.failed or not db.exists():
                    open_parquet_store(db, folder).close()
            else:
                store = _open(db, read_only=False)
                try:
                    summary = ingest(
                        paths,
                        store,
                        jobs=jobs,
                        max_bytes=max_bytes,
                        replace=replace,
                        event=event,
                        on_start=on_start,
                    )
                finally:
                    store.close()
    except InputError as exc:
        _fail(exc.line())
        return
    except KeyboardInterrupt:
        typer.echo(
            "已中断；已入库的文档都完整保留，重跑即可继续 / interrupted; rerun to continue",
            err=True,
        )
        raise typer.Exit(130) from None
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


# ---------------------------------------------------------------- query/export


def query_cmd(
    sql: Annotated[str, typer.Argument(help="SQL 语句（只读）/ an SQL statement (read-only).")],
    db: Db = Path("yusuan.duckdb"),
    fmt: Fmt = OutFormat.table,
    output: Output = None,
) -> None:
    """对数据库执行 SQL 查询 / Run SQL on the store (docs/store.md lists the tables and views)."""
    from yusuan.store.query import run_query

    with _open(db) as store:
        try:
            columns, rows = run_query(store, sql)
        except InputError as exc:
            _fail(exc.line())
            return
    _write_rows(columns, rows, fmt, output)


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

    with _open(db) as store:
        try:
            written = export(store, to.value, folder)
        except InputError as exc:
            _fail(exc.line())
            return
    typer.echo(f"已写入 {len(written)} 个文件到 {folder} / wrote {len(written)} files to {folder}")


# ------------------------------------------------------------------------ diff


def _document(arg: str, store: Store | None, max_mb: float) -> Disclosure:
    from yusuan.cli import load_or_exit

    if Path(arg).exists():
        return load_or_exit(Path(arg), max_mb)
    if store is None:
        _fail(
            f"{arg}: 文件不存在（要引用库中的文档请加 --db）/ no such file (use --db for stored documents)"
        )
    assert store is not None
    try:
        return store.load(store.resolve(arg))
    except InputError as exc:
        _fail(exc.line())
        raise


_MARK = {
    "explained": "已说明原因",
    "mentioned": "⚑ 仅列金额、未说明原因",
    "unexplained": "⚑ 未说明",
    "mismatch": "⚑ 不等",
}


def _diff_rows(lines: list[DiffLine]) -> tuple[list[str], list[tuple[Any, ...]]]:
    columns = [
        "table",
        "code",
        "item",
        "column",
        "a",
        "b",
        "change",
        "pct",
        "flagged",
        "status",
        "evidence",
    ]
    rows = [
        (
            d.table,
            d.code,
            d.item,
            d.column,
            d.a,
            d.b,
            d.change,
            d.pct,
            d.flagged,
            d.status,
            d.evidence,
        )
        for d in lines
    ]
    return columns, rows


def diff_cmd(
    a: Annotated[
        str, typer.Argument(help="A：文件，或库中文档（sha256 前缀，或 名称:年份[:预算|决算]）。")
    ],
    b: Annotated[str | None, typer.Argument(help="B：同上；与 --units 同用时省略。")] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="引用库中文档时的数据库 / the store.")
    ] = None,
    units: Annotated[
        bool, typer.Option("--units", help="核对 部门 = Σ 所属单位（A 为部门，单位取自库中）。")
    ] = False,
    pct: Annotated[
        str, typer.Option("--pct", help="变动率阈值（%）/ change threshold in %.")
    ] = "10",
    wan: Annotated[str, typer.Option("--wan", help="变动额阈值（万元）/ threshold in 万元.")] = "5",
    table: Annotated[
        list[str] | None,
        typer.Option("--table", help="只比较这些表（如 expenditure）/ only these tables."),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="列出所有变动行（默认只列超过阈值的）/ every changed line."),
    ] = False,
    fmt: Fmt = OutFormat.table,
    output: Output = None,
    max_mb: Annotated[float, typer.Option("--max-mb", help="文件大小上限（MB）。")] = 50.0,
) -> None:
    """逐行比较两份文件（两个年度，或同年预算与决算），标出无说明的大幅变动 / Compare two disclosures.

    变动同时达到 --pct 与 --wan 阈值即标记；再看 B 的情况说明是否说明了原因。
    """
    from yusuan.store.diff import Threshold, describe, diff, summary

    try:
        threshold = Threshold(pct=Decimal(pct), wan=Decimal(wan))
    except InvalidOperation:
        _fail(f"阈值不是数字：{pct} / {wan} / a threshold is not a number")
        return
    store = _open(db) if db is not None else None
    try:
        da = _document(a, store, max_mb)
        if units:
            result, title = _units(da, store)
        else:
            if b is None:
                _fail("需要两份文档 A 和 B（或用 --units）/ two documents are needed (or --units)")
            assert b is not None
            db_ = _document(b, store, max_mb)
            result = diff(da, db_, threshold, tables=set(table) if table else None)
            title = f"A：{describe(da)}\nB：{describe(db_)}"
    finally:
        if store is not None:
            store.close()
    shown = result if show_all else [d for d in result if d.flagged]
    counts = summary(result)
    if fmt is OutFormat.table and output is None:
        typer.echo(title)
        columns = ["表", "编码", "科目", "列", "A（万元）", "B（万元）", "变动", "变动%", "标记"]
        rows = [
            (
                d.table,
                d.code,
                d.item,
                d.column,
                d.a,
                d.b,
                d.change,
                d.pct,
                _MARK.get(d.status or "", ""),
            )
            for d in shown
        ]
        _print_table(columns, rows)
        typer.echo(
            f"变动 {counts['changed']} 行，超过阈值 {counts['flagged']} 行：已说明原因 {counts['explained']}，"
            f"仅列金额 {counts['mentioned']}，未提及 {counts['unexplained']} / "
            f"{counts['changed']} changed, {counts['flagged']} above threshold: "
            f"{counts['explained']} explained, {counts['mentioned']} mentioned only, "
            f"{counts['unexplained']} not mentioned"
        )
        return
    columns, rows = _diff_rows(shown)
    _write_rows(columns, rows, fmt, output)


def _units(dept: Disclosure, store: Store | None) -> tuple[list[DiffLine], str]:
    from yusuan.store.consolidate import consolidate, units_of
    from yusuan.store.diff import describe

    if store is None:
        _fail("--units 需要 --db（单位文档从库中取）/ --units needs --db")
    assert store is not None
    try:
        units = units_of(store, dept)
    except InputError as exc:
        _fail(exc.line())
        raise
    title = f"部门：{describe(dept)}\n单位（{len(units)}）：" + "；".join(map(describe, units))
    return consolidate(dept, units), title


# --------------------------------------------------------------------- compare


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

    with _open(db) as store:
        try:
            ranking = compare(store, year, metric or ["三公"], kind=kind, level=level)
        except InputError as exc:
            _fail(exc.line())
            return
    _write_rows(list(ranking.columns), list(ranking.rows), fmt, output)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("query")(query_cmd)
    app.command("export")(export_cmd)
    app.command("diff")(diff_cmd)
    app.command("compare")(compare_cmd)
