"""Test helpers: write a :class:`~yusuan.model.Disclosure` as published files look.

Each table is printed as: a title paragraph/row, a meta line/row (department,
``预算年度：{year}``, ``单位：{unit}`` when known), the header rows built from the
:class:`~yusuan.model.HeaderNode` tree with real merged cells (a node spans its
leaf columns; a leaf shallower than the tree is merged down to the last header
row), one printed row per distinct ``Row.index``, then the notes.

``write_docx`` also writes the narrative (section titles as headings, then their
paragraphs, depth first) after the tables.  ``write_xlsx`` writes one sheet per
table with amounts as real numbers (format ``0.00``) when the float is exact.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt
from openpyxl.styles import Border, Side
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.model import Disclosure, HeaderNode, Row, Section, Table

_DEPT_PREFIX = re.compile(r"^(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：]")

Placed = tuple[str, int, int, int, int]  # label, top row, first col, bottom row, last col


def header_depth(nodes: tuple[HeaderNode, ...]) -> int:
    """Number of header rows the tree needs."""
    return max((1 + header_depth(n.children) for n in nodes), default=0)


def place_header(nodes: tuple[HeaderNode, ...]) -> list[Placed]:
    """Every header node on the grid: (label, top, first, bottom, last), 0-based."""
    depth = header_depth(nodes)
    out: list[Placed] = []

    def visit(node: HeaderNode, level: int) -> None:
        bottom = level if node.children else depth - 1
        out.append((node.label, level, node.first, bottom, node.last))
        for child in node.children:
            visit(child, level + 1)

    for n in nodes:
        visit(n, 0)
    return out


def width(table: Table) -> int:
    leaves = [n.last for n in _walk(table.header)]
    return max([len(table.columns), *(x + 1 for x in leaves)])


def _walk(nodes: tuple[HeaderNode, ...]) -> list[HeaderNode]:
    out: list[HeaderNode] = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def meta_parts(table: Table, disclosure: Disclosure) -> list[str]:
    """The meta line's parts: department, 预算年度 and 单位, those known.

    The department is printed ``编制部门：{name}`` (``编制单位：`` for a 单位 package)
    as the official templates do, unless it already carries such a prefix.
    """
    parts: list[str] = []
    department = table.department or disclosure.department_name
    year = table.year or disclosure.year
    unit = table.unit or disclosure.unit
    if department:
        if not _DEPT_PREFIX.match(department):
            who = "编制单位：" if disclosure.level == "单位" else "编制部门："
            department = who + department
        parts.append(department)
    if year:
        parts.append(f"预算年度：{year}")
    if unit is not None:
        parts.append(f"单位：{unit.value}")
    elif table.unit_text:
        parts.append(table.unit_text)
    return parts


def printed_rows(table: Table) -> list[dict[int, tuple[str, Decimal | None]]]:
    """One printed row per distinct ``Row.index``: column -> (text, amount or None)."""
    by_index: dict[int, list[Row]] = {}
    for row in table.rows:
        by_index.setdefault(row.index, []).append(row)
    out: list[dict[int, tuple[str, Decimal | None]]] = []
    for index in sorted(by_index):
        printed: dict[int, tuple[str, Decimal | None]] = {}
        for row in by_index[index]:
            cols = [
                c
                for c in table.columns
                if c.section == row.section or c.section is None or row.section is None
            ]
            codes = [c for c in cols if c.role == "code"]
            for col in cols:
                if col.index in row.cells:
                    cell = row.cells[col.index]
                    printed[col.index] = (cell.text, cell.value)
                elif col.role == "seq" and row.seq is not None:
                    printed[col.index] = (row.seq, None)
                elif col.role == "item" and row.label:
                    printed[col.index] = (row.label, None)
                elif col.role == "code" and row.code is not None:
                    text = row.code if len(codes) == 1 else _code_part(row.code, codes.index(col))
                    printed[col.index] = (text, None)
        out.append(printed)
    return out


def _code_part(code: str, part: int) -> str:
    """The 类 / 款 / 项 part of a function code printed over several columns."""
    bounds = [(0, 3), (3, 5), (5, 7)]
    if part >= len(bounds):
        return ""
    a, b = bounds[part]
    return code[a:b]


# --------------------------------------------------------------------- docx


def write_docx(disclosure: Disclosure, path: Path) -> Path:
    """Write the tables (and the narrative after them) to a ``.docx``."""
    document = docx.Document()
    for table in disclosure.tables:
        _docx_table(document, table, disclosure)
    for section in disclosure.narrative.sections:
        _docx_section(document, section, 1)
    document.save(str(path))
    return path


def _docx_table(document: docx.document.Document, table: Table, disclosure: Disclosure) -> None:
    document.add_paragraph(table.title)
    parts = meta_parts(table, disclosure)
    if parts:
        document.add_paragraph("    ".join(parts))
    depth = header_depth(table.header)
    body = printed_rows(table)
    ncols = width(table)
    grid = document.add_table(rows=depth + len(body), cols=ncols)
    grid.style = "Table Grid"
    for label, top, first, bottom, last in place_header(table.header):
        cell = grid.cell(top, first)
        if (bottom, last) != (top, first):
            cell = cell.merge(grid.cell(bottom, last))
        cell.text = label
    for r, printed in enumerate(body):
        for c, (text, _value) in printed.items():
            grid.cell(depth + r, c).text = text
    for note in table.notes:
        document.add_paragraph(note)


def _docx_section(document: docx.document.Document, section: Section, level: int) -> None:
    document.add_heading(section.title, level=min(level, 9))
    for p in section.paragraphs:
        para = document.add_paragraph(p.text)
        para.paragraph_format.first_line_indent = Pt(24)
    for child in section.children:
        _docx_section(document, child, level + 1)


# --------------------------------------------------------------------- xlsx

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """First 31 characters of ``title`` without forbidden characters, made unique."""
    base = _FORBIDDEN.sub("", title).strip("'") or "Sheet"
    name = base[:31]
    n = 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def exact_float(value: Decimal) -> float | None:
    """``float(value)`` when it reads back as exactly ``value``, else None."""
    f = float(value)
    return f if Decimal(repr(f)) == value else None


def write_xlsx(disclosure: Disclosure, path: Path) -> Path:
    """Write one sheet per table to an ``.xlsx``."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in disclosure.tables:
        ws = book.create_sheet(sheet_name(table.title, taken))
        _xlsx_table(ws, table, disclosure)
    book.save(str(path))
    return path


