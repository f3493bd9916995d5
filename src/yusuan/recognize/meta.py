"""A table's preamble: the 编制部门, 预算年度 and 单位 lines printed above its header."""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan import regex
from yusuan.amounts import Unit, find_unit
from yusuan.read.raw import RawCell
from yusuan.recognize.header import key_of
from yusuan.regex import lazy
from yusuan.values import Mutable

_DEPT = regex.compile(
    r"^(?:(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：]?)?(\d{3,9})\s*([^\d\s：:年月日][^，。；;,\d]*)$"
)
_DEPT_NAMED = regex.compile(r"^(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：]\s*(.*)$")
_YEAR = regex.compile(r"(?:预算|决算)?年度\s*[:：]?\s*((?:19|20)\d{2})")
_UNIT = regex.compile(r"(?:金额)?单位\s*[:：]\s*(?:亿元|万元|千元|元)")
_DATE = regex.compile(r"^(?:截止|截至)(?:时间|日期)?[:：]?\s*\S+$")


@dataclass(eq=False, repr=False)
class Meta(Mutable):
    """Department, year and unit gathered from the lines around a table."""

    department: str | None = None
    year: int | None = None
    unit: Unit | None = None
    unit_text: str | None = None
    texts: list[str] = field(default_factory=list)


def meta_of_text(text: str, meta: Meta) -> bool:
    """Fold a preamble cell into ``meta``; False when the text is not metadata."""
    t = key_of(text)
    if not t:
        return True
    hit = False
    if (m := _YEAR.search(t)) is not None:
        meta.year = int(m.group(1))
        hit = True
    if _UNIT.search(t):
        meta.unit = find_unit(t)
        meta.unit_text = text.strip()
        hit = True
    if _DATE.match(t):
        hit = True
    if not hit and (m := _DEPT.match(t) or _DEPT_NAMED.match(t)) is not None:
        if m.group(m.lastindex or 0):
            meta.department = t
        hit = True
    if hit:
        meta.texts.append(text.strip())
    return hit


#: where a second meta field starts inside a line joined without a gap
#: (单位：万元编制部门：…, a wrapped unit line run into the next line)
_FIELD_START = regex.compile(
    r"(?<=[^\s编制填报预算主管金额])(?=(?:编制|填报|预算|金额)?(?:主管)?(?:部门|单位)(?:名称)?[:：])"
)


_CODE_APART = lazy(r"^(\d{3,9})\s+")
_GAP = lazy(r"\s{2,}|\t")


def meta_parts(text: str) -> list[str]:
    text = _CODE_APART.sub(r"\1", text.strip())  # 101  平乡县… printed apart
    parts: list[str] = []
    for p in (q for gap in _GAP.split(text) for q in _FIELD_START.split(gap)):
        if parts and parts[-1].endswith(("：", ":")) and p:
            parts[-1] += p  # 部门：      XX局 — a label and its value printed apart
        elif p:
            parts.append(p)
    return parts


#: a unit in brackets closing a header cell: 金额（万元）, 预算数(元)
_BRACKETED_UNIT = regex.compile(r"[（(](亿元|万元|千元|元)[)）]$")
#: per-item figures (单价（元）) whose unit is not the table's
_PER_ITEM = regex.compile(r"单价|人均|标准")


_SPACES = lazy(r"\s+")


def unit_from_header(meta: Meta, labels: list[str]) -> None:
    """The unit printed in the title or the header cells, when no line above the table gave one.

    ``labels``: the title, then the header cells.  One stating it (部门收支总表（单位：万元）,
    价值（金额单位：万元）) gives it; else the unit in brackets closing them (金额（万元）),
    when all of them name the same unit (单价（元） left aside).
    """
    for label in labels:
        if meta.unit is None and (u := find_unit(label)) is not None:
            meta.unit, meta.unit_text = u, label.strip()
    if meta.unit is not None:
        return
    found = [
        (m.group(1), label.strip())
        for label in labels
        if not _PER_ITEM.search(label)
        and (m := _BRACKETED_UNIT.search(_SPACES.sub("", label))) is not None
    ]
    if found and len({unit for unit, _ in found}) == 1:
        meta.unit, meta.unit_text = Unit(found[0][0]), found[0][1]


def is_meta_line(text: str) -> bool:
    """A line printed above a table that only states its metadata."""
    parts = meta_parts(text)
    return bool(parts) and len(text) < 80 and all(meta_of_text(p, Meta()) for p in parts)


def is_meta_row(row: list[RawCell]) -> bool:
    probe = Meta()
    texts = [c.text for c in row if key_of(c.text)]
    return bool(texts) and all(meta_of_text(t, probe) for t in texts)
