"""Which standard table a printed title names, from the aliases in ``data/tables.toml``."""

from __future__ import annotations

import re
from functools import cache

from yusuan import regex
from yusuan.datafiles import data_toml
from yusuan.model import TableId
from yusuan.regex import lazy
from yusuan.values import Frozen

_QUOTES = regex.compile(r"[“”\"'‘’「」『』〝〞＂]")
_YEAR = regex.compile(r"(?:19|20)\d{2}年度?")


class TableAlias(Frozen):
    """How titles name a standard table: any of these word sets, none of ``not_``."""

    id: TableId
    name: str
    any: tuple[tuple[str, ...], ...]
    not_: tuple[str, ...]


@cache
def data() -> dict[str, object]:
    """The parsed ``data/tables.toml``."""
    return data_toml("tables.toml")


@cache
def numbering() -> re.Pattern[str]:
    """Table numbering (公开01表, 公开表一, 表一, 1、 …) at the start of a title, from the data file."""
    section = data().get("numbering", {})
    assert isinstance(section, dict)
    patterns = section.get("patterns", [])
    return regex.compile("^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


_SPACES = lazy(r"\s+")


def is_numbering(text: str) -> bool:
    """True when ``text`` is only a table number (``公开01表``, ``公开表一``, ``表1``)."""
    t = _SPACES.sub("", text)
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
    t = _SPACES.sub("", title)
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


def _fit(word: str, text: str) -> int:
    """The fewest edits (a character inserted, dropped or changed) that make ``word`` a
    substring of ``text`` (an edit distance that lets the match start and end anywhere)."""
    prev = [0] * (len(text) + 1)
    for i, ch in enumerate(word, 1):
        cur = [i] + [0] * len(text)
        for j, tc in enumerate(text, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ch != tc))
        prev = cur
    return min(prev)


_NOTE = regex.compile(r"[（(][^）)]*[)）]")


@cache
def _near_words() -> tuple[tuple[TableAlias, tuple[str, ...]], ...]:
    """Per alias, the printed forms a misprint is measured against: its name and each alias
    that is one word (a group of several words is no printed string)."""
    out = []
    for alias in aliases():
        words = [_QUOTES.sub("", _NOTE.sub("", alias.name))]
        words += [g[0] for g in alias.any if len(g) == 1]
        out.append((alias, tuple(dict.fromkeys(words))))
    return tuple(out)


@cache
def near_tables(title: str) -> frozenset[TableId]:
    """The standard tables a title no alias matches comes close to: one of the table's
    printed forms (``data/tables.toml``: its name, its one-word aliases) is in the title but
    for a misprint — one edit per four characters of the form (a word dropped:
    国有资本预算财政拨款支出表; a character changed: 基本支岀表), none for a form shorter than six.
    A title holding one of the table's ``not`` words is not near it, nor is the table an
    alias reads the title as (a misprint can make a title read as another table:
    一般公共财政拨款支出表 is read as 财政拨款支出表 and is near 一般公共预算财政拨款支出表).
    Every table within reach: a title near a table the document lacks makes that table
    printed but not recognized (a warning, not “缺少”), never recognized.
    """
    t = normalize_title(title)
    if not t:
        return frozenset()
    named = match_title(t)
    out = set()
    for alias, words in _near_words():
        if alias.id == named or any(w in t for w in alias.not_):
            continue
        if any(len(w) >= 6 and _fit(w, t) <= len(w) // 4 for w in words):
            out.add(alias.id)
    return frozenset(out)


#: a 目录 entry: a dot leader and a page number (收支总表……3) is no title
_TOC_ENTRY = regex.compile(r"(?:[.…·．]{2,}|-{3,})\d{0,4}$")


def looks_like_title(text: str) -> bool:
    """A short line that names a table (ends in 表, or matches an alias; no 目录 entry)."""
    t = _SPACES.sub("", text)
    if not t or len(t) > 60 or "。" in t or _TOC_ENTRY.search(t):
        return False
    return t.endswith(("表", "情况", "预算", "决算")) or match_title(t) is not None
