"""The neutral document stream every reader emits, before recognition.

A reader turns a file into a :class:`RawDocument`: paragraphs and tables in
reading order.  A :class:`RawTable` is rows of :class:`RawCell`; a merged cell
appears once, at its top-left position, with its ``rowspan``/``colspan``.  When a
format loses merge information (the plain-text export), rows are simply shorter
than the table and ``RawTable.spans_known`` is False: recognition infers them.

Readers know nothing of budget tables; :mod:`yusuan.recognize` turns this stream
into the typed :class:`~yusuan.model.Disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from yusuan.model import Source
from yusuan.values import Mutable

if TYPE_CHECKING:
    from yusuan.model import Disclosure


@dataclass(slots=True, eq=False, repr=False)
class RawCell(Mutable):
    """A cell as the reader found it: text, spans, where it was read."""

    text: str
    source: Source = field(default_factory=Source)
    rowspan: int = 1
    colspan: int = 1
    # True when the reader saw a number-typed cell (Excel) rather than text.
    numeric: bool = False


@dataclass(slots=True, eq=False, repr=False)
class RawTable(Mutable):
    """A table as the reader found it: rows of cells, before recognition."""

    rows: list[list[RawCell]]
    source: Source = field(default_factory=Source)
    title: str | None = None
    spans_known: bool = True


@dataclass(slots=True, eq=False, repr=False)
class RawParagraph(Mutable):
    """A paragraph (or line) of text as the reader found it."""

    text: str
    source: Source = field(default_factory=Source)
    # A heading level when the format says so (Word heading styles, <h1>..); else None.
    heading: int | None = None


Block = RawParagraph | RawTable


@dataclass(slots=True, eq=False, repr=False)
class RawDocument(Mutable):
    """What a reader gives the recognizer: the blocks in reading order, and notes."""

    blocks: list[Block]
    format: Literal["text", "docx", "xlsx", "xls", "html", "pdf", "json"]
    encoding: str | None = None
    diagnostics: list[str] = field(default_factory=list)
    # Images inside the content (HTML ``<img>``): tables printed as pictures.
    images: int = 0
    #: A JSON model file: the validated model, which :func:`yusuan.api.load` prints back to
    #: blocks (:mod:`yusuan.render.lowered`) before recognition; ``blocks`` is empty until then.
    model: Disclosure | None = None

    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]

    def paragraphs(self) -> list[RawParagraph]:
        return [b for b in self.blocks if isinstance(b, RawParagraph)]
