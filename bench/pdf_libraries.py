"""Compare PDF table extraction: yusuan's reader (pypdfium2), pdfplumber, PyMuPDF.

    python bench/pdf_libraries.py [CORPUS_DIR] [--repeat 3]

Speed: median seconds per page to extract every table of every corpus PDF (text
outside tables included for yusuan, which needs it anyway).  Tables found: how
many tables each library returns over the corpus.  Accuracy: the hand-checked
golden cells of tests/data/golden/*.cells.json (every amount of three tables in
each of three documents): the share of non-blank golden cells whose text the
library returns as a cell on the same page (whitespace ignored).

PyMuPDF (AGPL) is measured only if it happens to be installed; yusuan never
imports it.  This is a benchmark, not a test: it reads whatever corpus it is given.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
Cells = Iterator[tuple[int, str]]  # (page, text) of every cell of every table


def yusuan_cells(path: Path) -> tuple[int, Cells]:
    from yusuan.read.pdf import read_pdf

    doc = read_pdf(path)
    tables = doc.tables()
    cells = ((c.source.page or 0, c.text) for t in tables for row in t.rows for c in row)
    return len(tables), cells


def pdfplumber_cells(path: Path) -> tuple[int, Cells]:
    import pdfplumber

    out: list[tuple[int, str]] = []
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                n += 1
                for row in table.extract():
                    out.extend((page.page_number, c or "") for c in row)
    return n, iter(out)


def pymupdf_cells(path: Path) -> tuple[int, Cells]:
    import pymupdf  # AGPL: measured here only, never a dependency

    out: list[tuple[int, str]] = []
    n = 0
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc, 1):
            for table in page.find_tables().tables:
                n += 1
                for row in table.extract():
                    out.extend((number, c or "") for c in row)
    return n, iter(out)


LIBRARIES: dict[str, Callable[[Path], tuple[int, Cells]]] = {
    "yusuan (pypdfium2)": yusuan_cells,
    "pdfplumber": pdfplumber_cells,
    "pymupdf": pymupdf_cells,
}


def key(text: str) -> str:
    return "".join(text.split())


def accuracy(extract: Callable[[Path], tuple[int, Cells]]) -> tuple[int, int]:
    hit = total = 0
    for golden in sorted((DATA / "golden").glob("*.cells.json")):
        pdf = DATA / golden.name.replace(".cells.json", ".pdf")
        _, cells = extract(pdf)
        have = {(page, key(text)) for page, text in cells}
        for table in json.loads(golden.read_text("utf-8")).values():
            for cell in table["cells"]:
                text, page = cell[4], cell[5]
                if key(text):
                    total += 1
                    hit += (page, key(text)) in have
    return hit, total


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", help="a folder of published PDFs (searched recursively)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pdfs = sorted(Path(args.corpus).rglob("*.pdf"))
    print(
        f"machine: {platform.machine()} · {platform.python_implementation()} {platform.python_version()}"
    )
    print(f"{len(pdfs)} PDFs, {sum(map(pages_of, pdfs))} pages; medians of {args.repeat} runs")
    print(
        f"{'library':22} {'tables':>7} {'golden cells':>13} {'median s/page':>14} {'corpus s':>9}"
    )
    for name, extract in LIBRARIES.items():
        try:
            hit, total = accuracy(extract)
        except ImportError:
            print(f"{name:22} not installed")
            continue
        per_page: list[float] = []
        tables = 0
        corpus = 0.0
        for pdf in pdfs:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                n, cells = extract(pdf)
                list(cells)
                times.append(time.perf_counter() - t0)
            tables = tables + n if len(per_page) < len(pdfs) else tables
            seconds = statistics.median(times)
            corpus += seconds
            per_page.append(seconds / pages_of(pdf))
        print(
            f"{name:22} {tables:>7} {hit:>6}/{total:<6} {statistics.median(per_page):>14.4f} {corpus:>9.2f}"
        )


if __name__ == "__main__":
    main()
