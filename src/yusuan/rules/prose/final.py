"""YS424–YS426: the 决算 prose — stated totals, 决算数 against 预算数, and the 三公 budget figures."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import Unit, to_wan
from yusuan.model import Paragraph, StatedAmount, TableId
from yusuan.regex import lazy
from yusuan.rules.base import (
    Finding,
    Location,
    NotApplicable,
    Rule,
    Severity,
    cell_location,
    fmt,
    rounding_bound,
)
from yusuan.rules.context import CheckContext, norm
from yusuan.rules.prose.figures import (
    GUIDE,
    IN_GRAND,
    OUT_GRAND,
    Figure,
    P,
    StatedFigureRule,
    U,
    figure,
    fold,
    matches,
    present,
)
from yusuan.values import Frozen

GRAND = (rf"{P}{U}收入支出(?:决算)?总计",)
FISCAL_GRAND = (rf"{P}{U}财政拨款收入支出(?:决算)?总计",)
YEAR_END = (rf"{P}{U}年末(?:财政拨款)?结转(?:和|及)?结余(?:资金)?",)


class StatedFinalTotalMismatch(StatedFigureRule):
    """检查什么
    决算情况说明中陈述的总计数应等于表格：“收入支出总计”等于收入支出决算总表的“总计”行，
    “财政拨款收入支出总计”等于财政拨款收入支出决算总表的“总计”行，“年末结转和结余”等于
    收入支出决算总表支出方“年末结转和结余”行（说“财政拨款”时比财政拨款收支总表的同名行）。

    为什么重要
    总计数是决算说明的第一个数字；写成 0 或写错，读者拿到的是与表格矛盾的结论。

    错误示例
    “2024年度财政拨款收入支出总计0.3万元”，而财政拨款收入支出决算总表总计为2,961.68万元。

    正确写法
    “2024年度财政拨款收入支出总计2961.68万元”。
    """

    code = "YS424"
    name = "stated-final-total-mismatch"
    title = "情况说明的收入支出总计与决算总表不一致"
    tags = ("prose", "final", "summary", "fiscal_summary")
    basis = GUIDE
    subjects = (*GRAND, *FISCAL_GRAND, *YEAR_END)
    what = "收入支出总计"
    needs = (TableId.SUMMARY, TableId.FISCAL_SUMMARY)

    def figures(self, ctx: CheckContext, s: StatedAmount) -> list[Figure]:
        name = fold(s.subject)
        fiscal = "财政拨款" in name
        tid = TableId.FISCAL_SUMMARY if fiscal else TableId.SUMMARY
        if matches(YEAR_END, name):
            row = (r"年末(?:财政拨款)?结转(?:和|及)?结余",)
            return present(figure(ctx, tid, row, on="支出"))
        return present(
            figure(ctx, tid, IN_GRAND, on="收入", label="总计"),
            figure(ctx, tid, OUT_GRAND, on="支出", label="总计"),
        )


# -- 决算数 against 预算数 -------------------------------------------------------------------------
_NUM = r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)"
#: 年初预算为2993.92万元，支出决算为2940.05万元 (the 上海/通用 决算 template)
_PAIR = lazy(
    rf"预算(?:数)?(?:为|是)?{_NUM}[，,、]\s*(?:[^，,。；]{{0,12}})?决算(?:数)?(?:为|是)?{_NUM}"
)
_WORD = r"(大于|小于|等于|高于|低于|超过|少于|多于|基本持平|持平|相等|一致)"
_COMPARE = lazy(rf"决算数?(?:比|较|与|和)?(?:年初)?预算数?{_WORD}|决算数?{_WORD}(?:年初)?预算数?")
_RELATION = {
    "大于": ">",
    "高于": ">",
    "超过": ">",
    "多于": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "等于": "=",
    "持平": "=",
    "相等": "=",
    "一致": "=",
}
_ZH = {">": "大于", "<": "小于", "=": "等于"}
_PERCENT = lazy(r"完成(?:年初)?预算的?\s*(\d+(?:\.\d+)?)\s*[%％]")


class Passage(Frozen):
    """The paragraphs of one section joined, so that a sentence broken over lines is whole."""

    text: str
    parts: tuple[tuple[int, Paragraph], ...]

    def at(self, pos: int) -> Paragraph:
        return next(p for start, p in reversed(self.parts) if start <= pos)


def passages(ctx: CheckContext) -> list[Passage]:
    def build() -> list[Passage]:
        out: list[Passage] = []
        cur: list[tuple[int, Paragraph]] = []
        text, last = "", None
        for path, p in ctx.paragraphs:
            if path != last and cur:
                out.append(Passage(text, tuple(cur)))
                cur, text = [], ""
            last = path
            cur.append((len(text), p))
            text += norm(p.text)
        if cur:
            out.append(Passage(text, tuple(cur)))
        return out

    return ctx.memo("prose.final.passages", build)


def _wan(number: str, unit: str) -> Decimal:
    return to_wan(Decimal(number.replace(",", "")), Unit(unit))


def _bound(number: str, unit: str) -> Decimal:
    """Half a unit of a printed figure's last digit, in 万元."""
    return to_wan(rounding_bound([number.replace(",", "")]), Unit(unit))


def _where(p: Paragraph) -> Location:
    return Location.at(p.source, text=p.text[:120])


