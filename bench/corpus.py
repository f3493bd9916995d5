"""Corpus report: read, recognize and check every document of a corpus folder.

    python bench/corpus.py [CORPUS_DIR] [--repeat 3] [--errors]

CORPUS_DIR is a folder of published PDFs (the project's corpus).  For each
PDF (and each text/Word/Excel/HTML file) it prints: how many of the tables the
document prints (``corpus_expected.toml``, read off the documents) were recognized
with the right id, the other tables found (no standard id), the amount cells read,
the rules that ran / could not run, errors, warnings, pages and the median
seconds for read + recognize + check.  A summary gives the median seconds per
page and the whole-corpus time.  ``--errors`` lists every error with its page.

This is a benchmark, not a test: it reads whatever corpus it is given.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import tomllib
from pathlib import Path

from yusuan.api import load
from yusuan.check import check
from yusuan.errors import InputError
from yusuan.model import Disclosure, TableId
from yusuan.rules.base import Severity

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".pdf", ".txt", ".docx", ".xlsx", ".xls", ".html"}
EXPECTED = tomllib.loads((Path(__file__).parent / "corpus_expected.toml").read_text("utf-8"))


def pages_of(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def amount_cells(d: Disclosure) -> int:
    return sum(
        1
        for t in d.tables
        for r in t.rows
        for i, c in r.cells.items()
        if c.value is not None and any(k.index == i and k.role == "amount" for k in t.columns)
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", help="a folder of published PDFs (searched recursively)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--errors", action="store_true", help="list every error finding")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES)
    print(
        f"machine: {platform.machine()} · {platform.python_implementation()} {platform.python_version()}"
    )
    print(
        f"{'document':58} {'tables':>7} {'other':>5} {'cells':>6} {'ran':>4} {'cant':>4} "
        f"{'err':>4} {'warn':>4} {'pages':>5} {'s':>7} {'s/page':>7}"
    )
    per_page: list[float] = []
    total = 0.0
    listing: list[str] = []
    right_total = expected_total = 0
    misses: list[str] = []
    for path in files:
        name = str(path.relative_to(corpus))
        times = []
        try:
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                d = load(path)
                report = check(d)
                times.append(time.perf_counter() - t0)
        except InputError as exc:
            print(f"{name:58} refused: {exc.zh}")
            continue
        seconds = statistics.median(times)
        pages = pages_of(path)
        total += seconds
        if path.suffix.lower() == ".pdf":
            per_page.append(seconds / pages)
        found = {t.id.value for t in d.tables}
        other = sum(1 for t in d.tables if t.id is TableId.UNKNOWN)
        want = EXPECTED.get(name)
        if want is None:
            tables = f"{len(found - {'unknown'})}/?"
        else:
            right = len(set(want) & found)
            right_total += right
            expected_total += len(want)
            tables = f"{right}/{len(want)}"
            misses += [f"{name}: {t}" for t in want if t not in found]
        ran = sum(1 for c in report.coverage if c.status == "ran")
        cant = sum(1 for c in report.coverage if c.status == "could_not_run")
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        warnings = [f for f in report.findings if f.severity is Severity.WARNING]
        print(
            f"{name:58} {tables:>7} {other:>5} {amount_cells(d):>6} {ran:>4} {cant:>4} "
            f"{len(errors):>4} {len(warnings):>4} {pages:>5} {seconds:>7.3f} {seconds / pages:>7.4f}"
        )
        for f in errors:
            message = " ".join(f.message.split())
            listing.append(f"{name} p{f.location.page or '?'} {f.code} {f.name}: {message}")
    print(
        f"\nPDF median s/page {statistics.median(per_page):.4f} over {len(per_page)} PDFs · "
        f"whole corpus {total:.2f} s (median of {args.repeat} runs per document)"
    )
    if expected_total:
        print(
            f"tables recognized with the right id: {right_total}/{expected_total} "
            f"({100 * right_total / expected_total:.1f}%)"
            + ("" if not misses else " · missed: " + "; ".join(misses))
        )
    if args.errors:
        print("\nerrors:")
        for line in listing:
            print("  " + line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
