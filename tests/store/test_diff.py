"""``diff``: line changes, thresholds, explanations in B's narrative; 部门 = Σ 单位."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support import DATA
from support.corpus import WANLI_2024, WANLI_2025, variant
from yusuan.api import load
from yusuan.check import check
from yusuan.cli import app
from yusuan.model import Cell, Column, Disclosure, Row, Table, TableId
from yusuan.store.consolidate import consolidate, unit_documents
from yusuan.store.diff import DiffLine, Threshold, diff, summary
from yusuan.store.rows import document_rows
from yusuan.store.write import Store

NOTE = "人大会议经费增加15万元，主要原因是召开换届选举会议。"


def _load(tmp_path: Path, name: str, text: str) -> Disclosure:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


def _line(result: list[DiffLine], table: str, code: str, column: str = "合计") -> DiffLine:
    return next(d for d in result if d.table == table and d.code == code and d.column == column)


def test_a_document_against_itself_has_no_changes(reference: Disclosure) -> None:
    assert diff(reference, reference) == []


def test_unexplained_change_is_flagged_in_every_table_that_prints_it(tmp_path: Path) -> None:
    a = _load(tmp_path, "a.txt", variant(year=2023))
    b = _load(tmp_path, "b.txt", variant(year=2024, meeting="40.00"))
    result = diff(a, b)
    assert {(d.table, d.code, d.column) for d in result} == {
        ("revenue", "2010104", "合计"),
        ("revenue", "2010104", "小计"),
        ("revenue", "2010104", "财政拨款收入"),
        ("expenditure", "2010104", "合计"),
        ("expenditure", "2010104", "项目支出"),
        ("gpb_expenditure", "2010104", "合计"),
        ("gpb_expenditure", "2010104", "项目支出"),
    }
    line = _line(result, "expenditure", "2010104")
    assert (line.item, line.a, line.b, line.change, line.pct) == (
        "人大会议",
        Decimal("25.00"),
        Decimal("40.00"),
        Decimal("15.00"),
        Decimal("60.00"),
    )
    assert line.flagged and line.status == "unexplained" and line.evidence is None
    assert summary(result) == {
        "changed": 7,
        "flagged": 7,
        "explained": 0,
        "mentioned": 0,
        "unexplained": 7,
    }


def test_a_reason_in_the_narrative_of_b_explains_the_change(tmp_path: Path) -> None:
    a = _load(tmp_path, "a.txt", variant(year=2023))
    b = _load(tmp_path, "b.txt", variant(year=2024, meeting="40.00", note=NOTE))
    line = _line(diff(a, b), "expenditure", "2010104")
    assert line.status == "explained"
    assert line.evidence is not None and "换届选举" in line.evidence


def test_a_reason_in_the_narrative_of_a_does_not_count(tmp_path: Path) -> None:
    a = _load(tmp_path, "a.txt", variant(year=2023, note=NOTE))
    b = _load(tmp_path, "b.txt", variant(year=2024, meeting="40.00"))
    assert _line(diff(a, b), "expenditure", "2010104").status == "unexplained"


@pytest.mark.parametrize(
    ("meeting", "flagged"),
    [("27.00", False), ("29.99", False), ("30.00", True), ("20.00", True), ("21.00", False)],
)
def test_both_thresholds_must_be_reached(tmp_path: Path, meeting: str, flagged: bool) -> None:
    # 25 → 27: +2 万元, 8 %; → 29.99: 4.99 万元; → 30: 5 万元 and 20 %; → 20: −5 and −20 %
    a = _load(tmp_path, "a.txt", variant())
    b = _load(tmp_path, "b.txt", variant(year=2024, meeting=meeting))
    line = _line(diff(a, b), "expenditure", "2010104")
    assert line.flagged is flagged
    assert (line.status is None) is not flagged


def test_thresholds_are_settable(tmp_path: Path) -> None:
    a = _load(tmp_path, "a.txt", variant())
    b = _load(tmp_path, "b.txt", variant(year=2024, meeting="27.00"))
    line = _line(diff(a, b, Threshold(pct=Decimal(5), wan=Decimal(1))), "expenditure", "2010104")
    assert line.flagged


def test_table_filter(tmp_path: Path) -> None:
    a = _load(tmp_path, "a.txt", variant())
    b = _load(tmp_path, "b.txt", variant(year=2024, meeting="40.00"))
    assert {d.table for d in diff(a, b, tables={"expenditure"})} == {"expenditure"}


def _wanli() -> tuple[Disclosure, Disclosure]:
    return load(WANLI_2024), load(WANLI_2025)


def test_wanli_2024_against_2025_lists_changes_and_which_lack_a_reason() -> None:
    a, b = _wanli()
    result = diff(a, b)
    # 专项普查活动: 25.77 → 43.83 万元; the 2025 narrative states the amount, no reason
    census = _line(result, "expenditure", "2010507")
    assert (census.a, census.b, census.change, census.pct) == (
        Decimal("25.77"),
        Decimal("43.83"),
        Decimal("18.06"),
        Decimal("70.08"),
    )
    assert census.flagged and census.status == "mentioned"
    assert census.evidence is not None and "专项普查活动" in census.evidence
    # 公益性岗位补贴: 421.23 → 58.28 万元, also without a reason
    jobs = _line(result, "expenditure", "2080705")
    assert (jobs.a, jobs.b, jobs.flagged, jobs.status) == (
        Decimal("421.23"),
        Decimal("58.28"),
        True,
        "mentioned",
    )
    # 公务用车购置费 25 → 15 万元: “主要原因是购置车辆类型不同”
    purchase = next(d for d in result if d.table == "three_public" and d.column == "购置费")
    assert (purchase.a, purchase.b, purchase.status) == (Decimal("25"), Decimal("15"), "explained")
    assert purchase.evidence is not None and "车辆类型不同" in purchase.evidence
    # 机关运行经费 443.18 → 464.64: +4.8 %, below the threshold
    admin = next(
        d for d in result if d.table == "three_public" and d.column == "机关运行经费预算数"
    )
    assert (admin.a, admin.b, admin.flagged) == (Decimal("443.18"), Decimal("464.64"), False)
    counts = summary(result)
    assert counts == {
        "changed": 373,
        "flagged": 151,
        "explained": 7,
        "mentioned": 129,
        "unexplained": 15,
    }


def test_wanli_diff_from_the_cli_with_stored_documents(tmp_path: Path) -> None:
    a, b = _wanli()
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        for d in (a, b):
            store.add(document_rows(d, check(d)))
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "diff",
            "万里街道:2024",
            "万里街道:2025",
            "--db",
            str(db),
            "--table",
            "expenditure",
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "table,table_id,also_in,code,item,column,other_columns,a,b,change,pct,a_wan,b_wan,"
        "change_wan,kind,flagged,status,mark,evidence"
    )
    # one row per 科目 (its 合计, the 项目支出 column that changed with it named), the table by
    # its printed title, the amounts as the 元 table prints them
    census = [line for line in lines if ",2010507," in line]
    assert len(census) == 1
    assert census[0].startswith(
        '2025年部门支出预算总表,expenditure,,2010507,专项普查活动,合计,项目支出,"257,700 元",'
        '"438,300 元","\'+180,600 元",70.08,25.77,43.83,18.06,changed,true,mentioned,'
    )
    text = runner.invoke(app, ["diff", str(WANLI_2024), str(WANLI_2025), "--table", "three_public"])
    assert text.exit_code == 0
    assert "已说明原因" in text.output and "超过阈值" in text.output


def _table(*rows: tuple[str, str, str]) -> Table:
    """An 支出总表 of (code, item, 合计) rows in 万元."""
    return Table(
        id=TableId.EXPENDITURE,
        title="支出总表",
        columns=(
            Column(index=0, key="科目编码", path=("科目编码",), role="code"),
            Column(index=1, key="科目名称", path=("科目名称",), role="item"),
            Column(index=2, key="合计", path=("合计",), role="amount"),
        ),
        rows=tuple(
            Row(index=i, code=c, item=n, label=n, cells={2: Cell(text=v, value=Decimal(v))})
            for i, (c, n, v) in enumerate(rows)
        ),
    )


def _package(level: str, code: str, name: str, rows: list[tuple[str, str, str]]) -> Disclosure:
    return Disclosure(
        kind="预算",
        level=level,  # type: ignore[arg-type]
        department_code=code,
        department_name=name,
        year=2025,
        tables=(_table(*rows),),
    )


def test_department_equals_the_sum_of_its_units(tmp_path: Path) -> None:
    dept = _package(
        "部门",
        "305",
        "测试县民政局",
        [
            ("208", "社会保障和就业支出", "100.00"),
            ("20805", "养老", "60.01"),
            ("20808", "抚恤", "10.00"),
        ],
    )
    u1 = _package(
        "单位",
        "305001",
        "测试县民政局（本级）",
        [
            ("208", "社会保障和就业支出", "70.00"),
            ("20805", "养老", "40.00"),
            ("20808", "抚恤", "4.00"),
        ],
    )
    u2 = _package(
        "单位",
        "305002",
        "测试县救助站",
        [
            ("208", "社会保障和就业支出", "30.00"),
            ("20805", "养老", "20.00"),
            ("20808", "抚恤", "5.00"),
        ],
    )
    other = _package("单位", "306001", "测试县文旅局", [("208", "社会保障和就业支出", "5.00")])
    result = {d.code: d for d in consolidate(dept, [u1, u2])}
    assert (result["208"].a, result["208"].b, result["208"].flagged) == (
        Decimal("100.00"),
        Decimal("100.00"),
        False,
    )
    # 0.01 is within the rounding of three figures printed to 0.01 (3 × 0.005)
    assert (result["20805"].change, result["20805"].flagged) == (Decimal("-0.01"), False)
    assert (result["20808"].change, result["20808"].flagged, result["20808"].status) == (
        Decimal("-1.00"),
        True,
        "mismatch",
    )
    with Store.open(tmp_path / "s.duckdb") as store:
        for d in (dept, u1, u2, other):
            store.add(document_rows(d, check(d)))
        dept_key = store.resolve("305:2025:部门")
        units = unit_documents(store, dept_key)
        assert sorted(store.load(u).department_code or "" for u in units) == ["305001", "305002"]
    runner = CliRunner()
    out = runner.invoke(
        app, ["diff", "305:2025:部门", "--units", "--db", str(tmp_path / "s.duckdb")]
    )
    assert out.exit_code == 0, out.output
    assert "单位（2）" in out.output and "20808" in out.output and "不等" in out.output


def test_diff_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["diff", str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt")])
    assert missing.exit_code == 2
    assert "--db" in missing.output
    one = runner.invoke(app, ["diff", str(DATA / "pingxiang-renda-2023.txt")])
    assert one.exit_code == 2 and "B" in one.output
