"""Review state, packages and templates in a real DuckDB store.

- a store written before the review tables existed keeps working: read-only it has no
  review state, the first writable open adds the tables (migration);
- finding keys survive a re-ingest (``--replace``) and tell apart findings sharing a place;
- split packages: the narrative part and the tables part of a package are put together at
  ingest (by shared amounts, or by the department name through the alias data), parts of
  different years or folders are not, and a rerun skips the parts;
- blank templates rank nowhere and are left out of the 问题清单;
- ``yusuan review export / set / list`` with their exit statuses.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from support import DATA, REFERENCE
from yusuan.cli import app
from yusuan.store import Store, compare, ingest, review
from yusuan.store.issues import issues, number

runner = CliRunner()
JIANGSU = ("jiangsu-2019-renda-dept-budget.pdf", "jiangsu-2019-renda-dept-budget-tables.pdf")


def _store(tmp_path: Path, *names: str, folder: str = "in") -> Path:
    src = tmp_path / folder
    src.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(DATA / name, src / name)
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        ingest([src], store, jobs=0)
    return db


def test_an_old_store_gains_the_review_tables(tmp_path: Path) -> None:
    db = _store(tmp_path, REFERENCE.name)
    con = duckdb.connect(str(db))
    con.execute("DROP VIEW review_status")
    con.execute("DROP TABLE review_events")
    con.execute("DROP TABLE originals")
    con.close()  # now as a store of the previous version
    with Store.open(db, read_only=True) as store:
        assert review.current(store.con) == {} and len(issues(store.con)) == 12
    with Store.open(db) as store:  # the first writable open migrates
        assert review.has_reviews(store.con)
        first = issues(store.con)[0]
        review.record(store.con, key=first.key, sha256=first.sha256, recur=first.recur,
                      code=first.code, status="已确认", note="核实无误", who="李")  # fmt: skip
    with Store.open(db, read_only=True) as store:
        state = review.current(store.con)[first.key]
        assert (state.status, state.note, state.who) == ("已确认", "核实无误", "李")
        with pytest.raises(Exception, match="状态"):
            review.check_status("done")


def test_keys_survive_a_reingest_and_tell_findings_apart(tmp_path: Path) -> None:
    db = _store(tmp_path, *JIANGSU)
    with Store.open(db) as store:
        before = issues(store.con)
        assert len({i.key for i in before}) == len(before)  # YS605 twice at one place: two keys
        review.record(store.con, key=before[0].key, sha256=before[0].sha256,
                      recur=before[0].recur, code=before[0].code, status="误报")  # fmt: skip
        sha = before[0].sha256
        model = store.load(sha)
        from yusuan.check import check
        from yusuan.store.rows import document_rows

        store.add(document_rows(model, check(model)), replace=True)  # what --replace does
        after = issues(store.con)
    assert [i.key for i in after] == [i.key for i in before]
    assert after[0].values[13] == "误报"


def test_split_packages_are_put_together_once(tmp_path: Path) -> None:
    db = _store(tmp_path, *JIANGSU, REFERENCE.name)
    with Store.open(db) as store:
        rows = store.con.execute(
            "SELECT department_name, year, kind, n_tables, n_stated, path FROM documents "
            "WHERE path LIKE '%jiangsu%'"
        ).fetchall()
        assert len(rows) == 1
        name, year, kind, n_tables, n_stated, path = rows[0]
        assert (name, year, kind) == ("江苏省人大常委会办公厅", 2019, "预算")
        assert n_tables == 3 and n_stated > 0 and " + " in path
        parts = store.con.execute(
            "SELECT name, part FROM originals WHERE sha256 <> document"
        ).fetchall()
        assert sorted(parts) == sorted([(JIANGSU[0], 0), (JIANGSU[1], 1)])
        again = ingest([tmp_path / "in"], store, jobs=0)  # a rerun skips the parts
        assert (again.stored, again.skipped, again.packaged) == (0, 3, 0)


def test_parts_in_other_folders_or_years_stay_apart(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    shutil.copy(DATA / JIANGSU[0], src / "a" / JIANGSU[0])
    shutil.copy(DATA / JIANGSU[1], src / "b" / JIANGSU[1])
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        summary = ingest([src], store, jobs=0)
        assert (summary.stored, summary.packaged) == (2, 0)
    from yusuan.api import load
    from yusuan.store.packages import Part, pairs

    narrative = load(DATA / JIANGSU[0])
    tables = load(DATA / JIANGSU[1])
    same = Path("/x")
    n = Part("n", same / "a.pdf", "narrative", narrative)
    t = Part("t", same / "b.pdf", "tables", tables)
    assert pairs([n, t]) == [(n, t)]  # the tables part prints the amounts the narrative states
    other_year = Part("t", same / "b.pdf", "tables", tables.model_copy(update={"year": 2018}))
    assert pairs([n, other_year]) == []
    # no shared amount, but the same department through the alias data: one package
    named = narrative.model_copy(
        update={
            "department_canonical": tables.department_canonical,
            "narrative": narrative.narrative.model_copy(update={"stated": ()}),
        }
    )
    assert pairs([Part("n", same / "a.pdf", "narrative", named), t]) != []
    unnamed = named.model_copy(update={"department_canonical": "别的部门"})
    assert pairs([Part("n", same / "a.pdf", "narrative", unnamed), t]) == []


def test_templates_rank_nowhere_and_stay_out_of_the_issues(tmp_path: Path) -> None:
    db = _store(tmp_path, REFERENCE.name, "shanghai-putuo-2026-dept-budget-template.xlsx")
    with Store.open(db, read_only=True) as store:
        names = {
            r[0] for r in store.con.execute("SELECT department_name FROM documents").fetchall()
        }
        assert "上海市普陀区XX局" in names
        assert all("XX" not in str(i.values[0]) for i in issues(store.con))
        ranking = compare(store, 2026, ["三公"])
        assert ranking.rows == ()


def test_number_keeps_amounts_as_printed() -> None:
    assert number("14,348,853.34") == Decimal("14348853.34")
    assert str(number("1434.885334 万元")) == "1434.885334"
    assert str(number("-0.66")) == "-0.66"
    assert number("（应有“部门职责”）") == "（应有“部门职责”）"
    assert number(None) is None


def test_the_review_verbs(tmp_path: Path) -> None:
    db = _store(tmp_path, REFERENCE.name)
    out = tmp_path / "问题清单.xlsx"
    res = runner.invoke(
        app, ["review", "export", "--db", str(db), "--year", "2023", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "12 条" in res.output
    ws = load_workbook(out).active
    assert ws is not None and ws.max_row == 13 and ws.auto_filter.ref == "A1:R13"
    key = ws["Q2"].value
    res = runner.invoke(
        app, ["review", "set", key, "已整改", "--db", str(db), "--note", "已更正", "--who", "王"]
    )
    assert res.exit_code == 0 and "已整改" in res.output
    res = runner.invoke(app, ["review", "list", "--db", str(db), "--status", "已整改", "-f", "csv"])
    assert res.exit_code == 0 and res.output.count("\n") == 2 and "已更正" in res.output
    bad = runner.invoke(app, ["review", "set", key, "完成", "--db", str(db)])
    assert bad.exit_code == 2 and "状态" in bad.output
    missing = runner.invoke(app, ["review", "set", "0" * 24, "误报", "--db", str(db)])
    assert missing.exit_code == 2
    again = runner.invoke(app, ["review", "export", "--db", str(db), "-o", str(out)])
    assert again.exit_code == 2  # an existing file is not replaced without --overwrite
    txt = runner.invoke(app, ["review", "export", "--db", str(db), "-o", str(tmp_path / "a.csv")])
    assert txt.exit_code == 2
