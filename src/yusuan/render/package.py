"""The disclosure package as printed: cover, 目录, 情况说明, the tables, 名词解释.

:func:`compose` builds a :class:`Package` from a :class:`~yusuan.model.Disclosure`:
the standard tables in the standard order (a missing standard table is added as
the official empty form, the 决算 ones from ``data/final_forms.toml``; an empty
table gets its 空表列示 note; 科目 rows without any amount are left out), the 情况说明 written by
:mod:`yusuan.render.narrative`, and the glossary.  Every writer (xlsx, docx,
html, pdf) prints this one package; :func:`to_raw` lowers it to the readers'
neutral stream, so the gate can check the package exactly as it will read back.
"""

from __future__ import annotations

from yusuan.model import Disclosure, Row, Table, TableId
from yusuan.read.raw import Block as RawBlock
from yusuan.read.raw import RawCell, RawDocument, RawParagraph, RawTable
from yusuan.render import forms, standard
from yusuan.render.blocks import (
    UNVERIFIED,
    Block,
    Heading,
    Package,
    Para,
    Part,
    TableBlock,
    grid_of,
)
from yusuan.render.grid import Grid
from yusuan.render.inputs import INPUT_SHEETS, Inputs, collect
from yusuan.render.narrative import glossary_blocks, narrative_blocks
from yusuan.render.narrative_final import final_parts
from yusuan.render.repair import fill_blank_parents
from yusuan.render.unit import unit_title

# The block types are defined in :mod:`yusuan.render.blocks`; the writers import them from here.
__all__ = [
    "UNVERIFIED",
    "Block",
    "Heading",
    "Package",
    "Para",
    "Part",
    "TableBlock",
    "compose",
    "grid_of",
    "grid_rows",
    "prepare_tables",
    "table_blocks",
    "to_raw",
]


def _input_table(t: Table) -> bool:
    """An input-workbook sheet, or a table without a title (a 决算's 单位构成 list, which
    its 第一部分 prints): neither is one of the package's titled tables."""
    title = "".join(t.title.split())
    return t.id is TableId.UNKNOWN and (title in INPUT_SHEETS or not title)


def _blank(row: Row) -> bool:
    return all(c.value is None for c in row.cells.values())


def prepare_tables(d: Disclosure) -> list[Table]:
    """The package's tables (all but 机构设置 and 绩效目标表) in the standard order."""
    kept = [t for t in d.tables if not _input_table(t)]
    present = {t.id for t in kept}
    kind_forms = forms.forms(d.kind)
    for form in kind_forms:
        if form.id not in present:
            kept.append(
                standard.empty_table(form, d.unit or standard.Unit.WAN, d.department_name or "")
            )
    order = {f.id: i for i, f in enumerate(kind_forms)}
    main = [t for t in kept if t.id not in (TableId.ORG, TableId.PERFORMANCE)]
    main.sort(key=lambda t: order.get(t.id, len(order)))
    out = []
    for t in main:
        f = forms.form(t.id, d.kind)
        if d.kind == "决算" and f is not None and t.is_empty and not f.coded:
            # a 决算 table without any amount prints as its official form: a blank body
            # row leaves a reader no row to tell a deep header (三公: 预算数 | 决算数) from
            form_t = standard.empty_table(f, t.unit or standard.Unit.WAN, d.department_name or "")
            t = form_t.model_copy(update={"notes": t.notes or form_t.notes, "source": t.source})
        if f is not None and f.coded:
            rows = [r for r in t.rows if not (_blank(r) and (r.code or t.is_empty))]
            t = t.model_copy(update={"rows": tuple(rows)})
        if t.is_empty and not any("空表" in n or "无" in n for n in t.notes):
            note = (
                standard.empty_note(f, d.department_name or "")
                if f is not None and f.empty_note
                else "注：本表无数据，空表列示。"
            )
            t = t.model_copy(update={"notes": (*t.notes, note)})
        out.append(t)
    return out


