"""YS407–YS411, YS430: the stated 支出 amounts — total, 基本支出 (人员, 公用), 项目支出 and the
财政拨款 支出 by fund."""

from __future__ import annotations

from yusuan.model import StatedAmount, TableId
from yusuan.regex import lazy
from yusuan.rules.context import CheckContext
from yusuan.rules.prose.figures import (
    GUIDE,
    OUT_GRAND,
    PUBLIC_FUNDS_KEYS,
    TOTAL_ROWS,
    Figure,
    P,
    StatedFigureRule,
    U,
    class_figure,
    figure,
    fold,
    matches,
    present,
)

EXPENDITURE_TOTAL = (
    rf"{P}{U}(?:预算)?总?支出(?:预算)?(?:总额|总计|合计|总数)?",
    rf"{P}{U}一般公共预算(?:财政)?(?:拨款)?支出(?:预算)?(?:总额|合计)?",
)
BASIC = (rf"{P}{U}(?:一般公共预算)?(?:财政拨款)?基本支出(?:预算)?(?:数|总额|合计)?",)
PERSONNEL = (rf"{P}(?:基本支出中的?)?人员(?:经费|支出)(?:预算)?",)
PUBLIC_FUNDS = (rf"{P}(?:基本支出中的?)?(?:日常)?公用(?:经费|支出)(?:预算)?",)
PROJECT = (rf"{P}{U}(?:一般公共预算)?(?:财政拨款)?项目支出(?:预算)?(?:数|总额|合计)?",)
OUT_YEAR = (r"本年支出(?:合计|小计)?", r"支出合计")
GPB_FIRST = lazy(r"一般公共预算|财政拨款")


def _by_fund(s: StatedAmount, figs: list[Figure]) -> list[Figure]:
    """支出总表 figures; when the subject or its sentence names 一般公共预算/财政拨款, the
    财政拨款 tables' figures first and all acceptable (fallback: whatever is present)."""
    if GPB_FIRST.search(fold(s.subject + s.sentence)):
        return sorted(
            figs, key=lambda f: f.table.id not in (TableId.GPB_EXPENDITURE, TableId.GPB_BASIC)
        )
    return [f for f in figs if f.table.id is TableId.EXPENDITURE] or figs


def _split_column(ctx: CheckContext, key: str) -> list[Figure]:
    """The 合计 row's ``key`` column (基本支出/项目支出) of the 支出总表 and of the 一般公共预算
    财政拨款支出表, those present."""
    return present(
        figure(ctx, TableId.EXPENDITURE, TOTAL_ROWS, (key,), first=False),
        figure(ctx, TableId.GPB_EXPENDITURE, TOTAL_ROWS, (key,), first=False),
    )


def _basic_column(
    ctx: CheckContext, keys: tuple[str, ...], codes: tuple[str, ...], label: str
) -> Figure | None:
    """The 基本支出表's 合计 row in the column ``keys`` (人员经费/公用经费); printing no such
    column, the sum of its 类 rows ``codes``."""
    return figure(ctx, TableId.GPB_BASIC, TOTAL_ROWS, keys, first=False) or class_figure(
        ctx, TableId.GPB_BASIC, codes, keys, label
    )


