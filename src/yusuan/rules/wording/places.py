"""Where the wording rules look: the places of the prose and the table cells, snippets and
locations, and the family's basis text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from yusuan.model import Source
from yusuan.rules.base import Location, cell_location
from yusuan.rules.context import CheckContext
from yusuan.values import Mutable

GUIDE = "《地方预决算公开操作规程》（财预〔2016〕143号）：预决算公开应当真实、准确、规范"


@dataclass(eq=False, repr=False)
class Place(Mutable):
    """A piece of printed text a wording rule reads, with where it is.

    ``where`` is a Location, or a callable making one: most places are never
    reported, so a table cell's location is only built when a rule needs it.
    """

    text: str
    where: Location | Callable[[], Location]
    prose: bool  # a narrative paragraph or heading (not a table cell or title)

    @property
    def location(self) -> Location:
        if callable(self.where):
            self.where = self.where()
        return self.where


def snippet(text: str, start: int, end: int, around: int = 12) -> str:
    a, b = max(0, start - around), min(len(text), end + around)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


def prose_places(ctx: CheckContext) -> list[Place]:
    """Every heading and paragraph of the 情况说明, in document order (built once per check and
    shared by the rules reading it; do not change the list)."""
    return ctx.memo("wording.prose_places", lambda: _prose_places(ctx))


def _prose_places(ctx: CheckContext) -> list[Place]:
    out: list[tuple[int, Place]] = []  # (line, place): the location is built when reported
    for s in ctx.d.narrative.walk():
        if s.title:
            loc = partial(Location.at, s.source, section=s.title, text=s.title)
            out.append((_line(s.source), Place(s.title, loc, True)))
    for path, p in ctx.paragraphs:
        loc = partial(Location.at, p.source, section=" / ".join(path) or None, text=p.text)
        out.append((_line(p.source), Place(p.text, loc, True)))
    out.sort(key=lambda lp: lp[0])  # stable: a line's heading before its paragraphs, as printed
    return [place for _, place in out]


def _line(src: Source | None) -> int:
    """The line a place's location will name (``Location.at``), 0 for none: the sort key."""
    return (src.line if src else None) or 0


def table_places(ctx: CheckContext) -> list[Place]:
    """Every table title, row label and non-blank cell."""
    return ctx.memo("wording.table_places", lambda: _table_places(ctx))


def _table_places(ctx: CheckContext) -> list[Place]:
    out: list[Place] = []
    for t in ctx.d.tables:
        out.append(Place(t.title, partial(cell_location, t), False))
        columns = {c.index: c for c in t.columns}
        for r in t.rows:
            if r.label.strip():
                out.append(Place(r.label, partial(cell_location, t, r), False))
            for i, cell in r.cells.items():
                if cell.value is None and cell.text.strip():  # a parsed number holds no wording
                    out.append(
                        Place(cell.text, partial(cell_location, t, r, columns.get(i)), False)
                    )
    return out


def at(place: Place, m: re.Match[str]) -> Location:
    """The place's location with the matched text (and its context) as ``text``."""
    if not place.prose:
        return place.location
    return place.location.model_copy(update={"text": snippet(place.text, m.start(), m.end())})