def _xlsx_table(ws: Worksheet, table: Table, disclosure: Disclosure) -> None:
    ncols = width(table)
    ws.cell(1, 1, table.title)
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    row = 2
    parts = meta_parts(table, disclosure)
    if parts:  # department left, 年度 in the middle, 单位 right, as printed
        if len(parts) > ncols:
            parts = [*parts[: ncols - 1], "  ".join(parts[ncols - 1 :])]
        slots = (
            [0] if len(parts) == 1 else [0, *(ncols - len(parts) + i for i in range(1, len(parts)))]
        )
        for slot, text in zip(slots, parts, strict=True):
            ws.cell(row, slot + 1, text)
        row += 1
    depth = header_depth(table.header)
    for label, top, first, bottom, last in place_header(table.header):
        ws.cell(row + top, first + 1, label)
        if (bottom, last) != (top, first):
            ws.merge_cells(
                start_row=row + top,
                start_column=first + 1,
                end_row=row + bottom,
                end_column=last + 1,
            )
    amount_cols = {c.index for c in table.columns if c.role in ("amount", "count")}
    body = printed_rows(table)
    for r, printed in enumerate(body):
        for c, (text, value) in printed.items():
            cell = ws.cell(row + depth + r, c + 1)
            exact = exact_float(value) if value is not None and c in amount_cols else None
            if exact is not None:
                cell.value = exact
                cell.number_format = "0.00"
            else:
                cell.value = text
    for r in range(row, row + depth + len(body)):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = _BOX
    for i, note in enumerate(table.notes):
        ws.cell(row + depth + len(body) + i, 1, note)


