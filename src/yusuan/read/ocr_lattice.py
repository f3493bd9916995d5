"""An unruled table's rows, columns and merged cells drawn as ruling edges.

:mod:`yusuan.read.ocr_unruled` decides the columns (bounds ``xs``), the header labels'
cells and the body lines; this module cuts the rows (midway between lines, or at a
printed rule lying between them) and draws every cell border that no merged cell
crosses, as :class:`~yusuan.read.pdf_rulings.Edge` segments.  :mod:`yusuan.read.pdf_grid`
then builds the grid, merged cells included, exactly as from a ruled table's drawing.

Each region's box is narrowed into its cell's columns, so a header label wider than
its column, or a 合计 centred over 编码 and 名称, is filled into one cell whole.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from yusuan.read.pdf_rulings import Edge

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (points)


@dataclass(slots=True)
class Line:
    """Regions on one line (indexes, left to right) and the line's extent."""

    members: list[int]
    top: float
    bottom: float
    mid: float
    numbers: int = 0


@dataclass(slots=True)
class Label:
    """A header label's cell: the region, its row (from the header's top) and columns."""

    index: int
    row: int
    rowspan: int
    first: int
    last: int


@dataclass(slots=True)
class Plan:
    """What a table's lattice is drawn from, but its column bounds."""

    body: list[Line]
    labels: list[Label]
    bridges: set[int]
    boxes: list[Box]
    rules: list[tuple[float, float, float]]
    height: float
    gutters: list[tuple[float, float]]  # where each inner column bound may stand


@dataclass(slots=True)
class Rebuilt:
    """One table found: its lattice as ruling edges, and each region's box put in its cell."""

    edges: list[Edge]
    boxes: dict[int, Box]
    rules: list[int]  # indexes of the printed rules the lattice took over
    top: float
    bottom: float
    columns: int
    rows: int
    xs: list[float]  # the column bounds
    plan: Plan


def _cut(
    upper: float, lower: float, rules: list[tuple[float, float, float]], used: list[int]
) -> float:
    """Where two rows part: a printed rule between them, else midway."""
    hits = [k for k, (_, _, y) in enumerate(rules) if upper - 1 < y < lower + 1]
    if hits:
        used.extend(hits)
        return sum(rules[k][2] for k in hits) / len(hits)
    return (upper + lower) / 2


def _outer(
    at: float, towards: float, rules: list[tuple[float, float, float]], used: list[int]
) -> float:
    """The table's top (``towards`` < ``at``) or foot: the nearest printed rule within
    reach, else just outside the text."""
    lo, hi = min(at, towards), max(at, towards)
    hits = [k for k, (_, _, y) in enumerate(rules) if lo <= y <= hi]
    if hits:
        k = min(hits, key=lambda k: abs(rules[k][2] - at))
        used.append(k)
        return rules[k][2]
    return at + (towards - at) * 0.15


def lattice(xs: list[float], plan: Plan) -> Rebuilt:
    """The table's lattice as edges, cut at column bounds ``xs``, the regions' boxes
    narrowed into their cells."""
    body, labels, bridges = plan.body, plan.labels, plan.bridges
    boxes, rules, height = plan.boxes, plan.rules, plan.height
    n = len(xs) - 1
    rows_of_head = sorted(
        {lab.row for lab in labels} | {lab.row + lab.rowspan - 1 for lab in labels}
    )
    nh = (max(rows_of_head) + 1) if labels else 0
    # each header row's extent: the labels starting in it that span one row
    spans: list[tuple[float, float]] = []
    for r in range(nh):
        own = [boxes[lab.index] for lab in labels if lab.row == r and lab.rowspan == 1]
        own = own or [boxes[lab.index] for lab in labels if lab.row == r]
        if own:
            spans.append((min(b[1] for b in own), max(b[3] for b in own)))
        else:
            spans.append(spans[-1] if spans else (body[0].top, body[0].top))
    spans += [(ln.top, ln.bottom) for ln in body]
    used: list[int] = []
    pitch = 2.5 * height
    ys = [_outer(spans[0][0], spans[0][0] - pitch, rules, used)]
    for (_, b), (t, _) in itertools.pairwise(spans):
        ys.append(_cut(b, t, rules, used))
    ys.append(_outer(spans[-1][1], spans[-1][1] + pitch, rules, used))
    # cells: (row, rowspan, first, last), and the box each region is narrowed into
    cells: list[tuple[int, int, int, int]] = []
    narrowed: dict[int, Box] = {}

    def put(i: int, row: int, rowspan: int, first: int, last: int) -> None:
        cells.append((row, rowspan, first, last))
        x0, top, x1, bottom = boxes[i]
        lo, hi = xs[first] + 0.5, xs[last + 1] - 0.5
        narrowed[i] = (min(max(x0, lo), hi - 1), top, max(min(x1, hi), lo + 1), bottom)

    for lab in labels:
        put(lab.index, lab.row, lab.rowspan, lab.first, lab.last)
    for k, ln in enumerate(body):
        for i in ln.members:
            x0, _, x1, _ = boxes[i]
            if i in bridges:
                over = [c for c in range(n) if min(x1, xs[c + 1]) - max(x0, xs[c]) > 0]
                put(i, nh + k, 1, over[0], over[-1])
            else:
                c = max(0, min(n - 1, sum(1 for b in xs[1:-1] if b <= (x0 + x1) / 2)))
                put(i, nh + k, 1, c, c)
    edges: list[Edge] = []
    nr = len(ys) - 1
    for r in range(nr):
        for k in range(n + 1):
            if not any(c[0] <= r < c[0] + c[1] and c[2] < k <= c[3] for c in cells):
                edges.append(Edge("v", xs[k], ys[r], xs[k], ys[r + 1]))
    for r in range(nr + 1):
        for c in range(n):
            if not any(x[2] <= c <= x[3] and x[0] < r < x[0] + x[1] for x in cells):
                edges.append(Edge("h", xs[c], ys[r], xs[c + 1], ys[r]))
    return Rebuilt(edges, narrowed, sorted(set(used)), ys[0], ys[-1], n, nr, xs, plan)
