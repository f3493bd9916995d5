"""Document identity: 预算/决算, level 部门/单位, year and the department's name.

Read from the cover (the lines before the 目录), the table titles and the tables'
preamble lines.  The cover decides the level when it says it (``2024年单位预算``,
``预算单位：…``, ``市级单位预算``); otherwise the titles are counted.  The
department's name comes from the 编制部门 line; when none is printed, from the
cover or a title (``上海市普陀区财政局 / 2024年度部门决算``).  The name is kept as
printed; its canonical form (``data/aliases.toml``: 中共江苏省委办公厅 is
中国共产党江苏省委员会办公厅) is :func:`normalize_name`'s.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Literal, TypeVar

from yusuan import regex
from yusuan.datafiles import data_toml
from yusuan.recognize.header import key_of
from yusuan.recognize.meta import Meta
from yusuan.regex import lazy

_DEPT_CODE = regex.compile(r"^(\d{3,9})(.+)$")
_UNIT_WORDS = regex.compile(r"单位(?:预算|决算)|预算单位(?!构成)|决算单位(?!构成)")
_DEPT_WORDS = regex.compile(r"部门(?:预算|决算)(?!单位)|主管部门")
#: a department's name before ``2024年(度)(区级)部门/单位预算|决算``
_NAMED = regex.compile(
    r"^(?:第[一二三四五六七八九十]+部分)?(?P<name>[^\d，。；;：:、（()）]{3,40}?)"
    r"(?:19|20)\d{2}年度?(?:区级|市级|省级|县级)?(?:部门|单位)(?:预算|决算)"
)
#: a region alone (上海市普陀区2025年区级部门预算) is no department
_REGION = regex.compile(r"(?:省|市|区|县|自治州|自治区|旗|盟)$")
_NOT_NAME = ("目录", "说明", "公开", "预算", "决算")

T = TypeVar("T")


def most_common(values: list[T | None]) -> T | None:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in data_toml("aliases.toml").get("department", []):
        for alias in entry.get("aliases", []):
            out[key_of(alias)] = entry["name"]
    return out


def normalize_name(name: str) -> str:
    """The department's name in the form ``data/aliases.toml`` reports."""
    return _aliases().get(key_of(name), name)


def cover(texts: list[str]) -> list[str]:
    """The cover lines: those before the 目录 line (at most the first eight)."""
    out: list[str] = []
    for t in texts[:8]:
        if key_of(t) in ("目录", "目次"):
            break
        out.append(t)
    return out


_DEPT_LABEL = lazy(r"^(?:编制|填报|预算)?(?:主管)?(?:部门|单位)(?:名称)?[:：]")


def department(metas: list[Meta], texts: list[str]) -> tuple[str | None, str | None]:
    """(code, name) from the preamble lines, else from the cover or a title."""
    dept = most_common([m.department for m in metas])
    if dept is None:
        return None, _named(texts)
    dept = _DEPT_LABEL.sub("", dept)
    m = _DEPT_CODE.match(dept)
    return (m.group(1), m.group(2)) if m else (None, dept)


_PART_NUMBER = lazy(r"^第[一二三四五六七八九十]+部分")
_DEPT_LINE = lazy(r"^(?:预算)?(?:主管)?(?:部门|单位)(?:名称)?[:：](.{3,40})$")


def _named(texts: list[str]) -> str | None:
    """A name printed before ``2024年度部门决算`` on the cover (also wrapped) or a title."""
    lines = [key_of(t) for t in texts]
    heads = cover(texts)
    tried = [lines[i] + "".join(lines[i + 1 : i + k]) for i in range(len(heads)) for k in (1, 2, 3)]
    tried += [_PART_NUMBER.sub("", t) for t in lines]
    for t in tried:
        m = _NAMED.match(t)
        if m is None:
            continue
        name = m.group("name")
        if _REGION.search(name) or name.endswith("表") or any(w in name for w in _NOT_NAME):
            continue
        return name
    for t in lines[:8]:  # 预算主管部门：… / 预算单位：… on the cover
        m = _DEPT_LINE.match(t)
        if m is not None:
            return m.group(1)
    return None


def kind(texts: list[str]) -> Literal["预算", "决算"] | None:
    joined = "".join(key_of(t) for t in texts)
    budget, final = joined.count("预算"), joined.count("决算")
    if not budget and not final:
        return None
    return "决算" if final > budget else "预算"


def level(texts: list[str], heads: list[str]) -> Literal["部门", "单位"] | None:
    """单位 or 部门: the cover decides when it says one; else the titles are counted."""
    for group in ([key_of(t) for t in heads], [key_of(t) for t in texts]):
        joined = "".join(group)
        unit = len(_UNIT_WORDS.findall(joined))
        dept = len(_DEPT_WORDS.findall(joined))
        if unit or dept:
            return "单位" if unit > dept else "部门"
    return None


_YEAR_PRINTED = lazy(r"((?:19|20)\d{2})\s*年")


def year_in(title: str) -> int | None:
    """A year printed in a table title (``2017年政府采购预算表``)."""
    m = _YEAR_PRINTED.search(title)
    return int(m.group(1)) if m else None


_YEAR_TITLE = lazy(
    r"((?:19|20)\d{2})\s*年(?:度)?\s*(?:区级|市级|省级|县级)?\s*(?:部门|单位)?"
    r"(?:财务)?(?:收支)?(?:预算|决算)"
)


def year_from_text(texts: list[str]) -> int | None:
    for t in texts:
        if (m := _YEAR_TITLE.search(t)) is not None:
            return int(m.group(1))
    return None
