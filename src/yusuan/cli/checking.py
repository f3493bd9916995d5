"""The work of ``yusuan check`` without Typer: load and check each unit, print, an exit status.

:mod:`yusuan.cli.check` is the verb (its options, built by Typer) and calls :func:`run`;
:mod:`yusuan.cli.entry` calls it directly for ``yusuan check FILE …`` with no option, so the
commonest check starts without importing Typer, Click or pydantic's Typer adapters. Nothing
here imports Typer unless a file cannot be read or a report is written to a file (the one-line
error and the atomic write live in :mod:`yusuan.cli.common` and :mod:`yusuan.cli.output`).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from yusuan.cli.progress import Progress
from yusuan.errors import InputError
from yusuan.paths import StrPath, printed

if TYPE_CHECKING:
    from pathlib import Path

    from yusuan.check import Report

#: Exit status when a check could not cover the input (docs/checking.md).
INCOMPLETE = 3
#: Where nothing wraps: a pipe or a file without ``--width``.
UNWRAPPED = 1_000_000


def run(
    files: Sequence[StrPath],
    *,
    fmt: str = "text",
    chosen: Sequence[str] = (),
    skipped: Sequence[str] = (),
    output: Path | None = None,
    overwrite: bool = False,
    width: int | None = None,
    max_mb: float = 50.0,
    english: bool = False,
    package: bool = False,
    vet: Callable[[], None] | None = None,
) -> int:
    """Check ``files`` (each alone, or all as one package), print the report, return the exit
    status (0 no error, 1 errors, 2 a file unreadable, 3 incomplete). ``vet`` runs first, while
    the progress line is up (the verb checks its ``--select``/``--ignore`` patterns there)."""
    units: list[StrPath | list[StrPath]] = [list(files)] if package else list(files)
    # the clock starts before the rules and readers are imported: they are part of the wait
    with Progress(_label(units[0]), enabled=len(units) == 1) as progress:
        if vet is not None:
            vet()
        reports, unreadable = _check_units(units, list(chosen), list(skipped), max_mb, progress)
    if fmt == "text":
        _print_text(reports, output, overwrite, width, english)
    elif fmt == "json":
        import json

        from yusuan.cli.output import emit

        data = [r.to_json() for r in reports]
        one = len(files) == 1 and data
        emit(
            json.dumps(data[0] if one else data, ensure_ascii=False, indent=2) + "\n",
            output,
            overwrite,
        )
    else:
        from yusuan.cli.output import emit
        from yusuan.render.report_export import render_html

        emit(render_html(reports), output, overwrite)
    if unreadable:
        return 2
    if any(r.has_errors for r in reports):
        return 1
    return INCOMPLETE if any(r.incomplete for r in reports) else 0


def _label(unit: StrPath | list[StrPath]) -> str:
    return " + ".join(map(printed, unit)) if isinstance(unit, list) else printed(unit)


def _check_units(
    units: list[StrPath | list[StrPath]],
    chosen: list[str],
    skipped: list[str],
    max_mb: float,
    progress: Progress,
) -> tuple[list[Report], bool]:
    """Load and check each unit; an unreadable one is its one-line error (and ``True``)."""
    from yusuan.api import load, load_package
    from yusuan.check import check

    if progress.enabled:  # a scan read by OCR tells its pages on the line (docs/ocr.md)
        from yusuan.read import ocr_progress

        ocr_progress.listen(lambda page, pages: progress.stage(f"OCR 第 {page}/{pages} 页"))
    reports = []
    unreadable = False
    for unit in units:
        path = _label(unit)
        progress.stage("读取")
        try:
            if isinstance(unit, list) or os.path.isdir(unit):
                disclosure = load_package(
                    unit if isinstance(unit, list) else [unit],
                    max_bytes=int(max_mb * 1024 * 1024),
                )
            else:
                disclosure = load(unit, max_bytes=int(max_mb * 1024 * 1024))
        except InputError as exc:
            from yusuan.cli.common import error_line

            progress.echo(error_line(exc.line(path)))
            unreadable = True
            continue
        except Exception as exc:
            from yusuan.cli.common import error_line

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
        from yusuan.cli.output import emit

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
