"""One PDF page as positioned characters and ruling edges (via pypdfium2).

Everything here is geometry, in PDF points with the origin at the top-left of
the page as displayed (``/Rotate`` applied), like pdfplumber's ``top``/``bottom``:

- :class:`Char` — one character with its box and font size.  Characters drawn
  twice at (almost) the same spot to fake a bold face are kept once; characters
  pdfium generates itself (spaces and line breaks it infers) are dropped.
- :class:`Edge` — a horizontal or vertical ruling segment, from stroked lines,
  the sides of drawn rectangles and thin filled rectangles used as lines.

Glyphs without a Unicode mapping (``(cid:123)`` in other tools, U+FFFD, U+0000)
are counted in :attr:`PageContent.unmapped` so the reader can say which pages
do not extract cleanly.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pr

#: Code points pdfium reports for a glyph it cannot map to Unicode.
UNMAPPED = frozenset({0, 0xFFFD, 0xFFFE, 0xFFFF})


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


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


def _chars(textpage: pdfium.PdfTextPage, view: _View) -> tuple[list[Char], int]:
    rect = pr.FS_RECTF()
    out: list[Char] = []
    unmapped = 0
    seen: dict[tuple[str, int, int], list[Char]] = {}
    for k in range(textpage.count_chars()):
        if pr.FPDFText_IsGenerated(textpage, k) == 1:
            continue
        code = pr.FPDFText_GetUnicode(textpage, k)
        if (
            code in UNMAPPED
            or 0xE000 <= code <= 0xF8FF  # private use: a glyph id, not a character
            or pr.FPDFText_HasUnicodeMapError(textpage, k) == 1
        ):
            unmapped += 1
            text = "\ufffd"
        else:
            text = chr(code)
        if text in "\r\n" or (text.isspace() and text != "\u3000" and text != " "):
            continue
        pr.FPDFText_GetLooseCharBox(textpage, k, rect)
        x0, top, x1, bottom = view.box(rect.left, rect.bottom, rect.right, rect.top)
        char = Char(text, x0, top, x1, bottom, bottom - top)
        if text != " " and _is_double(char, seen):
            continue
        out.append(char)
    return out, unmapped


def _is_double(char: Char, seen: dict[tuple[str, int, int], list[Char]]) -> bool:
    """True when an identical character overlaps ``char`` (a fake-bold overprint)."""
    cx, cy = int((char.x0 + char.x1) / 4), int((char.top + char.bottom) / 4)
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in seen.get((char.text, cx + dx, cy + dy), ()):
                w = min(char.x1, other.x1) - max(char.x0, other.x0)
                h = min(char.bottom, other.bottom) - max(char.top, other.top)
                if w > 0.5 * (char.x1 - char.x0) and h > 0.5 * (char.bottom - char.top):
                    return True
    seen.setdefault((char.text, cx, cy), []).append(char)
    return False


#: A filled rectangle thinner than this (points) is a ruling line.
THIN = 3.0
#: Segments shorter than this (points) are ignored.
MIN_EDGE = 2.0


def _path_edges(obj: ctypes.c_void_p, m: Matrix, view: _View, edges: list[Edge]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pr.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not fill.value and not stroke.value:
        return
    if not stroke.value:
        r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        pr.FPDFPageObj_GetFillColor(obj, r, g, b, a)
        if a.value == 0 or min(r.value, g.value, b.value) >= 250:
            return  # a white or transparent background, not a line
    a_, b_, c_, d_, e_, f_ = m
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    subpaths: list[list[tuple[float, float]]] = []
    for i in range(pr.FPDFPath_CountSegments(obj)):
        seg = pr.FPDFPath_GetPathSegment(obj, i)
        pr.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value * a_ + y.value * c_ + e_, x.value * b_ + y.value * d_ + f_
        kind = pr.FPDFPathSegment_GetType(seg)
        if kind == pr.FPDF_SEGMENT_MOVETO:
            if len(points) > 1:
                subpaths.append(points)
            points = [view.point(px, py)]
        elif kind == pr.FPDF_SEGMENT_LINETO:
            points.append(view.point(px, py))
        else:  # a curve: not a ruling
            if len(points) > 1:
                subpaths.append(points)
            points = [view.point(px, py)]
        if pr.FPDFPathSegment_GetClose(seg) and points:
            points.append(points[0])
    if len(points) > 1:
        subpaths.append(points)
    for pts in subpaths:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if fill.value and not stroke.value and (x1 - x0 < THIN or y1 - y0 < THIN):
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


def _objects(container: object, m: Matrix, view: _View, edges: list[Edge], depth: int = 0) -> int:
    """Collect edges of the paths in a page or form; returns the number of images."""
    is_form = depth > 0
    count = (
        pr.FPDFFormObj_CountObjects(container) if is_form else pr.FPDFPage_CountObjects(container)
    )
    images = 0
    fm = pr.FS_MATRIX()
    for i in range(count):
        obj = (
            pr.FPDFFormObj_GetObject(container, i)
            if is_form
            else pr.FPDFPage_GetObject(container, i)
        )
        kind = pr.FPDFPageObj_GetType(obj)
        if kind == pr.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pr.FPDF_PAGEOBJ_PATH or (kind == pr.FPDF_PAGEOBJ_FORM and depth < 8):
            pr.FPDFPageObj_GetMatrix(obj, fm)
            om = _compose((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), m)
            if kind == pr.FPDF_PAGEOBJ_PATH:
                _path_edges(obj, om, view, edges)
            else:
                images += _objects(obj, om, view, edges, depth + 1)
    return images


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """The characters and ruling edges of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        view = _View(page)
        textpage = page.get_textpage()
        try:
            chars, unmapped = _chars(textpage, view)
        finally:
            textpage.close()
        edges: list[Edge] = []
        images = _objects(page.raw, _IDENTITY, view, edges)
    finally:
        page.close()
    return PageContent(index + 1, view.width, view.height, chars, edges, images, unmapped)
