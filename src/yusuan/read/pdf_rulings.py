"""Ruling edges from a page's path objects.

An :class:`Edge` is a horizontal or vertical ruling segment, from stroked lines,
the sides of drawn rectangles and thin filled rectangles used as lines, in
displayed page coordinates (:mod:`yusuan.read.pdf_view`).  White or transparent
fills (backgrounds) draw no ruling; curves end a run of straight segments.

The page's objects are walked once (form objects recursively, their matrices
composed); text objects, by far the most numerous, are filtered out without a
Python step each.  Every pdfium call goes through :mod:`yusuan.read.pdf_calls`,
the out-parameters allocated once per page.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

import pypdfium2.raw as pr

from yusuan.read import pdf_calls as fpdf
from yusuan.read.pdf_view import Matrix, View, compose

#: A filled rectangle thinner than this (points) is a ruling line.
THIN = 3.0
#: Segments shorter than this (points) are ignored.
MIN_EDGE = 2.0

_DRAWN = frozenset({fpdf.PATH_OBJECT, fpdf.FORM_OBJECT})
_MAX_DEPTH = 8  # nested forms deeper than this are not read


@dataclass(slots=True)
class Edge:
    """A ruling segment: ``orient`` ``h`` (``top == bottom``) or ``v`` (``x0 == x1``)."""

    orient: str
    x0: float
    top: float
    x1: float
    bottom: float


class _Out:
    """Out-parameters for pdfium calls, allocated once per page: two ints, four
    colour channels, six matrix floats and a growing pair of point buffers, each
    with its ``byref`` pointers made once."""

    def __init__(self) -> None:
        self.ints = (ctypes.c_int * 2)()
        self.mode = (ctypes.byref(self.ints), ctypes.byref(self.ints, 4))
        self.rgba = (ctypes.c_uint * 4)()
        self.colour = tuple(ctypes.byref(self.rgba, 4 * k) for k in range(4))
        self.matrix = pr.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.size = 0
        self.xs = self.ys = (ctypes.c_float * 0)()
        self.x_refs: list[Any] = []
        self.y_refs: list[Any] = []

    def points(self, n: int) -> None:
        """Room for ``n`` points in :attr:`xs`/:attr:`ys` (pointers in ``x_refs``/``y_refs``)."""
        if n > self.size:
            self.size = max(n, 2 * self.size, 16)
            self.xs = (ctypes.c_float * self.size)()
            self.ys = (ctypes.c_float * self.size)()
            offsets = range(0, 4 * self.size, 4)
            self.x_refs = list(map(ctypes.byref, repeat(self.xs), offsets))
            self.y_refs = list(map(ctypes.byref, repeat(self.ys), offsets))


def _path_edges(obj: Any, m: Matrix, view: View, edges: list[Edge], out: _Out) -> None:
    ints = out.ints
    fpdf.draw_mode(obj, *out.mode)
    fill, stroke = ints[0], ints[1]
    if not fill and not stroke:
        return
    if not stroke:
        rgba = out.rgba
        fpdf.fill_color(obj, *out.colour)
        if rgba[3] == 0 or min(rgba[0], rgba[1], rgba[2]) >= 250:
            return  # a white or transparent background, not a line
    n = fpdf.count_segments(obj)
    segments = list(map(fpdf.segment, repeat(obj, n), range(n)))
    kinds = list(map(fpdf.segment_type, segments))
    closes = list(map(fpdf.segment_close, segments))
    out.points(n)
    list(map(fpdf.segment_point, segments, out.x_refs, out.y_refs))
    a_, b_, c_, d_, e_, f_ = m
    xy = zip(out.xs[:n], out.ys[:n], strict=True)
    if view.rot == 0:
        ox, oy, h = view.ox, view.oy, view.h
        shown = [(x * a_ + y * c_ + e_ - ox, h - (x * b_ + y * d_ + f_ - oy)) for x, y in xy]
    else:
        point = view.point
        shown = [point(x * a_ + y * c_ + e_, x * b_ + y * d_ + f_) for x, y in xy]
    lineto = fpdf.LINETO
    points: list[tuple[float, float]] = []
    subpaths: list[list[tuple[float, float]]] = []
    for at, kind, close in zip(shown, kinds, closes, strict=True):
        if kind == lineto:
            points.append(at)
        else:  # a move, or a curve (not a ruling): a new subpath starts here
            if len(points) > 1:
                subpaths.append(points)
            points = [at]
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
            # abs(d) < 0.5 and abs(d) >= MIN_EDGE as comparisons, no call per segment
            dx, dy = ax - bx, ay - by
            if -0.5 < dy < 0.5 and (dx >= MIN_EDGE or dx <= -MIN_EDGE):
                edges.append(Edge("h", min(ax, bx), ay, max(ax, bx), ay))
            elif -0.5 < dx < 0.5 and (dy >= MIN_EDGE or dy <= -MIN_EDGE):
                edges.append(Edge("v", ax, min(ay, by), ax, max(ay, by)))


def _objects(
    container: Any, m: Matrix, view: View, edges: list[Edge], out: _Out, depth: int = 0
) -> int:
    """Collect edges of the paths in a page or form; returns the number of images."""
    objects = fpdf.objects(container, depth > 0)
    kinds = list(map(fpdf.object_type, objects))
    images = kinds.count(fpdf.IMAGE_OBJECT)
    fm = out.matrix
    for obj, kind in compress(zip(objects, kinds, strict=True), map(_DRAWN.__contains__, kinds)):
        if kind == fpdf.FORM_OBJECT and depth >= _MAX_DEPTH:
            continue
        fpdf.get_matrix(obj, out.matrix_ref)
        om = compose((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), m)
        if kind == fpdf.PATH_OBJECT:
            _path_edges(obj, om, view, edges, out)
        else:
            images += _objects(obj, om, view, edges, out, depth + 1)
    return images


def rulings(page: Any, m: Matrix, view: View) -> tuple[list[Edge], int]:
    """The ruling edges drawn on ``page`` (a pdfium page handle) and its number of images."""
    edges: list[Edge] = []
    images = _objects(page, m, view, edges, _Out())
    return edges, images
