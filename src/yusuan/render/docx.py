"""The package as a Word document in the official form.

A4 pages: the cover, 目录, the 情况说明 (headings in Word heading styles, 黑体;
body 仿宋 with a two-character first-line indent), then each table on its own page
(a landscape section for wide tables) with its title, meta line (tab stops:
department left, 年度 centre, 单位 right), merged header cells, the 栏次 row,
amounts right-aligned, header rows repeated on every page, and its notes; then
名词解释.  Page numbers in the footer; with ``--force`` every page header prints
未通过校验 in red.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from yusuan.render.blocks import toc_heading
from yusuan.render.grid import Grid, display_width
from yusuan.render.package import UNVERIFIED, Heading, Package, TableBlock
from yusuan.render.widths import column_widths

BODY_FONT = "仿宋_GB2312"
HEAD_FONT = "黑体"
TABLE_FONT = "宋体"


def _font(
    run_or_style: object, name: str, size: float | None = None, bold: bool | None = None
) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = run_or_style.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _styles(document: docx.document.Document) -> None:
    normal = document.styles["Normal"]
    _font(normal, BODY_FONT, 14)
    for level, size in ((1, 18), (2, 16), (3, 14), (4, 14)):
        style = document.styles[f"Heading {level}"]
        _font(style, HEAD_FONT, size, True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(4)
    document.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.styles.add_style(TABLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    _font(title, HEAD_FONT, 16, True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.keep_with_next = True
    for level in (1, 2, 3, 4):
        document.styles[f"Heading {level}"].paragraph_format.keep_with_next = True


def _page(section: object, landscape: bool) -> None:
    s = section
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    long_side, short_side = Cm(29.7), Cm(21.0)
    s.page_width, s.page_height = (long_side, short_side) if landscape else (short_side, long_side)  # type: ignore[attr-defined]
    for side in ("left_margin", "right_margin"):
        setattr(s, side, Cm(2.0 if not landscape else 1.5))
    s.top_margin = s.bottom_margin = Cm(2.0)  # type: ignore[attr-defined]


def field(paragraph: object, instruction: str) -> None:
    """Append a Word field (``PAGE``, ``PAGEREF …``) to ``paragraph``; Word and LibreOffice
    fill it in."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _decorate(section: object, pkg: Package) -> None:
    footer = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(footer, "PAGE")
    if pkg.unverified:
        header = section.header.paragraphs[0]  # type: ignore[attr-defined]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(UNVERIFIED)
        _font(run, HEAD_FONT, 16, True)
        run.font.color.rgb = RGBColor(0xCC, 0, 0)


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cant_split(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.insert(0, el)


def _keep_with_next(row: object) -> None:
    for cell in row.cells:  # type: ignore[attr-defined]
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _fixed_widths(table: object, widths: list[float]) -> None:
    """Column widths Word and LibreOffice both honour: a fixed layout and the grid's widths."""
    tbl = table._tbl  # type: ignore[attr-defined]
    table.autofit = False  # type: ignore[attr-defined]
    tblpr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))


def _cell(cell: object, text: str, align: str, bold: bool = False, indent: int = 0) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if indent:
        paragraph.paragraph_format.left_indent = Pt(10 * indent)
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }[align]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        _font(run, TABLE_FONT, 9, bold)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


#: Body rows a table keeps together at a page break (as in the PDF).
KEEP_ROWS = 2
#: A half-width character at 10 pt, in cm.
_HALF_CM = 10 / 2 / 72 * 2.54
TABLE_TITLE = "表标题"


def _meta_stops(meta: list[str], usable: float) -> list[tuple[float, WD_TAB_ALIGNMENT]]:
    """Tab stops for 编制部门 (left) · 预算年度 (centre) · 单位 (right): the centre stop moves
    right of a long department name, so the three never run together."""
    if len(meta) < 3:
        return [(usable, WD_TAB_ALIGNMENT.RIGHT)]
    left = display_width(meta[0]) * _HALF_CM
    middle = display_width(meta[1]) * _HALF_CM
    centre = max(usable / 2, left + middle / 2 + 1.0)
    return [(centre, WD_TAB_ALIGNMENT.CENTER), (usable, WD_TAB_ALIGNMENT.RIGHT)]


