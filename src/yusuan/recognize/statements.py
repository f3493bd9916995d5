"""The 绩效 facts the 情况说明 states in prose: how many projects, how much money, scores, grades.

Shanghai's packages say “编报绩效目标的项目50个，涉及项目预算资金5634.81万元”; their 决算 add
“绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元” and “绩效自评的…项目4个，涉及预算金额
598.42万元，平均得分99.43分（其中，绩效评级为“优”的项目4个，…）”; Jiangsu's say “2018年本部门
共5个项目实行绩效目标管理，涉及财政性资金合计5,086万元”.  Each becomes a
:class:`~yusuan.model.PerformanceStatement`; the wording lives in ``data/performance.toml``
(``[statements]``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from yusuan import regex
from yusuan.amounts import Unit, parse_amount, to_wan
from yusuan.datafiles import data_toml
from yusuan.model import Narrative, PerformanceStatement, StatementKind
from yusuan.regex import lazy

_KINDS: tuple[StatementKind, ...] = ("targets", "management", "tracking", "self_evaluation")


@cache
def _patterns() -> tuple[dict[StatementKind, tuple[re.Pattern[str], ...]], re.Pattern[str]]:
    raw = data_toml("performance.toml")["statements"]
    kinds = {k: tuple(regex.compile(p) for p in raw[k]) for k in _KINDS}
    return kinds, regex.compile(raw["grade"])


def _amount(m: re.Match[str]) -> Decimal | None:
    if m.groupdict().get("amount") is None:
        return None
    value = parse_amount(m["amount"].replace("，", ","))
    return to_wan(value, Unit(m["unit"])) if value is not None else None


_SPACES = lazy(r"\s+")


def sentence_statements(sentence: str) -> list[tuple[StatementKind, re.Match[str], str]]:
    """Every statement of one sentence: its kind, its match, the text after it (for grades)."""
    kinds, _ = _patterns()
    t = _SPACES.sub("", sentence)
    out: list[tuple[StatementKind, re.Match[str], str]] = []
    for kind in _KINDS:
        for pattern in kinds[kind]:
            if (m := pattern.search(t)) is not None:
                out.append((kind, m, t[m.end() :]))
                break
    return out


_AFTER_FULL_STOP = lazy(r"(?<=[。])")


def performance_statements(narrative: Narrative) -> tuple[PerformanceStatement, ...]:
    _, grade = _patterns()
    out: list[PerformanceStatement] = []
    for section in narrative.walk():
        for p in section.paragraphs:
            for sentence in _AFTER_FULL_STOP.split(p.text):
                for kind, m, rest in sentence_statements(sentence):
                    projects = m.groupdict().get("projects")
                    score = m.groupdict().get("score")
                    grades = (
                        tuple((g["grade"], int(g["count"])) for g in grade.finditer(rest))
                        if kind == "self_evaluation"
                        else ()
                    )
                    out.append(
                        PerformanceStatement(
                            kind=kind,
                            projects=int(projects) if projects is not None else None,
                            amount=_amount(m),
                            average_score=Decimal(score) if score is not None else None,
                            grades=grades,
                            text=m.group(0),
                            sentence=sentence.strip(),
                            source=p.source,
                        )
                    )
    return tuple(out)


__all__ = ["performance_statements", "sentence_statements"]
