"""Page geometry: PDF user space to the displayed page.

The reader works in PDF points with the origin at the top-left of the page as
displayed (``/Rotate`` applied), like pdfplumber's ``top``/``bottom``.
:class:`View` maps a point of user space there; :func:`compose` chains the
transformation matrices of nested form objects.
"""

from __future__ import annotations

import pypdfium2 as pdfium

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
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


class View:
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
