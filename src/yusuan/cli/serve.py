"""``yusuan serve``: the web UI (FastAPI and uvicorn are imported only when it starts)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="DuckDB 数据库（yusuan ingest 建立）；省略时只在内存中保存本次上传的文件。",
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址。")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口。")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="只读：不接受上传（公开部署用）。")
    ] = False,
    max_upload_mb: Annotated[
        float, typer.Option("--max-upload-mb", help="上传文件大小上限（MB）。")
    ] = 20.0,
) -> None:
    """启动网页界面：上传校验、表格与图表、总览 / Start the web UI."""
    import uvicorn

    from yusuan.web.app import Settings, create_app
    from yusuan.web.repository import MemoryRepository, Repository

    repo: Repository = MemoryRepository()
    if db is not None:
        from yusuan.errors import InputError
        from yusuan.web.store_repository import open_repository

        try:
            repo = open_repository(db, read_only=read_only)
        except InputError as exc:
            typer.echo(f"错误 / error: {exc.line()}", err=True)
            raise typer.Exit(2) from exc
    application = create_app(repo, Settings(read_only=read_only, max_upload_mb=max_upload_mb))
    typer.echo(f"yusuan 网页界面：http://{host}:{port}/  （Ctrl+C 退出）")
    uvicorn.run(application, host=host, port=port, log_level="warning")
