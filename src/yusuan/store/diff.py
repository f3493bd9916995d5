"""Line-by-line comparison of two disclosures, with unexplained changes flagged.

A *line* is one amount of a table: (table, section, 科目 code — or the item when
the row has no code —, column). Lines of A and B are matched within tables of
the same id; column headers are compared without a leading year
(``2024年机关运行经费预算数`` matches ``机关运行经费预算数``). Amounts are in 万元.

A change is *flagged* when it reaches both thresholds: ±10 % (or the line is new
or was 0) and 5 万元 (:class:`Threshold`). For a flagged line the narrative of B
is searched (:mod:`yusuan.store.explain`) for the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan import regex
from yusuan.model import Column, Disclosure, Row, Table, TableId
from yusuan.rules.base import decimals_of
from yusuan.rules.printed import Style, style_of
from yusuan.store.explain import Explainer, line_names

GENERIC_ITEMS = {"合计", "小计", "总计", "金额", ""}
_YEAR = regex.compile(r"^\d{4}年(?:度)?")

LineKey = tuple[str, str, str, str]  # table key, section, row key, column key


@dataclass(frozen=True, slots=True)
class Threshold:
    """A change is flagged when ``|change| ≥ wan`` 万元 and ``|change %| ≥ pct``."""

    pct: Decimal = Decimal(10)
    wan: Decimal = Decimal(5)

    def reached(self, a: Decimal | None, change: Decimal, pct: Decimal | None) -> bool:
        if abs(change) < self.wan:
            return False
        return pct is None or abs(pct) >= self.pct


@dataclass(frozen=True, slots=True)
class Where:
    """Where an amount stands: its table, and its row and column there."""

    table: str
    table_title: str
    section: str
    code: str
    item: str
    column: str


@dataclass(frozen=True, slots=True)
class Line(Where):
    """One amount of one table, located for matching and for the reader."""

    column_path: tuple[str, ...]
    parents: tuple[str, ...]
    value: Decimal
    printed: str
    half_ulp: Decimal = Decimal(0)
    #: How the line's table prints its amounts (unit, decimals, separators).
    style: Style = field(default_factory=Style)


@dataclass(frozen=True, slots=True)
class DiffLine(Where):
    """A line of the comparison. ``kind`` is ``changed``, ``new`` (B only) or ``removed``
    (A only). ``status`` is set for flagged lines that B prints: ``explained`` (B's
    narrative gives a change or a reason for it), ``mentioned`` (B names it but gives no
    reason) or ``unexplained``; a removed line has none (B's narrative naming the same
    words speaks of another line, never of the one B no longer prints)."""

    a: Decimal | None
    b: Decimal | None
    change: Decimal
    pct: Decimal | None
    flagged: bool
    status: str | None = None
    evidence: str | None = None
    kind: str = "changed"
    #: How A's and B's tables print their amounts, to show the values as printed.
    a_style: Style = field(default_factory=Style)
    b_style: Style = field(default_factory=Style)

    @classmethod
    def of(
        cls,
        line: Line,
        a: Decimal | None,
        b: Decimal | None,
        change: Decimal,
        flagged: bool,
        *,
        pct: Decimal | None,
        status: str | None = None,
        evidence: str | None = None,
        kind: str = "changed",
        styles: tuple[Style, Style] = (Style(), Style()),
    ) -> DiffLine:
        """``line`` (its table, row and column) compared between the values ``a`` and ``b``."""
        return cls(
            table=line.table,
            table_title=line.table_title,
            section=line.section,
            code=line.code,
            item=line.item,
            column=line.column,
            a=a,
            b=b,
            change=change,
            pct=pct,
            flagged=flagged,
            status=status,
            evidence=evidence,
            kind=kind,
            a_style=styles[0],
            b_style=styles[1],
        )

    def as_dict(self) -> dict[str, str | bool | None]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else _plain(v)

        return {
            "table": self.table,
            "table_title": self.table_title,
            "section": self.section,
            "code": self.code,
            "item": self.item,
            "column": self.column,
            "a": s(self.a),
            "b": s(self.b),
            "change": s(self.change),
            "pct": s(self.pct),
            "flagged": self.flagged,
            "status": self.status,
            "evidence": self.evidence,
        }


def _plain(v: Decimal) -> str:
    from yusuan.amounts import plain

    return plain(v)


def describe(d: Disclosure) -> str:
    """``上海市…办事处 2025年 预算 部门（path）`` for headings."""
    parts = [d.department_name or d.department_code or "？", f"{d.year or '？'}年", d.kind, d.level]
    path = f"（{d.source.path}）" if d.source else ""
    return " ".join(p for p in parts if p) + path


def column_key(col: Column) -> str:
    return _YEAR.sub("", col.key)


def table_match_key(table: Table) -> str:
    return (
        table.id.value if table.id != TableId.UNKNOWN else f"unknown:{_YEAR.sub('', table.title)}"
    )


def lines(d: Disclosure) -> dict[LineKey, Line]:
    """Every amount of ``d`` keyed for matching (the first table of each id)."""
    out: dict[LineKey, Line] = {}
    seen_tables: set[str] = set()
    for table in d.tables:
        tkey = table_match_key(table)
        if tkey in seen_tables:
            continue
        seen_tables.add(tkey)
        money = {c.index: c for c in table.columns if c.role == "amount"}
        style = style_of(
            table.unit, (c.text for r in table.rows for i, c in r.cells.items() if i in money)
        )
        occurrences: dict[tuple[str, str], int] = {}
        names_by_code = {r.code: r.item for r in table.rows if r.code}
        for row in table.rows:
            rkey = _row_key(row, occurrences)
            parents = _parents(row, names_by_code)
            for index, cell in row.cells.items():
                col = money.get(index)
                wan = table.to_wan(cell.value)
                if col is None or wan is None:
                    continue
                key = (tkey, row.section or "", rkey, column_key(col))
                if key in out:
                    continue
                out[key] = Line(
                    table=tkey,
                    table_title=table.title,
                    section=row.section or "",
                    code=row.code or "",
                    item=row.item,
                    column=column_key(col),
                    column_path=tuple(_YEAR.sub("", p) for p in col.path),
                    parents=parents,
                    value=wan,
                    printed=cell.text,
                    half_ulp=_half_ulp(table, cell.text),
                    style=style,
                )
    return out


def _half_ulp(table: Table, printed: str) -> Decimal:
    """Half a unit of the last printed digit, in 万元 (the rounding a figure carries)."""
    places = decimals_of(printed)
    if places is None:
        return Decimal(0)
    return table.to_wan(Decimal(5) / Decimal(10) ** (places + 1)) or Decimal(0)


def _row_key(row: Row, occurrences: dict[tuple[str, str], int]) -> str:
    if row.code:
        return row.code
    base = (row.section or "", row.item)
    n = occurrences.get(base, 0)
    occurrences[base] = n + 1
    return row.item if n == 0 else f"{row.item}#{n + 1}"


def _parents(row: Row, names_by_code: dict[str, str]) -> tuple[str, ...]:
    code = row.code or ""
    if not code.isdigit():
        return ()
    return tuple(names_by_code[c] for c in (code[:3], code[:5]) if c != code and c in names_by_code)


def percent(a: Decimal | None, change: Decimal) -> Decimal | None:
    if a is None or a == 0:
        return None
    return (change * 100 / abs(a)).quantize(Decimal("0.01"))


def diff(
    a: Disclosure,
    b: Disclosure,
    threshold: Threshold | None = None,
    *,
    tables: set[str] | None = None,
) -> list[DiffLine]:
    """Every line whose amount differs between ``a`` and ``b`` (A's order, then B's new
    lines) in the tables both print (:func:`unmatched` names the others), with flagged
    changes checked against B's narrative."""
    threshold = threshold or Threshold()
    la, lb = lines(a), lines(b)
    explainer = Explainer(b)
    out: list[DiffLine] = []
    both = {k[0] for k in la} & {k[0] for k in lb}
    for key in _ordered(la, lb):
        if tables and key[0] not in tables:
            continue
        if key[0] not in both:  # a table one side does not print: not a change of its lines
            continue
        x, y = la.get(key), lb.get(key)
        va = x.value if x else None
        vb = y.value if y else None
        if va == vb:
            continue
        change = (vb or Decimal(0)) - (va or Decimal(0))
        pct = percent(va, change)
        flagged = threshold.reached(va, change, pct)
        line = y or x
        assert line is not None
        kind = "new" if x is None else "removed" if y is None else "changed"
        status = evidence = None
        if flagged and kind != "removed":
            status, evidence = explainer.explain(line_names(line), line.code)
        styles = ((x or line).style, (y or line).style)
        out.append(
            DiffLine.of(
                line, va, vb, change, flagged, pct=pct, status=status, evidence=evidence,
                kind=kind, styles=styles,
            )
        )  # fmt: skip
    return out


def unmatched(a: Disclosure, b: Disclosure) -> tuple[list[str], list[str]]:
    """The printed titles of the tables only ``a`` prints, and of those only ``b`` prints
    (:func:`diff` compares the tables both print)."""
    ka = {table_match_key(t): t.title for t in reversed(a.tables) if not t.is_empty}
    kb = {table_match_key(t): t.title for t in reversed(b.tables) if not t.is_empty}
    return [v for k, v in ka.items() if k not in kb], [v for k, v in kb.items() if k not in ka]


def _ordered(la: dict[LineKey, Line], lb: dict[LineKey, Line]) -> Iterator[LineKey]:
    yield from la
    yield from (k for k in lb if k not in la)


def summary(result: list[DiffLine]) -> dict[str, int]:
    flagged = [d for d in result if d.flagged]
    return {
        "changed": len(result),
        "flagged": len(flagged),
        "explained": sum(d.status == "explained" for d in flagged),
        "mentioned": sum(d.status == "mentioned" for d in flagged),
        "unexplained": sum(d.status == "unexplained" for d in flagged),
    }
