"""Recognize: from the neutral reader stream to the typed :class:`~yusuan.model.Disclosure`.

:func:`recognize` is the entry point (the document as a whole:
:mod:`yusuan.recognize.document`); the parts live in their own modules —
:mod:`~yusuan.recognize.titles` (which table a title names),
:mod:`~yusuan.recognize.tables` (one grid to a typed table),
:mod:`~yusuan.recognize.header` (header trees), :mod:`~yusuan.recognize.blocks`
(side-by-side column blocks), :mod:`~yusuan.recognize.narrative` (the 情况说明)
and :mod:`~yusuan.recognize.performance` (绩效目标表).
"""

from yusuan.recognize.document import recognize
from yusuan.recognize.titles import match_title

__all__ = ["match_title", "recognize"]
