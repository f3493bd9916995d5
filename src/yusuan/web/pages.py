"""PDF page images for the report page (pypdfium2 renders, Pillow encodes PNG)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium


def render_page(pdf: bytes, number: int, scale: float = 1.5) -> bytes | None:
    """Page ``number`` (1-based) as PNG bytes, or None when there is no such page."""
    doc = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= number <= len(doc):
            return None
        image = doc[number - 1].render(scale=scale).to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
    finally:
        doc.close()
