"""The package as a PDF: A4, wide tables on landscape pages, text that copies.

ReportLab (BSD) lays out the cover, a 目录 with page numbers, the 情况说明, each
table on its own page (header rows repeated when a table runs over pages,
merged header cells, amounts right-aligned) and 名词解释.  The Chinese text is
set in Noto Serif SC (body, tables) and Noto Sans SC (headings), embedded as
subsets with a ToUnicode map (:mod:`yusuan.render.fonts`), so no system font is
needed and the text extracts.  With ``--force`` every page carries 未通过校验.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from yusuan.render.blocks import toc_heading
from yusuan.render.fonts import register
from yusuan.render.grid import Grid
from yusuan.render.linebreak import CJKParagraph
from yusuan.render.package import UNVERIFIED, Heading, Package, TableBlock
from yusuan.render.widths import column_widths

MARGIN = 15 * mm


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    """Adds 目录 entries for part titles, section headings and table titles (``toc_level``
    on a paragraph)."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.entries: list[tuple[int, str, int]] = []

    def beforeDocument(self) -> None:
        self.entries = []  # each pass of the two-pass build starts again

    def afterFlowable(self, flowable: Any) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            self.entries.append((level, flowable.getPlainText(), self.page))
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))


class _Styles:
    def __init__(self, serif: str, sans: str) -> None:
        def style(name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(
                name, fontName=font, fontSize=size, leading=size * 1.55, wordWrap="CJK", **kw
            )

        self.body = style("body", serif, 11.5, firstLineIndent=23, spaceAfter=3)
        self.part = style("part", sans, 16, alignment=TA_CENTER, spaceBefore=6, spaceAfter=12)
        self.h = [
            style(f"h{i}", sans, s, spaceBefore=8, spaceAfter=3)
            for i, s in ((2, 13), (3, 12), (4, 11.5))
        ]
        self.title = style("title", sans, 15, alignment=TA_CENTER, spaceAfter=6)
        self.meta = style("meta", serif, 9.5)
        self.meta_right = style("meta_right", serif, 9.5, alignment=TA_RIGHT)
        self.meta_center = style("meta_center", serif, 9.5, alignment=TA_CENTER)
        self.note = style("note", serif, 9.5, spaceBefore=4)
        self.cell = style("cell", serif, 8.5)
        self.items = [self.cell] + [
            style(f"cell{i}", serif, 8.5, leftIndent=8.5 * i) for i in (1, 2, 3)
        ]
        self.num = style("num", serif, 8.5, alignment=TA_RIGHT)
        self.center = style("center", serif, 8.5, alignment=TA_CENTER)
        self.head = style("head", sans, 8.5, alignment=TA_CENTER)
        self.cover = [
            style("cover0", sans, 24, alignment=TA_CENTER),
            style("cover1", sans, 30, alignment=TA_CENTER),
        ]
        self.toc_title = style("toc", sans, 18, alignment=TA_CENTER, spaceAfter=14)
        self.toc = [
            style("toc0", serif, 12, leftIndent=0),
            style("toc1", serif, 11, leftIndent=24),
            style("toc2", serif, 10.5, leftIndent=48),
        ]


def _p(text: str, style: ParagraphStyle) -> CJKParagraph:
    """One paragraph, wrapped by the Chinese line-breaking rule (a newline prints as a space)."""
    return CJKParagraph(escape(" ".join(text.split("\n"))), style)


def _lines(text: str, style: ParagraphStyle) -> Any:
    """A cell's text: one paragraph a line."""
    if "\n" not in text:
        return _p(text, style)
    return [_p(line, style) for line in text.split("\n")]


def _height(flowables: list[Any], width: float) -> float:
    return float(sum(f.wrap(width, 10**6)[1] for f in flowables))


#: A table cell's left and right padding (pt).
CELL_PAD = 3
#: Body rows a table keeps together at a page break (no lone row on either side).
KEEP_ROWS = 2


def _table(
    grid: Grid, st: _Styles, width: float, lead: list[Any] | None = None, toc_level: int = 1
) -> list[Any]:
    """The table's flowables, after ``lead`` (headings kept with its first rows)."""
    out: list[Any] = list(lead or [])
    title = _p(grid.title, st.title)
    title.toc_level = toc_level
    out.append(title)
    if grid.meta:
        styles = [st.meta, *([st.meta_center] * (len(grid.meta) - 2)), st.meta_right][
            : len(grid.meta)
        ]
        shares = [2.0] + [1.0] * (len(grid.meta) - 1)
        meta = Table(
            [[_p(m, s) for m, s in zip(grid.meta, styles, strict=True)]],
            colWidths=[width * x / sum(shares) for x in shares],
        )
        meta.setStyle(
            TableStyle(
                [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
            )
        )
        out.append(meta)
    n = grid.ncols
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    if grid.goals is not None:
        data.append([_p("绩效目标", st.head), _lines(grid.goals, st.cell)] + [""] * (n - 2))
        if n > 2:
            commands.append(("SPAN", (1, 0), (n - 1, 0)))
    top = len(data)
    head = [[""] * n for _ in range(grid.depth)]
    for p in grid.header:
        head[p.top][p.first] = _lines(p.label, st.head)
        if (p.bottom, p.last) != (p.top, p.first):
            commands.append(("SPAN", (p.first, top + p.top), (p.last, top + p.bottom)))
    data += head
    if grid.depth:
        commands.append(
            ("BACKGROUND", (0, top), (-1, top + grid.depth - 1), colors.HexColor("#eeeeee"))
        )
    if grid.lanci is not None:
        data.append([_p(t, st.center) for t in grid.lanci])
    repeat = len(data)
    for r, printed in enumerate(grid.body or [[""] * n]):
        row = []
        for c, text in enumerate(printed):
            kind = grid.kinds[c]
            style = (
                st.num
                if kind in ("amount", "count")
                else st.cell
                if kind in ("item", "text")
                else st.center
            )
            indent = grid.indents[r] if kind == "item" and grid.indents else 0
            if indent:  # a child row: indented by the paragraph (leading spaces collapse)
                style = st.items[min(indent, len(st.items) - 1)]
            row.append(_lines(text.strip() if kind == "item" else text, style))
        data.append(row)
    size = st.cell.fontSize
    widths = column_widths(
        grid, width, lambda t: stringWidth(t, st.cell.fontName, size), size, 2 * CELL_PAD + 1
    )
    body = len(data) - repeat
    # A page break leaves at least KEEP_ROWS body rows on both sides (no lone 收入总计).
    split = (repeat + KEEP_ROWS, -KEEP_ROWS) if body >= 2 * KEEP_ROWS else None
    table = Table(
        data,
        colWidths=widths,
        repeatRows=repeat,
        rowSplitRange=split,
    )
    table.setStyle(TableStyle(commands))
    # Title, meta line, header and the first rows start on one page (no header without a row).
    table.wrap(width, 10**6)
    start = _height(out, width) + sum(table._rowHeights[: repeat + min(body, KEEP_ROWS)])
    out.append(table)
    out += [_p(n_, st.note) for n_ in grid.notes]
    return [CondPageBreak(start + 4), *out]


def write_pdf(pkg: Package, path: Path) -> Path:
    """Write the package to ``path`` (.pdf); ``pkg.pages`` gets each 目录 entry's page."""
    pkg.pages = _build(pkg, path)
    return path


def toc_pages(pkg: Package) -> list[int]:
    """The page each 目录 entry (``pkg.toc()``, in order) starts on in the PDF layout."""
    if not pkg.pages:
        pkg.pages = _build(pkg, io.BytesIO())
    return pkg.pages


def _build(pkg: Package, path: Path | io.BytesIO) -> list[int]:
    text = "".join(
        [pkg.title, *pkg.cover(), *(t for _, t in pkg.toc()), "目录第页共", UNVERIFIED]
        + [
            b.text if not isinstance(b, TableBlock) else _grid_text(b.grid)
            for p in pkg.parts
            for b in p.blocks
        ]
        + [p.title for p in pkg.parts]
    )
    serif, sans = register(text)
    st = _Styles(serif, sans)
    portrait, wide = A4, landscape(A4)

    def on_page(canvas: Any, doc: Any) -> None:
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(serif, 9)
        canvas.drawCentredString(w / 2, 8 * mm, f"第 {doc.page} 页")
        if pkg.unverified:
            canvas.setFillColor(colors.HexColor("#cc0000"))
            canvas.setStrokeColor(colors.HexColor("#cc0000"))
            canvas.setFont(sans, 14)
            canvas.drawRightString(w - MARGIN, h - 10 * mm, UNVERIFIED)
        canvas.restoreState()

    doc = _Doc(
        str(path) if isinstance(path, Path) else path,
        pagesize=portrait,
        title=pkg.title,
        author=pkg.department,
        creator="yusuan",
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "portrait",
                [Frame(MARGIN, MARGIN, portrait[0] - 2 * MARGIN, portrait[1] - 2 * MARGIN, id="p")],
                onPage=on_page,
                pagesize=portrait,
            ),
            PageTemplate(
                "landscape",
                [Frame(MARGIN, MARGIN, wide[0] - 2 * MARGIN, wide[1] - 2 * MARGIN, id="l")],
                onPage=on_page,
                pagesize=wide,
            ),
        ]
    )
    story: list[Any] = [Spacer(1, 60 * mm)]
    for i, line in enumerate(pkg.cover()):
        story += [_p(line, st.cover[min(i, 1)]), Spacer(1, 14 * mm)]
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = st.toc
    story += [PageBreak(), _p("目录", st.toc_title), toc]
    current = "portrait"
    for part in pkg.parts:
        if current != "portrait":
            story.append(NextPageTemplate("portrait"))
            current = "portrait"
        story.append(PageBreak())
        heading = _p(part.title, st.part)
        heading.toc_level = 0
        story.append(heading)
        tables_only = all(isinstance(b, TableBlock) for b in part.blocks)
        pending: list[Any] = []  # headings kept with what follows them
        nested = False  # under a section heading listed in the 目录
        for b in part.blocks:
            if isinstance(b, TableBlock):
                want = "landscape" if b.grid.landscape else "portrait"
                if want != current or tables_only:
                    # each standard table on its own page (the part title has a page of its own)
                    story += [NextPageTemplate(want), PageBreak()]
                    current = want
                width = (wide if current == "landscape" else portrait)[0] - 2 * MARGIN
                story += _table(b.grid, st, width, pending, 2 if nested else 1)
                pending = []
            elif isinstance(b, Heading):
                head = _p(b.text, st.h[min(b.level, 4) - 2] if b.level >= 2 else st.part)
                if toc_heading(b):
                    head.toc_level = 1
                    nested = True
                pending.append(head)
            else:
                if current != "portrait":
                    story += [NextPageTemplate("portrait"), PageBreak()]
                    current = "portrait"
                para = _p(b.text, st.body)
                if pending:
                    width = portrait[0] - 2 * MARGIN
                    lines = min(3 * st.body.leading, para.wrap(width, 10**6)[1])
                    story += [CondPageBreak(_height(pending, width) + lines + 4), *pending]
                    pending = []
                story.append(para)
        story += pending
    doc.multiBuild(story)
    return [page for _, _, page in doc.entries]


def _grid_text(grid: Grid) -> str:
    return "".join(
        [grid.title, *grid.meta, grid.goals or "", *(p.label for p in grid.header)]
        + [t for row in grid.body for t in row]
        + [*grid.notes, *(grid.lanci or [])]
    )


__all__ = ["toc_pages", "write_pdf"]
