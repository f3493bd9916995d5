"""Property: any model goes through the store and comes back unchanged."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.amounts import Unit, plain
from yusuan.check import DocumentInfo, Report
from yusuan.facts import facts
from yusuan.model import (
    Cell,
    Column,
    Disclosure,
    HeaderNode,
    Narrative,
    Paragraph,
    Row,
    Section,
    Source,
    SourceFile,
    StatedAmount,
    Table,
    TableId,
)
from yusuan.store.rows import document_rows
from yusuan.store.write import Store

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
small = st.integers(min_value=0, max_value=5000)
money = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False)
sources = st.builds(
    Source,
    line=st.none() | small,
    page=st.none() | st.integers(1, 400),
    sheet=st.none() | text,
    bbox=st.none() | st.tuples(*[st.floats(0, 2000, allow_nan=False, allow_infinity=False)] * 4),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    n_cols = draw(st.integers(1, 4))
    roles = ["item", *["amount"] * (n_cols - 1)]
    columns = tuple(
        Column(index=i, key=draw(text), path=(draw(text),), role=roles[i])  # type: ignore[arg-type]
        for i in range(n_cols)
    )
    rows = tuple(
        Row(
            index=r,
            code=draw(st.none() | st.sampled_from(["201", "20101", "2010101", "301"])),
            label=draw(text),
            item=draw(text),
            depth=draw(st.none() | st.integers(0, 2)),
            section=draw(st.none() | st.sampled_from(["收入", "支出"])),
            cells={
                i: Cell(text=draw(text), value=draw(st.none() | money), source=draw(sources))
                for i in range(1, n_cols)
                if draw(st.booleans())
            },
            source=draw(sources),
        )
        for r in range(draw(st.integers(0, 4)))
    )
    return Table(
        id=draw(st.sampled_from(list(TableId))),
        title=draw(text),
        unit=draw(st.none() | st.sampled_from(list(Unit))),
        header=(HeaderNode(label=draw(text), first=0, last=n_cols - 1),),
        columns=columns,
        rows=rows,
        notes=tuple(draw(st.lists(text, max_size=2))),
        source=draw(sources),
    )


stated = st.builds(
    StatedAmount,
    subject=text,
    phrase=text,
    value=money,
    unit=st.sampled_from(["万元", "元", "%"]),
    kind=st.sampled_from(["amount", "change", "percent"]),
    direction=st.none() | st.sampled_from(["增加", "减少"]),
    text=text,
    sentence=text,
    section=st.tuples(text),
    source=sources,
)
sections = st.builds(
    Section,
    title=text,
    style=st.sampled_from(["part", "cn", "paren"]),
    paragraphs=st.lists(st.builds(Paragraph, text=text, source=sources), max_size=2).map(tuple),
)
disclosures = st.builds(
    Disclosure,
    kind=st.none() | st.sampled_from(["预算", "决算"]),
    level=st.none() | st.sampled_from(["部门", "单位"]),
    department_code=st.none() | st.from_regex(r"[0-9]{3,6}", fullmatch=True),
    department_name=st.none() | text,
    year=st.none() | st.integers(2000, 2100),
    unit=st.none() | st.sampled_from(list(Unit)),
    source=st.none()
    | st.builds(
        SourceFile,
        path=text,
        sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
        format=st.sampled_from(["text", "docx", "xlsx", "pdf"]),
        size=small,
    ),
    tables=st.lists(tables(), max_size=3).map(tuple),
    narrative=st.builds(
        Narrative,
        sections=st.lists(sections, max_size=2).map(tuple),
        stated=st.lists(stated, max_size=3).map(tuple),
    ),
    diagnostics=st.lists(text, max_size=2).map(tuple),
)

EMPTY = Report(document=DocumentInfo(), findings=(), coverage=())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disclosures)
def test_models_round_trip_through_the_store_unchanged(d: Disclosure) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "s.duckdb") as store:
            rows = document_rows(d, EMPTY)
            assert store.add(rows)
            assert store.load(rows.sha256) == d
            stored = store.con.execute(
                "SELECT table_key, coalesce(section, ''), coalesce(code, ''), item, column_key, "
                "value_text, value FROM facts ORDER BY table_no, row_no, column_index"
            ).fetchall()
    expected = [(f.table, f.section, f.code, f.item, f.column, f.value) for f in facts(d)]
    assert [r[:6] for r in stored] == expected
    # the DECIMAL column is the exact value rounded to 6 places
    assert [r[6] for r in stored] == [Decimal(r[5]).quantize(Decimal("0.000001")) for r in stored]
    assert all(plain(Decimal(r[5])) == r[5] for r in stored)
