"""A picture of what the PDF reader found on one page: rulings, cells, tables, text.

Drawn over the rendered page (pypdfium2 renders, Pillow draws):

- thin blue lines: the ruling edges read from the page's paths;
- red boxes: the cells of each ruled table, merged cells as one box;
- a red label above each table: its number and what recognition made of it
  (``#3 revenue``, or ``#4 unknown`` when no title matched);
- green boxes: the first line of each paragraph outside the tables.

So a user sees why a table was, or was not, recognized: no red grid means no
rulings were found; a grid without a label means no title matched.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.read.pdf import open_pdf
from yusuan.read.pdf_page import read_page
from yusuan.read.raw import RawDocument


def draw_page(
    path: str | Path,
    page: int,
    raw: RawDocument,
    disclosure: Disclosure | None = None,
    scale: float = 2.0,
) -> Image.Image:
    """Render page ``page`` (1-based) of ``path`` with the reader's findings drawn on it."""
    pdf = open_pdf(Path(path))
    try:
        if not 1 <= page <= len(pdf):
            raise InputError(
                f"页码 {page} 超出范围（共 {len(pdf)} 页）",
                f"page {page} is out of range (the file has {len(pdf)} pages)",
            )
        content = read_page(pdf, page - 1)
        bitmap = pdf[page - 1].render(scale=scale)
        image: Image.Image = bitmap.to_pil().convert("RGB")
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)

    def box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)

    for e in content.edges:
        draw.line(box((e.x0, e.top, e.x1, e.bottom))[:4], fill=(40, 110, 255), width=1)
    tables = raw.tables()
    for k, block in enumerate(tables):
        cells = [c for row in block.rows for c in row if c.source.page == page and c.source.bbox]
        for c in cells:
            assert c.source.bbox is not None
            draw.rectangle(box(c.source.bbox), outline=(220, 30, 30), width=2)
        if not cells:
            continue
        x0 = min(c.source.bbox[0] for c in cells if c.source.bbox)
        y0 = min(c.source.bbox[1] for c in cells if c.source.bbox)
        label = f"#{k}"
        if disclosure is not None and k < len(disclosure.tables):
            t = disclosure.tables[k]
            label += f" {t.id.value}"  # ASCII: Pillow's default font has no CJK glyphs
        draw.text((x0 * scale, max(0.0, y0 * scale - 14)), label, fill=(220, 30, 30))
    for para in raw.paragraphs():
        if para.source.page == page and para.source.bbox:
            draw.rectangle(box(para.source.bbox), outline=(20, 150, 60), width=1)
    return image


__all__ = ["draw_page"]
