"""OCR of scanned packages: amounts read right / wrong / unreadable, seconds per page, peak memory.

    python bench/bench_ocr.py [--quick] [--angle 0.6] [--dpi 300]
    python bench/bench_ocr.py --documents FILE [FILE ...] [--cache DIR] [--keep DIR]

With ``--documents``, whole documents are scanned, every page, and ``check`` on each scan is
compared with ``check`` on the original (``bench/ocr_documents.py``: the original's errors
and warnings the scan reports or misses, the scan's own, amounts, seconds per page).

Table pages of documents in ``tests/data`` are scanned (``tests/support/scan.py``: rendered,
turned ``--angle`` degrees, noised, JPEG quality 60, re-wrapped as image-only PDFs) and read
with the OCR reader; the same pages with their text layer are the reference.  Every amount
(a fact: table, section, code, item, column) of the reference is counted

- right — the scan gives the same amount;
- wrong — the scan gives another amount for it (or an amount the reference does not have);
- unreadable — the scan has no amount for it (the cell was marked unsure, or not found).

Seconds per page are the wall time of reading each scan divided by its pages (the engine's
one-off load is timed apart), with the CPU time (all threads) and the load average, since
the wall time depends on what else the machine runs; peak memory is the process's maximum resident size.  The
``ocr`` extra must be installed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))


from ocr_documents import amounts  # noqa: E402

from support.scan import extract, scanned  # noqa: E402
from yusuan.api import load  # noqa: E402
from yusuan.facts import facts  # noqa: E402
from yusuan.read import ocr_engine  # noqa: E402
from yusuan.read.ocr_numbers import UNSURE  # noqa: E402

DATA = ROOT / "tests" / "data"
#: (file, table pages): a Putuo 元 budget, Jiangsu A3 tables, a Jiangsu A4 budget, a 决算.
DOCS = [
    ("shanghai-putuo-2025-wanli-dept-budget.pdf", [2, 3, 4, 12, 13]),
    ("jiangsu-2019-renda-dept-budget-tables.pdf", [1, 2, 3]),
    ("jiangsu-2018-jianchayuan-dept-budget.pdf", [1, 2, 3, 4, 5]),
    ("shanghai-putuo-2024-shehui-gongzuobu-dept-final.pdf", [5, 6, 10, 12, 13]),
]
QUICK = [(DOCS[0][0], [2]), (DOCS[1][0], [2])]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="two pages only")
    ap.add_argument("--angle", type=float, default=0.6)
    ap.add_argument("--dpi", type=int, default=300, help="resolution of the made scans")
    ap.add_argument("--documents", nargs="+", type=Path, help="whole documents: every page")
    ap.add_argument("--cache", type=Path, help="keep the engine's readings in this folder")
    ap.add_argument("--keep", type=Path, help="keep the scans made in this folder")
    args = ap.parse_args()
    if not ocr_engine.available():
        sys.exit("the ocr extra is not installed: pip install 'yusuan[ocr]'")
    if args.documents:
        import ocr_documents

        if args.cache:
            ocr_documents.cache_engine(args.cache)
        t0 = time.perf_counter()
        ocr_engine.engine()
        print(f"engine load: {time.perf_counter() - t0:.1f} s")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            ocr_documents.run(args.documents, args.keep, args.dpi, args.angle)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                ocr_documents.run(args.documents, Path(tmp), args.dpi, args.angle)
        return
    t0 = time.perf_counter()
    ocr_engine.engine()
    print(f"engine load: {time.perf_counter() - t0:.1f} s")
    totals = {"right": 0, "wrong": 0, "unreadable": 0}
    seconds = cpu = 0.0
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, (name, numbers) in enumerate(QUICK if args.quick else DOCS):
            base = Path(tmp) / name
            text = load(extract(DATA / name, numbers, base.with_suffix(".text.pdf")))
            scan_path = scanned(
                DATA / name,
                numbers,
                base.with_suffix(".scan.pdf"),
                dpi=args.dpi,
                angle=args.angle,
                seed=k,
            )
            t, cpu0 = time.perf_counter(), time.process_time()
            scan = load(scan_path)
            took = time.perf_counter() - t
            cpu += time.process_time() - cpu0
            seconds += took
            pages += len(numbers)
            right, wrong, unreadable, lines = amounts(text, scan)
            for line in lines:
                print(line)
            unsure = sum(
                1
                for table in scan.tables
                for r in table.rows
                for c in r.cells.values()
                if c.text.startswith(UNSURE)
            )
            totals["right"] += right
            totals["wrong"] += wrong
            totals["unreadable"] += unreadable
            print(
                f"{name} pages {numbers}: {len(facts(text))} amounts, right {right}, wrong {wrong}, "
                f"unreadable {unreadable} ({unsure} cells marked unsure); "
                f"{took / len(numbers):.1f} s/page"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = sum(totals.values())
    print(
        f"total: {n} amounts, right {totals['right']}, wrong {totals['wrong']}, "
        f"unreadable {totals['unreadable']}; {pages} pages, {seconds / pages:.1f} s/page "
        f"({cpu / pages:.1f} CPU s/page, load average {os.getloadavg()[0]:.1f}); "
        f"peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
