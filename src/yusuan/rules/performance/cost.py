"""YS7xx: a cost indicator against the project's budget."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import Unit, to_wan
from yusuan.model import Column, Indicator, Row, Table, TableId
from yusuan.rules.base import CannotRun, Finding, Rule, Severity, fmt
from yusuan.rules.context import CheckContext, norm
from yusuan.rules.performance.targets import BASIS, target_location, targets
from yusuan.rules.printed import money_of

GENERIC = (
    "一般", "行政", "管理", "事务", "运行", "其他", "支出", "专项", "项目", "事业", "机关", "服务",
    "经费", "补助", "人大", "政协", "能力", "提升", "建设", "工作", "业务", "发展", "保障", "单位",
)  # fmt: skip
SHORT_NAMES = (("人民代表大会", "人大"), ("常务委员会", "常委会"), ("政治协商会议", "政协"))
PROJECT_KEYS = ("项目支出", "项目支出合计", "项目")


def shorten(text: str) -> str:
    text = norm(text)
    for long, short in SHORT_NAMES:
        text = text.replace(long, short)
    return text


def keywords(item: str, department: str) -> list[str]:
    """The distinctive words of a 项 name: what is left once generic words are removed."""
    parts = [shorten(item)]
    for word in GENERIC:
        parts = [p for q in parts for p in q.split(word)]
    return [p for p in parts if len(p) >= 2 and p not in department]


def cost_wan(ind: Indicator) -> Decimal | None:
    """A 成本指标's value in 万元 (None when it is not an amount of money)."""
    if ind.value is None or not ("成本" in ind.level2 or "成本" in ind.level1):
        return None
    try:
        return to_wan(ind.value, Unit(ind.unit or ""))
    except ValueError:
        return None


def shown(table: Table | None, col: Column | None, value: Decimal) -> str:
    """A figure of the 支出 table as that table prints it (its unit; 万元 when it names none)."""
    if table is None or col is None:
        return f"{fmt(value)} 万元"
    texts = [CheckContext.text(r, col) for r in table.rows]
    return money_of(value, table.unit or Unit.WAN, texts)


class CostExceedsBudget(Rule):
    """检查什么
    绩效目标表中以金额表示的成本指标（“≤27万元”）是否超过预算：
    ① 超过本部门全部项目支出（支出总表“合计”行的“项目支出”）——错误；
    ② 绩效目标表印有本项目预算金额（上海“项目资金”栏的年度资金申请总额）而成本指标超过它——警告；
    ③ 否则，项目名称与支出总表（无支出总表时用一般公共预算财政拨款支出表）某个“项”级科目名称
    有相同的特征词（如“人大会议”与“人民代表大会第三次会议经费”都有“会议”），
    而成本指标超过这些科目的项目支出之和——警告（项目可能还有其他资金来源）。

    为什么重要
    成本指标是项目花钱的上限，超过预算安排说明指标或预算有一处是错的（常见于照抄上年目标）。

    错误示例
    人代会经费绩效目标表：成本指标“召开会议总成本 ≤35万元”，而支出总表 2010104 人大会议项目支出 25.00 万元。

    正确写法
    成本指标“召开会议总成本 ≤25万元”，与人大会议项目支出 25.00 万元一致。
    """

    code = "YS705"
    name = "performance-cost-exceeds-budget"
    title = "绩效成本指标超过预算安排"
    severity = Severity.ERROR
    tags = ("performance", "expenditure", "gpb_expenditure")
    basis = BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        items = targets(ctx)
        table = ctx.table(TableId.EXPENDITURE) or ctx.table(TableId.GPB_EXPENDITURE)
        col = CheckContext.column(table, *PROJECT_KEYS) if table is not None else None
        if col is None and not any(t.budget is not None for t in items):
            if table is None:
                raise CannotRun(
                    "缺少支出总表和一般公共预算财政拨款支出表，无法比较成本指标与项目支出"
                )
            raise CannotRun(f"《{table.title}》中没有“项目支出”列")
        total: Decimal | None = None
        whole = False
        leaves: list[tuple[Row, list[str]]] = []
        title = ""
        if table is not None and col is not None:
            total = CheckContext.value(table, CheckContext.total_row(table), col)
            whole = table.id == TableId.EXPENDITURE
            title = table.title
            dept = shorten(ctx.d.department_name or "")
            leaves = [
                (r, keywords(r.item, dept))
                for r in table.rows
                if ((r.code and len(r.code) == 7) or (not r.code and r.depth == 2))
                and CheckContext.value(table, r, col)
            ]
        for target in items:
            name = shorten(target.project)
            for ind in target.indicators:
                cost = cost_wan(ind)
                if cost is None:
                    continue
                loc = target_location(ctx, target, ind)
                if total is not None and cost > total:
                    yield self.finding(
                        f"项目“{target.project}”的成本指标“{ind.level3}”{ind.value_text}，超过"
                        f"《{title}》全部项目支出 {shown(table, col, total)}",
                        loc,
                        expected=total,
                        actual=cost,
                        severity=None if whole else Severity.WARNING,
                    )
                    continue
                own = (
                    to_wan(target.budget, target.budget_unit or Unit.WAN)
                    if target.budget is not None
                    else None
                )
                if own is not None:  # the form prints the project's own 预算金额
                    if cost > own:
                        yield self.finding(
                            f"项目“{target.project}”的成本指标“{ind.level3}”{ind.value_text}，超过"
                            f"本项目绩效目标表所列预算金额 {fmt(own)} 万元",
                            loc,
                            expected=own,
                            actual=cost,
                            severity=Severity.WARNING,
                        )
                    continue
                rows = [r for r, words in leaves if any(w in name for w in words)]
                if not rows or table is None or col is None:
                    continue
                budget = sum((CheckContext.amount(table, r, col) for r in rows), Decimal(0))
                if cost > budget:
                    names = "、".join(f"{r.code or ''}{r.item}" for r in rows)
                    yield self.finding(
                        f"项目“{target.project}”的成本指标“{ind.level3}”{ind.value_text}，超过对应科目"
                        f"（{names}）的项目支出 {shown(table, col, budget)}",
                        loc.model_copy(update={"row_code": rows[0].code}),
                        expected=budget,
                        actual=cost,
                        severity=Severity.WARNING,
                    )
