"""A scanned page as an image: rendered, de-skewed, and its ruling lines found.

The page is rendered with pypdfium2 at a given resolution and turned to grey.  A scan
is rarely straight: the skew is the angle (within ±:data:`MAX_SKEW` degrees) at which
the dark pixels' row profile is sharpest — text lines and table rulings both line up
with the page then — found on a reduced image and undone on the full one.

Ruling lines are long thin runs of dark pixels: a morphological opening with a long
horizontal (or vertical) kernel keeps them and drops the glyphs, whose strokes are
shorter than a character.  A big title's strokes (the 一 of a 22 pt 上海市…) are longer
than that: a run lying wholly inside a text region OCR read is a stroke of its glyphs,
not a ruling (:func:`outside_text`), so a title is never taken for a table.  Each connected run becomes an :class:`~yusuan.read.pdf_rulings.Edge`
in points, so the PDF reader's grid builder (:mod:`yusuan.read.pdf_grid`) cuts the
table from them as it does from drawn rulings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium

from yusuan.read.pdf_rulings import Edge

#: The largest skew (degrees, either way) looked for.
MAX_SKEW = 2.0
#: The skew is searched in steps of this many degrees.
SKEW_STEP = 0.05
#: A ruling is at least this long (points): longer than any glyph stroke.
MIN_RULING = 12.0

Image = Any  # a numpy array of uint8, height × width (grey)


@dataclass(slots=True)
class PageImage:
    """A page rendered and straightened: ``pixels`` (grey) at ``dpi``, the page size in points."""

    pixels: Image
    dpi: float
    width: float
    height: float
    skew: float = 0.0  # degrees undone

    @property
    def scale(self) -> float:
        """Points per pixel."""
        return 72.0 / self.dpi


def render(page: pdfium.PdfPage, dpi: float) -> PageImage:
    """``page`` rendered in grey at ``dpi`` (rotation as displayed)."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    try:
        pil = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    width, height = page.get_size()
    return PageImage(np.asarray(pil, dtype=np.uint8).copy(), dpi, width, height)


def _ink(pixels: Image) -> Image:
    """Dark pixels as 255, the rest 0 (Otsu's threshold: robust to grey paper and noise)."""
    _, ink = cv2.threshold(pixels, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def rotate(pixels: Image, degrees: float, fill: int) -> Image:
    h, w = pixels.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), degrees, 1.0)
    return cv2.warpAffine(
        pixels, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )


def skew_angle(pixels: Image) -> float:
    """The rotation (degrees, counter-clockwise positive as OpenCV counts) that straightens
    the page: the one whose row profile of ink has the greatest variance."""
    ink = _ink(pixels)
    h, w = ink.shape
    factor = min(1.0, 1000.0 / max(h, w))
    small = cv2.resize(ink, (int(w * factor), int(h * factor)), interpolation=cv2.INTER_AREA)
    best, best_score = 0.0, -1.0
    steps = round(MAX_SKEW / SKEW_STEP)
    for k in range(-steps, steps + 1):
        angle = k * SKEW_STEP
        profile = rotate(small, angle, 0).sum(axis=1, dtype=np.float64)
        score = float(np.var(profile))
        if score > best_score:
            best, best_score = angle, score
    return best


def deskew(image: PageImage) -> PageImage:
    """``image`` straightened (the skew found by :func:`skew_angle`; none under 0.05°)."""
    angle = skew_angle(image.pixels)
    if abs(angle) < SKEW_STEP / 2:
        return image
    pixels = rotate(image.pixels, angle, 255)
    return PageImage(pixels, image.dpi, image.width, image.height, angle)


def rulings(image: PageImage) -> list[Edge]:
    """The horizontal and vertical ruling lines of a straightened page, in points."""
    ink = _ink(image.pixels)
    length = max(8, int(MIN_RULING / image.scale))
    edges: list[Edge] = []
    for orient, kernel in (
        ("h", cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))),
        ("v", cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))),
    ):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        # close the small gaps noise leaves in a printed line
        bridge = (3, 1) if orient == "h" else (1, 3)
        lines = cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        s = image.scale
        for k in range(1, count):
            x, y, w, h = (int(v) for v in stats[k][:4])
            if orient == "h":
                if w < length or h > length / 2:
                    continue
                mid = (y + h / 2.0) * s
                edges.append(Edge("h", x * s, mid, (x + w) * s, mid))
            else:
                if h < length or w > length / 2:
                    continue
                mid = (x + w / 2.0) * s
                edges.append(Edge("v", mid, y * s, mid, (y + h) * s))
    return edges


#: How far (points) a glyph's stroke may stand outside the box OCR gives its text region.
STROKE_SLACK = 1.0


def outside_text(
    edges: list[Edge], boxes: Iterable[tuple[float, float, float, float]], scale: float
) -> list[Edge]:
    """``edges`` without those lying wholly inside one of the text regions ``boxes``
    (pixels; ``scale`` points per pixel): those are strokes of the glyphs read there.  A
    table's ruling runs between its cells' regions, never inside one."""
    pts = [(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in boxes]
    d = STROKE_SLACK
    return [
        e
        for e in edges
        if not any(
            x0 - d <= e.x0 and e.x1 <= x1 + d and top - d <= e.top and e.bottom <= bottom + d
            for x0, top, x1, bottom in pts
        )
    ]
