"""`yusuan compare` ranks one level at a time, one row per department (issue #14): a 部门's own
filing and its 单位's are not two departments, and a department's second document of the
same kind and level is counted beside its row, not ranked again."""

from __future__ import annotations

from pathlib import Path

from support import DATA
from yusuan.api import load
from yusuan.check import check
from yusuan.store.compare import compare
from yusuan.store.rows import document_rows
from yusuan.store.write import Store

DEPT = DATA / "shanghai-putuo-2026-sifaju-dept-budget.pdf"
UNIT = DATA / "shanghai-putuo-2026-sifaju-unit-budget.pdf"


def test_each_level_is_ranked_on_its_own_with_one_row_per_department(tmp_path: Path) -> None:
    dept, unit = load(DEPT), load(UNIT)
    assert (dept.level, unit.level) == ("部门", "单位")
    assert dept.source is not None
    # the same 部门 filing published again under another file (another hash)
    again = dept.model_copy(
        update={"source": dept.source.model_copy(update={"sha256": "0" * 64, "path": "再次.pdf"})}
    )
    db = tmp_path / "round.duckdb"
    with Store.open(db) as s:
        for d in (dept, unit, again):
            s.add(document_rows(d, check(d)))
    with Store.open(db, read_only=True) as store:
        ranking = compare(store, 2026, ["三公"])
    cols = ranking.columns
    assert cols[-2:] == ("同部门另有", "sha256")
    rows = [dict(zip(cols, r, strict=True)) for r in ranking.rows]
    assert [(r["排名"], r["级次"], r["同部门另有"]) for r in rows] == [
        (1, "部门", 1),
        (1, "单位", 0),
    ]
    assert rows[0]["部门名称"] == dept.department_name
    assert rows[1]["部门名称"] == unit.department_name
