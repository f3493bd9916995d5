"""A table continued on the next page (续表): stitching it to the table it continues.

The reader first turns each page into items, top to bottom (:class:`Page`): text
lines and ruled tables (:class:`Table`, cells tagged with their page).  A page's
first table continues the previous page's last table when its column rulings line
up with it and only furniture stands above it: a ``续表`` line, a meta line, the
first part's title repeated, a running header; a running footer may stand under
the first part.  Header rows that repeat the first part's are dropped, and a
first row that only ends the labels the page break cut (十七、国土海洋气象等支 / 出)
is joined to the row it continues.  A first row that reads as a header of its own
(no digit, every column labelled) and is not the first part's header starts a new
table instead: an untitled table laid out like the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan import regex
from yusuan.read.pdf_grid import GridCell
from yusuan.read.pdf_lines import WIDE, Line
from yusuan.regex import lazy

_CONTINUED = regex.compile(r"^[（(]?续(?:表|上表|前表)?[0-9一二三四五六七八九十]*[)）]?$")


@dataclass(slots=True)
class Table:
    """A ruled table being assembled, possibly over several pages."""

    xs: list[float]
    rows: list[list[tuple[int, GridCell]]]  # (page, cell) with cell.col/colspan on ``xs``
    top: float
    page: int
    last_page: int = 0


@dataclass(slots=True)
class Page:
    number: int
    items: list[tuple[float, Line | Table]] = field(default_factory=list)
    width: float = 0.0


def _col_map(xs: list[float], base: list[float], tol: float) -> dict[int, int] | None:
    """Map each x of ``xs`` to an index of ``base`` (None when they do not line up)."""
    out: dict[int, int] = {}
    for i, x in enumerate(xs):
        j = min(range(len(base)), key=lambda k: abs(base[k] - x))
        if abs(base[j] - x) > tol:
            return None
        out[i] = j
    if out[0] != 0 or out[len(xs) - 1] != len(base) - 1:
        return None
    return out


def _row_key(row: list[tuple[int, GridCell]]) -> tuple[tuple[int, int, str], ...]:
    return tuple((c.col, c.colspan, "".join(c.text.split())) for _, c in row)


def _stitch(base: Table, more: Table, tol: float) -> bool:
    """Append ``more`` (the next page's first table) to ``base`` when its columns line up."""
    mapping = _col_map(more.xs, base.xs, tol)
    if mapping is None:
        return False
    rows: list[list[tuple[int, GridCell]]] = []
    for row in more.rows:
        mapped = []
        for page, c in row:
            first, last = mapping[c.col], mapping[c.col + c.colspan]
            c.col, c.colspan = first, max(1, last - first)
            mapped.append((page, c))
        rows.append(mapped)
    # a header repeated on the new page is dropped
    k = 0
    while k < len(rows) and k < len(base.rows) and _row_key(rows[k]) == _row_key(base.rows[k]):
        k += 1
    if not k and rows and _header_like(rows[0], len(base.xs) - 1):
        return False  # a header of its own: a new table with the same columns, untitled
    if k and k < len(rows):
        rows = rows[k:]
    if rows and base.rows and _split_cell(base.rows[-1], rows[0]):
        _merge_into(base.rows[-1], rows.pop(0))
    base.rows.extend(rows)
    base.last_page = more.page
    return True


def _header_like(row: list[tuple[int, GridCell]], width: int) -> bool:
    """A row that reads as a table's header: no digit anywhere, every column labelled
    (a body row without amounts leaves its amount cells blank)."""
    filled = [c for _, c in row if c.text.strip()]
    if any(ch.isdigit() for c in filled for ch in c.text):
        return False
    return len(filled) >= 2 and sum(c.colspan for c in filled) >= width


_FRAGMENT = regex.compile(r"^[^\d\s、，,.．（(]{1,4}$")


def _split_cell(last: list[tuple[int, GridCell]], first: list[tuple[int, GridCell]]) -> bool:
    """True when ``first`` (atop the next page) only ends label cells of ``last``.

    A label broken by the page break (十七、国土海洋气象等支 / 出, 当年收入 / 小计)
    leaves a row of a few characters and no amount under the text it continues.
    """
    before = {c.col: "".join(c.text.split()) for _, c in last}
    filled = [(c.col, "".join(c.text.split())) for _, c in first if c.text.strip()]
    return bool(filled) and all(
        _FRAGMENT.match(text) and before.get(col) and not before[col][-1].isdigit()
        for col, text in filled
    )


def _merge_into(last: list[tuple[int, GridCell]], first: list[tuple[int, GridCell]]) -> None:
    by_col = {c.col: c for _, c in last}
    for _, c in first:
        if c.text.strip():
            by_col[c.col].text = "".join(by_col[c.col].text.split()) + "".join(c.text.split())


def _furniture(line: Line) -> bool:
    """A line that may stand above a continued table: 续表, a repeated title (…续), a meta line."""
    t = "".join(line.text.split())
    return bool(_CONTINUED.match(t)) or ("续" in t and len(t) <= 40) or WIDE in line.text


def _above(items: list[tuple[float, Line | Table]], k: int) -> set[str]:
    """The texts of the lines right above item ``k`` (its title and meta lines)."""
    out: set[str] = set()
    j = k - 1
    while j >= 0 and isinstance(ln := items[j][1], Line):
        out.add("".join(ln.text.split()))
        j -= 1
    return out


_SPACES_AND_DIGITS = lazy(r"[\s\d]+")


def _key(line: Line) -> str:
    """A line's text without whitespace or digits (a running header's page number varies)."""
    return _SPACES_AND_DIGITS.sub("", line.text)


def _running(pages: list[Page]) -> tuple[set[str], set[str]]:
    """Running headers and footers: texts that are the first (last) line of two pages or more."""
    firsts: dict[str, int] = {}
    lasts: dict[str, int] = {}
    for page in pages:
        lines = [it for _, it in page.items if isinstance(it, Line)]
        if lines:
            for seen, line in ((firsts, lines[0]), (lasts, lines[-1])):
                if key := _key(line):
                    seen[key] = seen.get(key, 0) + 1
    return {k for k, n in firsts.items() if n >= 2}, {k for k, n in lasts.items() if n >= 2}


def stitch_pages(pages: list[Page], tol: float) -> None:
    """Merge a page's first table into the previous page's last table when it continues it.

    Only 续表 lines, meta lines, the lines printed above the first part (its title
    repeated) and a running header may stand before the continuation; a running
    footer may stand under the first part.
    """
    last: Table | None = None
    heading: set[str] = set()
    tops, feet = _running(pages)
    for page in pages:
        items = page.items
        first = next((k for k, (_, it) in enumerate(items) if isinstance(it, Table)), None)
        if last is not None and first is not None:
            cand = items[first][1]
            assert isinstance(cand, Table)
            before = [it for _, it in items[:first] if isinstance(it, Line)]
            repeated = all(
                _furniture(ln) or "".join(ln.text.split()) in heading or _key(ln) in tops
                for ln in before
            )
            if repeated and _stitch(last, cand, tol):
                del items[: first + 1]
                if not items:  # the page held only the continuation
                    continue
        end = len(items)  # a running footer under the table does not end it
        while end and isinstance(it := items[end - 1][1], Line) and _key(it) in feet:
            end -= 1
        tail = items[end - 1][1] if end else None
        last = tail if isinstance(tail, Table) else None
        if last is not None and last.page == page.number:
            heading = _above(items, end - 1)
