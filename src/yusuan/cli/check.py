"""``yusuan check``: check disclosures against the rule catalogue and print the report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from yusuan.cli.common import MaxMb, emit
from yusuan.errors import InputError

if TYPE_CHECKING:
    from yusuan.check import Report


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def check_cmd(
    files: Annotated[list[Path], typer.Argument(help="要校验的文件（可多个） / files to check.")],
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="报告格式：text、json、html。")
    ] = CheckFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="只运行这些规则（代码前缀、名称或标签，可用逗号分隔）。"),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="跳过这些规则（代码前缀、名称或标签）。")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="报告写入文件（默认标准输出）。")
    ] = None,
    max_mb: MaxMb = 50.0,
    package: Annotated[
        bool,
        typer.Option(
            "--package",
            help="把给出的多个文件读作同一公开包（如情况说明 PDF 与公开表 PDF）/ read the files as one package.",
        ),
    ] = False,
) -> None:
    """校验预决算公开文件：表内、表间、说明与表格的一致性和完整性 / Check disclosures.

    每个文件单独校验；--package 把所有文件读作一个公开包；给出文件夹时，其中的文件读作一个公开包。

    退出码 exit status: 0 无错误 no error · 1 有错误 errors found · 2 文件无法读取 unreadable input.
    """
    from yusuan.api import load, load_package
    from yusuan.check import check

    reports = []
    unreadable = False
    units: list[Path | list[Path]] = [list(files)] if package else list(files)
    for unit in units:
        path = " + ".join(map(str, unit)) if isinstance(unit, list) else unit
        try:
            if isinstance(unit, list) or unit.is_dir():
                disclosure = load_package(
                    unit if isinstance(unit, list) else [unit],
                    max_bytes=int(max_mb * 1024 * 1024),
                )
            else:
                disclosure = load(unit, max_bytes=int(max_mb * 1024 * 1024))
        except InputError as exc:
            typer.echo(f"错误 / error: {exc.line(str(path))}", err=True)
            unreadable = True
            continue
        except Exception as exc:
            typer.echo(
                f"错误 / error: {path}: 文件内容无法解析 / the file could not be parsed ({type(exc).__name__})",
                err=True,
            )
            unreadable = True
            continue
        reports.append(check(disclosure, select=_codes(select), ignore=_codes(ignore)))
    if fmt is CheckFormat.text:
        _print_text(reports, output)
    elif fmt is CheckFormat.json:
        import json

        data = [r.to_json() for r in reports]
        one = len(files) == 1 and data
        emit(json.dumps(data[0] if one else data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        from yusuan.render.report_html import render_html

        emit(render_html(reports), output)
    if unreadable:
        raise typer.Exit(2)
    raise typer.Exit(1 if any(r.has_errors for r in reports) else 0)


def _print_text(reports: list[Report], output: Path | None) -> None:
    if output is None:
        _print_to(reports, sys.stdout, None)
    else:
        with output.open("w", encoding="utf-8") as fh:
            _print_to(reports, fh, 160)


def _print_to(reports: list[Report], stream: TextIO, width: int | None) -> None:
    """Plain text where Rich would print no styles (Rich is not imported then), else Rich:
    on standard output at the terminal's width, in a file (``width``) 160 columns, no colour."""
    from yusuan.render.plain import plain_width
    from yusuan.render.report_text import plain_report, print_report, write_plain

    lines = plain_report(reports)
    plain = plain_width(stream, width) if lines is not None else None
    if lines is not None and plain is not None:
        write_plain(lines, stream, plain)
        return
    from rich.console import Console

    if width is None:
        console = Console(highlight=False, soft_wrap=False)
    else:
        console = Console(file=stream, highlight=False, width=width, no_color=True)
    for r in reports:
        print_report(r, console)
