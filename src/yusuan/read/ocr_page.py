"""One scanned page as the PDF reader's page content: characters and ruling edges.

The page is rendered at :data:`DPI` and straightened (:mod:`yusuan.read.ocr_image`),
its text regions found and read (:mod:`yusuan.read.ocr_engine`).  Every region that
reads as a number is read a second time from the page rendered at :data:`SECOND_DPI`
(the same straightening, the region's box scaled) and kept only when both readings
agree (:func:`yusuan.read.ocr_numbers.read_token`).

A region becomes characters laid side by side across its box (a CJK character one
unit wide, any other half a unit), so the PDF reader's line grouping, grid filling
and stitching (:mod:`yusuan.read.pdf`) handle a scanned page exactly as a page with a
text layer: a cell is the characters whose centre it holds, so a region read in one
column is never shifted into the next, and a cell nothing was read in stays blank.

A table printed without vertical rulings gets a lattice rebuilt from the region boxes
(:mod:`yusuan.read.ocr_tables`), added to the page's rulings before the characters are
laid; ``carry`` lets a 续表 on the next page be cut into the same columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np
import pypdfium2 as pdfium

from yusuan import regex
from yusuan.read import ocr_engine
from yusuan.read.ocr_image import PageImage, deskew, outside_text, render, rotate, rulings
from yusuan.read.ocr_numbers import is_numberish, normalize, read_token
from yusuan.read.ocr_tables import Carry, PageTables, find_tables, join
from yusuan.read.pdf_chars import Char
from yusuan.read.pdf_page import PageContent
from yusuan.read.pdf_rulings import Edge

#: The resolution a page is read at, and the one amounts are read again at.
DPI = 200.0
SECOND_DPI = 300.0
#: What a label read again from its cell's left ruling may add in front of the first reading.
_PREFIX = regex.compile(r"^[\u4e00-\u9fff0-9、，．.（）()]+$")
#: Pixels (at the second resolution) added around a region's box when it is cut out.
PAD = 4


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def region_chars(text: str, box: tuple[float, float, float, float]) -> list[Char]:
    """``text`` as characters side by side across ``box`` (points), no gap between them."""
    x0, top, x1, bottom = box
    units = [_width(ch) for ch in text]
    total = sum(units) or 1.0
    step = (x1 - x0) / total
    out: list[Char] = []
    x = x0
    ymid = (top + bottom) / 2
    for ch, u in zip(text, units, strict=True):
        right = x + u * step
        out.append((x, top, right, bottom, (x + right) / 2, ymid, ch))
        x = right
    return out


#: A region this much taller or shorter than the page's usual one is set in another size.
OTHER_SIZE = 1.3


def steady(
    boxes: list[tuple[float, float, float, float]],
) -> list[tuple[float, float, float, float]]:
    """``boxes`` with the height of those within :data:`OTHER_SIZE` of the page's median
    region height set to that median (about the same middle): a region's box follows the
    glyphs it holds (a short ``为。`` is padded more than a full line), but its text is set
    in the body size, and the reader compares sizes to join wrapped lines.  A title's
    region, well taller, keeps its height."""
    heights = sorted(b[3] - b[1] for b in boxes)
    if not heights:
        return boxes
    usual = heights[len(heights) // 2]
    out = []
    for x0, top, x1, bottom in boxes:
        h = bottom - top
        if usual / OTHER_SIZE < h < usual * OTHER_SIZE:
            mid = (top + bottom) / 2
            top, bottom = mid - usual / 2, mid + usual / 2
        out.append((x0, top, x1, bottom))
    return out


def _left_ruling(box: tuple[float, float, float, float], verticals: list[Edge]) -> float | None:
    """The x (pixels) of the nearest vertical ruling left of ``box`` spanning its middle."""
    x0, top, _, bottom = box
    mid = (top + bottom) / 2
    xs = [e.x0 for e in verticals if e.top <= mid <= e.bottom and e.x0 < x0]
    return max(xs) if xs else None


def widened(
    image: PageImage, regions: list[ocr_engine.Region], edges: list[Edge]
) -> dict[int, str]:
    """Labels read again from their cell's left ruling on (the detector can leave out a
    lone leading stroke such as the ``一`` of ``一、一般公共预算``).  A new reading is kept
    only when it ends with the first one and what it adds in front is characters or
    numbering (:data:`_PREFIX`, not a ruling read as ``|`` or ``☑``): none changed."""
    s = image.scale
    verticals = [
        Edge("v", e.x0 / s, e.top / s, e.x1 / s, e.bottom / s) for e in edges if e.orient == "v"
    ]
    wanted: list[int] = []
    boxes: list[tuple[float, float, float, float]] = []
    for i, r in enumerate(regions):
        if is_numberish(normalize(r.text)):
            continue
        x0, top, x1, bottom = r.box
        left = _left_ruling(r.box, verticals)
        height = bottom - top
        if left is None or x0 - left < 0.6 * height or x0 - left > 4 * height:
            continue
        if in_front(r, left, regions):
            continue  # another region stands between the ruling and this one
        wanted.append(i)
        boxes.append((left + 0.25 * height, top, x1, bottom))  # past the ruling's ink
    texts = ocr_engine.reread(_crops(image, boxes, pad=0))
    return {
        i: text.strip()
        for i, text in zip(wanted, texts, strict=True)
        if widens(regions[i].text, text)
    }


def in_front(r: ocr_engine.Region, left: float, regions: list[ocr_engine.Region]) -> bool:
    """True when another region on ``r``'s line starts between the ruling at ``left`` and
    ``r`` (touching or overlapping ``r`` by a few pixels, as the detector's boxes do: the
    ``一、`` of ``一、财政拨款收入`` read as a region of its own)."""
    x0, top, _, bottom = r.box
    return any(
        o is not r and o.box[2] > left and o.box[0] < x0 and o.box[1] < bottom and o.box[3] > top
        for o in regions
    )


def widens(first: str, again: str) -> bool:
    """True when ``again`` (a label read from its cell's ruling on) adds what the detector
    left out in front of ``first``: it ends with ``first``, what it adds is characters or
    numbering (:data:`_PREFIX`), and that is not ``first``'s own start read twice
    (``一、一、财政拨款收入``: a guard, should a crop take in a numbering read already)."""
    first, again = first.strip(), again.strip()
    if len(again) <= len(first) or not again.endswith(first):
        return False
    added = again[: len(again) - len(first)]
    return bool(_PREFIX.match(added)) and not first.startswith(added)


def _crops(
    second: PageImage, boxes: list[tuple[float, float, float, float]], pad: int = PAD
) -> list[Any]:
    """The parts of ``second`` under ``boxes`` (pixels at :data:`DPI`), ``pad`` pixels more."""
    h, w = second.pixels.shape[:2]
    k = second.dpi / DPI
    crops = []
    for x0, top, x1, bottom in boxes:
        a = max(0, int(x0 * k) - pad)
        b = max(0, int(top * k) - pad)
        c = min(w, int(x1 * k) + pad + 1)
        d = min(h, int(bottom * k) + pad + 1)
        crops.append(np.ascontiguousarray(second.pixels[b:d, a:c]))
    return crops


def _holds_text(box: tuple[float, float, float, float], text: Sequence[Char], s: float) -> bool:
    """True when ``box`` (pixels, ``s`` points a pixel) holds the centre of a character of
    the page's own text layer."""
    x0, top, x1, bottom = box[0] * s, box[1] * s, box[2] * s, box[3] * s
    return any(x0 <= ch[4] <= x1 and top <= ch[5] <= bottom for ch in text)


def read_scanned_page(
    page: pdfium.PdfPage, number: int, layer: Sequence[Char] = (), *, carry: Carry | None = None
) -> PageContent:
    """The characters and rulings OCR finds on a page without a text layer (1-based ``number``).

    ``layer`` is what little text layer the page has (a running header, a page number, a
    typed title above a pasted scan, :mod:`yusuan.read.scan_pages`): those characters are
    kept as they are, and a region holding one of them is not taken from OCR.  ``carry``
    passes an unruled table's columns on to the next page (a 续表)."""
    image = deskew(render(page, DPI))
    regions = [r for r in ocr_engine.detect(image.pixels) if r.text.strip()]
    if layer:
        regions = [r for r in regions if not _holds_text(r.box, layer, image.scale)]
    edges = outside_text(rulings(image), [r.box for r in regions], image.scale)
    for i, text in widened(image, regions, edges).items():
        regions[i].text = text
    numeric = [i for i, r in enumerate(regions) if is_numberish(normalize(r.text))]
    second_texts: dict[int, str] = {}
    if numeric:
        second = render(page, SECOND_DPI)
        if image.skew:
            second = PageImage(
                rotate(second.pixels, image.skew, 255), second.dpi, second.width, second.height
            )
        texts = ocr_engine.reread(_crops(second, [regions[i].box for i in numeric]))
        second_texts = dict(zip(numeric, texts, strict=True))
    s = image.scale
    texts = [read_token(r.text, second_texts.get(i)) for i, r in enumerate(regions)]
    boxes = [
        (x0 * s, top * s, x1 * s, bottom * s)
        for x0, top, x1, bottom in steady([r.box for r in regions])
    ]
    tables = find_tables(number, texts, boxes, edges)
    if carry is not None:
        if carry.tables is not None and carry.content is not None and join(carry.tables, tables):
            carry.content.edges, laid = _laid(carry.tables)
            carry.content.chars = [*carry.layer, *laid]
        carry.tables, carry.layer = tables, tuple(layer)
    edges, chars = _laid(tables)
    content = PageContent(number, image.width, image.height, [*layer, *chars], edges, 0, 0)
    content.notes.extend(tables.result()[2])
    if carry is not None:
        carry.content = content
    return content


def _laid(tables: PageTables) -> tuple[list[Edge], list[Char]]:
    """The page's edges and its regions' characters, the unruled tables' lattices in."""
    edges, boxes, _ = tables.result()
    chars: list[Char] = []
    for text, box in zip(tables.texts, boxes, strict=True):
        chars.extend(region_chars(text, box))
    return edges, chars
