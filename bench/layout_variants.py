"""The layout-variation harness at scale: many generated PDFs of the reference, read back.

    python bench/layout_variants.py [--examples 200] [--seed 0]

Each example is a :class:`support.layouts.Variant` drawn at random (every kind the
harness knows: numbering styles, year/department words, wrapped titles and unit
lines, lines between title and grid, 元/万元, split 类/款/项, fake bold, page breaks at
any row with or without a repeated header or 续表, the header alone at a page foot,
untitled tables with or without a 目录, running headers and footers, a table printed
under another table's title).  A variant passes when its tables come back
with their ids and unit and the facts equal the model's.  Prints how many variants
of each kind passed, and every failing variant.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.layouts import BETWEEN, NUMBERINGS, TABLES, Variant, layout, write_variant  # noqa: E402
from yusuan.api import load  # noqa: E402
from yusuan.facts import facts  # noqa: E402
from yusuan.model import Disclosure, TableId  # noqa: E402

#: untitled tables the content (or the 目录) can name
UNTITLED = (TableId.SUMMARY, TableId.REVENUE, TableId.THREE_PUBLIC, TableId.GPB_BASIC)
T = TableId
#: (table, the title it is printed under): the content names the table alone, or (with a
#: 目录) leaves several of which the 目录 lists one no other table holds
MISPRINTED = (
    (T.THREE_PUBLIC, T.REVENUE),
    (T.REVENUE, T.THREE_PUBLIC),
    (T.SUMMARY, T.FISCAL_SUMMARY),
)
MISPRINTED_TOC = ((T.GPB_BASIC, T.GPB_EXPENDITURE), (T.GPB_EXPENDITURE, T.GPB_BASIC))


def draw(rng: random.Random, d: Disclosure) -> Variant:
    lengths = [len(layout(t, Variant()).body) for tid in TABLES if (t := d.table(tid))]
    toc = rng.random() < 0.3
    pool = UNTITLED if toc else UNTITLED[:3]
    untitled = (rng.choice(pool),) if rng.random() < 0.3 else ()
    misprints = [
        m for m in MISPRINTED + (MISPRINTED_TOC if toc else ()) if not set(m) & set(untitled)
    ]
    titled_as = (rng.choice(misprints),) if misprints and rng.random() < 0.2 else ()
    return Variant(
        numbering=rng.choice(NUMBERINGS),
        prefix=rng.random() < 0.5,
        wrap_title=rng.random() < 0.5,
        between=rng.choice(BETWEEN),
        wrap_unit=rng.random() < 0.5,
        yuan=rng.random() < 0.5,
        split_codes=rng.random() < 0.5,
        bold=rng.random() < 0.3,
        breaks=tuple(None if rng.random() < 0.5 else rng.randrange(max(1, n)) for n in lengths),
        repeat_header=rng.random() < 0.5,
        continued=rng.random() < 0.5,
        untitled=untitled,
        titled_as=titled_as,
        toc=toc,
        running=rng.random() < 0.5,
    )


def passes(d: Disclosure, v: Variant, folder: Path) -> bool:
    back = load(write_variant(d, v, folder / "variant.pdf"))
    wanted = {tid.value for tid in v.tables}
    unit = "元" if v.yuan else "万元"
    return (
        [t.id for t in back.tables] == list(v.tables)
        and {t.unit.value if t.unit else None for t in back.tables} == {unit}
        and facts(back) == [f for f in facts(d) if f.table in wanted]
        and not back.unrecognized()
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    d = load(ROOT / "tests" / "data" / "pingxiang-renda-2023.txt")
    rng = random.Random(args.seed)
    tried: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    failures: list[Variant] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.examples):
            v = draw(rng, d)
            ok = passes(d, v, Path(tmp))
            for kind in set(v.kinds()):
                tried[kind] += 1
                passed[kind] += ok
            if not ok:
                failures.append(v)
    print(f"variants: {args.examples - len(failures)}/{args.examples} passed (seed {args.seed})")
    for kind in sorted(tried):
        print(f"  {kind:40} {passed[kind]:>4}/{tried[kind]}")
    for v in failures:
        print("FAILED", v)


if __name__ == "__main__":
    main()
