"""View helpers: tables laid out as printed, finding → cell anchors, chart data, and the pages of
an uploaded PDF as images (pypdfium2 renders, Pillow encodes PNG)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.model import Disclosure, HeaderNode, Table, TableId
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


def body_rows(table: Table, table_no: int) -> list[list[BodyCell]]:
    """One printed row per row index; two-sided tables put both sides back together."""
    width = len(table.columns)
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
            if col.role == "seq":
                text = row.seq or ""
            elif col.role == "code":
                text = (row.code or "") if col.index == first_code else ""
            elif col.role == "item" and (col.section == row.section or col.section is None):
                text = row.label
            elif (cell := row.cells.get(col.index)) is not None:
                text = cell.text
            if text or not cells[col.index].text:
                cells[col.index] = BodyCell(
                    text, cells[col.index].anchor, col.role in ("amount", "count")
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


def _float(v: Decimal | None) -> float:
    """Chart data only: ECharts takes JavaScript numbers. Never used for checking."""
    return float(v) if v is not None else 0.0


def _slices(table: Table, *keys: str) -> list[dict[str, Any]] | None:
    """The columns ``keys`` of a table's total row (the row of no depth) as pie slices;
    None when the table lacks the row or one of the columns."""
    head = next((r for r in table.rows if r.depth is None), None)
    columns = [next((c for c in table.columns if c.key == k), None) for k in keys]
    if head is None:
        return None
    slices = []
    for key, col in zip(keys, columns, strict=True):
        if col is None:
            return None
        slices.append({"name": key, "value": _float(table.to_wan(head.value(col.index)))})
    return slices


def charts(d: Disclosure) -> dict[str, Any]:
    """ECharts options for the document page (values in 万元)."""
    out: dict[str, Any] = {}
    spend = d.table(TableId.EXPENDITURE) or d.table(TableId.GPB_EXPENDITURE)
    if spend is not None:
        total = next((c for c in spend.columns if c.role == "amount" and c.key == "合计"), None)
        if total is not None:
            nodes: dict[str, dict[str, Any]] = {}
            roots: list[dict[str, Any]] = []
            for row in spend.rows:
                if not row.code or not row.code.isdigit():
                    continue
                value = spend.to_wan(row.value(total.index))
                node = {"name": f"{row.code} {row.item}", "value": _float(value), "children": []}
                nodes[row.code] = node
                parent = nodes.get(row.code[:-2]) if len(row.code) > 3 else None
                (parent["children"] if parent else roots).append(node)
            if roots:
                out["treemap"] = roots
        if (slices := _slices(spend, "基本支出", "项目支出")) is not None:
            out["basic_project"] = slices
    basic = d.table(TableId.GPB_BASIC)
    if basic is not None and (slices := _slices(basic, "人员经费", "公用经费")) is not None:
        out["people_public"] = slices
    three = d.table(TableId.THREE_PUBLIC)
    if three is not None:
        total = next((c for c in three.columns if c.role == "amount"), None)
        if total is not None:
            items = [r for r in three.rows if r.depth == 0]
            out["three_public"] = {
                "items": [r.item for r in items],
                "values": [_float(three.to_wan(r.value(total.index))) for r in items],
            }
    return out


def render_page(pdf: bytes, number: int, scale: float = 1.5) -> bytes | None:
    """Page ``number`` (1-based) as PNG bytes, or None when there is no such page."""
    import pypdfium2 as pdfium  # only when a page is asked for: it is a large library

    doc = pdfium.PdfDocument(pdf)
    try:
        if not 1 <= number <= len(doc):
            return None
        image = doc[number - 1].render(scale=scale).to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
    finally:
        doc.close()
