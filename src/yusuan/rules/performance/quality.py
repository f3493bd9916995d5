"""YS708–YS710: the quality of the targets themselves — 产出 dimensions, 数量指标 numbers, vague 效益.

Basis: 《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）: 产出
指标 reflect 数量、质量、时效 and 成本; indicators are quantified where they can be, a
qualitative one is graded (好、较好、一般、较差、差) rather than left as a slogan.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model import Indicator
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Rule, Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.performance.targets import (
    GUIDANCE,
    has_number,
    indicators,
    is_outcome,
    is_output,
    target_location,
    targets,
)

DIMENSIONS = ("数量", "质量", "时效", "成本")
#: a value that says only which way things go: no measure, no grade
VAGUE = lazy(
    r"^(?:进一步|不断|持续|明显|显著|有效|大幅|逐步|全面)?"
    r"(?:提升|提高|增强|改善|扩大|加强|优化|促进|有效|好转|增加)(?:[\u4e00-\u9fff]{0,8})$"
)


def _dimension(i: Indicator) -> str | None:
    return next((d for d in DIMENSIONS if i.level2.startswith(d)), None)


class OutputDimensionMissing(Rule):
    """检查什么
    项目绩效目标表的产出指标是否覆盖数量、质量、时效、成本四个方面（二级指标“数量指标”
    “质量指标”“时效指标”“成本指标”）；缺了哪几项就提示哪几项（信息提示）。
    只在表中有产出指标时检查（一个都没有由 YS701 报告）。

    为什么重要
    指引要求产出指标反映项目提供的公共产品和服务的数量、质量、时效和成本；
    缺少时效或成本指标，年终自评就无法判断是否按时、按预算完成。

    错误示例
    “新建社区公共服务中心”产出指标只有数量指标“规划建筑面积”、质量指标“完工及时率”和
    成本指标“预算内经费”，没有时效指标。

    正确写法
    补上时效指标，如“竣工验收时间 ≤2023年12月31日”或“工程按期完成率 =100%”。
    """

    code = "YS708"
    name = "performance-output-dimension-missing"
    title = "产出指标未覆盖数量、质量、时效、成本"
    severity = Severity.INFO
    tags = ("performance",)
    basis = GUIDANCE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target in targets(ctx):
            outputs = [i for i in target.indicators if is_output(i)]
            if not outputs:
                continue
            have = {_dimension(i) for i in outputs}
            missing = [d for d in DIMENSIONS if d not in have]
            if missing:
                yield self.finding(
                    f"项目“{target.project}”的产出指标缺少"
                    + "、".join(f"{d}指标" for d in missing),
                    target_location(ctx, target),
                    expected="数量、质量、时效、成本指标",
                    actual="、".join(f"{d}指标" for d in DIMENSIONS if d in have) or "无",
                )


class QuantityWithoutNumber(Rule):
    """检查什么
    数量指标的指标值（和指标名称）里没有任何数字，如数量指标“环境卫生及保安服务”，指标值
    “卫生整洁、内部安全有序”。名称或指标值中有数字（“15个居民区全覆盖”“开展至少1次…”）即可。

    为什么重要
    数量指标回答“做多少”，没有数字就无从考核完成程度；自评时“实际完成值”只能写“已完成”。

    错误示例
    数量指标“智慧人大板块数量”，指标值“按需建设”。

    正确写法
    数量指标“智慧人大板块数量”，指标值“≥5个”。
    """

    code = "YS709"
    name = "performance-quantity-without-number"
    title = "数量指标没有数值"
    severity = Severity.WARNING
    tags = ("performance",)
    basis = GUIDANCE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target, ind in indicators(ctx):
            if _dimension(ind) != "数量" or not ind.value_text.strip():
                continue  # an empty value is YS704's
            if ind.value is None and not has_number(ind.value_text, ind.level3):
                yield self.finding(
                    f"项目“{target.project}”的数量指标“{ind.level3}”指标值“{ind.value_text}”"
                    "没有数值，无法考核完成数量",
                    target_location(ctx, target, ind),
                    expected="数值（如 ≥5个）",
                    actual=ind.value_text,
                )


_SPACES = lazy(r"\s+")


class OutcomeWithoutMeasure(Rule):
    """检查什么
    效益指标的指标值只写变化方向，没有数值也没有等级，如“显著提升”“进一步提升服务水平”
    “有效”“增强”（信息提示）。

    为什么重要
    效益指标难以量化时，指引要求用分级描述（好、较好、一般……）或可核验的参照（比上年提高
    多少、达到什么标准）；“显著提升”年终无法判断是否达成，自评只能打满分或凭感觉。

    错误示例
    社会效益指标“服务效率”，指标值“显著提升”。

    正确写法
    社会效益指标“群众反映问题办结率”，指标值“≥90%”；或“服务效率”，指标值“较上年提高10%”。
    """

    code = "YS710"
    name = "performance-outcome-without-measure"
    title = "效益指标只写“提升”，没有衡量标准"
    severity = Severity.INFO
    tags = ("performance",)
    basis = GUIDANCE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target, ind in indicators(ctx):
            value = _SPACES.sub("", ind.value_text)
            if is_outcome(ind) and ind.value is None and VAGUE.match(value):
                yield self.finding(
                    f"项目“{target.project}”的效益指标“{ind.level3}”指标值“{ind.value_text}”"
                    "只写了变化方向，没有数值或等级",
                    target_location(ctx, target, ind),
                    expected="数值、比较基准或分级标准",
                    actual=ind.value_text,
                )
