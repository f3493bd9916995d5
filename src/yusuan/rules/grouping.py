"""Related findings grouped: one wrong cell explains several findings.

A figure printed wrong (a copied cell) breaks every sum it belongs to: its row's total (合计 ≠
基本支出＋项目支出), its parent's column (款 ≠ Σ项), the same figure in another table. Each of those
findings points at a total; none at the cell. They are told apart as one group by two facts:

* the same difference: every sum the wrong figure enters is off by the same amount (exactly, in
  万元; a rounding difference, info, is never grouped);
* crossing lines: a finding on a row's total (at row R) and a finding on a column's sum (at the
  row P above R, column C) meet in one cell, (R, C) — the only cell both sums contain that could
  be wrong once and break both (when C is the total column, the row total's own cell). A finding at the same column of another table, on that cell's
  row, a row above it or a total row, with the same difference, joins the group.

The first finding on the suspect's row becomes the group's primary: it gets ``suspect`` (the
cell's location, which a report highlights) and a sentence naming the cell; the others keep
their own location, get ``caused_by`` (the primary's ``id``) and a sentence saying they follow
from it. No finding is dropped or merged: the counts stay.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from yusuan.model import Column, Disclosure, Row, Table
from yusuan.rules.base import Finding, Location, Severity, cell_location

_TOTALS = ("合计", "总计")


def numbered(findings: list[Finding]) -> list[Finding]:
    """Each finding with its ``id`` (``F1``, ``F2`` … in report order)."""
    return [f.model_copy(update={"id": f"F{i}"}) for i, f in enumerate(findings, 1)]


def _difference(f: Finding) -> Decimal | None:
    if f.severity is Severity.INFO or f.difference is None:
        return None
    try:
        d = abs(Decimal(f.difference))
    except InvalidOperation:
        return None
    return d if d != 0 else None


def _is_total(loc: Location) -> bool:
    return not loc.row_code and any(t in (loc.row_item or "") for t in _TOTALS)


def _above(upper: Location, lower: Location) -> bool:
    """``upper``'s row is a total row or a 科目 above ``lower``'s (its code a prefix)."""
    if _is_total(upper):
        return not _is_total(lower)
    a, b = upper.row_code or "", lower.row_code or ""
    return bool(a) and len(b) > len(a) and b.startswith(a)


def _same_table(a: Location, b: Location) -> bool:
    return a.table is not None and (a.table, a.table_title) == (b.table, b.table_title)


def _cell(d: Disclosure, loc: Location, column: str) -> tuple[Table, Row, Column] | None:
    """The table, row and column of the cell at ``loc``'s row and ``column``."""
    for t in d.tables:
        if t.id.value != loc.table or t.title != loc.table_title:
            continue
        col = next((c for c in t.columns if c.key == column), None)
        row = next(
            (
                r
                for r in t.rows
                if r.code == loc.row_code
                and r.item == loc.row_item
                and (loc.section is None or r.section == loc.section)
            ),
            None,
        )
        if col is not None and row is not None and row.cells.get(col.index) is not None:
            return t, row, col
    return None


def _suspect(d: Disclosure, members: list[Finding]) -> tuple[Location, Finding] | None:
    """The cell where a row-total finding and a column-sum finding of one table cross, and the
    finding on its row."""
    for a in members:  # a: on the suspect's row, at a total column
        for b in members:  # b: on a row above it, at the suspect's column
            la, lb = a.location, b.location
            if a is b or not _same_table(la, lb) or not lb.column:
                continue
            if la.section != lb.section or not _above(lb, la):
                continue
            found = _cell(d, la, lb.column)
            if found is not None:
                return cell_location(*found), a
    return None


def _linked(f: Finding, suspect: Location) -> bool:
    """``f`` sums the suspect cell: its column, on its row, a row above it or a total."""
    loc = f.location
    if loc.column != suspect.column or loc.section != suspect.section:
        return False
    same_row = loc.row_code == suspect.row_code and loc.row_item == suspect.row_item
    return same_row or _above(loc, suspect)


def grouped(d: Disclosure, findings: list[Finding]) -> list[Finding]:
    """``findings`` (numbered) with the groups of one suspect cell marked; order and count kept."""
    by_diff: dict[Decimal, list[Finding]] = defaultdict(list)
    for f in findings:
        diff = _difference(f)
        if diff is not None and f.location.table and f.location.column:
            by_diff[diff].append(f)
    update: dict[str, dict[str, object]] = {}
    for members in by_diff.values():
        groups: list[tuple[Location, Finding, list[Finding]]] = []
        left = list(members)
        while len(left) >= 2:  # groups inside one table first: the sums that cross
            hit = _suspect(d, left)
            if hit is None:
                break
            suspect, primary = hit
            rest = [
                f
                for f in left
                if f is not primary
                and _same_table(f.location, suspect)
                and (_linked(f, suspect) or _on_row(f.location, suspect))
            ]
            if not rest:
                break
            groups.append((suspect, primary, rest))
            left = [f for f in left if f is not primary and f not in rest]
        for f in left:  # the same figure compared in another table
            group = next((g for g in groups if _linked(f, g[0])), None)
            if group is not None:
                group[2].append(f)
        for suspect, primary, rest in groups:
            update[str(primary.id)] = _primary(primary, suspect, len(rest))
            for f in rest:
                update[str(f.id)] = _consequence(f, primary, suspect)
    return [f.model_copy(update=update[str(f.id)]) if str(f.id) in update else f for f in findings]


def _on_row(loc: Location, suspect: Location) -> bool:
    return (loc.row_code, loc.row_item, loc.section) == (
        suspect.row_code,
        suspect.row_item,
        suspect.section,
    )


def cell_name(loc: Location) -> str:
    """《title》行“code item”列“column”: a cell as a reader looks for it."""
    row = " ".join(p for p in (loc.row_code, loc.row_item) if p)
    return f"《{loc.table_title}》行“{row}”列“{loc.column}”"


def _primary(f: Finding, suspect: Location, n: int) -> dict[str, object]:
    printed = f"（印为 {suspect.text}）" if suspect.text else ""
    return {
        "suspect": suspect,
        "message": f"{f.message}。疑为{cell_name(suspect)}一格有误{printed}："
        f"它同时解释了另外 {n} 条差额相同的发现",
    }


def _consequence(f: Finding, primary: Finding, suspect: Location) -> dict[str, object]:
    return {
        "caused_by": primary.id,
        "message": f"{f.message}（连带结果：差额与 {primary.id} 相同，"
        f"疑为{cell_name(suspect)}一格所致）",
    }


__all__ = ["cell_name", "grouped", "numbered"]
