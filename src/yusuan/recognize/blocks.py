"""Column blocks printed side by side: each block's cells become rows of their own.

Some layouts print one side of a table as several blocks of columns: Jiangsu's
收支预算总表 (支出: 功能分类 名称 | 金额 and 支出用途 名称 | 金额) and the Shanghai
基本支出决算表 (编码 | 名称 | 决算数, twice).  :func:`fold_blocks` turns each block's cells
into rows of their own.  Blocks of the same columns (the same header path: one list printed
in two runs) are folded onto the first block, so rules see one column per meaning; blocks
under different headers (功能分类 | 支出用途: two breakdowns of one side) keep their own
columns, so every cell keeps the column it is printed under.
"""

from __future__ import annotations

import itertools

from yusuan import regex
from yusuan.model import Column, Table
from yusuan.read.raw import RawCell
from yusuan.recognize.header import key_of

_ITEM_KEYS = regex.compile(r"^(?:项目|项目名称|科目名称|功能科目名称|经济科目名称|支出用途|科目)$")


def _blocks(columns: list[Column], section: str | None) -> list[list[int]]:
    """The column blocks of one side printed side by side, or [] for a single block.

    A side whose column keys repeat (编码 | 名称 | 决算数 | 编码 | 名称 | 决算数, the
    Shanghai 基本支出决算表) has one block per repetition; otherwise a new block
    starts at each item column (Jiangsu: 功能科目名称 | 金额 | 项目名称 | 金额).
    """
    cols = [c for c in columns if c.section == section and c.role != "seq"]
    n = len(cols)
    for period in range(2, n // 2 + 1):
        if n % period == 0 and all(cols[i].key == cols[i % period].key for i in range(n)):
            if any(c.role in ("item", "code") for c in cols[:period]):
                return [[c.index for c in cols[a : a + period]] for a in range(0, n, period)]
            break
    starts = [
        k
        for k, c in enumerate(cols)
        if c.role == "item" or (c.role == "text" and _ITEM_KEYS.match(c.key))
    ]
    if len(starts) < 2 or starts[0] != 0:
        return []
    bounds = [*starts, len(cols)]
    return [[c.index for c in cols[a:b]] for a, b in itertools.pairwise(bounds)]


def plans(columns: list[Column]) -> list[tuple[str | None, list[list[int]]]]:
    """The column blocks of each side that prints more than one."""
    return [
        (section, b) for section in ("收入", "支出", None) for b in [_blocks(columns, section)] if b
    ]


def distinct(columns: list[Column], blocks: list[list[int]]) -> bool:
    """Blocks printed under different headers (支出/功能分类 | 支出/支出用途): two breakdowns,
    not one list in two runs.  They are not folded; each keeps its own columns."""
    by_index = {c.index: c for c in columns}
    heads = {by_index[b[0]].path[:-1] for b in blocks}
    return len(heads) == len(blocks) and all(len(h) > 1 for h in heads)


def unfolded(columns: list[Column]) -> set[int]:
    """The columns of blocks that keep their own columns (see :func:`distinct`)."""
    return {i for _, bs in plans(columns) if distinct(columns, bs) for b in bs[1:] for i in b}


def fold_blocks(
    body: list[dict[int, RawCell]], columns: list[Column]
) -> tuple[list[dict[int, RawCell]], list[int]]:
    """Fold blocks printed side by side onto the first block's columns.

    Jiangsu's 收支预算总表 prints its 支出 side as two blocks, 功能分类 (名称 | 金额)
    and 支出用途 (名称 | 金额): each printed row gives one row per block, in
    printed order, so both breakdowns stay above 本年支出合计.  A one-sided table
    printed in two or three column blocks (the Shanghai 基本支出决算表: 301 … | 302 …)
    is read block after block, each down the page, with rows whose label spans the
    blocks (合计) last.  A total row whose label spans the blocks takes its amount
    from whichever block prints it.  Returns the rows and the printed row index of each.
    """
    found = plans(columns)
    if not found:
        return body, list(range(len(body)))
    sided = any(section is not None for section, _ in found)
    own = unfolded(columns)
    out: list[dict[int, RawCell]] = []
    indexes: list[int] = []
    later: list[list[tuple[dict[int, RawCell], int]]] = []
    spanning: list[tuple[dict[int, RawCell], int]] = []
    for index, cells in enumerate(body):
        base = dict(cells)
        extra: list[dict[int, RawCell]] = []
        spans = False
        for _, blocks in found:
            first = blocks[0]
            for block in blocks[1:]:
                if len(block) != len(first):
                    continue
                moved = {
                    (b if b in own else a): cells[b]
                    for a, b in zip(first, block, strict=True)
                    if b in cells
                }
                for b in block:
                    base.pop(b, None)
                if (
                    block[0] not in cells
                    or (  # the label spans from the first block: a total
                        block[0] in own
                        and not cells[block[0]].text.strip()
                        and any(b in cells and cells[b].text.strip() for b in block[1:])
                    )
                ):
                    spans = True
                    for a, cell in moved.items():
                        if a not in base or not base[a].text.strip():
                            base[a] = cell
                elif moved:
                    extra.append(moved)
        if sided:
            for row in (base, *extra):
                out.append(row)
                indexes.append(index)
        elif spans and not extra:
            spanning.append((base, index))
        else:
            out.append(base)
            indexes.append(index)
            while len(later) < len(extra):
                later.append([])
            for k, e in enumerate(extra):
                later[k].append((e, index))
    for rows in later:
        for row, index in rows:
            out.append(row)
            indexes.append(index)
    if not sided:  # blocks split the classes (301, 303 | 302, 310): restore code order
        code_cols = [c.index for c in columns if c.role == "code"]
        keys: list[str] = []
        for row in out:
            code = "".join(key_of(row[i].text) for i in code_cols if i in row)[:3]
            keys.append(code if code.isdigit() else (keys[-1] if keys else ""))
        order = sorted(range(len(out)), key=lambda k: keys[k])
        out, indexes = [out[k] for k in order], [indexes[k] for k in order]
    for row, index in spanning:
        out.append(row)
        indexes.append(index)
    return out, indexes


def _breakdowns(table: Table) -> list[list[list[Column]]]:
    """Per side, the blocks of a side printed as several breakdowns (more than one item
    column: :func:`distinct` blocks kept unfolded), each block from its item column on."""
    out = []
    for section in ("收入", "支出"):
        cols = [c for c in table.columns if c.section == section and c.role != "seq"]
        starts = [k for k, c in enumerate(cols) if c.role == "item"]
        if len(starts) < 2 or starts[0] != 0:
            continue
        bounds = [*starts, len(cols)]
        blocks = [cols[a:b] for a, b in itertools.pairwise(bounds)]
        if all([c.role for c in b] == [c.role for c in blocks[0]] for b in blocks):
            out.append(blocks)
    return out


def fold_breakdowns(table: Table) -> Table:
    """The table as the rules read it: the blocks of a side printed as several breakdowns
    (功能分类 | 支出用途) folded onto the first block's columns, one column per meaning.

    The model keeps each cell under the column it is printed in; the rules compare a side's
    rows and totals in one column whichever breakdown prints them.  A row printing a cell in
    two blocks (a total repeated under each) keeps the first block's.
    """
    found = _breakdowns(table)
    if not found:
        return table
    onto = {
        c.index: f.index
        for blocks in found
        for b in blocks[1:]
        for c, f in zip(b, blocks[0], strict=True)
    }
    rows = []
    for r in table.rows:
        cells = {i: c for i, c in r.cells.items() if i not in onto}
        for i, c in r.cells.items():
            if i in onto and (onto[i] not in cells or not cells[onto[i]].text.strip()):
                cells[onto[i]] = c
        rows.append(r.model_copy(update={"cells": cells}) if cells != r.cells else r)
    columns = tuple(c for c in table.columns if c.index not in onto)
    return table.model_copy(update={"columns": columns, "rows": tuple(rows)})
