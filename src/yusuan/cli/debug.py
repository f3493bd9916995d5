"""``yusuan debug``: draw what the PDF reader found on one page (table lines, cells, titles)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail
from yusuan.cli.output import Overwrite, check_target, write_atomic
from yusuan.printable import printable


def debug_cmd(
    file: Annotated[Path, typer.Argument(help="PDF 文件 / the PDF file.")],
    page: Annotated[
        int, typer.Option("--page", "-p", help="页码（从 1 开始）/ page, 1-based.")
    ] = 1,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出 PNG 文件 / the PNG to write.")
    ] = Path("page.png"),
    scale: Annotated[float, typer.Option("--scale", help="放大倍数 / render scale.")] = 2.0,
    overwrite: Overwrite = False,
) -> None:
    """画出 PDF 某页识别到的表格线、单元格和表名 / Draw the tables and cells found on a PDF page.

    蓝线：表格线；红框：单元格（合并单元格为一个框），表上方标注识别结果；绿框：表外文字行。
    """
    from yusuan.api import debug_page
    from yusuan.errors import InputError

    check_target(output, overwrite)
    try:
        write_atomic(output, lambda p: debug_page(file, page, p, scale), overwrite)
    except InputError as exc:
        fail(exc.line(str(file)))
    shown = printable(str(output))
    typer.echo(f"已写入 {shown} / wrote {shown}")
