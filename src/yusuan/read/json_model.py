"""Reader for the JSON model: a file holding ``Disclosure.model_dump_json()`` output.

The file is validated against the model (a clear one-line error when it is not a
yusuan model) and then lowered to the neutral stream the other readers emit —
each table printed as its grid (title, meta line, merged header, rows, notes),
the narrative as headings and paragraphs, 绩效目标表 with their goal rows — so
recognition builds the same tables and facts as from a published file.  The
printing is :mod:`yusuan.render.grid`'s, the one the renderers use.
"""

from __future__ import annotations

import json
from decimal import Decimal

from pydantic import BaseModel, ValidationError

from yusuan.errors import InputError
from yusuan.limits import check_amount
from yusuan.model import Disclosure, Section, TableId
from yusuan.read.raw import Block, RawDocument, RawParagraph


def looks_like_model(data: bytes) -> bool:
    """True when ``data`` is a JSON object with the model's top-level keys."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"tables"' in data[:1_000_000] and b'"narrative"' in data


def _section(section: Section, level: int) -> list[Block]:
    """The headings and paragraphs of ``section`` and its subsections, depth first."""
    marks = {
        "part": "第{}部分 ",
        "cn": "{}、",
        "paren": "（{}）",
        "pnum": "（{}）",
        "num": "{}、",
    }
    out: list[Block] = []
    todo = [(section, level)]
    while todo:
        s, depth = todo.pop()
        if s.title:
            mark = marks.get(s.style, "").format(s.number)
            out.append(RawParagraph(mark + s.title, heading=min(depth, 6)))
        out += [RawParagraph(p.text) for p in s.paragraphs]
        todo.extend((child, depth + 1) for child in reversed(s.children))
    return out


def _check_amounts(model: BaseModel) -> None:
    """Refuse an amount no disclosure prints (``1E+999999999``) before anything computes with it."""
    todo: list[tuple[object, str]] = [(model, "")]
    while todo:
        value, where = todo.pop()
        if isinstance(value, Decimal):
            check_amount(value, where)
        elif isinstance(value, BaseModel):
            todo.extend(
                (getattr(value, k), f"{where}.{k}".lstrip(".")) for k in type(value).model_fields
            )
        elif isinstance(value, list | tuple):
            todo.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
        elif isinstance(value, dict):
            todo.extend((v, f"{where}.{k}") for k, v in value.items())


def read_json_model(data: bytes) -> RawDocument:
    """Validate a JSON model and lower it to paragraphs and tables."""
    from yusuan.render.grid import table_grid
    from yusuan.render.package import table_blocks

    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        detail = str(exc)[:120]
        raise InputError("JSON 文件格式错误", f"the JSON file is malformed ({detail})") from exc
    try:
        d = Disclosure.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(
            f"JSON 文件不是 yusuan 的数据模型（{where}：{first['msg']}）",
            f"the JSON file is not a yusuan model ({where}: {first['msg']})",
        ) from exc
    _check_amounts(d)
    goals = {p.table: p.goals for p in d.performance}
    blocks: list[Block] = []
    for i, table in enumerate(d.tables):
        own = table.id not in (TableId.PERFORMANCE, TableId.ORG)
        grid = table_grid(
            table,
            d.department_name if own else None,
            d.department_code,
            table.year or d.year,
            d.level,
            d.kind,
            goals.get(i) if table.id is TableId.PERFORMANCE else None,
        )
        blocks += table_blocks(grid, i)
    for section in d.narrative.sections:
        blocks += _section(section, 1)
    return RawDocument(blocks, "json", diagnostics=list(d.diagnostics))
