"""Reader for HTML pages, including JSP sources saved as published.

The page is decoded (:func:`decode_html`), JSP scriptlets/directives and EL
expressions are blanked (keeping line numbers), and the tree built by
BeautifulSoup with lxml is walked in document order:

* every block element (``p``, ``div``, ``li``, ``h1``–``h6`` …) starts a new
  paragraph, and so does each ``<br>``; inline elements (``span``, ``a`` …) join
  their text to the paragraph around them.  Whitespace, ``&nbsp;``, the
  ideographic space and zero-width characters are collapsed;
* every ``<table>`` becomes a :class:`RawTable`: ``th`` and ``td`` cells, a merged
  cell once at its top-left grid position with its ``rowspan``/``colspan``, its
  ``<caption>`` as title.  A nested table is flattened into its cell's text;
  a 1×1 table is a layout wrapper and its content is read as page flow.

``Source.line`` is the source line of the element (bs4's lxml builder keeps no
line numbers, so they are taken from an lxml parse of the same text when both
trees agree); ``Source.col`` of a cell is its column in the spanned grid.
"""

from __future__ import annotations

import codecs
import re

import lxml.html  # type: ignore[import-untyped]
from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Script, Stylesheet, Tag, TemplateString
from lxml import etree

from yusuan import regex
from yusuan.errors import InputError
from yusuan.model import Source
from yusuan.read.raw import Block, RawCell, RawDocument, RawParagraph, RawTable
from yusuan.regex import lazy

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dl dt div fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section "
    "summary ul".split()
)
SKIP_TAGS = frozenset(
    "button embed head iframe link meta noscript object script select style svg template "
    "textarea title math".split()
)
_DECLARATIONS = (
    regex.compile(rb"""pageEncoding\s*=\s*["']?\s*([\w.:-]+)""", re.I),
    regex.compile(rb"""<%@[^%]*?charset\s*=\s*([\w.:-]+)""", re.I),
    regex.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I),
    regex.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.I),
)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_SERVER_CODE = regex.compile(r"<%.*?%>|\$\{[^}]*\}", re.S)  # <%@ %>, <% %>, <%-- --%>, ${…}
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SPACE = regex.compile(r"\s+")
_MAX_SPAN = 1000


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB:
        return "gb18030"  # a superset: GBK pages often use characters beyond GB2312
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The charset a JSP directive, ``<meta>`` or XML declaration names, if any."""
    head = data[:16384]
    for rx in _DECLARATIONS:
        m = rx.search(head)
        if m:
            return m.group(1).decode("ascii", "replace")
    return None


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode page bytes: the hint, a BOM, the declared charset, else UTF-8, else GB18030.

    Returns (text, codec, diagnostics).  Raises :class:`InputError` when none fits.
    """
    diagnostics: list[str] = []
    tried: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        tried.append("utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        tried.append("utf-16")
    named = [n for n in (encoding, declared_encoding(data)) if n]
    for name in named:
        codec = _codec(name)
        if codec is None:
            diagnostics.append(f"unknown charset {name!r} ignored")
        else:
            tried.append(codec)
    tried += ["utf-8", "gb18030"]
    seen: set[str] = set()
    for codec in tried:
        if codec in seen:
            continue
        seen.add(codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            if named:
                diagnostics.append(f"page is not valid {codec}")
            continue
        return text, codec, diagnostics
    raise InputError(
        "无法识别网页的字符编码", f"cannot decode the page (tried {', '.join(sorted(seen))})"
    )


def _blank(m: re.Match[str]) -> str:
    return "\n" * m.group(0).count("\n")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def _is_text(node: object) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, PreformattedString | Script | Stylesheet | TemplateString
    )


def _line_map(soup: BeautifulSoup, text: str) -> dict[int, int]:
    """id(tag) → source line, when an lxml parse of ``text`` has the same elements."""
    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, etree.ParserError):
        return {}
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    tags = soup.find_all(True)
    if [t.name for t in tags] != [str(e.tag).lower() for e in elements]:
        return {}
    return {id(t): e.sourceline for t, e in zip(tags, elements, strict=True) if e.sourceline}


def _span(tag: Tag, attr: str) -> int:
    try:
        value = int(str(tag.get(attr) or "1").strip())
    except ValueError:
        return 1
    return min(max(value, 1), _MAX_SPAN)


def _rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for child in table.children:
        if isinstance(child, Tag):
            if child.name == "tr":
                rows.append(child)
            elif child.name in ("thead", "tbody", "tfoot"):
                rows += [r for r in child.children if isinstance(r, Tag) and r.name == "tr"]
    return rows


