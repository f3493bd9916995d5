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

A PDF that otherwise has text may hold pages that are images (a table, the stamped
cover or the 绩效目标表 pasted in as a scan, :mod:`yusuan.read.scan_pages`): with the
extra, :func:`read_pages` reads those pages the same way, keeping what little text layer
they have, and :func:`finish` marks only what was read on them; the progress line counts
only those pages.  Without the extra they stay ``pdf-text-not-extractable`` diagnostics
naming the extra and the page (:data:`MISSING_PAGE`), and the rest is read as usual.
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


#: The ``pdf-text-not-extractable`` words for a page to OCR when the extra is missing.
MISSING_PAGE = (
    "第{page}页是扫描图像，没有文字层；识别需要安装 OCR 组件：pip install 'yusuan[ocr]'",
    "page {page} is a scanned image without a text layer; to read it install the OCR extra: "
    "pip install 'yusuan[ocr]'",
)


def read_pages(
    path: Path, contents: list[PageContent], numbers: list[int]
) -> tuple[list[PageContent], list[int]]:
    """``contents`` with the pages ``numbers`` (1-based) read by OCR, each keeping its own
    few characters (progress told for those pages only), and the pages OCR found text on;
    a page it found none on stays as it was (a picture: its diagnostic stays).  The extra
    must be installed."""
    from yusuan.read.ocr_page import read_scanned_page

    out = list(contents)
    read: list[int] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for k, number in enumerate(numbers):
            ocr_progress.tell(k + 1, len(numbers))
            page = pdf[number - 1]
            layer = contents[number - 1].chars
            try:
                content = read_scanned_page(page, number, layer)
            finally:
                page.close()
            if len(content.chars) > len(layer):
                out[number - 1] = content
                read.append(number)
    finally:
        pdf.close()
    return out, read


def pages_text(numbers: list[int]) -> tuple[str, str]:
    """Pages as a list a reader says: (``5、7``, ``5, 7``)."""
    return "、".join(map(str, numbers)), ", ".join(map(str, numbers))


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
                contents.append(read_scanned_page(page, i + 1, carry=carry))
            finally:
                page.close()
    finally:
        pdf.close()
    if not any(c.chars for c in contents):
        raise InputError(*NOTHING_READ)
    return contents


def _mark(source: Source) -> Source:
    return source.model_copy(update={"ocr": True})


def _table(t: RawTable, read: set[int] | None) -> None:
    """Columns checked and sources marked, on the pages ``read`` by OCR (None: all)."""

    def ocr(source: Source) -> bool:
        return read is None or source.page in read

    columns: dict[int, list[RawCell]] = defaultdict(list)
    for row in t.rows:
        for c in row:
            columns[c.source.col if c.source.col is not None else -1].append(c)
    for cells in columns.values():
        for cell, text in zip(cells, column_check(c.text for c in cells), strict=True):
            if ocr(cell.source):  # a text-layer cell sets its column's decimals, never unsure
                cell.text = text
    for row in t.rows:
        for c in row:
            if ocr(c.source):
                c.source = _mark(c.source)
    if ocr(t.source):
        t.source = _mark(t.source)


def finish(doc: RawDocument, pages: int, read: list[int] | None = None) -> RawDocument:
    """``doc`` read from a PDF of ``pages`` pages, all scanned or only the pages ``read``
    (1-based): columns checked, every source on those pages marked OCR, and a diagnostic
    naming them."""
    on = None if read is None else set(read)
    for block in doc.blocks:
        if isinstance(block, RawTable):
            _table(block, on)
        elif on is None or block.source.page in on:
            block.source = _mark(block.source)
    if read is None:
        doc.diagnostics.append(
            f"{OCR_READ} page 1: 全部 {pages} 页为扫描件，文字由 OCR 识别，数字请核对原件 / "
            f"all {pages} pages are scanned; the text was read by OCR, check the figures "
            "against the original"
        )
    else:
        zh, en = pages_text(read)
        doc.diagnostics.append(
            f"{OCR_READ} page {read[0]}: 第 {zh} 页为扫描图像，文字由 OCR 识别，数字请核对原件 / "
            f"page{'s' if len(read) > 1 else ''} {en} "
            f"{'are scanned images' if len(read) > 1 else 'is a scanned image'}; "
            "the text was read by OCR, check the figures against the original"
        )
    return doc
