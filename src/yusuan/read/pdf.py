"""Reader for PDF files with a text layer (via pypdfium2, Apache-2.0/BSD).

Each page is read as characters and ruling edges (:mod:`yusuan.read.pdf_page`);
ruled tables become grids of merged cells (:mod:`yusuan.read.pdf_grid`); the
text outside the tables becomes lines and then paragraphs.  Blocks are emitted
in the order they appear on the page (top to bottom), so a title that the
producer wrote after the table body still comes before its table.

A table continued on the next page (续表, with or without a repeated header) is
stitched to the table it continues: the continuation's first block is a table
whose column rulings line up with the previous page's last table; a ``续表`` line
or the repeated title above it, and header rows that repeat the first part's,
are dropped.  A first row that reads as a header of its own (no digit, every column
labelled) and is not the first part's header starts a new table instead: an untitled
table laid out like the one before it.  Every cell and paragraph keeps its page
(1-based) and bounding box.

A PDF without any text layer (a scan) is refused with an :class:`InputError`;
a blank page and a page whose glyphs have no Unicode mapping are reported in
``RawDocument.diagnostics`` (see :func:`diagnostic`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.errors import InputError
from yusuan.model import Source
from yusuan.read.pdf_grid import Grid, GridCell, fill, find_grids, is_table
from yusuan.read.pdf_lines import DEFAULT, WIDE, Line, Settings, group_lines, join_lines
from yusuan.read.pdf_page import PageContent, read_page
from yusuan.read.raw import Block, RawCell, RawDocument, RawParagraph, RawTable

#: Diagnostic kinds (the rule family YS8xx reads them back from these prefixes).
NOT_EXTRACTABLE = "pdf-text-not-extractable"
BLANK_PAGE = "blank-page"

_FOLIO = re.compile(
    r"^(?:[-—–－─━\s]*\d{1,4}[-—–－─━\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
_CONTINUED = re.compile(r"^[（(]?续(?:表|上表|前表)?[0-9一二三四五六七八九十]*[)）]?$")


def diagnostic(kind: str, page: int, zh: str, en: str) -> str:
    """One diagnostic line: ``KIND page N: 中文 / English``."""
    return f"{kind} page {page}: {zh} / {en}"


@dataclass(slots=True)
class _Table:
    """A ruled table being assembled, possibly over several pages."""

    xs: list[float]
    rows: list[list[tuple[int, GridCell]]]  # (page, cell) with cell.col/colspan on ``xs``
    top: float
    page: int
    last_page: int = 0


@dataclass(slots=True)
class _Page:
    number: int
    items: list[tuple[float, Line | _Table]] = field(default_factory=list)
    width: float = 0.0


def _col_map(xs: list[float], base: list[float], tol: float) -> dict[int, int] | None:
    """Map each x of ``xs`` to an index of ``base`` (None when they do not line up)."""
    out: dict[int, int] = {}
    for i, x in enumerate(xs):
        j = min(range(len(base)), key=lambda k: abs(base[k] - x))
        if abs(base[j] - x) > tol:
            return None
        out[i] = j
    if out[0] != 0 or out[len(xs) - 1] != len(base) - 1:
        return None
    return out


def _row_key(row: list[tuple[int, GridCell]]) -> tuple[tuple[int, int, str], ...]:
    return tuple((c.col, c.colspan, "".join(c.text.split())) for _, c in row)


def _stitch(base: _Table, more: _Table, tol: float) -> bool:
    """Append ``more`` (the next page's first table) to ``base`` when its columns line up."""
    mapping = _col_map(more.xs, base.xs, tol)
    if mapping is None:
        return False
    rows: list[list[tuple[int, GridCell]]] = []
    for row in more.rows:
        mapped = []
        for page, c in row:
            first, last = mapping[c.col], mapping[c.col + c.colspan]
            c.col, c.colspan = first, max(1, last - first)
            mapped.append((page, c))
        rows.append(mapped)
    # a header repeated on the new page is dropped
    k = 0
    while k < len(rows) and k < len(base.rows) and _row_key(rows[k]) == _row_key(base.rows[k]):
        k += 1
    if not k and rows and _header_like(rows[0], len(base.xs) - 1):
        return False  # a header of its own: a new table with the same columns, untitled
    if k and k < len(rows):
        rows = rows[k:]
    if rows and base.rows and _split_cell(base.rows[-1], rows[0]):
        _merge_into(base.rows[-1], rows.pop(0))
    base.rows.extend(rows)
    base.last_page = more.page
    return True


def _header_like(row: list[tuple[int, GridCell]], width: int) -> bool:
    """A row that reads as a table's header: no digit anywhere, every column labelled
    (a body row without amounts leaves its amount cells blank)."""
    filled = [c for _, c in row if c.text.strip()]
    if any(ch.isdigit() for c in filled for ch in c.text):
        return False
    return len(filled) >= 2 and sum(c.colspan for c in filled) >= width


_FRAGMENT = re.compile(r"^[^\d\s、，,.．（(]{1,4}$")


def _split_cell(last: list[tuple[int, GridCell]], first: list[tuple[int, GridCell]]) -> bool:
    """True when ``first`` (atop the next page) only ends label cells of ``last``.

    A label broken by the page break (十七、国土海洋气象等支 / 出, 当年收入 / 小计)
    leaves a row of a few characters and no amount under the text it continues.
    """
    before = {c.col: "".join(c.text.split()) for _, c in last}
    filled = [(c.col, "".join(c.text.split())) for _, c in first if c.text.strip()]
    return bool(filled) and all(
        _FRAGMENT.match(text) and before.get(col) and not before[col][-1].isdigit()
        for col, text in filled
    )


def _merge_into(last: list[tuple[int, GridCell]], first: list[tuple[int, GridCell]]) -> None:
    by_col = {c.col: c for _, c in last}
    for _, c in first:
        if c.text.strip():
            by_col[c.col].text = "".join(by_col[c.col].text.split()) + "".join(c.text.split())


def _raw_table(t: _Table) -> RawTable:
    rows: list[list[RawCell]] = []
    offset = 0
    for r, row in enumerate(t.rows):
        out = []
        for page, c in sorted(row, key=lambda pc: pc[1].col):
            x0, top, x1, bottom = c.bbox
            bbox = (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
            out.append(
                RawCell(
                    c.text,
                    Source.model_construct(
                        page=page, row=r, col=c.col, bbox=bbox, line=None, sheet=None, table=None
                    ),
                    rowspan=c.rowspan,
                    colspan=c.colspan,
                )
            )
        rows.append(out)
        offset += 1
    x0, x1 = t.xs[0], t.xs[-1]
    return RawTable(
        rows,
        Source(page=t.page, bbox=(round(x0, 1), round(t.top, 1), round(x1, 1), round(t.top, 1))),
        spans_known=True,
    )


def _page_items(content: PageContent, settings: Settings) -> list[tuple[float, Line | _Table]]:
    grids: list[Grid] = []
    for grid in find_grids(content.edges, settings):
        inside = [c for c in content.chars if grid.contains(c)]
        fill(grid, inside, settings)
        if is_table(grid, settings):
            grids.append(grid)
    rest = [c for c in content.chars if not any(g.contains(c) for g in grids)]
    items: list[tuple[float, Line | _Table]] = []
    for g in grids:
        rows = [[(content.number, c) for c in row] for row in g.rows]
        items.append((g.ys[0], _Table(list(g.xs), rows, g.ys[0], content.number, content.number)))
    h = content.height
    for line in group_lines(rest, settings):
        if not line.text.strip():
            continue  # a line of spaces only
        if _FOLIO.match(line.text) and (line.top > 0.85 * h or line.bottom < 0.12 * h):
            continue  # a page number
        items.append((line.top, line))
    items.sort(key=lambda it: it[0])
    return items


_MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、．.](?!\d))"
)


