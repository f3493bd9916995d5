"""One PDF page as positioned characters and ruling edges (via pypdfium2).

Everything here is geometry, in PDF points with the origin at the top-left of
the page as displayed (``/Rotate`` applied), like pdfplumber's ``top``/``bottom``:

- characters — plain tuples ``(x0, top, x1, bottom, xmid, ymid, text)``
  (:data:`yusuan.read.pdf_chars.Char`), their centre computed once.  Characters drawn
  twice at (almost) the same spot to fake a bold face are kept once; characters
  pdfium generates itself (spaces and line breaks it infers) are dropped.
- :class:`Edge` — a horizontal or vertical ruling segment, from stroked lines,
  the sides of drawn rectangles and thin filled rectangles used as lines.

Glyphs without a Unicode mapping (``(cid:123)`` in other tools, U+FFFD, U+0000)
are counted in :attr:`PageContent.unmapped` so the reader can say which pages
do not extract cleanly.

Speed: a page's text comes from one ``FPDFText_GetText`` call; the per-character
calls that remain (the box, the Unicode-map flag) run through ``map`` over
pdfium functions bound to take plain addresses (:func:`_bind`), so no Python
frame and no ctypes object is made per character, and the boxes land in one
float buffer read back in one slice.  The paths' segments are read the same way.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pr

from yusuan.read.pdf_chars import _FAR, _HALF, _SHIFT, _SPACE, Char, drop_doubles

#: Code points pdfium reports for a glyph it cannot map to Unicode.
UNMAPPED = frozenset({0, 0xFFFD, 0xFFFE, 0xFFFF})


@dataclass(slots=True)
class Edge:
    """A ruling segment: ``orient`` ``h`` (``top == bottom``) or ``v`` (``x0 == x1``)."""

    orient: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    images: int = 0
    unmapped: int = 0  # glyphs without a Unicode mapping


def _bind(name: str, restype: Any, *argtypes: Any) -> Any:
    """pdfium's ``name`` taking handles and out-pointers as plain integers (addresses).

    The function is the one pypdfium2 loaded (same library, same calling
    convention); only its ctypes signature differs, so ``map`` can call it with
    ints and no ctypes object is built per call.
    """
    original = getattr(pr, name)
    fn = type(original)(ctypes.cast(original, ctypes.c_void_p).value)
    fn.restype = restype
    fn.argtypes = argtypes
    return fn


_P, _I = ctypes.c_void_p, ctypes.c_int
_count_chars = _bind("FPDFText_CountChars", _I, _P)
_get_text = _bind("FPDFText_GetText", _I, _P, _I, _I, _P)
_unicode = _bind("FPDFText_GetUnicode", ctypes.c_uint, _P, _I)
_generated = _bind("FPDFText_IsGenerated", _I, _P, _I)
_map_error = _bind("FPDFText_HasUnicodeMapError", _I, _P, _I)
_loose_box = _bind("FPDFText_GetLooseCharBox", _I, _P, _I, _P)
_count_objects = _bind("FPDFPage_CountObjects", _I, _P)
_get_object = _bind("FPDFPage_GetObject", _P, _P, _I)
_form_count = _bind("FPDFFormObj_CountObjects", _I, _P)
_form_object = _bind("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_object_type = _bind("FPDFPageObj_GetType", _I, _P)
_matrix = _bind("FPDFPageObj_GetMatrix", _I, _P, _P)
_draw_mode = _bind("FPDFPath_GetDrawMode", _I, _P, _P, _P)
_fill_color = _bind("FPDFPageObj_GetFillColor", _I, _P, _P, _P, _P, _P)
_count_segments = _bind("FPDFPath_CountSegments", _I, _P)
_segment = _bind("FPDFPath_GetPathSegment", _P, _P, _I)
_segment_point = _bind("FPDFPathSegment_GetPoint", _I, _P, _P, _P)
_segment_type = _bind("FPDFPathSegment_GetType", _I, _P)
_segment_close = _bind("FPDFPathSegment_GetClose", _I, _P)
_LINETO = pr.FPDF_SEGMENT_LINETO
_BOX = ctypes.sizeof(pr.FS_RECTF)  # left, top, right, bottom as four floats

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


class _View:
    """User space → displayed page coordinates (top-left origin, rotation applied)."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        x0, y0, x1, y1 = page.get_mediabox()
        self.ox, self.oy = x0, y0
        self.w, self.h = x1 - x0, y1 - y0
        self.rot = page.get_rotation() % 360
        self.width, self.height = (self.h, self.w) if self.rot in (90, 270) else (self.w, self.h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.ox, y - self.oy
        if self.rot == 90:
            return y, x
        if self.rot == 180:
            return self.w - x, y
        if self.rot == 270:
            return self.h - y, self.w - x
        return x, self.h - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def page_text(textpage: int, n: int) -> str:
    """The Unicode of the ``n`` characters of a text page, one ``str`` item per character.

    One ``FPDFText_GetText`` call gives them all when pdfium's text buffer lines
    up with its character list (it always does unless a page holds control
    characters pdfium leaves out of the text, or characters beyond the BMP,
    which UTF-16 splits); otherwise each character is asked for with
    ``FPDFText_GetUnicode``.
    """
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = _get_text(textpage, 0, n, ctypes.addressof(buf))
    if got == n + 1:
        try:
            text = buf.raw[: 2 * n].decode("utf-16-le")
        except UnicodeDecodeError:
            text = ""
        if len(text) == n:
            return text
    codes = map(_unicode, itertools.repeat(textpage, n), range(n))
    return "".join(chr(c) if c <= 0x10FFFF else "\ufffd" for c in codes)


def _chars(textpage: int, view: _View) -> tuple[list[Char], int]:
    n = _count_chars(textpage)
    if n <= 0:
        return [], 0
    text = page_text(textpage, n)
    errors = list(map(_map_error, itertools.repeat(textpage, n), range(n)))
    boxes = (ctypes.c_float * (4 * n))()
    base = ctypes.addressof(boxes)
    addresses = range(base, base + _BOX * n, _BOX)
    list(map(_loose_box, itertools.repeat(textpage, n), range(n), addresses))
    values = boxes[:]
    rot0 = view.rot == 0
    ox, oy, h = view.ox, view.oy, view.h
    reach = _FAR - abs(ox) - abs(oy) - abs(view.w) - abs(h)  # |display| <= |user| + these
    packed = -reach < min(values) and max(values) < reach
    out: list[Char] = []
    keys: list[int] = []
    unmapped = 0
    for k, ch, err, left, top, right, bottom in zip(
        range(n), text, errors, values[0::4], values[1::4], values[2::4], values[3::4], strict=True
    ):
        if err or "\ue000" <= ch <= "\uf8ff" or ord(ch) in UNMAPPED:
            unmapped += 1  # private use: a glyph id, not a character
            ch = "\ufffd"
        elif ch.isspace():
            # pdfium generates only spaces and line breaks (CPDF_TextPage: TEXT_SPACE_CHAR,
            # TEXT_RETURN_CHAR, TEXT_LINEFEED_CHAR), so only a space is asked about
            if ch == " ":
                if _generated(textpage, k) == 1:
                    continue
            elif ch != "\u3000":
                continue
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


#: A filled rectangle thinner than this (points) is a ruling line.
THIN = 3.0
#: Segments shorter than this (points) are ignored.
MIN_EDGE = 2.0


class _Out:
    """Out-parameters for pdfium calls, allocated once per page: two ints, four
    colour channels, six matrix floats and a growing pair of point buffers."""

    def __init__(self) -> None:
        self.ints = (ctypes.c_int * 2)()
        self.rgba = (ctypes.c_uint * 4)()
        self.matrix = pr.FS_MATRIX()
        self.size = 0
        self.xs = self.ys = (ctypes.c_float * 0)()

    def points(self, n: int) -> tuple[int, int]:
        if n > self.size:
            self.size = max(n, 2 * self.size, 16)
            self.xs = (ctypes.c_float * self.size)()
            self.ys = (ctypes.c_float * self.size)()
        return ctypes.addressof(self.xs), ctypes.addressof(self.ys)


def _path_edges(obj: int, m: Matrix, view: _View, edges: list[Edge], out: _Out) -> None:
    ints = out.ints
    at = ctypes.addressof(ints)
    _draw_mode(obj, at, at + 4)
    fill, stroke = ints[0], ints[1]
    if not fill and not stroke:
        return
    if not stroke:
        rgba = out.rgba
        base = ctypes.addressof(rgba)
        _fill_color(obj, base, base + 4, base + 8, base + 12)
        if rgba[3] == 0 or min(rgba[0], rgba[1], rgba[2]) >= 250:
            return  # a white or transparent background, not a line
    n = _count_segments(obj)
    segments = list(map(_segment, itertools.repeat(obj, n), range(n)))
    kinds = list(map(_segment_type, segments))
    closes = list(map(_segment_close, segments))
    xa, ya = out.points(n)
    list(map(_segment_point, segments, range(xa, xa + 4 * n, 4), range(ya, ya + 4 * n, 4)))
    a_, b_, c_, d_, e_, f_ = m
    point = view.point
    ox, oy, h = view.ox, view.oy, view.h
    rot0 = view.rot == 0
    points: list[tuple[float, float]] = []
    subpaths: list[list[tuple[float, float]]] = []
    for x, y, kind, close in zip(out.xs[:n], out.ys[:n], kinds, closes, strict=True):
        px, py = x * a_ + y * c_ + e_, x * b_ + y * d_ + f_
        shown = (px - ox, h - (py - oy)) if rot0 else point(px, py)
        if kind == _LINETO:
            points.append(shown)
        else:  # a move, or a curve (not a ruling): a new subpath starts here
            if len(points) > 1:
                subpaths.append(points)
            points = [shown]
        if close:
            points.append(points[0])
    if len(points) > 1:
        subpaths.append(points)
    for pts in subpaths:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if fill and not stroke and (x1 - x0 < THIN or y1 - y0 < THIN):
            if x1 - x0 >= MIN_EDGE and x1 - x0 >= y1 - y0:  # a thin bar: one line
                edges.append(Edge("h", x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
            elif y1 - y0 >= MIN_EDGE:
                edges.append(Edge("v", (x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
            continue
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            if abs(ay - by) < 0.5 and abs(ax - bx) >= MIN_EDGE:
                edges.append(Edge("h", min(ax, bx), ay, max(ax, bx), ay))
            elif abs(ax - bx) < 0.5 and abs(ay - by) >= MIN_EDGE:
                edges.append(Edge("v", ax, min(ay, by), ax, max(ay, by)))


def _objects(
    container: int, m: Matrix, view: _View, edges: list[Edge], out: _Out, depth: int = 0
) -> int:
    """Collect edges of the paths in a page or form; returns the number of images."""
    if depth:
        count = _form_count(container)
        objects = list(map(_form_object, itertools.repeat(container, count), range(count)))
    else:
        count = _count_objects(container)
        objects = list(map(_get_object, itertools.repeat(container, count), range(count)))
    images = 0
    fm = out.matrix
    for obj, kind in zip(objects, map(_object_type, objects), strict=True):
        if kind == pr.FPDF_PAGEOBJ_TEXT:
            continue
        if kind == pr.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pr.FPDF_PAGEOBJ_PATH or (kind == pr.FPDF_PAGEOBJ_FORM and depth < 8):
            _matrix(obj, ctypes.addressof(fm))
            om = _compose((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), m)
            if kind == pr.FPDF_PAGEOBJ_PATH:
                _path_edges(obj, om, view, edges, out)
            else:
                images += _objects(obj, om, view, edges, out, depth + 1)
    return images


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """The characters and ruling edges of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        view = _View(page)
        textpage = page.get_textpage()
        try:
            chars, unmapped = _chars(_address(textpage.raw), view)
        finally:
            textpage.close()
        edges: list[Edge] = []
        images = _objects(_address(page.raw), _IDENTITY, view, edges, _Out())
    finally:
        page.close()
    return PageContent(index + 1, view.width, view.height, chars, edges, images, unmapped)


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0
