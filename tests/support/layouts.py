"""PDFs of a known model in many layouts, for the layout-variation harness.

:func:`write_variant` prints tables of a :class:`~yusuan.model.Disclosure` (the
reference, parsed from ``tests/data/pingxiang-renda-2023.txt``) as ruled tables on
A4 pages with :mod:`support.pdf_maker`, the way real packages vary:

- ``numbering``: the title's number — none, ``一、``, ``（七）``, ``公开07表``,
  ``表7``, ``附表3``, or ``公开07表`` on a line of its own above the title;
- ``prefix``: year and department words before the title
  (``平乡县人大常委会2023年…``);
- ``wrap_title``: the title wrapped over two lines;
- ``between``: the lines between title and grid (``单位：万元``, ``编制部门：…``,
  a ``公开07表`` number), in either order;
- ``wrap_unit``: the unit line wrapped (``单位：万`` / ``元``);
- ``yuan``: amounts printed in 元 instead of 万元 (exactly ×10000);
- ``split_codes``: the 科目编码 printed in three columns 类 / 款 / 项;
- ``bold``: every glyph drawn twice, 0.3 pt apart (a fake bold face);
- ``untitled``: tables printed without any title (recognized by their content, and
  by elimination against the 目录 when ``toc`` prints one on a first page);
- ``titled_as``: (table, other) pairs — the table printed under the other's title (a
  misprinted title that names another table; the 目录 still lists the right one);
- ``running``: a running header (the package's name) atop every page and a running
  footer (the department) at its foot;
- ``under``: lines printed directly under a table's grid (a note such as
  ``说明：本部门无相关收支项目。`` that is not a ``注：`` line, so it is read as a paragraph);
- ``breaks``: per table, the body row before which the page breaks (0: the title
  and header alone at a page foot, the body on the next page), with
  ``repeat_header`` (the header printed again over the continuation) and
  ``continued`` (a ``续表`` line over it).

The facts of the PDF read back must be the model's (``yusuan.facts.facts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from support.pdf_maker import HEIGHT, WIDTH, Page, write_pdf
from yusuan.amounts import plain
from yusuan.model import Disclosure, HeaderNode, Table, TableId

NUMBERINGS = ("", "一、", "（七）", "公开07表", "表7", "附表3", "own-line")
BETWEEN = ("unit", "dept-unit", "unit-dept", "number-unit")
#: the tables printed (those with amounts or an empty standard one)
TABLES = (
    TableId.SUMMARY,
    TableId.REVENUE,
    TableId.EXPENDITURE,
    TableId.FISCAL_SUMMARY,
    TableId.GPB_EXPENDITURE,
    TableId.GPB_BASIC,
    TableId.GOV_FUND,
    TableId.THREE_PUBLIC,
)
MARGIN, BOTTOM = 40.0, HEIGHT - 50.0  # the running header and footer stand outside


@dataclass(frozen=True)
class Variant:
    numbering: str = ""
    prefix: bool = False
    wrap_title: bool = False
    between: str = "unit"
    wrap_unit: bool = False
    yuan: bool = False
    split_codes: bool = False
    bold: bool = False
    breaks: tuple[int | None, ...] = ()  # per table in TABLES: break before body row k
    repeat_header: bool = True
    continued: bool = False
    tables: tuple[TableId, ...] = TABLES
    untitled: tuple[TableId, ...] = ()
    toc: bool = False
    running: bool = False
    under: tuple[tuple[TableId, str], ...] = ()  # (table, a line printed under its grid)
    titled_as: tuple[tuple[TableId, TableId], ...] = ()

    def kinds(self) -> list[str]:
        """The variation kinds this variant uses (for the harness's tally)."""
        out = [f"numbering={self.numbering or 'none'}", f"between={self.between}"]
        out += [
            k
            for k in ("prefix", "wrap_title", "wrap_unit", "yuan", "split_codes", "bold")
            if getattr(self, k)
        ]
        out += [f"untitled={t.value}" for t in self.untitled]
        out += ["toc"] if self.toc else []
        out += ["running"] if self.running else []
        out += [f"{a.value}-titled-as-{b.value}" for a, b in self.titled_as]
        for b in self.breaks:
            if b == 0:
                out.append("header-alone-at-foot")
            elif b is not None:
                out.append("break-repeat-header" if self.repeat_header else "break-no-header")
                if self.continued:
                    out.append("break-xubiao")
        return out


@dataclass
class _Writer:
    variant: Variant
    pages: list[Page] = field(default_factory=lambda: [Page()])
    y: float = MARGIN

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = MARGIN

    def text(self, x: float, top: float, s: str, size: float) -> None:
        self.page.text(x, top, s, size)
        if self.variant.bold:
            self.page.text(x + 0.3, top, s, size)

    def line(self, s: str, size: float = 10, x: float = MARGIN) -> None:
        self.text(x, self.y, s, size)
        self.y += size + 8


def _width(s: str, size: float) -> float:
    return sum(0.56 * size if c.isascii() else size for c in s)


def _chunks(s: str, room: float, size: float) -> list[str]:
    """``s`` cut into lines that fit ``room`` points."""
    out, cur = [], ""
    for c in s:
        if cur and _width(cur + c, size) > room:
            out.append(cur)
            cur = ""
        cur += c
    return [*out, cur] if cur else out or [""]


@dataclass(frozen=True)
class _Layout:
    xs: list[float]
    head: list[tuple[int, int, int, int, str]]  # (row, rowspan, first, last, label)
    depth: int
    body: list[dict[int, str]]  # printed rows: leaf column -> text
    size: float
    spans: dict[int, dict[int, int]] = field(default_factory=dict)  # body row -> first -> last


def _leaves_of(
    nodes: tuple[HeaderNode, ...], depth: int, out: list[tuple[int, HeaderNode]]
) -> None:
    for n in nodes:
        out.append((depth, n))
        _leaves_of(n.children, depth + 1, out)


def _amount(value: Decimal | None, text: str, yuan: bool) -> str:
    if value is None:
        return text
    return plain(value * 10000) if yuan else text


def layout(table: Table, v: Variant) -> _Layout:
    """The grid of one table: column bounds, header cells and the printed body rows."""
    nodes: list[tuple[int, HeaderNode]] = []
    _leaves_of(table.header, 0, nodes)
    code_cols = [c.index for c in table.columns if c.role == "code"]
    split = v.split_codes and len(code_cols) == 1
    depth = max(d for d, _ in nodes) + 1 + (1 if split else 0)
    width = max(n.last for _, n in nodes) + 1
    # leaf widths: seq narrow, item wide, the rest share the page
    roles = {c.index: c.role for c in table.columns}
    base = {"seq": 22.0, "code": 44.0, "item": 120.0}
    fixed = sum(base.get(roles.get(i, "amount"), 0.0) for i in range(width))
    free = [i for i in range(width) if roles.get(i, "amount") not in base]
    share = (WIDTH - 2 * MARGIN - fixed) / max(1, len(free))
    widths = [base.get(roles.get(i, "amount"), share) for i in range(width)]
    if split:  # the one 编码 column becomes 类 | 款 | 项
        k = code_cols[0]
        widths[k : k + 1] = [22.0, 18.0, 18.0]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)

    def at(i: int) -> int:  # leaf index in the printed grid
        return i + 2 if split and i > code_cols[0] else i

    head: list[tuple[int, int, int, int, str]] = []
    for d, n in nodes:
        first, last = at(n.first), at(n.last)
        if split and n.first <= code_cols[0] <= n.last:
            last = at(n.last) if n.last > code_cols[0] else last + 2
        label = "".join(n.label.split())
        if not n.children:
            if split and n.first == code_cols[0]:
                head.append((d, 1, first, last, label))
                for j, part in enumerate(("类", "款", "项")):
                    head.append((d + 1, depth - d - 1, first + j, first + j, part))
                continue
            head.append((d, depth - d, first, last, label))
        else:
            head.append((d, 1, first, last, label))
    size = 7.0 if width > 8 else 8.0
    body: list[dict[int, str]] = []
    printed: dict[int, dict[int, str]] = {}
    merged: dict[int, dict[int, int]] = {}
    items: dict[str | None, list[int]] = {}  # a side printed as breakdowns has several
    for c in table.columns:
        if c.role == "item":
            items.setdefault(c.section, []).append(c.index)
    for r in table.rows:
        row = printed.setdefault(r.index, {})
        # the row's label stands in the item column of the block printing its cells; a total
        # printed in a later block spans its label from the first block's item column on
        own = items.get(r.section, [])
        label_at = max([i for i in own if i <= min(r.cells, default=0)], default=None)
        label_at = label_at if label_at is not None else (own[0] if own else None)
        if label_at is not None and r.depth is None and label_at != own[0]:
            merged.setdefault(r.index, {})[at(own[0])] = at(label_at)
            label_at = own[0]
        for c in table.columns:
            if c.section not in (None, r.section) and c.role != "seq":
                continue
            if c.section is None and r.section not in (None, "收入") and c.role != "seq":
                continue
            i = at(c.index)
            if c.role == "seq" and r.seq:
                row[i] = r.seq
            elif c.role == "code" and r.code:
                if split and len(r.code) in (3, 5, 7):
                    parts = [r.code[:3], r.code[3:5], r.code[5:7]]
                    for j, p in enumerate(parts):
                        if p:
                            row[i + j] = p
                else:
                    row[i] = r.code
            elif c.role == "item" and r.label.strip():
                if c.index == label_at or label_at is None:
                    row[i] = r.label.strip()
            elif (cell := r.cells.get(c.index)) is not None and cell.text.strip():
                row[i] = _amount(cell.value, cell.text.strip(), v.yuan and c.role == "amount")
    body = [printed[k] for k in sorted(printed)]
    spans = {n: merged[k] for n, k in enumerate(sorted(printed)) if k in merged}
    return _Layout(xs, head, depth, body, size, spans)


