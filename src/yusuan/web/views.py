"""View helpers: tables laid out as printed, finding → cell anchors, the 情况说明 with a sentence
marked, and the pages of an uploaded PDF as images (pypdfium2 renders, Pillow encodes PNG).
The charts' data is :mod:`yusuan.web.charts`."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from yusuan.model import (
    Cell,
    Disclosure,
    HeaderNode,
    Paragraph,
    Row,
    Section,
    Source,
    Table,
)
from yusuan.regex import lazy
from yusuan.rules.base import Finding
from yusuan.rules.context import norm


@dataclass(frozen=True)
class HeadCell:
    label: str
    colspan: int
    rowspan: int


def header_rows(table: Table) -> list[list[HeadCell]]:
    """The header tree as HTML rows with colspan/rowspan (leaves reach the last row)."""

    def depth(nodes: tuple[HeaderNode, ...]) -> int:
        return max((1 + depth(n.children) for n in nodes), default=0)

    total = depth(table.header)
    rows: list[list[HeadCell]] = [[] for _ in range(total)]

    def place(nodes: tuple[HeaderNode, ...], level: int) -> None:
        for n in nodes:
            span = n.last - n.first + 1
            rowspan = 1 if n.children else total - level
            rows[level].append(HeadCell(n.label, span, rowspan))
            place(n.children, level + 1)

    place(table.header, 0)
    return rows


@dataclass(frozen=True)
class BodyCell:
    text: str
    anchor: str
    numeric: bool
    #: read by OCR (the web marks it and links it to its box on the page image)
    ocr: bool = False


def body_rows(table: Table, table_no: int) -> list[list[BodyCell]]:
    """One printed row per row index; two-sided tables put both sides back together."""
    # column indices are the printed positions: a table may leave some out (width ≥ count)
    width = max((c.index + 1 for c in table.columns), default=0)
    first_code = next((c.index for c in table.columns if c.role == "code"), None)
    printed: dict[int, list[BodyCell]] = {}
    for row in table.rows:
        cells = printed.setdefault(
            row.index, [BodyCell("", f"c-{table_no}-{row.index}-{i}", False) for i in range(width)]
        )
        for col in table.columns:
            if row.section is not None and col.section not in (row.section, None):
                continue
            text = ""
            ocr = bool(row.source.ocr)
            if col.role == "seq":
                text = row.seq or ""
            elif col.role == "code":
                text = (row.code or "") if col.index == first_code else ""
            elif col.role == "item" and (col.section == row.section or col.section is None):
                text = row.label
            elif (cell := row.cells.get(col.index)) is not None:
                text, ocr = cell.text, bool(cell.source.ocr)
            if text or not cells[col.index].text:
                cells[col.index] = BodyCell(
                    text,
                    cells[col.index].anchor,
                    col.role in ("amount", "count"),
                    ocr and bool(text),
                )
    return [printed[i] for i in sorted(printed)]


def anchor_for(d: Disclosure, f: Finding) -> str | None:
    """The document-page anchor of the cell (or row, or table) a finding points at: the suspect
    cell when the finding has one (a cell that explains several findings)."""
    loc = f.suspect or f.location
    if loc.table is None:
        return None
    candidates = [
        (i, t)
        for i, t in enumerate(d.tables)
        if t.id.value == loc.table and (loc.table_title in (None, t.title))
    ]
    if not candidates:
        return None
    table_no, table = candidates[0]
    col = next((c for c in table.columns if c.key == loc.column), None) if loc.column else None
    for row in table.rows:
        if loc.section and row.section != loc.section:
            continue
        if (loc.row_code and row.code == loc.row_code) or (
            not loc.row_code and loc.row_item and norm(row.item) == norm(loc.row_item)
        ):
            index = col.index if col is not None else 0
            return f"c-{table_no}-{row.index}-{index}"
    return f"t-{table_no}"


def _located_cell(d: Disclosure, f: Finding) -> Cell | Row | None:
    """The cell (else the row) a finding points at (its suspect cell, when grouping named one),
    as :func:`anchor_for` finds it."""
    loc = f.suspect or f.location
    if loc.table is None:
        return None
    table = next(
        (t for t in d.tables if t.id.value == loc.table and loc.table_title in (None, t.title)),
        None,
    )
    if table is None:
        return None
    col = next((c for c in table.columns if c.key == loc.column), None) if loc.column else None
    for row in table.rows:
        if loc.section and row.section != loc.section:
            continue
        if (loc.row_code and row.code == loc.row_code) or (
            not loc.row_code and loc.row_item and norm(row.item) == norm(loc.row_item)
        ):
            cell = row.cells.get(col.index) if col is not None else None
            return cell if cell is not None else row
    return None


def finding_box(d: Disclosure, f: Finding) -> dict[str, Any] | None:
    """The page and box (PDF points from the top left) of the cell a finding points at,
    for the page image; None when the document kept no box (formats other than PDF)."""
    found: Cell | Row | Paragraph | None = _located_cell(d, f)
    if found is None and (at := narrative_target(d, f)) is not None:
        found = _paragraphs(d)[at[0]][2]  # a narrative finding: its paragraph's first line
    if found is None:
        return None
    src = found.source
    if src.page is None or src.bbox is None:
        return None
    x0, y0, x1, y1 = src.bbox
    if isinstance(found, Row):  # a row: the row's cells' union
        boxes = [c.source.bbox for c in found.cells.values() if c.source.bbox]
        if boxes:
            x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
            x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return {"page": src.page, "file": src.file, "box": f"{x0:g},{y0:g},{x1:g},{y1:g}"}


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of the 情况说明, as the document page shows it; a
    paragraph holding a finding's sentence is split around it (``mark``)."""

    anchor: str
    heading: bool
    level: int
    before: str
    mark: str
    after: str
    page: int | None
    line: int | None


