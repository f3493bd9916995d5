"""A larger fuzz run than the suite's: N mutations per format through ``load``.

    python bench/fuzz.py [--examples 200] [--kinds txt pdf docx xlsx] [--cli 10]

Uses the suite's mutations (``tests/support/fuzz.py``).  Every example must load or
raise ``InputError``; anything else is printed with its seed-file kept in
``bench/fuzz-failures/``.  ``--cli N`` also runs N of them per format through the
real ``yusuan check`` (exit 0/1/2, no traceback, peak RSS).  Prints counts, the
slowest example and the worst peak RSS.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from support import hostile  # noqa: E402
from support.fuzz import KINDS, mutated, outcome  # noqa: E402

FAILURES = ROOT / "bench" / "fuzz-failures"


def run_kind(kind: str, examples: int, cli: int) -> dict[str, float]:
    stats = {"loaded": 0, "refused": 0, "failed": 0, "slowest": 0.0, "cli": 0, "rss": 0.0}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(mutated(kind))
    def one(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"fuzzed.{kind}"
            path.write_bytes(data)
            try:
                result, seconds = outcome(path)
                stats[result] += 1
                stats["slowest"] = max(stats["slowest"], seconds)
            except Exception:
                stats["failed"] += 1
                FAILURES.mkdir(exist_ok=True)
                keep = FAILURES / f"{kind}-{int(stats['failed'])}.{kind}"
                keep.write_bytes(data)
                print(f"{kind}: {keep}\n{traceback.format_exc(limit=3)}", file=sys.stderr)
            if stats["cli"] < cli:
                stats["cli"] += 1
                code, err, rss, _ = hostile.measure(path)
                stats["rss"] = max(stats["rss"], rss)
                if code not in (0, 1, 2) or "Traceback" in err:
                    stats["failed"] += 1
                    print(f"{kind}: exit {code}\n{err}", file=sys.stderr)

    one()
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=200)
    ap.add_argument("--kinds", nargs="*", default=list(KINDS))
    ap.add_argument("--cli", type=int, default=10, help="examples per format through the CLI")
    args = ap.parse_args()
    print("| format | examples | loaded | refused | failed | slowest s | CLI runs | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in args.kinds:
        s = run_kind(kind, args.examples, args.cli)
        n = int(s["loaded"] + s["refused"] + s["failed"])
        print(f"| {kind} | {n} | {s['loaded']:.0f} | {s['refused']:.0f} | {s['failed']:.0f} | "
              f"{s['slowest']:.1f} | {s['cli']:.0f} | {s['rss']:.0f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