def _cells(row: Tag) -> list[Tag]:
    return [c for c in row.children if isinstance(c, Tag) and c.name in ("td", "th")]


def _flat_text(node: Tag) -> str:
    """The text of a cell: lines at ``<br>`` and blocks, nested table cells spaced."""
    out: list[str] = []
    todo: list[object] = list(reversed(list(node.children)))  # iterative: pages nest deeply
    while todo:
        item = todo.pop()
        if isinstance(item, tuple):  # a separator queued after a tag's children
            out.append(item[0])
        elif _is_text(item):
            out.append(str(item))
        elif isinstance(item, Tag) and item.name not in SKIP_TAGS:
            sep = " " if item.name in ("td", "th") else "\n" if _breaks(item) else ""
            out.append(sep)
            todo.append((sep,))
            todo.extend(reversed(list(item.children)))
    lines = (_clean(line) for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _breaks(tag: Tag) -> bool:
    return tag.name in BLOCK_TAGS or tag.name in ("br", "tr", "table")


_HEADING_LEVEL = lazy(r"h[1-6]")


class _Walker:
    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.line: int | None = None  # line of the element being read
        self.start: int | None = None  # line where the pending paragraph began
        self.heading: int | None = None
        self.tables = 0

    def flush(self) -> None:
        text = _clean("".join(self.parts))
        if text:
            self.blocks.append(RawParagraph(text, Source(line=self.start), self.heading))
        self.parts.clear()
        self.start = None

    def text(self, s: str) -> None:
        if self.start is None and s.strip():
            self.start = self.line
        self.parts.append(s)

    def walk(self, node: Tag) -> None:
        # Iterative (pages nest deeply); ``(level,)`` marks the end of a block and
        # restores the heading level around it.
        todo: list[object] = list(reversed(list(node.children)))
        while todo:
            item = todo.pop()
            if isinstance(item, tuple):
                self.flush()
                self.heading = item[0]
            elif _is_text(item):
                self.text(str(item))
            elif isinstance(item, Tag) and item.name not in SKIP_TAGS:
                self.line = self.lines.get(id(item), self.line)
                content: Tag | None = item
                if item.name == "br":
                    self.flush()
                    content = None
                elif item.name == "table":
                    self.flush()
                    content = self.table(item)  # a layout wrapper's cell, or None
                if content is not None and (content is not item or item.name in BLOCK_TAGS):
                    self.flush()
                    todo.append((self.heading,))
                    if _HEADING_LEVEL.fullmatch(item.name):
                        self.heading = int(item.name[1])
                if content is not None:
                    todo.extend(reversed(list(content.children)))

    def table(self, tag: Tag) -> Tag | None:
        """Emit a data table; return the cell of a 1×1 layout table to read as flow."""
        rows = _rows(tag)
        if len(rows) == 1 and len(cells := _cells(rows[0])) == 1:
            return cells[0]
        number = self.tables
        self.tables += 1
        occupied: set[tuple[int, int]] = set()
        out: list[list[RawCell]] = []
        for r, row in enumerate(rows):
            col = 0
            raw_row: list[RawCell] = []
            for cell in _cells(row):
                while (r, col) in occupied:
                    col += 1
                rs, cs = _span(cell, "rowspan"), _span(cell, "colspan")
                line = self.lines.get(id(cell), self.lines.get(id(row)))
                source = Source(line=line, table=number, row=r, col=col)
                raw_row.append(RawCell(_flat_text(cell), source, rowspan=rs, colspan=cs))
                occupied.update((r + i, col + j) for i in range(rs) for j in range(cs))
                col += cs
            out.append(raw_row)
        caption = tag.find("caption", recursive=False)
        title = _flat_text(caption).replace("\n", " ") if isinstance(caption, Tag) else None
        source = Source(line=self.lines.get(id(tag)), table=number)
        self.blocks.append(RawTable(out, source, title=title or None))
        return None


def read_html(data: bytes, encoding: str | None = None) -> RawDocument:
    """Read an HTML (or JSP) page into paragraphs and tables in document order."""
    text, codec, diagnostics = decode_html(data, encoding)
    text = _SERVER_CODE.sub(_blank, text)
    if not text.strip():
        return RawDocument([], "html", encoding=codec, diagnostics=diagnostics)
    soup = BeautifulSoup(text, "lxml")
    walker = _Walker(_line_map(soup, text))
    walker.walk(soup)
    walker.flush()
    images = len(soup.find_all("img"))  # tables published as pictures (counted, not read)
    return RawDocument(
        walker.blocks, "html", encoding=codec, diagnostics=diagnostics, images=images
    )
