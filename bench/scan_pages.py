"""Which pages of text PDFs the reader would read by OCR (docs/ocr.md, data/scanned_pages.toml).

    python bench/scan_pages.py PDF_OR_DIR [...]

Every page that holds an image is listed with what decides it: the characters of its
text layer (all, and outside the margin bands), whether any of those is drawn over an
image, the fraction of the page the images cover, and the verdict of
:func:`yusuan.read.scan_pages.is_image_page`.  Run over the corpus, it must pick no page
that has a real text layer.  Nothing is OCR'd here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.read.pdf_page import read_page
from yusuan.read.scan_pages import cover, image_boxes, is_image_page, thresholds


def pdfs(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    t = thresholds()
    print(f"thresholds: {t}")
    pages = picked = 0
    for path in pdfs(argv):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                pages += 1
                c = read_page(pdf, i)
                if not c.images:
                    continue
                page = pdf[i]
                try:
                    boxes = image_boxes(page)
                finally:
                    page.close()
                chars = [ch for ch in c.chars if not ch[6].isspace()]
                top, bottom = t.margin * c.height, (1 - t.margin) * c.height
                body = [ch for ch in chars if top <= ch[5] <= bottom]
                over = sum(
                    any(x0 <= ch[4] <= x1 and y0 <= ch[5] <= y1 for x0, y0, x1, y1 in boxes)
                    for ch in body
                )
                ocr = is_image_page(c, boxes, t)
                picked += ocr
                text = "".join(ch[6] for ch in chars)[:24]
                print(
                    f"{'OCR ' if ocr else 'text'} {path.name} p.{i + 1}: images {c.images}, "
                    f"cover {cover(boxes, c.width, c.height):.2f}, chars {len(chars)}, "
                    f"body {len(body)}, over an image {over}  {text!r}"
                )
        finally:
            pdf.close()
    print(f"{pages} pages, {picked} to OCR")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
