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

from pydantic import ValidationError

from yusuan.errors import InputError
from yusuan.model import Disclosure, Section, TableId
from yusuan.read.raw import Block, RawDocument, RawParagraph


def looks_like_model(data: bytes) -> bool:
    """True when ``data`` is a JSON object with the model's top-level keys."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"tables"' in data[:1_000_000] and b'"narrative"' in data


def _section(section: Section, level: int) -> list[Block]:
    marks = {
        "part": f"第{section.number}部分 ",
        "cn": f"{section.number}、",
        "paren": f"（{section.number}）",
        "pnum": f"（{section.number}）",
        "num": f"{section.number}、",
    }
    out: list[Block] = []
    if section.title:
        out.append(
            RawParagraph(marks.get(section.style, "") + section.title, heading=min(level, 6))
        )
    out += [RawParagraph(p.text) for p in section.paragraphs]
    for child in section.children:
        out += _section(child, level + 1)
    return out


def read_json_model(data: bytes) -> RawDocument:
    """Validate a JSON model and lower it to paragraphs and tables."""
    from yusuan.render.grid import table_grid
    from yusuan.render.package import table_blocks

    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError("JSON 文件格式错误", f"the JSON file is malformed ({exc})") from exc
    try:
        d = Disclosure.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(
            f"JSON 文件不是 yusuan 的数据模型（{where}：{first['msg']}）",
            f"the JSON file is not a yusuan model ({where}: {first['msg']})",
        ) from exc
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
