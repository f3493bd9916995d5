"""A table as printed in the official form: every writer lays out this one grid.

:func:`table_grid` turns a :class:`~yusuan.model.Table` into a :class:`Grid`:
the title, the meta line (编制部门 · 预算年度 · 单位), the header cells placed with
their merges (a node spans its leaf columns; a leaf shallower than the tree is
merged down to the last header row), the 栏次 row when the table has a 序号
column, one printed row per distinct ``Row.index`` (both sides of a two-sided
table on one line), and the notes.  Amounts print with two decimals (more only
when the value has more, so nothing is ever rounded away), blanks stay blank.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from yusuan.amounts import Unit, parse_amount
from yusuan.model import Column, HeaderNode, Row, Table, TableId

Kind = Literal["seq", "code", "item", "amount", "count", "text"]
#: Tables wider than this many printed columns go on a landscape page.
LANDSCAPE_COLUMNS = 7
#: Or wider than this many half-width characters in total.
LANDSCAPE_CHARS = 110
MIN_WIDTH = {"seq": 4, "code": 8, "amount": 10, "count": 6, "item": 16, "text": 8}


@dataclass(frozen=True)
class Placed:
    """A header cell: its label and the grid rectangle it covers (0-based, inclusive)."""

    label: str
    top: int
    first: int
    bottom: int
    last: int


@dataclass
class Grid:
    title: str
    meta: list[str]
    header: list[Placed]
    depth: int  # header rows
    lanci: list[str] | None  # the 栏次 row, or None
    body: list[list[str]]  # printed rows, one string per column
    kinds: list[Kind]  # per column
    indents: list[int] = field(default_factory=list)  # per body row: item depth (0..2)
    notes: list[str] = field(default_factory=list)
    goals: str | None = None  # a 绩效目标表's goal text, printed above the header
    #: body cells merged down (0-based body rows): a group label beside its sub-items,
    #: printed for reading only (``as_read``); the other writers print no body merges
    merges: list[Placed] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return len(self.kinds)

    def _widths(self, label_lines: int) -> list[int]:
        out = []
        for c in range(self.ncols):
            labels = [p.label for p in self.header if p.first == p.last == c]
            kind = self.kinds[c]
            longest = max(
                [
                    MIN_WIDTH.get(kind, 4),
                    *(display_width(r[c]) for r in self.body),
                    *(-(-display_width(t) // label_lines) for t in labels),
                ]
            )
            cap = 32 if kind in ("item", "text") else 16
            out.append(min(longest, cap) + 2)
        return out

    @property
    def widths(self) -> list[int]:
        """Each column's width in half-width characters (CJK counts two), bounded."""
        return self._widths(1)

    @property
    def landscape(self) -> bool:
        """Too many columns, or too wide even with each header label on two lines (as the
        PDF and docx may print it: 经济分类 / 科目编码)."""
        return self.ncols > LANDSCAPE_COLUMNS or sum(self._widths(2)) > LANDSCAPE_CHARS


def display_width(text: str) -> int:
    """Printed width in half-width units: East Asian wide characters count two."""
    line = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def fmt_amount(value: Decimal) -> str:
    """Two decimals with thousands separators; more decimals only when the value has them.

    >>> fmt_amount(Decimal("8.3")), fmt_amount(Decimal("1234.5")), fmt_amount(Decimal("0.125"))
    ('8.30', '1,234.50', '0.125')
    """
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return format(value, f",.{places}f")