class StatedExpenditureTotalMismatch(StatedFigureRule):
    """检查什么
    情况说明中的支出总额（“部门支出预算”“支出预算”“支出总额”“支出合计”等）应等于支出总表
    “合计”行的合计数（也可等于收支总表的本年支出合计或支出总计）；“一般公共预算（财政
    拨款）支出”应等于一般公共预算财政拨款支出表的合计。

    为什么重要
    支出总额与表格不一致，读者无法判断部门到底安排了多少支出。

    错误示例
    “2023年部门支出预算为594.58万元”，而支出总表合计为593.58万元。

    正确写法
    “2023年部门支出预算为593.58万元”。
    """

    code = "YS407"
    name = "stated-expenditure-total-mismatch"
    title = "情况说明的支出总额与支出总表不一致"
    tags = ("prose", "expenditure", "summary", "gpb_expenditure")
    basis = GUIDE
    subjects = EXPENDITURE_TOTAL
    what = "支出总额"
    needs = (TableId.EXPENDITURE, TableId.SUMMARY, TableId.GPB_EXPENDITURE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        gpb = figure(ctx, TableId.GPB_EXPENDITURE, TOTAL_ROWS, ("合计",))
        if "一般公共预算" in fold(s.subject):
            return present(gpb)
        return present(
            figure(ctx, TableId.EXPENDITURE, TOTAL_ROWS, ("合计", "本年支出合计", "本年支出")),
            figure(ctx, TableId.SUMMARY, OUT_YEAR, on="支出", label="本年支出合计"),
            figure(ctx, TableId.SUMMARY, OUT_GRAND, on="支出", label="支出总计"),
        )


class StatedBasicMismatch(StatedFigureRule):
    """检查什么
    情况说明中的基本支出应等于支出总表“合计”行“基本支出”列（该句写明“一般公共预算”或
    “财政拨款”时，也可等于一般公共预算财政拨款支出表或基本支出表的合计；没有支出总表时
    比这两张表）。

    为什么重要
    基本支出保障机构运转，是说明的核心数字之一，与表格不一致即公开内容不准确。

    错误示例
    “其中基本支出431.58万元”，而支出总表合计行基本支出为430.58万元。

    正确写法
    “其中基本支出430.58万元”。
    """

    code = "YS408"
    name = "stated-basic-mismatch"
    title = "情况说明的基本支出与支出总表不一致"
    tags = ("prose", "expenditure", "gpb_expenditure", "gpb_basic")
    basis = GUIDE
    subjects = BASIC
    what = "基本支出"
    needs = (TableId.EXPENDITURE, TableId.GPB_EXPENDITURE, TableId.GPB_BASIC)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        basic = figure(ctx, TableId.GPB_BASIC, TOTAL_ROWS, ("合计",))
        return _by_fund(s, [*_split_column(ctx, "基本支出"), *present(basic)])


class StatedPersonnelMismatch(StatedFigureRule):
    """检查什么
    情况说明中的人员经费应等于一般公共预算财政拨款基本支出表“合计”行“人员经费”列。

    基本支出表不分列“人员经费”列时（只按经济分类列示），人员经费按 301、303 两类之和计，
    不一致时只作提示（各地口径不一）。

    为什么重要
    人员经费是基本支出的主要部分，与表格不一致会使基本支出的构成说不清。

    错误示例
    “包括人员经费406.07万元”，而基本支出表合计行人员经费为405.07万元。

    正确写法
    “包括人员经费405.07万元”。
    """

    code = "YS409"
    name = "stated-personnel-mismatch"
    title = "情况说明的人员经费与基本支出表不一致"
    tags = ("prose", "gpb_basic")
    basis = GUIDE
    subjects = PERSONNEL
    what = "人员经费"
    needs = (TableId.GPB_BASIC,)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        return present(_basic_column(ctx, ("人员经费", "人员支出"), ("301", "303"), "人员经费"))


class StatedPublicFundsMismatch(StatedFigureRule):
    """检查什么
    情况说明中的公用经费（“日常公用经费”“公用经费”）应等于一般公共预算财政拨款基本支出表
    “合计”行“公用经费”列。

    基本支出表不分列“公用经费”列时，公用经费按 302 类或 301、303 以外各类之和计（与其一相等
    即可），不一致时只作提示（各地口径不一）。

    为什么重要
    公用经费反映机关日常运转开支，是社会关注的重点，与表格不一致即公开内容不准确。

    错误示例
    “日常公用经费26.51万元”，而基本支出表合计行公用经费为25.51万元。

    正确写法
    “日常公用经费25.51万元”。
    """

    code = "YS410"
    name = "stated-public-funds-mismatch"
    title = "情况说明的公用经费与基本支出表不一致"
    tags = ("prose", "gpb_basic")
    basis = GUIDE
    subjects = PUBLIC_FUNDS
    what = "公用经费"
    needs = (TableId.GPB_BASIC,)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        others = ("301", "303")
        return present(
            _basic_column(ctx, PUBLIC_FUNDS_KEYS, ("302",), "公用经费"),
            class_figure(
                ctx, TableId.GPB_BASIC, others, PUBLIC_FUNDS_KEYS, "公用经费", besides=True
            ),
        )


class StatedProjectMismatch(StatedFigureRule):
    """检查什么
    情况说明中的项目支出应等于支出总表“合计”行“项目支出”列（该句写明“一般公共预算”或
    “财政拨款”时，也可等于一般公共预算财政拨款支出表的项目支出；没有支出总表时比该表）。

    为什么重要
    项目支出是部门履职的专项安排，与表格不一致会误导读者对项目规模的判断。

    错误示例
    “项目支出164万元”，而支出总表合计行项目支出为163.00万元。

    正确写法
    “项目支出163万元”。
    """

    code = "YS411"
    name = "stated-project-mismatch"
    title = "情况说明的项目支出与支出总表不一致"
    tags = ("prose", "expenditure", "gpb_expenditure")
    basis = GUIDE
    subjects = PROJECT
    what = "项目支出"
    needs = (TableId.EXPENDITURE, TableId.GPB_EXPENDITURE)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        return _by_fund(s, _split_column(ctx, "项目支出"))


#: (label, stated subjects, columns of the 财政拨款收支总表's 支出 side, table of the fund) of
#: each 财政拨款 支出 stated, as data (一般公共预算 is YS407's)
FISCAL_LINES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], TableId | None], ...] = (
    ("财政拨款支出", (rf"{P}{U}财政拨款支出(?:预算)?(?:总额|合计)?",), ("合计",), None),
    (
        "政府性基金预算财政拨款支出",
        (rf"{P}政府性基金(?:预算)?(?:财政)?(?:拨款)?支出(?:预算)?",),
        ("政府性基金预算财政拨款", "政府性基金预算", "政府性基金"),
        TableId.GOV_FUND,
    ),
    (
        "国有资本经营预算财政拨款支出",
        (rf"{P}国有资本经营预算(?:财政)?(?:拨款)?支出(?:预算)?",),
        ("国有资本经营预算财政拨款", "国有资本经营预算", "国有资本经营"),
        TableId.SOE_CAPITAL,
    ),
)
FISCAL_TOTALS = (*OUT_YEAR, *OUT_GRAND)


