"""Which standard table a printed title names, from the aliases in ``data/tables.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from yusuan.model import TableId

_QUOTES = re.compile(r"[“”\"'‘’「」『』〝〞＂]")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


@dataclass(frozen=True)
class TableAlias:
    id: TableId
    name: str
    any: tuple[tuple[str, ...], ...]
    not_: tuple[str, ...]


@cache
def data() -> dict[str, object]:
    """The parsed ``data/tables.toml``."""
    text = resources.files("yusuan").joinpath("data/tables.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def numbering() -> re.Pattern[str]:
    """Table numbering (公开01表, 公开表一, 表一, 1、 …) at the start of a title, from the data file."""
    section = data().get("numbering", {})
    assert isinstance(section, dict)
    patterns = section.get("patterns", [])
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


def is_numbering(text: str) -> bool:
    """True when ``text`` is only a table number (``公开01表``, ``公开表一``, ``表1``)."""
    t = re.sub(r"\s+", "", text)
    m = numbering().match(t)
    return bool(t) and m is not None and m.end() == len(t) and t[-1] not in "、.．"


@cache
def aliases() -> tuple[TableAlias, ...]:
    """The table aliases, in matching order."""
    raw = data()
    tables = raw["table"]
    assert isinstance(tables, list)
    return tuple(
        TableAlias(
            TableId(t["id"]),
            t["name"],
            tuple(tuple(group) for group in t["any"]),
            tuple(t.get("not", ())),
        )
        for t in tables
    )


def normalize_title(title: str) -> str:
    """Whitespace, quotes, numbering and years removed; 政府基金 read as 政府性基金."""
    t = re.sub(r"\s+", "", title)
    t = _QUOTES.sub("", t)
    t = numbering().sub("", t)
    t = _YEAR.sub("", t)
    return t.replace("政府基金", "政府性基金").replace("政府性性基金", "政府性基金")


def match_title(title: str) -> TableId | None:
    """The standard table id a printed title names, or None."""
    t = normalize_title(title)
    if not t:
        return None
    for alias in aliases():
        if any(w in t for w in alias.not_):
            continue
        if any(all(w in t for w in group) for group in alias.any):
            return alias.id
    return None


def looks_like_title(text: str) -> bool:
    """A short line that names a table (ends in 表, or matches an alias)."""
    t = re.sub(r"\s+", "", text)
    if not t or len(t) > 60 or "。" in t:
        return False
    return t.endswith(("表", "情况", "预算", "决算")) or match_title(t) is not None
