"""Benchmark: yusuan's PDF reader against pypdfium2's floor, document by document.

    python bench/bench_pdf.py CORPUS_DIR [--repeat 5] [--no-stages]

The floor is what pypdfium2 itself costs to hand over every character with its
box, in the same process and the same way yusuan opens a file:
:func:`floor` opens the document, and for each page loads the page and its text
page, takes the page's text in one call (``PdfTextPage.get_text_range``) and each
character's loose box (``PdfTextPage.get_charbox(i, loose=True)``), then closes
them.  A stricter floor, :func:`raw_floor`, does the same through
``pypdfium2.raw`` (one reused ``FS_RECTF``, no helper objects) and is printed too.

For each PDF the floor, the raw floor and :func:`yusuan.read.pdf.read_pdf` run
interleaved (F R Y F R Y …) ``--repeat`` times; the medians of this process's CPU
time (``time.process_time``, which other load on a shared machine disturbs far
less than the wall clock) give the ratio read / floor.  The summary prints the
median of the per-document ratios and the ratio of the corpus totals.

Then (unless ``--no-stages``) one more pass splits yusuan's time per stage, the
whole pipeline included: pdfium pages (load page and text page), characters,
rulings (path objects), grid (lattice and cells), lines and blocks (text outside
tables, paragraphs, 续表 stitching, the cells' sources), recognition and rules.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pr
from pdf_libraries import pages_of

Box = tuple[float, float, float, float]


def _every_char(
    path: Path, boxes_of: Callable[[pdfium.PdfTextPage, int], list[Box]]
) -> list[tuple[str, list[Box]]]:
    """Open ``path``; for each page its text in one call and ``boxes_of`` its characters."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            n = textpage.count_chars()
            text = textpage.get_text_range(0, n) if n > 0 else ""
            out.append((text, boxes_of(textpage, n)))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return out


def floor(path: Path) -> list[tuple[str, list[Box]]]:
    """Every page's text and every character's loose box, through pypdfium2's API."""
    return _every_char(path, lambda tp, n: [tp.get_charbox(k, loose=True) for k in range(n)])


def _raw_boxes(textpage: pdfium.PdfTextPage, n: int) -> list[Box]:
    rect = pr.FS_RECTF()
    raw = textpage.raw
    boxes = []
    for k in range(n):
        pr.FPDFText_GetLooseCharBox(raw, k, rect)
        boxes.append((rect.left, rect.bottom, rect.right, rect.top))
    return boxes


def raw_floor(path: Path) -> list[tuple[str, list[Box]]]:
    """The same through ``pypdfium2.raw``: one reused rectangle, no helper objects."""
    return _every_char(path, _raw_boxes)


def read(path: Path) -> object:
    from yusuan.read.pdf import read_pdf

    return read_pdf(path)


def interleaved(fns: list[Callable[[Path], object]], path: Path, repeat: int) -> list[float]:
    """Median CPU seconds of each of ``fns`` on ``path``, run A B C A B C …"""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            t = time.process_time()
            fn(path)
            times[k].append(time.process_time() - t)
    return [statistics.median(ts) for ts in times]


