"""Does the narrative of a disclosure explain a change of one table line?

The heuristic, documented in ``docs/store.md``:

1. The line's *names*: the row's item (``专项普查活动``), or — when the item is
   a total such as 合计 (a table that lists its items as columns, like Shanghai's
   “三公”经费表) — the nearest header that is not generic (``购置费``,
   ``三公经费``); and the 科目 code.
2. The narrative's paragraphs are cut into clauses at 。；！？. A clause *names*
   the line when it contains the code, or a name; when the clause spells the
   科目 out as ``…（类）…（款）…（项）``, the row's 款 (or 类) must be in it too, so
   ``城乡社区管理事务（款）行政运行（项）`` is not taken for another 款's 行政运行.
3. The *window* of a naming clause is the clause and up to three that follow it
   in the same paragraph, until one starts a new numbered item or quotes
   another 科目.
4. ``explained``: a window says 增加/减少/增长/下降/调整/原因 … (a change or a
   reason), or a stated change (``比上年减少10万元``) names the line;
   ``mentioned``: the line is named (for example its amount is stated) but no
   window gives a change or a reason; ``unexplained``: it is not named at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from yusuan import regex
from yusuan.model import Disclosure

if TYPE_CHECKING:
    from yusuan.store.diff import Line

REASON = regex.compile(
    r"增加|减少|增长|下降|降低|提高|上升|原因|调增|调减|调整|压减|压缩|新增|增幅|减幅|核减|追加"
)
_ENUM = regex.compile(
    r"^\s*(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)"
)
_CLAUSE = regex.compile(r"[。；;！？!?\n]")
_DROP = regex.compile(r"[\s“”\"'‘’「」]|^\d{4}年(?:度)?|(?:预算|决算)数$")
_GENERIC = {"合计", "小计", "总计", "金额", "预算数", "决算数", "一般公共预算财政拨款", ""}


def norm(text: str) -> str:
    """Text compared for names: no whitespace or quotes, parentheses full-width."""
    return _DROP.sub("", text.replace("(", "（").replace(")", "）"))


def line_names(line: Line) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names a sentence may use for ``line``, and its parents (类, 款)."""
    if norm(line.item) not in _GENERIC:
        return (norm(line.item),), tuple(norm(p) for p in line.parents)
    for part in reversed(line.column_path or (line.column,)):
        name = norm(part)
        if name not in _GENERIC:
            return (name,), ()
    if line.table == "three_public":
        return ("三公经费",), ()
    return (), ()


class Explainer:
    """The narrative of one disclosure, cut into clauses, for :meth:`explain`."""

    def __init__(self, d: Disclosure) -> None:
        self.paragraphs: list[list[str]] = []
        for section in d.narrative.walk():
            for p in section.paragraphs:
                clauses = [c.strip() for c in _CLAUSE.split(p.text) if c.strip()]
                if clauses:
                    self.paragraphs.append(clauses)
        self.changes = [
            (norm(s.subject), s.sentence) for s in d.narrative.stated if s.kind != "amount"
        ]

    @staticmethod
    def _names(clause: str, names: tuple[str, ...], parents: tuple[str, ...], code: str) -> bool:
        n = norm(clause)
        # built from a stored code: not kept in yusuan.regex's cache (re's own is bounded)
        if code and len(code) >= 3 and re.search(rf"(?<!\d){re.escape(code)}(?!\d)", n):  # noqa: TID251
            return True
        for name in names:
            if len(name) < 2 or name not in n:
                continue
            if parents and ("（款）" in n or "（类）" in n):
                return parents[-1] in n
            return True
        return False

    def explain(
        self, names_parents: tuple[tuple[str, ...], tuple[str, ...]], code: str = ""
    ) -> tuple[str, str | None]:
        """``(status, evidence)``: explained / mentioned / unexplained."""
        names, parents = names_parents
        mention: str | None = None
        for clauses in self.paragraphs:
            for i, clause in enumerate(clauses):
                if not self._names(clause, names, parents, code):
                    continue
                window = [clause]
                for nxt in clauses[i + 1 : i + 4]:
                    if _ENUM.match(nxt) or "“" in nxt:
                        break
                    window.append(nxt)
                text = "。".join(window)
                if REASON.search(text):
                    return "explained", text
                mention = mention or text
        for subject, sentence in self.changes:
            if any(len(name) >= 2 and (name in subject or subject == name) for name in names):
                return "explained", sentence
        if mention is not None:
            return "mentioned", mention
        return "unexplained", None
