"""Strict reading of the numbers OCR returns: normalized, checked, never repaired.

OCR confidence does not flag a misread digit (every score is 0.96–1.0 on budget
tables), so the form of the number is the check:

- spaces inside a number are removed (``3, 660. 38`` → ``3,660.38``) and full-width
  digits and punctuation normalized (``１２，３４５．６７`` → ``12,345.67``, ``。`` → ``.``);
  in other text only the digits (``20２6年`` → ``2026年``);
- a token that is not a well-formed number — two points (``21.955.35``), a thousands
  group of the wrong width (``1,23.00``) — is *unsure*: its cell is marked unreadable
  (:func:`unsure`), with the reading kept so a person sees what was read;
- in a column whose other amounts all print two decimals, a figure with other decimals, or
  one that reads as such a figure with its point lost (``000`` for ``0.00``, ``1250`` for ``12.50``: bare digits, more
  of them than the decimals) is unsure too (:func:`column_check`); a figure printed whole
  (``0``, ``22,118,861``: its thousands grouped in place) is read as printed;
- an amount read twice (two resolutions, :mod:`yusuan.read.ocr_page`) is kept only when
  both readings agree (:func:`agree`).

An unsure cell's text starts with :data:`UNSURE`, which no number parser accepts: the
model holds it as an unreadable cell (``value`` None, text not blank), and the rules
skip it and say they could not check it (YS610 names the cell).
"""

from __future__ import annotations

from collections.abc import Iterable

from yusuan import regex
from yusuan.regex import lazy

#: The mark that starts the text of a cell OCR could not read with certainty.
UNSURE = "〔OCR存疑〕"

_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_WIDE = str.maketrans("０１２３４５６７８９．，。－−（）", "0123456789.,.--()")
#: A token made only of digits, separators, signs, brackets and spaces, with a digit.
_NUMBERISH = regex.compile(
    r"^[\s\d,.，．。０-９\-−－()（）]*[\d０-９][\s\d,.，．。０-９\-−－()（）]*$"
)
_WELL_FORMED = regex.compile(r"^\(?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?$")
_DECIMALS = regex.compile(r"\.(\d+)\)?$")
#: The least number of other amounts in a column that set its decimals.
MIN_PEERS = 3


def is_numberish(text: str) -> bool:
    """True when ``text`` reads as a number token (digits, separators, signs, spaces)."""
    return bool(_NUMBERISH.match(text))


_SPACES = lazy(r"\s+")


def normalize(text: str) -> str:
    """A number token without inner spaces, in ASCII digits and punctuation; any other
    text with its digits in ASCII (the engine may give one full-width digit inside a
    word: ``20２6年``), its punctuation and inner spaces as read."""
    if not is_numberish(text):
        return text.strip().translate(_WIDE_DIGITS)
    return _SPACES.sub("", text).translate(_WIDE)


def well_formed(token: str) -> bool:
    """True when a normalized number token is a number as printed (separators in place)."""
    return bool(_WELL_FORMED.match(token))


def unsure(reading: str) -> str:
    """The cell text of an unsure reading: :data:`UNSURE` and what was read."""
    return reading if reading.startswith(UNSURE) else f"{UNSURE}{reading}"


def read_token(first: str, second: str | None = None) -> str:
    """The text of a region: normalized; a number must be well formed and, when read
    twice, the same both times — otherwise the reading is :func:`unsure`."""
    text = normalize(first)
    if not is_numberish(text):
        return text
    if not well_formed(text):
        return unsure(text)
    if second is not None and normalize(second) != text:
        return unsure(f"{text}|{normalize(second)}")
    return text


def decimals(token: str) -> int:
    """The number of decimals a well-formed token prints."""
    m = _DECIMALS.search(token)
    return len(m.group(1)) if m else 0


def point_lost(token: str, places: int) -> bool:
    """True when ``token`` (well formed, no decimals) may be a figure of ``places`` decimals
    whose point the scan lost: bare digits, more of them than ``places`` (``000`` for
    ``0.00``).  A lone ``0`` or a figure with its thousands grouped (``22,118,861``) is
    a whole number as printed."""
    digits = token.strip("()-")
    return digits.isdigit() and len(digits) > places


def column_check(texts: Iterable[str]) -> list[str]:
    """The column's texts with a figure that may have lost the point of the decimals all
    its other amounts print (at least :data:`MIN_PEERS` of them, :func:`point_lost`)
    marked unsure."""
    texts = list(texts)
    numbers = [i for i, t in enumerate(texts) if is_numberish(t) and well_formed(t)]
    out = list(texts)
    for i in numbers:
        peers = [decimals(texts[j]) for j in numbers if j != i]
        if len(peers) < MIN_PEERS or len(set(peers)) != 1 or peers[0] == 0:
            continue
        places = decimals(texts[i])
        if places != peers[0] and (places > 0 or point_lost(texts[i], peers[0])):
            out[i] = unsure(texts[i])
    return out
