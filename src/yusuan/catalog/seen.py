"""Building the bundled catalogue from documents: every 科目 a document prints."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.catalog.entries import Entry, merge, write_csv
from yusuan.codes import Kind, classification, kind_of_code

if TYPE_CHECKING:
    from yusuan.model import Disclosure, Row, Table


# -- building from documents --------------------------------------------------------------
def _position(row: Row) -> str:
    src = row.source
    if src.page:
        return f"p.{src.page}"
    if src.line:
        return f"l.{src.line}"
    if src.row is not None:
        return f"r.{src.row + 1}"
    return "-"


def seen_in(disclosure: Disclosure, label: str) -> list[Entry]:
    """Every valid 科目编码 with its printed name in a document's coded tables.

    Valid: all digits, of a length of the table's classification, and starting as
    it does (功能分类 2, 经济分类 3 or 5).  One entry per (table, code); ``seen`` is
    ``LABEL TABLE POSITION``, ``sources`` ``SHA256 LABEL`` (the document's hash).
    The classification of a table is the one the hierarchy rules use.  A document
    without a year gives nothing.
    """
    if disclosure.year is None:
        return []
    sources = (f"{disclosure.source.sha256} {label}",) if disclosure.source else ()
    out: list[Entry] = []
    for table in disclosure.tables:
        kind: Kind | None = classification(table)
        if kind is None:
            continue
        out.extend(_table_entries(disclosure.year, kind, table, label, sources))
    return out


def _table_entries(
    year: int, kind: Kind, table: Table, label: str, sources: tuple[str, ...]
) -> Iterator[Entry]:
    done: set[str] = set()
    for row in table.rows:
        code = row.code or ""
        name = " ".join(row.item.split())
        if kind_of_code(code) != kind or not name or code in done:
            continue  # a malformed code (YS206), or a misread one: 71102 is no 功能分类 code
        done.add(code)
        where = f"{label} {table.id.value} {_position(row)}"
        yield Entry(year=year, kind=kind, code=code, name=name, seen=(where,), sources=sources)


def write_bundled(entries: Iterable[Entry], folder: Path) -> list[Path]:
    """Write one CSV per year into ``folder`` (the bundled catalogue)."""
    by_year: dict[int, list[Entry]] = {}
    for e in merge(entries):
        by_year.setdefault(e.year, []).append(e)
    paths = []
    for year, es in sorted(by_year.items()):
        path = folder / f"{year}.csv"
        write_csv(es, path)
        paths.append(path)
    return paths