def _rect(page: Page, x0: float, x1: float, top: float, bottom: float) -> None:
    page.hline(x0, x1, top).hline(x0, x1, bottom).vline(x0, top, bottom).vline(x1, top, bottom)


def _row_height(texts: dict[int, str], xs: list[float], size: float) -> float:
    lines = max([1, *(len(_chunks(t, xs[i + 1] - xs[i] - 4, size)) for i, t in texts.items())])
    return lines * (size + 2) + 6


def _cell(w: _Writer, x0: float, x1: float, top: float, text: str, size: float) -> None:
    for k, part in enumerate(_chunks(text, x1 - x0 - 4, size)):
        w.text(x0 + 2, top + 3 + k * (size + 2), part, size)


def _header_heights(lay: _Layout) -> list[float]:
    heights = []
    for d in range(lay.depth):
        cells = {f: lab for row, span, f, last, lab in lay.head if row == d and span == 1}
        heights.append(max(16.0, _row_height(cells, lay.xs, lay.size)))
    return heights


def _header(w: _Writer, lay: _Layout) -> None:
    heights = _header_heights(lay)
    tops = [w.y]
    for h in heights:
        tops.append(tops[-1] + h)
    for row, span, first, last, label in lay.head:
        x0, x1 = lay.xs[first], lay.xs[last + 1]
        _rect(w.page, x0, x1, tops[row], tops[row + span])
        _cell(w, x0, x1, tops[row], label, lay.size)
    w.y = tops[-1]