def add_grid(
    document: docx.document.Document, grid: Grid, usable: float, bookmark: int | None = None
) -> None:
    """Print ``grid`` (title, meta line, table, notes); ``bookmark``: the 目录 entry its
    title is the target of."""
    title = document.add_paragraph(style=TABLE_TITLE)
    title.add_run(grid.title)
    if bookmark is not None:
        _bookmark(title, bookmark)
    if grid.meta:
        meta = document.add_paragraph()
        meta.paragraph_format.first_line_indent = Pt(0)
        meta.paragraph_format.keep_with_next = True
        stops = meta.paragraph_format.tab_stops
        for position, stop in _meta_stops(grid.meta, usable):
            stops.add_tab_stop(Cm(position), stop)
        _font(meta.add_run("\t".join(grid.meta)), TABLE_FONT, 10)
    goal_rows = 1 if grid.goals is not None else 0
    lanci = 1 if grid.lanci is not None else 0
    body = grid.body or [[""] * grid.ncols]
    table = document.add_table(rows=goal_rows + grid.depth + lanci + len(body), cols=grid.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if grid.goals is not None:
        _cell(table.cell(0, 0), "绩效目标", "center", True)
        goal = (
            table.cell(0, 1).merge(table.cell(0, grid.ncols - 1))
            if grid.ncols > 2
            else table.cell(0, 1)
        )
        _cell(goal, grid.goals, "left")
    for p in grid.header:
        cell = table.cell(goal_rows + p.top, p.first)
        if (p.bottom, p.last) != (p.top, p.first):
            cell = cell.merge(table.cell(goal_rows + p.bottom, p.last))
        _cell(cell, p.label, "center", True)
    for r in range(goal_rows + grid.depth + lanci):
        _repeat_header(table.rows[r])
    if grid.lanci is not None:
        for c, text in enumerate(grid.lanci):
            _cell(table.cell(goal_rows + grid.depth, c), text, "center")
    first = goal_rows + grid.depth + lanci
    for r, printed in enumerate(body):
        for c, text in enumerate(printed):
            kind = grid.kinds[c]
            align = (
                "right"
                if kind in ("amount", "count")
                else "left"
                if kind in ("item", "text")
                else "center"
            )
            indent = grid.indents[r] if kind == "item" and grid.indents else 0
            _cell(table.cell(first + r, c), text, align, indent=indent)
    em = 9 / 72 * 2.54  # a 9 pt Chinese character, in cm
    widths = column_widths(grid, usable, lambda t: display_width(t) * em / 2, em, 0.45)
    _fixed_widths(table, widths)
    for row in table.rows:
        for c, cell in enumerate(row.cells[: len(widths)]):
            cell.width = Cm(widths[c])
    # No row splits over a page; the header stays with the first KEEP_ROWS rows and the last
    # KEEP_ROWS rows stay together (no lone 收入总计 on the next page).
    rows = list(table.rows)
    for row in rows:
        _cant_split(row)
    for row in rows[: first + KEEP_ROWS - 1]:
        _keep_with_next(row)
    for row in rows[max(first, len(rows) - KEEP_ROWS) : -1]:
        _keep_with_next(row)
    for note in grid.notes:
        para = document.add_paragraph()
        para.paragraph_format.first_line_indent = Pt(0)
        _font(para.add_run(note), TABLE_FONT, 10)


def _fld(run: object, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        el.set(qn("w:dirty"), "true")  # Word refreshes the number on opening
    run._r.append(el)  # type: ignore[attr-defined]


def _mark(n: int) -> str:
    return f"_Toc{n:06d}"


def _bookmark(paragraph: object, n: int) -> None:
    """Bookmark the paragraph as the target of 目录 entry ``n``."""
    p = paragraph._p  # type: ignore[attr-defined]
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(n))
    start.set(qn("w:name"), _mark(n))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(n))
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else 1, start)
    p.append(end)


def _pageref(paragraph: object, n: int, page: int) -> None:
    """A PAGEREF field to entry ``n``'s bookmark: Word and LibreOffice show the page the
    title falls on in their own layout; ``page`` (the PDF's) is the text until then."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    _fld(run, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" PAGEREF {_mark(n)} \\h "
    run._r.append(instr)
    _fld(run, "separate")
    paragraph.add_run(str(page))  # type: ignore[attr-defined]
    _fld(paragraph.add_run(), "end")  # type: ignore[attr-defined]


def _toc(document: docx.document.Document, pkg: Package) -> None:
    """目录: each entry's page number is a PAGEREF field to a bookmark on its part or table
    title, so Word (which updates the fields on opening, ``w:updateFields``) and LibreOffice
    (which lays them out live) both show the page in their own layout; until then the text
    is the page of the PDF layout (:func:`yusuan.render.pdf.toc_pages`).  A TOC field would
    do for Word, but LibreOffice shows a TOC field's stored text without updating it."""
    from yusuan.render.pdf import toc_pages

    usable = 21.0 - 4.0
    entries = pkg.toc()
    pages = toc_pages(pkg)
    for i, ((level, text), page) in enumerate(zip(entries, pages, strict=True)):
        para = document.add_paragraph()
        para.paragraph_format.left_indent = Pt(28 * level)
        para.paragraph_format.first_line_indent = Pt(0)
        para.paragraph_format.tab_stops.add_tab_stop(
            Cm(usable), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        para.add_run(f"{text}\t")
        _pageref(para, i, page)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def write_docx(pkg: Package, path: Path) -> Path:
    """Write the package to ``path`` (.docx)."""
    document = docx.Document()
    _styles(document)
    section = document.sections[0]
    _page(section, False)
    _decorate(section, pkg)
    for i, line in enumerate(pkg.cover()):
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(160 if i == 0 else 24)
        _font(para.add_run(line), HEAD_FONT, 26 if i == 0 else 32, True)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    toc_title = document.add_paragraph()
    toc_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(toc_title.add_run("目录"), HEAD_FONT, 18, True)
    _toc(document, pkg)
    landscape = False
    entry = 0  # the 目录 entry a part title, section heading or table title is bookmarked for
    for part in pkg.parts:
        heading = document.add_heading(part.title, level=1)
        heading.paragraph_format.page_break_before = True  # no blank page after a section
        _bookmark(heading, entry)
        entry += 1
        for b in part.blocks:
            if isinstance(b, Heading):
                head = document.add_heading(b.text, level=min(b.level, 4))
                if toc_heading(b):
                    _bookmark(head, entry)
                    entry += 1
            elif isinstance(b, TableBlock):
                if b.grid.landscape != landscape or part is pkg.parts[1]:
                    landscape = b.grid.landscape
                    section = document.add_section(WD_SECTION.NEW_PAGE)
                    _page(section, landscape)
                usable = (29.7 - 3.0) if landscape else (21.0 - 4.0)
                add_grid(document, b.grid, usable, bookmark=entry)
                entry += 1
            else:
                para = document.add_paragraph(b.text)
                para.paragraph_format.first_line_indent = Pt(28)
        if landscape:
            landscape = False
            _page(document.add_section(WD_SECTION.NEW_PAGE), False)
    document.save(str(path))
    return path
