"""Benchmark: the cost per row of checking a large table, against its own floor.

    python bench/bench_rows.py [--repeat 5] [--rows 550 2200 5500 11000 20000]

For each size a synthetic 支出总表 (:func:`bench_check.synthetic_expenditure`: 项
rows under consistent 款 and 合计 totals) is parsed and recognized once, then
checked ``--repeat`` times; the median CPU time per row is printed with its ratio
to the per-row cost of the smallest size (flat is linear: within 1.2 of it).  The
runs of the sizes are interleaved (550 2200 … 20000, 550 2200 …) so that load on
a shared machine falls on all of them alike.  Recognition is timed the same way,
as :func:`yusuan.api.load` runs it (collector paused, :mod:`yusuan.collector`).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from bench_check import synthetic_expenditure

from yusuan.check import check
from yusuan.collector import collector_paused
from yusuan.model import Disclosure
from yusuan.read.raw import RawDocument
from yusuan.read.text import parse_text
from yusuan.recognize import recognize

SIZES = (550, 2200, 5500, 11000, 20000)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rows", type=int, nargs="+", default=list(SIZES))
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()} · {platform.python_implementation()} "
        f"{platform.python_version()}; medians of {args.repeat} interleaved runs, CPU time"
    )
    # the builder adds one 款 row per ten 项 rows and a 合计 row: n rows ≈ n * 10 // 11 项
    raws: dict[int, RawDocument] = {
        n: parse_text(synthetic_expenditure(n * 10 // 11)) for n in args.rows
    }
    models: dict[int, Disclosure] = {n: recognize(raw) for n, raw in raws.items()}
    rows = {n: len(d.tables[0].rows) for n, d in models.items()}
    check_s: dict[int, list[float]] = {n: [] for n in args.rows}
    recog_s: dict[int, list[float]] = {n: [] for n in args.rows}
    for _ in range(args.repeat):
        for n in args.rows:
            t = time.process_time()
            with collector_paused():  # as yusuan.api.load runs it
                recognize(raws[n])
            recog_s[n].append(time.process_time() - t)
            t = time.process_time()
            check(models[n])
            check_s[n].append(time.process_time() - t)
    base_check = base_recog = 0.0
    print(
        f"{'rows':>6} {'check ms':>9} {'µs/row':>7} {'× first':>7} {'recognize ms':>13} {'µs/row':>7} {'× first':>7}"
    )
    for n in args.rows:
        c = statistics.median(check_s[n]) / rows[n] * 1e6
        r = statistics.median(recog_s[n]) / rows[n] * 1e6
        base_check, base_recog = base_check or c, base_recog or r
        print(
            f"{rows[n]:6d} {statistics.median(check_s[n]) * 1000:9.1f} {c:7.1f} {c / base_check:7.2f} "
            f"{statistics.median(recog_s[n]) * 1000:13.1f} {r:7.1f} {r / base_recog:7.2f}"
        )


if __name__ == "__main__":
    main()
