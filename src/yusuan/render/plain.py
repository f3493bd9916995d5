"""Plain text wrapped exactly as Rich wraps it, without importing ``rich.console``.

The check report goes to a pipe or a file far more often than to a terminal. There Rich prints
no styles, only text word-wrapped to the console width; importing ``rich.console`` for that costs
more start-up than Typer does. :func:`plain_width` says whether Rich would print plain text to a
stream, and at what width (``None``: Rich would style the output, or something here is not
known to match, so the caller uses Rich). :func:`wrap` breaks a paragraph into lines with Rich's
own line-breaking and cell-width functions (``rich._wrap``, ``rich.cells``), so the bytes are the
same; ``tests/render/test_plain.py`` compares the two on generated text. A paragraph of at most
half the width in characters fits whatever they are (no character is wider than two cells), and
is printed without importing Rich at all: the unwrapped report of a pipe or a file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

from yusuan import regex

# Rich drops some control characters and expands tabs; such text is left to Rich itself.
_UNUSUAL = regex.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def plain_enough(text: str) -> bool:
    """True when ``text`` has nothing Rich would rewrite (tabs, control characters)."""
    return _UNUSUAL.search(text) is None


def _terminal(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Rich's ``Console.is_terminal`` for a console writing to ``stream``."""
    tty_compatible = environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width() -> int | None:
    """The width of the first of stdin, stdout, stderr that is a terminal (as Rich looks)."""
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
    return None


def plain_width(
    stream: TextIO, width: int | None = None, environ: Mapping[str, str] | None = None
) -> int | None:
    """The width at which ``rich.console.Console(file=stream, width=width)`` would print
    unstyled text, or ``None`` when it would print styles (a terminal, ``FORCE_COLOR``…) or
    runs where this module does not follow it (Windows, notebooks)."""
    environ = os.environ if environ is None else environ
    if sys.platform == "win32" or "JUPYTER_COLUMNS" in environ or _terminal(stream, environ):
        return None
    if width is None:
        columns = environ.get("COLUMNS")
        if columns is not None and columns.isdigit():
            width = int(columns)
        else:
            width = _terminal_width() or 80
    return width if width >= 1 else None


def wrap(text: str, width: int) -> list[str]:
    """The lines Rich prints for ``Text(text)`` at ``width`` cells (justify default, fold)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        if 2 * len(paragraph) <= width:  # no character takes more than two cells: it fits
            out.append(paragraph)  # (a pipe or a file: the report is not wrapped, issue #13)
            continue
        from rich._wrap import divide_line  # here: Rich is not imported for a report that fits
        from rich.cells import cell_len, set_cell_size

        breaks = divide_line(paragraph, width, fold=True)
        bounds = zip([0, *breaks], [*breaks, len(paragraph)], strict=True)
        for start, end in bounds:
            # Rich drops trailing spaces past the width, then cuts the line to the width;
            # the cut alone leaves the same line.
            line = paragraph[start:end]
            if cell_len(line) > width:
                line = set_cell_size(line, width)
            out.append(line)
    return out
