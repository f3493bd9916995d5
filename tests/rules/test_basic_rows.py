"""YS311/YS312 on a 基本支出表 that prints 人员经费 and 公用经费 as rows (issue #19).

The Shanghai 决算 prints its 基本支出决算表 in two blocks side by side — 人员经费 (301, 303)
and 公用经费 (302, 310) — each closed by a “人员经费合计” / “公用经费合计” row, with no
人员经费/公用经费 columns and no 合计 row.  The variant here is generated from the reference:
its 基本支出表 loses the two columns and its 合计 row and gains the two 合计 rows (their
values the sums of the classes, as printed); the real document is covered by
``tests/rules/test_mutation_models.py`` (区财政局 2024 决算).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from support.rules import REF_TEXT, parse
from yusuan.check import check
from yusuan.model import Cell, Disclosure, Row, TableId
from yusuan.rules.base import Finding, Severity

LOUD = (Severity.ERROR, Severity.WARNING)
PARTS = {"人员经费合计": ("301", "303"), "公用经费合计": ("302", "310", "307", "399")}


def as_rows(d: Disclosure, bump: dict[str, str] | None = None) -> Disclosure:
    """``d`` with its 基本支出表 in the 决算 layout; ``bump`` adds to a 合计 row's printed value."""
    gb = d.table(TableId.GPB_BASIC)
    assert gb is not None
    total = next(c for c in gb.columns if c.key == "合计")
    keep = tuple(c for c in gb.columns if c.key not in ("人员经费", "公用经费"))
    kept = {c.index for c in keep}
    rows = [
        r.model_copy(update={"cells": {i: c for i, c in r.cells.items() if i in kept}})
        for r in gb.rows
        if r.code is not None
    ]
    for item, codes in PARTS.items():
        value = sum(
            (r.value(total.index) or Decimal(0) for r in rows if r.code in codes), Decimal(0)
        ) + Decimal((bump or {}).get(item, "0"))
        cell = Cell(text=f"{value:.2f}", value=value)
        rows.append(
            Row(index=len(rows), label=item, item=item, depth=None, cells={total.index: cell})
        )
    table = gb.model_copy(update={"columns": keep, "rows": tuple(rows)})
    return d.model_copy(update={"tables": tuple(table if t is gb else t for t in d.tables)})


def run(d: Disclosure, code: str) -> tuple[str, list[Finding]]:
    report = check(d, select=[code])
    status = next(c.status for c in report.coverage if c.code == code)
    return status, [f for f in report.findings if f.code == code]


@pytest.mark.parametrize("code", ["YS311", "YS312"])
def test_rows_are_read_and_agree(code: str) -> None:
    status, found = run(as_rows(parse(REF_TEXT)), code)
    assert status == "ran"
    assert found == []


@pytest.mark.parametrize(
    ("code", "row"),
    [
        ("YS311", "人员经费合计"),
        ("YS311", "公用经费合计"),
        ("YS312", "人员经费合计"),
        ("YS312", "公用经费合计"),
    ],
)
def test_a_wrong_total_row_is_found_at_its_row(code: str, row: str) -> None:
    _, found = run(as_rows(parse(REF_TEXT), {row: "1"}), code)
    loud = [f for f in found if f.severity in LOUD]
    assert len(loud) == 1
    loc = loud[0].location
    # YS311 reports the sum of the two rows at the first; YS312 each row against its classes
    at = "人员经费合计" if code == "YS311" else row
    assert (loc.table, loc.row_item, loc.column) == ("gpb_basic", at, "合计")
    assert loud[0].difference == "1"


@pytest.mark.parametrize("code", ["YS311", "YS312"])
def test_a_difference_within_rounding_is_an_info(code: str) -> None:
    """0.01 on a figure printed to two places: within the rounding of the figures summed."""
    _, found = run(as_rows(parse(REF_TEXT), {"人员经费合计": "0.01"}), code)
    assert [f.severity for f in found] == [Severity.INFO]


def test_without_the_rows_the_split_is_not_applicable() -> None:
    """No columns and no 合计 rows: the split is derived from the classes (not applicable)."""
    d = as_rows(parse(REF_TEXT))
    gb = d.table(TableId.GPB_BASIC)
    assert gb is not None
    bare = gb.model_copy(update={"rows": tuple(r for r in gb.rows if r.code is not None)})
    d = d.model_copy(update={"tables": tuple(bare if t is gb else t for t in d.tables)})
    assert run(d, "YS311")[0] == run(d, "YS312")[0] == "not_applicable"
