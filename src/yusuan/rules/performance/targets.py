"""绩效目标 as the YS7xx rules read them: the targets, their tables and locations, and the kinds of
indicator.
"""

from __future__ import annotations

from yusuan.model import Indicator, PerformanceTarget, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import CannotRun, Location, NotApplicable, cell_location
from yusuan.rules.context import CheckContext

BASIS = (
    "《中华人民共和国预算法》第十二条（讲求绩效）；《中共中央 国务院关于全面实施预算绩效管理的意见》；"
    "财政部《中央部门预算绩效目标管理办法》（财预〔2015〕88号）：绩效指标包括产出指标、效益指标和满意度指标"
)

GUIDANCE = (
    "财政部《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）："
    "产出指标反映数量、质量、时效、成本，指标能量化的尽量量化，不能量化的采用分级分档描述；"
    "《项目支出绩效评价管理办法》（财预〔2020〕10号）"
)

OUTPUT = lazy(r"^(?:数量|质量|时效|成本)")
OUTCOME = lazy(r"经济效益|社会效益|生态效益|环境效益|可持续")
QUANTITATIVE = lazy(r"数量|质量|时效|成本")
_TARGETS_HEADING = lazy(r"项目(?:支出)?绩效目标")


def targets(ctx: CheckContext) -> tuple[PerformanceTarget, ...]:
    """The 项目绩效目标表 of the package.

    None read: :class:`CannotRun` when the package prints one (a table recognized as one,
    a 目录 entry or title naming one, a 情况说明 heading 预算项目绩效目标), else
    :class:`NotApplicable` — most packages publish no project targets at all.
    """
    if ctx.d.performance:
        return ctx.d.performance
    if printed_targets(ctx):
        raise CannotRun("印有项目绩效目标表，但未能识别其指标")
    if ctx.d.images:  # tables published as pictures: the targets may be among them
        raise CannotRun("未找到项目绩效目标表（可能印在图片中）")
    raise NotApplicable("本公开包没有印出项目绩效目标表（无此表，目录和标题都没有提到）")


def indicators(ctx: CheckContext) -> list[tuple[PerformanceTarget, Indicator]]:
    """Every indicator of every target, with its target (stops as :func:`targets` does)."""
    return [(target, ind) for target in targets(ctx) for ind in target.indicators]


def printed_targets(ctx: CheckContext) -> bool:
    """True when the package says it prints a 项目绩效目标表 (read or not)."""
    d = ctx.d
    if TableId.PERFORMANCE in d.printed() or d.tables_of(TableId.PERFORMANCE):
        return True
    return any(
        _TARGETS_HEADING.search(s.title) and "整体" not in s.title for s in d.narrative.walk()
    )


def table_of(ctx: CheckContext, target: PerformanceTarget) -> Table | None:
    if target.table is not None and 0 <= target.table < len(ctx.d.tables):
        t = ctx.d.tables[target.table]
        if t.id == TableId.PERFORMANCE:
            return t
    return None


def target_location(
    ctx: CheckContext, target: PerformanceTarget, ind: Indicator | None = None
) -> Location:
    t = table_of(ctx, target)
    base = (
        cell_location(t)
        if t is not None
        else Location(table=TableId.PERFORMANCE.value, table_title=target.project)
    )
    if target.source.page is not None:  # one table may hold forms on several pages
        base = base.model_copy(update={"page": target.source.page})
    if ind is None:
        return base
    return base.model_copy(
        update={
            "row_item": ind.level3 or ind.level2,
            "column": "指标值",
            "line": ind.source.line or base.line,
            "page": ind.source.page or base.page,
            "text": ind.value_text,
        }
    )


def is_output(i: Indicator) -> bool:
    return "产出" in i.level1 or bool(OUTPUT.match(i.level2))


def is_satisfaction(i: Indicator) -> bool:
    return "满意" in i.level1 or "满意" in i.level2


def is_outcome(i: Indicator) -> bool:
    return not is_satisfaction(i) and (
        "效益" in i.level1 or "效果" in i.level1 or bool(OUTCOME.search(i.level2))
    )


_DIGIT = lazy(r"\d")


def has_number(*texts: str) -> bool:
    """True when any of ``texts`` holds a digit (``开展至少1次…``, ``15个居民区全覆盖``)."""
    return any(_DIGIT.search(t) for t in texts)
