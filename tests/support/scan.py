"""Scanned-looking PDFs made from pages of text PDFs (for the OCR reader's tests and bench).

A page is rendered with pypdfium2, turned a fraction of a degree (a sheet fed askew),
given grain (Gaussian noise), JPEG-compressed at quality 60 and wrapped, one image per
page and no text layer, into a new PDF of the same page size (Pillow's PDF writer).
"""

from __future__ import annotations

import ctypes
import io
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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


def mixed(source: Path, scans: Sequence[int], out: Path, *, folio: bool = False) -> Path:
    """A copy of ``source`` at ``out`` whose pages ``scans`` (1-based) are replaced by their
    scans (:func:`scanned`), the other pages keeping their text layer: a package with a table
    pasted in as a scan.  ``folio``: each scanned page gets its page number typed as text at
    its foot, as a publisher numbering the pages after pasting the scan in does."""
    scan = scanned(source, scans, out.with_suffix(".scans.pdf"))
    src = pdfium.PdfDocument(str(source))
    images = pdfium.PdfDocument(str(scan))
    dst = pdfium.PdfDocument.new()
    try:
        for i in range(len(src)):
            if i + 1 in scans:
                dst.import_pages(images, [list(scans).index(i + 1)])
                if folio:
                    _type(dst, len(dst) - 1, f"- {i + 1} -")
            else:
                dst.import_pages(src, [i])
        dst.save(str(out))
    finally:
        dst.close()
        images.close()
        src.close()
    return out


def _type(pdf: pdfium.PdfDocument, index: int, text: str) -> None:
    """``text`` typed in Helvetica 10 pt, centred at the foot of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        width = page.get_width()
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(10.0))
        data = (text + "\0").encode("utf-16-le")
        buf = ctypes.create_string_buffer(data, len(data))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, width / 2 - 12, 30)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    finally:
        page.close()


def with_image(
    source: Path, page: int, box: tuple[float, float, float, float], out: Path, *, seed: int = 0
) -> Path:
    """A copy of ``source`` at ``out`` with a photo (grey noise, smoothed) drawn over page
    ``page`` (1-based) at ``box`` (x0, top, x1, bottom as fractions of the page): a text page
    carrying a large photo or logo."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, (120, 160), dtype=np.uint8)
    photo = Image.fromarray(pixels).resize((640, 480), Image.Resampling.BILINEAR)
    with _edited(source, page, out) as (pdf, p):
        w, h = p.get_width(), p.get_height()
        x0, top, x1, bottom = box
        matrix = pdfium.PdfMatrix().scale((x1 - x0) * w, (bottom - top) * h)
        _place(pdf, p, photo, matrix.translate(x0 * w, (1 - bottom) * h))
    return out


@contextmanager
def _edited(
    source: Path, page: int, out: Path
) -> Iterator[tuple[pdfium.PdfDocument, pdfium.PdfPage]]:
    """``source`` opened with its page ``page`` (1-based) to change; saved to ``out`` after."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        p = pdf[page - 1]
        try:
            yield pdf, p
        finally:
            p.close()
        pdf.save(str(out))
    finally:
        pdf.close()


def _place(
    pdf: pdfium.PdfDocument, page: pdfium.PdfPage, picture: Image.Image, matrix: pdfium.PdfMatrix
) -> None:
    """Draw ``picture`` on ``page`` where ``matrix`` puts the unit square, and write the page."""
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(picture))
    image.set_matrix(matrix)
    page.insert_obj(image)
    page.gen_content()


def pasted(
    source: Path, page: int, top: float, out: Path, *, dpi: int = 200, seed: int = 0
) -> Path:
    """A copy of ``source`` at ``out`` whose page ``page`` (1-based) keeps its text above
    ``top`` (points from the top: a typed title and unit line) while everything below is
    replaced by its scan (rendered, noised, JPEG quality 60, pasted as one image): a table
    pasted into a text document as a scan."""
    rng = np.random.default_rng(seed)
    with _edited(source, page, out) as (pdf, p):
        w, h = p.get_width(), p.get_height()
        grey = p.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        cut = grey.crop((0, round(top * dpi / 72), grey.width, grey.height))
        pixels = np.asarray(cut, dtype=np.float64)
        pixels = np.clip(pixels + rng.normal(0.0, 12.0, pixels.shape), 0, 255)
        buf = io.BytesIO()
        Image.fromarray(pixels.astype(np.uint8)).save(buf, "JPEG", quality=60)
        buf.seek(0)
        scan = Image.open(buf).convert("L")
        for obj in list(p.get_objects(max_depth=1)):
            if h - obj.get_bounds()[3] >= top - 0.5:  # drawn wholly below ``top``
                p.remove_obj(obj)
        _place(pdf, p, scan, pdfium.PdfMatrix().scale(w, h - top))
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
