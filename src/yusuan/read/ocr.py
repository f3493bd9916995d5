"""Scanned PDFs: every page read with offline OCR, then as a page with a text layer.

A PDF none of whose pages has a text layer but which holds images is a scan.  With
the ``ocr`` extra installed (:mod:`yusuan.read.ocr_engine`), each page is read by
:func:`yusuan.read.ocr_page.read_scanned_page` into the same characters and rulings
the text-layer reader extracts, and :mod:`yusuan.read.pdf` builds lines, tables and
continuations from them as usual.  Without the extra the scan is refused with one
line naming ``pip install 'yusuan[ocr]'``.

After the blocks are built, :func:`finish` applies what needs a whole table (a
figure printed without the decimals the rest of its column prints is unsure,
:func:`yusuan.read.ocr_numbers.column_check`) and marks every source ``ocr=True``:
the model, the reports and the web say which values come from OCR, and the check
caps a finding that rests on one (:func:`yusuan.check.capped`).

Only whole scans are read this way: an image-only page inside a PDF with a text
layer stays a diagnostic (``pdf-text-not-extractable``), as before.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.errors import InputError
from yusuan.model import Source
from yusuan.read import ocr_engine, ocr_progress
from yusuan.read.ocr_numbers import column_check
from yusuan.read.pdf_page import PageContent
from yusuan.read.raw import RawCell, RawDocument, RawTable

#: The diagnostic kind that says a document was read by OCR (its pages listed).
OCR_READ = "ocr"

#: Refused even with the extra: OCR found no text on any page.
NOTHING_READ = (
    "这是扫描件：PDF 没有文字层，OCR 也未识别出文字（请提供带文字的 PDF 或 Word/Excel 原件）",
    "this is a scanned PDF without a text layer and OCR found no text in it; "
    "provide a text PDF, Word or Excel file",
)


def read_scanned(path: Path) -> list[PageContent]:
    """Every page of the scan at ``path`` read by OCR (progress told page by page)."""
    if not ocr_engine.available():
        raise InputError(*ocr_engine.MISSING)
    from yusuan.read.ocr_page import read_scanned_page
    from yusuan.read.ocr_tables import Carry

    pdf = pdfium.PdfDocument(str(path))
    try:
        n = len(pdf)
        contents = []
        carry = Carry()  # an unruled table's columns, for its 续表 on the next page
        for i in range(n):
            ocr_progress.tell(i + 1, n)
            page = pdf[i]
            try:
                contents.append(read_scanned_page(page, i + 1, carry))
            finally:
                page.close()
    finally:
        pdf.close()
    if not any(c.chars for c in contents):
        raise InputError(*NOTHING_READ)
    return contents


def _mark(source: Source) -> Source:
    return source.model_copy(update={"ocr": True})


def _table(t: RawTable) -> None:
    columns: dict[int, list[RawCell]] = defaultdict(list)
    for row in t.rows:
        for c in row:
            columns[c.source.col if c.source.col is not None else -1].append(c)
    for cells in columns.values():
        for cell, text in zip(cells, column_check(c.text for c in cells), strict=True):
            cell.text = text
    for row in t.rows:
        for c in row:
            c.source = _mark(c.source)
    t.source = _mark(t.source)


def finish(doc: RawDocument, pages: int) -> RawDocument:
    """``doc`` read from a scan of ``pages`` pages: columns checked, every source marked OCR."""
    for block in doc.blocks:
        if isinstance(block, RawTable):
            _table(block)
        else:
            block.source = _mark(block.source)
    doc.diagnostics.append(
        f"{OCR_READ} page 1: 全部 {pages} 页为扫描件，文字由 OCR 识别，数字请核对原件 / "
        f"all {pages} pages are scanned; the text was read by OCR, check the figures "
        "against the original"
    )
    return doc
