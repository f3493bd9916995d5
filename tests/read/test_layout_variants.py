"""The layout-variation harness: the reference printed in many PDF layouts reads back the same.

Hypothesis chooses the variations of :mod:`support.layouts` (numbering styles, year
and department words, wrapped titles and unit lines, lines between title and grid,
元 or 万元, 类/款/项 in split columns, fake bold, page breaks at any row position with
or without a repeated header or 续表, the header alone at a page foot).  For every
variant the tables come back with their ids and unit, and the facts of the PDF are
the model's facts, value for value.  ``bench/layout_variants.py`` runs more examples.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from support import REFERENCE
from support.layouts import BETWEEN, NUMBERINGS, TABLES, Variant, layout, write_variant
from yusuan.api import load
from yusuan.facts import facts
from yusuan.model import Disclosure, TableId

TALLY: Counter[str] = Counter()


@pytest.fixture(scope="module")
def model() -> Disclosure:
    return load(REFERENCE)


def variants(d: Disclosure) -> st.SearchStrategy[Variant]:
    """Variants of the reference: each table may break before any of its body rows."""
    lengths = [len(layout(t, Variant()).body) for tid in TABLES if (t := d.table(tid))]
    breaks = st.tuples(*(st.none() | st.integers(0, max(0, n - 1)) for n in lengths))
    return st.builds(
        Variant,
        numbering=st.sampled_from(NUMBERINGS),
        prefix=st.booleans(),
        wrap_title=st.booleans(),
        between=st.sampled_from(BETWEEN),
        wrap_unit=st.booleans(),
        yuan=st.booleans(),
        split_codes=st.booleans(),
        bold=st.booleans(),
        breaks=breaks,
        repeat_header=st.booleans(),
        continued=st.booleans(),
    )


def check_variant(d: Disclosure, v: Variant, expected: Disclosure | None = None) -> Disclosure:
    """The PDF of ``v`` reads back as ``d`` (or ``expected``): ids, unit, facts."""
    with tempfile.TemporaryDirectory() as tmp:
        back = load(write_variant(d, v, Path(tmp) / "variant.pdf"))
    want = expected or d
    assert [t.id for t in back.tables] == list(v.tables), v
    unit = "元" if v.yuan else "万元"
    assert {t.unit.value if t.unit else None for t in back.tables} == {unit}, v
    wanted = {tid.value for tid in v.tables}
    assert facts(back) == [f for f in facts(want) if f.table in wanted], v
    assert not back.unrecognized(), v
    TALLY.update(v.kinds())
    return back


@pytest.mark.parametrize(
    "variant",
    [
        Variant(),
        Variant(numbering="公开07表", between="dept-unit", prefix=True),
        Variant(numbering="own-line", between="number-unit", wrap_title=True),
        Variant(yuan=True, wrap_unit=True, split_codes=True, bold=True),
        Variant(breaks=(0,) * len(TABLES)),  # every header alone at a page foot
        Variant(breaks=(1,) * len(TABLES), repeat_header=False),
        Variant(breaks=(2,) * len(TABLES), continued=True),
    ],
    ids=lambda v: "+".join(v.kinds()[:4]),
)
def test_each_kind_on_its_own(model: Disclosure, variant: Variant) -> None:
    check_variant(model, variant)


def test_hypothesis_variants(model: Disclosure) -> None:
    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: a failing variant is shown as is
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(variants(model))
    def run(v: Variant) -> None:
        check_variant(model, v)

    run()
    assert TALLY["header-alone-at-foot"] + TALLY["break-repeat-header"] > 0


def test_the_harness_can_fail(model: Disclosure) -> None:
    """A read-back that differs by one amount is caught (the harness is no tautology)."""
    summary = model.table(TableId.SUMMARY)
    assert summary is not None
    row = next(r for r in summary.rows if any(c.value for c in r.cells.values()))
    k, cell = next((k, c) for k, c in row.cells.items() if c.value)
    changed = row.model_copy(
        update={"cells": {**row.cells, k: cell.model_copy(update={"value": cell.value + 1})}}
    )
    table = summary.model_copy(
        update={"rows": tuple(changed if r is row else r for r in summary.rows)}
    )
    other = model.model_copy(
        update={"tables": tuple(table if t is summary else t for t in model.tables)}
    )
    with pytest.raises(AssertionError):
        check_variant(model, Variant(tables=(TableId.SUMMARY,)), expected=other)


#: tables whose content alone names them: income columns, 事业收入 on a two-sided
#: table, the 三公 items
BY_CONTENT = (TableId.SUMMARY, TableId.REVENUE, TableId.THREE_PUBLIC)
#: tables whose content leaves a few ids: told apart by the 目录 (elimination)
BY_ELIMINATION = (TableId.EXPENDITURE, TableId.GPB_BASIC)


@pytest.mark.parametrize("tid", BY_CONTENT)
def test_untitled_table_recognized_by_content(model: Disclosure, tid: TableId) -> None:
    back = check_variant(model, Variant(untitled=(tid,)))
    (table,) = back.tables_of(tid)
    assert table.recognized_by == "content" and table.title == ""


@pytest.mark.parametrize("tid", BY_ELIMINATION)
def test_untitled_table_named_by_the_toc(model: Disclosure, tid: TableId) -> None:
    back = check_variant(model, Variant(untitled=(tid,), toc=True, numbering="一、"))
    (table,) = back.tables_of(tid)
    assert table.recognized_by == "content"
    assert {e.id for e in back.ledger if e.listed} == set(TABLES)


def test_titled_tables_are_recognized_by_both(model: Disclosure) -> None:
    back = check_variant(model, Variant(numbering="公开07表", prefix=True))
    by = {t.id: t.recognized_by for t in back.tables}
    assert by[TableId.REVENUE] == by[TableId.GPB_BASIC] == by[TableId.SUMMARY] == "both"
    assert by[TableId.GOV_FUND] == "title"  # an empty table: its content says nothing
