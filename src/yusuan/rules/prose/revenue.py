"""YS401–YS406, YS429: the stated 收入 amounts — total, 一般公共预算, 政府性基金, 财政专户, 其他收入,
上年结转 and the other lines stated alone (财政拨款收入, 事业收入 …)."""

from __future__ import annotations

from typing import ClassVar

from yusuan.model import Column, Row, StatedAmount, Table, TableId
from yusuan.rules.base import Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.prose.figures import (
    FUND_REVENUE,
    FUND_ROWS,
    GPB_REVENUE,
    GPB_ROWS,
    GUIDE,
    IN_GRAND,
    IN_YEAR,
    REVENUE_TOTAL,
    SIDE_KEYS,
    SPECIAL_REVENUE,
    SPECIAL_ROWS,
    TOTAL_ROWS,
    Figure,
    P,
    StatedFigureRule,
    U,
    cell_figure,
    figure,
    find_column,
    find_row,
    fold,
    matches,
    present,
    side,
    sum_figure,
)

CURRENT = (r"当年收入(?:合计|小计)",)


class StatedRevenueTotalMismatch(StatedFigureRule):
    """检查什么
    情况说明中的收入总额（“预算收入”“收入预算”“收入总额”“收入总计”“本年收入”等）应等于
    收支总表的收入数：措辞含“总计”时比“收入总计”，含“本年”或“合计”时比“本年收入合计”，
    其余措辞与两者之一相等即可（两者不等时，按含上年结转的“收入总计”报告）。
    江苏的收支预算总表先列“当年收入小计”（本年），再列上年结转，“收入合计”含上年结转，
    相当于“收入总计”。
    没有收支总表时改比收入总表“合计”行。

    为什么重要
    收入总额是情况说明的第一个数字，与表格不一致会让读者无所适从。

    错误示例
    “2023年预算收入594.58万元”，而收支总表收入总计、本年收入合计都是593.58万元。

    正确写法
    “2023年预算收入593.58万元”。
    """

    code = "YS401"
    name = "stated-revenue-total-mismatch"
    title = "情况说明的收入总额与收支总表不一致"
    tags = ("prose", "summary", "revenue")
    basis = GUIDE
    subjects = REVENUE_TOTAL
    what = "收入总额"
    needs = (TableId.SUMMARY, TableId.REVENUE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        # Jiangsu's 收支预算总表: 当年收入小计 (this year), 上年结转资金, then 收入合计 (with it)
        current = figure(ctx, TableId.SUMMARY, CURRENT, on="收入", label="当年收入小计")
        grand = (
            figure(ctx, TableId.SUMMARY, IN_GRAND, on="收入", label="收入总计")
            or (
                current and figure(ctx, TableId.SUMMARY, ("收入合计",), on="收入", label="收入合计")
            )
            or figure(ctx, TableId.REVENUE, TOTAL_ROWS, ("合计",), label="合计")
        )
        year = (
            current
            or figure(ctx, TableId.SUMMARY, IN_YEAR, on="收入", label="本年收入合计")
            or figure(
                ctx,
                TableId.REVENUE,
                TOTAL_ROWS,
                ("小计", "本年收入"),
                first=False,
                label="本年收入",
            )
        )
        name = fold(s.subject)
        if "总计" in name:
            return present(grand)
        if "本年" in name or "合计" in name:
            return present(year)
        return present(grand, year)


class _RevenueLine(StatedFigureRule):
    """A stated 收入 amount against one line of the 收支总表's 收入 side (else of the 财政拨款收支
    总表): the line whose item matches ``rows``."""

    rows: ClassVar[tuple[str, ...]] = ()

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        return present(
            figure(ctx, TableId.SUMMARY, self.rows, on="收入")
            or figure(ctx, TableId.FISCAL_SUMMARY, self.rows, on="收入")
        )


class StatedGpbRevenueMismatch(_RevenueLine):
    """检查什么
    情况说明中的一般公共预算收入（“一般公共预算收入”“一般公共预算拨款收入”“一般公共预算
    财政拨款”等）应等于收支总表收入方“一般公共预算拨款收入”行（没有收支总表时比财政拨款
    收支总表的同名行）。

    为什么重要
    一般公共预算拨款是部门最主要的资金来源，说明与表格不一致即公开内容不准确。

    错误示例
    “一般公共预算收入594.58万元”，而收支总表一般公共预算拨款收入为593.58万元。

    正确写法
    “一般公共预算收入593.58万元”。
    """

    code = "YS402"
    name = "stated-gpb-revenue-mismatch"
    title = "情况说明的一般公共预算收入与收支总表不一致"
    tags = ("prose", "summary", "fiscal_summary")
    basis = GUIDE
    subjects = GPB_REVENUE
    what = "一般公共预算收入"
    needs = (TableId.SUMMARY, TableId.FISCAL_SUMMARY)
    rows = GPB_ROWS


class StatedFundRevenueMismatch(_RevenueLine):
    """检查什么
    情况说明中的政府性基金收入（“基金预算收入”“政府性基金预算拨款收入”等）应等于收支总表
    收入方“政府性基金预算拨款收入”行（表中空白按0计；没有收支总表时比财政拨款收支总表）。

    为什么重要
    说明写有基金收入而表中没有（或相反），读者无法判断资金来源。

    错误示例
    “基金预算收入1万元”，而收支总表政府性基金预算拨款收入为空（0）。

    正确写法
    “基金预算收入0万元”，或与表中金额一致。
    """

    code = "YS403"
    name = "stated-fund-revenue-mismatch"
    title = "情况说明的政府性基金收入与收支总表不一致"
    tags = ("prose", "summary", "fiscal_summary")
    basis = GUIDE
    subjects = FUND_REVENUE
    what = "政府性基金收入"
    needs = (TableId.SUMMARY, TableId.FISCAL_SUMMARY)
    rows = FUND_ROWS


class StatedSpecialAccountMismatch(StatedFigureRule):
    """检查什么
    情况说明中的财政专户收入（“财政专户核拨收入”“财政专户管理资金收入”等）应等于收支总表
    收入方“财政专户管理资金收入”行（空白按0计；没有该行时比收入总表“合计”行“财政专户收入”列）。

    为什么重要
    财政专户资金是部门收入的组成部分，说明与表格不一致即公开内容不准确。

    错误示例
    “财政专户核拨收入1万元”，而收支总表财政专户管理资金收入为空（0）。

    正确写法
    “财政专户核拨收入0万元”。
    """

    code = "YS404"
    name = "stated-special-account-mismatch"
    title = "情况说明的财政专户收入与表格不一致"
    tags = ("prose", "summary", "revenue")
    basis = GUIDE
    subjects = SPECIAL_REVENUE
    what = "财政专户收入"
    needs = (TableId.SUMMARY, TableId.REVENUE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        return present(
            figure(ctx, TableId.SUMMARY, SPECIAL_ROWS, on="收入")
            or figure(ctx, TableId.REVENUE, TOTAL_ROWS, ("财政专户收入", "财政专户"), first=False)
        )


OTHER_REVENUE = (
    rf"{P}其他来源收入",
    rf"{P}其他(?:资金)?收入",
    rf"{P}非财政拨款(?:资金)?收入",
    rf"{P}单位资金(?:收入)?",
)
CARRYOVER = (r"(?:上年|年初)(?:财政拨款)?(?:结转(?:和|及)?结余|结转|结余)(?:资金|收入)?",)
OTHER_ROWS = (
    r"事业收入",
    r"(?:事业单位)?经营收入",
    r"上级补助收入",
    r"附属单位上缴(?:上级)?收入",
    r"其他收入",
)
CARRYOVER_ROWS = CARRYOVER


class StatedOtherRevenueMismatch(StatedFigureRule):
    """检查什么
    情况说明中的“其他来源收入”（或“其他收入”“非财政拨款收入”）应等于收支总表收入方非财政
    拨款各行之和：事业收入＋事业单位经营收入＋上级补助收入＋附属单位上缴收入＋其他收入
    （“其他收入”也可只等于同名一行）。各地口径不一，故为警告。

    为什么重要
    非财政拨款收入反映部门自有资金，说明与表格不一致会误导读者。

    错误示例
    “其他来源收入1万元”，而收支总表事业收入至其他收入各行均为空（合计0）。

    正确写法
    “其他来源收入0万元”。
    """

    code = "YS405"
    name = "stated-other-revenue-mismatch"
    title = "情况说明的其他来源收入与收支总表不一致"
    severity = Severity.WARNING
    tags = ("prose", "summary", "revenue")
    basis = GUIDE
    subjects = OTHER_REVENUE
    what = "其他来源收入"
    needs = (TableId.SUMMARY, TableId.REVENUE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        table, cells = _other_lines(ctx)
        if table is None or not cells:
            return []
        names = "＋".join(fold(n) for *_, n in cells)
        figs = [sum_figure(table, None, cells[0][1], [(r, c) for r, c, _ in cells], f"“{names}”")]
        if fold(s.subject) == "其他收入":  # may also mean the one line of that name
            figs += present(
                *(cell_figure(table, r, c, n) for r, c, n in cells if fold(n) == "其他收入")
            )
        return figs


def _other_lines(ctx: CheckContext) -> tuple[Table | None, list[tuple[Row, Column, str]]]:
    """The non-fiscal revenue cells, with their names: the summary's lines of ``OTHER_ROWS``,
    else the revenue table's 合计 row in the columns of those names."""
    table = ctx.table(TableId.SUMMARY)
    if table is not None:
        col, sec = find_column(table, SIDE_KEYS, "收入", first=True), side(table, "收入")
        rows = [r for r in table.rows if r.section == sec and matches(OTHER_ROWS, r.item)]
        if rows:
            return table, [(r, col, r.item) for r in rows] if col is not None else []
    table = ctx.table(TableId.REVENUE)
    total = find_row(table, TOTAL_ROWS) if table is not None else None
    if table is None or total is None:
        return None, []
    return table, [(total, c, c.key) for c in table.amount_columns() if matches(OTHER_ROWS, c.key)]


class StatedCarryoverMismatch(StatedFigureRule):
    """检查什么
    情况说明中的上年结转（“上年结转”“上年结转结余”“年初结转和结余”等）应等于收支总表收入方
    “上年结转结余”行；说明写“财政拨款结转”时也可比财政拨款收支总表“年初财政拨款结转和结余”
    行，没有收支总表时比收入总表“合计”行“上年结转”列（空白按0计）。

    为什么重要
    上年结转是本年可用资金的一部分，写错会使收入总额前后对不上。

    错误示例
    “上年结转1万元”，而收支总表上年结转结余为空（0）。

    正确写法
    “上年结转0万元”。
    """

    code = "YS406"
    name = "stated-carryover-mismatch"
    title = "情况说明的上年结转与收支总表不一致"
    tags = ("prose", "summary", "fiscal_summary", "revenue")
    basis = GUIDE
    subjects = CARRYOVER
    what = "上年结转"
    needs = (TableId.SUMMARY, TableId.FISCAL_SUMMARY, TableId.REVENUE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        summary = figure(ctx, TableId.SUMMARY, CARRYOVER_ROWS, on="收入")
        fiscal = figure(ctx, TableId.FISCAL_SUMMARY, CARRYOVER_ROWS, on="收入")
        revenue = figure(
            ctx, TableId.REVENUE, TOTAL_ROWS, ("上年结转", "年初结转和结余"), first=False
        )
        if "财政拨款" in fold(s.subject):
            return present(fiscal, summary)
        return present(summary or revenue, fiscal)


#: (label, stated subjects, rows of the 收支总表's 收入 side) of each 收入 line stated alone, as
#: data; 一般公共预算/政府性基金/财政专户/其他来源 have rules of their own (YS402–YS405)
REVENUE_LINES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("财政拨款收入", (rf"{P}{U}财政拨款(?:预算)?收入(?:预算)?",), (r"财政拨款(?:收入)?",)),
    ("事业收入", (rf"{P}事业收入(?:预算)?",), (r"事业收入",)),
    (
        "事业单位经营收入",
        (rf"{P}(?:事业单位)?经营收入(?:预算)?",),
        (r"(?:事业单位)?经营收入",),
    ),
    ("上级补助收入", (rf"{P}上级补助收入(?:预算)?",), (r"上级补助收入",)),
    (
        "附属单位上缴收入",
        (rf"{P}附属单位上缴(?:上级)?收入(?:预算)?",),
        (r"附属单位上缴(?:上级)?收入",),
    ),
)


class StatedRevenueLineMismatch(StatedFigureRule):
    """检查什么
    情况说明单独写出的财政拨款收入、事业收入、事业单位经营收入、上级补助收入、附属单位上缴
    收入，应等于收支总表收入方的同名行（表中空白按0计）。没有该行时：财政拨款收入比财政拨款
    收支总表的本年收入合计（或收入总计），其余比收入总表“合计”行的同名列。

    为什么重要
    收入来源逐项公开，说明与表格对不上，读者无法判断部门的钱从哪里来。

    错误示例
    “事业收入1.00万元”，而收支总表事业收入为空（0）。

    正确写法
    “事业收入0.00万元”，或与表中金额一致。
    """

    code = "YS429"
    name = "stated-revenue-line-mismatch"
    title = "情况说明的财政拨款收入、事业收入等与收支总表不一致"
    tags = ("prose", "summary", "fiscal_summary", "revenue")
    basis = GUIDE
    subjects = tuple(p for _, subjects, _ in REVENUE_LINES for p in subjects)
    what = "财政拨款收入、事业收入等收入"
    needs = (TableId.SUMMARY, TableId.FISCAL_SUMMARY, TableId.REVENUE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        label, rows = next((k, r) for k, subj, r in REVENUE_LINES if matches(subj, s.subject))
        line = figure(ctx, TableId.SUMMARY, rows, on="收入")
        if line is not None:
            return [line]
        if label == "财政拨款收入":
            return present(
                figure(ctx, TableId.FISCAL_SUMMARY, IN_YEAR, on="收入", label="本年收入合计"),
                figure(ctx, TableId.FISCAL_SUMMARY, IN_GRAND, on="收入", label="收入总计"),
            )
        return present(figure(ctx, TableId.REVENUE, TOTAL_ROWS, (label,), first=False))
