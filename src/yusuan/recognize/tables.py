"""From a :class:`RawTable` to a typed :class:`~yusuan.model.Table`.

Steps: the table's preamble rows (department, 预算年度, 单位) are read as
metadata; the header rows are found (up to the 栏次 row, or up to the first row
that holds data); the header tree and leaf columns are built; every data row
becomes one logical row, or two on a two-sided table (收入 | 支出).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from yusuan import regex
from yusuan.amounts import is_amount_text, parse_amount
from yusuan.model import Cell, Column, ColumnRole, Row, Source, Table, TableId
from yusuan.read.raw import RawCell, RawTable
from yusuan.recognize.blocks import fold_blocks, plans, unfolded
from yusuan.recognize.header import (
    Slot,
    build_tree,
    infer_slots,
    key_of,
    leaves,
    place,
    spanned_slots,
)
from yusuan.recognize.labels import (
    ARABIC,
    CN_TOP,
    ascii_digits,
    join_codes,
    strip_numbering,
    with_depths,
)
from yusuan.recognize.meta import Meta, is_meta_row, meta_of_text, meta_parts, unit_from_header
from yusuan.recognize.titles import match_title
from yusuan.regex import lazy

_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_LABEL = regex.compile(r"^(\d{3}(?:\d{2}){0,2})\s+(\S.*)$")
_TOTAL_WORDS = ("合计", "总计")
_DECIMAL = regex.compile(r"\d[.．。]\d")


def _is_lanci(row: list[RawCell]) -> bool:
    first = key_of(row[0].text) if row else ""
    return first in ("栏次", "行次") or (
        len(row) > 2
        and first == "1"  # the cheap tests first: most rows fail them
        and key_of(row[1].text) == "2"
        and all(k.isdigit() for c in row if (k := key_of(c.text)))
    )


def _is_data_row(row: list[RawCell]) -> bool:
    keys = [key_of(c.text) for c in row]
    # a total row: its first word says 合计 (wherever the label column is: after 序号
    # and split 类/款/项 columns), every other cell is a number (元 print no decimals)
    words = [i for i, k in enumerate(keys) if k and not k.isdigit()][:1]  # past a 序号
    totals = [i for i in words if keys[i] in _TOTAL_WORDS or keys[i].endswith(_TOTAL_WORDS)]
    if totals and all(
        not k or k.isdigit() or is_amount_text(k) for i, k in enumerate(keys) if i != totals[0]
    ):
        return True
    if any(_CODE.match(k) for k in keys[:3]):
        return True
    if any(CN_TOP.match(k) or ARABIC.match(k) for k in keys[:2]):  # 一、… or 1. items
        return True
    # a figure with a decimal point, or one misprinted around it (155。59, 155.59万元): data
    return any(("." in k and is_amount_text(k)) or _DECIMAL.search(k) for k in keys[1:])


_TEXT_HEADER = lazy(
    r"(名称|性质|规格|形式|目录序号|备注|说明|依据|指标|品目|大类|类别|方式|^计量单位|^单位)$"
)


def _role(key: str, samples: list[str], first_item: bool) -> ColumnRole:
    if key in ("序号", "行次", "栏次"):
        return "seq"
    if "编码" in key or "代码" in key or key in ("类", "款", "项"):
        return "code"
    if first_item and (
        key in ("项目", "科目", "项目名称", "科目名称")
        or key.endswith("名称")
        or key.endswith("科目")
    ):
        return "item"
    if key in ("数量",) or key.endswith(("人数", "（人）", "(人)", "（辆）", "(辆)", "个数")):
        return "count"
    filled = [k for s in samples if (k := key_of(s))]
    numbers = placeholders = 0
    for s in filled:  # a placeholder holds no digit: never a number, so tried only on the rest
        if is_amount_text(s):
            numbers += 1
        elif _PLACEHOLDER.match(s):
            placeholders += 1
    textual = _TEXT_HEADER.search(key)
    if textual and numbers < len(filled):
        return "text"
    if not filled:
        return "text" if textual else "amount"
    # An amount column may hold a stray word or an XX placeholder (a defect the
    # rules report); a column of words is text.
    if numbers and numbers + placeholders >= len(filled) / 2:
        return "amount"
    if placeholders == len(filled):
        return "amount"
    return "text"


_PLACEHOLDER = regex.compile(r"^[xX×✕＊*…·.,，\-—]+(?:万元|元)?$")


_SIDE_WORDS = ("", "预算", "决算", "项目", "预算数")


def _section(path: tuple[str, ...]) -> Literal["收入", "支出"] | None:
    """The side of a two-sided table a column belongs to, from its top header cell
    (收入 / 本年收入 / 财政拨款收入 / 收入预算 …; likewise 支出)."""
    top = path[0] if path else ""
    sides: tuple[Literal["收入", "支出"], ...] = ("收入", "支出")
    for side in sides:
        if any(top.endswith(side + w) for w in _SIDE_WORDS) and len(top) <= len(side) + 6:
            return side
    return None


def _positioned(rows: list[list[RawCell]], spans_known: bool) -> list[dict[int, RawCell]]:
    if not spans_known:
        return [dict(enumerate(row)) for row in rows]
    return [dict(placed) for placed in place(rows)]


def _split_header(
    rows: list[list[RawCell]], spans_known: bool
) -> tuple[list[list[RawCell]], list[list[RawCell]]]:
    """Header rows and body rows: up to the 栏次 row, else up to the first data row."""
    indicator = next(  # (a cell whose key is 一级指标 holds 标, however spaced: tested first)
        (
            i
            for i, r in enumerate(rows)
            if any("标" in c.text and key_of(c.text) == "一级指标" for c in r)
        ),
        None,
    )
    if indicator is not None:  # a 绩效目标表: the goal rows above the header are not columns
        return rows[indicator : indicator + 1], rows[indicator + 1 :]
    lanci = next((i for i, r in enumerate(rows) if _is_lanci(r)), None)
    if lanci is not None:
        return rows[:lanci], rows[lanci + 1 :]
    first = next((i for i, r in enumerate(rows) if i > 0 and _is_data_row(r)), None)
    if first is None:  # no amount anywhere (an empty table): the header ends at a blank row
        blank = next(
            (i for i, r in enumerate(rows) if i > 0 and not any(key_of(c.text) for c in r)), None
        )
        first = blank if blank is not None else min(1, len(rows))
    if not spans_known:  # rows shorter than the table lost their merges: header rows
        width = max((len(r) for r in rows), default=0)
        while first < len(rows) and len(rows[first]) < width:
            first += 1
    else:  # a header cell merged downwards keeps the rows it covers in the header
        reach = 0
        for i, r in enumerate(rows):
            if i >= first and i > reach:
                break
            reach = max([reach, *(i + c.rowspan - 1 for c in r)])
        first = max(first, min(reach + 1, len(rows)))
    return rows[:first], rows[first:]


def recognize_table(
    raw: RawTable,
    title: str | None,
    table_no: int,
    notes: tuple[str, ...] = (),
    preamble: tuple[str, ...] = (),
) -> tuple[Table, Meta]:
    """Recognize one raw table. ``title`` is the printed title found for it;
    ``preamble`` the metadata lines printed above it outside the grid."""
    rows = [r for r in raw.rows if r]
    meta = Meta()
    for text in preamble:
        for part in meta_parts(text):
            meta_of_text(part, meta)
    while rows and is_meta_row(rows[0]):
        for c in rows[0]:
            meta_of_text(c.text, meta)
        rows = rows[1:]
    printed_title = (title or raw.title or "").strip()
    table_id = match_title(printed_title) or TableId.UNKNOWN

    # Header rows: up to the 栏次 row, else up to the first data row (at least one).
    head, body = _split_header(rows, raw.spans_known)

    if raw.spans_known:
        slots, width = spanned_slots(head)
        body_pos = _positioned(body, True)
        width = max([width, *(max(p) + p[max(p)].colspan for p in body_pos if p)])
    else:
        width = max([0, *(len(r) for r in rows)])
        slots = infer_slots(head, width)
    if not any(slots) and width:
        slots = [[Slot("", i, i, 0, 0) for i in range(width)]]
    unit_from_header(meta, [printed_title, *(s.label for row_slots in slots for s in row_slots)])
    tree = build_tree(slots)
    paths = leaves(tree, width)
    if not raw.spans_known:
        body_pos = _positioned(body, False)
    all_keys = [tuple(key_of(n.label) for n in path) for path in paths]
    sections = [_section(keys) for keys in all_keys]
    if {s for s in sections if s} != {"收入", "支出"}:  # one side only: not a two-sided table
        sections = [None] * len(sections)
    columns: list[Column] = []
    sided_items: set[str | None] = set()  # one item column per side of a two-sided table
    for i, (keys, section) in enumerate(zip(all_keys, sections, strict=True)):
        key = keys[-1] if keys else ""
        samples = [p[i].text for p in body_pos if i in p]
        role = _role(key, samples, section not in sided_items)
        if role == "item":
            sided_items.add(section)
        columns.append(Column(index=i, key=key, path=keys, role=role, section=section))

    subs = sub_label_columns(columns, body_pos)
    columns = [c for c in columns if c.index not in subs.values()]
    own = unfolded(columns)
    labels = {b[0] for _, bs in plans(columns) for b in bs[1:] if b[0] in own}
    columns = [  # an unfolded block's name column labels the rows printed in that block
        c.model_copy(update={"role": "item"}) if c.index in labels else c for c in columns
    ]
    folded, indexes = fold_blocks(body_pos, columns)
    if folded is not body_pos:  # the blocks folded onto the first hold no cells any more
        moved = {i for _, blocks in plans(columns) for b in blocks[1:] for i in b} - own
        columns = [c for c in columns if c.index not in moved]
    out_rows = _rows(folded, columns, indexes, subs)
    table = Table(
        id=table_id,
        title=printed_title,
        unit=meta.unit,
        unit_text=meta.unit_text,
        department=meta.department,
        year=meta.year,
        header=tree,
        columns=tuple(columns),
        rows=tuple(out_rows),
        notes=notes,
        source=raw.source.model_copy(update={"table": table_no}),
    )
    return table, meta


def _rows(
    body: list[dict[int, RawCell]],
    columns: list[Column],
    indexes: list[int] | None = None,
    subs: dict[int, int] | None = None,
) -> list[Row]:
    present = {c.section for c in columns}
    sides: tuple[Literal["收入", "支出"], ...] = ("收入", "支出")
    sections: list[Literal["收入", "支出"] | None] = [s for s in sides if s in present] or [None]
    out: list[Row] = []
    children: set[int] = set()  # positions in ``out`` of rows labelled by a sub-label column
    by_section = {  # the columns each side reads, chosen once for the table (not per row)
        section: [
            c for c in columns if c.section == section or (c.section is None and c.role == "seq")
        ]
        for section in sections
    }
    for k, cells in enumerate(body):
        index = indexes[k] if indexes is not None else k
        src = next(iter(cells.values())).source if cells else Source()
        for section in sections:
            cols = by_section[section]
            seq = code = None
            label, child, group = "", False, ""
            values: dict[int, Cell] = {}
            codes: list[str] = []
            for col in cols:
                cell = cells.get(col.index)
                text = cell.text.strip() if cell else ""
                if col.role == "seq":
                    seq = key_of(text) or None
                elif col.role == "code":
                    if code_key := key_of(text):
                        codes.append(code_key)
                elif col.role == "item":
                    label = label or (cell.text.rstrip() if cell else "")
                    if subs and col.index in subs:
                        sub = cells.get(subs[col.index])
                        label, child, group = sub_label(label, sub.text if sub else "")
                elif col.role in ("amount", "count") and cell is not None:
                    try:
                        value: Decimal | None = parse_amount(text)
                    except ValueError:
                        value = None
                    values[col.index] = Cell(text=text, value=value, source=cell.source)
                elif cell is not None and key_of(text):
                    values[col.index] = Cell(text=text, value=None, source=cell.source)
            code = join_codes(codes)
            if (
                code is not None
                and not code.isdigit()
                and not label
                and not _CODE_LABEL.match(code)
            ):
                code, label = None, codes[0]  # 人员经费合计 printed across the code columns
            if code is None and (m := _CODE_LABEL.match(label.strip())) is not None:
                code, label = ascii_digits(m.group(1)), m.group(2)
            if (
                not label
                and code is None
                and all(c.value is None and not key_of(c.text) for c in values.values())
            ):
                continue
            if group:  # a group label printed beside its first sub-item: the group's row first
                out.append(
                    Row(
                        index=index,
                        label=group,
                        item=strip_numbering(group),
                        section=section,
                        source=src,
                    )
                )
            if child:
                children.add(len(out))
            out.append(
                Row(
                    index=index,
                    seq=seq,
                    code=code,
                    label=label,
                    item=strip_numbering(label),
                    section=section,
                    cells=values,
                    source=src,
                )
            )
    rows = with_depths(out)
    if children:  # a sub-item sits one level below the group row above it
        top: dict[str | None, int] = {}
        for n, r in enumerate(rows):
            if n in children:
                rows[n] = r.model_copy(update={"depth": top.get(r.section, 0) + 1})
            elif r.depth is not None:
                top[r.section] = r.depth
    return rows


_SUBTOTAL = ("小计", "合计")


def sub_label(label: str, sub: str) -> tuple[str, bool, str]:
    """A row's label from a group label column and the sub-label column beside it.

    Jiangsu's 收入预算总表 prints its items in two columns under one 项目名称 header:
    the group (一般公共预算资金, merged down its rows) and its items (小计,
    公共财政拨款(补助)资金 …).  The group's 小计 row is the group's row; a row whose
    group cell is merged from above is a sub-item.  Returns the label, whether the
    row is a sub-item, and a group label that needs a row of its own (a group whose
    first printed sub-item is not its 小计).
    """
    label, sub = label.rstrip(), sub.strip()
    if not key_of(sub) or key_of(sub) in _SUBTOTAL:
        return label, False, ""
    if not key_of(label):
        return sub, True, ""
    return sub, True, label


def sub_label_columns(columns: list[Column], body: list[dict[int, RawCell]]) -> dict[int, int]:
    """Item columns followed by a column of sub-labels: ``{item column: sub-label column}``.

    The sub-label column stands right of the item column under the same header cell
    (``项目名称`` spanning both) or under a blank one, holds only words, and has rows
    whose item cell is merged from above (no cell of its own) — the sub-items.
    """
    out: dict[int, int] = {}
    by_index = {c.index: c for c in columns}
    for c in columns:
        nxt = by_index.get(c.index + 1)
        if c.role != "item" or nxt is None or nxt.role != "text" or nxt.section != c.section:
            continue
        if nxt.path != c.path and nxt.key:
            continue
        texts = [key_of(p[nxt.index].text) for p in body if nxt.index in p]
        words = [t for t in texts if t]
        if not words or any(is_amount_text(t) for t in words):
            continue
        if any(nxt.index in p and c.index not in p for p in body):
            out[c.index] = nxt.index
    return out
