"""Unruled tables on scans: amounts right / wrong / unreadable per layout class, and the
CPU time the rebuild adds per page.

    python bench/bench_unruled.py [--pages 3] [--seed 0] [--widest 9999]

For each layout class of ``tests/support/unruled.py`` — no lines, a 三线表, rules between
rows — ``--pages`` generated 一般公共预算支出表 pages are written (random codes, names,
amounts, a quarter of the cells blank, amounts right-aligned or centred at random, every
other page with a 续表 second page), scanned (``tests/support/scan.py``: 300 dpi, turned
0.6°, noised, JPEG quality 60) and read.  The same tables drawn with their full lattice,
read from the text layer, are the reference.  Every amount of the reference is counted
right (the scan gives it), wrong (the scan gives another value for its row and column, or
a value where the reference has a hole) or unreadable (no value).

The rebuild's cost is the CPU time spent in ``ocr_tables.find_tables`` and ``join``
(timed around the calls), per page, beside the whole page's CPU time.  The ``ocr`` extra
must be installed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.scan import scanned  # noqa: E402
from support.unruled import Spec, write  # noqa: E402
from yusuan.api import load  # noqa: E402
from yusuan.errors import InputError  # noqa: E402
from yusuan.facts import facts  # noqa: E402
from yusuan.model import Disclosure  # noqa: E402
from yusuan.read import ocr_engine, ocr_page, ocr_tables  # noqa: E402

NAMES = [
    ("201", "一般公共服务支出"),
    ("20101", "人大事务"),
    ("2010101", "行政运行"),
    ("2010108", "代表工作及其他人大事务支出"),
    ("205", "教育支出"),
    ("20508", "进修及培训"),
    ("2050803", "培训支出"),
    ("208", "社会保障和就业支出"),
    ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("210", "卫生健康支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
]

SPENT = [0.0]
P = ParamSpec("P")
R = TypeVar("R")


def _timed(fn: Callable[P, R]) -> Callable[P, R]:
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[0] += time.process_time() - t

    return run


def _amount(rnd: random.Random, widest: int) -> str | None:
    if rnd.random() < 0.25:
        return None
    whole = rnd.choice([rnd.randint(0, 99), rnd.randint(100, 999), rnd.randint(1000, widest)])
    return f"{whole:,}.{rnd.randint(0, 99):02d}"


def spec(style: str, rnd: random.Random, continued: bool, widest: int = 9999) -> Spec:
    rows = [(c, n, [_amount(rnd, widest) for _ in range(5)]) for c, n in NAMES]
    total = ("", "合计", [f"{rnd.randint(1000, widest):,}.{rnd.randint(0, 99):02d}"] * 5)
    centred = rnd.random() < 0.5
    if continued:
        return Spec(rows[:11], style=style, centred=centred, more=[*rows[11:], total])
    return Spec([*rows[:9], total], style=style, centred=centred)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3, help="generated tables per class")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--widest",
        type=int,
        default=9999,
        help="largest whole part of an amount (99999: centred figures nearly touch in the "
        "53 pt columns, and OCR reads neighbours as one region)",
    )
    args = ap.parse_args()
    if not ocr_engine.available():
        sys.exit("the ocr extra is not installed: pip install 'yusuan[ocr]'")
    vars(ocr_page)["find_tables"] = _timed(ocr_tables.find_tables)
    vars(ocr_page)["join"] = _timed(ocr_tables.join)
    rnd = random.Random(args.seed)
    ocr_engine.engine()
    print(
        f"{'class':12} {'pages':>5} {'amounts':>7} {'right':>5} {'wrong':>5} {'unread':>6} "
        f"{'refused':>7} {'CPU s/page':>10} {'rebuild ms/page':>15}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for style in ("none", "three-line", "rows"):
            count: Counter[str] = Counter()
            pages = refused = 0
            cpu = spent = 0.0
            for k in range(args.pages):
                s = spec(style, rnd, continued=k % 2 == 1, widest=args.widest)
                ruled = Spec(s.rows, style="ruled", centred=s.centred, more=s.more)
                expected = {
                    (f.table, f.code or f.item, f.column): f.value
                    for f in facts(load(write(d / "ruled.pdf", ruled)))
                }
                n = 2 if s.more else 1
                scan = scanned(write(d / "unruled.pdf", s), list(range(1, n + 1)), d / "s.pdf")
                SPENT[0] = 0.0
                t = time.process_time()
                try:
                    got_doc = load(scan)
                except InputError:  # nothing recognized (the table refused): all unreadable
                    got_doc = Disclosure(diagnostics=("ocr-table: not recognized",))
                cpu += time.process_time() - t
                spent += SPENT[0]
                pages += n
                refused += sum(1 for x in got_doc.diagnostics if x.startswith("ocr-table"))
                got = {(f.table, f.code or f.item, f.column): f.value for f in facts(got_doc)}
                for key, value in expected.items():
                    count["amounts"] += 1
                    if key not in got:
                        count["unreadable"] += 1
                    elif got[key] == value:
                        count["right"] += 1
                    else:
                        count["wrong"] += 1
                count["wrong"] += sum(1 for key in got if key not in expected)
            print(
                f"{style:12} {pages:>5} {count['amounts']:>7} {count['right']:>5} "
                f"{count['wrong']:>5} {count['unreadable']:>6} {refused:>7} "
                f"{cpu / pages:>10.2f} {1000 * spent / pages:>15.1f}"
            )


if __name__ == "__main__":
    main()
