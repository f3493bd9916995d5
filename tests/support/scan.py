"""Scanned-looking PDFs made from pages of text PDFs (for the OCR reader's tests and bench).

A page is rendered with pypdfium2, turned a fraction of a degree (a sheet fed askew),
given grain (Gaussian noise), JPEG-compressed at quality 60 and wrapped, one image per
page and no text layer, into a new PDF of the same page size (Pillow's PDF writer).
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image


def scanned(
    source: Path,
    pages: Sequence[int],
    out: Path,
    *,
    dpi: int = 300,
    angle: float = 0.6,
    noise: float = 12.0,
    quality: int = 60,
    seed: int = 0,
) -> Path:
    """An image-only PDF at ``out`` of ``pages`` (1-based) of ``source``, each page rotated
    by ``angle`` degrees (alternating in sign), noised and JPEG-compressed."""
    rng = np.random.default_rng(seed)
    turn = random.Random(seed)
    pdf = pdfium.PdfDocument(str(source))
    images: list[Image.Image] = []
    try:
        for k, number in enumerate(pages):
            page = pdf[number - 1]
            try:
                grey = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            finally:
                page.close()
            sign = 1 if k % 2 == 0 else -1
            a = sign * (angle + turn.uniform(-0.05, 0.05))
            grey = grey.rotate(a, resample=Image.Resampling.BILINEAR, fillcolor=255)
            pixels = np.asarray(grey, dtype=np.float64)
            pixels = np.clip(pixels + rng.normal(0.0, noise, pixels.shape), 0, 255)
            buf = io.BytesIO()
            Image.fromarray(pixels.astype(np.uint8)).save(buf, "JPEG", quality=quality)
            buf.seek(0)
            images.append(Image.open(buf).convert("L"))
    finally:
        pdf.close()
    images[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return out


def extract(source: Path, pages: Sequence[int], out: Path) -> Path:
    """``pages`` (1-based) of ``source`` as a PDF with their text layer (the original a scan
    is compared with)."""
    src = pdfium.PdfDocument(str(source))
    dst = pdfium.PdfDocument.new()
    try:
        dst.import_pages(src, [p - 1 for p in pages])
        dst.save(str(out))
    finally:
        dst.close()
        src.close()
    return out
