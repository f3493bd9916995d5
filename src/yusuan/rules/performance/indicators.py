"""YS7xx: the indicators a 绩效目标 must have (产出, 效益, 满意度), their values, goals and measurable
targets.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model import Indicator
from yusuan.rules.base import Finding, Rule, Severity
from yusuan.rules.context import CheckContext, norm
from yusuan.rules.performance.targets import (
    BASIS,
    QUANTITATIVE,
    has_number,
    indicators,
    is_outcome,
    is_output,
    is_satisfaction,
    target_location,
    targets,
)


class _KindMissing(Rule):
    """A kind of indicator each 绩效目标表 must carry (abstract: no code)."""

    severity = Severity.WARNING
    kind = ""

    def has(self, i: Indicator) -> bool:
        raise NotImplementedError

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target in targets(ctx):
            if not target.indicators and self.code != "YS701":
                continue  # a table without any indicator is reported once, by YS701
            if any(self.has(i) and i.value_text.strip() for i in target.indicators):
                continue
            yield self.finding(
                f"项目“{target.project}”的绩效目标表没有{self.kind}（或其指标值为空）"
                + ("；表中没有任何绩效指标" if not target.indicators else ""),
                target_location(ctx, target),
                expected=f"至少一个有指标值的{self.kind}",
                actual="无",
            )


class OutputIndicatorMissing(_KindMissing):
    """检查什么
    每张项目绩效目标表是否至少有一个填了指标值的产出指标（一级指标“产出指标”，
    或二级指标为数量 / 质量 / 时效 / 成本指标）。表中一个指标都没有时，也在这里报告。

    为什么重要
    产出指标说明花钱要完成多少事、达到什么质量、何时完成、花多少钱，是绩效目标的基础；
    绩效目标管理要求绩效指标包括产出指标。

    错误示例
    “智慧人大”建设项目绩效目标表只有效益指标“提供优质服务：进一步提升服务水平”和满意度指标。

    正确写法
    产出指标：数量指标“智慧人大板块数量 ≥5个”；质量指标“信息系统故障发生率 ≤5%”；
    时效指标“完成及时率 ≥90%”；成本指标“成本控制 ≤27万元”。
    """

    code = "YS701"
    name = "performance-output-indicator-missing"
    title = "绩效目标表缺少产出指标"
    tags = ("performance",)
    basis = BASIS
    kind = "产出指标"

    def has(self, i: Indicator) -> bool:
        return is_output(i)


class OutcomeIndicatorMissing(_KindMissing):
    """检查什么
    每张项目绩效目标表是否至少有一个填了指标值的效益指标（一级指标“效益指标 / 效果指标”，
    或二级指标为经济效益 / 社会效益 / 生态效益 / 可持续影响指标）。

    为什么重要
    效益指标说明项目带来的效果，没有效益指标，绩效目标只剩“做了多少事”，无法评价钱花得值不值。

    错误示例
    人代会经费绩效目标表只有产出指标和满意度指标，没有“代表满意率”“意见建议采纳率”之类的效益指标。

    正确写法
    效益指标：社会效益指标“意见建议采纳率 ≥90%”；可持续影响指标“对县域发展形成持续性影响：影响程度较高”。
    """

    code = "YS702"
    name = "performance-outcome-indicator-missing"
    title = "绩效目标表缺少效益指标"
    tags = ("performance",)
    basis = BASIS
    kind = "效益指标"

    def has(self, i: Indicator) -> bool:
        return is_outcome(i)


class SatisfactionIndicatorMissing(_KindMissing):
    """检查什么
    每张项目绩效目标表是否至少有一个填了指标值的满意度指标（一级或二级指标含“满意度”）。

    为什么重要
    满意度指标反映服务对象对项目的评价，是绩效目标三类指标之一；缺少它，
    项目的绩效只由实施者自己评价。

    错误示例
    综合业务和事务管理经费绩效目标表的指标到“机关正常运转的时间 ≥1年”为止，没有满意度指标。

    正确写法
    满意度指标：服务对象满意度指标“服务对象满意度（%）≥90%”。
    """

    code = "YS703"
    name = "performance-satisfaction-indicator-missing"
    title = "绩效目标表缺少满意度指标"
    tags = ("performance",)
    basis = BASIS
    kind = "满意度指标"

    def has(self, i: Indicator) -> bool:
        return is_satisfaction(i)


class IndicatorValueMissing(Rule):
    """检查什么
    绩效目标表中列了指标名称，却没有填“指标值”的指标。

    为什么重要
    没有指标值的指标无法考核，等于没有设定目标；常见于复制模板后漏填。

    错误示例
    数量指标“智慧人大板块数量”，绩效指标描述“平乡县智慧人大网上代表之家系统板块数量”，指标值（空）。

    正确写法
    数量指标“智慧人大板块数量”，指标值“≥5个”，指标值确定依据“合同”。
    """

    code = "YS704"
    name = "performance-indicator-value-missing"
    title = "绩效指标未填指标值"
    severity = Severity.WARNING
    tags = ("performance",)
    basis = BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target, ind in indicators(ctx):
            if not ind.value_text.strip() and (ind.level3 or ind.description):
                yield self.finding(
                    f"项目“{target.project}”的{ind.level2 or ind.level1}“{ind.level3 or ind.description}”没有填指标值",
                    target_location(ctx, target, ind),
                    expected="指标值",
                    actual="空",
                )


class GoalsMissing(Rule):
    """检查什么
    每张项目绩效目标表是否写了“绩效目标”（年度目标）文字。

    为什么重要
    绩效目标是指标的总纲，说明项目一年要达到什么结果；只有指标没有目标，读者不知道指标为何而设。

    错误示例
    “智慧人大”建设项目绩效目标表的“绩效目标”一栏空白，直接列出各级指标。

    正确写法
    绩效目标：“1.‘智慧人大’投入使用；2.提高闭会期间代表收集民情民意的解决率和联系群众的实效性。”
    """

    code = "YS706"
    name = "performance-goals-missing"
    title = "绩效目标表未写绩效目标"
    severity = Severity.WARNING
    tags = ("performance",)
    basis = BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target in targets(ctx):
            if not norm(target.goals):
                yield self.finding(
                    f"项目“{target.project}”的绩效目标表没有填写绩效目标",
                    target_location(ctx, target),
                    expected="绩效目标文字",
                    actual="空",
                )


class QuantitativeTargetUnmeasurable(Rule):
    """检查什么
    质量、时效、成本指标本应可量化，指标值中却没有数字，如成本指标“控制在预算数内”、
    时效指标“按照法定程序规定时间召开会议”（信息提示；没有数字的数量指标由 YS709 警告）。

    为什么重要
    没有数字的产出指标难以考核，年终自评时只能写“已完成”；量化指标更便于监督。

    错误示例
    成本指标“成本控制”，指标值“控制在预算数内”。

    正确写法
    成本指标“成本控制”，指标值“≤48万元”（与项目预算一致）。
    """

    code = "YS707"
    name = "performance-quantitative-target-unmeasurable"
    title = "量化指标未给出数值"
    severity = Severity.INFO
    tags = ("performance",)
    basis = BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for target, ind in indicators(ctx):
            if (
                QUANTITATIVE.search(ind.level2)
                and not ind.level2.startswith("数量")  # a 数量指标 is YS709's, a warning
                and ind.value is None
                and ind.value_text.strip()
                and not has_number(ind.value_text)  # “开展至少1次…”: a number is there
            ):
                yield self.finding(
                    f"项目“{target.project}”的{ind.level2}“{ind.level3}”指标值“{ind.value_text}”没有数值，难以考核",
                    target_location(ctx, target, ind),
                    expected="可量化的数值",
                    actual=ind.value_text,
                )
