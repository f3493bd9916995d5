"""Tables printed without vertical rulings, rebuilt from OCR region boxes.

A scanned table with no lines at all, a 三线表 (a rule above the header, one under it,
one at the foot) or rules between the rows only has no lattice for
:mod:`yusuan.read.pdf_grid` to find.  :func:`rebuild` finds one from the text regions
alone (boxes in points), in the order a reader does:

1. **Lines**: regions whose vertical centres lie within half a text height form one
   line (a label centred over two header rows forms a line of its own, between them).
2. **Body**: the longest runs of lines of two or more regions, at least one reading as
   a number, with no gap of more than :data:`MAX_GAP` text heights between them.
3. **Columns**: the body regions' horizontal extents, joined where they overlap; a
   region overlapping two regions of another line (a 合计 centred over 编码 and 名称)
   is left out of the joining and spans the columns it covers in its own row; a header
   label over no body region gives a column printed all blank.  Each
   column holding numbers must be aligned, by right edges or by centres, and no number
   may span two columns — otherwise the table is **refused**.
4. **Header**: the lines above the body up to the rule above the header, or (no
   rule) up to the line holding a label over the first column (and the line above it
   when that label sits midway between two header rows).  A label is put in the
   column that holds its centre; a label with labels under it spans the run of
   columns they are in; a label with nothing under it spans down to the body.
5. **Rows**: cut midway between lines, or at a printed rule between them; rows spaced
   unevenly (a cell wrapped onto a second line) are refused.

The result is a lattice given as ruling edges (:class:`Rebuilt`), so the grid, 续表
and recognition code read it exactly as a ruled table: each region stays in the cell
whose column holds it, so a blank cell stays a hole in its column.  Where columns
cannot be decided with confidence the table is refused (its lines stay text) and
:class:`Refused` says where.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from statistics import median

from yusuan.read.ocr_lattice import Box, Label, Line, Plan, Rebuilt, lattice
from yusuan.read.ocr_numbers import is_numberish, normalize

#: The most a body's lines may be apart (in text heights) and still be one table.
MAX_GAP = 2.6
#: The most a column's numbers may stray from a common right edge or centre (text heights).
ALIGN = 0.6
#: The most header lines a table may have.
MAX_HEAD = 4


@dataclass(slots=True)
class Refused:
    """A run of lines that looks like a table but whose columns could not be decided."""

    top: float
    reason: str


@dataclass(slots=True)
class _Col:
    x0: float
    x1: float
    members: list[int] = field(default_factory=list)


def _is_number(text: str) -> bool:
    return is_numberish(normalize(text))


def _lines(boxes: list[Box], height: float) -> list[Line]:
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][1] + boxes[i][3]) / 2)
    out: list[Line] = []
    for i in order:
        mid = (boxes[i][1] + boxes[i][3]) / 2
        if out and mid - out[-1].mid <= 0.5 * height:
            ln = out[-1]
            ln.members.append(i)
            ln.mid = sum((boxes[k][1] + boxes[k][3]) / 2 for k in ln.members) / len(ln.members)
        else:
            out.append(Line([i], 0, 0, mid))
    for ln in out:
        ln.members.sort(key=lambda k: boxes[k][0])
        ln.top = min(boxes[k][1] for k in ln.members)
        ln.bottom = max(boxes[k][3] for k in ln.members)
    return out


def _bodies(lines: list[Line], boxes: list[Box], height: float) -> list[tuple[int, int]]:
    """Runs (first, last line index) of table-like lines: two or more regions, one a
    number; between two such lines, one line of a single label at the run's left edge
    (a row printing a name and no amount) may stand."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for k, ln in enumerate(lines):
        if start >= 0 and ln.mid - lines[k - 1].mid > MAX_GAP * height:
            runs.append((start, end))
            start = -1
        if len(ln.members) >= 2 and ln.numbers >= 1:
            start = k if start < 0 else start
            end = k
        elif start >= 0:
            left = min(boxes[lines[j].members[0]][0] for j in range(start, end + 1))
            lone = len(ln.members) == 1 and not ln.numbers
            if not lone or k - end > 1 or boxes[ln.members[0]][0] > left + 3 * height:
                runs.append((start, end))
                start = -1
    if start >= 0:
        runs.append((start, end))
    return [(a, b) for a, b in runs if b > a]


def _columns(
    boxes: list[Box], texts: list[str], lines: list[Line], gap: float
) -> tuple[list[_Col], set[int]]:
    """Columns from the body regions' extents, and the bridging regions left out."""
    bridges: set[int] = set()
    for ln in lines:
        for i in ln.members:
            x0, _, x1, _ = boxes[i]
            for other in lines:
                if other is ln:
                    continue
                hit = [k for k in other.members if boxes[k][0] < x1 and boxes[k][2] > x0]
                if len(hit) >= 2:
                    bridges.add(i)
                    break
    spans = sorted(
        (boxes[i][0], boxes[i][2], i) for ln in lines for i in ln.members if i not in bridges
    )
    cols: list[_Col] = []
    for x0, x1, i in spans:
        if cols and x0 < cols[-1].x1 + gap:
            cols[-1].x1 = max(cols[-1].x1, x1)
            cols[-1].members.append(i)
        else:
            cols.append(_Col(x0, x1, [i]))
    return _join_text(cols, lines, texts), bridges


