"""绩效自评 scoring (财预〔2020〕10号) against a hand computation written out here."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import REFERENCE
from yusuan.api import load
from yusuan.model import Indicator, PerformanceTarget
from yusuan.rules.performance.scoring import (
    Result,
    completion,
    level_of,
    score_project,
)

D = Decimal


def _targets() -> dict[str, PerformanceTarget]:
    return {t.project: t for t in load(REFERENCE).performance}


def _ind(target: PerformanceTarget, name: str) -> Indicator:
    return next(i for i in target.indicators if i.level3 == name)


def test_meeting_project_scored_by_hand() -> None:
    """平乡县第十七届人民代表大会第三次会议经费, as its table prints it, with a year's results.

    预算执行率: 24 of 25 万元 executed → 10 × 24/25 = 9.6
    产出 (50, 4 indicators → 12.5 each):
      参会代表人数 ≥150人, 120 came (missed)   → 12.5 × 120/150 = 10
      会议议程完成率 =100%, 100               → 12.5
      召开会议时间 (qualitative), 达成          → 12.5
      召开会议总成本 ≤25万元, 31.25 spent (cost over budget) → 12.5 × 25/31.25 = 10
    效益 (30, 3 indicators → 10 each):
      代表满意率 ≥90%, 95                      → 10
      对县域发展形成持续性影响 (qualitative), 部分达成 → 10 × 0.5 = 5
      意见建议采纳率 ≥90%, 72 (missed)          → 10 × 72/90 = 8
    满意度 (10, 1 indicator): 参会人员满意度 ≥90%, 93 → 10
    总分 = 9.6 + (10 + 12.5 + 12.5 + 10) + (10 + 5 + 8) + 10 = 87.6 → 良
    Missed: 参会代表人数, 召开会议总成本, 对县域发展…, 意见建议采纳率; the first has no 偏差原因.
    """
    t = _targets()["平乡县第十七届人民代表大会第三次会议经费"]
    results = [
        Result(_ind(t, "参会代表人数"), actual=D(120)),
        Result(_ind(t, "会议议程完成率"), actual=D(100)),
        Result(_ind(t, "召开会议时间"), grade="达成"),
        Result(_ind(t, "召开会议总成本"), actual=D("31.25"), reason="会期延长一天"),
        Result(_ind(t, "代表满意率"), actual=D(95)),
        Result(_ind(t, "对县域发展形成持续性影响"), grade="部分达成", reason="部分议案尚在办理"),
        Result(_ind(t, "意见建议采纳率"), actual=D(72), reason="部分建议需跨年度办理"),
        Result(_ind(t, "参会人员满意度"), actual=D(93)),
    ]
    s = score_project(t.project, budget=D(25), executed=D(24), results=results)
    assert s.budget_score == D("9.6")
    by = {i.result.indicator.level3: i.score for i in s.indicators}
    assert by == {
        "参会代表人数": D(10),
        "会议议程完成率": D("12.5"),
        "召开会议时间": D("12.5"),
        "召开会议总成本": D(10),
        "代表满意率": D(10),
        "对县域发展形成持续性影响": D(5),
        "意见建议采纳率": D(8),
        "参会人员满意度": D(10),
    }
    assert s.total == D("87.6") and s.level == "良"
    assert [i.result.indicator.level3 for i in s.unexplained] == ["参会代表人数"]


def test_workbook_weights_override_the_defaults() -> None:
    """Weights 20/40/30/10 and one indicator weighted 20 of the 产出's 40."""
    t = _targets()["平乡县第十七届人民代表大会第三次会议经费"]
    outputs = [i for i in t.indicators if i.level1 == "产出指标"]
    results = [Result(outputs[0], actual=D(150), weight=D(20))] + [
        Result(i, grade="达成") if i.value is None else Result(i, actual=i.value)
        for i in outputs[1:]
    ]
    weights = {"budget": D(20), "output": D(40), "outcome": D(30), "satisfaction": D(10)}
    s = score_project(t.project, D(25), D(20), results, weights)
    assert s.budget_score == D(16)  # 20 × 20/25
    assert [i.weight for i in s.indicators] == [D(20)] + [D(20) / 3] * 3
    assert s.shown == D("56.00") and s.level == "差"  # 16 + 40: no 效益 or 满意度 result entered


@pytest.mark.parametrize(
    ("total", "level"),
    [
        (D(90), "优"),
        (D("89.99"), "良"),
        (D(80), "良"),
        (D("79.9"), "中"),
        (D(60), "中"),
        (D(59), "差"),
    ],
)
def test_levels(total: Decimal, level: str) -> None:
    assert level_of(total) == level


def test_a_grade_must_be_known() -> None:
    t = _targets()["平乡县第十七届人民代表大会第三次会议经费"]
    with pytest.raises(ValueError, match="部分达成"):
        score_project(t.project, D(25), D(25), [Result(_ind(t, "召开会议时间"), grade="基本达成")])


@given(
    target=st.decimals(min_value=1, max_value=10_000, places=2),
    actual=st.decimals(min_value=0, max_value=20_000, places=2),
    comparator=st.sampled_from(["≥", "≤", "=", ">", "<"]),
)
def test_completion_is_a_share_full_in_the_comparators_direction(
    target: Decimal, actual: Decimal, comparator: str
) -> None:
    ind = Indicator(level1="产出指标", level2="数量指标", level3="x", value=target)
    ind = ind.model_copy(update={"comparator": comparator})
    share = completion(ind, actual)
    assert D(0) <= share <= D(1)
    upward = comparator in ("≥", ">")
    beyond = actual >= target if upward else actual <= target
    if comparator == "=":
        assert (share == 1) == (actual == target)
    elif beyond:
        assert share == 1
