"""Located mutations on the JSON models of corpus documents: the full run.

    python bench/mutation_models.py [PDF ...] [--cells-only] [--stated-only] [--step wan|last]

Without arguments it runs the three documents of ``tests/rules/test_mutation_models.py``
(a Putuo 元 budget, a Jiangsu budget, a Putuo 决算) on *every* amount cell and every
stated amount (the test samples them to keep CI short).  For each document it prints the
mutations, how many the document does not determine (listed with the reason in
``tests/support/model_mutation.py``), how many of the others were caught, and every miss.
See ``tests/support/model_mutation.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.model_mutation import (  # noqa: E402
    CELLS_NOT_DETERMINED,
    STATED_NOT_DETERMINED,
    Harness,
    Mutation,
)

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
        groups: dict[str, tuple[list[Mutation], int]] = {}
        if not args.stated_only:
            cells, left = list(h.cells()), CELLS_NOT_DETERMINED.get(pdf.name, {})
            groups["cells"] = ([m for m in cells if m.label not in left], len(cells))
        if not args.cells_only:
            every = len(list(h.stated()))
            groups["stated"] = (list(h.stated(STATED_NOT_DETERMINED.get(pdf.name, set()))), every)
        for name, (mutations, every) in groups.items():
            missed = [m.label for m in mutations if not h.caught(m)]
            n = len(mutations)
            pct = 100 * (n - len(missed)) / n if n else 100.0
            print(
                f"{pdf.name} {name}: {every} mutated, {every - n} not determined,"
                f" {n - len(missed)}/{n} caught ({pct:.1f}%)",
                flush=True,
            )
            for label in missed:
                print(f"  missed: {label}", flush=True)
        print(f"{pdf.name}: {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