def _join_text(cols: list[_Col], lines: list[Line], texts: list[str]) -> list[_Col]:
    """Neighbouring columns of text no line prints in both are one column (short names
    left-aligned, 合计 centred under them)."""
    line_of = {i: k for k, ln in enumerate(lines) for i in ln.members}
    out: list[_Col] = []
    for col in cols:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not any(_is_number(texts[i]) for i in prev.members + col.members)
            and not {line_of[i] for i in prev.members} & {line_of[i] for i in col.members}
        ):
            prev.x1 = max(prev.x1, col.x1)
            prev.members.extend(col.members)
        else:
            out.append(col)
    return out


def _aligned(values: list[float], tol: float) -> bool:
    return max(values) - min(values) <= tol


def _check_columns(
    cols: list[_Col], bridges: set[int], boxes: list[Box], texts: list[str], height: float
) -> str | None:
    """Why the columns cannot be trusted, or None."""
    if len(cols) < 2:
        return "只有一列 / a single column"
    amounts: list[_Col] = []
    for col in cols:
        nums = [i for i in col.members if _is_number(texts[i])]
        if len(nums) * 2 <= len(col.members):
            continue
        if len(nums) < len(col.members) and col is not cols[0]:
            return "数字列中有文字 / text inside a column of numbers"
        rights = [boxes[i][2] for i in nums]
        mids = [(boxes[i][0] + boxes[i][2]) / 2 for i in nums]
        lefts = [boxes[i][0] for i in nums]
        tol = ALIGN * height
        if not (_aligned(rights, tol) or _aligned(mids, tol) or _aligned(lefts, tol)):
            return "数字未按列对齐 / numbers not aligned in columns"
        if col is not cols[0]:
            amounts.append(col)
    if not amounts:
        return "没有金额列 / no column of amounts"
    for i in bridges:
        if _is_number(texts[i]):
            return "数字跨列 / a number across two columns"
        if any(boxes[i][0] < c.x1 and boxes[i][2] > c.x0 for c in amounts):
            return "文字伸入金额列 / text running into a column of amounts"
    return None


def _blank_columns(cols: list[_Col], head: list[Line], boxes: list[Box], gap: float) -> list[_Col]:
    """``cols`` with a column for each header label standing over nothing of the body
    (a column printed all blank), right of the first column, with no label under it."""
    labels = [i for ln in head for i in ln.members]
    out = list(cols)
    for i in labels:
        x0, _, x1, bottom = boxes[i]
        if x0 <= out[0].x1 or any(x0 < c.x1 + gap and x1 > c.x0 - gap for c in out):
            continue
        if any(boxes[j][1] > bottom - 1 and boxes[j][0] < x1 and boxes[j][2] > x0 for j in labels):
            continue  # a group label: its columns are those of the labels under it
        out.append(_Col(x0, x1, []))
        out.sort(key=lambda c: c.x0)
    return out


def _cuts(cols: list[_Col], boxes: list[Box], header: list[int]) -> list[float]:
    """Column bounds: midway in each gutter, the outer ones just outside every region."""
    xs = [(a.x1 + b.x0) / 2 for a, b in itertools.pairwise(cols)]
    left = min([cols[0].x0, *(boxes[i][0] for i in header)]) - 2
    right = max([cols[-1].x1, *(boxes[i][2] for i in header)]) + 2
    return [left, *xs, right]


def _col_of(x: float, xs: list[float]) -> int:
    return max(0, min(len(xs) - 2, sum(1 for b in xs[1:-1] if b <= x)))


