"""Recognize the narrative (情况说明): its section tree and the amounts it states.

:func:`build_narrative` takes the reader's paragraphs in reading order.  A
paragraph is a heading when it starts with a numbering marker (第X部分 / 一、 /
（一） / （1） / 1、) and reads like a title (short, no sentence break, not a
glossary item ``1、X：指…``), or when the reader flagged it (``<h2>``, Word
heading style).  Sections nest dynamically (see :func:`_open_index`), at most
``section_depth`` deep (``docs/limits.md``): a deeper heading becomes a sibling.

The amounts each paragraph states are read by :mod:`yusuan.recognize.stated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan import regex
from yusuan.limits import limits
from yusuan.model import Narrative, Paragraph, Section, Source, StatedAmount
from yusuan.read.raw import RawParagraph
from yusuan.recognize.stated import FULLWIDTH, stated_amounts
from yusuan.regex import lazy
from yusuan.values import Mutable

MAX_HEADING = 40  # characters (whitespace excluded) of a marker heading
MAX_PART_HEADING = 60  # 第X部分 headings often carry the full department name

_CN_DIGITS = "一二三四五六七八九"
_CN = r"[一二三四五六七八九十]+"
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", regex.compile(rf"第({_CN}|\d+)部分[\s:、]*")),
    ("paren", regex.compile(rf"\(({_CN})\)[、.]?\s*")),
    ("pnum", regex.compile(r"\((\d{1,2})\)[、.]?\s*")),
    ("cn", regex.compile(rf"({_CN})[、.]\s*")),
    ("num", regex.compile(r"(\d{1,2})[、.](?!\d)\s*")),
)
_DEPARTMENT = regex.compile(
    rf"^(?:第{_CN}部分)?\s*([^\s，,。：:、《0-9][^\s，,。：:、《]{{1,39}}?)"
    r"(?:[（(][^）)]*[）)])?[0-9]{4}年度?(?:部门|单位)?(?:预算|决算)"
)


def cn_number(text: str) -> int | None:
    """``"五"`` → 5, ``"十二"`` → 12, ``"3"`` → 3 (一..九十九 and digits); else None."""
    text = text.translate(FULLWIDTH)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS + "十" for c in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _CN_DIGITS.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (
        _CN_DIGITS.index(ones) + 1 if ones else 0
    )


@dataclass(slots=True, eq=False, repr=False)
class _Marker(Mutable):
    """A heading's numbering (一、 / （一） / 1、…) and the text after it."""

    style: str
    number: str  # as printed
    value: int | None
    rest: str  # the text after the marker


def _marker(text: str) -> _Marker | None:
    folded = text.translate(FULLWIDTH)  # one-to-one, so spans index ``text`` too
    for style, rx in MARKERS:
        m = rx.match(folded)
        if m:
            number = text[m.start(1) : m.end(1)]
            return _Marker(style, number, cn_number(number), text[m.end() :].strip())
    return None


_SPACES = lazy(r"\s+")
_SENTENCE_MARK = lazy(r"[。；;]")
_COLON_BEFORE_TEXT = lazy(r"[:：].")


def looks_like_heading(text: str, style: str) -> bool:
    """Short, no sentence break inside (a trailing 。 is allowed), not ``X：指…``."""
    compact = _SPACES.sub("", text)
    if len(compact) > (MAX_PART_HEADING if style == "part" else MAX_HEADING):
        return False
    core = compact.rstrip("。.；;：:")
    return not _SENTENCE_MARK.search(core) and not _COLON_BEFORE_TEXT.search(core)


