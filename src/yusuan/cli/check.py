"""``yusuan check``: check disclosures against the rule catalogue and print the report."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from yusuan.cli.common import MaxMb, Width, error_line, fail
from yusuan.cli.output import Overwrite, check_target, emit
from yusuan.cli.progress import Progress
from yusuan.errors import InputError

if TYPE_CHECKING:
    from yusuan.check import Report

#: Exit status when a check could not cover the input (docs/checking.md).
INCOMPLETE = 3
#: Where nothing wraps: a pipe or a file without ``--width``.
UNWRAPPED = 1_000_000


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def _check_patterns(select: list[str], ignore: list[str]) -> None:
    """Exit 2 on a ``--select``/``--ignore`` pattern no rule matches, or when nothing is left."""
    from yusuan.check import select_rules, unknown_patterns
    from yusuan.rules import all_rules

    unknown = unknown_patterns(select + ignore)
    if unknown:
        prefixes = sorted({r.code[:3] for r in all_rules()})
        tags = sorted({t for r in all_rules() for t in r.tags})
        fail(
            f"没有匹配的规则 {', '.join(unknown)}；可用代码前缀 {' '.join(prefixes)}、规则名称或标签"
            f" {' '.join(tags)}（yusuan rules 列出全部）/ no rule matches {', '.join(unknown)};"
            " use a code prefix, a rule name or a tag"
        )
    if not select_rules(select, ignore):
        fail("--select/--ignore 之后没有规则可运行 / no rule left to run after --select/--ignore")


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
    overwrite: Overwrite = False,
    width: Width = None,
    max_mb: MaxMb = 50.0,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang",
            help="文本报告的标题：zh 中文规则名称在前（默认），en 英文代码名 / finding headings.",
        ),
    ] = Lang.zh,
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

    退出码 exit status: 0 无错误 no error · 1 有错误 errors found · 2 文件无法读取或参数有误
    unreadable input or bad option · 3 校验不完整（超过 30% 的适用规则无法运行，或未读出表格）
    incomplete check.
    """
    check_target(output, overwrite)  # before anything is imported or read
    units: list[Path | list[Path]] = [list(files)] if package else list(files)
    # the clock starts before the rules and readers are imported: they are part of the wait
    with Progress(_label(units[0]), enabled=len(units) == 1) as progress:
        chosen, skipped = _codes(select), _codes(ignore)
        _check_patterns(chosen, skipped)
        reports, unreadable = _check_units(units, chosen, skipped, max_mb, progress)
    if fmt is CheckFormat.text:
        _print_text(reports, output, overwrite, width, lang is Lang.en)
    elif fmt is CheckFormat.json:
        import json

        data = [r.to_json() for r in reports]
        one = len(files) == 1 and data
        emit(
            json.dumps(data[0] if one else data, ensure_ascii=False, indent=2) + "\n",
            output,
            overwrite,
        )
    else:
        from yusuan.render.report_export import render_html

        emit(render_html(reports), output, overwrite)
    if unreadable:
        raise typer.Exit(2)
    if any(r.has_errors for r in reports):
        raise typer.Exit(1)
    raise typer.Exit(INCOMPLETE if any(r.incomplete for r in reports) else 0)


def _label(unit: Path | list[Path]) -> str:
    return " + ".join(map(str, unit)) if isinstance(unit, list) else str(unit)


def _check_units(
    units: list[Path | list[Path]],
    chosen: list[str],
    skipped: list[str],
    max_mb: float,
    progress: Progress,
) -> tuple[list[Report], bool]:
    """Load and check each unit; an unreadable one is its one-line error (and ``True``)."""
    from yusuan.api import load, load_package
    from yusuan.check import check
    from yusuan.read import ocr_progress

    # a scan read by OCR tells its pages (docs/ocr.md)
    ocr_progress.listen(lambda page, pages: progress.stage(f"OCR 第 {page}/{pages} 页"))
    reports = []
    unreadable = False
    for unit in units:
        path = _label(unit)
        progress.stage("读取")
        try:
            if isinstance(unit, list) or unit.is_dir():
                disclosure = load_package(
                    unit if isinstance(unit, list) else [unit],
                    max_bytes=int(max_mb * 1024 * 1024),
                )
            else:
                disclosure = load(unit, max_bytes=int(max_mb * 1024 * 1024))
        except InputError as exc:
            progress.echo(error_line(exc.line(path)))
            unreadable = True
            continue
        except Exception as exc:
            progress.echo(
                error_line(
                    f"{path}: 文件内容无法解析 / the file could not be parsed ({type(exc).__name__})"
                )
            )
            unreadable = True
            continue
        progress.stage("校验")
        reports.append(check(disclosure, select=chosen, ignore=skipped))
    return reports, unreadable


def _print_text(
    reports: list[Report],
    output: Path | None,
    overwrite: bool,
    width: int | None,
    english: bool = False,
) -> None:
    if output is None:
        _print_to(reports, sys.stdout, width, english)
    else:
        buf = io.StringIO()
        _print_to(reports, buf, width, english)
        emit(buf.getvalue(), output, overwrite)


def _print_to(
    reports: list[Report], stream: TextIO, width: int | None, english: bool = False
) -> None:
    """Plain text where Rich would print no styles (Rich is not imported then), else Rich.

    On a terminal the report wraps at the terminal's width (or ``width``); in a pipe or a file
    nothing wraps unless ``width`` is given, so numbers and paths are never split."""
    from yusuan.render.plain import plain_width
    from yusuan.render.report_text import plain_report, print_report, write_plain

    lines = plain_report(reports, english)
    plain = plain_width(stream, width or UNWRAPPED) if lines is not None else None
    if lines is not None and plain is not None:
        write_plain(lines, stream, plain)
        return
    from rich.console import Console

    if stream is sys.stdout:
        console = Console(highlight=False, soft_wrap=False, width=width)
        if not console.is_terminal and width is None:
            console = Console(highlight=False, soft_wrap=True)
    else:
        console = Console(
            file=stream, highlight=False, width=width or UNWRAPPED, soft_wrap=width is None
        )
    for r in reports:
        print_report(r, console, english)
