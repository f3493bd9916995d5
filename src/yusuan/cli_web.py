"""CLI verb of the web UI: ``yusuan serve``; registered by :mod:`yusuan.cli`."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""

    @app.command()
    def serve(
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
        from yusuan.web.repository import MemoryRepository

        repo = MemoryRepository()
        application = create_app(repo, Settings(read_only=read_only, max_upload_mb=max_upload_mb))
        typer.echo(f"yusuan 网页界面：http://{host}:{port}/  （Ctrl+C 退出）")
        uvicorn.run(application, host=host, port=port, log_level="warning")
