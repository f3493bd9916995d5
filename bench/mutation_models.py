"""Located mutations on the JSON models of corpus documents: the full run.

    python bench/mutation_models.py [PDF ...] [--cells-only] [--stated-only] [--step wan|last]

Without arguments it runs the three documents of ``tests/rules/test_mutation_models.py``
(a Putuo 元 budget, a Jiangsu budget, a Putuo 决算) on *every* amount cell and every
stated amount (the test samples the cells to keep CI short).  For each document it prints
the cells and stated amounts caught, and every miss.  See ``tests/support/model_mutation.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.model_mutation import Harness  # noqa: E402

DEFAULT = [
    ROOT / "tests" / "data" / "shanghai-putuo-2025-wanli-dept-budget-full.pdf",
    ROOT / "tests" / "data" / "jiangsu-2018-jianchayuan-dept-budget.pdf",
    ROOT / "tests" / "data" / "shanghai-putuo-2024-caizhengju-dept-final.pdf",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--cells-only", action="store_true")
    ap.add_argument("--stated-only", action="store_true")
    ap.add_argument(
        "--step",
        choices=("wan", "last"),
        default="wan",
        help="cell change: 1 万元 or one last decimal",
    )
    args = ap.parse_args()
    for pdf in args.pdfs or DEFAULT:
        start = time.perf_counter()
        h = Harness(pdf, args.step)
        groups = {}
        if not args.stated_only:
            groups["cells"] = list(h.cells())
        if not args.cells_only:
            groups["stated"] = list(h.stated())
        for name, mutations in groups.items():
            missed = [m.label for m in mutations if not h.caught(m)]
            n = len(mutations)
            pct = 100 * (n - len(missed)) / n if n else 100.0
            print(f"{pdf.name} {name}: {n - len(missed)}/{n} caught ({pct:.1f}%)", flush=True)
            for label in missed:
                print(f"  missed: {label}", flush=True)
        print(f"{pdf.name}: {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
