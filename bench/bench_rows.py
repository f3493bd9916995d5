"""Benchmark: the cost per row of checking a large table, against its own floor.

    python bench/bench_rows.py [--repeat 5] [--rows 550 2200 5500 11000 20000]

Each size is a synthetic 支出总表 (:func:`bench_check.synthetic_body`: 项 rows under
consistent 款 and 合计 totals) written as a **JSON model** (``yusuan parse -f json``'s
form) and read the way ``yusuan check model.json`` reads it (:func:`yusuan.api.load`:
validated, printed back to the neutral stream, recognized). A text export cannot carry
the large sizes: it prints one cell per line, and 20,000 rows are 140,000 lines, over the
reader's limit of 50,000 (``data/limits.toml``, which stays). At the smallest size the
bench first checks that the JSON model and the text export give the same rows.

For each size the printed-back document is recognized and the model checked
``--repeat`` times; the median CPU time per row is printed with its ratio to the per-row
cost of the smallest size (flat is linear: within 1.2 of it); a sample of a small size
times several runs (some 5,500 rows in all) and is divided by them. The runs of the sizes are
interleaved (550 2200 … 20000, 550 2200 …) so that load on a shared machine falls on all
of them alike. Recognition is timed as :func:`yusuan.api.load` runs it (collector paused,
:mod:`yusuan.collector`); ``load`` is the whole read of the JSON file.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench_check import synthetic_body, synthetic_expenditure

from yusuan.api import load
from yusuan.check import check
from yusuan.collector import collector_paused
from yusuan.model import Cell, Disclosure, Row
from yusuan.read import read_path
from yusuan.read.raw import RawDocument
from yusuan.read.text import parse_text
from yusuan.recognize import recognize
from yusuan.render.lowered import lowered

SIZES = (550, 2200, 5500, 11000, 20000)
#: The rows a sample spans at least (a small size is run BATCH // size times per sample).
BATCH = 5500


def synthetic_model(items: int) -> Disclosure:
    """The synthetic 支出总表 with ``items`` 项 rows as a model, as recognition builds it.

    The table's title, header and columns are those recognized from the text export of a
    small one; the rows are made from :func:`synthetic_body` as recognition makes them."""
    small = recognize(parse_text(synthetic_expenditure(20)))
    table = small.tables[0]
    rows = []
    for i, (code, name, *amounts) in enumerate(synthetic_body(items)):
        cells = {
            3 + k: Cell(text=a, value=Decimal(a) if a else None) for k, a in enumerate(amounts)
        }
        depth = None if name == "合计" else (1 if len(code) == 5 else 2)
        rows.append(
            Row(
                index=i,
                seq=str(i + 1),
                code=code or None,
                label=name,
                item=name,
                depth=depth,
                cells=cells,
            )
        )
    return small.model_copy(update={"tables": (table.model_copy(update={"rows": tuple(rows)}),)})


def _rows(d: Disclosure) -> list[tuple[object, ...]]:
    """What the rules read of each row: code, item, depth and the amounts."""
    return [
        (r.code, r.item, r.depth, tuple(sorted((k, c.value) for k, c in r.cells.items())))
        for r in d.tables[0].rows
    ]


def measure(sizes: list[int], repeat: int) -> dict[str, dict[int, float]]:
    """Print the cost per row at each size; return, per stage, each size's × the first."""
    print(
        f"machine: {platform.machine()} · {platform.python_implementation()} "
        f"{platform.python_version()}; medians of {repeat} interleaved runs, CPU time"
    )
    folder = Path(tempfile.mkdtemp(prefix="bench-rows-"))
    paths: dict[int, Path] = {}
    # the builder adds one 款 row per ten 项 rows and a 合计 row: n rows ≈ n * 10 // 11 项
    for n in sizes:
        paths[n] = folder / f"rows-{n}.json"
        paths[n].write_text(synthetic_model(n * 10 // 11).model_dump_json(), encoding="utf-8")
    first = min(sizes)
    as_text = recognize(parse_text(synthetic_expenditure(first * 10 // 11)))
    same = _rows(load(paths[first])) == _rows(as_text)
    print(f"{first} rows: the JSON model and the text export give the same rows: {same}")
    if not same:
        raise SystemExit("the JSON model is not the text export's table")
    raws: dict[int, RawDocument] = {n: lowered(read_path(p)[0]) for n, p in paths.items()}
    models: dict[int, Disclosure] = {n: recognize(raw) for n, raw in raws.items()}
    rows = {n: len(d.tables[0].rows) for n, d in models.items()}
    check_s: dict[int, list[float]] = {n: [] for n in sizes}
    recog_s: dict[int, list[float]] = {n: [] for n in sizes}
    load_s: dict[int, list[float]] = {n: [] for n in sizes}
    # a small size runs several times per sample, so each sample spans some 5,500 rows' work:
    # one pass over 550 rows takes tens of milliseconds, which a loaded machine's noise swamps
    runs = {n: max(1, BATCH // n) for n in sizes}
    for _ in range(repeat):
        for n in sizes:
            t = time.process_time()
            for _ in range(runs[n]):
                with collector_paused():  # as yusuan.api.load runs it
                    recognize(raws[n])
            recog_s[n].append((time.process_time() - t) / runs[n])
            t = time.process_time()
            for _ in range(runs[n]):
                check(models[n])
            check_s[n].append((time.process_time() - t) / runs[n])
            t = time.process_time()
            for _ in range(runs[n]):
                load(paths[n])
            load_s[n].append((time.process_time() - t) / runs[n])
    for p in paths.values():
        p.unlink()
    folder.rmdir()
    print(
        f"{'rows':>6} {'check ms':>9} {'µs/row':>7} {'× first':>7}"
        f" {'recognize ms':>13} {'µs/row':>7} {'× first':>7}"
        f" {'load ms':>9} {'µs/row':>7} {'× first':>7}"
    )
    base: dict[str, float] = {}
    out: dict[str, dict[int, float]] = {"check": {}, "recognize": {}, "load": {}}
    for n in sizes:
        line = f"{rows[n]:6d}"
        for name, runs in (("check", check_s), ("recognize", recog_s), ("load", load_s)):
            total = statistics.median(runs[n])
            per_row = total / rows[n] * 1e6
            base.setdefault(name, per_row)
            out[name][rows[n]] = per_row / base[name]
            width = 13 if name == "recognize" else 9
            line += f" {total * 1000:{width}.1f} {per_row:7.1f} {per_row / base[name]:7.2f}"
        print(line)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rows", type=int, nargs="+", default=list(SIZES))
    args = ap.parse_args()
    measure(args.rows, args.repeat)


if __name__ == "__main__":
    main()
