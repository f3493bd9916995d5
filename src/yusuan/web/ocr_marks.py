"""The OCR marks of the web: every cell read by OCR, found by its document-page anchor, with its
box on the page image; and the report's 待人工核对 rows linked to the same.

A cell of the document page (:func:`yusuan.web.views.body_rows`) read by OCR links to
``/doc/ID?cell=c-T-R-C``: the page then opens on the page image with that cell's box drawn
(the page-image route draws it, as for a finding's cell). The report's worksheet entries
(:attr:`yusuan.check.Report.to_check`) carry each cell's page and box; they are matched back
to the cell's anchor here, so they link to the same view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yusuan.check import Report
from yusuan.model import Disclosure, Source
from yusuan.rules.base import Location
from yusuan.rules.to_check import CellToCheck, ToCheck

#: The label of an OCR-read cell (its tooltip, and the page's note on the mark).
OCR_LABEL = "OCR 识别，请核对原件"


@dataclass(frozen=True)
class OcrCell:
    """A cell read by OCR: its anchor on the document page, where it is printed (page,
    file, ``box`` as ``x0,top,x1,bottom`` in PDF points), its text, and a description."""

    anchor: str
    page: int
    file: str | None
    box: str
    text: str
    where: str

    def image(self) -> dict[str, Any]:
        """The page image to show, as the document page takes a finding's box."""
        return {"page": self.page, "file": self.file, "box": self.box}


def _box(src: Source) -> str | None:
    if src.bbox is None or src.page is None:
        return None
    return ",".join(f"{v:g}" for v in src.bbox)


def ocr_cells(d: Disclosure) -> dict[str, OcrCell]:
    """Every cell the document page shows that OCR read and that has a box, by its anchor
    (``c-{table}-{row}-{column}``, as :func:`yusuan.web.views.body_rows` names them). A label
    (sequence, code or item) takes its row's box: the region its row was read from."""
    out: dict[str, OcrCell] = {}
    for n, table in enumerate(d.tables):
        if not table.source.ocr:
            continue
        for row in table.rows:
            for col in table.columns:
                if row.section is not None and col.section not in (row.section, None):
                    continue
                cell = row.cells.get(col.index)
                if col.role in ("seq", "code", "item"):
                    labels = {"seq": row.seq, "code": row.code, "item": row.label}
                    src, text = row.source, labels[col.role] or ""
                elif cell is not None:
                    src, text = cell.source, cell.text
                else:
                    continue
                box = _box(src)
                if not src.ocr or box is None or not text or src.page is None:
                    continue
                where = Location(
                    table_title=table.title,
                    row_code=row.code,
                    row_item=row.item or row.label,
                    column=col.key,
                ).describe()
                anchor = f"c-{n}-{row.index}-{col.index}"
                out.setdefault(anchor, OcrCell(anchor, src.page, src.file, box, text, where))
    return out


def worksheet(
    report: Report, cells: dict[str, OcrCell]
) -> list[tuple[ToCheck, list[tuple[CellToCheck, OcrCell | None]]]]:
    """The report's 待人工核对 rows, each cell with the document-page cell it is (same page,
    file and box), so the report links it to the page image."""
    by_place = {(c.page, c.file, c.box): c for c in cells.values()}
    out = []
    for e in report.to_check:
        linked = []
        for c in e.cells:
            box = ",".join(f"{v:g}" for v in c.bbox) if c.bbox else None
            linked.append((c, by_place.get((c.page or 0, c.file, box or ""))))
        out.append((e, linked))
    return out
