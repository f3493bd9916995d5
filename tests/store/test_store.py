"""The DuckDB store: schema, one transaction per document, golden values of the views."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from support import DATA
from support.corpus import REFERENCE, variant
from yusuan.api import load
from yusuan.check import check
from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.store.rows import document_rows, failure
from yusuan.store.schema import BASE, VIEWS
from yusuan.store.write import Store

GOLDEN = DATA / "golden" / "pingxiang-renda-2023.facts.csv"


@pytest.fixture()
def stored(tmp_path: Path, reference: Disclosure) -> Store:
    store = Store.open(tmp_path / "s.duckdb")
    assert store.add(document_rows(reference, check(reference)))
    yield store
    store.close()


def test_new_store_has_every_table_and_view(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.duckdb") as store:
        names = {
            r[0]
            for r in store.con.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        assert set(BASE) | set(VIEWS) | {"yusuan_meta"} <= names
        assert store.counts() == dict.fromkeys(BASE, 0)
        assert store.mode == "local"


def test_stored_document_loads_back_unchanged(stored: Store, reference: Disclosure) -> None:
    assert reference.source is not None
    assert stored.load(reference.source.sha256) == reference


def test_facts_relation_equals_the_golden_facts(stored: Store) -> None:
    rows = stored.con.execute(
        "SELECT table_key, coalesce(section, ''), coalesce(code, ''), item, column_key, value_text "
        "FROM facts ORDER BY table_no, row_no, column_index"
    ).fetchall()
    with GOLDEN.open(encoding="utf-8") as fh:
        golden = [tuple(r) for r in csv.reader(fh)][1:]
    assert [tuple(r) for r in rows] == golden
    total = stored.con.execute(
        "SELECT value FROM facts WHERE table_id = 'expenditure' AND code = '2010101' AND column_key = '合计'"
    ).fetchone()
    assert total == (Decimal("322.91"),)


def test_counts_of_the_reference(stored: Store, reference: Disclosure) -> None:
    report = check(reference)
    counts = stored.counts()
    assert counts["documents"] == 1
    assert counts["tables"] == len(reference.tables) == 16
    assert counts["stated"] == len(reference.narrative.stated)
    assert counts["findings"] == len(report.findings)
    assert counts["coverage"] == len(report.coverage) > 90
    doc = stored.con.execute(
        "SELECT department_code, year, kind, level, unit, format, pages, n_facts, errors, warnings "
        "FROM documents"
    ).fetchone()
    summary = report.summary
    assert doc == (
        "101",
        2023,
        "预算",
        "部门",
        "万元",
        "text",
        0,
        counts["facts"],
        summary["error"],
        summary["warning"],
    )


def test_three_public_view_of_the_reference(stored: Store) -> None:
    row = stored.con.execute(
        "SELECT department_name, year, total, abroad, vehicles, vehicle_purchase, "
        "vehicle_operation, reception, admin_running FROM three_public_by_department"
    ).fetchone()
    assert row == (
        "平乡县人民代表大会常务委员会",
        2023,
        Decimal("8.3"),
        None,  # printed blank: never 0
        Decimal("6.8"),
        None,
        Decimal("6.8"),
        Decimal("1.5"),
        Decimal("25.51"),
    )


def test_spending_by_function_view_of_the_reference(stored: Store) -> None:
    rows = stored.con.execute(
        "SELECT grade, code, item, total, basic, project FROM spending_by_function ORDER BY code"
    ).fetchall()
    by_code = {r[1]: r for r in rows}
    assert by_code["201"] == (
        "类",
        "201",
        "一般公共服务支出",
        Decimal("485.91"),
        Decimal("322.91"),
        Decimal("163"),
    )
    assert by_code["20101"][0] == "款"
    assert by_code["2010101"] == (
        "项",
        "2010101",
        "行政运行",
        Decimal("322.91"),
        Decimal("322.91"),
        None,
    )
    assert by_code["2210201"][3:] == (Decimal("31"), Decimal("31"), None)
    assert len(rows) == 18


def test_compliance_view_of_the_reference(stored: Store, reference: Disclosure) -> None:
    row = stored.con.execute(
        "SELECT department_code, year, kind, tables_required, tables_present, tables_missing, "
        "errors, warnings, rules_not_run FROM compliance"
    ).fetchone()
    summary = check(reference).summary
    assert row == ("101", 2023, "预算", 9, 9, "", summary["error"], summary["warning"], 0)


def test_compliance_lists_missing_tables_and_rules_not_run(tmp_path: Path) -> None:
    html = DATA / "chongqing-2018-jiaotongwei.html"
    d = load(html)
    report = check(d)
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add(document_rows(d, report))
        row = store.con.execute(
            "SELECT tables_present, tables_missing, rules_not_run, rules_not_run_codes FROM compliance"
        ).fetchone()
    assert row is not None
    assert row[0] == 0
    assert row[1].split("、")[:2] == ["收支总表", "收入总表"]
    not_run = sorted(c.code for c in report.coverage if c.status == "could_not_run")
    assert (
        row[2] == len(not_run) == 54
    )  # the page names its department; YS701–710 may be in its images; YS430 (its 政府性基金预算支出)
    assert row[3] == ",".join(not_run)


def test_adding_twice_keeps_one_copy_and_replace_rewrites(
    stored: Store, reference: Disclosure
) -> None:
    rows = document_rows(reference, check(reference))
    before = stored.counts()
    assert stored.add(rows) is False
    assert stored.counts() == before
    assert stored.add(rows, replace=True) is True
    assert stored.counts() == before


def test_failed_write_leaves_nothing_half_written(stored: Store, tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(variant("202", "测试县财政局", 2024), encoding="utf-8")
    d = load(path)
    rows = document_rows(d, check(d))
    rows.data["facts"]["value"][-1] = "not a number"  # facts come after documents and tables
    before = stored.counts()
    with pytest.raises(duckdb.Error):
        stored.add(rows)
    assert stored.counts() == before
    rows = document_rows(d, check(d))
    rows.data["facts"]["item"].append("one more")  # a column longer than the others
    with pytest.raises(ValueError, match="lengths"):
        stored.add(rows)
    assert stored.counts() == before


def test_failure_is_recorded_replaced_and_cleared_on_success(
    tmp_path: Path, reference: Disclosure
) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        path = str(REFERENCE)
        store.add_failure(failure(path, None, 1, InputError("坏", "bad")))
        store.add_failure(failure(path, None, 1, ValueError("boom")))
        rows = store.con.execute("SELECT path, reason_zh, error_type FROM failures").fetchall()
        assert rows == [(path, "文件内容无法解析（ValueError）", "ValueError")]
        store.add(document_rows(reference, check(reference)))
        assert store.counts()["failures"] == 0


def test_resolve_by_prefix_and_by_name_and_year(stored: Store, reference: Disclosure) -> None:
    assert reference.source is not None
    sha = reference.source.sha256
    assert stored.resolve(sha[:8]) == sha
    assert stored.resolve("平乡县:2023") == sha
    assert stored.resolve("101:2023:预算") == sha
    with pytest.raises(InputError, match="没有"):
        stored.resolve("平乡县:2024")


def test_opening_what_is_not_a_store_is_an_input_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="DuckDB"):
        Store.open(junk)
    with pytest.raises(InputError, match="不存在"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(InputError, match="不是 yusuan"):
        Store.open(other)


def test_a_store_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE yusuan_meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(InputError, match="版本"):
        Store.open(path)