class StatedFiscalExpenditureMismatch(StatedFigureRule):
    """检查什么
    情况说明中的财政拨款支出、政府性基金（预算）拨款支出、国有资本经营预算拨款支出，应等于
    财政拨款收支总表支出方本年支出合计（或支出总计）行的对应列（合计、政府性基金预算、国有
    资本经营预算）；后两者也可等于政府性基金（国有资本经营）预算财政拨款支出表的合计（空表
    按0计）。“国有资本经营预算支出”也可指收支总表支出方的同名功能分类行。

    为什么重要
    财政拨款按资金性质分列公开，说明与表格对不上，读者无法判断各类财政资金安排了多少。

    错误示例
    “政府性基金拨款支出预算1.00万元”，而财政拨款收支总表政府性基金预算一列为空（0）。

    正确写法
    “政府性基金拨款支出预算0.00万元”。
    """

    code = "YS430"
    name = "stated-fiscal-expenditure-mismatch"
    title = "情况说明的财政拨款支出与财政拨款收支总表不一致"
    tags = ("prose", "fiscal_summary", "gov_fund", "soe_capital")
    basis = GUIDE
    subjects = tuple(p for _, subjects, _, _ in FISCAL_LINES for p in subjects)
    what = "财政拨款支出"
    needs = (TableId.FISCAL_SUMMARY, TableId.GOV_FUND, TableId.SOE_CAPITAL)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        keys, fund = next((c, t) for _, subj, c, t in FISCAL_LINES if matches(subj, s.subject))
        figs = present(
            *(
                figure(ctx, TableId.FISCAL_SUMMARY, (row,), keys, on="支出", first=False)
                for row in FISCAL_TOTALS
            )
        )
        if fund is not None:
            figs += present(figure(ctx, fund, TOTAL_ROWS, ("合计",), first=False))
        if fund is TableId.SOE_CAPITAL:  # also the 功能分类 类 of that name
            figs += present(figure(ctx, TableId.SUMMARY, (r"国有资本经营预算支出",), on="支出"))
        return figs
