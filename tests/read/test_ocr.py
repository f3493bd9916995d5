"""Scanned PDFs read with OCR: scans made here from corpus pages parse to the text layer's facts.

Each scan is made in the test (:func:`support.scan.scanned`: rendered at 300 dpi, turned
about 0.6°, noised, JPEG quality 60, re-wrapped as an image-only PDF) from a few pages of
a document in ``tests/data``; the same pages extracted with their text layer are the
reference.  OCR costs seconds per page, so the suite reads four corpus pages and one small
generated page; ``bench/bench_ocr.py`` reads more.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support import DATA
from support.scan import defect_page, extract, scanned
from yusuan.api import load
from yusuan.check import check
from yusuan.facts import Fact, facts
from yusuan.model import Disclosure
from yusuan.read import ocr_progress
from yusuan.read.ocr_numbers import UNSURE
from yusuan.rules.base import Severity
from yusuan.rules.scanned import OCR_NOTE

PUTUO = DATA / "shanghai-putuo-2025-wanli-dept-budget.pdf"  # 元
JIANGSU = DATA / "jiangsu-2019-renda-dept-budget-tables.pdf"  # A3, 一、一般公共预算
FINAL = DATA / "shanghai-putuo-2024-shehui-gongzuobu-dept-final.pdf"  # 决算, two column blocks


CASES = {
    "putuo-summary": (PUTUO, [2], {"summary"}),
    "jiangsu-fiscal-summary": (JIANGSU, [2], {"fiscal_summary"}),
    "final-summary-gpb-basic": (FINAL, [5, 13], {"summary", "gpb_basic"}),
}


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Disclosure, Disclosure]]:
    """Each case: (the pages with their text layer, the same pages scanned and read by OCR)."""
    tmp = tmp_path_factory.mktemp("scans")
    out: dict[str, tuple[Disclosure, Disclosure]] = {}
    for k, (name, (source, pages, _)) in enumerate(CASES.items()):
        text = load(extract(source, pages, tmp / f"{name}.pdf"))
        scan = load(scanned(source, pages, tmp / f"{name}-scan.pdf", seed=k))
        out[name] = (text, scan)
    return out


def pinned(d: Disclosure, ids: set[str]) -> list[Fact]:
    return [f for f in facts(d) if f.table in ids]


@pytest.mark.parametrize("name", list(CASES))
def test_scanned_pages_give_the_text_layers_facts(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    text, scan = pairs[name]
    ids = CASES[name][2]
    assert {t.id.value for t in scan.tables} >= ids
    expected = pinned(text, ids)
    assert len(expected) >= 6
    assert pinned(scan, ids) == expected
    # the labels too: every row's item and code as the text layer prints them
    for table_id in ids:
        rows = [(r.code, r.item) for t in text.tables_of(table_id) for r in t.rows]
        assert [(r.code, r.item) for t in scan.tables_of(table_id) for r in t.rows] == rows


@pytest.mark.parametrize("name", list(CASES))
def test_every_ocr_value_is_marked_and_none_elsewhere(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    text, scan = pairs[name]
    cells = [c for t in scan.tables for r in t.rows for c in r.cells.values()]
    assert cells and all(c.source.ocr for c in cells)
    assert all(t.source.ocr for t in scan.tables)
    assert not any(c.source.ocr for t in text.tables for r in t.rows for c in r.cells.values())
    assert any(x.startswith("ocr page 1:") for x in scan.diagnostics)


@pytest.mark.parametrize("name", list(CASES))
def test_check_on_a_scan_reports_no_error_and_nothing_new(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    text, scan = pairs[name]

    def keys(d: Disclosure) -> set[tuple[str, str | None, str | None, str | None]]:
        return {
            (
                f.code,
                f.location.table,
                f.location.row_code or f.location.row_item,
                f.location.column,
            )
            for f in check(d).findings
        }

    report = check(scan)
    assert not report.has_errors
    assert all(OCR_NOTE in f.message for f in report.findings)
    assert keys(scan) <= keys(text)


def test_a_real_defect_on_a_scan_is_a_warning_that_says_check_the_original(
    tmp_path: Path,
) -> None:
    """The same 合计 that does not add up: an error on the text page, a warning on its scan
    (with the OCR note), and a malformed or point-less figure is unreadable, not repaired."""
    original = defect_page(tmp_path / "defect.pdf")
    told: list[tuple[int, int]] = []
    ocr_progress.listen(lambda page, pages: told.append((page, pages)))
    try:
        text, scan = load(original), load(scanned(original, [1], tmp_path / "defect-scan.pdf"))
    finally:
        ocr_progress.listen(None)
    assert told == [(1, 1)]  # the progress line hears each page

    def sums(d: Disclosure) -> list[tuple[str, Severity, str]]:
        return [
            (f.code, f.severity, f.message)
            for f in check(d).findings
            if f.location.table == "revenue" and f.location.row_item == "合计"
        ]

    on_text, on_scan = sums(text), sums(scan)
    assert on_text and all(s is Severity.ERROR for _, s, _ in on_text)
    assert [c for c, _, _ in on_scan] == [c for c, _, _ in on_text]
    assert all(s is Severity.WARNING and OCR_NOTE in m for _, s, m in on_scan)

    spent = scan.table("expenditure")
    assert spent is not None
    by_item = {r.item: next(iter(r.cells.values())) for r in spent.rows}
    for item in ("合计", "项目支出"):  # 21.955.35: two points; 000 in a two-decimal column
        assert by_item[item].value is None and by_item[item].text.startswith(UNSURE)
    assert by_item["基本支出"].value is not None and str(by_item["基本支出"].value) == "12.50"
    report = check(scan)
    named = [f for f in report.findings if f.code == "YS610"]
    assert {f.location.row_item for f in named} >= {"合计", "项目支出"}


_HIDE = (
    "import sys; sys.modules['rapidocr'] = None; sys.modules['onnxruntime'] = None; "
    "sys.modules['numpy'] = None; "  # numpy comes with the extra, not with the base install
)


def test_without_the_extra_a_scan_is_refused_naming_it(tmp_path: Path) -> None:
    """With rapidocr hidden (as when the extra is not installed): one line, exit status 2."""
    scan = scanned(PUTUO, [13], tmp_path / "scan.pdf")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            _HIDE
            + "from yusuan.cli import main; sys.argv = ['yusuan', 'parse', sys.argv[1]]; main()",
            str(scan),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "pip install 'yusuan[ocr]'" in run.stderr + run.stdout
    assert "扫描件" in run.stderr + run.stdout and "Traceback" not in run.stderr