def _paragraphs(d: Disclosure) -> list[tuple[int, Section | None, Paragraph | None]]:
    out: list[tuple[int, Section | None, Paragraph | None]] = []

    def walk(sections: tuple[Section, ...], level: int) -> None:
        for sec in sections:
            out.append((level, sec, None))
            out.extend((level, None, p) for p in sec.paragraphs)
            walk(sec.children, level + 1)

    walk(d.narrative.sections, 0)
    return out


_ELLIPSIS = lazy(r"…|\.\.\.")


def _sentence(f: Finding) -> str | None:
    """The words of the document a finding quotes (its snippet without the “…” that cut
    it), or None when it quotes none (a note such as “（应有“部门职责”）”)."""
    text = (f.location.text or "").strip()
    if not text or (text.startswith("（") and text.endswith("）")):
        return None
    pieces = [p.strip() for p in _ELLIPSIS.split(text) if p.strip()]
    return max(pieces, key=len) if pieces else None


def _source(item: tuple[int, Section | None, Paragraph | None]) -> Source | None:
    _, sec, p = item
    return p.source if p is not None else sec.source if sec is not None else None


def narrative_target(d: Disclosure, f: Finding) -> tuple[int, str | None] | None:
    """Where a narrative finding points (index in :func:`_paragraphs` order, and the quoted
    words when found there): the paragraph holding its quote, else the heading of its
    section, else the paragraph at its line, else the first on its page."""
    loc = f.location
    if loc.table is not None:
        return None
    items = _paragraphs(d)
    sentence = _sentence(f)
    if sentence:
        for i, (_, _, p) in enumerate(items):
            if p is not None and sentence in p.text:
                return i, sentence
    if loc.section:
        last = loc.section.split(" / ")[-1].strip()
        for i, (_, sec, _) in enumerate(items):
            if sec is not None and last and norm(sec.title) == norm(last):
                return i, None
    if loc.line is not None:
        best = None
        for i, item in enumerate(items):
            src = _source(item)
            if src is not None and src.line is not None and src.line <= loc.line:
                best = i
        if best is not None:
            return best, None
    if loc.page is not None:
        for i, item in enumerate(items):
            src = _source(item)
            if src is not None and src.page == loc.page and loc.file in (None, src.file):
                return i, None
    return None


def narrative_anchor(d: Disclosure, f: Finding) -> str | None:
    found = narrative_target(d, f)
    return None if found is None else f"n-{found[0]}"


_CLAUSE_END = lazy(r"[。；;！？!?\n]")


def evidence_target(d: Disclosure, evidence: str) -> tuple[int, str] | None:
    """Where the 情况说明 says ``evidence`` (the clauses :mod:`yusuan.store.explain` quotes for
    a change, joined by 。): the paragraph (index in :func:`_paragraphs` order) and its text from
    the first clause to the end of the last, or None when no paragraph holds the first."""
    clauses = [c.strip() for c in _CLAUSE_END.split(evidence) if c.strip()]
    if not clauses:
        return None
    for i, (_, _, p) in enumerate(_paragraphs(d)):
        if p is None or clauses[0] not in p.text:
            continue
        start = p.text.index(clauses[0])
        end = start + len(clauses[0])
        for clause in clauses[1:]:
            at = p.text.find(clause, end)
            if at < 0:
                break
            end = at + len(clause)
        return i, p.text[start:end]
    return None


def narrative_blocks(
    d: Disclosure, focus: Finding | None = None, said: tuple[int, str] | None = None
) -> list[Block]:
    """The 情况说明 as headings and paragraphs; the paragraph ``focus`` points at has its
    sentence marked (or, without a finding, the words ``said`` locates: a change's reason)."""
    found = narrative_target(d, focus) if focus is not None else said
    target, sentence = found if found is not None else (None, None)
    out = []
    for i, (level, sec, p) in enumerate(_paragraphs(d)):
        if sec is not None:
            title = " ".join(x for x in (sec.number, sec.title) if x)
            out.append(Block(f"n-{i}", True, level, title, "", "", sec.source.page,
                             sec.source.line))  # fmt: skip
            continue
        assert p is not None
        text = p.text
        before, mark, after = text, "", ""
        if i == target and sentence and sentence in text:
            at = text.index(sentence)
            before, mark, after = text[:at], sentence, text[at + len(sentence) :]
        out.append(Block(f"n-{i}", False, level, before, mark, after, p.source.page,
                         p.source.line))  # fmt: skip
    return out


def render_page(
    pdf: bytes,
    number: int,
    scale: float = 1.5,
    box: tuple[float, float, float, float] | None = None,
) -> bytes | None:
    """Page ``number`` (1-based) as PNG bytes, or None when there is no such page; ``box``
    (x0, top, x1, bottom in PDF points, as the reader records cells) is outlined in red."""
    import pypdfium2 as pdfium  # only when a page is asked for: it is a large library

    doc = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= number <= len(doc):
            return None
        image = doc[number - 1].render(scale=scale).to_pil()
        if box is not None:
            from PIL import ImageDraw

            x0, y0, x1, y1 = (v * scale for v in box)
            pad = 3 * scale
            ImageDraw.Draw(image).rectangle(
                (x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=(212, 0, 0), width=4
            )
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
    finally:
        doc.close()
