"""YS712–YS713: the 绩效 facts the 情况说明 states, against the forms and against themselves."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import Unit, to_wan
from yusuan.model import PerformanceStatement
from yusuan.rules.base import Finding, Location, NotApplicable, Rule, Severity, fmt
from yusuan.rules.context import CheckContext
from yusuan.rules.performance.targets import GUIDANCE


def _statements(ctx: CheckContext, *kinds: str) -> list[PerformanceStatement]:
    found = [s for s in ctx.d.performance_statements if s.kind in kinds]
    if not found:
        raise NotApplicable("情况说明没有说明编报绩效目标（或绩效自评）的项目个数")
    return found


def _where(s: PerformanceStatement) -> Location:
    return Location.at(s.source, text=s.text)


class StatedTargetsDisagreeWithForms(Rule):
    """检查什么
    情况说明所述“编报绩效目标的项目N个，涉及项目预算资金X万元”与本文件印出的项目绩效目标表：
    项目个数不同——警告；每张表都印有预算金额（年度资金申请总额）而合计与所述金额不同——
    提示（表中金额的口径可能与说明不同，如含上年结转）。本文件没有印出绩效目标表时不检查
    （说明常写全部门的项目，表只公开重点项目）。

    为什么重要
    说明与表是同一批项目的两种说法；个数对不上，说明漏印了表或说明写错了数。

    错误示例
    说明称“编报绩效目标的项目5个”，文件只印出4张财政项目支出绩效目标填报表。

    正确写法
    印出全部5个项目的绩效目标表，或把说明改为实际公开的项目个数。
    """

    code = "YS712"
    name = "performance-stated-targets-disagree-with-forms"
    title = "说明所述绩效目标项目数与绩效目标表不符"
    severity = Severity.WARNING
    tags = ("performance", "narrative")
    basis = GUIDANCE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        stated = _statements(ctx, "targets")
        forms = ctx.d.performance
        if not forms:
            raise NotApplicable("本文件没有印出项目绩效目标表，所述项目个数无表可比")
        budgets = [to_wan(t.budget, t.budget_unit or Unit.WAN) for t in forms if t.budget]
        for s in stated:
            if s.projects is not None and s.projects != len(forms):
                yield self.finding(
                    f"说明称“{s.text}”，本文件印出的项目绩效目标表为 {len(forms)} 张",
                    _where(s),
                    expected=Decimal(len(forms)),
                    actual=Decimal(s.projects),
                )
            elif s.amount is not None and len(budgets) == len(forms):
                total = sum(budgets, Decimal(0))
                if total != s.amount:
                    yield self.finding(
                        f"说明称“{s.text}”，而 {len(forms)} 张绩效目标表所列预算金额合计"
                        f" {fmt(total)} 万元",
                        _where(s),
                        expected=total,
                        actual=s.amount,
                        severity=Severity.INFO,
                    )


class SelfEvaluationGradesDoNotAddUp(Rule):
    """检查什么
    决算说明所述“绩效自评的项目N个，…（其中，绩效评级为“优”的项目a个、“良”的项目b个……）”：
    各等级项目数之和是否等于自评项目数。

    为什么重要
    等级分布是人大预算绩效监督最常看的结果；各等级之和不等于总数，说明有项目漏报或多报了等级。

    错误示例
    “绩效自评的2024年度项目4个……其中，绩效评级为“优”的项目3个，“良”的项目0个，
    “合格”的项目0个，“不合格”的项目0个”。

    正确写法
    “优”的项目4个（或补上第4个项目的等级）。
    """

    code = "YS713"
    name = "performance-self-evaluation-grades-do-not-add-up"
    title = "绩效自评各等级项目数之和与自评项目数不符"
    severity = Severity.WARNING
    tags = ("performance", "narrative")
    basis = (
        "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）第二十九条：绩效评价结果采取评分和评级相结合的方式，"
        "总分100分，等级一般划分为四档"
    )

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for s in _statements(ctx, "self_evaluation"):
            if s.projects is None or not s.grades:
                continue
            graded = sum(n for _, n in s.grades)
            if graded != s.projects:
                parts = "、".join(f"“{g}”{n}个" for g, n in s.grades)
                yield self.finding(
                    f"说明称绩效自评项目 {s.projects} 个，而各等级项目数（{parts}）之和为 {graded} 个",
                    _where(s),
                    expected=Decimal(s.projects),
                    actual=Decimal(graded),
                )
