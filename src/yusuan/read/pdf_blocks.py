"""The blocks of a PDF: paragraphs joined from text lines, and tables as raw tables.

Lines outside the tables join into paragraphs when the previous line is full (it
reaches the page's right edge, measured on all its text lines) and the next one
is neither indented, nor set in another size, nor a numbered heading (一、 （二） 3.);
a paragraph runs on over a page break only when both pages hold prose.  A single
line printed centred and well above the body size, past the cover page, is a heading; so
is a short centred line alone at the top of a page in body size (a template printing one
section per page under a title such as ``XX局机构设置`` or ``名词解释``).

Every cell keeps its page (1-based) and bounding box (rounded to 0.1 pt) in a
:class:`~yusuan.model.Source`, made once per cell from plain values by
:func:`cell_source` (the hot path of a table-heavy document).
"""

from __future__ import annotations

from yusuan import regex
from yusuan.model import Source
from yusuan.read.pdf_grid import GridCell
from yusuan.read.pdf_lines import WIDE, Line, join_lines
from yusuan.read.pdf_stitch import Page, Table
from yusuan.read.raw import Block, RawCell, RawParagraph, RawTable
from yusuan.regex import lazy

_setattr = object.__setattr__
_new = object.__new__


def cell_source(page: int, row: int, col: int, bbox: tuple[float, float, float, float]) -> Source:
    """``Source(page=, row=, col=, bbox=)`` without the frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field): the same fields in the same order (``Source`` has no
    factories or post-init; a test compares the two)."""
    source: Source = _new(Source)
    fields: dict[str, object] = {
        "line": None,
        "page": page,
        "sheet": None,
        "table": None,
        "row": row,
        "col": col,
        "bbox": bbox,
        "file": None,
        "ocr": None,
    }
    _setattr(source, "__dict__", fields)
    return source


def _col(cell: tuple[int, GridCell]) -> int:
    return cell[1].col


def _raw_table(t: Table) -> RawTable:
    rows: list[list[RawCell]] = []
    for r, row in enumerate(t.rows):
        out = []
        for page, c in sorted(row, key=_col):
            x0, top, x1, bottom = c.bbox
            bbox = (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
            out.append(RawCell(c.text, cell_source(page, r, c.col, bbox), c.rowspan, c.colspan))
        rows.append(out)
    x0, x1 = t.xs[0], t.xs[-1]
    return RawTable(
        rows,
        Source(page=t.page, bbox=(round(x0, 1), round(t.top, 1), round(x1, 1), round(t.top, 1))),
        spans_known=True,
    )


_MARKER = regex.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、．.](?!\d))"
)

#: a 目录 entry: its dot leader and page number end the line (no prose runs on from it)
_TOC_ENTRY = regex.compile(r"[.…·．\-—_]{3,}\s*\d{1,4}\s*$")


def _margins(lines: list[Line]) -> tuple[float, float]:
    """The left margin and the right edge of full lines (a high percentile, robust to overhang)."""
    left = min(ln.x0 for ln in lines)
    ends = sorted(ln.x1 for ln in lines)
    return left, ends[int(0.8 * (len(ends) - 1))]


_ENDS_PUNCTUATED = lazy(r"[。；;，,]$")


def _display(line: Line, text: str, body: float, page: int, width: float) -> bool:
    """A heading by its print: past the cover page, centred, well above the body size, short
    and without a sentence end (上海市普陀区司法局主要职能 at 20 pt over 13.3 pt text)."""
    t = "".join(text.split())
    centred = abs((line.x0 + line.x1) / 2 - width / 2) <= 0.08 * width
    return (
        page > 1
        and centred
        and line.size >= 1.3 * body
        and 2 <= len(t) <= 40
        and not _ENDS_PUNCTUATED.search(t)
    )


_PUNCTUATION = lazy(r"[。；;，,：:]")


def _page_title(line: Line, text: str, page: int, width: float) -> bool:
    """A section title printed as a page's first line, centred, in any size: short, with
    no sentence end and no comma (上海市普陀区财政局机构设置, 名词解释)."""
    t = "".join(text.split())
    centred = abs((line.x0 + line.x1) / 2 - width / 2) <= 0.08 * width
    return page > 1 and centred and 4 <= len(t) <= 40 and not _PUNCTUATION.search(t)


def _paragraphs(
    lines: list[Line],
    page_of: dict[int, int],
    margins: dict[int, tuple[float, float]],
    body: float,
    widths: dict[int, float],
    tops: frozenset[int] = frozenset(),
) -> list[RawParagraph]:
    """Join wrapped lines into paragraphs (same page or carried over a page break).

    ``margins`` are each page's left margin and right edge, measured on all its text
    lines (a short run of lines between two tables says little about the page).
    """
    if not lines:
        return []
    out: list[RawParagraph] = []
    group: list[Line] = []

    def flush() -> None:
        if group:
            first = group[0]
            text = join_lines([ln.text for ln in group])
            page = page_of[id(first)]
            width = widths.get(page, 0.0)
            shown = len(group) == 1 and (
                _display(first, text, body, page, width)
                or (id(first) in tops and _page_title(first, text, page, width))
            )
            heading = 1 if shown else None
            out.append(
                RawParagraph(text, Source(page=page_of[id(first)], bbox=first.bbox), heading)
            )
            group.clear()

    for ln in lines:
        size = max(ln.size, 1.0)
        if group:
            prev = group[-1]
            prev_left, right = margins[page_of[id(prev)]]
            left, _ = margins[page_of[id(ln)]]
            full = prev.x1 >= right - 1.5 * size and WIDE not in prev.text
            # over a page break the new line must start at the margin of both pages
            indented = ln.x0 > max(left, prev_left) + 1.2 * size or (
                page_of[id(prev)] != page_of[id(ln)] and ln.x0 > min(left, prev_left) + 1.2 * size
            )
            same_size = abs(ln.size - prev.size) <= 0.2 * size
            # a line set in the right half (单位：万元 flush right) is no wrapped prose
            aside = prev.x0 > (prev_left + right) / 2
            if (
                not full
                or _TOC_ENTRY.search(prev.text)
                or indented
                or aside
                or not same_size
                or WIDE in ln.text
                or _MARKER.match(ln.text)
            ):
                flush()
        group.append(ln)
    flush()
    return out


def blocks(pages: list[Page]) -> list[Block]:
    blocks: list[Block] = []
    run: list[Line] = []
    page_of: dict[int, int] = {}
    margins: dict[int, tuple[float, float]] = {}
    sizes = sorted(
        it.size
        for page in pages
        for _, it in page.items
        if isinstance(it, Line) and len(it.text) > 10
    )
    body = sizes[len(sizes) // 2] if sizes else 12.0
    widths = {page.number: page.width for page in pages}
    # the first line of a page with no table above it (a page title may stand there)
    tops = frozenset(
        id(page.items[0][1]) for page in pages if page.items and isinstance(page.items[0][1], Line)
    )
    for page in pages:
        text_lines = [it for _, it in page.items if isinstance(it, Line)]
        if text_lines:  # a full line reaches at least 60% across the page
            left, right = _margins(text_lines)
            margins[page.number] = (left, max(right, 0.6 * page.width))
    for page in pages:
        for _, item in page.items:
            if isinstance(item, Line):
                page_of[id(item)] = page.number
                run.append(item)
            else:
                blocks.extend(_paragraphs(run, page_of, margins, body, widths, tops))
                run = []
                blocks.append(_raw_table(item))
        # a paragraph runs on over a page break only when both pages hold prose
    blocks.extend(_paragraphs(run, page_of, margins, body, widths, tops))
    return blocks
