"""Amounts as printed in disclosures: parsing, units and exact conversion.

All money is :class:`~decimal.Decimal`.  A printed cell is parsed by
:func:`parse_amount`; a blank cell is ``None`` (never 0).  Units are
:class:`Unit` (元 / 千元 / 万元 / 亿元) and :func:`to_wan` converts exactly.

A cell printed in full-width digits or with a full-width point (３２２．９１, 322．91) is one
unambiguous number and is read as such; :func:`is_full_width` tells that the print has the
defect (YS610 reports it).  Any other text that is neither blank nor a number is *unreadable*:
it is not blank, and no rule may count it as 0 (:func:`is_blank_text`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from yusuan import regex
from yusuan.regex import lazy


class Unit(StrEnum):
    YUAN = "元"
    QIAN = "千元"
    WAN = "万元"
    YI = "亿元"


FACTOR: dict[Unit, Decimal] = {
    Unit.YUAN: Decimal(1),
    Unit.QIAN: Decimal(1000),
    Unit.WAN: Decimal(10000),
    Unit.YI: Decimal(100000000),
}

# Characters a spreadsheet or PDF puts around a number that do not change it.
_THOUSANDS = regex.compile(r"(?<=\d)[,，](?=\d{3}(?:\D|$))")
_AMOUNT = regex.compile(r"^[-−－]?(?:\d+(?:\.\d*)?|\.\d+)$")
_BLANKS = frozenset({"", "-", "—", "–", "--", "——", "/", "／"})
# Full-width digits and the full-width point: the same number printed in a CJK font's forms.
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")
_WIDE_CHARS = regex.compile("[０-９．]")


def clean_number_text(text: str) -> str:
    """Remove whitespace, thousands separators and a trailing 万元/元 from ``text``."""
    # ``str.split()`` splits at exactly what ``\s`` matches (``str.isspace``): no pattern
    # to look up on each of the thousands of cells a check reads (issue #17)
    s = "".join(text.split()).translate(_WIDE)
    if "," in s or "，" in s:
        s = _THOUSANDS.sub("", s)
    s = s.replace("（", "(").replace("）", ")")
    if s.startswith("(") and s.endswith(")") and len(s) > 2:  # accounting negative
        s = "-" + s[1:-1]
    return s.replace("−", "-").replace("－", "-")


def is_amount_text(text: str) -> bool:
    """True when ``text`` is a printed number (thousands separators allowed)."""
    if not text:  # a blank cell, the commonest (no cleaning to do)
        return False
    return bool(_AMOUNT.match(clean_number_text(text)))


def is_blank_text(text: str | None) -> bool:
    """True when ``text`` prints no amount: empty, or a dash or slash standing for none.

    >>> is_blank_text(" — "), is_blank_text("0.00"), is_blank_text("XX")
    (True, False, False)
    """
    # every blank spelling is already clean: the commonest cells (``""``) need no cleaning
    return text is None or text in _BLANKS or clean_number_text(text) in _BLANKS


def is_full_width(text: str) -> bool:
    """True when ``text`` prints full-width digits or a full-width point (read, but a defect)."""
    return bool(_WIDE_CHARS.search(text))


def parse_amount(text: str | None) -> Decimal | None:
    """Parse a printed amount; blanks and dashes give ``None``.

    >>> parse_amount("1,234.50")
    Decimal('1234.50')
    >>> parse_amount("") is None
    True

    Raises :class:`ValueError` for text that is not a number.
    """
    if text is None or text in _BLANKS:  # each blank spelling is its own clean form
        return None
    s = clean_number_text(text)
    if s in _BLANKS:
        return None
    if not _AMOUNT.match(s):
        raise ValueError(f"not an amount: {text!r}")
    try:
        return Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise ValueError(f"not an amount: {text!r}") from exc


def to_wan(value: Decimal, unit: Unit) -> Decimal:
    """Convert ``value`` printed in ``unit`` to 万元, exactly."""
    if unit is Unit.WAN:
        return value
    return value * FACTOR[unit] / FACTOR[Unit.WAN]


def convert(value: Decimal, unit: Unit, to: Unit) -> Decimal:
    """Convert exactly between two units."""
    return value * FACTOR[unit] / FACTOR[to]


def plain(value: Decimal) -> str:
    """A canonical plain decimal string: no exponent, no trailing zeros.

    >>> plain(Decimal("593.5800")), plain(Decimal("163.00")), plain(Decimal("5E+2"))
    ('593.58', '163', '500')
    """
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


_UNIT_RE = regex.compile(r"(?:金额)?单位\s*[:：]?\s*(亿元|万元|千元|元)")


_SPACES = lazy(r"\s+")


def find_unit(text: str) -> Unit | None:
    """The unit named in a line such as ``单位：万元`` or ``金额单位：元``."""
    m = _UNIT_RE.search(_SPACES.sub("", text))
    return Unit(m.group(1)) if m else None