def compose(d: Disclosure, inputs: Inputs | None = None) -> Package:
    """The package of ``d`` in the standard order, with a generated 情况说明.

    Raises :class:`~yusuan.render.inputs.MissingInput` (an ``InputError``) when the
    text needs a value the input does not give, naming the cell to fill.
    """
    inputs = inputs or collect(d)
    department = inputs.department_name or d.department_name or ""
    if not department:
        from yusuan.errors import InputError

        raise InputError(
            "缺少部门名称：请在填报工作簿“部门基本信息”工作表 B3 单元格填写",
            "the department name is missing: fill cell B3 of sheet 部门基本信息",
        )
    pkg = Package(
        department=department,
        code=inputs.department_code,
        year=inputs.year,
        kind=d.kind or "预算",
        level=inputs.level or "部门",
        parts=[],
    )
    tables = []
    for t in prepare_tables(d):
        t, filled = fill_blank_parents(t)
        if pkg.level == "单位":  # 单位…表 where the official form says 部门…表
            t = t.model_copy(update={"title": unit_title(t.title)})
        tables.append(t)
        pkg.filled += [f.line() for f in filled]
    if pkg.kind == "决算":  # the 决算 order and text of its own (#15)
        pkg.parts = final_parts(pkg, d, tables, inputs)
        return pkg
    year = f"{pkg.year}年" if pkg.year else ""
    narrative = Part(
        f"第一部分 {pkg.department}{year}{pkg.level}{pkg.kind}信息公开情况说明",
        f"{pkg.level}{pkg.kind}信息公开情况说明",
    )
    narrative.blocks = narrative_blocks(pkg, d, tables, inputs)
    table_part = Part(f"第二部分 {year}{pkg.level}{pkg.kind}公开表", f"{pkg.level}{pkg.kind}公开表")
    table_part.blocks = [TableBlock(t, grid_of(pkg, t)) for t in tables]
    glossary = Part("第三部分 名词解释", "名词解释", glossary_blocks(inputs))
    pkg.parts = [narrative, table_part, glossary]
    return pkg


# ------------------------------------------------------------------ lowering


_HEADING_LEVEL = {1: 2, 2: 3, 3: 4, 4: 5}  # Heading.level → h2..h5 as the html writer prints


def grid_rows(grid: Grid) -> list[list[RawCell]]:
    """The grid as reader rows: merged cells once at their top-left, with spans."""
    rows: list[list[RawCell]] = []
    if grid.goals is not None:
        rows.append([RawCell("绩效目标"), RawCell(grid.goals, colspan=max(1, grid.ncols - 1))])
    for r in range(grid.depth):
        cells = sorted((p for p in grid.header if p.top == r), key=lambda p: p.first)
        rows.append(
            [
                RawCell(p.label, rowspan=p.bottom - p.top + 1, colspan=p.last - p.first + 1)
                for p in cells
            ]
        )
    if grid.lanci is not None:
        rows.append([RawCell(t) for t in grid.lanci])
    body = grid.body or [[""] * grid.ncols]
    rows += [[RawCell(t) for t in row] for row in body]
    return rows


def table_blocks(grid: Grid, index: int) -> list[RawBlock]:
    out: list[RawBlock] = [RawParagraph(grid.title)]
    out += [RawParagraph(m) for m in grid.meta]
    out.append(RawTable(grid_rows(grid), title=None))
    out += [RawParagraph(n) for n in grid.notes]
    return out


def to_raw(pkg: Package) -> RawDocument:
    """The package as the readers see it (paragraphs and spanned tables in order)."""
    blocks: list[RawBlock] = [RawParagraph(line) for line in pkg.cover()]
    blocks.append(RawParagraph("目录"))
    blocks += [RawParagraph(text) for _, text in pkg.toc()]
    n = 0
    for part in pkg.parts:
        blocks.append(RawParagraph(part.title, heading=2))
        for b in part.blocks:
            if isinstance(b, Heading):
                blocks.append(RawParagraph(b.text, heading=_HEADING_LEVEL.get(b.level, 5)))
            elif isinstance(b, Para):
                blocks.append(RawParagraph(b.text))
            else:
                blocks += table_blocks(b.grid, n)
                n += 1
    return RawDocument(blocks, "html")
