"""绩效 in a real DuckDB store: a store written before the 绩效 tables gains them (targets
from its stored models), ``evaluate --db`` stores results, a re-evaluation replaces them,
and two years sit side by side in the overview."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from support import REFERENCE, run_yusuan
from support.selfeval import MEETING, fill
from yusuan.store.performance import overview, present
from yusuan.store.write import Store


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("perfstore")
    template = folder / "tpl.xlsx"
    assert (
        run_yusuan("template", "--performance", str(REFERENCE), "-o", str(template)).returncode == 0
    )
    fill(template, folder / "2023.xlsx")
    fill(template, folder / "2024.xlsx", year=2024)
    return folder / "2023.xlsx", folder / "2024.xlsx"


def test_an_older_store_gains_the_tables_and_keeps_its_documents(
    filled: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "s.duckdb"
    assert run_yusuan("ingest", str(REFERENCE), "--db", str(db)).returncode == 0
    with Store.open(db) as store:
        assert not present(store)  # as every store before this change
        before = store.counts()
    r = run_yusuan("evaluate", str(filled[0]), "-o", str(tmp_path / "out"), "--db", str(db))
    assert r.returncode == 0, r.stderr
    with Store.open(db, read_only=True) as store:
        assert present(store)
        assert store.counts() == before  # nothing of the stored documents changed
        con = store.con
        targets = con.execute(
            "SELECT project, level3, value_text, comparator, value, unit FROM performance_targets"
            " WHERE level3 = '召开会议总成本'"
        ).fetchall()
        assert targets == [(MEETING, "召开会议总成本", "≤25万元", "≤", Decimal(25), "万元")]
        assert con.execute("SELECT count(*) FROM performance_targets").fetchone() == (37,)
        rows = con.execute(
            "SELECT project, total, level, unexplained FROM performance_results ORDER BY total"
        ).fetchall()
        assert [(p, Decimal(t).quantize(Decimal("0.01")), lv, u) for p, t, lv, u in rows] == [
            ("“智慧人大”建设项目（平乡县人大网上代表之家建设）", Decimal("83.33"), "良", 1),
            (MEETING, Decimal("87.60"), "良", 1),
            ("综合业务和事务管理经费", Decimal("99.00"), "优", 0),
            ("专门委员会、委员及人大代表活动经费", Decimal("100.00"), "优", 0),
        ]
        cost = con.execute(
            "SELECT actual, weight, score, reason FROM performance_indicator_results"
            " WHERE project = ? AND level3 = '召开会议总成本'",
            [MEETING],
        ).fetchone()
        assert cost == (Decimal("31.25"), Decimal("12.5"), Decimal(10), "会期延长一天")


def test_reevaluating_replaces_and_years_sit_side_by_side(
    filled: tuple[Path, Path], tmp_path: Path
) -> None:
    db = tmp_path / "s.duckdb"
    assert run_yusuan("ingest", str(REFERENCE), "--db", str(db)).returncode == 0
    for path in (filled[0], filled[0], filled[1]):
        r = run_yusuan(
            "evaluate", str(path), "-o", str(tmp_path / "out"), "--db", str(db), "--overwrite"
        )
        assert r.returncode == 0, r.stderr
    with Store.open(db, read_only=True) as store:
        rows = overview(store)
        n = store.con.execute("SELECT count(*) FROM performance_indicator_results").fetchone()
    assert n == (2 * 37,)  # 2023 once (replaced), 2024 once
    assert [
        (r["year"], r["projects"], r["evaluated"], r["average"], r["优"], r["良"]) for r in rows
    ] == [
        (2023, 4, 4, Decimal("92.48"), 2, 2),
        (2024, None, 4, Decimal("92.48"), 2, 2),  # targets of 2024 not stored: results only
    ]


def test_a_damaged_store_is_one_line(filled: tuple[Path, Path], tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE x (a INTEGER)")
    con.close()
    r = run_yusuan("evaluate", str(filled[0]), "-o", str(tmp_path / "out"), "--db", str(db))
    assert r.returncode == 2 and "不是 yusuan 的数据库" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
