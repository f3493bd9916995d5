"""Reader for PDF files with a text layer (via pypdfium2, Apache-2.0/BSD).

Each page is read as characters and ruling edges (:mod:`yusuan.read.pdf_page`);
ruled tables become grids of merged cells (:mod:`yusuan.read.pdf_grid`); the
text outside the tables becomes lines and then paragraphs.  Blocks are emitted
in the order they appear on the page (top to bottom), so a title that the
producer wrote after the table body still comes before its table.

A table continued on the next page (续表) is stitched to the table it continues
(:mod:`yusuan.read.pdf_stitch`); the lines outside the tables become paragraphs
(:mod:`yusuan.read.pdf_blocks`).  Every cell and paragraph keeps its page
(1-based) and bounding box.

A PDF without any text layer (a scan) is read by OCR when the ``ocr`` extra is
installed (:mod:`yusuan.read.ocr`) and refused with an :class:`InputError` naming it
otherwise; so are the pages of a text PDF that are images with almost no text layer
(:mod:`yusuan.read.scan_pages`), which without the extra become diagnostics naming it;
a blank page and a page whose glyphs have no Unicode mapping are reported in
``RawDocument.diagnostics`` (see :func:`diagnostic`).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from yusuan import regex
from yusuan.errors import InputError
from yusuan.read.pdf_blocks import blocks
from yusuan.read.pdf_grid import Grid, fill, find_grids, is_table, outside
from yusuan.read.pdf_lines import DEFAULT, Line, Settings, group_lines
from yusuan.read.pdf_page import PageContent, read_page
from yusuan.read.pdf_stitch import Page, Table, stitch_pages
from yusuan.read.raw import RawDocument
from yusuan.read.scan_pages import image_pages

#: Diagnostic kinds (the rule family YS8xx reads them back from these prefixes).
NOT_EXTRACTABLE = "pdf-text-not-extractable"
BLANK_PAGE = "blank-page"
#: a page whose words are pictures: images, and no text but a page number (a cover whose
#: title is an image); no rule reports it, rules that miss what it holds name it in their reason
IMAGE_TEXT = "image-text"

_FOLIO = regex.compile(
    r"^(?:[-—–－─━\s]*\d{1,4}[-—–－─━\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)


def diagnostic(kind: str, page: int, zh: str, en: str) -> str:
    """One diagnostic line: ``KIND page N: 中文 / English``."""
    return f"{kind} page {page}: {zh} / {en}"


def _page_items(content: PageContent, settings: Settings) -> list[tuple[float, Line | Table]]:
    grids: list[Grid] = []
    for grid in find_grids(content.edges, settings):
        fill(grid, grid.inside(content.chars), settings)
        if is_table(grid, settings):
            grids.append(grid)
    rest = outside(grids, content.chars)
    items: list[tuple[float, Line | Table]] = []
    for g in grids:
        rows = [[(content.number, c) for c in row] for row in g.rows]
        items.append((g.ys[0], Table(list(g.xs), rows, g.ys[0], content.number, content.number)))
    h = content.height
    for line in group_lines(rest, settings):
        if not line.text.strip():
            continue  # a line of spaces only
        if _FOLIO.match(line.text) and (line.top > 0.85 * h or line.bottom < 0.12 * h):
            continue  # a page number
        items.append((line.top, line))
    items.sort(key=lambda it: it[0])
    return items


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError(
                "PDF 文件已加密，需要密码才能打开", "the PDF is encrypted (password required)"
            ) from exc
        raise InputError(
            "PDF 文件已损坏或被截断，无法打开", "the PDF is damaged or truncated"
        ) from exc


def read_pdf(path: str | Path, settings: Settings = DEFAULT) -> RawDocument:
    """Read a PDF into paragraphs and tables in reading order."""
    pdf = open_pdf(Path(path))
    try:
        contents = [read_page(pdf, i) for i in range(len(pdf))]
        whole = not any(c.chars for c in contents)
        images = [] if whole else image_pages(pdf, contents)
    finally:
        pdf.close()
    diagnostics: list[str] = []
    scanned = False
    unread: set[int] = set()  # image pages left unread: the OCR extra is not installed
    if not contents or whole:
        if not any(c.images for c in contents):
            raise InputError("PDF 中没有任何文字", "the PDF contains no text at all")
        # a scan: read by OCR when the extra is installed (docs/ocr.md), else refused
        from yusuan.read.ocr import read_scanned

        contents, scanned = read_scanned(Path(path)), True
    elif images:
        # scanned pages inside a text PDF (read/scan_pages.py): read by OCR with the extra
        from yusuan.read import ocr, ocr_engine

        if ocr_engine.available():
            contents, images = ocr.read_pages(Path(path), contents, images)
        else:
            unread = set(images)
    pages: list[Page] = []
    for c in contents:
        diagnostics.extend(c.notes)
        if c.number in unread:
            from yusuan.read.ocr import MISSING_PAGE

            zh, en = (m.format(page=c.number) for m in MISSING_PAGE)
            diagnostics.append(diagnostic(NOT_EXTRACTABLE, c.number, zh, en))
        elif not c.chars and not c.edges:
            if c.images:
                diagnostics.append(
                    diagnostic(
                        NOT_EXTRACTABLE,
                        c.number,
                        f"第{c.number}页只有图片，没有文字层（可能是扫描页）",
                        f"page {c.number} is an image without a text layer",
                    )
                )
            else:
                diagnostics.append(
                    diagnostic(
                        BLANK_PAGE, c.number, f"第{c.number}页是空白页", f"page {c.number} is blank"
                    )
                )
        elif c.images and _FOLIO.match("".join(ch[6] for ch in c.chars).strip() or "0"):
            diagnostics.append(
                diagnostic(
                    IMAGE_TEXT,
                    c.number,
                    f"第{c.number}页的文字是图片（文字层只有页码）",
                    f"page {c.number}: its words are images (the text layer holds a page number)",
                )
            )
        elif c.unmapped:
            diagnostics.append(
                diagnostic(
                    NOT_EXTRACTABLE,
                    c.number,
                    f"第{c.number}页有 {c.unmapped} 个字符无法提取（字体缺少 Unicode 映射）",
                    f"page {c.number}: {c.unmapped} glyphs without a Unicode mapping",
                )
            )
        pages.append(Page(c.number, _page_items(c, settings), c.width))
    stitch_pages(pages, settings.snap * 2)
    doc = RawDocument(blocks(pages), "pdf", diagnostics=diagnostics)
    if scanned or (images and not unread):
        from yusuan.read.ocr import finish

        every = scanned or len(images) == len(contents)  # numbered scans: a text folio a page
        return finish(doc, len(contents), None if every else images)
    return doc
