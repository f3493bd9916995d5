"""YS711: the 部门整体绩效目标 against the project tables — where both state one target, they agree."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.model import Indicator, PerformanceTarget
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, NotApplicable, Rule, Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.performance.targets import GUIDANCE, targets

#: words that say nothing about which target is meant
_GENERIC = lazy(r"开展|全年|年度|次数|数量|的|工作|力争|保障|确保|情况|金额|全部")
_MIN_COMMON = 4


_BRACKETED_OR_SPACE = lazy(r"[（(][^）)]*[)）]|\s")


def _key(name: str) -> str:
    return _GENERIC.sub("", _BRACKETED_OR_SPACE.sub("", name))


def _common(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def same_target(whole: Indicator, item: Indicator) -> bool:
    """The same target stated twice: the same unit and names sharing a distinctive run (开展监督
    检查 · 监督检查次数; 代表之家全年运行成本 · 运行成本金额)."""
    if (whole.unit or "") != (item.unit or "") or item.value is None:
        return False
    return _same_keys(_key(whole.level3), _key(item.level3))


def _same_keys(a: str, b: str) -> bool:
    """:func:`same_target`'s test on the two names' keys (:func:`_key`)."""
    if not a or not b:
        return False
    return a in b or b in a or _common(a, b) >= _MIN_COMMON


class OverallDisagreesWithProjects(Rule):
    """检查什么
    情况说明“部门整体绩效目标”中以数值表述的指标（“开展监督检查不少于20次”“代表之家全年
    运行成本不高于5万元”），与项目绩效目标表中同一指标（名称有相同的特征词、单位相同）的
    指标值是否一致。只有对应的项目指标全都不同时才报告。

    为什么重要
    部门整体目标是各项目目标的汇总，两处写法不同，说明其中一处照抄了旧数或改了一处忘了另一处；
    人大预算绩效监督时无法判断以哪个为准。

    错误示例
    总体绩效目标写“2023年开展监督检查不少于25次”，而活动经费绩效目标表的数量指标
    “监督检查次数”为“≥20次”。

    正确写法
    两处都写“不少于20次”（≥20次）。
    """

    code = "YS711"
    name = "performance-overall-disagrees-with-projects"
    title = "部门整体绩效目标与项目绩效目标不一致"
    severity = Severity.WARNING
    tags = ("performance", "narrative")
    basis = GUIDANCE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        whole = ctx.d.performance_overall
        if whole is None or not whole.indicators:
            raise NotApplicable("情况说明没有以数值表述的部门整体绩效目标")
        items: list[tuple[PerformanceTarget, Indicator]] = [
            (t, i) for t in targets(ctx) for i in t.indicators
        ]
        # :func:`same_target` of every pair, each name's key made once (not once a pair)
        keyed = [(t, i, _key(i.level3)) for t, i in items if i.value is not None]
        for ind in whole.indicators:
            if ind.value is None:
                continue
            unit, key = ind.unit or "", _key(ind.level3)
            matches = [(t, i) for t, i, k in keyed if (i.unit or "") == unit and _same_keys(key, k)]
            if not matches or any(i.value == ind.value for _, i in matches):
                continue
            t, first = matches[0]
            values = "、".join(dict.fromkeys(f"“{i.level3}”{i.value_text}" for _, i in matches[:3]))
            yield self.finding(
                f"部门整体绩效目标“{ind.value_text}”（{ind.level2}）与项目“{t.project}”的"
                f"绩效目标表不一致：{values}",
                Location.at(ind.source, section=ind.level2, text=ind.value_text),
                expected=first.value if first.value is not None else Decimal(0),
                actual=ind.value,
            )
