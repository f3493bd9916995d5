"""Column headers: from printed header rows to a tree of :class:`HeaderNode`.

Formats that keep merged cells (Word, Excel, HTML) give each header cell its
span.  The plain-text export loses spans: a header row simply has fewer cells
than the table is wide.  :func:`infer_slots` reconstructs them bottom-up: the
cells of a lower row are partitioned, in order, among the cells of the row
above; a blank cell below a header cell means that cell is merged downwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan import regex
from yusuan.model import HeaderNode
from yusuan.read.raw import RawCell
from yusuan.values import Mutable


def key_of(text: str) -> str:
    """A header or label text with all whitespace removed."""
    return "".join(text.split())


@dataclass(eq=False, repr=False)
class Slot(Mutable):
    """A header cell placed on the grid: label, leaf range, first and last header row."""

    label: str
    first: int
    last: int
    top: int
    bottom: int


_CODE_NAME = regex.compile(
    r"^(科目编码|科目名称|编码|名称|代码|科目代码|类|款|项|功能科目编码|功能科目名称)$"
)


def _split_run(run: list[Slot], parents: list[str]) -> list[list[Slot]]:
    """Split a run of non-blank lower slots among ``len(parents)`` upper cells."""
    g = len(parents)
    if g == 1:
        return [run]
    if len(run) < g:  # cannot give each parent a cell: give the last ones nothing extra
        return [[s] for s in run[: g - 1]] + [run[g - 1 :]] if run else [[] for _ in parents]
    keys = [key_of(s.label) for s in run]
    # 1. a parent naming 科目/分类 takes the leading code/name cells.
    if "科目" in parents[0] or "分类" in parents[0]:
        n = 0
        while n < len(keys) and _CODE_NAME.match(keys[n]):
            n += 1
        if 0 < n < len(run):
            return [run[:n], *_split_run(run[n:], parents[1:])]
    # 2. a repeated leading label (项目 … 项目) starts each parent's block.
    starts = [i for i, k in enumerate(keys) if k == keys[0]]
    if len(starts) >= g:
        cut = [*starts[:g], len(run)]
        return [run[cut[i] : cut[i + 1]] for i in range(g)]
    # 3. even split, the remainder to the last parent.
    size = len(run) // g
    out = [run[i * size : (i + 1) * size] for i in range(g - 1)]
    out.append(run[(g - 1) * size :])
    return out


def _partition(lower: list[Slot], upper: list[str]) -> list[list[Slot]]:
    """Partition ``lower`` slots into ``len(upper)`` contiguous groups."""
    segments: list[list[Slot]] = []
    for s in lower:
        if not key_of(s.label):
            segments.append([s])
        elif segments and key_of(segments[-1][0].label):
            segments[-1].append(s)
        else:
            segments.append([s])
    k = len(upper)
    if len(segments) == k:
        return segments
    if len(segments) > k:  # more segments than parents: the surplus goes to the last parent
        return [*segments[: k - 1], [s for seg in segments[k - 1 :] for s in seg]]
    # Fewer segments than parents: a run of labels is shared by several parents.
    # Each blank takes one parent; the spare parents go to the longest runs.
    runs = [i for i, seg in enumerate(segments) if key_of(seg[0].label)]
    share = dict.fromkeys(runs, 1)
    spare = k - (len(segments) - len(runs)) - len(runs)
    while spare > 0 and runs:
        best = max(runs, key=lambda i: len(segments[i]) - share[i])
        share[best] += 1
        spare -= 1
    groups: list[list[Slot]] = []
    pi = 0
    for i, seg in enumerate(segments):
        n = share.get(i, 1)
        groups.extend(_split_run(seg, upper[pi : pi + n]) if i in share else [seg])
        pi += n
    return groups


def infer_slots(rows: list[list[RawCell]], width: int) -> list[list[Slot]]:
    """Header slots for rows whose spans were lost (plain-text export)."""
    if not rows:
        return []
    depth = len(rows)
    bottom_cells = rows[-1] + [RawCell("")] * max(0, width - len(rows[-1]))
    lower = [Slot(c.text, i, i, depth - 1, depth - 1) for i, c in enumerate(bottom_cells[:width])]
    result: list[list[Slot]] = [lower]
    for r in range(depth - 2, -1, -1):
        upper_cells = rows[r]
        labels = [c.text for c in upper_cells]
        groups = (
            _partition(lower, labels) if len(upper_cells) < len(lower) else [[s] for s in lower]
        )
        upper: list[Slot] = []
        for label, group in zip(labels, groups, strict=False):
            if not group:
                continue
            slot = Slot(label, group[0].first, group[-1].last, r, r)
            if len(group) == 1 and not key_of(group[0].label):
                slot.bottom = group[0].bottom  # merged downwards over the blank below
                group[0].label = "\0"  # consumed
            upper.append(slot)
        result[0] = [s for s in result[0] if s.label != "\0"]
        result.insert(0, upper)
        lower = upper
    return [[s for s in row if s.label != "\0"] for row in result]


def place(rows: list[list[RawCell]]) -> list[list[tuple[int, RawCell]]]:
    """Grid columns of cells that carry spans: each cell takes the first free
    column of its row, after the cells merged down into it from rows above."""
    taken: set[tuple[int, int]] = set()
    out: list[list[tuple[int, RawCell]]] = []
    for r, row in enumerate(rows):
        c = 0
        placed: list[tuple[int, RawCell]] = []
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        out.append(placed)
    return out


def spanned_slots(rows: list[list[RawCell]]) -> tuple[list[list[Slot]], int]:
    """Header slots from cells that carry their own spans; also the grid width."""
    out: list[list[Slot]] = []
    width = 0
    for r, placed in enumerate(place(rows)):
        slots = [
            Slot(cell.text, col, col + cell.colspan - 1, r, r + cell.rowspan - 1)
            for col, cell in placed
        ]
        width = max([width, *(s.last + 1 for s in slots)])
        out.append(slots)
    # A blank cell directly under a header cell of the same range continues it.
    for r in range(1, len(out)):
        kept = []
        for s in out[r]:
            above = [
                a
                for row in out[:r]
                for a in row
                if a.bottom == r - 1 and a.first == s.first and a.last == s.last
            ]
            if not key_of(s.label) and above:
                above[0].bottom = s.bottom
            else:
                kept.append(s)
        out[r] = kept
    return out, width


def build_tree(slots: list[list[Slot]]) -> tuple[HeaderNode, ...]:
    """Nest slots into header trees (a node's children lie directly under it)."""
    flat = sorted((s for row in slots for s in row), key=lambda s: (s.top, s.first))

    def children_of(parent: Slot | None) -> tuple[HeaderNode, ...]:
        out = []
        for s in flat:
            if parent is None:
                if s.top == 0:
                    out.append(s)
            elif s.top == parent.bottom + 1 and parent.first <= s.first and s.last <= parent.last:
                out.append(s)
        return tuple(
            HeaderNode(label=s.label.strip(), first=s.first, last=s.last, children=children_of(s))
            for s in sorted(out, key=lambda s: s.first)
        )

    return children_of(None)


def leaves(tree: tuple[HeaderNode, ...], width: int) -> list[tuple[HeaderNode, ...]]:
    """For each leaf column 0..width-1, the path of header nodes from root to leaf."""
    paths: list[tuple[HeaderNode, ...]] = [() for _ in range(width)]

    def visit(node: HeaderNode, path: tuple[HeaderNode, ...]) -> None:
        here = (*path, node)
        for c in range(node.first, min(node.last, width - 1) + 1):
            if len(paths[c]) < len(here):
                paths[c] = here
        for ch in node.children:
            visit(ch, here)

    for n in tree:
        visit(n, ())
    return paths
