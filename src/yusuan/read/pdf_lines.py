"""Characters → text lines, and lines → text.

A line is a run of characters whose vertical centres lie within half a
character height of each other, read left to right.  A gap wider than
:attr:`Settings.word_gap` character heights becomes one space; one wider than
:attr:`Settings.column_gap` becomes a wide gap (four spaces) so that a line such
as ``编制部门：XX      单位：元`` keeps its two parts apart.  Lines of one cell or
paragraph are joined without a separator (Chinese text wraps anywhere), with one
space only between two Latin letters or digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.read.pdf_page import Char

WIDE = "    "


@dataclass(frozen=True, slots=True)
class Settings:
    """Reader settings, in character heights unless noted."""

    #: A gap between two characters wider than this many heights is a space.
    word_gap: float = 0.3
    #: A gap wider than this many heights separates two parts of a line (a wide gap).
    column_gap: float = 2.0
    #: Edges closer than this (points) are one ruling.
    snap: float = 2.5
    #: A table needs at least this many rows and columns of cells.
    min_rows: int = 1
    min_cols: int = 2


DEFAULT = Settings()


@dataclass(slots=True)
class Line:
    chars: list[Char] = field(default_factory=list)
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    text: str = ""

    @property
    def size(self) -> float:
        return self.bottom - self.top

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1))


def group_lines(chars: list[Char], settings: Settings = DEFAULT) -> list[Line]:
    """Group characters into lines, top to bottom, each read left to right."""
    ordered = sorted(chars, key=lambda c: (c.top + c.bottom) / 2)
    lines: list[Line] = []
    for c in ordered:
        mid = (c.top + c.bottom) / 2
        h = c.bottom - c.top
        if lines:
            last = lines[-1]
            last_mid = (last.top + last.bottom) / 2
            if abs(mid - last_mid) <= 0.5 * max(h, last.size, 1.0):
                last.chars.append(c)
                last.top, last.bottom = min(last.top, c.top), max(last.bottom, c.bottom)
                continue
        lines.append(Line([c], c.x0, c.top, c.x1, c.bottom))
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
        line.x0 = line.chars[0].x0
        line.x1 = max(c.x1 for c in line.chars)
        line.text = line_text(line.chars, settings)
    return lines


def line_text(chars: list[Char], settings: Settings = DEFAULT) -> str:
    """The text of one line's characters (sorted left to right)."""
    out: list[str] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None:
            gap = c.x0 - prev.x1
            h = max(c.bottom - c.top, prev.bottom - prev.top, 1.0)
            if gap > settings.column_gap * h:
                out.append(WIDE)
            elif gap > settings.word_gap * h and out and not out[-1].endswith(" "):
                out.append(" ")
        if c.text == " " and out and out[-1].endswith(" "):
            continue
        out.append(c.text)
        prev = c
    return "".join(out).strip()


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_lines(texts: list[str]) -> str:
    """Lines of one wrapped cell or paragraph as one text."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if out and _latin(out[-1]) and _latin(t[0]):
            out += " "
        out += t
    return out
