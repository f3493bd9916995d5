"""``yusuan ingest``: parse, check and store many files (in parallel, resumable)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail
from yusuan.cli.store_io import Db, open_store
from yusuan.errors import InputError


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
    labels = {"stored": "入库 stored ", "skipped": "跳过 skipped", "failed": "失败 failed ",
              "packaged": "合并 packaged"}  # fmt: skip

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
                store = open_store(db, read_only=False)
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
        fail(exc.line())
    except KeyboardInterrupt:
        typer.echo(
            "已中断；已入库的文档都完整保留，重跑即可继续 / interrupted; rerun to continue",
            err=True,
        )
        raise typer.Exit(130) from None
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)