class FinalComparedWithBudgetWrong(Rule):
    """检查什么
    决算情况说明中“年初预算为X万元，支出决算为Y万元”之后比较决算数与预算数的词
    （“决算数大于/小于/等于预算数”“决算数与预算数持平”，以及“决算数小于预算数的主要原因”
    这样的原因分句）应与 X、Y 的大小一致（X、Y 之差在各自的四舍五入误差之内时只作提示）；
    写有“完成年初预算的Z%”时，Z 应等于 Y÷X（按所印位数四舍五入）。“基本持平”不作判断。

    为什么重要
    方向写反（决算比预算少却说“大于”），原因分句就解释了一件没有发生的事。

    错误示例
    “年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因：……”

    正确写法
    “年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：……”
    """

    code = "YS425"
    name = "final-compared-with-budget-wrong"
    title = "决算数与预算数的比较写反"
    tags = ("prose", "final")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.d.kind != "决算":
            raise NotApplicable("不是决算")
        checked = 0
        for ps in passages(ctx):
            pairs = list(_PAIR.finditer(ps.text))
            for i, m in enumerate(pairs):
                budget, final = _wan(m.group(1), m.group(2)), _wan(m.group(3), m.group(4))
                stop = pairs[i + 1].start() if i + 1 < len(pairs) else len(ps.text)
                stop = min(stop, m.end() + 200)
                truth = ">" if final > budget else "<" if final < budget else "="
                c = _COMPARE.search(ps.text, m.end(), stop)
                if c is not None:
                    word = c.group(1) or c.group(2)
                    claim = _RELATION.get(word)
                    checked += 1
                    if claim is not None and claim != truth:
                        # inside the two figures' rounding the printed order proves nothing
                        within = abs(final - budget) <= _bound(m.group(1), m.group(2)) + _bound(
                            m.group(3), m.group(4)
                        )
                        yield self.finding(
                            f"预算数 {fmt(budget)} 万元、决算数 {fmt(final)} 万元，"
                            f"说明却写“{c.group()}”：决算数{_ZH[truth]}预算数"
                            + ("（在四舍五入误差之内）" if within else ""),
                            _where(ps.at(c.start())),
                            expected=_ZH[truth],
                            actual=word,
                            severity=Severity.INFO if within else None,
                        )
                pct = _PERCENT.search(ps.text, m.end(), stop)
                if pct is not None and budget:
                    checked += 1
                    printed = pct.group(1)
                    places = len(printed.split(".")[1]) if "." in printed else 0
                    exact = final / budget * 100
                    want = exact.quantize(Decimal(1).scaleb(-places))
                    if abs(want - Decimal(printed)) > Decimal(1).scaleb(-places):
                        yield self.finding(
                            f"“{pct.group()}”：决算数 {fmt(final)} ÷ 预算数 {fmt(budget)} "
                            f"= {fmt(want)}%",
                            _where(ps.at(pct.start())),
                            expected=f"{fmt(want)}%",
                            actual=f"{printed}%",
                        )
        if not checked:
            raise NotApplicable("情况说明没有比较决算数与预算数的句子")


# -- the 三公 budget figures of a 决算 -------------------------------------------------------------
_BUDGET_KEY = lazy(r"(?:年初|全年)?预算数?")
_THREE_BUDGET = lazy(
    rf"[“\"]?三公[”\"]?经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?(?:为|是)?{_NUM}"
)


class ThreePublicBudgetBlank(Rule):
    """检查什么
    决算的“三公”经费支出决算表在各项目下列“预算数”“决算数”。情况说明写明了“三公”经费
    年初预算（如“‘三公’经费财政拨款支出年初预算为0.95万元”）而表中的预算数全部空白时，
    报告表中空白的预算数。

    为什么重要
    表中空着预算数，读者无法从表上核对预算完成情况；说明与表格也不一致。

    错误示例
    说明：“‘三公’经费财政拨款支出年初预算为0.95万元”；表中“合计”的“预算数”一格空白。

    正确写法
    表中“合计”的“预算数”填 0.95，与说明一致。
    """

    code = "YS426"
    name = "three-public-budget-blank"
    title = "“三公”经费决算表未填预算数"
    tags = ("prose", "final", "three_public")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.d.kind != "决算":
            raise NotApplicable("不是决算")
        stated = next(
            (
                (m, ps)
                for ps in passages(ctx)
                for m in _THREE_BUDGET.finditer(ps.text)
                if _wan(m.group(1), m.group(2)) > 0
            ),
            None,
        )
        if stated is None:
            raise NotApplicable("情况说明没有陈述“三公”经费年初预算")
        table = ctx.require(TableId.THREE_PUBLIC)
        cols = [c for c in table.columns if c.role == "amount" and _BUDGET_KEY.fullmatch(c.key)]
        if not cols and table.amount_columns():
            raise NotApplicable("“三公”经费表没有预算数列")
        if any(c.index in r.cells and r.cells[c.index].value for r in table.rows for c in cols):
            return
        m, ps = stated
        # a table whose only data row is blank can be read with no rows: point at the table
        row = table.rows[0] if table.rows and cols else None
        yield self.finding(
            f"情况说明写“{m.group()}”，但《{table.title}》的预算数全部空白"
            f"（说明见第{ps.at(m.start()).source.page or '?'}页）",
            cell_location(table, row, cols[0] if cols and row else None),
            expected=fmt(_wan(m.group(1), m.group(2))),
            actual="空",
        )
