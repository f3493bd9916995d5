"""One document: from the neutral reader stream to the typed :class:`Disclosure`.

Tables are identified by their printed title (aliases in ``data/tables.toml``),
never by position; a table's title is the reader's own (a caption, the line
above it) or the paragraph right before it.  Paragraphs starting with 注 right
after a table are its notes.  All other paragraphs make the narrative.
"""

from __future__ import annotations

from yusuan import regex
from yusuan.model import Disclosure, PerformanceTarget, SourceFile, Table, TableId
from yusuan.read.raw import Block, RawDocument, RawParagraph, RawTable
from yusuan.recognize.content import judge, settle
from yusuan.recognize.identity import (
    cover,
    department,
    kind,
    level,
    most_common,
    normalize_name,
    year_from_text,
    year_in,
)
from yusuan.recognize.ledger import build_ledger, missing
from yusuan.recognize.meta import Meta, is_meta_line
from yusuan.recognize.narrative import build_narrative, find_department
from yusuan.recognize.overall import overall_target
from yusuan.recognize.performance import is_performance_grid, parse_performance
from yusuan.recognize.statements import performance_statements
from yusuan.recognize.tables import recognize_table
from yusuan.recognize.titles import is_numbering, looks_like_title, match_title
from yusuan.regex import lazy

#: lines that may stand between a title and its table besides meta lines and numbers
#: (a page header, a 编制部门 line in an unknown form): short, no sentence
_BETWEEN = 3
_NOTE = regex.compile(r"^[注註]\s*[0-9０-９]*\s*[:：]")


def recognize(doc: RawDocument, source: SourceFile | None = None) -> Disclosure:
    """Build the typed model of one disclosure from a reader's stream."""
    blocks = doc.blocks
    used: set[int] = set()
    tables: list[Table] = []
    performance: list[PerformanceTarget] = []
    metas: list[Meta] = []
    for i, block in enumerate(blocks):
        if not isinstance(block, RawTable):
            continue
        title, preamble = _title_and_preamble(blocks, i, used, block.title)
        notes: list[str] = []
        j = i + 1
        while (
            j < len(blocks)
            and isinstance(nb := blocks[j], RawParagraph)
            and _NOTE.match(nb.text.strip())
        ):
            notes.append(nb.text.strip())
            used.add(j)
            j += 1
        table_no = len(tables)
        table, meta = recognize_table(block, title, table_no, tuple(notes), tuple(preamble))
        if table.id in (TableId.PERFORMANCE, TableId.UNKNOWN) and is_performance_grid(block):
            table = table.model_copy(update={"id": TableId.PERFORMANCE})
            performance.extend(parse_performance(block, table.title, table_no))
        tables.append(judge(table))
        metas.append(meta)

    unit = most_common([m.unit for m in metas])
    if unit is not None:  # a table printed without its unit is read in the document's unit
        tables = [
            t.model_copy(update={"unit": unit})
            if t.unit is None and t.amount_columns() and t.id not in _OWN_UNITS
            else t
            for t in tables
        ]
    all_paragraphs = [b for b in blocks if isinstance(b, RawParagraph)]
    free = {
        n
        for n, i in enumerate(k for k, b in enumerate(blocks) if isinstance(b, RawParagraph))
        if i not in used
    }
    paragraphs = [p for n, p in enumerate(all_paragraphs) if n in free]
    first = build_ledger(tables, all_paragraphs, free)
    settled, notices = settle(tables, first)
    # the ledger reads the tables' ids, titles and sources: made again only if settling
    # changed a table (most documents: none)
    same = all(a is b for a, b in zip(settled, tables, strict=True))
    tables = settled
    ledger = first if same else build_ledger(tables, all_paragraphs, free)
    code, name = department(
        metas, [p.text for p in all_paragraphs[:40]] + [t.title for t in tables]
    )
    # the unit name dropped from stated subjects: the 情况说明's title's, else the package's
    # (预算主管部门：… on the cover, 编制部门 of the tables)
    narrative = build_narrative(paragraphs, find_department(paragraphs) or name)
    texts = [t.title for t in tables] + [p.text for p in paragraphs[:40]]
    heads = cover([p.text for p in all_paragraphs])
    d = Disclosure(
        kind=kind(texts),
        level=level(texts, heads),
        department_code=code,
        department_name=name,
        department_canonical=normalize_name(name) if name else None,
        year=most_common([m.year for m in metas])
        or year_from_text(texts)
        or most_common([year_in(t.title) for t in tables]),
        unit=unit,
        source=source,
        tables=tuple(tables),
        narrative=narrative,
        performance=tuple(performance),
        performance_overall=overall_target(narrative),
        performance_statements=performance_statements(narrative),
        ledger=ledger,
        images=doc.images,
        diagnostics=tuple(doc.diagnostics),
    )
    return d.model_copy(update={"diagnostics": (*d.diagnostics, *notices, *missing(d))})


