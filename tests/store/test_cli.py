"""The store verbs from the command line: ingest, query, export, compare."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest
from typer.testing import CliRunner

from support.corpus import REFERENCE, variant
from yusuan.cli import app
from yusuan.store.query import RELATIONS
from yusuan.store.write import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three departments of 2024 (人大会议 25 / 40 / 10 万元; 人员经费 405.07 / 380 / 420)
    and the 2023 reference."""
    root = tmp_path_factory.mktemp("store")
    folder = root / "in"
    folder.mkdir()
    shutil.copy(REFERENCE, folder / "ref.txt")
    for code, name, meeting, personnel in (
        ("201", "甲局", "25.00", "405.07"),
        ("202", "乙局", "40.00", "380.00"),
        ("203", "丙局", "10.00", "420.00"),
    ):
        text = variant(code, name, 2024, meeting=meeting, personnel=personnel)
        (folder / f"{code}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    path = root / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(path), "-j", "0"])
    assert result.exit_code == 1, result.output  # one file failed, recorded
    assert result.output.startswith("共 5 个文件：入库 4，已存在跳过 0，失败 1；")
    return path


def test_ingest_prints_no_progress_bar_off_a_terminal_and_reruns(db: Path) -> None:
    folder = db.parent / "in"
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-j", "0", "-v"])
    assert again.exit_code == 1
    lines = again.output.splitlines()
    assert sum(line.startswith("跳过 skipped") for line in lines) == 4
    assert sum(line.startswith("失败 failed") for line in lines) == 1
    assert lines[-1].startswith("共 5 个文件：入库 0，已存在跳过 4，失败 1；")
    assert "━" not in again.output


def test_ingest_of_a_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.duckdb")]
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "不存在" in result.output


def test_query_formats(db: Path) -> None:
    sql = "SELECT department_code, year, total FROM three_public_by_department ORDER BY department_code"
    out = runner.invoke(app, ["query", "--db", str(db), sql, "-f", "csv"])
    assert out.exit_code == 0
    assert out.output.splitlines() == [
        "department_code,year,total",
        "101,2023,8.3",
        "201,2024,8.3",
        "202,2024,8.3",
        "203,2024,8.3",
    ]
    js = runner.invoke(app, ["query", "--db", str(db), sql, "-f", "json"])
    assert json.loads(js.output)[0] == {"department_code": "101", "year": 2023, "total": "8.3"}
    table = runner.invoke(app, ["query", "--db", str(db), sql])
    assert "department_code" in table.output and "203" in table.output


def test_query_errors_are_one_line_and_exit_2(db: Path, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["query", "--db", str(db), "SELEC nonsense"])
    assert bad.exit_code == 2 and bad.output.startswith("错误 / error: SQL 执行失败")
    write = runner.invoke(app, ["query", "--db", str(db), "DELETE FROM documents"])
    assert write.exit_code == 2  # the store is opened read-only
    missing = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb"), "SELECT 1"])
    assert missing.exit_code == 2 and "不存在" in missing.output
    with Store.open(db, read_only=True) as store:
        assert store.counts()["documents"] == 4


def test_compare_ranks_departments_side_by_side(db: Path) -> None:
    out = runner.invoke(
        app,
        [
            "compare",
            "--db",
            str(db),
            "--year",
            "2024",
            "-m",
            "人员经费占比",
            "-m",
            "三公",
            "-m",
            "机关运行经费",
            "-f",
            "csv",
        ],
    )
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.output)))
    assert rows[0][:8] == [
        "排名",
        "部门编码",
        "部门名称",
        "类型",
        "级次",
        "人员经费占比（%）",
        "三公经费（万元）",
        "机关运行经费（万元）",
    ]
    # 人员经费 ÷ 一般公共预算财政拨款支出 593.58: 420 → 70.76 %, 405.07 → 68.24 %, 380 → 64.02 %
    assert [(r[0], r[1], r[5]) for r in rows[1:]] == [
        ("1", "203", "70.76"),
        ("2", "201", "68.24"),
        ("3", "202", "64.02"),
    ]
    assert {r[6] for r in rows[1:]} == {"8.3"} and {r[7] for r in rows[1:]} == {"25.51"}


def test_compare_unknown_metric_is_exit_2(db: Path) -> None:
    out = runner.invoke(app, ["compare", "--db", str(db), "--year", "2024", "-m", "招待费"])
    assert out.exit_code == 2 and "没有指标" in out.output


@pytest.mark.parametrize("to", ["parquet", "csv"])
def test_export_writes_every_relation(db: Path, tmp_path: Path, to: str) -> None:
    out = runner.invoke(app, ["export", "--db", str(db), "--to", to, str(tmp_path / "x")])
    assert out.exit_code == 0, out.output
    con = duckdb.connect()
    reader = "read_parquet" if to == "parquet" else "read_csv_auto"
    with Store.open(db, read_only=True) as store:
        for name in RELATIONS:
            path = tmp_path / "x" / f"{name}.{to}"
            exported = con.execute(f"SELECT count(*) FROM {reader}('{path}')").fetchone()
            stored = store.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            assert exported == stored, name
    total = con.execute(
        f"SELECT sum(value) FROM {reader}('{tmp_path / 'x' / f'facts.{to}'}') WHERE code = '2010104' AND column_key = '合计' AND table_id = 'expenditure'"
    ).fetchone()
    assert total is not None and Decimal(str(total[0])) == Decimal("100")  # 25 + 25 + 40 + 10


def test_export_xlsx_has_a_sheet_per_relation_without_the_model_json(
    db: Path, tmp_path: Path
) -> None:
    out = runner.invoke(app, ["export", "--db", str(db), "--to", "xlsx", str(tmp_path)])
    assert out.exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "yusuan.xlsx", read_only=True)
    assert book.sheetnames == [n[:31] for n in RELATIONS]
    header = next(book["documents"].iter_rows(max_row=1, values_only=True))
    assert "model" not in header and "sha256" in header
    assert len(list(book["compliance"].iter_rows(values_only=True))) == 5  # header + 4 documents