def _header(
    head: list[Line], xs: list[float], boxes: list[Box], height: float
) -> list[Label] | str:
    """The header labels' cells (rows counted from the header's top), or why not."""
    if not head:
        return []
    # a line midway between its neighbours whose labels stand over no label of theirs
    # is a level of labels spanning both rows
    spanning: set[int] = set()
    for k in range(1, len(head) - 1):
        up, mid_line, down = head[k - 1], head[k], head[k + 1]
        if abs((mid_line.mid - up.mid) - (down.mid - mid_line.mid)) <= 0.4 * height:
            cols_b = {_col_of((boxes[i][0] + boxes[i][2]) / 2, xs) for i in mid_line.members}
            others = {
                _col_of((boxes[i][0] + boxes[i][2]) / 2, xs) for i in up.members + down.members
            }
            if not cols_b & others:
                spanning.add(k)
    rows = [k for k in range(len(head)) if k not in spanning]
    row_of = {k: rows.index(k) for k in rows}
    n = len(xs) - 1
    labels: list[Label] = []
    taken = [[False] * n for _ in rows]
    for k in sorted(spanning):
        r = row_of[k - 1]
        for i in head[k].members:
            c = _col_of((boxes[i][0] + boxes[i][2]) / 2, xs)
            labels.append(Label(i, r, 2, c, c))
            taken[r][c] = taken[r + 1][c] = True
    # bottom row first: a label with labels under it spans their columns
    for k in reversed(rows):
        r = row_of[k]
        below = {c for lab in labels if lab.row > r for c in range(lab.first, lab.last + 1)}
        for i in head[k].members:
            mid = (boxes[i][0] + boxes[i][2]) / 2
            c = _col_of(mid, xs)
            first = last = c
            if c in below:
                while first - 1 >= 0 and first - 1 in below and not taken[r][first - 1]:
                    first -= 1
                while last + 1 < n and last + 1 in below and not taken[r][last + 1]:
                    last += 1
                centre = (xs[first] + xs[last + 1]) / 2
                if abs(centre - mid) > 0.15 * (xs[last + 1] - xs[first]) + height:
                    return "表头分组无法对应到列 / a header group matches no run of columns"
            if any(taken[r][j] for j in range(first, last + 1)):
                return "表头两个标签落在同一列 / two header labels in one column"
            for j in range(first, last + 1):
                taken[r][j] = True
            labels.append(Label(i, r, 1, first, last))
    # a label with nothing under it reaches down to the body
    for lab in labels:
        r = lab.row + lab.rowspan
        while r < len(rows) and not any(taken[r][j] for j in range(lab.first, lab.last + 1)):
            for j in range(lab.first, lab.last + 1):
                taken[r][j] = True
            lab.rowspan += 1
            r += 1
    for c in range(n):
        if not any(taken[r][c] for r in range(len(rows))):
            return "有列没有表头 / a column without a header label"
    return labels


def _rule_between(rules: list[tuple[float, float, float]], a: float, b: float) -> int | None:
    hits = [k for k, (_, _, y) in enumerate(rules) if a < y < b]
    return hits[0] if len(hits) == 1 else None


def _head_lines(
    lines: list[Line],
    first: int,
    rules: list[tuple[float, float, float]],
    xs: list[float],
    boxes: list[Box],
    height: float,
) -> list[Line]:
    """The header's lines above body line ``first`` (top to bottom)."""
    above = lines[max(0, first - MAX_HEAD) : first]
    under = _rule_between(rules, above[-1].bottom if above else 0, lines[first].top)
    if under is not None:  # printed rules: the header is what lies between two of them
        y = rules[under][2]
        tops = [r[2] for r in rules if r[2] < y - height]
        if tops:
            return [ln for ln in above if ln.top > max(tops)]
    # no rule: up to the line with a label over the first column (and its upper half)
    out: list[Line] = []
    for ln in reversed(above):
        if out and out[0].mid - ln.mid > MAX_GAP * height:
            break
        out.insert(0, ln)
        if any(_col_of((boxes[i][0] + boxes[i][2]) / 2, xs) == 0 for i in ln.members):
            k = lines.index(ln)
            if len(out) >= 2 and k >= 1 and k - 1 >= first - MAX_HEAD:
                up = lines[k - 1]
                step = out[1].mid - ln.mid
                if abs((ln.mid - up.mid) - step) <= 0.4 * height:
                    out.insert(0, up)
            return out
    return []


def rebuild(
    regions: list[tuple[Box, str]], rules: list[tuple[float, float, float]]
) -> tuple[list[Rebuilt], list[Refused]]:
    """The unruled tables among ``regions`` (box in points, text) and the horizontal
    ``rules`` printed on the page (x0, x1, y), as lattices; and the runs refused."""
    if len(regions) < 4:
        return [], []
    boxes = [b for b, _ in regions]
    texts = [t for _, t in regions]
    height = median(b[3] - b[1] for b in boxes)
    lines = _lines(boxes, height)
    for ln in lines:
        ln.numbers = sum(1 for i in ln.members if _is_number(texts[i]))
    found: list[Rebuilt] = []
    refused: list[Refused] = []
    for a, b in _bodies(lines, boxes, height):
        body = lines[a : b + 1]
        steps = [q.mid - p.mid for p, q in itertools.pairwise(body)]
        if min(steps) < 0.7 * median(steps):
            refused.append(
                Refused(
                    body[0].top, "行距不匀（可能有折行的单元格） / uneven rows (a cell wrapped?)"
                )
            )
            continue
        cols, bridges = _columns(boxes, texts, body, 0.0)  # a column's regions overlap
        why = _check_columns(cols, bridges, boxes, texts, height)
        if why is not None:
            refused.append(Refused(body[0].top, why))
            continue
        xs = _cuts(cols, boxes, [])
        head = _head_lines(lines, a, rules, xs, boxes, height)
        cols = _blank_columns(cols, head, boxes, 0.0)
        xs = _cuts(cols, boxes, [i for ln in head for i in ln.members])
        labels = _header(head, xs, boxes, height) if head else "没有表头 / no header"
        if isinstance(labels, str):
            refused.append(Refused(body[0].top, labels))
            continue
        gutters = [(p.x1, q.x0) for p, q in itertools.pairwise(cols)]
        plan = Plan(body, labels, bridges, boxes, rules, height, gutters)
        found.append(lattice(xs, plan))
    return found, refused
