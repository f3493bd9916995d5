"""Document text never reaches a spreadsheet as a live formula (yusuan.cells).

A copy of the reference whose item names are formulas goes through every writer:
``parse --format xlsx`` and ``facts``, the check report workbook, ``export`` (xlsx
and CSV), ``query -f csv``, ``render`` (xlsx) and the fill-in template. The files are
reopened with openpyxl (or csv): no cell is a formula, amounts are still numbers,
CSV text that starts like a formula carries the ``'`` prefix.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from support import REFERENCE
from yusuan.api import load
from yusuan.cells import FORMULA_START, inert_text, risky
from yusuan.check import check
from yusuan.cli import app
from yusuan.render.report_export import report_workbook
from yusuan.rules.base import Finding, Location, Severity

runner = CliRunner()

EVIL = {
    "人大会议": '=HYPERLINK("http://evil.example/","人大会议")',
    "人大代表履职能力提升": "@SUM(1+1)*cmd|'/Ccalc'!A0",
    "人大监督": "+1+cmd|'/Ccalc'!A0",
    "一般行政管理事务": "-2+3+cmd|'/Ccalc'!A0",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = REFERENCE.read_text(encoding="utf-8")
    for plain, evil in EVIL.items():
        assert f"\t{plain}\n" in text
        text = text.replace(f"\t{plain}\n", f"\t{evil}\n")
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row]


def _assert_inert(path: Path, *, numbers: bool = True) -> None:
    cells = _cells(path)
    formulas = [(c.coordinate, c.value) for c in cells if c.data_type == "f"]
    assert formulas == [], formulas
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert any(v.startswith("=HYPERLINK(") for v in texts), "the hostile text is kept as text"
    for c in cells:
        if isinstance(c.value, str) and c.value.startswith(("=", "@", "+")):
            assert c.quotePrefix, (c.coordinate, c.value)
    if numbers:
        assert sum(isinstance(c.value, int | float) for c in cells) > 50


def test_parse_to_xlsx_writes_formulas_as_text(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.xlsx"
    result = runner.invoke(app, ["parse", str(hostile), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    _assert_inert(out)


def test_facts_csv_prefixes_formula_text_and_keeps_numbers(hostile: Path) -> None:
    result = runner.invoke(app, ["parse", str(hostile), "-f", "facts"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    items = {r[3] for r in rows[1:]}
    assert "'" + EVIL["人大会议"] in items and EVIL["人大会议"] not in items
    assert "'" + EVIL["一般行政管理事务"] in items
    values = [r[5] for r in rows[1:]]
    assert all(Decimal(v) == Decimal(v) for v in values)  # every amount still a plain number


def test_the_check_report_workbook_writes_formulas_as_text(hostile: Path, tmp_path: Path) -> None:
    d = load(hostile)
    report = check(d)
    quoted = Finding(
        code="YS999",
        name="示例",
        severity=Severity.WARNING,
        message=EVIL["人大会议"],
        location=Location(row_item=EVIL["人大代表履职能力提升"]),
    )
    report = report.model_copy(update={"findings": (*report.findings, quoted)})
    out = tmp_path / "report.xlsx"
    out.write_bytes(report_workbook(report))
    _assert_inert(out, numbers=False)


def test_export_and_query_of_a_store_keep_formulas_inert(hostile: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["ingest", str(hostile), "--db", str(db), "-j", "0"]).exit_code == 0
    assert (
        runner.invoke(
            app, ["export", str(tmp_path / "x"), "--db", str(db), "--to", "xlsx"]
        ).exit_code
        == 0
    )
    _assert_inert(tmp_path / "x" / "yusuan.xlsx")
    assert (
        runner.invoke(
            app, ["export", str(tmp_path / "c"), "--db", str(db), "--to", "csv"]
        ).exit_code
        == 0
    )
    with (tmp_path / "c" / "facts.csv").open(encoding="utf-8") as fh:
        facts = list(csv.DictReader(fh))
    items = {r["item"] for r in facts}
    assert "'" + EVIL["人大会议"] in items and EVIL["人大会议"] not in items
    assert "'" + EVIL["一般行政管理事务"] in items
    negative = [r["value_text"] for r in facts if r["value_text"].startswith("-")]
    assert all(Decimal(v) < 0 for v in negative)  # a negative amount is not prefixed
    sql = "SELECT item, value FROM facts WHERE item LIKE '%HYPERLINK%' LIMIT 1"
    out = runner.invoke(app, ["query", "--db", str(db), sql, "-f", "csv"])
    assert out.exit_code == 0
    row = out.output.splitlines()[1]
    assert row.startswith("'=HYPERLINK(") or row.startswith("\"'=HYPERLINK(")


def test_render_and_template_write_formulas_as_text(hostile: Path, tmp_path: Path) -> None:
    from yusuan.render.run import render
    from yusuan.render.template import write_template

    d = load(hostile)
    done = render(d, ["xlsx"], tmp_path / "r", force=True)
    _assert_inert(done.paths[0])
    template = write_template(tmp_path / "t.xlsx", d)
    assert [c.coordinate for c in _cells(template) if c.data_type == "f"] == []


@pytest.mark.parametrize(
    ("text", "csv_cell"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        ("-1,234.5", "-1,234.5"),
        ("-", "'-"),
        ("人大会议", "人大会议"),
        ("", ""),
    ],
)
def test_inert_text(text: str, csv_cell: str) -> None:
    assert inert_text(text) == csv_cell


@given(st.text(max_size=20))
def test_inert_text_never_leaves_a_formula_start_except_on_a_plain_number(text: str) -> None:
    out = inert_text(text)
    assert out in (text, "'" + text)
    if out.startswith(FORMULA_START):
        Decimal(out.replace(",", "").rstrip("%"))  # a plain signed number, nothing more
    assert risky(out) is False
