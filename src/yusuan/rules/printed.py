"""Amounts in findings as the document prints them: the table's unit, its thousands separators
and its number of decimals (``14,348,853.34 元``), so that a reviewer's Ctrl-F finds them.

The rules compute in 万元 (exact ``Decimal``); a finding renders its amounts back in the unit and
the style of the cells it concerns. A :class:`Style` is read off the printed cell texts
(:func:`style_of`); :func:`printed` renders one value in it, never hiding a digit the exact value
has (a sum of 元 figures stays exact in 元). :func:`money` adds the unit and, for an amount not
printed in 万元, its 万元 value beside it: the 情况说明 states 万元, so a document whose tables
print 元 mixes units, and the reader compares both.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from yusuan.amounts import Unit, convert
from yusuan.regex import lazy
from yusuan.values import Frozen

_SEPARATED = lazy(r"\d[,，]\d{3}")
_LONG = lazy(r"\d{4}")


class Style(Frozen):
    """How a table prints its amounts: unit (None: the table names none), decimals (None: not
    known, the exact value's own), thousands separators (None: not known)."""

    unit: Unit | None = None
    decimals: int | None = None
    grouped: bool | None = None

    @property
    def shown_unit(self) -> Unit:
        """The unit the values are converted to: a table naming none is read as 万元."""
        return self.unit or Unit.WAN


_DECIMALS = lazy(r"\.(\d+)")


def _decimals(text: str) -> int | None:
    s = text.strip()
    if not s or not any(ch.isdigit() for ch in s):
        return None
    m = _DECIMALS.search(s.replace(",", ""))
    return len(m.group(1)) if m else 0


def style_of(unit: Unit | None, texts: Iterable[str | None]) -> Style:
    """The style of the printed ``texts`` (cells of one table, printed in ``unit``).

    Decimals: the most any of them prints; separators: printed when any of them has one, not
    when one of four or more integer digits has none, else those of the unit's custom (元 and
    千元 tables group their digits, 万元 tables mostly do not)."""
    shown = [t for t in texts if t and t.strip()]
    places = [d for d in map(_decimals, shown) if d is not None]
    grouped: bool | None = None
    if any(_SEPARATED.search(t) for t in shown):
        grouped = True
    elif any(_LONG.search(t.split(".")[0]) for t in shown):
        grouped = False
    return Style(unit, max(places) if places else None, grouped)


def printed(value: Decimal, style: Style) -> str:
    """``value`` (万元) in the style's unit and form, without the unit: ``14,348,853.34``."""
    v = convert(value, Unit.WAN, style.shown_unit)
    exponent = v.normalize().as_tuple().exponent
    exact = max(0, -exponent) if isinstance(exponent, int) else 0
    places = max(style.decimals if style.decimals is not None else 0, exact)
    grouped = style.grouped if style.grouped is not None else style.shown_unit is not Unit.WAN
    return format(v, f"{',' if grouped else ''}.{places}f")


def wan_beside(value: Decimal) -> str:
    """The 万元 value to two decimals (the narrative's own form), ``约`` when rounded."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{'' if rounded == value else '约'}{format(rounded, ',.2f')} 万元"


def money(value: Decimal | None, style: Style, beside: bool = True) -> str:
    """``value`` (万元) as printed with its unit named: ``14,348,853.34 元（约 1,434.89 万元）``,
    ``593.58 万元``; ``空`` for a blank. A table naming no unit gets no unit; ``beside=False``
    leaves out the 万元 value (a difference), as does a zero."""
    if value is None:
        return "空"
    text = printed(value, style)
    if style.unit is None:
        return text
    if style.unit is Unit.WAN or not beside or value == 0:
        return f"{text} {style.unit.value}"
    return f"{text} {style.unit.value}（{wan_beside(value)}）"


def money_of(value: Decimal | None, unit: Unit | None, texts: Iterable[str | None]) -> str:
    """:func:`money` in the style of ``texts`` printed in ``unit``."""
    return money(value, style_of(unit, texts))


__all__ = ["Style", "money", "money_of", "printed", "style_of", "wan_beside"]
