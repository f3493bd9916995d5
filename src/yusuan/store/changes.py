"""The changes between two disclosures as a reader goes through them: one change per 科目.

:func:`yusuan.store.diff.diff` compares every amount (table, row, column). A reader wants a
科目 once: :func:`changes` folds the lines of one row into one :class:`Change` (shown by the
row's total column when that changed, the other changed columns named beside it), and the
same row printed by several tables with the same two amounts (the 一般公共预算财政拨款支出表
repeating the 财政拨款支出表) into one change listing those tables. Amounts are shown as each
document prints them (its unit named, its decimals and separators, :mod:`yusuan.rules.printed`);
tables by their printed Chinese titles.

Each change falls under the filters a reviewer uses (:data:`FILTERS`): 已说明 (B's 情况说明
gives a change or a reason), 未说明 (flagged and B names no reason), 新增 (B only), 删除 (A
only: never 已说明 — B's narrative naming the same words speaks of another line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.rules.printed import Style, money
from yusuan.store.diff import DiffLine
from yusuan.store.schema import REQUIRED

#: The filters of a change list: key → Chinese label.
FILTERS: dict[str, str] = {
    "explained": "已说明",
    "unexplained": "未说明",
    "new": "新增",
    "removed": "删除",
}

#: How a change is marked, by kind and status.
MARKS: dict[str, str] = {
    "explained": "已说明原因",
    "mentioned": "⚑ 仅列金额、未说明原因",
    "unexplained": "⚑ 未说明",
    "removed": "删除（B 不再列出）",
    "new": "新增",
    "mismatch": "⚑ 不等",
}

_NAMES = dict(REQUIRED)
#: Column keys that hold a row's total: the column a 科目's change is shown by.
_TOTALS = ("合计", "总计", "本年支出合计", "支出合计", "小计", "金额")
_GENERIC = {"合计", "小计", "总计", "金额", ""}


def table_name(table_id: str, title: str) -> str:
    """The table as a reader knows it: its printed title, else its standard Chinese name."""
    return title.strip() or _NAMES.get(table_id, "未命名表格")


@dataclass(frozen=True)
class Change:
    """One 科目's change between A and B, as printed."""

    tables: tuple[str, ...]  # printed titles: the first one's column is shown
    table_ids: tuple[str, ...]
    section: str
    code: str
    item: str
    column: str
    others: tuple[str, ...]  # the row's other columns that changed too
    a: Decimal | None  # 万元, exact
    b: Decimal | None
    change: Decimal
    pct: Decimal | None
    flagged: bool
    kind: str  # changed / new / removed
    status: str | None  # explained / mentioned / unexplained (flagged and printed by B)
    evidence: str | None
    a_printed: str
    b_printed: str
    change_printed: str
    lines: tuple[DiffLine, ...] = field(default=(), repr=False)

    @property
    def subject(self) -> str:
        """``2010201 行政运行``; a row without a name is named by its column."""
        name = " ".join(p for p in (self.code, self.item) if p)
        return name or self.column

    @property
    def mark(self) -> str:
        """``已说明原因``, ``⚑ 未说明``, ``删除（B 不再列出）``, ``新增 · ⚑ 未说明`` …"""
        if self.kind == "removed":
            return MARKS["removed"]
        status = MARKS.get(self.status or "", "")
        if self.kind == "new":
            return " · ".join(p for p in (MARKS["new"], status) if p)
        return status

    def matches(self, show: str) -> bool:
        """Whether the change is under the filter ``show`` (``""``: every change)."""
        if show == "explained":
            return self.status == "explained" and self.kind != "removed"
        if show == "unexplained":
            return self.flagged and self.status in ("unexplained", "mentioned")
        if show in ("new", "removed"):
            return self.kind == show
        return True

    def as_dict(self) -> dict[str, str | bool | None]:
        def s(v: Decimal | None) -> str | None:
            from yusuan.amounts import plain

            return None if v is None else plain(v)

        return {
            "table": self.tables[0],
            "table_id": self.table_ids[0],
            "also_in": "；".join(self.tables[1:]),
            "code": self.code,
            "item": self.item,
            "column": self.column,
            "other_columns": "、".join(self.others),
            "a": self.a_printed,
            "b": self.b_printed,
            "change": self.change_printed,
            "pct": s(self.pct),
            "a_wan": s(self.a),
            "b_wan": s(self.b),
            "change_wan": s(self.change),
            "kind": self.kind,
            "flagged": self.flagged,
            "status": self.status,
            "mark": self.mark,
            "evidence": self.evidence,
        }


