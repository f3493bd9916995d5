"""Text made safe for a terminal: control characters shown, never sent (终端输出转义).

A file name or a cell can carry escape sequences (``\\x1b[2J`` clears the screen, ``\\x1b]8;;``
writes a link) or bidirectional overrides that reorder what the reader sees. Every piece of
outside text the command prints to a terminal goes through :func:`printable` once: C0 and C1
control characters, DEL and the bidi controls become visible escapes (``\\x1b``, ``\\u202e``),
everything else (Chinese text included) is left as it is.
"""

from __future__ import annotations

import re

from yusuan import regex

_CONTROLS = regex.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_NEWLINE = regex.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``).

    ``keep_newlines`` leaves line breaks of multi-line text (a report paragraph) alone; a file
    name or a one-line message escapes them too.
    """
    pattern = _CONTROLS_BUT_NEWLINE if keep_newlines else _CONTROLS
    return pattern.sub(_shown, text)
