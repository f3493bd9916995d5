"""Tables printed without vertical rulings, for the OCR reader's unruled-table tests.

One 一般公共预算支出表 page drawn with :mod:`support.pdf_maker`: a title, a unit line, a
two-row header (科目编码, 科目名称, 合计 and 项目支出 spanning both rows; 基本支出 over
人员经费 | 公用经费), body rows of codes, names and amounts (right-aligned or centred,
some cells blank) and a 合计 row.  ``style`` says which rulings are drawn:

- ``"none"``: no line at all;
- ``"three-line"`` (三线表): a rule above the header, one under it, one under the table;
- ``"rows"``: a rule above, under the header and under every body row, no verticals;
- ``"ruled"``: the full lattice (the text-layer reference a scan is compared with).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from support.pdf_maker import Page, write_pdf

LEFT = 50.0
#: Column bounds: code, name, then the five amount columns.
XS = [LEFT, 110.0, 280.0, 333.0, 386.0, 439.0, 492.0, 545.0]
SIZE = 10.0
GROUP = "基本支出"
#: Header: (label, first column, last column, row, rowspan).
HEAD = [
    ("科目编码", 0, 0, 0, 2),
    ("科目名称", 1, 1, 0, 2),
    ("合计", 2, 2, 0, 2),
    (GROUP, 3, 5, 0, 1),
    ("小计", 3, 3, 1, 1),
    ("人员经费", 4, 4, 1, 1),
    ("公用经费", 5, 5, 1, 1),
    ("项目支出", 6, 6, 0, 2),
]
COLUMNS = ["合计", "小计", "人员经费", "公用经费", "项目支出"]


@dataclass
class Spec:
    rows: list[tuple[str, str, list[str | None]]]  # code, name, five amounts (None: blank)
    style: str = "none"
    centred: bool = False
    title: str = "2024年一般公共预算支出表"
    pitch: float = 22.0
    more: list[tuple[str, str, list[str | None]]] = field(default_factory=list)  # 续表 page


def width(s: str, size: float = SIZE) -> float:
    """The printed width of ``s`` (Helvetica digits and points, CJK one em)."""
    narrow = {",": 0.278, ".": 0.278, "-": 0.333, " ": 0.278}
    return sum(size * (narrow.get(c, 0.556) if c.isascii() else 1.0) for c in s)


def _put(page: Page, x0: float, x1: float, top: float, s: str, align: str) -> None:
    w = width(s)
    x = x0 + 4 if align == "left" else x1 - 4 - w if align == "right" else (x0 + x1 - w) / 2
    page.text(x, top, s, SIZE)


def _table(
    page: Page, spec: Spec, top: float, rows: list[tuple[str, str, list[str | None]]]
) -> None:
    head_h = 20.0
    ys = [top, top + head_h, top + 2 * head_h]
    for label, first, last, row, span in HEAD:
        mid = (ys[row] + ys[row + span]) / 2 - SIZE / 2
        _put(page, XS[first], XS[last + 1], mid, label, "centre")
    y = ys[-1]
    body = [y]
    for code, name, amounts in rows:
        if code:
            _put(page, XS[0], XS[1], y + (spec.pitch - SIZE) / 2, code, "left")
        if name:
            x0, x1 = (XS[0], XS[2]) if not code and name == "合计" else (XS[1], XS[2])
            _put(page, x0, x1, y + (spec.pitch - SIZE) / 2, name, "centre" if not code else "left")
        for k, a in enumerate(amounts):
            if a is not None:
                align = "centre" if spec.centred else "right"
                _put(page, XS[2 + k], XS[3 + k], y + (spec.pitch - SIZE) / 2, a, align)
        y += spec.pitch
        body.append(y)
    x0, x1 = XS[0], XS[-1]
    if spec.style == "ruled":
        for yy in [ys[0], ys[2], *body[1:]]:
            page.hline(x0, x1, yy)
        page.hline(XS[3], XS[6], ys[1])
        for i, x in enumerate(XS):
            page.vline(x, ys[0], body[-1]) if i in (0, 1, 2, 3, 6, 7) else None
            if i in (4, 5):
                page.vline(x, ys[1], body[-1])
    elif spec.style == "three-line":
        page.hline(x0, x1, ys[0]).hline(x0, x1, ys[2]).hline(x0, x1, body[-1])
    elif spec.style == "rows":
        for yy in [ys[0], ys[2], *body[1:]]:
            page.hline(x0, x1, yy)


def write(path: Path, spec: Spec) -> Path:
    """The table of ``spec`` as a PDF (a second page when ``spec.more`` holds a 续表)."""
    page = Page()
    page.text((595 - width(spec.title, 16)) / 2, 60, spec.title, 16)
    _put(page, XS[-3], XS[-1], 92, "单位：万元", "right")
    _table(page, spec, 112.0, spec.rows)
    pages = [page]
    if spec.more:
        nxt = Page()
        nxt.text(LEFT, 60, "续表", 12)
        _table(nxt, spec, 84.0, spec.more)
        pages.append(nxt)
    return write_pdf(path, pages)
