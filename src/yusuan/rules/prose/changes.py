"""YS417–YS419: stated changes — the parts add up, the percentage fits, the direction is the one
compared.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from yusuan.amounts import plain
from yusuan.regex import lazy
from yusuan.rules.base import Finding, NotApplicable, Rule, Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.prose.figures import GUIDE, fold, other_year, stated_bound, stated_printed
from yusuan.rules.prose.placed import Placed, location, placed, said, signed

RATE_WORDS = lazy(r"增幅|降幅|增长率|下降率|增速|降速|变动率|变化率|同比")
RELATIONS = (
    (lazy(r"增加|增长|上升|提高|高于|大于|多于|超过|超出"), ">"),
    (lazy(r"减少|下降|降低|压减|低于|小于|少于"), "<"),
    (lazy(r"持平|相等|相同|等于|一致|不变"), "="),
)
_ANY_RELATION = lazy("|".join(rx.pattern for rx, _ in RELATIONS))
_ENDS = lazy(r"[。！？!?]")
_JOINER = lazy(r"[\s，,。；;：:]*")  # what may stand between a change and its “其中”
_CLAUSE_END = lazy(r"[；;。！？!?]")
_ZH_RELATION = {">": "大于", "<": "小于", "=": "等于"}
#: A reason clause begins: a percentage after it (统一压减10%) is not the change's rate.
_REASON = lazy(r"原因|由于|因为|主要是|用于|按规定")


class StatedChangeNotAddingUp(Rule):
    """检查什么
    “比上年增加A万元，其中：基本支出减少B万元，项目支出增加C万元”这类句子中，总的增减额
    应等于“其中”所列各项增减额的代数和（增加记正、减少记负），即 A = C − B。

    为什么重要
    增减变化是情况说明解释预算变动的核心，分项加不起来说明某个数字写错了。

    错误示例
    “较2022年预算增加3.75万元，其中：基本支出减少3.25万元，项目支出增加6万元”：
    6 − 3.25 = 2.75，不是3.75。

    正确写法
    “较2022年预算增加2.75万元，其中：基本支出减少3.25万元，项目支出增加6万元”。
    """

    code = "YS417"
    name = "stated-change-not-adding-up"
    title = "情况说明的增减额与其分项之和不符"
    tags = ("prose",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        checked = 0
        for p, items in placed(ctx):
            changes = [x for x in items if x.s.kind == "change" and x.s.wan is not None]
            for x in changes:
                q = p.text.find("其中", x.end)
                if q < 0 or not _JOINER.fullmatch(p.text[x.end : q]):
                    continue
                stops = [
                    i for i in (p.text.find("其中", q + 2), _search(_ENDS, p.text, q)) if i >= 0
                ]
                stop = min(stops, default=len(p.text))
                parts = [
                    y
                    for y in changes
                    if q < y.pos < stop and fold(y.s.subject) != fold(x.s.subject)
                ]
                if len(parts) < 2:
                    continue
                checked += 1
                expected = sum((signed(y.s) for y in parts), Decimal(0))
                listed = "、".join(f"{y.s.subject}{y.s.direction}{y.s.text}" for y in parts)
                f = self.mismatch(
                    f"“{said(x.s)}”与其中各项增减（{listed}）的代数和不符",
                    expected,
                    signed(x.s),
                    [stated_printed(y.s) for y in (x, *parts)],
                    location(x.s),
                )
                if f:
                    yield f
        if not checked:
            raise NotApplicable("情况说明没有“增减……其中……”的分项增减说明")


def _search(rx: re.Pattern[str], text: str, start: int) -> int:
    m = rx.search(text, start)
    return m.start() if m else -1


def _sentences(items: list[Placed]) -> list[list[Placed]]:
    groups: list[list[Placed]] = []
    for x in items:
        if groups and groups[-1][-1].s.sentence == x.s.sentence:
            groups[-1].append(x)
        else:
            groups.append([x])
    return groups


def _ratio_range(
    delta: Decimal, d_delta: Decimal, base: Decimal, d_base: Decimal
) -> tuple[Decimal, Decimal] | None:
    """min and max of |delta| / base × 100 over the rounding of both (None if base may be ≤ 0)."""
    if base - d_base <= 0:
        return None
    lows = [abs(delta) - d_delta, abs(delta) + d_delta]
    values = [max(v, Decimal(0)) * 100 / b for v in lows for b in (base - d_base, base + d_base)]
    return min(values), max(values)


_BASE_LEAD = lazy(r"^(?:与上年(?:预算)?相比|比上年|较上年|同比)")
_SEMICOLON = lazy(r"[；;]")
_SENTENCE_STOP = lazy(r"[。！？]")


def _adjacent(text: str, a: Placed, b: Placed) -> bool:
    """``b`` is in the sentence right after the one that ``a`` ends."""
    between = text[a.end : b.pos]
    return len(_SENTENCE_STOP.findall(between)) == 1 and not _SEMICOLON.search(between)


def _percent_inputs(
    text: str, before: list[Placed], pct: Placed, year: int | None
) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """(change, its rounding, last year's base, its rounding) for a percentage, from the two
    amounts right before it in its clause run: “X万元，比上年增加C万元，增长p%” (X and C) or
    “X万元，上年Y万元，增长p%” (X and Y).  None when the sentence is not of either form."""
    near = [y for y in before if y.s.sentence == pct.s.sentence and y.s.wan is not None][-2:]
    if len(near) == 1 and near[0].s.kind == "change" and _BASE_LEAD.match(pct.s.sentence):
        # “项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%。”: the amount
        # is the previous sentence's last one
        prior = [y for y in before if y.pos < near[0].pos and y.s.wan is not None]
        if prior and prior[-1].s.kind == "amount" and _adjacent(text, prior[-1], near[0]):
            near = [prior[-1], near[0]]
    if len(near) < 2 or _SEMICOLON.search(text[near[0].pos : pct.pos]):
        return None
    if _REASON.search(text[near[1].end : pct.pos]):
        return None
    (a, b), year_a = (near[0].s, near[1].s), other_year(near[0].s, year)
    assert a.wan is not None and b.wan is not None
    if a.kind == "amount" and b.kind == "change":
        base = a.wan if year_a else a.wan - signed(b)
        return b.wan, stated_bound(b), base, stated_bound(a) + (0 if year_a else stated_bound(b))
    if a.kind == b.kind == "amount" and year_a != other_year(b, year):
        (now, last) = (b, a) if year_a else (a, b)
        assert now.wan is not None and last.wan is not None
        return (
            now.wan - last.wan,
            stated_bound(now) + stated_bound(last),
            last.wan,
            stated_bound(last),
        )
    return None


def _agreeing_amount(
    before: list[Placed], pct: Placed, base: Decimal, half: Decimal, year: int | None
) -> Placed | None:
    """An amount earlier in the paragraph (not in the percentage's sentence) with which the
    printed rate is right: “31.…住房公积金（项）350.35万元，…执行数为348.52万元，2024年预算安排
    352.67万元，比2023年预算执行数增加0.53%” — 0.53% fits 350.35, so 352.67 is the odd one."""
    for y in reversed(before):
        if y.s.sentence == pct.s.sentence or y.s.kind != "amount" or y.s.wan is None:
            continue
        if other_year(y.s, year) or base <= 0:
            continue
        rate = abs(y.s.wan - base) * 100 / base
        if abs(rate - pct.s.value) <= half + stated_bound(y.s) * 100 / base:
            return y
    return None


class StatedPercentageWrong(Rule):
    """检查什么
    同一句中给出金额、增减额和增减百分比（“X万元，比上年增加C万元，增长p%”），或给出本年
    与上年两个金额和百分比（“本年X万元，上年Y万元，下降p%”）时，p 应等于增减额除以上年数，
    按所印位数四舍五入后相符（计入各数字本身的舍入误差）。金额与增减分两句写（“项目支出预算数为
    4335.3万元。与上年相比减少了1237.7万元，减少22.21%。”）时同样核对。所印百分比恰为截断
    （而非四舍五入）的结果时，只作提示（info）。

    为什么重要
    百分比是读者理解增减幅度的捷径，算错会夸大或掩盖变化。

    错误示例
    “三公经费8.3万元，比上年减少4.7万元，下降56.6%”：上年为13万元，4.7 ÷ 13 = 36.2%。

    正确写法
    “三公经费8.3万元，比上年减少4.7万元，下降36.2%”。
    """

    code = "YS418"
    name = "stated-percentage-wrong"
    title = "情况说明的增减百分比计算错误"
    tags = ("prose",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        checked = 0
        year = ctx.d.year
        for p, items in placed(ctx):
            for k, x in enumerate(items):
                s = x.s
                if s.kind != "percent" or not (s.direction or RATE_WORDS.search(s.phrase)):
                    continue
                inputs = _percent_inputs(p.text, items[:k], x, year)
                if inputs is None:
                    continue
                delta, d_delta, base, d_base = inputs
                span = _ratio_range(delta, d_delta, base, d_base)
                if span is None:
                    continue
                checked += 1
                half = stated_bound(s)
                if span[0] - half <= s.value <= span[1] + half:
                    continue
                exact = abs(delta) * 100 / base
                places = Decimal(1).scaleb(-len(format(s.value, "f").partition(".")[2]))
                expected = exact.quantize(places, ROUND_HALF_UP)
                f = self.mismatch(
                    f"“{said(s)}”与所述金额不符（增减 {plain(abs(delta))} 万元 ÷ 上年 {plain(base)} 万元）",
                    expected,
                    s.value,
                    [format(s.value, "f")],
                    location(s),
                )
                other = _agreeing_amount(items[:k], x, base, half, year)
                if f and other is not None:
                    f = f.model_copy(  # the rate fits the item's lead amount: that one differs
                        update={
                            "message": f.message
                            + f"；按本段前文所列“{other.s.text}”计算则相符，疑为同句金额与之不一致"
                        }
                    )
                elif f and exact.quantize(places, ROUND_DOWN) == s.value:
                    f = f.model_copy(  # 16.0776% printed 16.07: cut, not rounded
                        update={
                            "severity": Severity.INFO,
                            "message": f.message + "（所印数字为截断而非四舍五入）",
                        }
                    )
                if f:
                    yield f
        if not checked:
            raise NotApplicable("情况说明没有同时给出金额和增减百分比的句子")


#: A template's two-way wording left in the text (增加（减少）, 增长/下降): it makes no claim.
_ALTERNATIVE = lazy(r"(?:增加|增长|上升|减少|下降)\s*[（(/／]\s*(?:增加|增长|上升|减少|下降)")
_CLAUSE_MARK = lazy(r"[，,；;。！？]")


class StatedComparisonContradicted(Rule):
    """检查什么
    一句话同时给出本年与上年两个金额，并用“增加/减少/高于/低于/大于/小于/持平”等词比较时，
    比较词应与两个金额的大小一致（两数之差在各自的四舍五入误差之内时只作提示）；给出增减额时，
    增减额应等于两数之差。增减额与紧随的百分比方向应一致（“减少2万元，增长5%”自相矛盾），
    “持平”的分句中不应出现非零增减额。

    为什么重要
    方向写反会让读者对预算变化得出完全相反的结论。

    错误示例
    “2023年预算8.3万元，上年预算13万元，较上年增加”：8.3 小于 13，应为减少。

    正确写法
    “2023年预算8.3万元，上年预算13万元，较上年减少4.7万元”。
    """

    code = "YS419"
    name = "stated-comparison-contradicted"
    title = "情况说明的比较与所列金额矛盾"
    tags = ("prose",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        checked = 0
        year = ctx.d.year
        for p, items in placed(ctx):
            for group in _sentences(items):
                if group and _ALTERNATIVE.search(group[0].s.sentence):
                    continue  # a template's 增加（减少） left in: YS605 reports it, no claim to test
                money_items = [y for y in group if y.s.kind == "amount" and y.s.wan is not None]
                for last in (y for y in money_items if other_year(y.s, year)):
                    now = next(
                        (
                            y
                            for y in reversed(money_items)
                            if y.pos < last.pos and not other_year(y.s, year)
                        ),
                        None,
                    ) or next(
                        (y for y in money_items if y.pos > last.pos and not other_year(y.s, year)),
                        None,
                    )
                    if now is None:
                        continue
                    first, second = sorted((now, last), key=lambda y: y.pos)
                    if _SEMICOLON.search(p.text[first.end : second.pos]):
                        continue  # two clauses (一是…；二是…) compare nothing with each other
                    end = _search(_CLAUSE_END, p.text, second.end)
                    stop = min(
                        [y.pos for y in money_items if y.pos > second.pos]
                        + [end if end >= 0 else len(p.text)]
                    )
                    m = _ANY_RELATION.search(p.text, first.end, stop)
                    if m is None:
                        continue
                    checked += 1
                    claim = next(r for rx, r in RELATIONS if rx.fullmatch(m.group()))
                    assert now.s.wan is not None and last.s.wan is not None
                    diff = now.s.wan - last.s.wan
                    truth = ">" if diff > 0 else "<" if diff < 0 else "="
                    if claim != truth:
                        # 8.3 against 8.29 may be 8.26 against 8.29: inside the two amounts'
                        # rounding the printed order proves nothing (worth a look only)
                        within = abs(diff) <= stated_bound(now.s) + stated_bound(last.s)
                        yield self.finding(
                            f"“{said(now.s)}”与“{said(last.s)}”相比写作“{m.group()}”，但前者{_ZH_RELATION[truth]}后者"
                            + ("（在四舍五入误差之内）" if within else ""),
                            location(now.s),
                            expected=_ZH_RELATION[truth],
                            actual=m.group(),
                            severity=Severity.INFO if within else None,
                        )
                        continue
                    change = next(
                        (y for y in group if y.s.kind == "change" and first.end <= y.pos < stop),
                        None,
                    )
                    if change is not None and change.s.wan is not None:
                        f = self.mismatch(
                            f"“{said(change.s)}”应等于“{said(now.s)}”与“{said(last.s)}”之差",
                            abs(diff),
                            change.s.wan,
                            [
                                stated_printed(now.s),
                                stated_printed(last.s),
                                stated_printed(change.s),
                            ],
                            location(change.s),
                        )
                        if f:
                            yield f
                for a, b in itertools.pairwise(group):
                    if (
                        a.s.kind == "change"
                        and b.s.kind == "percent"
                        and a.s.direction
                        and b.s.direction
                        and not _SEMICOLON.search(p.text[a.end : b.pos])
                        and not _REASON.search(p.text[a.end : b.pos])
                    ):
                        checked += 1
                        if a.s.direction != b.s.direction:
                            yield self.finding(
                                f"“{said(a.s)}”与紧随的“{said(b.s)}”方向相反",
                                location(b.s),
                                expected=a.s.direction,
                                actual=b.s.direction,
                            )
            for clause in _CLAUSE_MARK.split(p.text):
                if "持平" in clause:
                    for y in items:
                        if y.s.kind == "change" and y.s.text in clause and y.s.wan:
                            checked += 1
                            yield self.finding(
                                f"分句“{clause}”写“持平”却给出增减额“{y.s.text}”", location(y.s)
                            )
        if not checked:
            raise NotApplicable("情况说明没有同时给出本年和上年金额并加以比较的句子")
