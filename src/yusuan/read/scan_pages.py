"""Pages of a PDF with a text layer that are images to read by OCR (a scan pasted in).

Real packages mix the two: the tables exported from the finance system as text, one
table, the stamped cover or the 绩效目标表 pasted in as a scan.  A page is read by OCR
(:func:`yusuan.read.ocr.read_pages`) when images cover most of it and its text layer
holds almost nothing:

- the images (their union, :func:`cover`) cover at least ``min_cover`` of the page;
- the text layer holds at most ``max_chars`` characters, at most ``max_body_chars`` of
  them outside the top and bottom ``margin`` of the page (a running header, a page
  number, or a typed title above the pasted table), and
- none of those body characters is drawn over an image: text over a picture is a page
  with a background (a cover with its title typed on it), not a scan.

A text page carrying a photo, a logo or a chart fails the first or the second test.
The thresholds live in ``data/scanned_pages.toml``; only a page holding an image and
few characters is looked at more closely, so a text PDF pays nothing for this.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pr

from yusuan.read import pdf_calls as fpdf
from yusuan.read.pdf_page import PageContent
from yusuan.read.pdf_view import IDENTITY, Matrix, View, compose

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in displayed points

_MAX_DEPTH = 8  # nested forms deeper than this are not looked into
_BANDS = 200  # horizontal bands the page is cut into to measure the images' union
_UNIT = ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))  # an image fills its unit square


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a page is an image to OCR (``data/scanned_pages.toml``)."""

    min_cover: float  # fraction of the page area the images cover
    max_chars: int  # characters of the text layer in all
    max_body_chars: int  # characters outside the margin bands
    margin: float  # top and bottom band, fraction of the page height


@cache
def thresholds() -> Thresholds:
    """The thresholds as shipped in ``yusuan/data/scanned_pages.toml`` (read when a page
    holding an image is first looked at, not when a PDF is)."""
    import tomllib

    text = resources.files("yusuan").joinpath("data/scanned_pages.toml").read_text("utf-8")
    values = tomllib.loads(text)["pages"]
    return Thresholds(
        min_cover=float(values["min_cover"]),
        max_chars=int(values["max_chars"]),
        max_body_chars=int(values["max_body_chars"]),
        margin=float(values["margin"]),
    )


def _image_matrices(container: Any, m: Matrix, depth: int, out: list[Matrix]) -> None:
    objects = fpdf.objects(container, depth > 0)
    fm = pr.FS_MATRIX()
    ref = ctypes.byref(fm)
    for obj in objects:
        kind = fpdf.object_type(obj)
        if kind not in (fpdf.IMAGE_OBJECT, fpdf.FORM_OBJECT):
            continue
        fpdf.get_matrix(obj, ref)
        om = compose((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), m)
        if kind == fpdf.IMAGE_OBJECT:
            out.append(om)
        elif depth < _MAX_DEPTH:
            _image_matrices(obj, om, depth + 1, out)


def image_boxes(page: pdfium.PdfPage) -> list[Box]:
    """The boxes of the images drawn on ``page`` (in forms too), in displayed points,
    cut to the page."""
    view = View(page)
    matrices: list[Matrix] = []
    _image_matrices(page.raw, IDENTITY, 0, matrices)
    boxes: list[Box] = []
    for a, b, c, d, e, f in matrices:  # an image fills the unit square of its matrix
        corners = [view.point(u * a + v * c + e, u * b + v * d + f) for u, v in _UNIT]
        xs = [p[0] for p in corners]
        ys = [p[1] for p in corners]
        x0, x1 = max(0.0, min(xs)), min(view.width, max(xs))
        top, bottom = max(0.0, min(ys)), min(view.height, max(ys))
        if x1 > x0 and bottom > top:
            boxes.append((x0, top, x1, bottom))
    return boxes


def cover(boxes: list[Box], width: float, height: float) -> float:
    """The fraction of a ``width`` × ``height`` page the union of ``boxes`` covers
    (measured on :data:`_BANDS` horizontal bands)."""
    if not boxes or width <= 0 or height <= 0:
        return 0.0
    covered = 0.0
    for k in range(_BANDS):
        y = (k + 0.5) * height / _BANDS
        spans = sorted((b[0], b[2]) for b in boxes if b[1] <= y <= b[3])
        end = 0.0
        for x0, x1 in spans:
            if x1 > end:
                covered += x1 - max(x0, end)
                end = x1
    return covered / (width * _BANDS)


def is_image_page(content: PageContent, boxes: list[Box], t: Thresholds) -> bool:
    """True when ``content`` (a page's text layer) with images at ``boxes`` is an image
    to read by OCR (the tests of the module's docstring)."""
    chars = [ch for ch in content.chars if not ch[6].isspace()]
    if len(chars) > t.max_chars or cover(boxes, content.width, content.height) < t.min_cover:
        return False
    top, bottom = t.margin * content.height, (1 - t.margin) * content.height
    body = [ch for ch in chars if top <= ch[5] <= bottom]
    if len(body) > t.max_body_chars:
        return False
    return not any(
        x0 <= ch[4] <= x1 and y0 <= ch[5] <= y1 for ch in body for x0, y0, x1, y1 in boxes
    )


def image_pages(pdf: pdfium.PdfDocument, contents: list[PageContent]) -> list[int]:
    """The pages (1-based) of ``pdf`` to read by OCR: images over most of the page, a
    text layer holding almost nothing (:func:`is_image_page`)."""
    found: list[int] = []
    for c in contents:
        if not c.images:
            continue
        t = thresholds()
        if len(c.chars) > 4 * t.max_chars:  # spaces included: surely a text page
            continue
        page = pdf[c.number - 1]
        try:
            boxes = image_boxes(page)
        finally:
            page.close()
        if is_image_page(c, boxes, t):
            found.append(c.number)
    return found
