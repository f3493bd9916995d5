"""A department's 绩效自评 as filled in: each project scored, what needs attention, the summary.

The filled workbook (``yusuan template --performance``) is read into :class:`FilledProject`
values (one per project sheet); :func:`evaluate` scores each with
:func:`~yusuan.rules.performance.scoring.score_project` and lists the findings:

- **warning** — an indicator missed (scored below its full 分值) with no 偏差原因: 财预〔2020〕10号
  asks the 偏差原因 of every target not reached;
- **info** — 全年执行数 above 全年预算数 (the 执行率 is capped at 100%).

The 部门 summary (:class:`Evaluation`) counts projects and grades, adds the 全年预算数 and
全年执行数 and averages the 总分 (as shown, two places) as the 决算's 绩效自评 statement
prints it (平均得分).  All amounts are ``Decimal`` in 万元.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from yusuan.model import Indicator
from yusuan.rules.performance.scoring import (
    WEIGHTS,
    ProjectScore,
    Result,
    kind_of,
    score_project,
)

KIND_NAMES: Mapping[str, str] = {
    "budget": "预算执行率",
    "output": "产出指标",
    "outcome": "效益指标",
    "satisfaction": "满意度指标",
}
LEVEL_ORDER = ("优", "良", "中", "差")


@dataclass(frozen=True)
class FilledIndicator:
    """One indicator row as filled: the target as printed and what was entered.

    ``where`` names the row's 实际完成值 cell (``sheet!E14``) for findings."""

    indicator: Indicator
    actual: Decimal | None = None
    grade: str | None = None
    weight: Decimal | None = None
    reason: str = ""  # 偏差原因
    measure: str = ""  # 改进措施
    where: str = ""

    def result(self) -> Result:
        return Result(self.indicator, self.actual, self.grade, self.reason, self.weight)


@dataclass(frozen=True)
class FilledProject:
    """One project's sheet as filled (amounts in 万元)."""

    project: str
    budget: Decimal  # 全年预算数
    executed: Decimal  # 全年执行数
    indicators: tuple[FilledIndicator, ...]
    weights: Mapping[str, Decimal] = field(default_factory=lambda: dict(WEIGHTS))
    initial: Decimal | None = None  # 年初预算数
    department: str = ""  # 主管部门
    agency: str = ""  # 实施单位
    goals: str = ""  # 年度总体目标 as targeted
    achieved: str = ""  # 年度总体目标 实际完成情况
    sheet: str = ""


@dataclass(frozen=True)
class Finding:
    severity: Literal["warning", "info"]
    project: str
    where: str
    zh: str
    en: str

    def line(self) -> str:
        """``警告 / warning: 工作表!E12 …`` — the project named unless the sheet is named after it."""
        label = "警告 / warning" if self.severity == "warning" else "提示 / info"
        sheet = self.where.split("!", 1)[0]
        named = bool(sheet) and self.project.startswith(sheet)
        project = "" if named else f"{self.project}："
        return f"{label}: {self.where} {project}{self.zh} / {self.en}"


@dataclass(frozen=True)
class ProjectEvaluation:
    filled: FilledProject
    score: ProjectScore
    findings: tuple[Finding, ...]

    @property
    def rate(self) -> Decimal:
        """执行率 in percent, two places (uncapped: above 100 when more was spent)."""
        b = self.filled.budget
        raw = self.filled.executed / b * 100 if b else Decimal(100)
        return raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def kind_score(self, kind: str) -> tuple[Decimal, Decimal]:
        """(分值, 得分) of one kind: ``budget``, ``output``, ``outcome`` or ``satisfaction``."""
        if kind == "budget":
            return self.filled.weights["budget"], self.score.budget_score
        items = [i for i in self.score.indicators if i.kind == kind]
        weight = sum((i.weight for i in items), Decimal(0))
        return weight, sum((i.score for i in items), Decimal(0))


@dataclass(frozen=True)
class Evaluation:
    """The 部门 绩效自评: its projects scored, in the workbook's order."""

    department: str
    year: int | None
    projects: tuple[ProjectEvaluation, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for p in self.projects for f in p.findings)

    @property
    def budget(self) -> Decimal:
        return sum((p.filled.budget for p in self.projects), Decimal(0))

    @property
    def executed(self) -> Decimal:
        return sum((p.filled.executed for p in self.projects), Decimal(0))

    @property
    def average(self) -> Decimal:
        """平均得分: the mean of the shown 总分, two places, half up."""
        if not self.projects:
            return Decimal(0)
        mean = sum((p.score.shown for p in self.projects), Decimal(0)) / len(self.projects)
        return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def grades(self) -> tuple[tuple[str, int], ...]:
        """(等级, 项目数) for 优, 良, 中, 差, as the 决算 states them."""
        return tuple(
            (lv, sum(1 for p in self.projects if p.score.level == lv)) for lv in LEVEL_ORDER
        )


def _findings(p: FilledProject, score: ProjectScore) -> tuple[Finding, ...]:
    out: list[Finding] = []
    for s in score.unexplained:
        filled = next(f for f in p.indicators if f.indicator is s.result.indicator)
        got = s.score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        full = s.weight.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        out.append(
            Finding(
                "warning",
                p.project,
                filled.where,
                f"指标“{s.result.indicator.level3}”未达成目标（得分 {got}/{full}），未填写偏差原因",
                "an indicator missed its target and no reason (偏差原因) is given",
            )
        )
    for f in p.indicators:
        if kind_of(f.indicator) is None:
            out.append(
                Finding(
                    "info",
                    p.project,
                    f.where,
                    f"指标“{f.indicator.level3}”的一级指标“{f.indicator.level1}”不是产出、效益或满意度指标，不计分",
                    "an indicator that is no 产出/效益/满意度 indicator is not scored",
                )
            )
    kinds = {kind_of(f.indicator) for f in p.indicators}
    for kind, name in KIND_NAMES.items():
        if kind != "budget" and kind not in kinds and p.weights.get(kind, Decimal(0)) > 0:
            out.append(
                Finding(
                    "warning",
                    p.project,
                    p.sheet,
                    f"{name}有权重 {p.weights[kind]} 分而没有指标，这部分分值无从得分",
                    f"the weight of {name} has no indicator to score it",
                )
            )
    if p.executed > p.budget:
        out.append(
            Finding(
                "info",
                p.project,
                p.sheet,
                f"全年执行数 {p.executed} 万元超过全年预算数 {p.budget} 万元，执行率按100%计分",
                "executed more than the year's budget; the rate is scored as 100%",
            )
        )
    return tuple(out)


def evaluate_project(p: FilledProject) -> ProjectEvaluation:
    results = [f.result() for f in p.indicators]
    score = score_project(p.project, p.budget, p.executed, results, p.weights)
    return ProjectEvaluation(p, score, _findings(p, score))


def evaluate(department: str, year: int | None, projects: Sequence[FilledProject]) -> Evaluation:
    """Score every project of a filled workbook (raises ``ValueError`` on an unknown grade or
    an indicator with neither 完成值 nor grade: the reader reports those first, by cell)."""
    return Evaluation(department, year, tuple(evaluate_project(p) for p in projects))


__all__ = [
    "KIND_NAMES",
    "Evaluation",
    "FilledIndicator",
    "FilledProject",
    "Finding",
    "ProjectEvaluation",
    "evaluate",
    "evaluate_project",
]
