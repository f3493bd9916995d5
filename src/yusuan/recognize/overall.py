"""The 部门整体绩效目标 as the 情况说明 states it, and indicators read from sentences.

The reference's 预算绩效信息 → 第一部分 部门整体绩效目标 → （一）总体绩效目标 says
“2023年开展监督检查不少于20次，执法检查和集中视察工作完成率达到90%以上，…”, and each
（二）分项绩效目标 a “绩效指标：…” sentence.  Every clause (between ， ； 。) that ends in
a comparator and a number with its unit is an indicator: 开展监督检查 ≥ 20 次.  A clause
without a comparator word (不少于, 达到 … 以上, 不高于, ≥) is not one: a number alone in
prose is too often a count of what was done, not a target.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan import regex
from yusuan.model import Comparator, Indicator, Narrative, OverallTarget, Section
from yusuan.regex import lazy

_WORDS: tuple[tuple[str, Comparator], ...] = (
    ("不少于", "≥"), ("不低于", "≥"), ("至少", "≥"), ("达到", "≥"), ("大于等于", "≥"), ("≥", "≥"),
    ("不高于", "≤"), ("不超过", "≤"), ("控制在", "≤"), ("小于等于", "≤"), ("≤", "≤"),
    ("大于", ">"), ("高于", ">"), ("超过", ">"), (">", ">"), ("小于", "<"), ("低于", "<"), ("<", "<"),
)  # fmt: skip
_SUFFIX: dict[str, Comparator] = {"以上": "≥", "及以上": "≥", "以内": "≤", "以下": "≤"}
_CLAUSE = regex.compile(
    r"^(?P<name>.+?)(?:在|为)?(?P<cmp>"
    + "|".join(re.escape(w) for w, _ in _WORDS)
    + r")?(?P<num>\d+(?:\.\d+)?)(?P<unit>%|[\u4e00-\u9fff]{1,2}?)?(?P<suf>及以上|以上|以内|以下)?$"
)
_YEAR = regex.compile(r"^(?:\d{4}年(?:度)?|全年|年内)")
_SPLIT = regex.compile(r"[，,；;。！]")


_DIGIT = lazy(r"\d")
_SPACES = lazy(r"\s+")


def clause_indicator(clause: str) -> tuple[str, Comparator, Decimal, str | None] | None:
    """``开展监督检查次数在20次以上`` → (开展监督检查次数, ≥, 20, 次); None for other text."""
    t = _SPACES.sub("", clause).strip('“”"')
    m = _CLAUSE.match(t)
    if m is None or not (m["cmp"] or m["suf"]):
        return None
    comparator = dict(_WORDS)[m["cmp"]] if m["cmp"] else _SUFFIX[m["suf"]]
    name = _YEAR.sub("", m["name"]).strip("：:")
    if len(name) < 2 or _DIGIT.search(name):
        return None
    return name, comparator, Decimal(m["num"]), m["unit"] or None


_INDICATOR_LEAD = lazy(r"^(?:绩效指标|绩效目标)[:：]")


def sentence_indicators(text: str, section: Section) -> list[Indicator]:
    """The indicators the clauses of one paragraph state (its ``绩效指标：`` lead removed)."""
    body = _INDICATOR_LEAD.sub("", text.strip())
    out: list[Indicator] = []
    for clause in _SPLIT.split(body):
        got = clause_indicator(clause)
        if got is None:
            continue
        name, comparator, value, unit = got
        out.append(
            Indicator(
                level1="",
                level2=section.title,
                level3=name,
                value_text=clause.strip(),
                comparator=comparator,
                value=value,
                unit=unit,
                source=section.source,
            )
        )
    return out


def _whole(narrative: Narrative) -> Section | None:
    return next((s for s in narrative.walk() if "整体绩效目标" in s.title), None)


def overall_target(narrative: Narrative) -> OverallTarget | None:
    """The 部门整体绩效目标 section's goal and indicators, or None when none is printed."""
    whole = _whole(narrative)
    if whole is None:
        return None
    goal = next((c for c in whole.children if "总体" in c.title), whole)
    indicators: list[Indicator] = []
    seen: list[Section] = []

    def visit(s: Section) -> None:
        seen.append(s)
        for p in s.paragraphs:
            found = sentence_indicators(p.text, s)
            indicators.extend(i.model_copy(update={"source": p.source or s.source}) for i in found)
        for c in s.children:
            if "保障" not in c.title:  # 工作保障措施: measures, not targets
                visit(c)

    visit(whole)
    return OverallTarget(
        goals="\n".join(p.text for p in goal.paragraphs),
        indicators=tuple(indicators),
        source=whole.source,
    )


__all__ = ["clause_indicator", "overall_target", "sentence_indicators"]