def _margins(lines: list[Line]) -> tuple[float, float]:
    """The left margin and the right edge of full lines (a high percentile, robust to overhang)."""
    left = min(ln.x0 for ln in lines)
    ends = sorted(ln.x1 for ln in lines)
    return left, ends[int(0.8 * (len(ends) - 1))]


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
        and not re.search(r"[。；;，,]$", t)
    )


def _paragraphs(
    lines: list[Line],
    page_of: dict[int, int],
    margins: dict[int, tuple[float, float]],
    body: float,
    widths: dict[int, float],
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
            shown = len(group) == 1 and _display(first, text, body, page, widths.get(page, 0.0))
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


def _blocks(pages: list[_Page]) -> list[Block]:
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
                blocks.extend(_paragraphs(run, page_of, margins, body, widths))
                run = []
                blocks.append(_raw_table(item))
        # a paragraph runs on over a page break only when both pages hold prose
    blocks.extend(_paragraphs(run, page_of, margins, body, widths))
    return blocks


def _furniture(line: Line) -> bool:
    """A line that may stand above a continued table: 续表, a repeated title (…续), a meta line."""
    t = "".join(line.text.split())
    return bool(_CONTINUED.match(t)) or ("续" in t and len(t) <= 40) or WIDE in line.text


def _above(items: list[tuple[float, Line | _Table]], k: int) -> set[str]:
    """The texts of the lines right above item ``k`` (its title and meta lines)."""
    out: set[str] = set()
    j = k - 1
    while j >= 0 and isinstance(ln := items[j][1], Line):
        out.add("".join(ln.text.split()))
        j -= 1
    return out


def _stitch_pages(pages: list[_Page], tol: float) -> None:
    """Merge a page's first table into the previous page's last table when it continues it.

    Only 续表 lines, meta lines and the lines printed above the first part (its
    title repeated) may stand before the continuation.
    """
    last: _Table | None = None
    heading: set[str] = set()
    for page in pages:
        items = page.items
        first = next((k for k, (_, it) in enumerate(items) if isinstance(it, _Table)), None)
        if last is not None and first is not None:
            cand = items[first][1]
            assert isinstance(cand, _Table)
            before = [it for _, it in items[:first] if isinstance(it, Line)]
            repeated = all(_furniture(ln) or "".join(ln.text.split()) in heading for ln in before)
            if repeated and _stitch(last, cand, tol):
                del items[: first + 1]
                if not items:  # the page held only the continuation
                    continue
        tail = items[-1][1] if items else None
        last = tail if isinstance(tail, _Table) else None
        if last is not None and last.page == page.number:
            heading = _above(items, len(items) - 1)


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError(
                "PDF 文件已加密，需要密码才能打开", "the PDF is encrypted (password required)"
            ) from exc
        raise InputError(
            "PDF 文件已损坏或被截断，无法打开", "the PDF is damaged or truncated"
        ) from exc


def read_pdf(path: str | Path, settings: Settings = DEFAULT) -> RawDocument:
    """Read a PDF into paragraphs and tables in reading order."""
    pdf = open_pdf(Path(path))
    try:
        contents = [read_page(pdf, i) for i in range(len(pdf))]
    finally:
        pdf.close()
    diagnostics: list[str] = []
    if not contents or not any(c.chars for c in contents):
        if any(c.images for c in contents):
            raise InputError(
                "这是扫描件：PDF 没有文字层，无法读取（请提供带文字的 PDF 或 Word/Excel 原件）",
                "this is a scanned PDF without a text layer; provide a text PDF, Word or Excel file",
            )
        raise InputError("PDF 中没有任何文字", "the PDF contains no text at all")
    pages: list[_Page] = []
    for c in contents:
        if not c.chars and not c.edges:
            if c.images:
                diagnostics.append(
                    diagnostic(
                        NOT_EXTRACTABLE,
                        c.number,
                        f"第{c.number}页只有图片，没有文字层（可能是扫描页）",
                        f"page {c.number} is an image without a text layer",
                    )
                )
            else:
                diagnostics.append(
                    diagnostic(
                        BLANK_PAGE, c.number, f"第{c.number}页是空白页", f"page {c.number} is blank"
                    )
                )
        elif c.unmapped:
            diagnostics.append(
                diagnostic(
                    NOT_EXTRACTABLE,
                    c.number,
                    f"第{c.number}页有 {c.unmapped} 个字符无法提取（字体缺少 Unicode 映射）",
                    f"page {c.number}: {c.unmapped} glyphs without a Unicode mapping",
                )
            )
        pages.append(_Page(c.number, _page_items(c, settings), c.width))
    _stitch_pages(pages, settings.snap * 2)
    return RawDocument(_blocks(pages), "pdf", diagnostics=diagnostics)
