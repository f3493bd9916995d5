"""Ruled tables: from ruling edges to a grid of (merged) cells.

1. Edges closer than :attr:`Settings.snap` are merged into rulings.
2. Rulings that cross or touch form connected groups; a group with at least two
   horizontal and two vertical rulings is a table.
3. The distinct x of its vertical rulings and y of its horizontal rulings cut the
   table into a lattice; two neighbouring lattice cells with no ruling between
   them belong to one merged cell, which gets its ``rowspan``/``colspan``.
4. Each character goes to the cell that holds its centre; a cell's lines are
   joined into one text (a wrapped cell reads as one string).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from yusuan.read.pdf_chars import XMID, YMID, Char
from yusuan.read.pdf_lines import DEFAULT, Settings, group_lines, join_lines
from yusuan.read.pdf_rulings import Edge


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]
    chars: list[Char] = field(default_factory=list)
    text: str = ""


@dataclass(slots=True)
class Grid:
    """One ruled table on a page: lattice lines and the merged cells, row by row."""

    xs: list[float]
    ys: list[float]
    rows: list[list[GridCell]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def contains(self, c: Char, margin: float = 0.0) -> bool:
        x0, y0, x1, y1 = self.bbox
        return x0 - margin <= c[XMID] <= x1 + margin and y0 - margin <= c[YMID] <= y1 + margin

    def inside(self, chars: list[Char]) -> list[Char]:
        """The characters whose centre lies in the table (:meth:`contains`, for many)."""
        x0, y0, x1, y1 = self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]
        return [c for c in chars if x0 <= c[XMID] <= x1 and y0 <= c[YMID] <= y1]


def outside(grids: list[Grid], chars: list[Char]) -> list[Char]:
    """The characters whose centre lies in none of ``grids``."""
    for g in grids:
        x0, y0, x1, y1 = g.xs[0], g.ys[0], g.xs[-1], g.ys[-1]
        chars = [c for c in chars if not (x0 <= c[XMID] <= x1 and y0 <= c[YMID] <= y1)]
    return chars


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def merge_edges(edges: list[Edge], tol: float) -> list[Edge]:
    """Edges on one line (within ``tol``) that overlap or touch become one ruling."""
    out: list[Edge] = []
    for orient in ("h", "v"):
        same = [e for e in edges if e.orient == orient]

        def pos(e: Edge, orient: str = orient) -> float:
            return e.top if orient == "h" else e.x0

        same.sort(key=pos)
        groups: list[list[Edge]] = []
        for e in same:
            if groups and pos(e) - pos(groups[-1][-1]) <= tol:
                groups[-1].append(e)
            else:
                groups.append([e])
        for g in groups:
            at = sum(pos(e) for e in g) / len(g)
            spans = sorted((e.x0, e.x1) if orient == "h" else (e.top, e.bottom) for e in g)
            lo, hi = spans[0]
            for a, b in spans[1:]:
                if a <= hi + tol:
                    hi = max(hi, b)
                    continue
                out.append(
                    Edge("h", lo, at, hi, at) if orient == "h" else Edge("v", at, lo, at, hi)
                )
                lo, hi = a, b
            out.append(Edge("h", lo, at, hi, at) if orient == "h" else Edge("v", at, lo, at, hi))
    return out


def _groups(edges: list[Edge], tol: float) -> list[list[Edge]]:
    """Connected groups of crossing or touching rulings."""
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, e in enumerate(edges) if e.orient == "h"]
    vs = [i for i, e in enumerate(edges) if e.orient == "v"]
    for i in hs:
        h = edges[i]
        for j in vs:
            v = edges[j]
            if (
                h.x0 - tol <= v.x0 <= h.x1 + tol
                and v.top - tol <= h.top <= v.bottom + tol
                and find(i) != find(j)
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[Edge]] = {}
    for i, e in enumerate(edges):
        groups.setdefault(find(i), []).append(e)
    return list(groups.values())


def _covered(rulings: list[Edge], at: float, lo: float, hi: float, tol: float) -> bool:
    """True when a ruling at ``at`` covers most of ``lo``..``hi``."""
    need = 0.5 * (hi - lo)
    for e in rulings:
        a, b, p = (e.x0, e.x1, e.top) if e.orient == "h" else (e.top, e.bottom, e.x0)
        if abs(p - at) <= tol and min(b, hi) - max(a, lo) >= need:
            return True
    return False


def _near(rulings: list[Edge], lines: list[float], tol: float) -> list[list[Edge]]:
    """For each lattice line, the rulings within ``tol`` of it (in order): the only ones
    :func:`_covered` can accept there."""
    at = [(e.top if e.orient == "h" else e.x0, e) for e in rulings]
    return [[e for p, e in at if abs(p - x) <= tol] for x in lines]


def _lattice(group: list[Edge], tol: float) -> Grid | None:
    hs = [e for e in group if e.orient == "h"]
    vs = [e for e in group if e.orient == "v"]
    if len(hs) < 2 or len(vs) < 2:
        return None
    xs = _cluster([e.x0 for e in vs] + [min(e.x0 for e in hs), max(e.x1 for e in hs)], tol)
    ys = _cluster([e.top for e in hs] + [min(e.top for e in vs), max(e.bottom for e in vs)], tol)
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1:
        return None
    near_v, near_h = _near(vs, xs, tol), _near(hs, ys, tol)
    owner = [[-1] * nc for _ in range(nr)]
    cells: list[GridCell] = []
    for r in range(nr):
        for c in range(nc):
            if owner[r][c] >= 0:
                continue
            # grow right while no vertical ruling separates, then down while no
            # horizontal ruling separates the whole width
            c1 = c
            while c1 + 1 < nc and not _covered(near_v[c1 + 1], xs[c1 + 1], ys[r], ys[r + 1], tol):
                c1 += 1
            r1 = r
            while r1 + 1 < nr and not any(
                _covered(near_h[r1 + 1], ys[r1 + 1], xs[k], xs[k + 1], tol)
                for k in range(c, c1 + 1)
            ):
                if any(owner[r1 + 1][k] >= 0 for k in range(c, c1 + 1)):
                    break
                r1 += 1
            for rr in range(r, r1 + 1):
                for cc in range(c, c1 + 1):
                    owner[rr][cc] = len(cells)
            cells.append(
                GridCell(r, c, r1 - r + 1, c1 - c + 1, (xs[c], ys[r], xs[c1 + 1], ys[r1 + 1]))
            )
    cells = _merge_misaligned(cells, xs)
    rows: list[list[GridCell]] = [[] for _ in range(nr)]
    for cell in cells:
        rows[cell.row].append(cell)
    return Grid(xs, ys, rows)


def _merge_misaligned(cells: list[GridCell], xs: list[float]) -> list[GridCell]:
    """Join two column dividers that no row uses together (a header divider drawn a
    little apart from the body's: 代码 | 名称 over 204 | 公共安全支出)."""
    while True:
        breaks: dict[int, set[int]] = {}  # lattice x index → rows with a cell edge there
        for c in cells:
            for r in range(c.row, c.row + c.rowspan):
                breaks.setdefault(c.col, set()).add(r)
                breaks.setdefault(c.col + c.colspan, set()).add(r)
        width = xs[-1] - xs[0]
        j = next(
            (
                k
                for k in range(1, len(xs) - 2)
                if breaks.get(k)
                and breaks.get(k + 1)
                and not breaks[k] & breaks[k + 1]
                and xs[k + 1] - xs[k] < 0.12 * width
            ),
            None,
        )
        if j is None:
            return cells
        # lattice column j (between dividers j and j+1) disappears
        out = []
        for c in cells:
            c0, c1 = c.col, c.col + c.colspan - 1
            n0 = c0 if c0 <= j else c0 - 1
            n1 = c1 - 1 if c1 >= j else c1
            if n1 < n0:
                continue
            c.col, c.colspan = n0, n1 - n0 + 1
            out.append(c)
        del xs[j + 1]
        cells = out


def find_grids(edges: list[Edge], settings: Settings = DEFAULT) -> list[Grid]:
    """The ruled tables drawn by ``edges``, top to bottom."""
    tol = settings.snap
    rulings = merge_edges(edges, tol)
    grids = []
    for group in _groups(rulings, tol):
        grid = _lattice(group, tol)
        if grid is not None and len(grid.ys) - 1 >= 1 and len(grid.xs) - 1 >= 1:
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def fill(grid: Grid, chars: list[Char], settings: Settings = DEFAULT) -> None:
    """Put each character in the cell holding its centre and set the cells' text."""
    xs, ys = grid.xs, grid.ys
    last_c, last_r = len(xs) - 2, len(ys) - 2
    # the cell covering each lattice position, and each row's cells in the order they
    # were placed (the order the drawn-box fallback below tries them in)
    owner: list[list[GridCell | None]] = [[None] * (last_c + 1) for _ in range(last_r + 1)]
    placed: list[list[GridCell]] = [[] for _ in range(last_r + 1)]
    for row in grid.rows:
        for cell in row:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    owner[r][c] = cell
                    placed[r].append(cell)
    for ch in chars:
        x, y = ch[XMID], ch[YMID]
        c = bisect_right(xs, x) - 1
        c = 0 if c < 0 else last_c if c > last_c else c
        r = bisect_right(ys, y) - 1
        r = 0 if r < 0 else last_r if r > last_r else r
        found = owner[r][c]
        assert found is not None  # the cells cover the lattice
        if not found.bbox[0] <= x <= found.bbox[2]:  # dividers joined: go by the drawn box
            found = next((v for v in placed[r] if v.bbox[0] <= x <= v.bbox[2]), found)
        found.chars.append(ch)
    for row in grid.rows:
        for cell in row:
            if cell.chars:
                cell.text = join_lines([ln.text for ln in group_lines(cell.chars, settings)])


def is_table(grid: Grid, settings: Settings = DEFAULT) -> bool:
    """A lattice with enough rows and columns holding text (not a page frame or a box)."""
    filled_rows = sum(1 for row in grid.rows if any(c.text for c in row))
    width = max((sum(c.colspan for c in row if c.text) for row in grid.rows), default=0)
    cols = max(len([c for c in row if c.text]) for row in grid.rows) if grid.rows else 0
    return filled_rows >= settings.min_rows and cols >= settings.min_cols and width >= 2
