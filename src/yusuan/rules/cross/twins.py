"""Rows matched across tables by 科目编码: the valid codes of a table, and a row whose printed
code is malformed (YS206) under the code it stands for, so no cross-table rule counts its
printed amount 0."""

from __future__ import annotations

from yusuan.model import Row, Table
from yusuan.regex import lazy
from yusuan.rules.context import CheckContext, norm


def valid_codes(table: Table) -> dict[str, Row]:
    """Rows by code whose code is all digits (a malformed code is YS206's finding, not a 科目
    to match by itself)."""
    return {c: r for c, r in CheckContext.coded_rows(table).items() if c.isdigit()}


_DIGIT = lazy(r"\d")


def meant_code(table: Table, i: int) -> str | None:
    """The 功能分类 code row ``i`` stands for when its printed code is malformed (YS206).

    A misprinted 类 cell (“7-11-02” under 210 / 21011, a letter for a digit) keeps the lower
    code parts: the row is read as its nearest shorter valid code above it plus its own last
    two digits when its digits end with that code's lower parts and those two digits
    (21011 → 2101102); otherwise None (nothing to match it by)."""
    row = table.rows[i]
    code = row.code or ""
    if not code or code.isdigit():  # (nearly every row: no digits to gather)
        return None
    digits = "".join(_DIGIT.findall(code))
    if code.isdigit() or len(digits) < 2:
        return None
    parent = next(
        (
            p.code
            for p in reversed(table.rows[:i])
            if p.code and p.code.isdigit() and len(p.code) in (3, 5) and p.section == row.section
        ),
        None,
    )
    if parent is None or not digits.endswith(parent[3:] + digits[-2:]):
        return None
    return parent + digits[-2:]


def coded_with_twins(table: Table, names: dict[str, str] | None = None) -> dict[str, Row]:
    """Rows by valid code, and each row whose printed code is malformed under the code it
    stands for (:func:`meant_code`) when no row prints that code — and, given ``names`` (the
    other table's items by code), only when the other table names that code as this row does.

    So a cross-table rule compares the printed amount of a row whose 类 cell is misprinted
    instead of counting it 0 (the code itself is YS206's finding)."""
    rows = valid_codes(table)
    for i, r in enumerate(table.rows):
        meant = meant_code(table, i)
        if meant is None or meant in rows:
            continue
        if names is not None and norm(names.get(meant, "")) != norm(r.item):
            continue
        rows[meant] = r
    return rows
