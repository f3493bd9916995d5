"""The OCR worksheet (待人工核对): the rows of a scan a person must check against the paper
original, in every report format — text, JSON, HTML, the Excel 问题清单 — and in the web
report and document page.

One generated page (:func:`support.scan.defect_page`: a 合计 that does not add up, a malformed
and a point-less amount) is scanned and read by OCR once for the module; its text-layer
original, with the same defects, must have no worksheet at all.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from support.scan import defect_page, scanned
from yusuan.api import load
from yusuan.check import Report, check
from yusuan.model import Disclosure
from yusuan.read.ocr_numbers import read_token
from yusuan.render.report_export import TO_CHECK_SHEET, VERDICTS, render_html, report_workbook
from yusuan.render.report_text import TO_CHECK_HEADING, plain_report, write_plain
from yusuan.rules.base import Severity
from yusuan.rules.scanned import OCR_NOTE
from yusuan.rules.to_check import CellToCheck, readings
from yusuan.web.app import create_app
from yusuan.web.repository import MemoryRepository


@dataclass(frozen=True)
class Pair:
    text: Disclosure
    scan: Disclosure
    text_report: Report
    scan_report: Report
    scan_pdf: Path


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    tmp = tmp_path_factory.mktemp("to-check")
    original = defect_page(tmp / "defect.pdf")
    scan_pdf = scanned(original, [1], tmp / "defect-scan.pdf")
    text, scan = load(original), load(scan_pdf)
    return Pair(text, scan, check(text), check(scan), scan_pdf)


def cell_box(d: Disclosure, table: str, item: str) -> tuple[float, float, float, float]:
    t = d.table(table)
    assert t is not None
    row = next(r for r in t.rows if r.item == item)
    box = next(iter(row.cells.values())).source.bbox
    assert box is not None
    return box


def near(a: tuple[float, ...] | None, b: tuple[float, ...], tol: float = 1.5) -> bool:
    return a is not None and all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def test_the_row_whose_sum_fails_and_the_unsure_cells_are_listed(pair: Pair) -> None:
    report = pair.scan_report
    by_row = {(e.table, e.row): e for e in report.to_check}
    assert set(by_row) == {
        ("revenue", "合计"),
        ("expenditure", "合计"),
        ("expenditure", "项目支出"),
    }

    total = by_row[("revenue", "合计")]
    assert (total.page, total.table_title, total.codes) == (1, "部门收入总表", ("YS102",))
    [cell] = total.cells
    assert (cell.column, cell.text, cell.readings, cell.unsure) == (
        "金额",
        "30.00",
        ("30.00",),
        False,
    )
    # the box is where the text layer prints the cell (PDF points from the page's top left)
    assert near(cell.bbox, cell_box(pair.text, "revenue", "合计"))
    # the entry names the capped finding: still in the report, a warning with the OCR note
    [fid] = total.findings
    finding = next(f for f in report.findings if f.id == fid)
    assert finding.code == "YS102" and finding.severity is Severity.WARNING
    assert OCR_NOTE in finding.message

    for item, read in (("合计", "21.955.35"), ("项目支出", "000")):
        e = by_row[("expenditure", item)]
        [c] = e.cells
        assert (c.text, c.unsure, e.codes) == (read, True, ("YS610",))
        assert near(c.bbox, cell_box(pair.text, "expenditure", item))
    # the rows that add up are not listed
    assert not any(e.row in ("基本支出", "一、财政拨款收入") for e in report.to_check)


def test_a_text_page_with_the_same_defect_has_no_worksheet(pair: Pair) -> None:
    report = pair.text_report
    assert any(f.code == "YS102" and f.severity is Severity.ERROR for f in report.findings)
    assert report.to_check == ()
    assert report.to_json()["to_check"] == []
    assert TO_CHECK_HEADING not in render_html([report])
    assert not any(
        TO_CHECK_HEADING in t for spans in plain_report([report]) or [] for t, _ in spans
    )
    book = openpyxl.load_workbook(io.BytesIO(report_workbook(report)))
    assert TO_CHECK_SHEET not in book.sheetnames


def test_text_report_has_the_section_with_cells_and_boxes(pair: Pair) -> None:
    lines = plain_report([pair.scan_report])
    assert lines is not None
    out = io.StringIO()
    write_plain(lines, out, 200)  # as `yusuan check` writes to a pipe
    text = out.getvalue()
    section = text[text.index(TO_CHECK_HEADING) :]
    assert section.startswith(f"{TO_CHECK_HEADING}：3 行")
    assert "《部门收入总表》 · 行“合计” · 第1页 — YS102（F" in section
    x0, top, x1, bottom = cell_box(pair.scan, "revenue", "合计")
    assert f"列“金额” 识别为 30.00 · 框 {x0:g},{top:g},{x1:g},{bottom:g} pt" in section
    assert "列“金额” 识别为 21.955.35（OCR 存疑）" in section
    assert "列“金额” 识别为 000（OCR 存疑）" in section
    # the findings come first: the capped warning is still there for the reviewer
    assert text.index("警告 合计行不等于各项之和（YS102）") < text.index(TO_CHECK_HEADING)


def test_json_report_has_the_to_check_key(pair: Pair) -> None:
    data = json.loads(json.dumps(pair.scan_report.to_json(), ensure_ascii=False))
    entry = next(e for e in data["to_check"] if e["table"] == "revenue")
    assert {k: entry[k] for k in ("page", "table_title", "row", "codes")} == {
        "page": 1,
        "table_title": "部门收入总表",
        "row": "合计",
        "codes": ["YS102"],
    }
    [cell] = entry["cells"]
    assert (cell["column"], cell["text"], cell["readings"], cell["unsure"]) == (
        "金额",
        "30.00",
        ["30.00"],
        False,
    )
    assert near(tuple(cell["bbox"]), cell_box(pair.text, "revenue", "合计"))
    assert entry["findings"][0] in {f["id"] for f in data["findings"]}


def test_html_report_has_the_worksheet_table(pair: Pair) -> None:
    html = render_html([pair.scan_report])
    start = html.index('<table class="to-check">')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr class=\"to-check-cell[^\"]*\">(.*?)</tr>", table, re.S)
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]  # fmt: skip
    x0, top, x1, bottom = cell_box(pair.scan, "revenue", "合计")
    assert [
        "1",
        "部门收入总表",
        "合计",
        "金额",
        "30.00",
        f"{x0:g},{top:g},{x1:g},{bottom:g}",
    ] == cells[0][:6]
    assert cells[0][6].startswith("YS102")
    assert [c[4] for c in cells[1:]] == ["21.955.35（OCR 存疑）", "000（OCR 存疑）"]
    assert 'href="#rule-YS102"' in table and 'href="#rule-YS610"' in table


def test_the_excel_report_has_a_worksheet_to_fill_in(pair: Pair, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(report_workbook(pair.scan_report))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["问题清单", TO_CHECK_SHEET, "规则覆盖"]
    ws = book[TO_CHECK_SHEET]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert [(r["表"], r["行"], r["识别为"], r["存疑"], r["规则"]) for r in rows] == [
        ("部门收入总表", "合计", "30.00", None, "YS102"),
        ("部门支出总表", "合计", "21.955.35", "是", "YS610"),
        ("部门支出总表", "项目支出", "000", "是", "YS610"),
    ]
    x0, top, x1, bottom = cell_box(pair.scan, "revenue", "合计")
    assert rows[0]["框（pt：左,上,右,下）"] == f"{x0:g},{top:g},{x1:g},{bottom:g}"
    assert rows[0]["页码"] == 1 and rows[0]["发现编号"].startswith("F")
    # the reviewer's columns are blank, and the verdict is chosen from a list
    assert all(r["原件数值"] is None and r["核对结论"] is None for r in rows)
    [rule] = ws.data_validations.dataValidation
    assert rule.type == "list" and rule.formula1 == f'"{",".join(VERDICTS)}"'
    assert str(rule.sqref) == f"O2:O{len(rows) + 1}"
    # the findings sheet keeps the capped warning, with the OCR note
    findings = book["问题清单"]
    messages = [r[7] for r in findings.iter_rows(min_row=2, values_only=True)]
    assert any(str(m).endswith(f"（{OCR_NOTE}）") for m in messages)


def test_web_report_links_each_cell_to_its_box_on_the_page(pair: Pair) -> None:
    repo = MemoryRepository()
    entry = repo.add("scan.pdf", pair.scan, pair.scan_report, pair.scan_pdf.read_bytes())
    client = TestClient(create_app(repo))
    page = client.get(f"/doc/{entry.id}/report").text
    assert '<a href="#to-check" id="to-check-link">待人工核对（OCR）：3 行</a>' in page
    section = page[page.index('id="to-check"') : page.index("规则覆盖情况")]
    links = re.findall(r'href="(/doc/[^"]+\?cell=c-\d+-\d+-\d+)"', section)
    assert len(links) == 3
    doc = client.get(links[0]).text
    x0, top, x1, bottom = cell_box(pair.scan, "revenue", "合计")
    box = f"{x0:g},{top:g},{x1:g},{bottom:g}"
    assert f'data-box="{box}"' in doc and f"/page/1.png?box={box}" in doc
    assert "红框为 OCR 识别的单元格“30.00”" in doc and 'data-open="tab-page"' in doc
    assert (
        client.get(f"/doc/{entry.id}/page/1.png?box={box}").headers["content-type"] == "image/png"
    )
    # every cell the document page shows from OCR is marked, with its label
    marks = re.findall(r'<a class="ocr" href="[^"]+" title="([^"]+)"[^>]*>([^<]*)</a>', doc)
    shown = {text for _, text in marks}
    assert {"30.00", "10.00", "5.00", "合计", "二、事业收入", "12.50"} <= shown
    assert {title for title, _ in marks} == {"OCR 识别，请核对原件"}


def test_the_document_page_of_a_text_pdf_has_no_ocr_mark(pair: Pair) -> None:
    repo = MemoryRepository()
    entry = repo.add("text.pdf", pair.text, pair.text_report, b"%PDF")
    client = TestClient(create_app(repo))
    doc = client.get(f"/doc/{entry.id}").text
    assert 'class="ocr"' not in doc and 'id="ocr-note"' not in doc
    assert 'id="to-check"' not in client.get(f"/doc/{entry.id}/report").text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30.00", ("30.00", ("30.00",), False)),
        ("〔OCR存疑〕21.955.35", ("21.955.35", ("21.955.35",), True)),
        ("〔OCR存疑〕1,234.50|1,284.50", ("1,234.50|1,284.50", ("1,234.50", "1,284.50"), True)),
    ],
)
def test_both_readings_are_kept_when_they_differed(
    text: str, expected: tuple[str, tuple[str, ...], bool]
) -> None:
    assert readings(text) == expected
    read, seen, unsure = expected
    shown = CellToCheck("金额", read, seen, unsure).as_read
    assert (
        shown
        == {
            1: read + ("（OCR 存疑）" if unsure else ""),
            2: "1,234.50 / 1,284.50（两次识别不一致）",
        }[len(seen)]
    )


def test_a_cell_whose_two_readings_differed_is_listed_with_both(pair: Pair) -> None:
    """The 300 dpi reading of 基本支出 disagreeing with the 200 dpi one (as ``read_token``
    writes it): the worksheet shows both, and the rows that still add up stay out."""
    spent = pair.scan.table("expenditure")
    assert spent is not None
    rows = []
    for r in spent.rows:
        if r.item == "基本支出":
            [(k, c)] = r.cells.items()
            c = c.model_copy(update={"text": "〔OCR存疑〕12.50|12.80", "value": None})
            r = r.model_copy(update={"cells": {k: c}})
        rows.append(r)
    tables = tuple(
        t.model_copy(update={"rows": tuple(rows)}) if t is spent else t for t in pair.scan.tables
    )
    report = check(pair.scan.model_copy(update={"tables": tables}))
    e = next(e for e in report.to_check if e.row == "基本支出")
    [c] = e.cells
    assert (c.readings, c.unsure, e.codes) == (("12.50", "12.80"), True, ("YS610",))
    assert c.as_read == "12.50 / 12.80（两次识别不一致）"


def test_the_rounds_issue_list_marks_the_findings_to_check_against_the_original(
    pair: Pair, tmp_path: Path
) -> None:
    """The round's 问题清单 (``review export``): a finding on OCR values is marked 是 in
    核对原件（OCR）, the text page's same finding is not."""
    from yusuan.store.issues import issues, workbook
    from yusuan.store.rows import document_rows
    from yusuan.store.write import Store

    with Store.open(tmp_path / "round.duckdb") as store:
        store.add(document_rows(pair.scan, pair.scan_report))
        store.add(document_rows(pair.text, pair.text_report))
        data = workbook(issues(store.con))
    path = tmp_path / "问题清单.xlsx"
    path.write_bytes(data)
    ws = openpyxl.load_workbook(path)["问题清单"]
    head = [c.value for c in ws[1]]
    assert head[-1] == "核对原件（OCR）"
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    sums = [r for r in rows if str(r["规则"]).startswith("YS102")]
    assert sorted((r["严重程度"], r["核对原件（OCR）"]) for r in sums) == [
        ("警告", "是"),
        ("错误", None),
    ]
    assert all((r["核对原件（OCR）"] == "是") == (OCR_NOTE in r["问题说明"]) for r in rows)


@given(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.decimals(min_value=0, max_value=10**9, places=2),
)
def test_the_readings_the_reader_writes_are_the_readings_listed(a: Decimal, b: Decimal) -> None:
    """Round trip with the reader (``read_token``: the 200 dpi and the 300 dpi reading): two
    readings that agree are one, two that differ are both, in order."""
    first, second = f"{a:,.2f}", f"{b:,.2f}"
    text, seen, unsure = readings(read_token(first, second))
    assert seen == ((first,) if first == second else (first, second))
    assert text == "|".join(seen)
    assert unsure is (first != second)