# ------------------------------------------------------------------- sample


def sample_disclosure() -> Disclosure:
    """A small disclosure: a one-sided table with a 2-level header and a two-sided one."""
    from yusuan.amounts import Unit
    from yusuan.model import Cell, Column, Narrative, Paragraph, TableId

    def cell(text: str) -> Cell:
        return Cell(text=text, value=Decimal(text.replace(",", "")) if text else None)

    revenue = Table(
        id=TableId.REVENUE,
        title="2026年部门收入预算总表",
        unit=Unit.WAN,
        header=(
            HeaderNode(label="序号", first=0, last=0),
            HeaderNode(label="项目", first=1, last=1),
            HeaderNode(
                label="本年收入",
                first=2,
                last=3,
                children=(
                    HeaderNode(label="小计", first=2, last=2),
                    HeaderNode(label="财政拨款", first=3, last=3),
                ),
            ),
        ),
        columns=(
            Column(index=0, key="序号", path=("序号",), role="seq"),
            Column(index=1, key="项目", path=("项目",), role="item"),
            Column(index=2, key="小计", path=("本年收入", "小计"), role="amount"),
            Column(index=3, key="财政拨款", path=("本年收入", "财政拨款"), role="amount"),
        ),
        rows=(
            Row(
                index=0,
                seq="1",
                label="一、工资福利支出",
                cells={2: cell("1,234.50"), 3: cell("593.58")},
            ),
            Row(
                index=1, seq="2", label="二、商品和服务支出", cells={2: cell("163.00"), 3: cell("")}
            ),
        ),
        notes=("注：本表金额为预算数。",),
    )
    summary = Table(
        id=TableId.SUMMARY,
        title="2026年部门财务收支预算总表",
        unit=Unit.YUAN,
        header=(
            HeaderNode(
                label="收入",
                first=0,
                last=1,
                children=(
                    HeaderNode(label="项目", first=0, last=0),
                    HeaderNode(label="预算数", first=1, last=1),
                ),
            ),
            HeaderNode(
                label="支出",
                first=2,
                last=3,
                children=(
                    HeaderNode(label="项目", first=2, last=2),
                    HeaderNode(label="预算数", first=3, last=3),
                ),
            ),
        ),
        columns=(
            Column(index=0, key="项目", path=("收入", "项目"), role="item", section="收入"),
            Column(index=1, key="预算数", path=("收入", "预算数"), role="amount", section="收入"),
            Column(index=2, key="项目", path=("支出", "项目"), role="item", section="支出"),
            Column(index=3, key="预算数", path=("支出", "预算数"), role="amount", section="支出"),
        ),
        rows=(
            Row(index=0, label="一、财政拨款收入", section="收入", cells={1: cell("100.10")}),
            Row(index=0, label="一、一般公共服务支出", section="支出", cells={3: cell("60.00")}),
            Row(index=1, label="收入总计", section="收入", cells={1: cell("100.10")}),
            Row(index=1, label="支出总计", section="支出", cells={3: cell("100.10")}),
        ),
    )
    narrative = Narrative(
        sections=(
            Section(
                title="第一部分 部门概况",
                style="part",
                paragraphs=(Paragraph(text="本部门主要职能是……"),),
                children=(
                    Section(
                        title="一、收入预算",
                        style="cn",
                        paragraphs=(Paragraph(text="收入1,234.50万元。"),),
                    ),
                ),
            ),
        )
    )
    return Disclosure(
        kind="预算",
        level="部门",
        department_name="上海市普陀区XX局",
        year=2026,
        tables=(revenue, summary),
        narrative=narrative,
    )