_SPACES = lazy(r"\s+")
_SENTENCE_MARK = lazy(r"[。；;]")


def _title_and_preamble(
    blocks: list[Block], i: int, used: set[int], title: str | None
) -> tuple[str | None, list[str]]:
    """The title printed over the table at ``i`` and the meta lines between them.

    Upwards from the grid: meta lines (单位：万元, 编制部门：…, also wrapped), a table
    number on its own line (公开07表), then the title (also wrapped over two lines,
    its number on the line above).  When no title stands right there, up to
    ``_BETWEEN`` other short lines (a page header, a line of unknown form) may come
    between; the title found above them takes them as its preamble.
    """
    preamble: list[str] = []
    k = i - 1
    while k >= 0 and isinstance(pb := blocks[k], RawParagraph) and k not in used:
        if is_meta_line(pb.text):
            preamble.insert(0, pb.text)
            used.add(k)
            k -= 1
        elif (merged := _wrapped_meta(blocks, k, used)) is not None:
            preamble.insert(0, merged)  # 部门：…办 / 公厅: a name wrapped under its line
            used.update((k, k - 1))
            k -= 2
        else:
            break
    while k >= 0 and isinstance(pb := blocks[k], RawParagraph) and k not in used:
        if not is_numbering(pb.text):  # 公开01表, 公开表一 above or below the title
            break
        used.add(k)
        k -= 1
    if title is not None:
        return title, preamble
    # the lines up the page that may hold the title: the first that names a table
    # (alone or joined to the line above it) wins; else the line right above the grid
    window: list[int] = []
    j = k
    while j >= 0 and isinstance(pb := blocks[j], RawParagraph) and j not in used:
        window.append(j)
        t = _SPACES.sub("", pb.text)
        if len(window) > _BETWEEN or len(t) > 50 or _SENTENCE_MARK.search(t):
            break
        j -= 1
    named = [
        j
        for j in window
        if looks_like_title(_text(blocks, j))
        and (match_title(_text(blocks, j)) or _wrapped_title(blocks, j, used) is not None)
    ]
    if named:
        at = named[0]
    elif window and looks_like_title(_text(blocks, window[0])):
        at = window[0]
    else:
        return None, preamble
    skipped = [j for j in window if j > at]
    title = _text(blocks, at)
    used.update((at, *skipped))
    preamble[:0] = [_text(blocks, j) for j in reversed(skipped)]
    k = at
    if (joined := _wrapped_title(blocks, k, used)) is not None:
        title = joined  # …支出预 / 算表: a title wrapped over two lines
        k -= 1
        used.add(k)
    while k > 0 and isinstance(pb := blocks[k - 1], RawParagraph) and is_numbering(pb.text):
        k -= 1
        used.add(k)
    return title, preamble


def _text(blocks: list[Block], k: int) -> str:
    b = blocks[k]
    return b.text if isinstance(b, RawParagraph) else ""


#: Tables whose amounts carry their own units (绩效指标值, 机构 counts).
_OWN_UNITS = (TableId.PERFORMANCE, TableId.ORG)
_WIDE_GAP = regex.compile(r"\s{2,}")


_DIGIT_OR_TABLE_MARK = lazy(r"[\d表：:]")


def _wrapped_meta(blocks: list[Block], k: int, used: set[int]) -> str | None:
    """A short fragment at ``k`` that wraps the meta line above it, merged back into it.

    ``部门：中国共产党江苏省委员会办    单位：万元`` over ``公厅``: the fragment
    continues the first field of the line; ``单位：万`` over ``元``: only the two
    together are a meta line.
    """
    here = blocks[k]
    frag = _SPACES.sub("", here.text) if isinstance(here, RawParagraph) else ""
    if not frag or len(frag) > 8 or _DIGIT_OR_TABLE_MARK.search(frag) or k == 0 or k - 1 in used:
        return None
    above = blocks[k - 1]
    if not isinstance(above, RawParagraph):
        return None
    if not is_meta_line(above.text):  # 单位：万 / 元: only together a meta line
        joined = above.text.strip() + frag
        return joined if is_meta_line(joined) else None
    parts = _WIDE_GAP.split(above.text.strip(), maxsplit=1)
    return parts[0] + frag + ("    " + parts[1] if len(parts) > 1 else "")


def _wrapped_title(blocks: list[Block], k: int, used: set[int]) -> str | None:
    """The title at ``k`` joined to the line above when only together they name a table."""
    tail = blocks[k]
    if k == 0 or k - 1 in used or not isinstance(tail, RawParagraph):
        return None
    head = blocks[k - 1]
    if not isinstance(head, RawParagraph) or match_title(tail.text) is not None:
        return None
    joined = _SPACES.sub("", head.text) + _SPACES.sub("", tail.text)
    if len(joined) > 60 or match_title(joined) is None:
        return None
    return joined


__all__ = ["recognize"]
