"""A two-sided 收支总表 whose 支出 side prints two breakdowns side by side (the Jiangsu layout).

The 支出 side of the reference's 收支总表 is printed as two label/amount pairs: 功能分类
(项目 | 预算数: the 类 rows) and 支出用途 (项目名称 | 预算数: 基本支出, 项目支出), with the
totals' labels spanning both and their amounts under 支出用途, as Jiangsu prints it.  The PDF,
made by the layout harness, must read back as the model: every cell under the column it is
printed in (the 支出用途 amounts under 支出/支出用途/预算数, not folded onto 功能分类), the
same facts, and — the rules reading the side folded, one column per meaning — no finding the
one-pair table does not give, while a wrong total still gives one.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from support import REFERENCE
from support.layouts import Variant, write_variant
from yusuan.api import load
from yusuan.check import check
from yusuan.facts import facts
from yusuan.model import Cell, Column, Disclosure, HeaderNode, Row, Table, TableId

NATURE = (("一、基本支出", "430.58"), ("二、项目支出", "163.00"))
AMOUNT, ITEM = 6, 5  # the 支出用途 pair's leaf columns


def breakdowns(summary: Table, nature_at: int = 0) -> Table:
    """``summary`` with its 支出 side split into 功能分类 and 支出用途 pairs; the 支出用途
    rows start on printed row ``nature_at``, the 支出 totals print under 支出用途."""
    seq, income, spend = summary.header
    fn = HeaderNode(label="功能分类", first=3, last=4, children=spend.children)
    use = HeaderNode(
        label="支出用途",
        first=ITEM,
        last=AMOUNT,
        children=(
            HeaderNode(label="项目名称", first=ITEM, last=ITEM),
            HeaderNode(label="预算数", first=AMOUNT, last=AMOUNT),
        ),
    )
    header = (seq, income, HeaderNode(label="支出", first=3, last=AMOUNT, children=(fn, use)))
    columns = [
        c.model_copy(update={"path": ("支出", "功能分类", c.key)}) if c.section == "支出" else c
        for c in summary.columns
    ]
    columns += [
        Column(
            index=ITEM,
            key="项目名称",
            path=("支出", "支出用途", "项目名称"),
            role="item",
            section="支出",
        ),
        Column(
            index=AMOUNT,
            key="预算数",
            path=("支出", "支出用途", "预算数"),
            role="amount",
            section="支出",
        ),
    ]
    rows: list[Row] = []
    for r in summary.rows:
        if r.section == "支出" and r.depth is None:  # 本年支出合计, 支出总计: under 支出用途
            (cell,) = r.cells.values()
            r = r.model_copy(update={"cells": {AMOUNT: cell}})
        rows.append(r)
        k = r.index - nature_at
        if r.section == "支出" and r.depth == 0 and 0 <= k < len(NATURE):
            label, text = NATURE[k]
            rows.append(
                Row(
                    index=r.index,
                    label=label,
                    item=label[2:],
                    section="支出",
                    cells={AMOUNT: Cell(text=text, value=Decimal(text))},
                )
            )
    return summary.model_copy(
        update={"header": header, "columns": tuple(columns), "rows": tuple(rows)}
    )


def with_summary(d: Disclosure, table: Table) -> Disclosure:
    return d.model_copy(
        update={"tables": tuple(table if t.id == TableId.SUMMARY else t for t in d.tables)}
    )


def read_back(d: Disclosure) -> Disclosure:
    with tempfile.TemporaryDirectory() as tmp:
        return load(write_variant(d, Variant(), Path(tmp) / "breakdowns.pdf"))


def paths(t: Table) -> list[tuple[str, str]]:
    cols = {c.index: "/".join(c.path) for c in t.columns}
    return [(r.item, cols[i]) for r in t.rows for i, c in r.cells.items() if c.text]


def loud(d: Disclosure) -> set[tuple[str, str]]:
    return {(f.code, f.message) for f in check(d).findings if f.severity.value != "info"}


@pytest.fixture(scope="module")
def reference() -> Disclosure:
    return load(REFERENCE)


@pytest.fixture(scope="module")
def one_pair(reference: Disclosure) -> set[tuple[str, str]]:
    """The loud findings on the same tables printed with one label/amount pair per side."""
    return loud(read_back(reference))


@pytest.mark.parametrize("nature_at", [0, 5])
def test_each_breakdown_keeps_its_column(
    reference: Disclosure, one_pair: set[tuple[str, str]], nature_at: int
) -> None:
    summary = reference.table(TableId.SUMMARY)
    assert summary is not None
    model = with_summary(reference, breakdowns(summary, nature_at))
    back = read_back(model)
    table = back.table(TableId.SUMMARY)
    assert table is not None
    got = paths(table)
    assert ("基本支出", "支出/支出用途/预算数") in got and (
        "项目支出",
        "支出/支出用途/预算数",
    ) in got
    assert ("一般公共服务支出", "支出/功能分类/预算数") in got
    assert ("本年支出合计", "支出/支出用途/预算数") in got and (
        "支出总计",
        "支出/支出用途/预算数",
    ) in got
    assert got == paths(model.table(TableId.SUMMARY))  # type: ignore[arg-type]
    summary_facts = [f for f in facts(model) if f.table == "summary"]
    assert [f for f in facts(back) if f.table == "summary"] == summary_facts
    # the rules read the side folded: nothing new against the one-pair table
    assert loud(back) == one_pair


def test_a_wrong_total_under_the_second_breakdown_is_caught(
    reference: Disclosure, one_pair: set[tuple[str, str]]
) -> None:
    summary = reference.table(TableId.SUMMARY)
    assert summary is not None
    table = breakdowns(summary)
    rows = tuple(
        r.model_copy(update={"cells": {AMOUNT: Cell(text="594.58", value=Decimal("594.58"))}})
        if r.item == "本年支出合计"
        else r
        for r in table.rows
    )
    bad = read_back(with_summary(reference, table.model_copy(update={"rows": rows})))
    new = [f for f in check(bad).findings if (f.code, f.message) not in one_pair]
    assert any(f.code == "YS104" and f.location.row_item == "本年支出合计" for f in new), [
        (f.code, f.message) for f in new
    ]
