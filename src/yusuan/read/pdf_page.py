"""One PDF page as positioned characters and ruling edges (via pypdfium2).

Everything here is geometry, in PDF points with the origin at the top-left of
the page as displayed (``/Rotate`` applied, :mod:`yusuan.read.pdf_view`):

- characters — plain tuples ``(x0, top, x1, bottom, xmid, ymid, text)``
  (:data:`yusuan.read.pdf_chars.Char`), their centre computed once.  Characters drawn
  twice at (almost) the same spot to fake a bold face are kept once; characters
  pdfium generates itself (spaces and line breaks it infers) are dropped.
- ruling edges (:mod:`yusuan.read.pdf_rulings`), from the page's path objects.

Glyphs without a Unicode mapping (``(cid:123)`` in other tools, U+FFFD, U+0000)
are counted in :attr:`PageContent.unmapped` so the reader can say which pages
do not extract cleanly.

Speed: a page's text comes from one ``FPDFText_GetText`` call; the per-character
calls that remain (the box, the Unicode-map flag) run through ``map`` over pdfium
functions bound without argument conversion (:mod:`yusuan.read.pdf_calls`), the
boxes landing in one float buffer read back in one slice.  Only the few characters
a pattern or pdfium flags (spaces, unmapped glyphs) are looked at one by one; the
loop over all characters does geometry only.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any

import pypdfium2 as pdfium

from yusuan import regex
from yusuan.read import pdf_calls as fpdf
from yusuan.read.pdf_chars import _FAR, _HALF, _SHIFT, _SPACE, Char, drop_doubles
from yusuan.read.pdf_rulings import Edge, rulings
from yusuan.read.pdf_view import IDENTITY, View

#: Code points pdfium reports for a glyph it cannot map to Unicode.
UNMAPPED = frozenset({0, 0xFFFD, 0xFFFE, 0xFFFF})
#: The characters that may be dropped or replaced: whitespace (``str.isspace``),
#: private use (a glyph id, not a character) and :data:`UNMAPPED`.
SPECIAL = regex.compile(r"[\s\x00\ue000-\uf8ff\ufffd\ufffe\uffff]")
_BOX = ctypes.sizeof(ctypes.c_float) * 4  # FS_RECTF: left, top, right, bottom


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    images: int = 0
    unmapped: int = 0  # glyphs without a Unicode mapping
    notes: list[str] = field(default_factory=list)  # diagnostics the page's reader adds


def page_text(textpage: Any, n: int) -> str:
    """The Unicode of the ``n`` characters of a text page, one ``str`` item per character.

    One ``FPDFText_GetText`` call gives them all when pdfium's text buffer lines
    up with its character list (it always does unless a page holds control
    characters pdfium leaves out of the text, or characters beyond the BMP,
    which UTF-16 splits); otherwise each character is asked for with
    ``FPDFText_GetUnicode``.
    """
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = fpdf.get_text(textpage, 0, n, buf)
    if got == n + 1:
        try:
            text = buf.raw[: 2 * n].decode("utf-16-le")
        except UnicodeDecodeError:
            text = ""
        if len(text) == n:
            return text
    codes = map(fpdf.get_unicode, repeat(textpage, n), range(n))
    return "".join(chr(c) if c <= 0x10FFFF else "\ufffd" for c in codes)


def _classify(textpage: Any, text: str, errors: list[int]) -> tuple[str, list[int], int]:
    """The page's text with unmapped glyphs as U+FFFD, the indexes of the characters
    dropped, and the number of unmapped glyphs.

    Only the characters :data:`SPECIAL` matches or pdfium flags are looked at.
    """
    flagged = set(compress(range(len(errors)), errors)) if any(errors) else set()
    marked = {m.start() for m in SPECIAL.finditer(text)}
    dropped: list[int] = []
    replaced: list[int] = []
    for k in sorted(flagged | marked):
        ch = text[k]
        if k in flagged or "\ue000" <= ch <= "\uf8ff" or ord(ch) in UNMAPPED:
            replaced.append(k)
        elif ch.isspace():
            # pdfium generates only spaces and line breaks (CPDF_TextPage: TEXT_SPACE_CHAR,
            # TEXT_RETURN_CHAR, TEXT_LINEFEED_CHAR), so only a space is asked about
            if ch == " ":
                if fpdf.is_generated(textpage, k) == 1:
                    dropped.append(k)
            elif ch != "\u3000":
                dropped.append(k)
    if replaced:
        chars = list(text)
        for k in replaced:
            chars[k] = "\ufffd"
        text = "".join(chars)
    return text, dropped, len(replaced)


def _chars(textpage: Any, view: View) -> tuple[list[Char], int]:
    n = fpdf.count_chars(textpage)
    if n <= 0:
        return [], 0
    text = page_text(textpage, n)
    errors = list(map(fpdf.has_map_error, repeat(textpage, n), range(n)))
    boxes = (ctypes.c_float * (4 * n))()
    pointers = map(ctypes.byref, repeat(boxes), range(0, _BOX * n, _BOX))
    list(map(fpdf.loose_box, repeat(textpage, n), range(n), pointers))
    values = boxes[:]
    text, dropped, unmapped = _classify(textpage, text, errors)
    sides: list[Iterable[Any]] = [values[0::4], values[1::4], values[2::4], values[3::4], text]
    if dropped:
        keep = [True] * n
        for k in dropped:
            keep[k] = False
        sides = [compress(side, keep) for side in sides]
    rot0 = view.rot == 0
    ox, oy, h = view.ox, view.oy, view.h
    reach = _FAR - abs(ox) - abs(oy) - abs(view.w) - abs(h)  # |display| <= |user| + these
    packed = -reach < min(values) and max(values) < reach
    out: list[Char] = []
    keys: list[int] = []
    for left, top, right, bottom, ch in zip(*sides, strict=True):
        if rot0:
            x0, x1 = left - ox, right - ox
            y0, y1 = h - (bottom - oy), h - (top - oy)
            if x1 < x0:
                x0, x1 = x1, x0
            if y1 < y0:
                y0, y1 = y1, y0
        else:
            x0, y0, x1, y1 = view.box(left, bottom, right, top)
        xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
        out.append((x0, y0, x1, y1, xm, ym, ch))
        if packed:
            keys.append(
                _SPACE
                if ch == " "
                else (ord(ch) << 42) + (int(xm / 2) + _HALF) * _SHIFT + int(ym / 2) + _HALF
            )
    return drop_doubles(out, keys if packed else None), unmapped


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """The characters and ruling edges of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        view = View(page)
        textpage = page.get_textpage()
        try:
            chars, unmapped = _chars(textpage.raw, view)
        finally:
            textpage.close()
        edges, images = rulings(page.raw, IDENTITY, view)
    finally:
        page.close()
    return PageContent(index + 1, view.width, view.height, chars, edges, images, unmapped)