def _heading_flags(paragraphs: list[RawParagraph], marks: list[_Marker | None]) -> list[bool]:
    n = len(paragraphs)
    flags = [
        p.heading is not None
        or (m is not None and bool(m.rest) and looks_like_heading(p.text, m.style))
        for p, m in zip(paragraphs, marks, strict=True)
    ]
    # An enumerated run (（一）…（十四） with nothing between) with any item that is
    # not title-like is a list of prose items, not headings.
    i = 0
    while i < n:
        j = i + 1
        while j < n and _continues(marks[j - 1], marks[j]):
            j += 1
        if j - i > 1 and not all(flags[i:j]):
            for k in range(i, j):
                flags[k] = paragraphs[k].heading is not None
        i = j
    # A title ending in 。 must have a body: "（九）指导…工作。" followed by another
    # heading is a list item.
    for i in range(n):
        if flags[i] and paragraphs[i].heading is None and paragraphs[i].text.rstrip()[-1:] == "。":
            if i + 1 >= n or flags[i + 1]:
                flags[i] = False
    return flags


def _continues(a: _Marker | None, b: _Marker | None) -> bool:
    return (
        a is not None
        and b is not None
        and a.style == b.style
        and a.value is not None
        and b.value == a.value + 1
    )


@dataclass(slots=True, eq=False, repr=False)
class _Node(Mutable):
    """A section while the tree is built (mutable; :meth:`freeze` makes the model's)."""

    title: str
    number: str | None
    value: int | None
    style: str
    source: Source
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        """The frozen section tree, built bottom-up without recursion (trees can be deep)."""
        done: dict[int, Section] = {}
        todo: list[tuple[_Node, bool]] = [(self, False)]
        while todo:
            node, children_done = todo.pop()
            if not children_done:
                todo.append((node, True))
                todo.extend((c, False) for c in node.children)
                continue
            done[id(node)] = Section(
                title=node.title,
                number=node.number,
                style=node.style,
                paragraphs=tuple(node.paragraphs),
                children=tuple(done.pop(id(c)) for c in node.children),
                source=node.source,
            )
        return done[id(self)]


_HEADING_LEVEL = lazy(r"h[1-6]")


def _hlevel(style: str) -> int | None:
    return int(style[1:]) if _HEADING_LEVEL.fullmatch(style) else None


def _open_index(stack: list[_Node], node: _Node) -> int | None:
    """Where ``node`` closes the stack (it becomes a sibling of ``stack[j]``).

    Searching from the innermost section outward: an open section of the same
    style is closed unless ``node`` restarts its numbering at 1 (then ``node``
    is a child of the current section); a reader-flagged heading ``hN`` closes
    the innermost open ``hM`` with M ≥ N.  None: ``node`` is a child.
    """
    level = _hlevel(node.style)
    for j in range(len(stack) - 1, -1, -1):
        other = stack[j]
        if level is not None:
            other_level = _hlevel(other.style)
            if other_level is not None and other_level >= level:
                return j
        elif other.style == node.style:
            return None if node.value == 1 else j
    return None


def find_department(paragraphs: list[RawParagraph]) -> str | None:
    """The unit name of a title such as ``XX局2023年部门预算信息公开情况说明``."""
    for p in paragraphs:
        m = _DEPARTMENT.match(p.text.strip())
        if m:
            return m.group(1)
    return None


_LEADER = regex.compile(r"(?:…{2,}|\.{4,}|·{4,}|．{4,})\s*\d*\s*$")


_LEADER_AND_PAGE = lazy(r"[.．…·\-—\s\d]+$")


def _toc_key(text: str) -> str:
    """An entry as its heading reads: no spaces, no dot leaders or page number after it."""
    return _LEADER_AND_PAGE.sub("", _SPACES.sub("", text))


