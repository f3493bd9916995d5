"""A 绩效指标值 as printed, split into comparator, number and unit.

``≤27万元`` → (≤, 27, 万元); ``≥13459.00(平方米)`` → (≥, 13459.00, 平方米) (the unit in
brackets after the number, as Shanghai's forms print it); ``居民参与率不低于100%`` →
(≥, 100, %) (the indicator's name repeated before the value); ``显著提升`` → nothing (a
qualitative value keeps only its text).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan import regex
from yusuan.model import Comparator
from yusuan.recognize.header import key_of

COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("≥", "≥"), ("⩾", "≥"), (">=", "≥"), ("＞=", "≥"), ("不低于", "≥"), ("不少于", "≥"),
    ("大于等于", "≥"), ("大于或等于", "≥"), ("至少", "≥"), ("达到", "≥"),
    ("≤", "≤"), ("⩽", "≤"), ("<=", "≤"), ("＜=", "≤"), ("不高于", "≤"), ("不超过", "≤"),
    ("小于等于", "≤"), ("小于或等于", "≤"), ("控制在", "≤"),
    ("＞", ">"), (">", ">"), ("大于", ">"), ("高于", ">"), ("超过", ">"),
    ("＜", "<"), ("<", "<"), ("小于", "<"), ("低于", "<"),
    ("=", "="), ("＝", "="), ("等于", "="),
)  # fmt: skip
_NUMBER = r"(\d+(?:\.\d+)?)"
#: number, then a unit (up to 6 characters, no digit) plain or in brackets
_VALUE = regex.compile(
    rf"^{_NUMBER}\s*(?:[(（]\s*([^\d()（）]{{1,6}})\s*[)）]|([^\d\s()（）]{{0,6}}))$"
)
#: words before the value: the indicator's name repeated (``满意率100%``), up to 12 characters
_LEAD = regex.compile(
    r"^([\u4e00-\u9fff、“”\"]{1,12}?)(?=[≥≤<>=＜＞⩾⩽\d]|不低于|不少于|不高于|不超过|达到)"
)
_SUFFIX = regex.compile(r"(以上|以内|以下|及以上|及以下)$")


def _split(t: str) -> tuple[Comparator | None, Decimal, str | None] | None:
    comparator: Comparator | None = None
    for word, comp in COMPARATORS:
        if t.startswith(word):
            comparator, t = comp, t[len(word) :]
            break
    t = _SUFFIX.sub("", t)
    m = _VALUE.match(t)
    if m is None:
        return None
    unit = (m.group(2) or m.group(3) or "").replace("％", "%") or None
    return comparator, Decimal(m.group(1)), unit


def parse_indicator_value(text: str) -> tuple[Comparator | None, Decimal | None, str | None]:
    """``≤27万元`` → (≤, 27, 万元); ``100%`` → (=, 100, %); ``显著提升`` → (None, None, None)."""
    t = key_of(text).replace("％", "%")
    got = _split(t)
    if got is None and (m := _LEAD.match(t)) is not None:
        got = _split(t[m.end() :])
    if got is None:
        return None, None, None
    comparator, value, unit = got
    return comparator or "=", value, unit


__all__ = ["COMPARATORS", "parse_indicator_value"]
