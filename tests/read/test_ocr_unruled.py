"""Unruled tables on scans: the lattice rebuilt from OCR region boxes.

The geometry (:func:`yusuan.read.ocr_unruled.rebuild`) is tested over generated layouts
(hypothesis): code and name columns or a name column alone, one to six amount columns,
right-aligned or centred, a one-row header or a two-row one with a group label over two
or three columns, blank cells anywhere (a whole column too), jitter and residual skew of the boxes, no rules,
a 三线表's rules or rules between every row.  The lattice it draws, filled by the PDF
grid code, must hold exactly the generated cells: a blank cell stays a hole in its
column.  Near misses (prose, two columns of text, amounts not aligned) are refused.

End to end, one generated page per layout class is scanned (``support.scan``) and read:
its facts equal the ruled original's, every cell marked OCR.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.scan import scanned
from support.unruled import COLUMNS, Spec, write
from yusuan.api import load
from yusuan.facts import facts
from yusuan.read.ocr_page import region_chars
from yusuan.read.ocr_tables import UNRULED_REFUSED, PageTables, find_tables, join, unruled_tables
from yusuan.read.ocr_unruled import rebuild
from yusuan.read.pdf_chars import Char
from yusuan.read.pdf_grid import fill, find_grids
from yusuan.read.pdf_rulings import Edge

Box = tuple[float, float, float, float]
SIZE = 10.0
PAD = 1.6  # OCR boxes reach a little beyond the ink
NAMES = "一般公共服务支出人大事务行政运行代表工作教育科学技术社会保障和就业卫生健康"
LEAVES = ["合计", "小计", "人员经费", "公用经费", "项目支出", "其他支出"]


def _w(s: str) -> float:
    return sum(SIZE * (0.278 if c in ",." else 0.556 if c.isascii() else 1.0) for c in s)


@dataclass
class Layout:
    """Generated regions and the cells the rebuilt grid must hold."""

    regions: list[tuple[Box, str]]
    rules: list[tuple[float, float, float]]
    cells: set[tuple[int, int, int, int, str]]  # row, rowspan, col, colspan, text


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    code = draw(st.booleans())
    n_amt = draw(st.integers(1, 6))
    group = None
    if n_amt >= 2 and draw(st.booleans()):
        size = draw(st.integers(2, min(3, n_amt)))
        start = draw(st.integers(0, n_amt - size))
        group = (start, start + size - 1)
    centred = draw(st.booleans())
    rules_kind = draw(st.sampled_from(["none", "three-line", "rows"]))
    pitch = draw(st.floats(19.0, 26.0))
    jitter = draw(st.floats(0.0, 0.8))
    slope = draw(st.floats(-0.002, 0.002))
    rnd = draw(st.randoms(use_true_random=False))
    gutter = draw(st.floats(7.0, 16.0))  # room around the widest figure of a column

    def amount() -> str:
        whole = rnd.choice([0, rnd.randint(1, 999), rnd.randint(1000, 9_999_999)])
        return f"{whole:,}.{rnd.randint(0, 99):02d}"

    n_rows = draw(st.integers(2, 7))
    blank = draw(st.integers(1, n_amt - 1)) if n_amt >= 2 and draw(st.booleans()) else None
    body: list[tuple[str, str, list[str | None]]] = []
    for _ in range(n_rows):
        k = rnd.randint(2, 13)
        start = rnd.randint(0, len(NAMES) - k)
        amounts = [None if j == blank or rnd.random() < 0.25 else amount() for j in range(n_amt)]
        # a name alone (no code, no amount) may stand between two rows printing amounts
        if not code and not any(amounts) and (not body or not any(body[-1][2])):
            amounts[0] = amount()
        body.append((str(rnd.choice([201, 20101, 2010101])), NAMES[start : start + k], amounts))
    body.append(("", "合计", [amount() for _ in range(n_amt)]))
    if blank is not None:  # a column printed all blank, 合计 too
        for _, _, am in body:
            am[blank] = None
    # columns: [code], name, amounts
    widths: list[float] = [70.0] if code else []
    widths.append(max(110.0, max(_w(n) for _, n, _ in body) + 16))
    amt_w = [
        max(_w(LEAVES[j]), max(_w(a or "") for _, _, am in body for a in [am[j]])) + gutter
        for j in range(n_amt)
    ]
    widths += amt_w
    xs = [50.0]
    for w in widths:
        xs.append(xs[-1] + w)
    first_amt = 2 if code else 1
    regions: list[tuple[Box, str]] = []

    def put(text: str, x0: float, x1: float, mid: float, align: str) -> None:
        w = _w(text)
        x = x0 + 4 if align == "left" else x1 - 4 - w if align == "right" else (x0 + x1 - w) / 2
        j = [rnd.uniform(-jitter, jitter) for _ in range(4)]
        dy = slope * x
        regions.append(
            (
                (
                    x - PAD + j[0],
                    mid - SIZE / 2 - PAD + dy + j[1],
                    x + w + PAD + j[2],
                    mid + SIZE / 2 + PAD + dy + j[3],
                ),
                text,
            )
        )

    cells: set[tuple[int, int, int, int, str]] = set()
    top = 120.0
    levels = [top + 8, top + 18, top + 28] if group else [top + 10]
    body_top = levels[-1] + pitch
    put("2024年一般公共预算支出表", 200, 400, top - 50, "centre")
    put("单位：万元", xs[-1] - 80, xs[-1], top - 22, "right")
    head = (["科目编码"] if code else []) + ["科目名称"] + LEAVES[:n_amt]
    for c, label in enumerate(head):
        j = c - first_amt
        if group and group[0] <= j <= group[1]:
            put(label, xs[c], xs[c + 1], levels[2], "centre")
            cells.add((1, 1, c, 1, label))
        elif group:
            put(label, xs[c], xs[c + 1], levels[1], "centre")
            cells.add((0, 2, c, 1, label))
        else:
            put(label, xs[c], xs[c + 1], levels[0], "centre")
            cells.add((0, 1, c, 1, label))
    if group:
        a, b = group[0] + first_amt, group[1] + first_amt
        put("基本支出", xs[a], xs[b + 1], levels[0], "centre")
        cells.add((0, 1, a, b - a + 1, "基本支出"))
    nh = 2 if group else 1
    for r, (cd, name, amounts) in enumerate(body):
        mid = body_top + r * pitch
        if cd and code and name != "合计":
            put(cd, xs[0], xs[1], mid, "left")
            cells.add((nh + r, 1, 0, 1, cd))
        n = first_amt - 1
        put(name, xs[n], xs[n + 1], mid, "centre" if name == "合计" else "left")
        cells.add((nh + r, 1, n, 1, name))
        for j, a in enumerate(amounts):
            if a is not None:
                c = first_amt + j
                put(a, xs[c], xs[c + 1], mid, "centre" if centred else "right")
                cells.add((nh + r, 1, c, 1, a))
    rules: list[tuple[float, float, float]] = []
    if rules_kind != "none":
        ys = [top - 2, levels[-1] + pitch / 2]
        ys += [body_top + r * pitch + pitch / 2 for r in range(len(body))]
        if rules_kind == "three-line":
            ys = [ys[0], ys[1], ys[-1]]
        rules = [(xs[0], xs[-1], y + slope * 300) for y in ys]
    return Layout(regions, rules, cells)


def grid_cells(layout: Layout) -> set[tuple[int, int, int, int, str]] | None:
    """The cells of the grid the PDF grid code builds from the rebuilt lattice."""
    found, _ = rebuild(layout.regions, layout.rules)
    if len(found) != 1:
        return None
    t = found[0]
    chars: list[Char] = []
    for i, (box, text) in enumerate(layout.regions):
        chars.extend(region_chars(text, t.boxes.get(i, box)))
    grids = find_grids(t.edges)
    assert len(grids) == 1
    g = grids[0]
    fill(g, g.inside(chars))
    return {(c.row, c.rowspan, c.col, c.colspan, c.text) for row in g.rows for c in row if c.text}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_the_rebuilt_grid_is_the_generated_one(layout: Layout) -> None:
    """Every label and amount in its own cell, header spans as printed, holes kept."""
    assert grid_cells(layout) == layout.cells


def _lines(texts: list[list[tuple[float, str]]], pitch: float = 22.0) -> list[tuple[Box, str]]:
    out: list[tuple[Box, str]] = []
    for r, line in enumerate(texts):
        mid = 100 + r * pitch
        for x, t in line:
            out.append(((x, mid - 7, x + _w(t) + 3, mid + 7), t))
    return out


PROSE = "二〇二四年本部门收入预算合计一千二百三十四万元比上年增加主要原因是人员增加"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(8, 38), min_size=3, max_size=12), st.booleans())
def test_prose_and_two_text_columns_are_not_tables(lengths: list[int], two: bool) -> None:
    """Ragged prose lines (one region each) or two columns of text: nothing rebuilt,
    nothing refused (they do not look like tables)."""
    lines = []
    for n in lengths:
        text = PROSE[: min(n, len(PROSE))]
        lines.append([(50.0, text[:12]), (320.0, text[12:] or "说明")] if two else [(50.0, text)])
    assert rebuild(_lines(lines), []) == ([], [])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-30, 30), min_size=4, max_size=8))
def test_amounts_not_aligned_are_refused(shifts: list[float]) -> None:
    """Label-and-amount lines whose amounts stray more than a text height apart: refused,
    with a reason, never a guessed table."""
    if max(shifts) - min(shifts) < 12:
        shifts = [*shifts[:-1], shifts[0] + 20]
    head = [[(50.0, "项目"), (300.0, "金额")]]
    body = [[(50.0, "基本支出"), (300.0 + s, "1,234.56")] for s in shifts]
    found, refused = rebuild(_lines(head + body), [])
    assert found == []
    assert len(refused) == 1  # not aligned, or a column of strays without a header
    assert any(w in refused[0].reason for w in ("对齐", "表头"))


def test_a_name_wrapped_onto_a_second_line_is_refused() -> None:
    """The second line of a wrapped name would read as a row of its own: refused."""
    rows = [[(50.0, "项目"), (300.0, "金额")], [(50.0, "基本支出"), (300.0, "1,234.56")]]
    regions = _lines(rows)
    regions += [
        ((50.0, 137.0, 140.0, 151.0), "机关事业单位基本养老"),
        ((300.0, 140.0, 340.0, 154.0), "64.20"),
    ]
    regions += [((50.0, 152.0, 90.0, 166.0), "保险缴费"), ((50.0, 175.0, 90.0, 189.0), "合计")]
    regions += [((300.0, 175.0, 340.0, 189.0), "1,298.76")]
    found, refused = rebuild(regions, [])
    assert found == [] and "折行" in refused[0].reason


def test_a_refused_table_is_a_diagnostic_naming_its_page() -> None:
    regions = _lines(
        [[(50.0, "项目"), (300.0, "金额")]]
        + [[(50.0, "基本支出"), (300.0 + s, "1,234.56")] for s in (0, 25, -20, 10)]
    )
    texts = [t for _, t in regions]
    boxes = [b for b, _ in regions]
    edges, out, notes = unruled_tables(7, texts, boxes, [])
    assert edges == [] and out == boxes
    assert len(notes) == 1 and notes[0].startswith(f"{UNRULED_REFUSED} page 7: 第7页")
    assert "按文字行读出" in notes[0] and "read as lines of text" in notes[0]


def _page(number: int, names: list[str], amounts: list[str]) -> PageTables:
    head = [[(50.0, "项目"), (262.0, "合计"), (340.0, "基本支出")]]
    rows = [
        [(50.0, n), (300.0 - _w(a), a), (380.0 - _w(a), a)]
        for n, a in zip(names, amounts, strict=True)
    ]
    regions = _lines(head + rows)
    return find_tables(number, [t for _, t in regions], [b for b, _ in regions], [])


def test_a_continued_table_is_cut_as_the_part_it_continues() -> None:
    """Different gutters on the two pages (a longer name, a wider figure): both parts are
    cut at one set of bounds, in the room both leave free, each cell in its column."""
    before = _page(1, ["一般公共服务支出", "人大事务"], ["1,234.56", "12.00"])
    after = _page(2, ["代表工作及其他人大事务", "行政运行"], ["1,234,567.89", "3.50"])
    assert before.found[0].xs != after.found[0].xs
    assert join(before, after)
    assert before.found[0].xs == after.found[0].xs
    for tables in (before, after):
        t = tables.found[0]
        for x0, _, x1, _ in t.boxes.values():
            assert sum(1 for x in t.xs if x0 < x < x1) == 0  # no region cut by a bound
    # no room both pages leave free: not joined
    third = _page(3, ["代表工作及其他人大事务支出补助经费专项款", "培训"], ["1.00", "2.00"])
    assert third.found and not join(after, third)


def test_a_ruled_table_is_left_to_the_ruled_reader() -> None:
    """Regions inside a table drawn with its lattice are not rebuilt again."""
    xs, ys = [40.0, 200.0, 400.0], [86.0, 108.0, 130.0, 152.0, 174.0, 196.0]
    edges = [Edge("h", xs[0], y, xs[-1], y) for y in ys]
    edges += [Edge("v", x, ys[0], x, ys[-1]) for x in xs]
    regions = _lines(
        [[(50.0, "项目"), (300.0, "金额")]]
        + [[(50.0, "基本支出"), (300.0, f"{k},234.56")] for k in range(1, 5)]
    )
    out_edges, boxes, notes = unruled_tables(
        1, [t for _, t in regions], [b for b, _ in regions], edges
    )
    assert out_edges == edges and boxes == [b for b, _ in regions] and notes == []


ROWS: list[tuple[str, str, list[str | None]]] = [
    ("201", "一般公共服务支出", ["1,234.56", "1,000.00", "800.00", "200.00", "234.56"]),
    ("20101", "人大事务", ["1,234.56", "1,000.00", "800.00", "200.00", "234.56"]),
    ("2010101", "行政运行", ["1,000.00", "1,000.00", "800.00", "200.00", None]),
    ("2010108", "代表工作及其他人大事务支出", ["234.56", None, None, None, "234.56"]),
    ("208", "社会保障和就业支出", ["96.30", "96.30", "96.30", None, None]),
    ("", "合计", ["1,330.86", "1,096.30", "896.30", "200.00", "234.56"]),
]
MORE: list[tuple[str, str, list[str | None]]] = [
    ("20805", "行政事业单位养老支出", ["96.30", "96.30", "96.30", None, None]),
    ("2080505", "机关事业单位基本养老保险缴费支出", ["64.20", "64.20", "64.20", None, None]),
]

#: One scanned page per layout class (OCR costs seconds a page, so only these).
SCANS = {
    "no-lines-right": Spec(ROWS, style="none"),
    "three-line-centred": Spec(ROWS, style="three-line", centred=True),
    "row-rules-continued": Spec(ROWS[:-1], style="rows", more=[*MORE, ROWS[-1]]),
}


@pytest.mark.parametrize("name", list(SCANS))
def test_a_scanned_unruled_table_reads_as_printed(name: str, tmp_path: Path) -> None:
    spec = SCANS[name]
    ruled = Spec(spec.rows, style="ruled", centred=spec.centred, more=spec.more)
    expected = facts(load(write(tmp_path / "ruled.pdf", ruled)))
    original = write(tmp_path / "unruled.pdf", spec)
    pages = [1, 2] if spec.more else [1]
    scan = load(scanned(original, pages, tmp_path / "scan.pdf"))
    assert len(expected) >= 20
    got = facts(scan)
    assert got == expected
    assert {f.column for f in got} == set(COLUMNS)
    cells = [c for t in scan.tables for r in t.rows for c in r.cells.values()]
    assert cells and all(c.source.ocr for c in cells)
    assert not any(x.startswith(UNRULED_REFUSED) for x in scan.diagnostics)
    # the blank 项目支出 of 行政运行 stays blank in its column (not the next amount shifted)
    table = scan.tables[0]
    row = next(r for r in table.rows if r.code == "2010101")
    named = {c.key: row.cells.get(c.index) for c in table.columns if c.role == "amount"}
    assert named["项目支出"] is None or named["项目支出"].value is None
