"""The amounts a narrative paragraph states, each with its cleaned subject.

Every number followed by a money unit or a percent sign becomes a
:class:`~yusuan.model.StatedAmount`; its subject is cleaned with the word lists
at the top of this module (see ``docs/narrative.md``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from yusuan import regex
from yusuan.model import Source, StatedAmount
from yusuan.regex import lazy

Direction = Literal["增加", "减少"]

# Words dropped from the start / end of a subject, tried repeatedly until stable.
LEADING_WORDS: tuple[str, ...] = (
    "我部门", "本部门", "我单位", "本单位", "我委", "本委", "我局", "本局",
    "所属各预算单位", "各预算单位", "其中", "包括", "以及", "和", "及", "为",
    "共计", "合计", "安排", "涉及", "力争", "上年末", "年末", "本年度",
)  # fmt: skip
TRAILING_WORDS: tuple[str, ...] = (
    "总额为", "金额为", "共计", "合计", "安排", "为", "达到", "达", "总额", "金额",
    "共", "约", "累计", "不少于", "不低于", "不高于", "不超过", "大于", "小于",
    "高于", "低于", "超过",
)  # fmt: skip
CHANGE_WORDS: dict[str, Direction] = {
    "增加": "增加", "增长": "增加", "上升": "增加", "提高": "增加",
    "减少": "减少", "下降": "减少", "降低": "减少", "压减": "减少",
}  # fmt: skip
QUOTES = "“”‘’\"'「」『』"
UNITS = ("亿元", "万元", "千元", "元", "%", "％")

FULLWIDTH = str.maketrans("０１２３４５６７８９（）．：；，", "0123456789().:;,")
_AMOUNT = regex.compile(
    r"(?<![0-9０-９.．,])((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?)"
    r"\s*(" + "|".join(UNITS) + ")"
)
_BREAK = regex.compile(r"[，。；：,;:、！？!?]|其中")
_SENTENCE_END = "。！？!?"
_YEAR = regex.compile(r"^[0-9]{4}年度?")
_BASE = regex.compile(
    r"(?:比|较|与|同)(?:上年|上一年|去年|[0-9]{4}年)?度?(?:预算数|预算|决算|执行数|同期)?(?:相比|比)?$"
)
_LEAD_PAREN = regex.compile(r"^[(（][^)）]*[)）]")
#: an item's numbering before its subject: （二）公务用车购置及运行费, 三、…, 1.…
_NUMBERING = regex.compile(
    r"^(?:[(（][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[、.．](?![0-9]))"
)
#: “本年数小于上年预算数40.05万元”: the amount after such a comparison is the difference.
_COMPARED = regex.compile(
    r"(小于|少于|低于|大于|多于|高于)(?:上年|上一年|去年|[0-9]{4}年)度?"
    r"(?:预算|决算)?(?:执行)?数?$"
)


_CLOSING = lazy(r"[)）]")
_OPENING = lazy(r"[(（]")


def _strip_unbalanced(s: str) -> str:
    while s[:1] in ("(", "（") and not _CLOSING.search(s):
        s = s[1:]
    while s[-1:] in (")", "）") and not _OPENING.search(s):
        s = s[:-1]
    return s


_THIS_YEAR_ONLY = lazy(r"^本年(?:预算)?数?$")
_SPACES = lazy(r"\s+")


def clean_subject(phrase: str, department: str | None = None) -> tuple[str, Direction | None]:
    """The subject of a printed phrase and the change direction it ends with.

    ``"2023年，我部门财政拨款“三公”经费预算安排"`` → ``("财政拨款三公经费预算", None)``;
    ``"“三公”经费比上年预算减少"`` → ``("三公经费", "减少")``.  The comparison base
    (比上年 / 较2022年预算 …) is dropped; an empty result means the phrase named
    only the base.
    """
    s = _strip_unbalanced(_SPACES.sub("", phrase).translate({ord(q): None for q in QUOTES}))
    direction: Direction | None = None
    s = s.removesuffix("了")
    for word, d in CHANGE_WORDS.items():
        if s.endswith(word):
            s, direction = s[: -len(word)], d
            break
    else:
        if (m := _COMPARED.search(s)) is not None:
            s, direction = (
                s[: m.start()],
                ("减少" if m.group(1) in ("小于", "少于", "低于") else "增加"),
            )
            s = _THIS_YEAR_ONLY.sub("", s)
    while True:
        before = s
        s = _BASE.sub("", _YEAR.sub("", s)) if direction else _YEAR.sub("", s)
        s = _NUMBERING.sub("", s)
        if department and s.startswith(department):
            s = _LEAD_PAREN.sub("", s[len(department) :])
        s = next((s[len(w) :] for w in LEADING_WORDS if s.startswith(w) and s != w), s)
        s = next((s[: -len(w)] for w in TRAILING_WORDS if s.endswith(w) and s != w), s)
        s = _strip_unbalanced(s.strip("：:，,、；;。"))
        if s == before:
            return s, direction


def _sentence(text: str, start: int, end: int) -> tuple[int, str]:
    lo = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    his = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    hi = min(his) + 1 if his else len(text)
    return lo, text[lo:hi].strip()


def stated_amounts(
    text: str,
    section: tuple[str, ...] = (),
    source: Source | None = None,
    department: str | None = None,
) -> list[StatedAmount]:
    """The amounts and percentages stated in one paragraph."""
    out: list[StatedAmount] = []
    lo = 0
    base: tuple[int, str] | None = None  # (sentence start, last plain subject)
    for m in _AMOUNT.finditer(text):
        seg = text[lo : m.start()]
        cut = 0
        for b in _BREAK.finditer(seg):
            cut = b.end()
        phrase = seg[cut:].strip()
        lo = m.end()
        subject, direction = clean_subject(phrase, department)
        sent_start, sentence = _sentence(text, m.start(), m.end())
        if direction and not subject and base and base[0] == sent_start:
            subject = base[1]  # "…593.58万元，较2022年预算增加2.75万元": the base subject
        elif not direction and subject:
            base = (sent_start, subject)
        number = m.group(1).translate(FULLWIDTH).replace(",", "")
        unit = "%" if m.group(2) in ("%", "％") else m.group(2)
        out.append(
            StatedAmount(
                subject=subject,
                phrase=phrase,
                value=Decimal(number),
                unit=unit,
                kind="percent" if unit == "%" else "change" if direction else "amount",
                direction=direction,
                text=m.group(0),
                sentence=sentence,
                section=section,
                source=source or Source(),
            )
        )
    return out
