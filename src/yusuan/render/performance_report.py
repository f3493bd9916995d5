"""The 绩效自评 result laid out once, for the xlsx, docx and pdf writers.

A :class:`Sheet` is a titled grid of :class:`Span` cells (text, columns spanned, style),
so the three writers print the same rows: the 部门 summary (项目, 全年预算数, 全年执行数,
执行率, 总分, 等级; the 合计 with 平均得分 and the grade counts; the sentence the 决算
prints, “绩效自评的项目N个，涉及预算资金X万元，平均得分Y分（其中…）”; the findings), then one
项目支出绩效自评表 per project in the form of 财预〔2020〕10号's annex: 项目名称, 主管部门,
实施单位, 项目资金 (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), 年度总体目标
(预期目标 | 实际完成情况), then the 绩效指标 (一级/二级/三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因分析及改进措施) and the 总分 with its 等级.  Scores are shown to two
places; amounts in 万元 to two places.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from yusuan.rules.performance.evaluation import Evaluation, ProjectEvaluation

Style = Literal["head", "text", "num", "center"]
NCOLS = 8


@dataclass(frozen=True)
class Span:
    text: str
    span: int = 1
    style: Style = "text"


@dataclass(frozen=True)
class Sheet:
    name: str  # a short name: the xlsx sheet, the docx/pdf bookmark
    title: str
    meta: str
    rows: tuple[tuple[Span, ...], ...]
    widths: tuple[int, ...]  # relative column widths (characters)
    notes: tuple[str, ...] = ()


def two(value: Decimal) -> str:
    """Two places, half up, thousands separated: ``1234.5`` → ``1,234.50``."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def _value(p: ProjectEvaluation, i: int) -> str:
    s = p.score.indicators[i]
    r = s.result
    if r.actual is not None:
        unit = r.indicator.unit or ""
        return f"{r.actual.normalize():f}{unit}"
    return r.grade or ""


def _project(p: ProjectEvaluation, index: int, department: str, year: int | None) -> Sheet:
    f = p.filled
    h: Style = "head"
    t: Style = "text"
    n: Style = "num"
    c: Style = "center"
    rows: list[tuple[Span, ...]] = [
        (Span("项目名称", 1, h), Span(f.project, 7, t)),
        (
            Span("主管部门", 1, h),
            Span(f.department or department, 3, t),
            Span("实施单位", 1, h),
            Span(f.agency, 3, t),
        ),
        (
            Span("项目资金（万元）", 1, h),
            *(Span(x, 1, h) for x in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率")),
            Span("得分", 2, h),
        ),
        (
            Span("年度资金总额", 1, h),
            Span(two(f.initial) if f.initial is not None else "", 1, n),
            Span(two(f.budget), 1, n),
            Span(two(f.executed), 1, n),
            Span(two(f.weights["budget"]), 1, n),
            Span(f"{two(p.rate)}%", 1, n),
            Span(two(p.score.budget_score), 2, n),
        ),
        (Span("年度总体目标", 1, h), Span("预期目标", 3, h), Span("实际完成情况", 4, h)),
        (Span("", 1, h), Span(f.goals, 3, t), Span(f.achieved, 4, t)),
        tuple(
            Span(x, 1, h)
            for x in (
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            )
        ),
    ]
    filled = {id(fi.indicator): fi for fi in f.indicators}
    for i, s in enumerate(p.score.indicators):
        ind = s.result.indicator
        fi = filled.get(id(ind))
        why = "；".join(x for x in (s.result.reason, fi.measure if fi else "") if x)
        rows.append(
            (
                Span(ind.level1, 1, c),
                Span(ind.level2, 1, c),
                Span(ind.level3, 1, t),
                Span(ind.value_text, 1, c),
                Span(_value(p, i), 1, c),
                Span(two(s.weight), 1, n),
                Span(two(s.score), 1, n),
                Span(why, 1, t),
            )
        )
    weight_total = sum((w for w in f.weights.values()), Decimal(0))
    rows.append(
        (
            Span("总分", 5, h),
            Span(two(weight_total), 1, n),
            Span(two(p.score.shown), 1, n),
            Span(f"等级：{p.score.level}", 1, c),
        )
    )
    notes = tuple(x.line() for x in p.findings)
    return Sheet(
        name=f"{index}.{f.project}",
        title=f"项目支出绩效自评表（{year or ''}年度）",
        meta=f"部门：{department}    金额单位：万元",
        rows=tuple(rows),
        widths=(12, 14, 22, 14, 12, 9, 9, 30),
        notes=notes,
    )


def statement(e: Evaluation) -> str:
    """The sentence a 决算 prints for its 自评 (``recognize/statements.py`` reads it back)."""
    grades = "；".join(f"绩效评级为“{lv}”的项目{n}个" for lv, n in e.grades)
    year = f"{e.year}年度" if e.year else ""
    return (
        f"绩效自评的{year}项目{len(e.projects)}个，涉及预算资金{two(e.budget).replace(',', '')}万元，"
        f"平均得分{two(e.average)}分（其中，{grades}）。"
    )


def _summary(e: Evaluation) -> Sheet:
    h: Style = "head"
    t: Style = "text"
    n: Style = "num"
    c: Style = "center"
    head = (
        "序号",
        "项目名称",
        "全年预算数",
        "全年执行数",
        "执行率",
        "总分",
        "等级",
        "待补偏差原因",
    )
    rows: list[tuple[Span, ...]] = [tuple(Span(x, 1, h) for x in head)]
    for i, p in enumerate(e.projects, 1):
        missing = sum(1 for f in p.findings if f.severity == "warning")
        rows.append(
            (
                Span(str(i), 1, c),
                Span(p.filled.project, 1, t),
                Span(two(p.filled.budget), 1, n),
                Span(two(p.filled.executed), 1, n),
                Span(f"{two(p.rate)}%", 1, n),
                Span(two(p.score.shown), 1, n),
                Span(p.score.level, 1, c),
                Span(f"{missing}项" if missing else "", 1, c),
            )
        )
    rate = e.executed / e.budget * 100 if e.budget else Decimal(0)
    counts = " ".join(f"{lv}{k}" for lv, k in e.grades)
    rows.append(
        (
            Span("合计（总分栏为平均得分）", 2, h),
            Span(two(e.budget), 1, n),
            Span(two(e.executed), 1, n),
            Span(f"{two(rate)}%", 1, n),
            Span(two(e.average), 1, n),
            Span(counts, 2, c),
        )
    )
    findings = tuple(f.line() for f in e.findings)
    return Sheet(
        name="部门汇总",
        title=f"{e.department}{e.year or ''}年度项目支出绩效自评汇总表",
        meta=f"部门：{e.department}    金额单位：万元",
        rows=tuple(rows),
        widths=(6, 36, 12, 12, 10, 10, 8, 12),
        notes=(statement(e), *findings),
    )


def sheets(e: Evaluation) -> list[Sheet]:
    """The 部门 summary, then each project's 自评表."""
    return [_summary(e)] + [
        _project(p, i, e.department, e.year) for i, p in enumerate(e.projects, 1)
    ]


__all__ = ["NCOLS", "Sheet", "Span", "sheets", "statement", "two"]
