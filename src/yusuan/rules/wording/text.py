"""Wording defects of the text: placeholders left in, broken sentences, doubled punctuation,
unpaired brackets, a unit that calls itself 部门.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yusuan.regex import lazy
from yusuan.rules.base import Finding, NotApplicable, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext
from yusuan.rules.wording.places import GUIDE, Place, at, prose_places, snippet, table_places

PLACEHOLDER = lazy(
    r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])"  # XX, xx, ××, ＸＸ, 20XX年
    r"|(?<![A-Za-z0-9])[xX](?:[,.，．][xX]+)+(?![A-Za-z])"  # x,xxx万元 / x.xx%
    r"|某某"
    r"|(?:增加|增长|上升|减少|下降)[（(](?:减少|下降|增加|增长|上升)[）)]"  # 增加（减少）
    r"|(?:增加|增长|上升)[/／](?:减少|下降)|(?:减少|下降)[/／](?:增加|增长|上升)"  # 增加/减少
    r"|(?:主要用于|主要是|原因是|主要包括|包括)(?:……|…|\.{3})"  # 主要用于……
)


class PlaceholderLeft(Rule):
    """检查什么
    文字和表格中是否留有模板占位符：XX、xx、××、ＸＸ、20XX年、x,xxx万元、某某、
    “增加（减少）”“增长（下降）”“增加/减少”这类二选一的写法，以及“主要用于……”。

    为什么重要
    占位符说明文本是从模板复制后没有填写完整，公开的数字和说法都不可信，
    是公开检查中“准确性”的硬伤。

    错误示例
    “2023年‘三公’经费预算XX万元，比上年增加（减少）4.7万元，主要原因是……”

    正确写法
    “2023年‘三公’经费预算8.3万元，比上年减少4.7万元，主要原因是厉行节约，压减公务接待费。”
    """

    code = "YS605"
    name = "placeholder-left"
    title = "残留模板占位符"
    severity = Severity.ERROR
    tags = ("wording", "narrative")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for place in prose_places(ctx) + table_places(ctx):
            m = PLACEHOLDER.search(place.text)
            if m:
                yield self.finding(
                    f"残留模板占位符“{m.group(0)}”：{snippet(place.text, m.start(), m.end())}",
                    at(place, m),
                    expected="填写实际内容",
                    actual=m.group(0),
                )


class _ProsePattern(Rule):
    """Every match of ``pattern`` in the headings and paragraphs of the 情况说明 is a finding:
    ``message`` (formatted with the ``match`` and a ``snippet`` around it), what is
    ``wanted`` instead, and the matched text as printed."""

    pattern: ClassVar[re.Pattern[str]]
    message: ClassVar[str]
    wanted: ClassVar[str]

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for place in prose_places(ctx):
            for m in self.pattern.finditer(place.text):
                around = snippet(place.text, m.start(), m.end())
                yield self.finding(
                    self.message.format(match=m.group(0), snippet=around),
                    at(place, m),
                    expected=self.wanted,
                    actual=m.group(0),
                )


_SAID = r"(?:原因|主要原因|用途|内容|目的|依据|重点|情况|理由)(?:主要)?(?:是|为|系|[：:])"
BROKEN = lazy(
    rf"{_SAID}\s*[。；！？]"  # 主要原因是。
    r"|(?:主要用于|用于|主要包括|包括|主要是)[：:]?\s*[。；！？]"  # 主要用于。
    r"|(?<![认作行成视称以因更较极最尤身有无乃])为\s*[。；！？]"  # 预算为。
    r"|[：:]\s*[。；！？，]"  # 其中：。
    r"|(?:安排|增加|减少|增长|下降|共计|合计|总额为|金额为|预算为|支出为|收入为|支出|收入)"
    r"(?:万元|元)(?![旦月素宵])"  # 增加万元, 预算支出万元
    r"|[（(]\s*[)）]"  # （）
)


class BrokenSentence(_ProsePattern):
    """检查什么
    情况说明中的残句：句子在“是 / 为 / ：”之后直接结束（“主要原因是。”“主要用于。”“预算为。”
    “其中：。”），金额处只剩单位（“比上年增加万元”），或括号里什么都没有（“（）”）。

    为什么重要
    残句通常是填写模板时漏填了数字或原因，读者得不到应有的信息，
    也说明公开前没有经过认真校对。

    错误示例
    “2023年，我部门机关运行经费共计安排25.51万元，主要用于。”；
    “‘三公’经费比上年预算减少万元。”

    正确写法
    “……共计安排25.51万元，主要用于保证机关正常运转的办公费、通讯补助、工会经费等支出。”
    """

    code = "YS606"
    name = "broken-sentence"
    title = "残句（内容缺失）"
    severity = Severity.WARNING
    tags = ("wording", "narrative")
    basis = GUIDE
    pattern = BROKEN
    message = "残句，内容缺失：“{snippet}”"
    wanted = "完整的句子"


DOUBLED = lazy(r"([。，、；：！？])\1|[，、；][。；]|。[，、]|，；")


class DoubledPunctuation(_ProsePattern):
    """检查什么
    情况说明中连用的标点：“。。”“，，”“、、”“；；”“：：”，以及“，。”“、。”“；。”“。，”等。

    为什么重要
    重复标点多是删改文字后留下的痕迹，常伴随漏删或漏填的内容，影响公开文本的规范性。

    错误示例
    “2023年预算收入593.58万元，，其中：一般公共预算收入593.58万元。。”

    正确写法
    “2023年预算收入593.58万元，其中：一般公共预算收入593.58万元。”
    """

    code = "YS607"
    name = "doubled-punctuation"
    title = "标点重复"
    severity = Severity.WARNING
    tags = ("wording", "narrative")
    basis = GUIDE
    pattern = DOUBLED
    message = "标点重复“{match}”：{snippet}"
    wanted = "单个标点"


OPEN = {"（": "（", "(": "（", "“": "“", "《": "《", "【": "【", "〔": "〔", "‘": "‘"}
CLOSE = {"）": "（", ")": "（", "”": "“", "》": "《", "】": "【", "〕": "〔", "’": "‘"}
_MARKS = frozenset(OPEN) | frozenset(CLOSE)
# “1）…”, “a)…”: a closing bracket used as a list marker, at the start or after a break.
LIST_MARK = lazy(r"(?:^|[\s。；：，、])[0-9０-９一二三四五六七八九十a-zA-Z]{1,3}$")


def _width(ch: str) -> str:
    return "半角" if ch.isascii() else "全角"


def bracket_problems(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(unpaired marks, mixed-width pairs) as (position, description)."""
    if _MARKS.isdisjoint(text):  # no quote or bracket at all: nothing to walk
        return [], []
    stack: list[tuple[int, str]] = []
    unpaired: list[tuple[int, str]] = []
    mixed: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in OPEN:
            stack.append((i, ch))
        elif ch in CLOSE:
            want = CLOSE[ch]
            if stack and OPEN[stack[-1][1]] == want:
                j, op = stack.pop()
                if op in "（(" and (op == "（") != (ch == "）"):
                    mixed.append((j, f"{_width(op)}“{op}”与{_width(ch)}“{ch}”配对"))
            elif any(OPEN[o] == want for _, o in stack):
                while stack and OPEN[stack[-1][1]] != want:
                    j, op = stack.pop()
                    unpaired.append((j, f"“{op}”没有对应的闭合符号"))
                stack.pop()
            elif not (want == "（" and LIST_MARK.search(text[:i])):
                unpaired.append((i, f"“{ch}”没有对应的开头符号"))
    unpaired.extend((j, f"“{op}”没有对应的闭合符号") for j, op in stack)
    return sorted(unpaired), mixed