def _table_of_contents(paragraphs: list[RawParagraph]) -> tuple[int, int] | None:
    """(index of the 目录 line, index of the first heading after the entries), or None.

    The entries (all short lines) run from the line after 目录 while they end in dot
    leaders, else up to where the first entry is printed again as the heading of the text
    or up to the first heading the reader saw in print.
    """
    start = next(
        (i for i, p in enumerate(paragraphs) if _SPACES.sub("", p.text) in ("目录", "目次")),
        None,
    )
    if start is None or start + 1 >= len(paragraphs):
        return None
    if _LEADER.search(paragraphs[start + 1].text):  # 一、部门主要职能 ……… 3: entries with leaders
        end = start + 1
        while end < len(paragraphs) and _LEADER.search(paragraphs[end].text):
            end += 1
        return start, end
    first = _toc_key(paragraphs[start + 1].text)

    def entries_to(end: int) -> tuple[int, int] | None:
        entries = paragraphs[start + 1 : end]
        return (start, end) if all(len(_toc_key(p.text)) <= 60 for p in entries) else None

    # the text starts where the first entry is printed again: every line before it is an
    # entry, even one the reader took for a display heading on the 目录's own page (an entry
    # set larger or centred); a display heading on a later page starts the text (the text
    # words the first entry otherwise)
    page = paragraphs[start].source.page
    shown = next(
        (
            e
            for e in range(start + 2, len(paragraphs))
            if paragraphs[e].heading is not None
            and (page is None or paragraphs[e].source.page != page)
        ),
        None,
    )
    again = next(
        (e for e in range(start + 2, len(paragraphs)) if _toc_key(paragraphs[e].text) == first),
        None,
    )
    if again is not None and (shown is None or again <= shown):
        if (found := entries_to(again)) is not None:
            return found
    return entries_to(shown) if shown is not None else None


def build_narrative(paragraphs: list[RawParagraph], department: str | None = None) -> Narrative:
    """The section tree and stated amounts of the narrative paragraphs.

    ``department`` (the unit name, dropped from subjects) is found in a title
    such as ``XX2023年部门预算…`` when not given.
    """
    department = department or find_department(paragraphs)
    toc = _table_of_contents(paragraphs)
    if toc is not None:  # 目录: its entries are one flat section, not the document's headings
        start, end = toc
        entries = tuple(
            Paragraph(text=p.text.strip(), source=p.source) for p in paragraphs[start + 1 : end]
        )
        contents = Section(
            title="目录", style="toc", paragraphs=entries, source=paragraphs[start].source
        )
        rest = build_narrative(paragraphs[:start] + paragraphs[end:], department)
        lead = rest.sections[:1] if rest.sections and rest.sections[0].style == "preamble" else ()
        sections = (*lead, contents, *rest.sections[len(lead) :])
        return Narrative(sections=sections, stated=rest.stated)
    marks = [_marker(p.text) for p in paragraphs]
    flags = _heading_flags(paragraphs, marks)
    max_depth = limits().section_depth
    roots: list[_Node] = []
    stack: list[_Node] = []
    preamble: _Node | None = None
    stated: list[StatedAmount] = []
    path: tuple[str, ...] = ()  # the titles of ``stack``
    for p, mark, is_heading in zip(paragraphs, marks, flags, strict=True):
        text = p.text.strip()
        if is_heading:
            if mark is not None and mark.rest:
                title, style, number, value = mark.rest, mark.style, mark.number, mark.value
            else:
                title, style, number, value = text, f"h{p.heading or 1}", None, None
            node = _Node(title.rstrip("。；;：:，,").strip(), number, value, style, p.source)
            j = _open_index(stack, node)
            if j is not None:
                del stack[j:]
            elif len(stack) >= max_depth:  # too deep: a sibling of the deepest allowed
                del stack[max_depth - 1 :]
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            path = tuple(n.title for n in stack)  # once per heading, not per paragraph
        elif stack:
            stack[-1].paragraphs.append(Paragraph(text=text, source=p.source))
        else:
            if preamble is None:
                preamble = _Node("", None, None, "preamble", p.source)
                roots.append(preamble)
            preamble.paragraphs.append(Paragraph(text=text, source=p.source))
        stated.extend(stated_amounts(text, path, p.source, department))
    return Narrative(sections=tuple(n.freeze() for n in roots), stated=tuple(stated))
