"""The 情况说明 as the completeness rules read it: its sections, the glossary, and the section rule
they share.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan import regex
from yusuan.model import Paragraph, Source, StatedAmount, TableId
from yusuan.recognize.titles import match_title
from yusuan.regex import lazy
from yusuan.rules.base import CannotRun, Finding, Location, Rule, Severity
from yusuan.rules.context import CheckContext, norm
from yusuan.values import Frozen

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


TABLES_ONLY = "情况说明不在此文件中，请用 --package 与说明文件一起检查"


def _furniture(heading: str) -> bool:
    """A heading that belongs to the tables, not to a 情况说明: the 目录 or a table's title
    (a “…预算表情况说明” heading is the 情况说明's)."""
    h = norm(heading)
    return h in ("目录", "目次") or (match_title(h) is not None and "说明" not in h)


def _under_a_table(ctx: CheckContext, source: Source) -> bool:
    """A PDF paragraph printed on a page of a table, below the table's start (a note)."""
    if source.page is None or source.bbox is None:
        return False
    for t in ctx.d.tables:
        if t.source.file != source.file or t.source.page is None:
            continue
        pages = {t.source.page} | {r.source.page for r in t.rows if r.source.page is not None}
        top = t.source.bbox[1] if t.source.bbox is not None else 0.0
        if source.page in pages and (source.page, source.bbox[1]) > (t.source.page, top):
            return True
    return False


_PROSE_MARK = lazy(r"[。，；]")


def has_body(ctx: CheckContext) -> bool:
    """Whether the file prints a 情况说明: a heading of its own, or a sentence that is not
    under the 目录 or a table's title nor printed under a table.  Cover lines (部门：…,
    财政厅印制), 目录 rows and a foot note under a table are not one."""
    if any(not _furniture(h) for h in ctx.headings):
        return True
    return any(
        not any(_furniture(h) for h in path)
        and (_PROSE_MARK.search(norm(p.text)) or len(norm(p.text)) >= 40)
        and not _under_a_table(ctx, p.source)
        for path, p in ctx.paragraphs
    )


def require_narrative(ctx: CheckContext) -> None:
    """Raise :class:`CannotRun` when the file holds no 情况说明 to look in: only tables (and
    their cover, 目录 and notes), whose narrative is another file of the package."""
    if has_body(ctx):
        return
    if any(t.source.file for t in ctx.d.tables):  # already a package of several files
        raise CannotRun("包中各文件都未读到情况说明文字（只有公开表及其封面、目录和表注）")
    if ctx.d.tables:
        raise CannotRun(f"{TABLES_ONLY}（本文件只有公开表及其封面、目录和表注）")
    raise CannotRun("未读到情况说明文字，无法检查说明部分")


def narrative_location(ctx: CheckContext, what: str) -> Location:
    """Where a missing section would be: the start of the 情况说明."""
    first = ctx.paragraphs[0][1] if ctx.paragraphs else None
    return Location.at(
        first.source if first else None, section="情况说明", text=f"（应有“{what}”）"
    )


class Spec(Frozen):
    """How a section is recognized: a heading, else a paragraph, else a stated amount."""

    what: str
    heading: str
    text: str | None = None
    subject: str | None = None
    tables: tuple[TableId, ...] = ()


def present(ctx: CheckContext, spec: Spec) -> bool:
    if any(regex.compile(spec.heading).search(norm(h)) for h in ctx.headings):
        return True
    if spec.text is not None:
        rx = regex.compile(spec.text)
        if any(rx.search(norm(p.text)) for _, p in prose(ctx)):
            return True
    if spec.subject is not None:
        rx = regex.compile(spec.subject)
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
