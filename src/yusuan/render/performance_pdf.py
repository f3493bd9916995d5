"""The 绩效自评 result as a PDF: A4 landscape, the 部门汇总 then one 自评表 a page (a long
table runs on, its first row repeated), set in the package's embedded Noto subsets
(:func:`yusuan.render.fonts.register`), so the text extracts and no system font is needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from yusuan.render.fonts import register
from yusuan.render.performance_report import Sheet

MARGIN = 15 * mm


def _styles(serif: str, sans: str) -> dict[str, ParagraphStyle]:
    def style(name: str, font: str, size: float, align: int) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.4, wordWrap="CJK", alignment=align
        )

    return {
        "title": style("title", sans, 15, TA_CENTER),
        "meta": style("meta", serif, 9.5, TA_LEFT),
        "note": style("note", serif, 9.5, TA_LEFT),
        "head": style("head", sans, 8.5, TA_CENTER),
        "center": style("center", serif, 8.5, TA_CENTER),
        "num": style("num", serif, 8.5, TA_RIGHT),
        "text": style("text", serif, 8.5, TA_LEFT),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(sheet: Sheet, st: dict[str, ParagraphStyle], width: float) -> Table:
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    ncols = len(sheet.widths)
    for r, row in enumerate(sheet.rows):
        cells: list[Any] = []
        col = 0
        for span in row:
            cells.append(_para(span.text, st[span.style]))
            cells.extend([""] * (span.span - 1))
            if span.span > 1:
                commands.append(("SPAN", (col, r), (col + span.span - 1, r)))
            col += span.span
        cells.extend([""] * (ncols - len(cells)))
        data.append(cells)
    scale = width / sum(sheet.widths)
    table = Table(data, colWidths=[w * scale for w in sheet.widths], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def write_evaluation_pdf(sheets: list[Sheet], path: Path) -> Path:
    text = (
        "".join(
            s.title + s.meta + "".join(x.text for row in s.rows for x in row) + "".join(s.notes)
            for s in sheets
        )
        + "第页"
    )
    serif, sans = register(text)
    st = _styles(serif, sans)
    page = landscape(A4)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=page,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=sheets[0].title if sheets else "",
    )
    story: list[Any] = []
    for i, s in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story += [_para(s.title, st["title"]), Spacer(1, 4 * mm), _para(s.meta, st["meta"])]
        story += [Spacer(1, 2 * mm), _table(s, st, page[0] - 2 * MARGIN), Spacer(1, 3 * mm)]
        story += [_para(n, st["note"]) for n in s.notes]

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(serif, 9)
        canvas.drawCentredString(page[0] / 2, 8 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


__all__ = ["write_evaluation_pdf"]
