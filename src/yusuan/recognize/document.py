"""One document: from the neutral reader stream to the typed :class:`Disclosure`.

Tables are identified by their printed title (aliases in ``data/tables.toml``),
never by position; a table's title is the reader's own (a caption, the line
above it) or the paragraph right before it.  Paragraphs starting with 注 right
after a table are its notes.  All other paragraphs make the narrative.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal, TypeVar

from yusuan.model import Disclosure, PerformanceTarget, SourceFile, Table, TableId
from yusuan.read.raw import Block, RawDocument, RawParagraph, RawTable
from yusuan.recognize.header import key_of
from yusuan.recognize.narrative import build_narrative
from yusuan.recognize.performance import is_performance_grid, parse_performance
from yusuan.recognize.tables import Meta, is_meta_line, recognize_table
from yusuan.recognize.titles import is_numbering, looks_like_title, match_title

_DEPT_CODE = re.compile(r"^(\d{3,9})(.+)$")
_NOTE = re.compile(r"^[注註]\s*[0-9０-９]*\s*[:：]")


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
        title = block.title
        preamble: list[str] = []
        k = i - 1  # metadata lines (单位：万元, 预算年度) and the title printed above the grid
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
        # a table number printed on its own line (公开01表, 公开表一) above or below the title
        while k >= 0 and isinstance(pb := blocks[k], RawParagraph) and k not in used:
            if not is_numbering(pb.text):
                break
            used.add(k)
            k -= 1
        if title is None and k >= 0 and isinstance(pb := blocks[k], RawParagraph) and k not in used:
            if looks_like_title(pb.text):
                title = pb.text
                used.add(k)
                if (joined := _wrapped_title(blocks, k, used)) is not None:
                    title = joined  # …支出预 / 算表: a title wrapped over two lines
                    k -= 1
                    used.add(k)
                while (
                    k > 0
                    and isinstance(pb := blocks[k - 1], RawParagraph)
                    and is_numbering(pb.text)
                ):
                    k -= 1
                    used.add(k)
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
            performance.append(parse_performance(block, table.title, table_no))
        tables.append(table)
        metas.append(meta)

    unit = _most_common([m.unit for m in metas])
    if unit is not None:  # a table printed without its unit is read in the document's unit
        tables = [
            t.model_copy(update={"unit": unit})
            if t.unit is None and t.amount_columns() and t.id not in _OWN_UNITS
            else t
            for t in tables
        ]
    paragraphs = [b for i, b in enumerate(blocks) if isinstance(b, RawParagraph) and i not in used]
    narrative = build_narrative(paragraphs)
    code, name = _department(metas)
    texts = [t.title for t in tables] + [p.text for p in paragraphs[:40]]
    return Disclosure(
        kind=_kind(texts),
        level=_level(texts),
        department_code=code,
        department_name=name,
        year=_most_common([m.year for m in metas])
        or _year_from_text(texts)
        or _most_common([_year_in(t.title) for t in tables]),
        unit=unit,
        source=source,
        tables=tuple(tables),
        narrative=narrative,
        performance=tuple(performance),
        diagnostics=tuple(doc.diagnostics),
    )


#: Tables whose amounts carry their own units (绩效指标值, 机构 counts).
_OWN_UNITS = (TableId.PERFORMANCE, TableId.ORG)
_WIDE_GAP = re.compile(r"\s{2,}")


def _wrapped_meta(blocks: list[Block], k: int, used: set[int]) -> str | None:
    """A short fragment at ``k`` that wraps the meta line above it, merged back into it.

    ``部门：中国共产党江苏省委员会办    单位：万元`` over ``公厅``: the fragment
    continues the first field of the line.
    """
    here = blocks[k]
    frag = re.sub(r"\s+", "", here.text) if isinstance(here, RawParagraph) else ""
    if not frag or len(frag) > 8 or re.search(r"[\d表：:]", frag) or k == 0 or k - 1 in used:
        return None
    above = blocks[k - 1]
    if not isinstance(above, RawParagraph) or not is_meta_line(above.text):
        return None
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
    joined = re.sub(r"\s+", "", head.text) + re.sub(r"\s+", "", tail.text)
    if len(joined) > 60 or match_title(joined) is None:
        return None
    return joined


T = TypeVar("T")


def _most_common(values: list[T | None]) -> T | None:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _department(metas: list[Meta]) -> tuple[str | None, str | None]:
    dept = _most_common([m.department for m in metas])
    if dept is None:
        return None, None
    dept = re.sub(r"^(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：]", "", dept)
    m = _DEPT_CODE.match(dept)
    return (m.group(1), m.group(2)) if m else (None, dept)


def _kind(texts: list[str]) -> Literal["预算", "决算"] | None:
    joined = "".join(key_of(t) for t in texts)
    budget, final = joined.count("预算"), joined.count("决算")
    if not budget and not final:
        return None
    return "决算" if final > budget else "预算"


def _level(texts: list[str]) -> Literal["部门", "单位"] | None:
    joined = "".join(key_of(t) for t in texts)
    dept = len(re.findall(r"部门(?:预算|决算)", joined))
    unit = len(re.findall(r"单位(?:预算|决算)", joined))
    if not dept and not unit:
        return None
    return "单位" if unit > dept else "部门"


def _year_in(title: str) -> int | None:
    """A year printed in a table title (``2017年政府采购预算表``)."""
    m = re.search(r"((?:19|20)\d{2})\s*年", title)
    return int(m.group(1)) if m else None


def _year_from_text(texts: list[str]) -> int | None:
    for t in texts:
        if (
            m := re.search(
                r"((?:19|20)\d{2})\s*年(?:度)?\s*(?:区级|市级|省级|县级)?\s*(?:部门|单位)?"
                r"(?:财务)?(?:收支)?(?:预算|决算)",
                t,
            )
        ) is not None:
            return int(m.group(1))
    return None


__all__ = ["recognize"]
