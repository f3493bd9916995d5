"""YS7xx — 绩效目标: indicators, values and costs; ``RULES`` lists the family's rules by code."""

from __future__ import annotations

from yusuan.rules.performance.cost import CostExceedsBudget
from yusuan.rules.performance.indicators import (
    GoalsMissing,
    IndicatorValueMissing,
    OutcomeIndicatorMissing,
    OutputIndicatorMissing,
    QuantitativeTargetUnmeasurable,
    SatisfactionIndicatorMissing,
)
from yusuan.rules.performance.overall import OverallDisagreesWithProjects
from yusuan.rules.performance.quality import (
    OutcomeWithoutMeasure,
    OutputDimensionMissing,
    QuantityWithoutNumber,
)
from yusuan.rules.performance.statements import (
    SelfEvaluationGradesDoNotAddUp,
    StatedTargetsDisagreeWithForms,
)

RULES = (
    OutputIndicatorMissing,
    OutcomeIndicatorMissing,
    SatisfactionIndicatorMissing,
    IndicatorValueMissing,
    CostExceedsBudget,
    GoalsMissing,
    QuantitativeTargetUnmeasurable,
    OutputDimensionMissing,
    QuantityWithoutNumber,
    OutcomeWithoutMeasure,
    OverallDisagreesWithProjects,
    StatedTargetsDisagreeWithForms,
    SelfEvaluationGradesDoNotAddUp,
)