#: The fields of :meth:`Change.as_dict`, in order (CSV columns).
FIELDS = tuple(
    "table table_id also_in code item column other_columns a b change pct a_wan b_wan "
    "change_wan kind flagged status mark evidence".split()
)


def shown(value: Decimal | None, style: Style) -> str:
    """An amount as its table prints it, the unit named; ``—`` when the table has no line."""
    return "—" if value is None else money(value, style, beside=False)


def signed(value: Decimal, style: Style) -> str:
    text = money(value, style, beside=False)
    return f"+{text}" if value > 0 else text


def _row_key(d: DiffLine, coded: set[str]) -> tuple[str, ...]:
    """A 科目's lines: its row. The total row of a table listing its items as columns (Shanghai's
    “三公”经费表: no row has a code) is one subject per column: each column is an item."""
    if not d.code and d.item.strip() in _GENERIC and d.table not in coded:
        return d.table, d.section, d.code, d.item, d.column
    return d.table, d.section, d.code, d.item


def _one(group: list[DiffLine]) -> Change:
    flagged = [x for x in group if x.flagged]
    pool = flagged or group
    main = next((x for x in pool if x.column in _TOTALS), pool[0])
    change_style = main.b_style if main.b is not None else main.a_style
    return Change(
        tables=(table_name(main.table, main.table_title),),
        table_ids=(main.table,),
        section=main.section,
        code=main.code,
        item=main.item,
        column=main.column,
        others=tuple(x.column for x in group if x is not main),
        a=main.a,
        b=main.b,
        change=main.change,
        pct=main.pct,
        flagged=bool(flagged),
        kind=main.kind,
        status=main.status,
        evidence=main.evidence,
        a_printed=shown(main.a, main.a_style),
        b_printed=shown(main.b, main.b_style),
        change_printed=signed(main.change, change_style),
        lines=tuple(group),
    )


def _same(c: Change) -> tuple[object, ...]:
    """Changes with this key are one 科目's change printed by several tables."""
    name = c.item if c.item not in _GENERIC else c.column
    return c.code, "" if c.code else name, c.a, c.b, c.kind


def changes(lines: list[DiffLine]) -> list[Change]:
    """``lines`` (of :func:`~yusuan.store.diff.diff`) as one change per 科目, in their order."""
    coded = {line.table for line in lines if line.code}
    rows: dict[tuple[str, ...], list[DiffLine]] = {}
    for line in lines:
        rows.setdefault(_row_key(line, coded), []).append(line)
    out: list[Change] = []
    seen: dict[tuple[object, ...], int] = {}
    for group in rows.values():
        change = _one(group)
        key = _same(change)
        if key in seen:
            first = out[seen[key]]
            if change.tables[0] not in first.tables:
                out[seen[key]] = _merged(first, change)
            continue
        seen[key] = len(out)
        out.append(change)
    return out


def _merged(first: Change, other: Change) -> Change:
    from dataclasses import replace

    rank = {"explained": 0, "mentioned": 1, "unexplained": 2}
    best = min((first, other), key=lambda c: rank.get(c.status or "", 3))
    return replace(
        first,
        tables=(*first.tables, *other.tables),
        table_ids=(*first.table_ids, *other.table_ids),
        flagged=first.flagged or other.flagged,
        status=best.status,
        evidence=best.evidence,
        lines=(*first.lines, *other.lines),
    )


def counts(result: list[Change]) -> dict[str, int]:
    """How many changes each filter shows, and all of them (``""``)."""
    flagged = [c for c in result if c.flagged]
    out = {key: sum(c.matches(key) for c in flagged) for key in FILTERS}
    out[""] = len(flagged)
    return out


__all__ = ["FIELDS", "FILTERS", "MARKS", "Change", "changes", "counts", "table_name"]
