"""Unreadable amount cells, every one: each amount cell of the reference misprinted in each kind.

    python bench/unreadable_cells.py [--kinds ideographic-point,word] [--wide]

For every amount cell of the reference (219) and every kind of misprint
(``support.unreadable.KINDS``), the planted document is read and checked.  It passes when no
error or warning is added except YS610/YS605 about the cell itself, and YS610 names the
cell (table, column, line).  ``--wide`` also prints each figure in full-width digits and
point: the facts must equal the reference's and YS610 warns at the cell.  Prints the count
per kind, the rules that could not run because of the cell, and every failure.  The test
(``tests/rules/test_unreadable.py``) draws a bounded sample of the same variants.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.rules import parse, reference  # noqa: E402
from support.unreadable import (  # noqa: E402
    KINDS,
    WIDE,
    accusations,
    amount_cells,
    named,
    new_findings,
    planted,
)
from yusuan.check import check  # noqa: E402
from yusuan.facts import facts  # noqa: E402
from yusuan.rules.base import Severity  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    ap.add_argument("--wide", action="store_true", help="also the full-width prints")
    args = ap.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    cells = amount_cells()
    base = {c.code: c.status for c in check(reference()).coverage}
    passed: Counter[str] = Counter()
    stopped: Counter[str] = Counter()
    failures: list[str] = []
    for kind in kinds:
        for cell in cells:
            report = check(parse(planted(cell, KINDS[kind](cell.text))))
            bad = accusations(report, cell)
            if bad or not named(report, cell):
                what = "; ".join(f"{f.code} {f.message}" for f in bad) or "YS610 did not name it"
                failures.append(f"{kind} {cell}: {what}")
                continue
            passed[kind] += 1
            stopped.update(
                c.code
                for c in report.coverage
                if c.status == "could_not_run" and base.get(c.code) != "could_not_run"
            )
    if args.wide:
        want = facts(reference())
        for cell in cells:
            d = parse(planted(cell, cell.text.translate(WIDE)))
            report = check(d)
            extra = [
                f
                for f in new_findings(report, (Severity.ERROR, Severity.WARNING))
                if not (f.code == "YS610" and f.location.line == cell.line)
            ]
            if facts(d) != want or extra or not named(report, cell):
                failures.append(f"wide {cell}: facts equal {facts(d) == want}; {extra}")
                continue
            passed["wide"] += 1
    print(f"{len(cells)} amount cells")
    for kind, n in passed.items():
        print(f"  {kind:18} {n} passed")
    print("rules could not run because of the cell (count of variants):")
    for code, n in sorted(stopped.items()):
        print(f"  {code} {n}")
    print(f"failures: {len(failures)}")
    for line in failures:
        print("  " + line)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