def fmt_count(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value != 0 else "0"
    return text


def header_depth(nodes: tuple[HeaderNode, ...]) -> int:
    return max((1 + header_depth(n.children) for n in nodes), default=0)


def place_header(nodes: tuple[HeaderNode, ...]) -> list[Placed]:
    depth = header_depth(nodes)
    out: list[Placed] = []

    def visit(node: HeaderNode, level: int) -> None:
        bottom = level if node.children else depth - 1
        out.append(Placed(node.label, level, node.first, bottom, node.last))
        for child in node.children:
            visit(child, level + 1)

    for n in nodes:
        visit(n, 0)
    return out


def header_from_columns(columns: tuple[Column, ...]) -> tuple[HeaderNode, ...]:
    """A header tree from the columns' paths, for a model that carries none."""

    def build(cols: list[Column], level: int) -> tuple[HeaderNode, ...]:
        out: list[HeaderNode] = []
        i = 0
        while i < len(cols):
            c = cols[i]
            label = c.path[level] if level < len(c.path) else c.key
            j = i + 1
            if level < len(c.path) - 1:
                while (
                    j < len(cols)
                    and len(cols[j].path) > level + 1
                    and cols[j].path[: level + 1] == c.path[: level + 1]
                ):
                    j += 1
            group = cols[i:j]
            children = build(group, level + 1) if level < len(c.path) - 1 else ()
            out.append(
                HeaderNode(
                    label=label, first=group[0].index, last=group[-1].index, children=children
                )
            )
            i = j
        return tuple(out)

    return build(sorted(columns, key=lambda c: c.index), 0)


def _code_part(code: str, part: int) -> str:
    bounds = [(0, 3), (3, 5), (5, 7)]
    return code[slice(*bounds[part])] if part < len(bounds) else ""


def meta_line(
    table: Table,
    department: str | None,
    code: str | None,
    year: int | None,
    level: str | None,
    kind: str | None,
) -> list[str]:
    """编制部门 (with its code), 预算年度 and 单位, those known."""
    parts: list[str] = []
    if department:
        who = "编制单位：" if level == "单位" else "编制部门："
        parts.append(f"{who}{code} {department}" if code else f"{who}{department}")
    if year and table.id not in (TableId.ASSETS, TableId.PERFORMANCE, TableId.ORG):
        parts.append(f"{'决算' if kind == '决算' else '预算'}年度：{year}")
    if year and table.id is TableId.ASSETS:
        parts.append(f"截止时间：{year - 1}-12-31")
    unit = table.unit
    if unit is not None and table.id not in (TableId.PERFORMANCE, TableId.ORG):
        parts.append(f"单位：{unit.value}")
    return parts


def _item_label(row: Row) -> str:
    """The printed label; an indented child row also says 其中： so that readers which
    drop leading whitespace (HTML, PDF) keep it a child of the row above."""
    label = row.label
    stripped = label.lstrip()
    if row.depth and stripped != label and not stripped.startswith("其中"):
        return label[: len(label) - len(stripped)] + "其中：" + stripped
    return label


def label_column(table: Table, row: Row) -> int | None:
    """The item column ``row``'s label prints in: on a side printed as several breakdowns
    (several item columns, 功能分类 | 支出用途) the one of the block printing its cells, a
    total's the first; None when the side has one item column (it prints there)."""
    items = [c.index for c in table.columns if c.role == "item" and c.section == row.section]
    if len(items) < 2 or row.depth is None:
        return items[0] if len(items) > 1 else None
    return max([i for i in items if i <= min(row.cells, default=items[0])], default=items[0])


def _cell_text(
    table: Table, row: Row, col: Column, codes: list[Column], as_read: bool = False
) -> str:
    cell = row.cells.get(col.index)
    if as_read and cell is not None and cell.value is not None and _reads_as(cell.text, cell.value):
        return cell.text.strip()  # as printed: 元 without decimals keep their rounding
    if col.role in ("amount", "count") and cell is not None and cell.value is not None:
        return fmt_amount(cell.value) if col.role == "amount" else fmt_count(cell.value)
    if cell is not None:
        return cell.text
    if col.role == "seq":
        return row.seq or ""
    if col.role == "item":
        return _item_label(row)
    if col.role == "code" and row.code is not None:
        return row.code if len(codes) == 1 else _code_part(row.code, codes.index(col))
    return ""


def sub_label_column(table: Table, header: tuple[HeaderNode, ...]) -> tuple[int, int] | None:
    """(item column, sub-label column) of a table whose item labels were read from two
    columns — a group column and, right of it under the same header cell or a blank one,
    the group's items (Jiangsu's 收入预算总表: 一般公共预算资金 | 公共财政拨款(补助)资金):
    the header prints that second column, the table has no column of it."""
    indexes = {c.index for c in table.columns}
    nodes = place_header(header)
    for item in (c for c in table.columns if c.role == "item"):
        sub = item.index + 1
        over = [p for p in nodes if p.first <= sub <= p.last]
        if sub in indexes or not over or not any(r.depth == 1 for r in table.rows):
            continue
        if all(p.first <= item.index or not p.label.strip() for p in over):
            return item.index, sub
    return None


def _merge_groups(body: list[list[str]], indents: list[int], item: int, sub: int) -> list[Placed]:
    """Print each sub-item (a depth-1 line under a depth-0 line) in the sub-label column,
    its group's label merged down over it; the merges, in body rows."""
    merges: list[Placed] = []
    group: int | None = None
    for i, line in enumerate(body):
        if indents[i] == 0 and line[item]:
            group = i
        elif indents[i] >= 1 and group is not None and line[item] and not line[sub]:
            line[sub], line[item] = line[item], ""
            if merges and merges[-1].top == group:
                merges.pop()  # the group's merge grows down by this line
            merges.append(Placed(body[group][item], group, item, i, item))
        else:
            group = None
    return merges


def folded_width(table: Table, placed: list[Placed]) -> int:
    """The columns of one block when ``table`` is one list printed in several column blocks
    side by side (基本支出表: 经济分类科目编码 | 科目名称 | 决算数 twice), else 0: the header
    repeats the table's column labels block after block, the table has the first block's, and
    they include the list's code or name column."""
    n = len(table.columns)
    depth = max((p.bottom for p in placed), default=0)
    leaves = sorted((p for p in placed if p.bottom == depth), key=lambda p: p.first)
    if not n or len(leaves) <= n or len(leaves) % n or any(c.section for c in table.columns):
        return 0
    if not any(c.role in ("code", "item") for c in table.columns):
        # a list folded into blocks repeats its label columns; amounts alone repeating under
        # other heads (三公: 预算数 | 决算数 under each item) are one wide row, not blocks
        return 0
    labels = ["".join(p.label.split()) for p in leaves]
    if not all(labels[i] == labels[i % n] for i in range(len(labels))):
        return 0
    # rows that need more blocks than the header prints (a misread list) are not folded
    blocks = len(leaves) // n
    return n if all(at < blocks for at, _ in fold_blocks(table.rows)) else 0


def fold_blocks(rows: tuple[Row, ...]) -> list[tuple[int, Row]]:
    """(block, row) of a folded table's rows.  Rows come class by class in reading order,
    the classes alternating between the blocks (301 left, 302 right, 303 left, 310 right),
    so a child row (depth ≥ 1) stays in the block of the row before it; a class or total
    row goes to a block whose last row is the line above it — another block than the
    previous row's when two are — else to the first block whose rows all end above it,
    else to a new block."""
    last: list[int] = []  # per block: the index of its lowest row so far
    out: list[tuple[int, Row]] = []
    for row in rows:
        prev = out[-1][0] if out else None
        if prev is not None and row.depth and last[prev] == row.index - 1:
            block = prev
        else:
            above = [b for b, i in enumerate(last) if i == row.index - 1]
            others = [b for b in above if b != prev]
            free = [b for b, i in enumerate(last) if i < row.index]
            block = (others or above or free or [len(last)])[0]
        if block == len(last):
            last.append(row.index)
        last[block] = row.index
        out.append((block, row))
    return out


def _reads_as(text: str, value: Decimal) -> bool:
    try:
        return parse_amount(text) == value
    except ValueError:
        return False


def table_grid(
    table: Table,
    department: str | None = None,
    code: str | None = None,
    year: int | None = None,
    level: str | None = None,
    kind: str | None = None,
    goals: str | None = None,
    as_read: bool = False,
) -> Grid:
    """The printed grid of ``table``; department/year print in the meta line.

    ``as_read`` (a model printed back for reading, :mod:`yusuan.render.lowered`): amounts
    print as their text was read when it says the same value (``94,995,790`` stays without
    decimals, so the rules allow it the same rounding), and rows that share a printed row
    but fill the same columns (one list printed in two column blocks, folded) print on
    lines of their own, and a group's sub-items print in the sub-label column the table was
    read from, the group label merged down beside them (:func:`sub_label_column`)."""
    header = table.header or header_from_columns(table.columns)
    placed = place_header(header)
    ncols = max([len(table.columns), *(p.last + 1 for p in placed)])
    width = 0 if as_read else folded_width(table, placed)
    kinds: list[Kind] = ["text"] * ncols
    for c in table.columns:
        for start in range(0, ncols, width or ncols):
            kinds[start + c.index] = c.role
    by_index: dict[int, list[Row]] = {}
    block: dict[int, int] = {}  # id(row) → the column block it prints in (folded tables)
    for at, one in fold_blocks(table.rows) if width else ((0, r) for r in table.rows):
        by_index.setdefault(one.index, []).append(one)
        block[id(one)] = at
    body: list[list[str]] = []
    indents: list[int] = []
    for index in sorted(by_index):
        lines: list[tuple[list[str], int]] = []
        for row in by_index[index]:
            cols = [
                c
                for c in table.columns
                if c.section == row.section or c.section is None or row.section is None
            ]
            codes = [c for c in cols if c.role == "code"]
            label_at = label_column(table, row)
            texts: dict[int, str] = {}
            for col in cols:
                if col.role == "item" and label_at is not None and col.index != label_at:
                    continue
                text = _cell_text(table, row, col, codes, as_read)
                if text:
                    texts[col.index + block[id(row)] * width] = text
            if not lines or (as_read and any(lines[-1][0][i] for i in texts)):
                lines.append(([""] * ncols, 0))
            printed, depth = lines[-1]
            for i, text in texts.items():
                printed[i] = text
            lines[-1] = (printed, max(depth, row.depth or 0))
        for printed, depth in lines:
            body.append(printed)
            indents.append(depth)
    sub = sub_label_column(table, header) if as_read else None
    merges = _merge_groups(body, indents, *sub) if sub is not None else []
    seq_first = bool(table.columns) and table.columns[0].role == "seq"
    lanci = ["栏次", *(str(i) for i in range(1, ncols))] if seq_first else None
    notes = list(table.notes)
    meta = meta_line(table, department, code, year, level, kind)
    return Grid(
        title=table.title,
        meta=meta,
        header=placed,
        depth=header_depth(header),
        lanci=lanci,
        body=body,
        kinds=kinds,
        indents=indents,
        notes=notes,
        goals=goals,
        merges=merges,
    )


def unit_label(unit: Unit | None) -> str:
    return f"单位：{(unit or Unit.WAN).value}"
