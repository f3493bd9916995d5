"""PDFs of ruled tables with merged cells, given as printed grids.

A table is its title and its rows as printed: each cell a string, or a
:class:`Span` (text, rowspan, colspan) for a merged cell, placed like the cells of a
:class:`~yusuan.read.raw.RawTable` (a cell merged down from a row above is left out
of the rows below).  :func:`write_grids` draws one table per A4 page with
:mod:`support.pdf_maker` — title, a ``部门：… 单位：万元`` line, every cell ruled on its
own so a merged cell has no inner lines — the way Jiangsu's 12-table packages print
their 收入预算总表 (a group label merged down beside its items) and
财政拨款收支预算总表 (收入 | 支出 by 支出用途).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from support.pdf_maker import WIDTH, Page, write_pdf

MARGIN, ROW, SIZE = 40.0, 18.0, 8.0


@dataclass(frozen=True)
class Span:
    text: str
    rows: int = 1
    cols: int = 1


Grid = list[list[str | Span]]


@dataclass(frozen=True)
class Printed:
    title: str
    rows: Grid
    department: str = "江苏省示例厅"


def _placed(rows: Grid) -> tuple[list[tuple[int, int, Span]], int]:
    """Each cell at its grid row and column (after cells merged down into its row)."""
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int, Span]] = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            span = cell if isinstance(cell, Span) else Span(cell)
            while (r, c) in taken:
                c += 1
            out.append((r, c, span))
            for dr in range(span.rows):
                for dc in range(span.cols):
                    taken.add((r + dr, c + dc))
            c += span.cols
            width = max(width, c)
    return out, width


def _draw(page: Page, table: Printed) -> None:
    page.text(200, MARGIN, table.title, 14)
    page.text(MARGIN, MARGIN + 24, f"部门：{table.department}", 9)
    page.text(WIDTH - MARGIN - 60, MARGIN + 24, "单位：万元", 9)
    if not table.rows:  # a title over no ruled grid (a table printed as a picture)
        return
    cells, width = _placed(table.rows)
    col = (WIDTH - 2 * MARGIN) / max(1, width)
    top = MARGIN + 40
    for r, c, span in cells:
        x0, x1 = MARGIN + c * col, MARGIN + (c + span.cols) * col
        y0, y1 = top + r * ROW, top + (r + span.rows) * ROW
        page.hline(x0, x1, y0).hline(x0, x1, y1).vline(x0, y0, y1).vline(x1, y0, y1)
        if span.text:
            page.text(x0 + 2, y0 + 4, span.text, SIZE)


def write_grids(tables: list[Printed], path: Path) -> Path:
    """One table per page, in order."""
    pages = []
    for t in tables:
        page = Page()
        _draw(page, t)
        pages.append(page)
    return write_pdf(path, pages)
