"""Which standard tables a grid can be, from what it holds rather than its title.

For a table whose title is missing or unfamiliar, and to check a title against
the table under it: the header labels (科目编码/科目名称/基本支出/项目支出/人员经费 …),
the kind of codes in the rows (功能分类 2xx against 经济分类 30x) and the item
names (因公出国（境）费 …).  The signals live in ``data/tables.toml``
(``[[content]]``); :func:`candidates` gives the ids the first fitting entry names,
or an empty set when the content says nothing either way.
"""

from __future__ import annotations

from functools import cache

from yusuan import regex
from yusuan.model import PrintedTable, Table, TableId
from yusuan.recognize.titles import data
from yusuan.values import Frozen

_CODE = regex.compile(r"^\d{3}(?:\d{2}){0,2}$")


class ContentSignal(Frozen):
    """A sign in a table's content (header words, codes) that points to some tables."""

    ids: tuple[TableId, ...]
    words: tuple[str, ...] = ()
    min: int = 1
    columns_only: bool = False
    codes: str | None = None
    sided: bool = False
    narrow: tuple[tuple[str, TableId], ...] = ()


@cache
def signals() -> tuple[ContentSignal, ...]:
    """The content signals of ``data/tables.toml``, in testing order."""
    entries = data().get("content", [])
    assert isinstance(entries, list)
    return tuple(
        ContentSignal(
            ids=tuple(TableId(i) for i in e["ids"]),
            words=tuple(e.get("words", ())),
            min=int(e.get("min", 1)),
            columns_only=e.get("in") == "columns",
            codes=e.get("codes"),
            sided=bool(e.get("sided", False)),
            narrow=tuple((w, TableId(i)) for w, i in e.get("narrow", ())),
        )
        for e in entries
    )


def _code_kind(table: Table) -> str | None:
    """``economic`` or ``functional`` when most coded rows carry that kind of code."""
    codes = [r.code for r in table.rows if r.code and _CODE.match(r.code)]
    if len(codes) < 2:
        return None
    economic = sum(1 for c in codes if c[0] == "3")
    functional = sum(1 for c in codes if c[0] == "2")
    if economic * 2 > len(codes):
        return "economic"
    if functional * 2 > len(codes):
        return "functional"
    return None


def candidates(table: Table) -> frozenset[TableId]:
    """The standard tables this grid can be by its content (empty: no opinion)."""
    labels = "|".join("".join(c.path) for c in table.columns)
    items = "|".join(r.item for r in table.rows)
    everything = labels + "|" + items
    sided = {c.section for c in table.columns if c.section} == {"收入", "支出"}
    kind: str | None = None
    for s in signals():
        if s.sided and not sided:
            continue
        if s.codes is not None:
            kind = kind or _code_kind(table) or "-"
            if kind != s.codes:
                continue
        if s.words:
            where = labels if s.columns_only else everything
            if sum(1 for w in s.words if w in where) < s.min:
                continue
        for word, narrowed in s.narrow:
            if word in everything:
                return frozenset({narrowed})
        return frozenset(s.ids)
    return frozenset()


def judge(table: Table) -> Table:
    """Set ``recognized_by`` (and the id from the content when the title gave none).

    A title the content contradicts is kept here as ``title``; :func:`settle` decides
    between the two once every table of the document is known.
    """
    found = candidates(table)
    if table.id == TableId.UNKNOWN:
        if len(found) == 1:
            return table.model_copy(update={"id": next(iter(found)), "recognized_by": "content"})
        return table
    return table.model_copy(update={"recognized_by": "both" if table.id in found else "title"})


def disputed(table: Table) -> frozenset[TableId]:
    """The ids the content names when they leave out the id the title names (else empty)."""
    if table.id == TableId.UNKNOWN or table.recognized_by != "title":
        return frozenset()
    found = candidates(table)
    return frozenset() if table.id in found else found


def _notice(table: Table, found: frozenset[TableId], kept: TableId) -> str:
    page = table.source.page or table.source.line or 0
    names = "、".join(sorted(i.value for i in found))
    if kept == table.id:
        zh, en = "按标题识别", "kept the title"
    else:
        zh, en = f"按内容识别为 {kept.value}", f"recognized by its content as {kept.value}"
    return (
        f"table-title-content-disagree page {page}: 表《{table.title}》的标题指{table.id.value}，"
        f"内容却像 {names}（{zh}） / the title of table “{table.title}” names "
        f"{table.id.value} but its content looks like {names} ({en})"
    )


def settle(tables: list[Table], ledger: tuple[PrintedTable, ...]) -> tuple[list[Table], list[str]]:
    """Name the tables the title left open, and those whose title the content contradicts.

    An unknown table whose content leaves several ids gets the one the document prints
    (by its 目录 or a title line) and no other table took.  A title the content
    contradicts (a table printed under another table's title) gives way to the content
    when the content is unambiguous: it names one id that no other table holds with
    title and content agreeing, or several of which exactly one is printed (目录, a title)
    and held by no other table.  The table is then ``recognized_by == "content"``, else
    the title's id stays as ``disputed``: either way an error resting on it is at most a
    warning, and the disagreement is a ``table-title-content-disagree`` diagnostic saying
    which one was kept.
    """
    printed = {e.id for e in ledger if e.id is not None}
    out = list(tables)
    taken = {t.id for t in out}
    for n, t in enumerate(out):
        if t.id == TableId.UNKNOWN:
            left = (candidates(t) & printed) - taken
            if len(left) == 1:
                tid = next(iter(left))
                out[n] = t.model_copy(update={"id": tid, "recognized_by": "content"})
                taken.add(tid)
    notices: list[str] = []
    for n, t in enumerate(out):
        found = disputed(t)
        if not found:
            continue
        others = [o for k, o in enumerate(out) if k != n]
        left = found - {o.id for o in others if o.recognized_by == "both"}
        if len(left) > 1:
            left &= printed - {o.id for o in others}
        kept = next(iter(left)) if len(left) == 1 else t.id
        by = "content" if kept != t.id else "disputed"
        out[n] = t.model_copy(update={"id": kept, "recognized_by": by})
        notices.append(_notice(t, found, kept))
    return out, notices
