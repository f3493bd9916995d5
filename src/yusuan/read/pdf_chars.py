"""A page's characters as records, and fake bold: a character drawn twice at (almost)
the same spot is kept once.

:data:`Char` is a plain tuple ``(x0, top, x1, bottom, xmid, ymid, text)`` in points from
the top-left of the displayed page, indexed by :data:`X0` … :data:`TEXT`; the centre is
computed once, when the page is read (:mod:`yusuan.read.pdf_page`).

Producers thicken a face by printing each glyph again a fraction of a point off.
The rule (:func:`drop_doubles_reference`): a character other than a space is dropped
when an earlier kept one with the same text, its centre in the same or a
neighbouring 2-pt cell, overlaps more than half its width and height.

:func:`drop_doubles` gives the same result cheaply: each character's text and cell
are packed into one int (:func:`pack_keys`, or as the page is read), set
intersections of the keys shifted by a neighbour's offset find the characters that
have a twin nearby at all, and only those few are tested one by one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from operator import add
from typing import Final

#: One character: ``(x0, top, x1, bottom, xmid, ymid, text)``.
Char = tuple[float, float, float, float, float, float, str]
X0: Final = 0
TOP: Final = 1
X1: Final = 2
BOTTOM: Final = 3
XMID: Final = 4
YMID: Final = 5
TEXT: Final = 6

#: Cells of the fake-bold spatial hash are 2 pt (centre / 2); a key packs
#: (code point, cell x, cell y) into one int, so a neighbour is the key plus a constant.
_SHIFT = 1 << 21
_HALF = 1 << 20
_NEIGHBOURS = tuple(dx * _SHIFT + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1))
#: Half of them: a pair of neighbours is found from one side and the other side derived.
_FORWARD = (1, _SHIFT - 1, _SHIFT, _SHIFT + 1)
#: Centres farther out than this (points) would overflow a key's cell fields.
_FAR = float(1 << 19)
_SPACE = -1  # the key of a space, never tested


def drop_doubles(chars: list[Char], keys: list[int] | None = None) -> list[Char]:
    """``chars`` without fake-bold overprints (:func:`drop_doubles_reference`, same result).

    ``keys`` pack each character's text and 2-pt centre cell into one int
    (:func:`pack_keys`; :func:`_chars` packs them as it goes).  Set
    operations on the keys find the characters with an identical one in their own
    or a neighbouring cell, and only those few are tested one by one.
    """
    if keys is None:
        keys = pack_keys(chars)
        if keys is None:
            return drop_doubles_reference(chars)
    present = set(keys)
    candidates = (
        {k for k, count in Counter(keys).items() if count > 1}
        if len(present) < len(keys)
        else set()
    )
    for offset in _FORWARD:
        found = present.intersection(map(add, keys, itertools.repeat(offset)))
        candidates |= found
        candidates.update(k - offset for k in found)
    candidates.discard(_SPACE)
    if not candidates:
        return chars
    out: list[Char] = []
    seen: dict[int, list[Char]] = {}
    for char, key in zip(chars, keys, strict=True):
        if key in candidates:
            if _overprints(char, (seen.get(key + offset, ()) for offset in _NEIGHBOURS)):
                continue
            seen.setdefault(key, []).append(char)
        out.append(char)
    return out


def pack_keys(chars: list[Char]) -> list[int] | None:
    """The fake-bold key of each character (``None`` when a centre is too far out to pack)."""
    if any(abs(c[XMID]) >= _FAR or abs(c[YMID]) >= _FAR for c in chars):
        return None
    return [
        _SPACE
        if c[TEXT] == " "
        else (ord(c[TEXT]) << 42) + (int(c[XMID] / 2) + _HALF) * _SHIFT + int(c[YMID] / 2) + _HALF
        for c in chars
    ]


def drop_doubles_reference(chars: list[Char]) -> list[Char]:
    """The plain rule: a character (not a space) is dropped when an earlier kept one with
    the same text, its centre in the same or a neighbouring 2-pt cell, overlaps more than
    half its width and height (a fake-bold overprint)."""
    out: list[Char] = []
    seen: dict[tuple[str, int, int], list[Char]] = {}
    for char in chars:
        if char[TEXT] != " ":
            cx, cy = int(char[XMID] / 2), int(char[YMID] / 2)
            near = (
                seen.get((char[TEXT], cx + dx, cy + dy), ())
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
            )
            if _overprints(char, near):
                continue
            seen.setdefault((char[TEXT], cx, cy), []).append(char)
        out.append(char)
    return out


def _overprints(char: Char, groups: Iterable[Iterable[Char]]) -> bool:
    """True when one of ``groups``' characters covers over half of ``char`` both ways."""
    x0, top, x1, bottom = char[X0], char[TOP], char[X1], char[BOTTOM]
    for group in groups:
        for other in group:
            w = min(x1, other[X1]) - max(x0, other[X0])
            h = min(bottom, other[BOTTOM]) - max(top, other[TOP])
            if w > 0.5 * (x1 - x0) and h > 0.5 * (bottom - top):
                return True
    return False
