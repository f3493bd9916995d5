"""Stated amounts placed in their paragraph: where each amount, change and percentage stands in the
text.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Paragraph, Source, StatedAmount
from yusuan.rules.base import Location
from yusuan.rules.context import CheckContext
from yusuan.values import Frozen

SIGN = {"增加": Decimal(1), "减少": Decimal(-1)}


class Placed(Frozen):
    """A stated amount at its character position in its paragraph."""

    pos: int
    s: StatedAmount

    @property
    def end(self) -> int:
        return self.pos + len(self.s.text)


def placed(ctx: CheckContext) -> list[tuple[Paragraph, list[Placed]]]:
    """Every narrative paragraph with the amounts stated in it, in order, with positions."""
    return ctx.memo("prose.placed", lambda: _placed(ctx))


def _placed(ctx: CheckContext) -> list[tuple[Paragraph, list[Placed]]]:
    # an amount keeps its paragraph's whole source: page and line alone do not tell two
    # paragraphs of one PDF page apart
    by_source: dict[Source, list[StatedAmount]] = {}
    for s in ctx.d.narrative.stated:
        by_source.setdefault(s.source, []).append(s)
    out = []
    for _, p in ctx.paragraphs:
        items: list[Placed] = []
        cursor = 0
        for s in by_source.get(p.source, []):
            if s.sentence in p.text and (i := p.text.find(s.text, cursor)) >= 0:
                items.append(Placed(i, s))
                cursor = i + len(s.text)
        out.append((p, items))
    return out


def signed(s: StatedAmount) -> Decimal:
    assert s.wan is not None
    return s.wan * SIGN.get(s.direction or "增加", Decimal(1))


def said(s: StatedAmount) -> str:
    return f"{s.phrase}{s.text}"


def location(s: StatedAmount) -> Location:
    return Location.at(s.source, text=s.sentence)
