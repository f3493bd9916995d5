"""A model printed back to the neutral stream: what a reader would have read from it.

A JSON model file (``yusuan parse --format json``) is validated by
:mod:`yusuan.read.json_model`; :func:`yusuan.api.load` then lowers it here — each table
printed as its grid (title, meta line, merged header, rows, notes) by the same
:mod:`yusuan.render.grid` the renderers use, the narrative as headings and paragraphs,
绩效目标表 with their goal rows — so that recognition builds the same tables and facts as
from a published file.
"""

from __future__ import annotations

from yusuan.model import Disclosure, Section, TableId
from yusuan.read.raw import Block, RawCell, RawDocument, RawParagraph, RawTable
from yusuan.render.grid import Grid, table_grid
from yusuan.render.package import table_blocks


def lowered(raw: RawDocument) -> RawDocument:
    """``raw`` itself, or — for a JSON model file — the model printed back to blocks."""
    if raw.model is None:
        return raw
    return RawDocument(lower(raw.model), raw.format, raw.encoding, list(raw.diagnostics))


def lower(d: Disclosure) -> list[Block]:
    """The blocks a reader would give for ``d``: its tables as printed, then its narrative."""
    goals = {p.table: p.goals for p in d.performance}
    blocks: list[Block] = []
    for i, table in enumerate(d.tables):
        own = table.id not in (TableId.PERFORMANCE, TableId.ORG)
        grid = table_grid(
            table,
            d.department_name if own else None,
            d.department_code,
            table.year or d.year,
            d.level,
            d.kind,
            goals.get(i) if table.id is TableId.PERFORMANCE else None,
            as_read=True,
        )
        blocks += _merged(grid, table_blocks(grid, i))
    for section in d.narrative.sections:
        blocks += _section(section, 1)
    return blocks


def _merged(grid: Grid, blocks: list[Block]) -> list[Block]:
    """``blocks`` with the grid's body merges printed as spans: the merged cell once, at
    its top-left, spanning the rows below, which then print no cell there."""
    if not grid.merges:
        return blocks
    covered = {
        (r, c): m
        for m in grid.merges
        for r in range(m.top, m.bottom + 1)
        for c in range(m.first, m.last + 1)
    }
    for block in blocks:
        if isinstance(block, RawTable):
            start = len(block.rows) - len(grid.body)
            for r, line in enumerate(grid.body):
                cells = []
                for c, text in enumerate(line):
                    m = covered.get((r, c))
                    if m is None:
                        cells.append(RawCell(text))
                    elif (m.top, m.first) == (r, c):
                        rowspan, colspan = m.bottom - m.top + 1, m.last - m.first + 1
                        cells.append(RawCell(m.label, rowspan=rowspan, colspan=colspan))
                block.rows[start + r] = cells
    return blocks


def _section(section: Section, level: int) -> list[Block]:
    """The headings and paragraphs of ``section`` and its subsections, depth first."""
    marks = {
        "part": "第{}部分 ",
        "cn": "{}、",
        "paren": "（{}）",
        "pnum": "（{}）",
        "num": "{}、",
    }
    out: list[Block] = []
    todo = [(section, level)]
    while todo:
        s, depth = todo.pop()
        if s.title:
            mark = marks.get(s.style, "").format(s.number)
            out.append(RawParagraph(mark + s.title, heading=min(depth, 6)))
        out += [RawParagraph(p.text) for p in s.paragraphs]
        todo.extend((child, depth + 1) for child in reversed(s.children))
    return out
