"""Column widths from the content, for the writers that place columns themselves (PDF, docx).

A column is as wide as its widest unbreakable content: a code (``2010101``), an amount, a
序号 or 栏次 never wraps; a name (科目名称, 项目) wraps only when the page is too narrow for
it, and then only down to a floor; a header label may wrap onto two lines.  Room left over
goes first to the name columns (up to their one-line width), then to every column alike.
"""

from __future__ import annotations

from collections.abc import Callable

from yusuan.render.grid import Grid

#: A name column never gets narrower than this many em.
NAME_FLOOR_EM = 7.0
#: Nor wider than this share of the page, so the amounts keep their room.
NAME_CAP = 0.42


def column_widths(
    grid: Grid, width: float, measure: Callable[[str], float], em: float, pad: float
) -> list[float]:
    """Widths (in ``width``'s unit) summing to ``width``; ``measure`` gives a text's
    one-line width, ``em`` a Chinese character's, ``pad`` a cell's two paddings."""
    n = grid.ncols
    need = [2 * em + pad] * n  # the narrowest column holds two characters
    full = list(need)  # one-line width of the names
    names = [c for c, k in enumerate(grid.kinds) if k in ("item", "text")]
    body = grid.body or []
    for c in range(n):
        texts = [row[c] for row in body if c < len(row) and row[c]]
        if grid.lanci is not None and c < len(grid.lanci):
            texts.append(grid.lanci[c])
        longest = max(
            (max(measure(line) for line in t.split("\n")) for t in texts),
            default=0.0,
        )
        labels = [p.label for p in grid.header if p.first == p.last == c]
        head = max((measure(label) / 2 for label in labels), default=0.0)  # two lines
        if c in names:
            full[c] = max(longest, head) + pad
            need[c] = max(need[c], min(full[c], NAME_FLOOR_EM * em + pad))
        else:
            need[c] = max(need[c], longest + pad, head + pad)
            full[c] = need[c]
    total = sum(need)
    if total > width:  # too wide even so: shrink every column alike
        return [w * width / total for w in need]
    out = list(need)
    room = width - total
    cap = NAME_CAP * width
    wants = {c: max(0.0, min(full[c], cap) - need[c]) for c in names}
    asked = sum(wants.values())
    if asked:
        give = min(1.0, room / asked)
        for c, want in wants.items():
            out[c] += want * give
        room -= min(room, asked)
    if room > 0:
        for c in range(n):
            out[c] += room / n
    return out


__all__ = ["column_widths"]
