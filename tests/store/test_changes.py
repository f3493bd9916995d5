"""Changes as a reader goes through them (issue #14): one per 科目, amounts as printed, Chinese
table titles, filters 已说明 / 未说明 / 新增 / 删除, a removed line never 已说明 — on two real
years of 江苏省政协办公厅 and on generated variants."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from support import DATA
from yusuan.amounts import Unit
from yusuan.api import load, load_package
from yusuan.cli import app
from yusuan.model import (
    Cell,
    Column,
    Disclosure,
    Narrative,
    Paragraph,
    Row,
    Section,
    Table,
    TableId,
)
from yusuan.store.changes import FILTERS, Change, changes, counts
from yusuan.store.diff import diff, unmatched

ZX_2017 = DATA / "jiangsu-2017-zhengxie-dept-budget-tables.pdf"
ZX_2018 = (DATA / "jiangsu-2018-zhengxie-dept-budget.pdf", DATA / "jiangsu-2018-zhengxie-dept-budget-tables.pdf")  # fmt: skip


@cache
def zhengxie() -> list[Change]:
    return changes(diff(load(ZX_2017), load_package(ZX_2018)))


def _one(result: list[Change], code: str, table_id: str) -> Change:
    found = [c for c in result if c.code == code and table_id in c.table_ids]
    assert len(found) == 1, found
    return found[0]


def test_a_reclassified_line_is_removed_and_new_never_explained() -> None:
    """2018 moves 住房公积金 from 30311 (341.75, 2017 公开06表) to 30113 (391.66, 2018 公开06表
    p. 6); the 2018 情况说明 explains the 住房公积金 of 2210201, which is another line."""
    result = zhengxie()
    gone = _one(result, "30311", "fiscal_basic")
    assert (gone.kind, gone.status, gone.mark) == ("removed", None, "删除（B 不再列出）")
    assert (gone.a_printed, gone.b_printed, gone.change_printed) == (
        "341.75 万元",
        "—",
        "-341.75 万元",
    )
    assert not gone.matches("explained") and gone.matches("removed")
    new = _one(result, "30113", "fiscal_basic")
    assert (new.kind, new.a_printed, new.b_printed) == ("new", "—", "391.66 万元")
    assert new.mark.startswith("新增")
    # the 2210201 line B still prints is the one the narrative explains
    kept = _one(result, "2210201", "fiscal_expenditure")
    assert (kept.kind, kept.status) == ("changed", "explained")
    assert kept.evidence is not None and "住房公积金" in kept.evidence
    assert not any(c.kind == "removed" and c.status == "explained" for c in result)


def test_each_subject_once_with_the_tables_that_print_it() -> None:
    result = zhengxie()
    # 2010201 行政运行: 公开05表 and the 一般公共预算 table print the same two amounts
    run = _one(result, "2010201", "fiscal_expenditure")
    assert run.table_ids == ("fiscal_expenditure", "gpb_expenditure")
    assert run.tables == ("财政拨款支出预算表", "一般公共预算支出预算表")
    assert (run.a_printed, run.b_printed, run.change_printed) == (
        "3,233.03 万元",
        "4,432.78 万元",
        "+1,199.75 万元",
    )
    keys = [
        (c.table_ids[0], c.section, c.code, c.item, c.column if not c.code else "") for c in result
    ]
    assert len(keys) == len(set(keys))
    # no table is named by its internal id
    ids = {t.value for t in TableId}
    assert not any(t in ids for c in result for t in c.tables)


def test_filters_count_what_they_show() -> None:
    result = zhengxie()
    n = counts(result)
    assert n == {"explained": 28, "unexplained": 38, "new": 12, "removed": 10, "": 76}
    for key in FILTERS:
        assert sum(c.flagged and c.matches(key) for c in result) == n[key]
    # every flagged change that B prints is explained or not; removed ones are neither
    flagged = [c for c in result if c.flagged]
    assert all(
        c.matches("explained") != c.matches("unexplained") for c in flagged if c.kind != "removed"
    )


def test_diff_cli_on_the_two_years(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from yusuan.check import check
    from yusuan.store.rows import document_rows
    from yusuan.store.write import Store

    db = tmp_path / "zx.duckdb"
    with Store.open(db) as store:
        for d in (load(ZX_2017), load_package(ZX_2018)):
            store.add(document_rows(d, check(d)))
    run = CliRunner().invoke(
        app, ["diff", "政协:2017", "政协:2018", "--db", str(db), "--show", "removed"]
    )
    assert run.exit_code == 0, run.output
    assert "30311" in run.output and "删除（B 不再列出）" in run.output
    assert "已说明原因" not in run.output and "fiscal_basic" not in run.output
    assert "341.75 万元" in run.output
    assert "已说明 28，未说明 38，新增 12，删除 10" in run.output
    bad = CliRunner().invoke(
        app, ["diff", "政协:2017", "政协:2018", "--db", str(db), "--show", "x"]
    )
    assert bad.exit_code == 2 and "--show" in bad.output


# -- generated variants: a table printed in 元 with separators, rows changed, added, removed --

_COLS = (
    Column(index=0, key="科目编码", path=("科目编码",), role="code"),
    Column(index=1, key="科目名称", path=("科目名称",), role="item"),
    Column(index=2, key="合计", path=("合计",), role="amount"),
    Column(index=3, key="基本支出", path=("基本支出",), role="amount"),
    Column(index=4, key="项目支出", path=("项目支出",), role="amount"),
)


def _yuan(v: int) -> str:
    return f"{v:,}.00"


def _doc(year: int, rows: dict[str, tuple[int, int]], narrative: str = "") -> Disclosure:
    table = Table(
        id=TableId.EXPENDITURE,
        title=f"{year}年部门支出预算总表",
        unit=Unit.YUAN,
        columns=_COLS,
        rows=tuple(
            Row(
                index=i,
                code=code,
                item=f"科目{code}",
                label=f"科目{code}",
                cells={
                    2: Cell(text=_yuan(b + p), value=Decimal(b + p)),
                    3: Cell(text=_yuan(b), value=Decimal(b)),
                    4: Cell(text=_yuan(p), value=Decimal(p)),
                },
            )
            for i, (code, (b, p)) in enumerate(sorted(rows.items()))
        ),
    )
    paragraphs = (Paragraph(text=narrative),) if narrative else ()
    return Disclosure(
        kind="预算",
        level="部门",
        department_name="测试局",
        year=year,
        tables=(table,),
        narrative=Narrative(
            sections=(Section(title="情况说明", style="cn", paragraphs=paragraphs),)
        ),
    )


_CODES = [f"20101{n:02d}" for n in range(1, 9)]
_amount = st.integers(min_value=0, max_value=5_000_000)


@settings(max_examples=40, deadline=None)
@given(
    a=st.dictionaries(st.sampled_from(_CODES), st.tuples(_amount, _amount), min_size=1),
    b=st.dictionaries(st.sampled_from(_CODES), st.tuples(_amount, _amount), min_size=1),
)
def test_generated_years_give_one_change_per_row_as_printed(
    a: dict[str, tuple[int, int]], b: dict[str, tuple[int, int]]
) -> None:
    # B's narrative names every row with a reason: a removed row must still not be explained
    said = "；".join(f"科目{code}增加，主要原因是业务调整" for code in _CODES)
    result = changes(diff(_doc(2024, a), _doc(2025, b, said)))
    by_code = {c.code: c for c in result}
    assert len(by_code) == len(result)  # one change per row, whatever columns changed
    for code in set(a) | set(b):
        ra, rb = a.get(code), b.get(code)
        if ra == rb:
            assert code not in by_code
            continue
        c = by_code[code]
        assert c.kind == ("new" if ra is None else "removed" if rb is None else "changed")
        if c.kind == "removed":
            assert (c.status, c.b_printed, c.mark) == (None, "—", "删除（B 不再列出）")
            assert not c.matches("explained")
        elif c.flagged:
            assert c.status == "explained" and c.matches("explained")
        if c.kind == "new":
            assert c.a_printed == "—"
        # amounts as the 元 table prints them, the unit named; the column shown is the 合计
        # when it changed beyond the thresholds, and the other changed columns are named
        pick = {"合计": sum, "基本支出": lambda r: r[0], "项目支出": lambda r: r[1]}[c.column]
        if ra is not None:
            assert c.a_printed == f"{_yuan(pick(ra))} 元"
        if rb is not None:
            assert c.b_printed == f"{_yuan(pick(rb))} 元"
        assert c.change_printed.endswith(" 元") and c.column not in c.others


def test_tables_only_one_side_prints_are_named_not_listed_as_removed() -> None:
    a = _doc(2024, {"2010101": (100_000, 0)})
    other = Table(id=TableId.THREE_PUBLIC, title="2024年“三公”经费支出预算表", columns=_COLS[2:3],
                  rows=(Row(index=0, item="合计", label="合计", cells={2: Cell(text="9", value=Decimal(9))}),))  # fmt: skip
    a = a.model_copy(update={"tables": (*a.tables, other)})
    b = _doc(2025, {"2010101": (100_000, 0)})
    assert diff(a, b) == []
    assert unmatched(a, b) == (["2024年“三公”经费支出预算表"], [])
