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

from support.pdf_maker import Page, write_pdf


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


#: The amounts of :func:`defect_page`: a 收入 table whose 合计 (30.00) is not the sum of its
#: items (10.00 + 5.00), and a 支出 table with a malformed (``21.955.35``) and a point-less
#: (``000`` among two-decimal figures) amount.
REVENUE = [
    ("项目", "金额"),
    ("合计", "30.00"),
    ("一、财政拨款收入", "10.00"),
    ("二、事业收入", "5.00"),
]
SPENDING = [("项目", "金额"), ("合计", "21.955.35"), ("基本支出", "12.50"), ("项目支出", "000"),
            ("事业单位经营支出", "3.25"), ("其他支出", "6.20")]  # fmt: skip


def defect_page(out: Path) -> Path:
    """A one-page text PDF at ``out`` with two ruled tables (:data:`REVENUE`, :data:`SPENDING`):
    the page the OCR tests scan to show a real defect and unreadable figures on a scan."""
    xs = [50.0, 300.0, 450.0]
    page = Page().text(50, 60, "部门收入总表", 16).text(50, 92, "单位：万元", 10)
    for title, rows, top in (("", REVENUE, 120.0), ("部门支出总表", SPENDING, 310.0)):
        if title:
            page.text(50, top - 30, title, 16)
        ys = [top + 24.0 * k for k in range(len(rows) + 1)]
        page.grid(xs, ys)
        for (label, amount), y in zip(rows, ys, strict=False):
            page.text(56, y + 6, label, 12).text(310, y + 6, amount, 12)
    return write_pdf(out, [page])
