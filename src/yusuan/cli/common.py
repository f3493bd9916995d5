"""What every verb of the ``yusuan`` command shares: the one-line error, loading, output.

Verb modules import from here; this module imports no verb module and nothing heavy
(the readers are imported when a file is loaded).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from yusuan.errors import InputError

if TYPE_CHECKING:
    from yusuan.model import Disclosure


def fail(message: str) -> NoReturn:
    """Print a one-line error to stderr (``错误 / error: …``) and exit with status 2."""
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(2)


def load_or_exit(path: Path | list[Path], max_mb: float, debug: bool = False) -> Disclosure:
    """Load a file (or the files of one package); any failure is one line on stderr, exit 2."""
    from yusuan.api import load, load_package

    try:
        if isinstance(path, list):
            return load_package(list(path), max_bytes=int(max_mb * 1024 * 1024))
        return load(path, max_bytes=int(max_mb * 1024 * 1024))
    except InputError as exc:
        fail(exc.line(str(path)))
    except Exception as exc:  # a reader library choked on hostile or damaged input
        if debug:
            raise
        fail(
            f"{path}: 文件内容无法解析（{type(exc).__name__}）/ the file could not be parsed ({type(exc).__name__}: {exc})"
        )


def emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output``, or to standard output when no file is given."""
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


MaxMb = Annotated[
    float,
    typer.Option(
        "--max-mb", help="拒绝大于此大小（MB）的文件 / refuse files larger than this (MB)."
    ),
]
