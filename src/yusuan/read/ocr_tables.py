"""A scanned page's tables without vertical rulings, added to its rulings.

The page's ruled tables are found first (:func:`yusuan.read.pdf_grid.find_grids` on the
rulings found in the image); the regions outside them go to
:func:`yusuan.read.ocr_unruled.rebuild`.  Each table rebuilt adds its lattice to the
page's edges, in place of the printed horizontal rules it took over (a 三线表's three
rules, rules between rows), and its regions' boxes are narrowed into their cells.  A
run of lines refused stays text, and the page gets a diagnostic
(:data:`UNRULED_REFUSED`) saying where.

A table continued on the next page (续表) must be cut into the same columns for the
continuation logic (:mod:`yusuan.read.pdf_stitch`) to join it: :func:`join` cuts the
last table of a page and the first of the next at common bounds, each in the part of
the gutter both pages leave free, and the previous page is drawn again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.read.ocr_lattice import Box, Rebuilt, lattice
from yusuan.read.ocr_unruled import Refused, rebuild
from yusuan.read.pdf_chars import Char
from yusuan.read.pdf_grid import find_grids
from yusuan.read.pdf_page import PageContent
from yusuan.read.pdf_rulings import Edge

#: The diagnostic kind of a table whose columns could not be decided.
UNRULED_REFUSED = "ocr-table"
#: The shortest printed horizontal rule that may bound or cut an unruled table (points).
MIN_RULE = 60.0


@dataclass(slots=True)
class PageTables:
    """A page's regions and rulings with the unruled tables found among them."""

    number: int
    texts: list[str]
    boxes: list[Box]
    edges: list[Edge]
    free: list[int]  # the regions outside ruled tables, as numbered for rebuild
    hs: list[int]  # the edges that are horizontal rules, as numbered for rebuild
    found: list[Rebuilt] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    def result(self) -> tuple[list[Edge], list[Box], list[str]]:
        """The page's edges with the tables' lattices, the regions' boxes (narrowed
        into their cells), and the diagnostics of the tables refused."""
        n = self.number
        boxes = list(self.boxes)
        drop: set[int] = set()
        added: list[Edge] = []
        for t in self.found:
            drop.update(self.hs[k] for k in t.rules)
            drop.update(
                self.hs[k]
                for k, (_, _, y) in enumerate(t.plan.rules)
                if t.top - 1 <= y <= t.bottom + 1
            )
            added.extend(t.edges)
            for j, box in t.boxes.items():
                boxes[self.free[j]] = box
        notes = [
            f"{UNRULED_REFUSED} page {n}: 第{n}页约 {r.top:.0f} pt 处的无框线表格无法确定各列"
            f"（{r.reason.split(' / ')[0]}），按文字行读出 / page {n}: the unruled table at "
            f"about {r.top:.0f} pt could not be split into columns "
            f"({r.reason.split(' / ')[-1]}); read as lines of text"
            for r in self.refused
        ]
        kept = [e for k, e in enumerate(self.edges) if k not in drop]
        return kept + added, boxes, notes


def find_tables(number: int, texts: list[str], boxes: list[Box], edges: list[Edge]) -> PageTables:
    """The unruled tables of page ``number`` (regions in points, rulings found)."""
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
    return PageTables(number, texts, boxes, edges, free, hs, found, refused)


def unruled_tables(
    number: int, texts: list[str], boxes: list[Box], edges: list[Edge]
) -> tuple[list[Edge], list[Box], list[str]]:
    """:meth:`PageTables.result` of :func:`find_tables`: one page on its own."""
    return find_tables(number, texts, boxes, edges).result()


def join(before: PageTables, after: PageTables) -> bool:
    """Cut the last table of ``before`` and the first of ``after`` at common column
    bounds when they have as many columns and their gutters overlap; True if done."""
    if not before.found or not after.found:
        return False
    a = max(before.found, key=lambda t: t.top)
    b = min(after.found, key=lambda t: t.top)
    if a.columns != b.columns or a.xs == b.xs:
        return False
    # regions touching across a tight gutter may overlap a bound by a hair (their boxes
    # are narrowed into their cells)
    slack = 0.15 * min(a.plan.height, b.plan.height)
    inner: list[float] = []
    for (lo1, hi1), (lo2, hi2) in zip(a.plan.gutters, b.plan.gutters, strict=True):
        lo, hi = max(lo1, lo2), min(hi1, hi2)
        if lo >= hi + slack:
            return False
        inner.append((lo + hi) / 2)
    xs = [min(a.xs[0], b.xs[0]), *inner, max(a.xs[-1], b.xs[-1])]
    before.found[before.found.index(a)] = lattice(xs, a.plan)
    after.found[after.found.index(b)] = lattice(xs, b.plan)
    return True


@dataclass(slots=True)
class Carry:
    """The previous page's tables and content, for :func:`join` (a 续表)."""

    tables: PageTables | None = None
    content: PageContent | None = None
    #: the previous page's own text-layer characters (kept when its content is laid again)
    layer: tuple[Char, ...] = ()
