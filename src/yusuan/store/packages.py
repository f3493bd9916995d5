"""Packages published as several files, put back together at ingest.

Many publishers split one package: the 情况说明 in one PDF, the 公开表 in another (Jiangsu's
``…-budget.pdf`` and ``…-budget-tables.pdf``). Stored file by file, each is half a document:
the narrative's rules find no tables, the tables' find no narrative, and the halves often
lack what the other prints (the tables file its year, the narrative file its department).

After the files of a run are stored, :func:`group` pairs the halves: a **narrative part**
(no table, a narrative) and a **tables part** (tables; no amount stated in prose, though a
cover or a 目录 may be printed) in the same folder,
whose years and kinds do not contradict each other, and which either name the same
department (through the alias data, ``Disclosure.department_canonical``) or share amounts
(at least :data:`MIN_SHARED` statements of the narrative state amounts the tables print). Each
pair is read again as one package (:func:`yusuan.api.load_package`, the narrative first),
checked, and stored in one transaction that removes the two halves; the parts' hashes are
kept (``originals``), so a rerun skips them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from yusuan.model import Disclosure
from yusuan.store import originals
from yusuan.store.write import Store

#: Stated amounts of the narrative part that must be printed in the tables part when the
#: two do not name the same department.
MIN_SHARED = 2


@dataclass(frozen=True)
class Part:
    sha256: str
    path: Path
    kind: str  # "narrative" or "tables"
    disclosure: Disclosure


def _part(sha: str, path: str, model: str) -> Part | None:
    return part_of(sha, Path(path), Disclosure.model_validate_json(model))


def part_of(sha: str, path: Path, d: Disclosure) -> Part | None:
    """``d`` as half a package (a narrative part or a tables part), or None."""
    has_text = any(sec.paragraphs for sec in d.narrative.walk()) or bool(d.narrative.stated)
    has_tables = any(t.rows for t in d.tables)
    if has_text and not has_tables:
        return Part(sha, path, "narrative", d)
    if has_tables and not d.narrative.stated:  # a cover or a 目录 is not a narrative
        return Part(sha, path, "tables", d)
    return None


def _agree(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _amounts(d: Disclosure) -> set[Decimal]:
    out: set[Decimal] = set()
    for t in d.tables:
        for r in t.rows:
            for c in r.cells.values():
                if c.value is not None and (w := t.to_wan(c.value)) is not None and w:
                    out.add(w.quantize(Decimal("0.01")))
    return out


def shared(narrative: Disclosure, tables: Disclosure) -> int:
    """How many statements of the narrative state (in 万元, not 0) an amount the tables print."""
    printed = _amounts(tables)
    return sum(
        1
        for s in narrative.narrative.stated
        if s.wan and s.kind == "amount" and s.wan.quantize(Decimal("0.01")) in printed
    )


def _score(n: Part, t: Part) -> int | None:
    """How well two parts fit (None: they are not one package)."""
    a, b = n.disclosure, t.disclosure
    if n.path.parent != t.path.parent:
        return None
    if not (_agree(a.year, b.year) and _agree(a.kind, b.kind) and _agree(a.level, b.level)):
        return None
    same_name = bool(a.department_canonical) and a.department_canonical == b.department_canonical
    common = shared(a, b)
    if not same_name and common < MIN_SHARED:
        return None
    return common + (1000 if same_name else 0)


def pairs(parts: list[Part]) -> list[tuple[Part, Part]]:
    """The narrative and tables parts that make one package each (best fits first; a part
    belongs to one package at most)."""
    narratives = [p for p in parts if p.kind == "narrative"]
    tables = [p for p in parts if p.kind == "tables"]
    scored = sorted(
        (
            (s, n.sha256, t.sha256, n, t)
            for n in narratives
            for t in tables
            if (s := _score(n, t)) is not None
        ),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used: set[str] = set()
    out = []
    for _, _, _, n, t in scored:
        if n.sha256 in used or t.sha256 in used:
            continue
        used |= {n.sha256, t.sha256}
        out.append((n, t))
    return out


def candidates(store: Store) -> list[Part]:
    """The stored documents that are half a package (their files still at hand)."""
    rows = store.con.execute(
        "SELECT sha256, path, model FROM documents WHERE n_tables = 0 OR n_stated = 0 ORDER BY path"
    ).fetchall()
    out = []
    for sha, path, model in rows:
        if not path or " + " in str(path) or not Path(path).is_file():
            continue
        part = _part(str(sha), str(path), str(model))
        if part is not None:
            out.append(part)
    return out


def group(
    store: Store, event: Callable[[str, str, str], None] | None = None
) -> list[tuple[str, list[str]]]:
    """Store every pair of halves as one package; returns (package sha256, part paths)."""
    from yusuan.api import load_package
    from yusuan.check import check
    from yusuan.store.rows import document_rows

    done = []
    for n, t in pairs(candidates(store)):
        files = [n.path, t.path]
        try:
            d = load_package(files)
        except Exception:  # the halves stay as they are: each was stored on its own
            continue
        rows = document_rows(d, check(d))
        con = store.con
        with store.faults():
            con.execute("BEGIN")
            try:
                exists = con.execute(
                    "SELECT count(*) FROM documents WHERE sha256 = ?", [rows.sha256]
                ).fetchone()
                if not (exists and exists[0]):
                    store.insert(rows)
                for old in (n.sha256, t.sha256):
                    store.delete(old)
                for i, f in enumerate(files):
                    con.execute("DELETE FROM originals WHERE sha256 = ?", [(n, t)[i].sha256])
                    originals.keep(con, rows.sha256, f.name, f.read_bytes(), part=i,
                                   sha256=(n, t)[i].sha256)  # fmt: skip
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        done.append((rows.sha256, [str(f) for f in files]))
        if event is not None:
            event("packaged", " + ".join(str(f) for f in files), json.dumps(rows.sha256))
    return done
