"""Template families: which tables a package must print, as data (``data/families.toml``)."""

from __future__ import annotations

from functools import cache

from yusuan.datafiles import data_toml
from yusuan.model import Disclosure, TableId
from yusuan.values import Frozen


class Family(Frozen):
    """One template family: its name, the tables that mark it and the tables it requires."""

    name: str
    kind: str | None
    marks: frozenset[TableId]
    required: tuple[TableId, ...]
    #: how many of ``marks`` a document must print to be of the family (one misprinted
    #: title can read as one family table; a family's own package prints them all)
    min_marks: int = 1


@cache
def families() -> tuple[Family, ...]:
    """The families in matching order (the last one is the national standard set)."""
    raw = data_toml("families.toml")["family"]
    return tuple(
        Family(
            name=f["name"],
            kind=f.get("kind"),
            marks=frozenset(TableId(t) for t in f.get("marks", ())),
            required=tuple(TableId(t) for t in f["required"]),
            min_marks=f.get("min_marks", 1),
        )
        for f in raw
    )


def family_of(d: Disclosure) -> Family:
    """The family a document was made from: the first one it marks, else the standard set."""
    return family_for(d.kind, {t.id for t in d.tables})


def family_for(kind: str | None, have: set[TableId]) -> Family:
    """:func:`family_of` a document of ``kind`` that prints the tables ``have``."""
    for f in families():
        if f.kind is not None and f.kind != (kind or "预算"):
            continue
        if not f.marks or len(f.marks & have) >= f.min_marks:
            return f
    return families()[-1]
