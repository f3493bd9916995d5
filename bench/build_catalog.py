"""Build the bundled 科目 catalogue from the documents themselves.

    python bench/build_catalog.py CORPUS_DIR [--reference tests/data/pingxiang-renda-2023.txt]
                                  [--out src/yusuan/data/catalog]

Every document under CORPUS_DIR (searched recursively: PDF, text, Word, Excel,
HTML) and each ``--reference`` file is read and recognized; every valid 科目编码
printed in a coded table (功能分类: 3/5/7 digits starting with 2; 经济分类: 3/5
digits starting with 3 or 5; the table's classification as the hierarchy rules
tell it) is kept with its printed name and
where it was seen (file name, table id, page or line).  One CSV per year is
written to ``--out`` (``year,kind,code,name,seen``), replacing the files of the
years found.  A code printed with two names in one year keeps both names; the
script lists those codes.  Files that cannot be read are listed and skipped.

The package never reads the corpus: the output is committed as package data.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from yusuan.api import load
from yusuan.catalog import KIND_ZH, Entry, merge, seen_in, write_bundled
from yusuan.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".pdf", ".txt", ".docx", ".xlsx", ".xls", ".html", ".htm"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="a folder of published documents")
    ap.add_argument("--reference", type=Path, action="append", default=[], help="more files")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "yusuan" / "data" / "catalog")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in SUFFIXES)
    files += args.reference
    entries: list[Entry] = []
    for path in files:
        try:
            d = load(path)
        except InputError as exc:
            print(f"skip {path.name}: {exc.line()}", file=sys.stderr)
            continue
        found = seen_in(d, path.name)
        kinds = Counter(e.kind for e in found)
        print(
            f"{path.name:58} {d.year or '-':>4} "
            + " ".join(f"{KIND_ZH[k]} {n}" for k, n in sorted(kinds.items()))
        )
        entries.extend(found)
    merged = merge(entries)
    paths = write_bundled(merged, args.out)
    for path in paths:
        year = int(path.stem)
        mine = [e for e in merged if e.year == year]
        print(
            f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(mine)} entries"
        )
    names: dict[tuple[int, str, str], list[Entry]] = {}
    for e in merged:
        names.setdefault((e.year, e.kind, e.code), []).append(e)
    conflicts = {k: v for k, v in names.items() if len(v) > 1}
    if conflicts:
        print(f"\n{len(conflicts)} codes printed with more than one name (all names kept):")
        for (year, kind, code), es in sorted(conflicts.items()):
            shown = " | ".join(f"{e.name} ({len(e.seen)})" for e in es)
            print(f"  {year} {KIND_ZH[kind]} {code}: {shown}")  # type: ignore[index]


if __name__ == "__main__":
    main()
