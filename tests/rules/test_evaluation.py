"""The 部门 自评 (rules/performance/evaluation.py): findings and the summary, by hand."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Indicator
from yusuan.rules.performance.evaluation import FilledIndicator, FilledProject, evaluate

D = Decimal


def _ind(level1: str, level2: str, name: str, value: str | None = None) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        level3=name,
        value_text=f"≥{value}%" if value else "显著提升",
        comparator="≥" if value else None,
        value=D(value) if value else None,
        unit="%" if value else None,
    )


def test_a_weight_with_no_indicator_and_an_unscored_indicator_are_findings() -> None:
    """产出 50 over one indicator (met), 效益 30 over one graded 部分达成 with a reason, no
    满意度 indicator (its 10 cannot be earned), one 其他 indicator (not scored):
    10 × 18/20 + 50 + 15 = 74 → 中."""
    p = FilledProject(
        project="项目甲",
        budget=D(20),
        executed=D(18),
        sheet="项目甲",
        indicators=(
            FilledIndicator(
                _ind("产出指标", "数量指标", "完成率", "90"), actual=D(95), where="项目甲!E12"
            ),
            FilledIndicator(
                _ind("效益指标", "社会效益指标", "影响"),
                grade="部分达成",
                reason="延期",
                where="项目甲!E13",
            ),
            FilledIndicator(_ind("其他指标", "其他", "备注"), grade="达成", where="项目甲!E14"),
        ),
    )
    e = evaluate("某部门", 2023, [p])
    (scored,) = e.projects
    assert scored.score.total == D(74) and scored.score.level == "中"
    assert [(f.severity, f.where) for f in scored.findings] == [
        ("info", "项目甲!E14"),
        ("warning", "项目甲"),
    ]
    assert "满意度指标有权重 10 分而没有指标" in scored.findings[1].zh
    assert scored.kind_score("output") == (D(50), D(50))
    assert scored.rate == D("90.00")
    assert e.average == D("74.00") and e.grades == (("优", 0), ("良", 0), ("中", 1), ("差", 0))


def test_a_met_project_has_no_finding() -> None:
    """Near miss: every kind present and met, executed exactly the budget → 100, silent."""
    p = FilledProject(
        project="项目乙",
        budget=D(10),
        executed=D(10),
        indicators=(
            FilledIndicator(_ind("产出指标", "数量指标", "a", "90"), actual=D(90)),
            FilledIndicator(_ind("效益指标", "社会效益指标", "b"), grade="达成"),
            FilledIndicator(_ind("满意度指标", "服务对象满意度指标", "c", "90"), actual=D(90)),
        ),
    )
    (scored,) = evaluate("某部门", 2023, [p]).projects
    assert scored.score.total == D(100) and scored.findings == ()
