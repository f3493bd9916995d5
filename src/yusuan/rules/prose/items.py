"""YS412–YS416: the stated 机关运行经费, “三公”经费, 政府采购, 固定资产 and 收支总额."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.model import Column, StatedAmount, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Severity
from yusuan.rules.context import CheckContext, norm
from yusuan.rules.prose.figures import (
    GUIDE,
    IN_GRAND,
    OUT_GRAND,
    PUBLIC_FUNDS_KEYS,
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
    sum_figure,
)

LAW14 = "《中华人民共和国预算法》第十四条：部门预算、决算应当公开，并对机关运行经费的安排、使用情况等重要事项作出说明"
LAW14_PROCUREMENT = (
    "《中华人民共和国预算法》第十四条：各部门、各单位应当将政府采购的情况及时向社会公开"
)
THREE_PUBLIC_BASIS = GUIDE + "；部门预算公开应说明财政拨款“三公”经费预算总额及其各项"
#: the department's subordinate units together (Shanghai: “（部门）下属1家机关和1家参公事业
#: 单位财政拨款的机关运行经费预算”): the department's own figure
UNITS = r"(?:下属[^，。；]*?(?:单位|机关)(?:财政拨款)?的?)?"
RUNNING = (
    rf"{P}{U}{UNITS}(?:一般公共预算)?(?:财政拨款)?机关运行(?:经费|费)(?:预算)?(?:支出)?",
    rf"{P}{U}(?:一般公共预算)?财政拨款运行经费(?:预算)?",
)
PROCUREMENT = (rf"{P}{U}(?:安排的?)?政府采购(?:预算|资金|金额)*(?:总额|合计|总计)?",)
ASSETS = (
    r"(?:共有|占有|占用|拥有)?(?:国有)?固定资产(?:原值|总额|总值|金额|价值|账面原值|账面价值)?",
    r"(?:国有)?资产总(?:额|值|计)",
)
ARRANGEMENT = (rf"{P}{U}(?:预算)?收支(?:总)?(?:预算)?(?:总额|总计|规模)?(?:安排)?",)
FEE = r"费(?:用)?(?:预算)?"
# (label, stated subjects, table rows) of the 三公 table, as data.
THREE_PUBLIC_ITEMS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "三公经费合计",
        (
            rf"{P}(?:一般公共预算)?(?:财政拨款)?(?:安排的?)?三公经费(?:财政拨款)?(?:预算|决算|支出)*(?:数|总额|合计|总计)?",
        ),
        (r"合计", r"总计", r"三公经费(?:合计|小计|总计)?"),
    ),
    ("因公出国（境）费", (rf"因公出国\(境\)(?:经)?{FEE}",), (rf"因公出国\(境\)(?:经)?{FEE}",)),
    (
        "公务用车购置及运行费",
        (rf"公务用车购置及运(?:行维护|维|行){FEE}",),
        (rf"公务用车购置及运(?:行维护|维|行){FEE}",),
    ),
    ("公务用车购置费", (rf"(?:公务用车)?购置{FEE}",), (rf"(?:公务用车)?购置{FEE}",)),
    (
        "公务用车运行维护费",
        (rf"(?:公务用车)?运(?:行维护|维|行){FEE}",),
        (rf"(?:公务用车)?运(?:行维护|维|行){FEE}",),
    ),
    ("公务接待费", (rf"(?:国内)?公务接待{FEE}",), (rf"(?:国内)?公务接待{FEE}",)),
)
THREE_PUBLIC_SUBJECTS = tuple(p for _, subjects, _ in THREE_PUBLIC_ITEMS for p in subjects)
THREE_PUBLIC_CONTEXT = lazy(r"三公|公务用车|出国|公务接待")
THREE_PUBLIC_KEYS = {"合计", "预算数", "决算数", "金额", "全年预算数"}
PROCUREMENT_KEYS = ("政府采购金额", "采购金额", "合计", "金额", "预算金额", "预算数")
ASSET_ROWS = (r"资产总(?:额|计|值)", r"合计", r"总计", r"固定资产(?:合计|总额|总计)?")
ASSET_KEYS = ("价值", "金额", "原值", "账面")
PUBLIC_FUNDS_ROWS = (r"(?:日常)?公用(?:经费|支出)(?:合计|小计)?",)


#: a unit of the package that is a 事业单位 not managed under the civil-service law (参公):
#: “（下属事业单位）”, “事业单位3家” — not 行政事业单位, 参公事业单位, “事业单位0家”, nor a
#: 科目 (事业单位医疗, 事业单位离退休) or a revenue (事业收入 is not matched at all)
PLAIN_INSTITUTION = lazy(
    r"(?<!行政)(?<!参公)(?<!参照公务员法管理的)(?<!参照公务员法管理)事业单位"
    r"(?![0０零]家)(?!医疗|离退休|养老|基本养老|职业年金|开展|在|使用|的)"
)
_HALF = str.maketrans("（）", "()")
UNITS_SECTION = lazy(r"单位构成|机构设置|单位组成|所属单位|单位情况|机构情况")
#: the 单位性质 cell of a unit list saying 事业 (公益一类事业单位 …), not 行政 or 参公事业
INSTITUTION_CELL = lazy(r"(?:公益[一二]类|其他)?事业(?:单位)?(?:\(公益[一二]类\))?")


_CLAUSE_MARK = lazy(r"[，。；：:]")


def plain_institution(ctx: CheckContext) -> str | None:
    """Where the package names one of its units as a 事业单位 that is not 参公: a line of its
    单位构成 / 机构设置 section, or of a table without amounts listing the units."""
    texts = [
        p.text for path, p in ctx.paragraphs if any(UNITS_SECTION.search(norm(t)) for t in path)
    ]
    for t in ctx.d.tables:
        if t.amount_columns():
            continue
        for r in t.rows:
            cells = [norm(c.text) for c in r.cells.values()]
            if any("事业" in c and INSTITUTION_CELL.fullmatch(c.translate(_HALF)) for c in cells):
                return "".join([norm(r.label), *(f"｜{c}" for c in cells if c)])[:40]
            texts.append(r.label)
    for text in texts:
        for clause in _CLAUSE_MARK.split(norm(text)):
            if PLAIN_INSTITUTION.search(clause):
                return clause[:40]  # the clause naming it, as printed
    return None


class StatedRunningCostsDiffer(StatedFigureRule):
    """检查什么
    情况说明中的机关运行经费，通常等于一般公共预算财政拨款基本支出表的公用经费合计
    （公用经费列的合计行；决算表把人员经费、公用经费分两块列出时为“公用经费合计”行）；
    二者不等时提示（警告）。若公开文件另有“机关运行经费”表或列（如上海的“三公”经费和
    机关运行经费预算表），则比该列，不等为错误。部门的单位构成（机构设置）列有非参公的
    事业单位（如“××中心（下属事业单位）”）时，机关运行经费只含行政单位和参公事业单位的
    日常公用经费，低于公用经费合计是应有之义：只作提示（info），消息中写明原因。

    为什么重要
    《预算法》第十四条要求部门预决算对机关运行经费作出说明；行政单位的机关运行经费
    一般就是财政拨款公用经费，口径不同应在说明中交代。

    错误示例
    “机关运行经费共计安排26.51万元”，而基本支出表公用经费为25.51万元，说明未交代差异。

    正确写法
    “机关运行经费共计安排25.51万元”。
    """

    code = "YS412"
    name = "stated-running-costs-differ"
    title = "情况说明的机关运行经费与公用经费不一致"
    severity = Severity.WARNING
    tags = ("prose", "gpb_basic", "three_public")
    basis = LAW14
    subjects = RUNNING
    what = "机关运行经费"

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        for table in ctx.d.tables:  # a table or column of its own comes first
            col = next(
                (c for c in table.amount_columns() if any("机关运行" in p for p in c.path)), None
            )
            row = find_row(table, TOTAL_ROWS) or next(
                (r for r in table.rows if col and r.value(col.index) is not None), None
            )
            if col is not None and row is not None:
                return present(cell_figure(table, row, col, col.key))
        return present(
            figure(ctx, TableId.GPB_BASIC, TOTAL_ROWS, PUBLIC_FUNDS_KEYS, first=False)
            # a 决算 基本支出表 printing its 人员经费 and 公用经费 blocks with their totals as
            # rows (公用经费合计 | 决算数), not as columns
            or figure(ctx, TableId.GPB_BASIC, PUBLIC_FUNDS_ROWS, label="公用经费合计")
        )

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        unit = plain_institution(ctx)
        for f in super().check(ctx):
            below = f.actual is not None and f.expected is not None
            if unit and f.severity is Severity.WARNING and below:
                below = Decimal(str(f.actual)) < Decimal(str(f.expected))
            if unit and f.severity is Severity.WARNING and below:
                reason = (
                    f"（本部门含非参公事业单位：“{unit}”；机关运行经费只含行政单位和参公事业单位"
                    "的日常公用经费，低于公用经费合计属正常）"
                )
                f = f.model_copy(update={"severity": Severity.INFO, "message": f.message + reason})
            yield f

    def judge(self, s: StatedAmount, figs: list[Figure]) -> list[Finding]:
        found = super().judge(s, figs)
        if "机关运行" in figs[0].label:  # its own table: a plain error
            return [
                f.model_copy(update={"severity": Severity.ERROR})
                if f.severity is Severity.WARNING
                else f
                for f in found
            ]
        return found


def _three_public_figures(table: Table, rows: tuple[str, ...], label: str) -> list[Figure]:
    """An item of the 三公 table: a row (long layout; in each of its 合计/预算数/决算数 columns,
    any of which may be meant) or a header column (wide layout, one data row)."""
    row = find_row(table, rows)
    if row is not None:
        cols = [c for c in table.amount_columns() if set(map(fold, c.path)) & THREE_PUBLIC_KEYS]
        cols = cols or _present_cols(find_column(table, (), first=True))
        return present(*(cell_figure(table, row, c, label) for c in cols))
    cols = [c for c in table.amount_columns() if any(matches(rows, p) for p in c.path)]
    data = find_row(table, TOTAL_ROWS) or next(
        (r for r in table.rows if any(c.value is not None for c in r.cells.values())), None
    )
    if not cols or data is None:
        return []
    lead = [c for c in cols if matches(rows, c.key) or fold(c.key) in ("小计", "合计")]
    cols = lead[:1] or cols
    return [sum_figure(table, data, cols[0], [(data, c) for c in cols], f"“{label}”")]


def _present_cols(*cols: Column | None) -> list[Column]:
    return [c for c in cols if c is not None]


class StatedThreePublicMismatch(StatedFigureRule):
    """检查什么
    情况说明中的财政拨款“三公”经费总额及各项——因公出国（境）费、公务用车购置及运行（运维）
    费、其中的公务用车购置费和公务用车运行维护费、公务接待费——应等于“三公”经费支出表
    “合计”列的对应行。表中空白的项目按0计；上级项目空白而其子项有数时按子项之和计。

    为什么重要
    “三公”经费是社会监督的重点，《地方预决算公开操作规程》要求公开其总额和分项，
    说明与表格不一致会直接损害公开的可信度。

    错误示例
    “公务接待费2.5万元”，而“三公”经费支出表公务接待费为1.50万元。

    正确写法
    “公务接待费1.5万元”；表中空白的因公出国（境）费写作“0万元”。
    """

    code = "YS413"
    name = "stated-three-public-mismatch"
    title = "情况说明的“三公”经费与“三公”经费表不一致"
    tags = ("prose", "three_public")
    basis = THREE_PUBLIC_BASIS
    subjects = THREE_PUBLIC_SUBJECTS
    what = "“三公”经费"
    needs = (TableId.THREE_PUBLIC,)

    def relevant(self, s: StatedAmount) -> bool:
        return super().relevant(s) and bool(
            THREE_PUBLIC_CONTEXT.search(s.sentence + "".join(s.section))
        )

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        table = ctx.table(TableId.THREE_PUBLIC)
        if table is None:
            return []
        for label, subjects, rows in THREE_PUBLIC_ITEMS:
            if matches(subjects, s.subject):
                if label == "三公经费合计":  # 合计 and 三公经费小计 rows are both acceptable
                    return [f for r in rows for f in _three_public_figures(table, (r,), label)]
                return _three_public_figures(table, rows, label)
        return []


class StatedProcurementMismatch(StatedFigureRule):
    """检查什么
    情况说明中的政府采购预算总额应等于政府采购预算表的合计（政府采购金额“合计”列的合计行，
    没有合计行时为各项之和）；表中没有数据（注明“空表列示”）时等于0。

    为什么重要
    《预算法》第十四条要求公开政府采购情况；说明与采购表不一致，读者无法知道部门
    到底要采购多少。

    错误示例
    “安排政府采购预算1.00万元”，而政府采购预算表是空表（注：无政府采购预算，空表列示）。

    正确写法
    “安排政府采购预算0.00万元”，或在采购表中列出1.00万元的采购项目。
    """

    code = "YS414"
    name = "stated-procurement-mismatch"
    title = "情况说明的政府采购预算与政府采购表不一致"
    tags = ("prose", "procurement")
    basis = LAW14_PROCUREMENT
    subjects = PROCUREMENT
    what = "政府采购预算"
    needs = (TableId.PROCUREMENT,)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        table = ctx.table(TableId.PROCUREMENT)
        if table is None:
            return []
        if table.is_empty:
            note = next((n for n in table.notes if "空表" in n), "")
            return [
                Figure(
                    table, None, None, Decimal(0), (), f"空表{'（' + note + '）' if note else ''}"
                )
            ]
        col = next(
            (
                c
                for c in table.amount_columns()
                if fold(c.key) in ("合计", "小计") and any("采购" in p for p in c.path)
            ),
            None,
        ) or find_column(table, PROCUREMENT_KEYS, first=True)
        total = find_row(table, TOTAL_ROWS)
        if total is not None or col is None:
            return present(cell_figure(table, total, col, "合计"))
        items = [(r, col) for r in table.rows if r.depth == 0]
        return [sum_figure(table, None, col, items, f"“{col.key}”各项之和")]


class StatedFixedAssetsMismatch(StatedFigureRule):
    """检查什么
    情况说明中的固定资产总额（“上年末固定资产金额”“资产总额”等）应等于固定资产占用情况表
    “资产总额”行的价值（金额）列。

    为什么重要
    国有资产占用情况是部门预算公开的内容之一，说明与表格不一致会误导读者。

    错误示例
    “上年末固定资产金额为156.59万元”，而占用情况表资产总额为155.59万元。

    正确写法
    “上年末固定资产金额为155.59万元”。
    """

    code = "YS415"
    name = "stated-fixed-assets-mismatch"
    title = "情况说明的固定资产总额与资产占用表不一致"
    tags = ("prose", "assets")
    basis = GUIDE
    subjects = ASSETS
    what = "固定资产总额"
    needs = (TableId.ASSETS,)
    this_year = False  # 上年末 is the date the table is drawn at

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        return present(figure(ctx, TableId.ASSETS, ASSET_ROWS, ASSET_KEYS))


class StatedBudgetArrangementMismatch(StatedFigureRule):
    """检查什么
    情况说明中的“部门预算收支（安排）”“收支预算”总额应同时等于收支总表的收入总计和
    支出总计。

    为什么重要
    收支总额概括整本预算，与总表不一致说明文字或表格有一处出错。

    错误示例
    “2023年部门预算收支安排594.58万元”，而收支总表收入总计、支出总计都是593.58万元。

    正确写法
    “2023年部门预算收支安排593.58万元”。
    """

    code = "YS416"
    name = "stated-budget-arrangement-mismatch"
    title = "情况说明的收支总额与收支总表不一致"
    tags = ("prose", "summary")
    basis = GUIDE
    subjects = ARRANGEMENT
    what = "部门预算收支总额"
    needs = (TableId.SUMMARY,)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        return present(
            figure(ctx, TableId.SUMMARY, IN_GRAND, on="收入", label="收入总计"),
            figure(ctx, TableId.SUMMARY, OUT_GRAND, on="支出", label="支出总计"),
        )

    def judge(self, s: StatedAmount, figs: list[Figure]) -> list[Finding]:
        """Both sides must agree: one finding per side that differs."""
        found = (self.compare(s, fig) for fig in figs)
        return [f for f in found if f is not None]