class UnpairedQuoteOrBracket(Rule):
    """检查什么
    每个段落（和标题）里的引号、括号、书名号是否成对：“ 与 ”，（ 与 ），《 与 》，【 与 】，〔 与 〕。
    全角“（”与半角“)”混用但能配对的，只作提示（info）；“1）”“a)”这类列表编号不算。

    为什么重要
    缺半边的引号或括号会改变句意（括号里的“其中”数字读成正文），
    也常是删改文字时误删的痕迹。

    错误示例
    “公务用车购置及运维费6.8万元（其中：公务用车购置费0万元，公务用车运行维护费6.8万元；公务接待费1.5万元。”
    （括号没有闭合）

    正确写法
    “公务用车购置及运维费6.8万元（其中：公务用车购置费0万元，公务用车运行维护费6.8万元）；公务接待费1.5万元。”
    """

    code = "YS608"
    name = "unpaired-quote-or-bracket"
    title = "引号或括号不成对"
    severity = Severity.WARNING
    tags = ("wording", "narrative")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for place in prose_places(ctx):
            unpaired, mixed = bracket_problems(place.text)
            for pos, what in unpaired[:1]:
                loc = place.location.model_copy(update={"text": snippet(place.text, pos, pos + 1)})
                yield self.finding(
                    f"{what}：{snippet(place.text, pos, pos + 1)}",
                    loc,
                    expected="成对",
                    actual=what,
                )
            for pos, what in mixed[:1]:
                loc = place.location.model_copy(
                    update={"text": snippet(place.text, pos, pos + 1, 40)}
                )
                yield self.finding(
                    f"括号全角半角混用（{what}）：{snippet(place.text, pos, pos + 1, 40)}",
                    loc,
                    expected="同为全角（）",
                    actual=what,
                    severity=Severity.INFO,
                )


SAYS_DEPARTMENT = lazy(r"(?<!财政)(?<!主管)(?<!上级)部门(?:预算|决算)(?!单位)|本部门|我部门")
NOT_SAYING = lazy(r"《[^》]*》|部门(?:预算)?(?:支出)?经济分类")


class UnitPackageSaysDepartment(Rule):
    """检查什么
    单位预算（决算）公开包（按标题判断为“单位预算/单位决算”）的文字和表题中，
    是否仍写着“部门预算”“部门决算”“本部门”“我部门”。文件名《……》中的字样、
    “部门预算支出经济分类”这一科目体系名称、“财政部门预算”“主管部门预算”“部门预算单位”不算。

    为什么重要
    单位公开包照搬了部门模板，口径就可能是错的：读者会以为数字包含了整个部门，
    公开主体也写错了。

    错误示例
    “平乡县某某中心2023年单位预算公开情况说明……三、机关运行经费安排情况　2023年，我部门机关运行经费……”

    正确写法
    “2023年，本单位机关运行经费……”
    """

    code = "YS609"
    name = "unit-package-says-department"
    title = "单位公开包中写成“部门”"
    severity = Severity.WARNING
    tags = ("wording", "narrative")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.d.level != "单位":
            raise NotApplicable("不是单位预算（决算）公开包")
        places = prose_places(ctx) + [Place(t.title, cell_location(t), False) for t in ctx.d.tables]
        for place in places:
            text = NOT_SAYING.sub(lambda m: "＿" * len(m.group(0)), place.text)
            m = SAYS_DEPARTMENT.search(text)
            if m:
                yield self.finding(
                    f"单位公开包中写作“{m.group(0)}”，应为“单位”：{snippet(place.text, m.start(), m.end())}",
                    at(place, m),
                    expected="单位预算 / 本单位",
                    actual=m.group(0),
                )
