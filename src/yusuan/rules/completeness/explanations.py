"""The “三公”经费 change explained: a change in the 三公 budget comes with its reason."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model import TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, Rule, Severity
from yusuan.rules.completeness.narrative import OPS
from yusuan.rules.context import CheckContext, norm

THREE_PUBLIC = lazy(r"三公|因公出国|公务用车|公务接待")
# A reason clause; 因 alone counts unless it is 因公出国 or 因此.
REASON = lazy(r"原因|主要是|主要系|主要用于|由于|因为|因(?!公|此)|所致|导致|造成|得益于|为了|源于")
EMPTY_REASON = lazy(r"^[是为系：:\s]*(?:[。；！？]|$)")


def reasons(text: str) -> tuple[bool, bool]:
    """(a reason clause with content, a reason clause left empty) in ``text``."""
    full = empty = False
    for m in REASON.finditer(text):
        if EMPTY_REASON.match(text[m.end() :]):
            empty = True
        else:
            full = True
    return full, empty


class ThreePublicChangeUnexplained(Rule):
    """检查什么
    “三公”经费说明中写了增减变化（“比上年预算减少4.7万元”“公务接待费增长10%”）时，
    同一节（找不到节时为同一段）是否给出了原因：“主要原因是……”“由于……”“因……”等，
    且原因不是空的（“主要原因是。”算未说明）。变化为 0 的不要求原因。

    为什么重要
    公开规程要求“三公”经费说明增减变化原因；只报变化不讲原因，公众无法判断压减或增加是否合理。

    错误示例
    “‘三公’经费比上年预算减少4.7万元。”（全节再无原因）；
    或“‘三公’经费比上年预算减少4.7万元，主要原因是。”

    正确写法
    “‘三公’经费比上年预算减少4.7万元，主要原因是厉行节约，压减公务接待费。”
    """

    code = "YS508"
    name = "three-public-change-unexplained"
    title = "“三公”经费增减变化未说明原因"
    severity = Severity.WARNING
    tags = ("completeness", "narrative", "three_public")
    basis = f"{OPS}：“三公”经费应说明增减变化原因"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        changes = [
            s
            for s in ctx.d.narrative.stated
            if (s.kind == "change" or (s.kind == "percent" and s.direction))
            and s.value != 0
            and (THREE_PUBLIC.search(norm(s.subject)) or any("三公" in norm(t) for t in s.section))
        ]
        done: set[tuple[str, ...]] = set()
        for s in changes:
            if s.section in done:
                continue
            done.add(s.section)
            texts = [p.text for path, p in ctx.paragraphs if path == s.section and s.section]
            if not texts:
                texts = [p.text for _, p in ctx.paragraphs if s.sentence in p.text] or [s.sentence]
            full, empty = reasons("\n".join(texts))
            if full:
                continue
            what = "原因留空" if empty else "未说明原因"
            yield self.finding(
                f"“三公”经费说明写明{s.subject or '“三公”经费'}{s.direction or '变化'}{s.text}，但{what}"
                "（应写明“主要原因是……”）",
                Location.at(
                    s.source,
                    table=TableId.THREE_PUBLIC.value,
                    section=" / ".join(s.section) or None,
                    text=s.sentence,
                ),
                expected="写明增减变化原因",
                actual=what,
            )
