"""The 情况说明 as the completeness rules read it: its sections, the glossary, and the section rule
they share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yusuan.model import Paragraph, StatedAmount, TableId
from yusuan.regex import lazy
from yusuan.rules.base import CannotRun, Finding, Location, Rule, Severity
from yusuan.rules.context import CheckContext, norm

OPS = "《地方预决算公开操作规程》（财预〔2016〕143号）"
CONTENT = (
    f"{OPS}：部门预决算公开时，应对本部门职责、机构设置、收支及其增减变化、机关运行经费、"
    "“三公”经费、政府采购、国有资产占用、绩效目标等重要事项作出说明，并对专业性较强的名词进行解释"
)
LAW14 = "《中华人民共和国预算法》第十四条"

GLOSSARY_HEADING = lazy(r"名词|术语|词语解释|释义")
# A glossary item (“1、事业收入：指…”) defines a word; it explains nothing about this year.
GLOSSARY_ITEM = lazy(
    r"^\s*[（(]?[0-9０-９一二三四五六七八九十]+[)）]?[、.．]?\s*[^：:，。]{2,30}[：:]\s*(?:是指|指|反映|主要是指)"
)


def in_glossary(path: tuple[str, ...]) -> bool:
    return any(GLOSSARY_HEADING.search(norm(t)) for t in path)


def prose(ctx: CheckContext) -> list[tuple[tuple[str, ...], Paragraph]]:
    """Narrative paragraphs outside the glossary and not glossary items themselves."""
    return [
        (p, para)
        for p, para in ctx.paragraphs
        if not in_glossary(p) and not GLOSSARY_ITEM.match(para.text)
    ]


def require_narrative(ctx: CheckContext) -> None:
    if not ctx.paragraphs and not ctx.headings:
        raise CannotRun("未读到情况说明文字（只有表格），无法检查说明部分")


def narrative_location(ctx: CheckContext, what: str) -> Location:
    """Where a missing section would be: the start of the 情况说明."""
    first = ctx.paragraphs[0][1] if ctx.paragraphs else None
    return Location.at(
        first.source if first else None, section="情况说明", text=f"（应有“{what}”）"
    )


@dataclass(frozen=True)
class Spec:
    """How a section is recognized: a heading, else a paragraph, else a stated amount."""

    what: str
    heading: str
    text: str | None = None
    subject: str | None = None
    tables: tuple[TableId, ...] = ()


def present(ctx: CheckContext, spec: Spec) -> bool:
    if any(re.search(spec.heading, norm(h)) for h in ctx.headings):
        return True
    if spec.text is not None:
        rx = re.compile(spec.text)
        if any(rx.search(norm(p.text)) for _, p in prose(ctx)):
            return True
    if spec.subject is not None:
        rx = re.compile(spec.subject)
        stated: list[StatedAmount] = [
            s
            for s in ctx.d.narrative.stated
            if not in_glossary(s.section) and rx.search(norm(s.subject))
        ]
        if stated:
            return True
    return any(ctx.table(t) is not None for t in spec.tables)


class _SectionRule(Rule):
    """A section of the 情况说明 that the package must carry (abstract: no code)."""

    severity = Severity.WARNING
    specs: tuple[Spec, ...] = ()

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        require_narrative(ctx)
        for spec in self.specs:
            if not present(ctx, spec):
                yield self.finding(
                    f"情况说明中未找到“{spec.what}”部分（按标题和正文查找，未找到相应的标题或说明文字）",
                    narrative_location(ctx, spec.what),
                    expected=f"有“{spec.what}”说明",
                    actual="未找到",
                )
