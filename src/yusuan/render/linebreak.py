"""Chinese line breaking (避头尾) for the PDF: where a line may end.

ReportLab's CJK wrapping (``wordWrap="CJK"``) cuts between any two characters and
only lets a few closing marks hang (its ``ALL_CANNOT_START`` lacks ，；：？！》, and it
never looks at opening brackets), so its lines start with “，”.  :func:`breaks`
is the rule of GB/T 15834 and the 方正 typesetting practice: a line never starts
with a closing or pausing mark (:data:`CANNOT_START`) nor ends with an opening one
(:data:`CANNOT_END`), and a run of Latin letters or digits (``1,234.56``,
``2023``) is not cut.  A break the rule forbids moves back (the characters go down
to the next line, 推出); only a line that cannot break anywhere is cut where it is
full.  :class:`CJKParagraph` is a ReportLab paragraph that wraps this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

#: Marks a line never starts with (closing brackets and quotes, pause and stop marks).
CANNOT_START = "，。、；：？！）」』》〉】〕〗”’…—％‰·,.;:?!)]}%"
#: Marks a line never ends with (opening brackets and quotes).
CANNOT_END = "（「『《〈【〔〖“‘([{"
_FUZZ = 1e-6


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,%-/+")


def allowed(text: str, k: int) -> bool:
    """May a line end between ``text[k - 1]`` and ``text[k]``?"""
    before, after = text[k - 1], text[k]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    return not (_word(before) and _word(after))


def breaks(text: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[int]:
    """The offsets where the lines of ``text`` start (the first is 0).

    ``widths`` are the characters' advance widths, ``max_widths`` the lines' widths
    (the last repeats).  Each line is as full as the rule allows."""
    starts = [0]
    used = 0.0
    i = 0
    while i < len(text):
        limit = max_widths[min(len(starts) - 1, len(max_widths) - 1)]
        start = starts[-1]
        if used + widths[i] > limit + _FUZZ and i > start:
            k = i
            while k > start + 1 and not allowed(text, k):
                k -= 1
            if not allowed(text, k):
                k = i  # nowhere allowed: cut where the line is full
            starts.append(k)
            used = sum(widths[k:i])
            continue
        used += widths[i]
        i += 1
    return starts


def lines(text: str, font: str, size: float, max_widths: Sequence[float]) -> list[str]:
    """``text`` broken into lines set in ``font`` at ``size`` points."""
    widths = [stringWidth(ch, font, size) for ch in text]
    starts = breaks(text, widths, max_widths)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


class CJKParagraph(Paragraph):  # type: ignore[misc]
    """A ReportLab paragraph of plain text (one font, no markup) wrapped by :func:`breaks`."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # ReportLab's method and argument names
        frags = self.frags
        style = self.style
        if (
            len(frags) != 1
            or hasattr(frags[0], "cbDefn")
            or style.endDots
            or getattr(self, "_splitpara", 0)
        ):
            return super().breakLinesCJK(maxWidths)
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        self.height = 0
        f = frags[0]
        text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
        widths = [stringWidth(ch, f.fontName, f.fontSize) for ch in text]
        starts = breaks(text, widths, maxWidths)
        out = []
        for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(text)], strict=True)):
            line = text[a:b]
            room = maxWidths[min(n, len(maxWidths) - 1)] - sum(widths[a:b])
            out.append((room, [line]))
        return f.clone(kind=0, lines=out, ascent=f.fontSize, descent=-0.2 * f.fontSize)


__all__ = ["CANNOT_END", "CANNOT_START", "CJKParagraph", "allowed", "breaks", "lines"]
