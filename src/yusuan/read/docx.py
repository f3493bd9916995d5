"""Reader for Word ``.docx`` files.

The document body is walked in order, so paragraphs and tables interleave as
printed and a table's title paragraph precedes it.  Tables are read from the
WordprocessingML itself: a horizontal merge is a cell's ``w:gridSpan``, a
vertical merge a ``w:vMerge`` that restarts in the origin cell and continues in
the cells below; the origin is emitted once with its ``rowspan``/``colspan``
and the covered positions are skipped.  Grid columns count ``w:gridBefore``
and the spans of the cells to the left.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from yusuan import regex
from yusuan.amounts import find_unit
from yusuan.errors import InputError
from yusuan.model import Source
from yusuan.read.raw import Block, RawCell, RawDocument, RawParagraph, RawTable

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_VAL = f"{_W}val"
# Containers whose children are read as if they stood in their place.
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}
# Text inside these is not part of the paragraph it is anchored in.
_FOREIGN = {f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}pPr", f"{_W}rPr"}
_TEXT_TAGS = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen")
_HEADING_NAME = regex.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_TITLE = 80


def pick_title(candidates: Sequence[str]) -> str | None:
    """A table's title among the paragraphs printed just before it.

    The last of the (at most three) preceding short one-line paragraphs that
    does not name a unit (``单位：万元`` is a meta line, not a title); the last
    short one if they all do; None when there is none.
    """
    recent = [t for t in candidates[-3:] if t and len(t) <= MAX_TITLE and "\n" not in t]
    for text in reversed(recent):
        if find_unit(text) is None:
            return text
    return recent[-1] if recent else None


def _children(el: Any, *tags: str) -> Iterator[Any]:
    """Children of ``el`` with one of ``tags`` in order, looking through content controls.

    Iterative: a stack of child iterators, so nested wrappers cost no recursion.
    """
    stack = [el.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            stack.append(child.iterchildren())


def _foreign(el: Any, stop: Any) -> bool:
    """True when ``el`` sits in a text box, a fallback copy or properties below ``stop``."""
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in _FOREIGN:
            return True
        node = node.getparent()
    return False


def paragraph_text(p: Any) -> str:
    """The text of a ``w:p``: its runs joined, tabs and line breaks kept."""
    parts: list[str] = []
    for el in p.iter(*_TEXT_TAGS):
        if _foreign(el, p):
            continue
        tag = el.tag
        if tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}cr" or el.get(f"{_W}type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    # Leading spaces are kept: they mark 其中 rows (indented items).
    lines = [paragraph_text(p).rstrip() for p in tc.iter(_P) if not _foreign(p, tc)]
    return "\n".join(lines).strip("\n").rstrip()


def _int_prop(parent: Any, path: str, default: int) -> int:
    el = parent.find(path) if parent is not None else None
    try:
        return int(el.get(_VAL)) if el is not None else default
    except (TypeError, ValueError):
        return default


def read_table(tbl: Any, index: int) -> list[list[RawCell]]:
    """The rows of a ``w:tbl``: merged cells once, at their top-left grid position."""
    rows: list[list[RawCell]] = []
    open_: dict[int, RawCell] = {}  # vertical merges still open, by grid column
    for r, tr in enumerate(_children(tbl, _TR)):
        row: list[RawCell] = []
        still_open: dict[int, RawCell] = {}
        col = _int_prop(tr.find(f"{_W}trPr"), f"{_W}gridBefore", 0)
        for tc in _children(tr, _TC):
            props = tc.find(f"{_W}tcPr")
            span = max(1, _int_prop(props, f"{_W}gridSpan", 1))
            vm = props.find(f"{_W}vMerge") if props is not None else None
            vmerge = None if vm is None else (vm.get(_VAL) or "continue")
            above = open_.get(col)
            if vmerge == "continue" and above is not None and above.colspan == span:
                above.rowspan += 1
                still_open[col] = above
            else:
                cell = RawCell(_cell_text(tc), Source(table=index, row=r, col=col), colspan=span)
                row.append(cell)
                if vmerge is not None:
                    still_open[col] = cell
            col += span
        open_ = still_open
        rows.append(row)
    return rows


def _heading_levels(document: Any) -> dict[str, int]:
    """Heading level by paragraph style id: from the style name or its outline level."""
    levels: dict[str, int] = {}
    for style in document.styles.element.iterchildren(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        name_el = style.find(f"{_W}name")
        name = (name_el.get(_VAL) if name_el is not None else "") or ""
        m = _HEADING_NAME.match(name.strip())
        outline = _int_prop(style.find(f"{_W}pPr"), f"{_W}outlineLvl", 9)
        if style_id and m:
            levels[style_id] = int(m.group(1))
        elif style_id and outline < 9:
            levels[style_id] = outline + 1
    return levels


def _heading(p: Any, levels: dict[str, int]) -> int | None:
    ppr = p.find(f"{_W}pPr")
    outline = _int_prop(ppr, f"{_W}outlineLvl", -1)
    if 0 <= outline < 9:
        return outline + 1
    style = ppr.find(f"{_W}pStyle") if ppr is not None else None
    return levels.get(style.get(_VAL, "")) if style is not None else None


def _open(path: Path) -> Any:
    import docx

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile as exc:
        with open(path, "rb") as fh:
            legacy = fh.read(8) == _OLE
        if legacy:
            raise InputError(
                "不是有效的 Word (.docx) 文件：这是旧版 .doc 或加密文件，请另存为 .docx",
                "not a valid Word .docx file: a legacy .doc or encrypted file; save it as .docx",
            ) from exc
        raise InputError(
            "不是有效的 Word (.docx) 文件：无法作为 zip 打开",
            "not a valid Word .docx file: not a zip archive",
        ) from exc
    except OSError as exc:
        raise InputError(
            f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})"
        ) from exc
    if "word/document.xml" not in names:
        raise InputError(
            "不是有效的 Word (.docx) 文件：缺少正文部分 word/document.xml",
            "not a valid Word .docx file: word/document.xml is missing",
        )
    try:
        return docx.Document(str(path))
    except Exception as exc:
        raise InputError(
            "Word (.docx) 文件已损坏，无法解析",
            f"the Word .docx file is damaged and cannot be parsed ({type(exc).__name__})",
        ) from exc


def read_docx(path: Path | str) -> RawDocument:
    """Read a ``.docx``: body paragraphs and tables in reading order."""
    document = _open(Path(path))
    levels = _heading_levels(document)
    blocks: list[Block] = []
    since_table: list[str] = []
    tables = 0
    for el in _body(document.element.body):
        if el.tag == _P:
            text = paragraph_text(el).strip()
            if text:
                blocks.append(RawParagraph(text, Source(), _heading(el, levels)))
                since_table.append(text)
        else:
            rows = read_table(el, tables)
            title = pick_title(since_table)
            blocks.append(RawTable(rows, Source(table=tables), title=title))
            since_table = []
            tables += 1
    return RawDocument(blocks, "docx")


def _body(body: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in order, looking through content controls."""
    return _children(body, _P, _TBL)
