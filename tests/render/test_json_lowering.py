"""The JSON model printed back for reading keeps a table's two label columns (issue #19).

Jiangsu's 收入预算总表 prints its items in two columns under one 项目名称 header: the group
(一般公共预算资金, merged down its rows) and, right of it, the group's items.  The reader
takes both into the row labels (the sub-items one level below their group) and the model
keeps no column for the second; printed back (``render/lowered.py``) each sub-item goes
into that column again, its group label merged down beside it, so that the JSON model reads
to the same rows — and the rules that read the layout (YS301/YS304) run on it as on the PDF.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import DATA
from yusuan.amounts import Unit
from yusuan.api import load
from yusuan.check import check
from yusuan.model import Cell, Column, Disclosure, HeaderNode, Row, Table, TableId

GROUPS = {
    "一般公共预算资金": ["公共财政拨款(补助)资金", "专项收入"],
    "政府性基金": [],
    "财政专户管理资金": ["专户管理教育收费", "其他非税收入"],
    "其他资金": ["事业收入", "经营收入", "其他收入", "债务资金(银行贷款)"],
    "上年结转和结余资金": [],
}


def via_json(d: Disclosure) -> Disclosure:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.json"
        path.write_text(d.model_dump_json(), encoding="utf-8")
        return load(path)


def rows_of(t: Table) -> list[tuple[str, int | None, list[Decimal | None]]]:
    return [(r.item, r.depth, [c.value for c in r.cells.values()]) for r in t.rows]


def _cell(value: Decimal | None) -> Cell:
    return Cell(text="") if value is None else Cell(text=f"{value:,.2f}", value=value)


def revenue(groups: list[tuple[str, list[str]]], values: list[Decimal]) -> Disclosure:
    """A 收入预算总表 with a group column and a sub-label column (the model's form of it)."""
    amounts = iter(values)
    rows = [("收入总计", None)]
    for group, items in groups:
        rows += [(group, 0), *((item, 1) for item in items)]
    table = Table(
        id=TableId.REVENUE,
        title="公开02表：收入预算总表",
        unit=Unit.WAN,
        header=(
            HeaderNode(label="项目名称", first=0, last=0),
            HeaderNode(label="", first=1, last=1),
            HeaderNode(label="金额", first=2, last=2),
        ),
        columns=(
            Column(index=0, key="项目名称", path=("项目名称",), role="item"),
            Column(index=2, key="金额", path=("金额",), role="amount"),
        ),
        rows=tuple(
            Row(
                index=i,
                label=item,
                item=item,
                depth=depth,
                cells={2: _cell(next(amounts))},
            )
            for i, (item, depth) in enumerate(rows)
        ),
    )
    return Disclosure(tables=(table,))


def _items(names: list[str]) -> st.SearchStrategy[tuple[tuple[str, list[str]], ...]]:
    return st.tuples(
        *(
            st.lists(st.sampled_from(GROUPS[n]), unique=True, max_size=3).map(
                lambda items, n=n: (n, items)
            )
            if GROUPS[n]
            else st.just((n, list[str]()))
            for n in names
        )
    )


#: groups in any order, each with some of its sub-items, at least one sub-item in all
LAYOUTS = (
    st.lists(st.sampled_from(sorted(GROUPS)), min_size=1, max_size=5, unique=True)
    .flatmap(_items)
    .filter(lambda groups: any(items for _, items in groups))
)
AMOUNTS = st.lists(
    st.one_of(st.none(), st.decimals(min_value=0, max_value=99999, places=2)),
    min_size=20,
    max_size=20,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.tuples(LAYOUTS, AMOUNTS))
def test_two_label_columns_survive_the_json_round_trip(
    case: tuple[tuple[tuple[str, list[str]], ...], list[Decimal]],
) -> None:
    """Any groups and sub-items (at least one: a sub-label column is read only where a row's
    group cell is merged from above), any amounts, blank or not."""
    groups, values = case
    d = revenue(list(groups), list(values))
    again = via_json(d).table(TableId.REVENUE)
    assert again is not None
    assert rows_of(again) == rows_of(d.tables[0])
    assert [c.key for c in again.columns] == ["项目名称", "金额"]


def test_the_jiangsu_revenue_table_reads_back_the_same() -> None:
    pdf = load(DATA / "jiangsu-2018-jianchayuan-dept-budget.pdf")
    json = via_json(pdf)
    table, again = pdf.table(TableId.REVENUE), json.table(TableId.REVENUE)
    assert table is not None and again is not None
    assert rows_of(again) == rows_of(table)
    assert [r.item for r in again.rows if r.depth == 1][:2] == [
        "公共财政拨款(补助)资金",
        "专项收入",
    ]
    # the rules that read the layout run on the JSON model as on the PDF
    for d in (pdf, json):
        report = check(d, select=["YS301", "YS304"])
        assert [c.status for c in report.coverage] == ["ran", "ran"]
