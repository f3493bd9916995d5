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
from operator import itemgetter

from yusuan.read.pdf_chars import X0, X1, YMID, Char

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
    lines: list[Line] = []
    line: list[Char] = []
    top = bottom = 0.0
    for c in sorted(chars, key=_YMID):
        _, ctop, _, cbottom, _, ymid, _ = c
        if line:
            size = bottom - top  # max(the character's height, the line's, 1.0), inline
            if cbottom - ctop > size:
                size = cbottom - ctop
            if size < 1.0:
                size = 1.0
            if abs(ymid - (top + bottom) / 2) <= 0.5 * size:
                line.append(c)
                if ctop < top:
                    top = ctop
                if cbottom > bottom:
                    bottom = cbottom
                continue
            lines.append(_line(line, top, bottom, settings))
        line, top, bottom = [c], ctop, cbottom
    if line:
        lines.append(_line(line, top, bottom, settings))
    return lines


_YMID = itemgetter(YMID)
_X0 = itemgetter(X0)
_X1 = itemgetter(X1)


def _line(chars: list[Char], top: float, bottom: float, settings: Settings) -> Line:
    chars.sort(key=_X0)
    return Line(chars, chars[0][X0], top, max(map(_X1, chars)), bottom, line_text(chars, settings))


def line_text(chars: list[Char], settings: Settings = DEFAULT) -> str:
    """The text of one line's characters (sorted left to right)."""
    out: list[str] = []
    word, column = settings.word_gap, settings.column_gap
    spaced = False  # the text so far ends with a space
    px1 = ph = 0.0
    first = True
    for x0, top, x1, bottom, _, _, text in chars:
        h = bottom - top
        if not first:
            gap = x0 - px1
            height = h if h > ph else ph  # max(h, ph, 1.0), no call per character
            if height < 1.0:
                height = 1.0
            if gap > column * height:
                out.append(WIDE)
                spaced = True
            elif gap > word * height and out and not spaced:
                out.append(" ")
                spaced = True
        if text == " " and spaced:
            continue
        out.append(text)
        spaced = text == " "
        px1, ph = x1, h
        first = False
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