def _body_row(w: _Writer, lay: _Layout, texts: dict[int, str], spans: dict[int, int]) -> None:
    h = _row_height(texts, lay.xs, lay.size)
    inside = {j for f, last in spans.items() for j in range(f + 1, last + 1)}
    for i in range(len(lay.xs) - 1):
        if i in inside:
            continue
        x1 = lay.xs[spans.get(i, i) + 1]
        _rect(w.page, lay.xs[i], x1, w.y, w.y + h)
        if i in texts:
            _cell(w, lay.xs[i], x1, w.y, texts[i], lay.size)
    w.y += h


def _title(table: Table, n: int, v: Variant) -> str:
    name = (
        table.title.removeprefix("部门预算") if table.title.startswith("部门预算") else table.title
    )
    name = ("平乡县人大常委会2023年部门预算" if v.prefix else "") + name
    number = {
        "": "",
        "一、": "一二三四五六七八九十"[n % 10] + "、",
        "（七）": f"（{'一二三四五六七八九十'[n % 10]}）",
        "公开07表": f"公开{n + 1:02d}表",
        "表7": f"表{n + 1}",
        "附表3": f"附表{n + 1}",
        "own-line": "",
    }[v.numbering]
    return number + name


def write_variant(d: Disclosure, v: Variant, path: Path) -> Path:
    """Write the tables ``v.tables`` of ``d`` as one PDF in the layout ``v``."""
    w = _Writer(v)
    if v.toc:  # a 目录 page naming every table, with dot leaders and page numbers
        w.line("目    录", 16, 250)
        for n, tid in enumerate(v.tables):
            table = d.table(tid)
            assert table is not None
            w.line(f"{_title(table, n, v)}……………………{n + 2}", 10)
    for n, tid in enumerate(v.tables):
        table = d.table(tid)
        assert table is not None
        lay = layout(table, v)
        brk = v.breaks[n] if n < len(v.breaks) else None
        if n or v.toc:
            w.new_page()
        if tid in v.untitled:
            pass
        elif v.numbering == "own-line":
            w.line(f"公开{n + 1:02d}表", 10, WIDTH - MARGIN - 60)
        named = d.table(dict(v.titled_as).get(tid, tid))
        assert named is not None
        title = _title(named, n, v)
        if tid in v.untitled:
            pass
        elif v.wrap_title and len(title) > 6:
            cut = len(title) - 2
            w.line(title[:cut], 14, 120)
            w.line(title[cut:], 14, 120)
        else:
            w.line(title, 14, 120)
        unit = "单位：元" if v.yuan else "单位：万元"
        dept = "编制部门：101平乡县人民代表大会常务委员会"
        for item in v.between.split("-"):
            if item == "dept":
                w.line(dept, 9)
            elif item == "number":
                w.line(f"预算{n + 1:02d}表", 9, WIDTH - MARGIN - 60)
            elif v.wrap_unit:
                w.text(WIDTH - MARGIN - 9 * 4, w.y, unit[:-1], 9)
                w.y += 17
                w.line(unit[-1], 9, WIDTH - MARGIN - 9 * 4)
            else:
                w.line(unit, 9, WIDTH - MARGIN - 9 * 6)
        w.y += 4
        if brk == 0:  # the title and header alone at the foot of a page
            pushed = BOTTOM - sum(_header_heights(lay)) - 4  # above the footer, not over it
            if w.y < pushed:
                w.y = pushed
        _header(w, lay)
        for k, row in enumerate(lay.body):
            h = _row_height(row, lay.xs, lay.size)
            if k == brk or w.y + h > BOTTOM:
                w.new_page()
                if v.continued and k == brk and brk:
                    w.line("续表", 10)
                if v.repeat_header and k:
                    _header(w, lay)
            _body_row(w, lay, row, lay.spans.get(k, {}))
        under = [line for t, line in v.under if t is tid]
        w.y += 6 if under else 0
        for line in under:
            w.line(line, 10)
    if v.running:
        for page in w.pages:
            page.text(MARGIN, 18, "平乡县人民代表大会常务委员会2023年部门预算公开", 8)
            page.text(WIDTH - MARGIN - 120, HEIGHT - 36, "平乡县人大常委会办公室", 8)
    return write_pdf(path, w.pages)