class Stages:
    """CPU seconds per stage, by wrapping the reader's functions for one pass."""

    NAMES = ("pages", "chars", "rulings", "grid", "lines+blocks", "recognition", "rules")

    def __init__(self) -> None:
        self.total: dict[str, float] = dict.fromkeys(self.NAMES, 0.0)

    @contextmanager
    def wrapped(self) -> Iterator[dict[str, float]]:
        import yusuan.read.pdf as pdf
        import yusuan.read.pdf_page as page

        spent: dict[str, float] = {}
        saved: list[tuple[Any, str, Any]] = []

        def wrap(module: Any, name: str, key: str) -> None:
            fn = getattr(module, name)
            saved.append((module, name, fn))

            def timed(*args: Any, **kwargs: Any) -> Any:
                t = time.process_time()
                try:
                    return fn(*args, **kwargs)
                finally:
                    spent[key] = spent.get(key, 0.0) + time.process_time() - t

            setattr(module, name, timed)

        wrap(page, "_chars", "chars")
        wrap(page, "rulings", "rulings")
        wrap(pdf, "read_page", "read_page")
        wrap(pdf, "find_grids", "grid")
        wrap(pdf, "fill", "grid")
        wrap(pdf, "is_table", "grid")
        try:
            yield spent
        finally:
            for module, name, fn in saved:
                setattr(module, name, fn)

    def run(self, path: Path) -> None:
        from yusuan.check import check
        from yusuan.read.pdf import read_pdf
        from yusuan.recognize import recognize

        with self.wrapped() as spent:
            t = time.process_time()
            raw = read_pdf(path)
            read_s = time.process_time() - t
        t = time.process_time()
        disclosure = recognize(raw)
        recognition = time.process_time() - t
        t = time.process_time()
        check(disclosure)
        rules = time.process_time() - t
        pages = spent["read_page"] - spent.get("chars", 0.0) - spent.get("rulings", 0.0)
        split = {
            "pages": pages,
            "chars": spent.get("chars", 0.0),
            "rulings": spent.get("rulings", 0.0),
            "grid": spent.get("grid", 0.0),
            "lines+blocks": read_s - spent["read_page"] - spent.get("grid", 0.0),
            "recognition": recognition,
            "rules": rules,
        }
        for k, v in split.items():
            self.total[k] += v

    def report(self, pages: int, floor_s: float) -> str:
        whole = sum(self.total.values())
        lines = [f"\nstage split (one pass, CPU; floor {floor_s / pages * 1000:.2f} ms/page):"]
        for k in self.NAMES:
            v = self.total[k]
            lines.append(
                f"  {k:13} {v:7.2f} s {v / pages * 1000:7.2f} ms/page {100 * v / whole:5.1f}%"
            )
        lines.append(f"  {'pipeline':13} {whole:7.2f} s {whole / pages * 1000:7.2f} ms/page")
        return "\n".join(lines)


def measure(pdfs: list[Path], repeat: int, stages: bool = True) -> dict[str, float]:
    """Print each document's read / floor and the summary; return the medians and totals."""
    print(
        f"machine: {platform.machine()} · {platform.python_implementation()} "
        f"{platform.python_version()} · pypdfium2 {pdfium.PYPDFIUM_INFO} (pdfium {pdfium.PDFIUM_INFO})"
    )
    print(f"{len(pdfs)} PDFs; medians of {repeat} interleaved runs, CPU seconds")
    print(
        f"{'document':52} {'pages':>5} {'floor ms':>9} {'raw ms':>8} {'read ms':>8} {'read/floor':>10} {'read/raw':>8}"
    )
    read(pdfs[0])  # import and warm up once
    ratios: list[float] = []
    raw_ratios: list[float] = []
    totals = [0.0, 0.0, 0.0]
    pages = 0
    for path in pdfs:
        f, r, y = interleaved([floor, raw_floor, read], path, repeat)
        n = pages_of(path)
        pages += n
        for k, v in enumerate((f, r, y)):
            totals[k] += v
        ratios.append(y / f)
        raw_ratios.append(y / r)
        name = path.name if len(path.name) <= 52 else path.name[:49] + "..."
        print(
            f"{name:52} {n:5d} {f * 1000:9.1f} {r * 1000:8.1f} {y * 1000:8.1f} {y / f:10.2f} {y / r:8.2f}"
        )
    f, r, y = totals
    print(
        f"\nmedian read/floor {statistics.median(ratios):.2f} (raw floor "
        f"{statistics.median(raw_ratios):.2f}) over {len(pdfs)} PDFs · corpus totals: floor "
        f"{f / pages * 1000:.2f} ms/page, raw {r / pages * 1000:.2f}, read {y / pages * 1000:.2f} "
        f"→ {y / f:.2f}× (raw {y / r:.2f}×) over {pages} pages"
    )
    if stages:
        split = Stages()
        for path in pdfs:
            split.run(path)
        print(split.report(pages, f))
    sys.stdout.flush()
    return {
        "median": statistics.median(ratios),
        "raw_median": statistics.median(raw_ratios),
        "totals": y / f,
        "floor_ms_page": f / pages * 1000,
        "read_ms_page": y / pages * 1000,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", help="a folder of PDFs (searched recursively)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage pass")
    args = ap.parse_args()
    pdfs = sorted(Path(args.corpus).rglob("*.pdf"))
    if not pdfs:
        sys.exit(f"错误 / error: {args.corpus}: 没有 PDF 文件 / no PDF files")
    measure(pdfs, args.repeat, not args.no_stages)


if __name__ == "__main__":
    main()
