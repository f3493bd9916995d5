"""A scanned page's tables without vertical rulings, added to its rulings.

The page's ruled tables are found first (:func:`yusuan.read.pdf_grid.find_grids` on the
rulings found in the image); the regions outside them go to
:func:`yusuan.read.ocr_unruled.rebuild`.  Each table rebuilt adds its lattice to the
page's edges, in place of the printed horizontal rules it took over (a 三线表's three
rules, rules between rows), and its regions' boxes are narrowed into their cells.  A
run of lines refused stays text, and the page gets a diagnostic
(:data:`UNRULED_REFUSED`) saying where.
"""

from __future__ import annotations

from yusuan.read.ocr_lattice import Box
from yusuan.read.ocr_unruled import rebuild
from yusuan.read.pdf_grid import find_grids
from yusuan.read.pdf_rulings import Edge

#: The diagnostic kind of a table whose columns could not be decided.
UNRULED_REFUSED = "ocr-table"
#: The shortest printed horizontal rule that may bound or cut an unruled table (points).
MIN_RULE = 60.0


def unruled_tables(
    number: int, texts: list[str], boxes: list[Box], edges: list[Edge]
) -> tuple[list[Edge], list[Box], list[str]]:
    """The page's edges with the unruled tables' lattices, the regions' boxes (narrowed
    into their cells), and the diagnostics of the tables refused."""
    grids = [g.bbox for g in find_grids(edges)]

    def ruled(b: Box) -> bool:
        x, y = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in grids)

    free = [i for i, b in enumerate(boxes) if not ruled(b) and texts[i].strip()]
    hs = [
        k
        for k, e in enumerate(edges)
        if e.orient == "h" and e.x1 - e.x0 >= MIN_RULE and not ruled((e.x0, e.top, e.x1, e.top))
    ]
    rules = [(edges[k].x0, edges[k].x1, edges[k].top) for k in hs]
    found, refused = rebuild([(boxes[i], texts[i]) for i in free], rules)
    out_boxes = list(boxes)
    drop: set[int] = set()
    added: list[Edge] = []
    for t in found:
        drop.update(hs[k] for k in t.rules)
        drop.update(hs[k] for k, (_, _, y) in enumerate(rules) if t.top - 1 <= y <= t.bottom + 1)
        added.extend(t.edges)
        for j, box in t.boxes.items():
            out_boxes[free[j]] = box
    notes = [
        f"{UNRULED_REFUSED} page {number}: 第{number}页约 {r.top:.0f} pt 处的无框线表格无法确定各列"
        f"（{r.reason.split(' / ')[0]}），按文字行读出 / page {number}: the unruled table at "
        f"about {r.top:.0f} pt could not be split into columns ({r.reason.split(' / ')[-1]}); "
        "read as lines of text"
        for r in refused
    ]
    kept = [e for k, e in enumerate(edges) if k not in drop]
    return kept + added, out_boxes, notes
