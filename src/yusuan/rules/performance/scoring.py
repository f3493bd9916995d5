"""项目支出绩效自评 scoring per 《项目支出绩效评价管理办法》（财预〔2020〕10号）.

A project's score out of 100: 预算执行率 10, 产出 50, 效益 30, 满意度 10 unless other
weights are given; inside a kind the weight is shared equally by its indicators unless an
indicator carries its own.  Each indicator scores by its completion:

- quantitative, in the comparator's direction: ``≥``/``>`` full at or beyond the target,
  ``weight × 完成值 ÷ 指标值`` below it; ``≤``/``<`` (a cost, a failure rate) full at or
  under the target, ``weight × 指标值 ÷ 完成值`` over it; ``=`` full when equal, else the
  smaller ratio of the two;
- qualitative: the grade entered — 达成 full, 部分达成 half, 未达成 nothing;
- 预算执行率: ``10 × min(1, 全年执行数 ÷ 预算数)``.

A missed indicator (below its full score) needs a 偏差原因: :func:`score_project` lists
those without one.  等级: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.  All arithmetic is
``Decimal``; the 总分 is rounded to two places only when shown (:attr:`ProjectScore.shown`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from yusuan.model import Indicator
from yusuan.rules.performance.targets import is_outcome, is_output, is_satisfaction

WEIGHTS: Mapping[str, Decimal] = {
    "budget": Decimal(10),
    "output": Decimal(50),
    "outcome": Decimal(30),
    "satisfaction": Decimal(10),
}
GRADES: Mapping[str, Decimal] = {
    "达成": Decimal(1),
    "部分达成": Decimal("0.5"),
    "未达成": Decimal(0),
}
LEVELS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "优"),
    (Decimal(80), "良"),
    (Decimal(60), "中"),
)


@dataclass(frozen=True)
class Result:
    """What was achieved for one indicator: a number (实际完成值) or a grade, and why not more."""

    indicator: Indicator
    actual: Decimal | None = None
    grade: str | None = None
    reason: str = ""  # 偏差原因
    weight: Decimal | None = None  # the indicator's own weight, if the workbook sets one


@dataclass(frozen=True)
class IndicatorScore:
    result: Result
    kind: str
    weight: Decimal
    score: Decimal

    @property
    def missed(self) -> bool:
        return self.score < self.weight


@dataclass(frozen=True)
class ProjectScore:
    project: str
    budget_score: Decimal
    indicators: tuple[IndicatorScore, ...]
    unexplained: tuple[IndicatorScore, ...] = field(default=())

    @property
    def total(self) -> Decimal:
        return self.budget_score + sum((i.score for i in self.indicators), Decimal(0))

    @property
    def shown(self) -> Decimal:
        """The 总分 as printed: two places, half up (an equal split of 50 by 3 is inexact)."""
        return self.total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def level(self) -> str:
        return level_of(self.shown)


def level_of(total: Decimal) -> str:
    """优 ≥ 90, 良 80–90, 中 60–80, 差 < 60."""
    return next((name for floor, name in LEVELS if total >= floor), "差")


def kind_of(ind: Indicator) -> str | None:
    if is_satisfaction(ind):
        return "satisfaction"
    if is_outcome(ind):
        return "outcome"
    if is_output(ind):
        return "output"
    return None


def completion(ind: Indicator, actual: Decimal) -> Decimal:
    """The share of the full score a quantitative 完成值 earns (0 … 1)."""
    target = ind.value
    if target is None:
        raise ValueError(f"indicator {ind.level3!r} has no number to compare with")
    if ind.comparator in ("≤", "<"):
        if actual <= target:
            return Decimal(1)
        return target / actual if actual else Decimal(1)
    if ind.comparator == "=" and actual > target:
        return target / actual
    if actual >= target:
        return Decimal(1)
    return max(actual, Decimal(0)) / target if target else Decimal(1)


def score_indicator(result: Result, weight: Decimal) -> Decimal:
    ind = result.indicator
    if ind.value is not None and result.actual is not None:
        return weight * completion(ind, result.actual)
    if result.grade is None:
        raise ValueError(
            f"indicator {ind.level3!r}: enter 实际完成值 or a grade (达成/部分达成/未达成)"
        )
    if result.grade not in GRADES:
        raise ValueError(f"unknown grade {result.grade!r}: 达成, 部分达成 or 未达成")
    return weight * GRADES[result.grade]


def score_project(
    project: str,
    budget: Decimal,
    executed: Decimal,
    results: Sequence[Result],
    weights: Mapping[str, Decimal] = WEIGHTS,
) -> ProjectScore:
    """Score one project's 自评: 预算执行率 and every indicator's completion."""
    rate = min(Decimal(1), executed / budget) if budget else Decimal(1)
    by_kind: dict[str, list[Result]] = {}
    for r in results:
        kind = kind_of(r.indicator)
        if kind is not None:
            by_kind.setdefault(kind, []).append(r)
    scored: list[IndicatorScore] = []
    for kind, items in by_kind.items():
        own = sum((r.weight for r in items if r.weight is not None), Decimal(0))
        rest = [r for r in items if r.weight is None]
        share = (weights[kind] - own) / len(rest) if rest else Decimal(0)
        for r in items:
            w = r.weight if r.weight is not None else share
            scored.append(IndicatorScore(r, kind, w, score_indicator(r, w)))
    unexplained = tuple(s for s in scored if s.missed and not s.result.reason.strip())
    return ProjectScore(project, weights["budget"] * rate, tuple(scored), unexplained)


__all__ = [
    "GRADES",
    "WEIGHTS",
    "IndicatorScore",
    "ProjectScore",
    "Result",
    "completion",
    "level_of",
    "score_project",
]
