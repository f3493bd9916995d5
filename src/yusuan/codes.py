"""政府收支分类科目 codes: the two classifications, their code levels and name keys.

The bottom layer both the 科目 catalogue (:mod:`yusuan.catalog`) and the hierarchy rules
(:mod:`yusuan.rules.hierarchy`) build on:

- 支出功能分类 codes are 3 (类), 5 (款) and 7 (项) digits and start with 2;
- 部门预算支出经济分类 codes are 3 (类) and 5 (款) digits, start with 3 or 5 and live in the
  基本支出 tables.

A table's classification is told from its id and header (经济分类), else from its codes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from yusuan import regex
from yusuan.model import TableId

if TYPE_CHECKING:
    from yusuan.model import Table

Kind = Literal["function", "economic"]
KINDS: tuple[Kind, ...] = ("function", "economic")
KIND_ZH: dict[Kind, str] = {"function": "功能分类", "economic": "经济分类"}
#: Code length → level (类/款/项) per classification.
LEVELS: dict[Kind, dict[int, str]] = {
    "function": {3: "类", 5: "款", 7: "项"},
    "economic": {3: "类", 5: "款"},
}
LENGTHS: dict[Kind, tuple[int, ...]] = {k: tuple(v) for k, v in LEVELS.items()}
#: The tables whose codes are 经济分类 whatever their header says.
ECONOMIC_TABLES = (TableId.GPB_BASIC, TableId.FISCAL_BASIC, TableId.OPERATING_COSTS)

_NORM = regex.compile(r"[\s“”\"'‘’「」]")
_WIDTH = str.maketrans("（）：；，", "():;,")


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Text without whitespace and quote marks, for matching names."""
    return _NORM.sub("", text)


def name_key(item: str) -> str:
    """A 科目 name for comparison: no whitespace or quotes, half-width brackets, no end punctuation."""
    return norm(item).translate(_WIDTH).rstrip("。.;,:")


def kind_of_code(code: str) -> Kind | None:
    """The classification a code belongs to by its first digit (2 功能, 3/5 经济; else None)."""
    if not code.isdigit():
        return None
    if code[0] == "2" and len(code) in LENGTHS["function"]:
        return "function"
    if code[0] in "35" and len(code) in LENGTHS["economic"]:
        return "economic"
    return None


def classification(table: Table) -> Kind | None:
    """Function or economic classification of a coded table (None when it prints no codes)."""
    codes = [r.code for r in table.rows if r.code]
    if not codes:
        return None
    header = "".join(k for c in table.columns for k in c.path) + norm(table.title)
    if table.id in ECONOMIC_TABLES or "经济分类" in header or "经济科目" in header:
        return "economic"
    if "功能分类" in header:
        return "function"
    digits = [c for c in codes if c.isdigit()]
    if digits and all(c[0] in "35" for c in digits):
        return "economic"
    return "function"
