"""The time a plain ``yusuan check`` spends creating its dataclasses, side by side with another
installation (#17, sixth round).

Each round runs, in a fresh interpreter of each Python, ``check FILE`` as the console script
does (:func:`yusuan.cli.entry.check_files`) with :func:`dataclasses._process_class` wrapped —
everything ``@dataclass`` does to a class — and :func:`yusuan.values._frozen_init` where it
exists (the one ``exec`` of a :class:`yusuan.values.Frozen` class, made outside
``_process_class``), and sums their CPU time (``time.process_time``) and wall time. The two
installations alternate, so load changes hit both; medians are printed::

    python bench/bench_dataclasses.py --rounds 15 --against /work/main/.venv/bin/python
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingxiang-renda-2023.txt"

PROBE = r"""
import contextlib, dataclasses, io, json, sys, time
from pathlib import Path

spent = [0.0, 0.0]
classes = []


def timed(fn, count):
    def wrapper(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - cpu
            spent[1] += time.perf_counter() - wall
            if count:
                classes.append(args[0].__qualname__)
    return wrapper


dataclasses._process_class = timed(dataclasses._process_class, True)
try:
    import yusuan.values as values
except ImportError:
    values = None
if values is not None and hasattr(values, "_frozen_init"):
    values._frozen_init = timed(values._frozen_init, False)
from yusuan.cli.entry import check_files

with contextlib.redirect_stdout(io.StringIO()):
    check_files([Path(sys.argv[1])])
print(json.dumps({"cpu": spent[0], "wall": spent[1], "classes": len(classes)}))
"""


def _once(python: str, path: Path) -> dict[str, float]:
    res = subprocess.run(
        [python, "-c", PROBE, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found: dict[str, float] = json.loads(res.stdout.splitlines()[-1])
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--against", help="another installation's python, measured alternately")
    ap.add_argument("--file", type=Path, default=EXAMPLE)
    args = ap.parse_args(argv)
    pythons = {"this": sys.executable}
    if args.against:
        pythons["against"] = args.against
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in pythons}
    for _ in range(args.rounds):
        for name, python in pythons.items():
            runs[name].append(_once(python, args.file))
    medians = {}
    for name, got in runs.items():
        cpu = statistics.median(r["cpu"] for r in got) * 1000
        wall = statistics.median(r["wall"] for r in got) * 1000
        medians[name] = cpu
        print(
            f"{name:8} {pythons[name]}: {int(got[0]['classes'])} dataclasses, "
            f"median {cpu:.1f} ms CPU, {wall:.1f} ms wall ({args.rounds} rounds)"
        )
    if "against" in medians:
        saved = medians["against"] - medians["this"]
        print(f"saved    {saved:.1f} ms CPU ({medians['this'] / medians['against']:.2f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
