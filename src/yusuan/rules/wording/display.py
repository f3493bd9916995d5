"""YS614–YS615: characters that do not display, and a paragraph that ends without 。 among
paragraphs that do (both found in official inspections of published 情况说明).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, NotApplicable, Rule, Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.wording.places import GUIDE, prose_places, snippet

#: U+FFFD and the boxes printed as placeholders; with the control, surrogate, private-use and
#: unassigned code points (by category: the private-use planes are ``Co``, their last two code
#: points ``Cn``), what does not display.
_BOXES = frozenset("\ufffd\u25a1\u25a0\u2610")
_UNSHOWN_CATEGORIES = ("Cc", "Cs", "Co", "Cn")


def unshown(text: str) -> list[tuple[int, str]]:
    """Positions and characters of ``text`` that do not display."""
    if text.isprintable() and _BOXES.isdisjoint(text):
        # ``isprintable`` is False for every category of ``_UNSHOWN_CATEGORIES`` (Unicode's
        # “Other”; and separators): a printable text without a box shows whole, and that is
        # nearly every paragraph: no character-by-character look-up for it
        return []
    return [
        (i, ch)
        for i, ch in enumerate(text)
        if ch in _BOXES or (unicodedata.category(ch) in _UNSHOWN_CATEGORIES and ch not in "\t\n\r")
    ]


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (f" {unicodedata.name(ch, '')}".rstrip())


class UndisplayableCharacter(Rule):
    """检查什么
    情况说明的段落和标题中是否有显示不出来的字符：替换符 U+FFFD（�）、私用区字符（字体缺字
    时 PDF 常转成私用区码位）、控制字符，以及当作占位符的方框“□”“■”。每段报一条，列出字符
    及其码位。

    为什么重要
    读者看到的是方框或乱码，原文的字或数字丢失了；财政部门公开检查把“有乱码、缺字”记为
    规范性问题。

    错误示例
    “主要用于□□□等支出。”；“一般公共预算财政拨款支出�万元。”

    正确写法
    把缺失的文字或数字补上，换用能显示该字的字体重新生成 PDF。
    """

    code = "YS614"
    name = "undisplayable-character"
    title = "段落中有显示不出的字符"
    severity = Severity.WARNING
    tags = ("wording", "narrative")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        places = prose_places(ctx)
        if not places:
            raise NotApplicable("没有情况说明文字")
        for place in places:
            found = unshown(place.text)
            if not found:
                continue
            chars = "、".join(dict.fromkeys(_name(ch) for _, ch in found))
            first = found[0][0]
            loc = place.location.model_copy(
                update={"text": snippet(place.text, first, first + 1, around=20)}
            )
            yield self.finding(
                f"本段有 {len(found)} 个显示不出的字符（{chars}）："
                f"{snippet(place.text, first, first + 1)}",
                loc,
                expected="可显示的文字",
                actual=chars,
            )


#: what may end a paragraph without 。: other sentence ends, and lead-ins to what follows
_ENDS = "。！？!?：:；;…”」』）)】"
#: a line that begins a new item or section (the paragraph before it is really over)
_NEW_ITEM = lazy(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．]|第[一二三四五六七八九十]+)"
)


def _sentence_like(text: str) -> bool:
    """Body text, not a heading or caption: long enough and built of clauses."""
    t = text.strip()
    return len(t) >= 12 and any(ch in t for ch in "，。：、")


class ParagraphWithoutFullStop(Rule):
    """检查什么
    列表中的一项（以“（一）”“一、”“1、”开头的正文段）没有以句号结尾，而同一节中紧邻的前后
    两项都以“。”结尾。保守判断：标题、表题、以“：”“；”等结尾的引导句、全部不带句号的列表
    都不报；下一段不另起一项，或三段不在同一页时（段落可能被换行、换页断开）也不报。

    为什么重要
    缺句号多是删改后漏了结尾，常伴随内容残缺；公开检查把“标点不规范”记为规范性问题。

    错误示例
    “1、一般公共服务支出（类）……主要用于机关运行，决算数小于预算数的主要原因是厉行节约”
    后面接着“2、……。”

    正确写法
    “……主要原因是厉行节约。”
    """

    code = "YS615"
    name = "paragraph-without-full-stop"
    title = "段落缺少句号"
    severity = Severity.INFO
    tags = ("wording", "narrative")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        paras = ctx.paragraphs
        if not paras:
            raise NotApplicable("没有情况说明文字")
        for i, (path, p) in enumerate(paras):
            text = p.text.strip()
            if not text or text[-1] in _ENDS or not _sentence_like(text):
                continue
            if i == 0 or i + 1 >= len(paras) or not _NEW_ITEM.match(text):
                continue  # a list item between two others
            (pp, prev), (np_, nxt) = paras[i - 1], paras[i + 1]
            if not (pp == path == np_) or not _NEW_ITEM.match(nxt.text):
                continue  # the next line does not start a new item: the text may go on
            if {prev.source.page, nxt.source.page} != {p.source.page}:
                continue  # a page break may have split the paragraph
            if not (prev.text.strip().endswith("。") and nxt.text.strip().endswith("。")):
                continue
            yield self.finding(
                f"本段没有以句号结尾，而前后两项都以“。”结尾：“…{text[-20:]}”",
                Location.at(p.source, section=" / ".join(path) or None, text=text[-40:]),
                expected="。",
                actual=text[-1],
            )
