"""Benchmark: every speed figure of issue #17 in one run, each against its floor.

    python bench/bench_all.py CORPUS_DIR [--rounds 15] [--repeat 5] [--rows 550 … 20000]

Runs, one after the other on the same machine, each interleaved with its own floor:

- start-up (:mod:`bench_startup`): ``python -c pass``, ``yusuan --help`` and
  ``yusuan check`` on the text example, whole processes, ``--rounds`` interleaved rounds;
- PDF reading (:mod:`bench_pdf`): ``read_pdf`` against pypdfium2's own extraction of
  every character with its box, per document, ``--repeat`` interleaved runs;
- large tables (:mod:`bench_rows`): the cost per row of recognizing and checking a
  支出总表 of 550 … 20,000 rows, sizes interleaved, against the smallest size;

then prints the figures with their floors, ratios and targets. The targets for start-up
are seconds on an idle machine (``check`` 0.25 s, ``--help`` 0.2 s); with ``python -c pass``
at about 20 ms there, they are 12.5× and 10× the floor, and those are the ratios compared
here (a loaded machine stretches the seconds, not much the ratios of interleaved runs).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import bench_pdf
import bench_rows
import bench_startup


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", help="a folder of PDFs (searched recursively)")
    ap.add_argument("--rounds", type=int, default=15, help="start-up rounds")
    ap.add_argument("--repeat", type=int, default=5, help="PDF and row-size runs")
    ap.add_argument("--rows", type=int, nargs="+", default=list(bench_rows.SIZES))
    args = ap.parse_args()
    pdfs = sorted(Path(args.corpus).rglob("*.pdf"))
    if not pdfs:
        sys.exit(f"错误 / error: {args.corpus}: 没有 PDF 文件 / no PDF files")
    load_before = os.getloadavg()[0]
    print("== start-up ==")
    start = bench_startup.measure(args.rounds)
    print("\n== PDF reading ==")
    pdf = bench_pdf.measure(pdfs, args.repeat, stages=False)
    print("\n== large tables ==")
    rows = bench_rows.measure(args.rows, args.repeat)
    load_after = os.getloadavg()[0]

    print(f"\n== summary (load average {load_before:.1f} → {load_after:.1f}) ==")
    bench_startup.targets(start)
    bench_startup.figure(
        "PDF read / pypdfium2 floor (median of docs)",
        f"{pdf['read_ms_page']:.2f} ms/p",
        f"{pdf['floor_ms_page']:.2f} ms/p",
        pdf["median"],
        2.0,
    )
    for stage in ("check", "recognize", "load"):
        ratios = rows[stage]
        sizes = sorted(ratios)
        low, high = min(ratios.values()), max(ratios.values())
        met = "yes" if 0.8 <= low and high <= 1.2 else "NO"
        print(
            f"{f'{stage} per row × {sizes[0]} rows, to {sizes[-1]}':44}"
            f" {f'{low:.2f}–{high:.2f}':>10} {'':>10} {high:7.2f} {'±0.20':>7}  {met}"
        )


if __name__ == "__main__":
    main()
