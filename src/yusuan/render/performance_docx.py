"""The 绩效自评 result as a Word document: the 部门汇总, then one 自评表 per project, each on
its own A4 landscape page (title 黑体, table 宋体 with its merged cells and borders, amounts
right-aligned, the notes under the table, page numbers in the footer)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from yusuan.render.docx import field
from yusuan.render.performance_report import NCOLS, Sheet

HEAD_FONT = "黑体"
TABLE_FONT = "宋体"
_ALIGN = {
    "head": WD_ALIGN_PARAGRAPH.CENTER,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "num": WD_ALIGN_PARAGRAPH.RIGHT,
    "text": WD_ALIGN_PARAGRAPH.LEFT,
}
USABLE_CM = 29.7 - 3.0


def _run(paragraph: object, text: str, font: str, size: float, bold: bool = False) -> None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)  # type: ignore[attr-defined]
        run.font.name = font
        run.font.size = Pt(size)
        run.font.bold = bold
        rpr = run.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _page_number(section: object) -> None:
    footer = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(footer, "PAGE")


def _sheet(document: docx.document.Document, sheet: Sheet) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, sheet.title, HEAD_FONT, 16, True)
    _run(document.add_paragraph(), sheet.meta, TABLE_FONT, 10)
    table = document.add_table(rows=len(sheet.rows), cols=NCOLS)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    scale = USABLE_CM / sum(sheet.widths)
    for r, row in enumerate(sheet.rows):
        col = 0
        for span in row:
            cell = table.cell(r, col)
            if span.span > 1:
                cell = cell.merge(table.cell(r, col + span.span - 1))
            paragraph = cell.paragraphs[0]
            paragraph.alignment = _ALIGN[span.style]
            _run(paragraph, span.text, TABLE_FONT, 9, span.style == "head")
            col += span.span
        for c, cell in enumerate(table.rows[r].cells[:NCOLS]):
            cell.width = Cm(sheet.widths[c] * scale)
    for note in sheet.notes:
        _run(document.add_paragraph(), note, TABLE_FONT, 10)


def write_evaluation_docx(sheets: list[Sheet], path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _page_number(section)
    for i, sheet in enumerate(sheets):
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _sheet(document, sheet)
    document.save(str(path))
    return path


__all__ = ["write_evaluation_docx"]
