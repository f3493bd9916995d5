"""What every verb of the ``yusuan`` command shares: the one-line error, loading, table output.

Verb modules import from here; this module imports no verb module and nothing heavy
(the readers are imported when a file is loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from yusuan.errors import InputError
from yusuan.printable import printable

if TYPE_CHECKING:
    from yusuan.model import Disclosure


def error_line(message: str) -> str:
    """``错误 / error: …`` with control characters (from file names, cells) escaped."""
    return f"错误 / error: {printable(message)}"


def fail(message: str) -> NoReturn:
    """Print a one-line error to stderr (``错误 / error: …``) and exit with status 2."""
    typer.echo(error_line(message), err=True)
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


Width = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=20,
        help="按此宽度折行（默认：终端宽度；管道或文件中不折行）/ wrap at this width.",
    ),
]


def print_unfolded(renderable: Any, width: int | None = None) -> None:
    """Print a Rich table on standard output: at the terminal's width (or ``width``) on a
    terminal; in a pipe or a file at the table's own width, so no cell is folded or cut ("…")."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False, width=width)
    if not console.is_terminal and width is None:
        natural = Console(width=1_000_000).measure(renderable).maximum
        console = Console(highlight=False, soft_wrap=False, width=max(20, natural))
    console.print(renderable)


MaxMb = Annotated[
    float,
    typer.Option(
        "--max-mb", help="拒绝大于此大小（MB）的文件 / refuse files larger than this (MB)."
    ),
]
