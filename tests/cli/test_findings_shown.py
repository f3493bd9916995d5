"""Findings as a reviewer reads them (issue #14): amounts as the document prints them, the
Chinese title first, one suspect cell with the findings it explains under it, the rule's page
linked, and the Excel list a reviewer filters — on real corpus PDFs printed in 元 and on the
reference with a copied cell."""

from __future__ import annotations

import html
import io
import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import DATA, run_yusuan
from support.rules import REF_TEXT
from yusuan.api import load
from yusuan.check import Report, check
from yusuan.render.report_export import render_html, report_workbook
from yusuan.web.app import Settings, create_app
from yusuan.web.views import anchor_for

SIFAJU = DATA / "shanghai-putuo-2026-sifaju-unit-budget.pdf"  # 单位：元; one copied cell
FULIYUAN = DATA / "shanghai-putuo-2024-fuliyuan-unit-budget.pdf"  # 单位：元, whole 元


def page_text(pdf: Path, page: int) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return str(doc[page - 1].get_textpage().get_text_range())
    finally:
        doc.close()


@cache
def sifaju() -> Report:
    return check(load(SIFAJU))


def copied(tmp_path: Path, *, also_parent: str | None = None) -> Path:
    """The reference with 2010101 行政运行 项目支出 in 支出总表 printed as 163.00 — the 款's
    figure copied one row down (it is blank); ``also_parent`` reprints the 款 20101 项目支出."""
    lines = REF_TEXT.split("\n")
    start = lines.index("部门预算支出总表")
    i = lines.index("\t行政运行", start)
    assert lines[i + 1 : i + 4] == ["\t322.91", "\t322.91", "\t"]
    lines[i + 3] = "\t163.00"
    if also_parent is not None:
        j = lines.index("\t人大事务", start)
        assert lines[j + 3] == "\t163.00"
        lines[j + 3] = f"\t{also_parent}"
    path = tmp_path / "copied.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_amounts_on_a_yuan_pdf_are_shown_as_printed_and_found_in_the_pdf() -> None:
    """Ctrl-F works: the figure in the message is the string the page prints."""
    f = next(
        f for f in sifaju().findings if f.code == "YS101" and f.location.table == "expenditure"
    )
    assert f.location.row_code == "2040601" and f.location.page == 11
    assert "实为 14,348,853.34 元（约1,434.89 万元）" in f.message
    assert "相差 -64,840,547.00 元" in f.message
    assert (f.unit, f.actual_printed, f.difference_printed) == (
        "元",
        "14,348,853.34",
        "-64,840,547.00",
    )
    assert (f.actual, f.difference) == ("1434.885334", "-6484.0547")  # 万元 kept, exact
    assert "14,348,853.34" in page_text(SIFAJU, 11)
    assert "64,840,547.00" in page_text(SIFAJU, 11)


def test_a_yuan_figure_printed_without_decimals_keeps_its_form() -> None:
    """The table figure of a prose finding in a whole-元 table reads as printed, with its 万元.
    (This used YS301's “实为 0” on the same file, a false finding of a misprinted code cell,
    fixed in #11.)"""
    d = load(FULIYUAN)
    report = check(d)
    f = next(f for f in report.findings if f.code == "YS401")
    assert "“收入总计” 12,121,164 元（约1,212.12 万元）" in f.message
    summary = d.tables_of("summary")[0]
    assert "12,121,164" in page_text(FULIYUAN, summary.source.page or 0)
    assert not [f for f in report.findings if f.code == "YS301"]


def test_one_copied_cell_in_a_corpus_pdf_is_one_suspect_with_its_consequences() -> None:
    """司法局 2026 单位预算, p. 11: 2040601 行政运行 prints 项目支出 64,840,547.00 (the 款's
    figure; its 合计 equals its 基本支出). Row total and 款 sum meet in that cell."""
    report = sifaju()
    by_id = {f.id: f for f in report.findings}
    primary = next(
        f for f in report.findings if f.code == "YS101" and f.location.table == "expenditure"
    )
    assert primary.suspect is not None and primary.caused_by is None
    s = primary.suspect
    assert (s.table, s.row_code, s.column, s.page, s.text) == (
        "expenditure",
        "2040601",
        "项目支出",
        11,
        "64,840,547.00",
    )
    assert "疑为《2026年预算单位支出预算总表》行“2040601 行政运行”列“项目支出”一格有误" in (
        primary.message
    )
    under = [f for f in report.findings if f.caused_by == primary.id]
    assert [(f.code, f.location.table, f.location.row_code) for f in under] == [
        ("YS202", "expenditure", "20406")
    ]
    assert "连带结果" in under[0].message
    # the same copy in the 一般公共预算 table is its own group; nothing is lost or merged
    assert all(by_id[f.caused_by] is not None for f in report.findings if f.caused_by)
    assert len(report.findings) == sum(c.findings for c in report.coverage)
    assert sum(1 for f in report.findings if f.suspect is not None) == 2


def test_one_copied_cell_in_the_reference_gives_one_suspect_and_the_highlight_is_on_it(
    tmp_path: Path,
) -> None:
    """Row total, its 款 and the cross-table comparison: one primary naming the cell."""
    d = load(copied(tmp_path))
    report = check(d)
    errors = [f for f in report.findings if f.severity.value == "error"]
    primaries = [f for f in errors if f.caused_by is None]
    assert len(primaries) == 1
    p = primaries[0]
    assert (p.code, p.location.row_code, p.location.column) == ("YS101", "2010101", "合计")
    assert p.suspect is not None
    assert (p.suspect.table, p.suspect.row_code, p.suspect.column) == (
        "expenditure",
        "2010101",
        "项目支出",
    )
    assert sorted((f.code, f.location.table) for f in errors if f.caused_by == p.id) == [
        ("YS202", "expenditure"),
        ("YS302", "gpb_expenditure"),
    ]
    # the web highlight lands on the suspect cell, not on the 合计
    table_no = next(i for i, t in enumerate(d.tables) if t.id.value == "expenditure")
    row = next(r for r in d.tables[table_no].rows if r.code == "2010101")
    col = next(c for c in d.tables[table_no].columns if c.key == "项目支出")
    assert anchor_for(d, p) == f"c-{table_no}-{row.index}-{col.index}"
    assert len(report.findings) == sum(c.findings for c in report.coverage)


def test_different_differences_are_not_grouped(tmp_path: Path) -> None:
    """Near miss: the 款 reprinted too (300.00). The 项 row is off by 163, the 款's column by
    26 (both errors at once): not one cell's doing, not grouped. The 款 cell itself explains its
    row total, its 类 and the other table's 款, all off by 137: that group is found."""
    report = check(load(copied(tmp_path, also_parent="300.00")))
    errors = {(f.code, f.location.table, f.location.row_code): f for f in report.findings}
    row = errors[("YS101", "expenditure", "2010101")]
    column = errors[("YS202", "expenditure", "20101")]
    assert (row.difference, column.difference) == ("-163", "-26")
    assert not (row.suspect or row.caused_by or column.suspect or column.caused_by)
    parent = errors[("YS101", "expenditure", "20101")]
    assert parent.suspect is not None
    assert (parent.suspect.row_code, parent.suspect.column, parent.suspect.text) == (
        "20101",
        "项目支出",
        "300.00",
    )
    assert not any(f.caused_by for f in check(load(DATA / "pingxiang-renda-2023.txt")).findings)


def test_text_report_heads_findings_with_the_chinese_title_and_nests_consequences(
    tmp_path: Path,
) -> None:
    out = run_yusuan("check", str(copied(tmp_path)), "--select", "YS1,YS2,YS3").stdout
    lines = out.splitlines()
    i = lines.index("错误 行合计不等于各分项之和（YS101）")
    assert lines[i + 2].startswith(
        "  疑点：《部门预算支出总表》 · 行“2010101 行政运行” · 列“项目支出”"
    )
    assert "    └ 连带 错误 功能分类“款”不等于其下各“项”之和（YS202）" in lines[i + 4 :]
    assert "应为 485.91 万元，实为 322.91 万元，相差 -163.00 万元" in lines[i + 3]
    assert any(re.match(r"规则的依据、错误示例与正确写法：yusuan rules", x) for x in lines)
    en = run_yusuan("check", str(copied(tmp_path)), "--select", "YS1", "--lang", "en").stdout
    assert "error YS101 row-total-mismatch" in en.splitlines()


def test_json_keeps_every_finding_with_its_link(tmp_path: Path) -> None:
    data = json.loads(run_yusuan("check", str(SIFAJU), "--format", "json").stdout)
    found = data["findings"]
    assert len(found) == sum(data["summary"].values())
    f = next(x for x in found if x["code"] == "YS202" and x["table"] == "expenditure")
    primary = next(x for x in found if x["id"] == f["caused_by"])
    assert (
        primary["suspect"]["row_code"] == "2040601" and primary["title"] == "行合计不等于各分项之和"
    )
    assert (f["unit"], f["actual_printed"], f["name"]) == (
        "元",
        "64,840,547.00",
        "function-section-sum-mismatch",
    )


def test_html_report_shows_printed_amounts_and_links_each_rule_page() -> None:
    html = render_html([sifaju()])
    assert '<a href="#rule-YS101">行合计不等于各分项之和</a>' in html
    assert 'id="rule-YS101"' in html and "<strong>正确写法</strong>" in html
    assert "14,348,853.34 元" in html
    assert 'class="finding error consequence"' in html
    assert "疑点：《2026年预算单位支出预算总表》" in html


def test_excel_export_has_numbers_filter_frozen_header_department_and_year() -> None:
    report = sifaju()
    wb = openpyxl.load_workbook(io.BytesIO(report_workbook(report)))
    ws = wb["问题清单"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["编号", "部门", "年度", "级别", "规则", "代码"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == len(report.findings)
    assert {(r["部门"], r["年度"]) for r in rows} == {("上海市普陀区司法局", 2026)}
    r = next(r for r in rows if r["代码"] == "YS101" and r["页码/行号"] == 11)
    assert (r["实为"], r["差额"], r["单位"]) == (14348853.34, -64840547, "元")
    assert r["实为（万元）"] == float(Decimal("1434.885334"))
    assert isinstance(r["应为"], float) and r["疑点"].startswith("《2026年预算单位支出预算总表》")
    consequence = next(r for r in rows if r["代码"] == "YS202" and r["连带于"])
    assert consequence["连带于"] in {r["编号"] for r in rows}


def test_web_rule_page_shows_its_basis_and_examples() -> None:
    client = TestClient(create_app(settings=Settings(max_upload_mb=1)))
    res = client.get("/rules/YS101")
    assert res.status_code == 200
    assert "行合计不等于各分项之和（YS101）" in res.text and "错误示例" in res.text
    assert client.get("/rules/YS999").status_code == 404


def test_web_report_heads_with_the_title_and_sends_the_primary_to_the_suspect_cell() -> None:
    client = TestClient(create_app(settings=Settings(max_upload_mb=1)))
    res = client.post(
        "/api/documents",
        files={"file": (SIFAJU.name, SIFAJU.read_bytes(), "application/octet-stream")},
    )
    assert res.status_code == 201
    doc = res.json()["id"]
    page = client.get(f"/doc/{doc}/report").text
    assert '<strong>行合计不等于各分项之和</strong>（<a class="rule" href="/rules/YS101"' in page
    d = load(SIFAJU)
    primary = next(f for f in sifaju().findings if f.suspect is not None)
    anchor = anchor_for(d, primary)
    assert anchor is not None and anchor != anchor_for(
        d, primary.model_copy(update={"suspect": None})
    )
    link = re.search(
        rf'href="(/doc/{doc}\?f=[^"]+)">疑点：{re.escape(primary.suspect.describe())}</a>', page
    )
    assert link is not None, "the primary links to its suspect cell"
    opened = client.get(html.unescape(link.group(1))).text
    assert f'data-target="{anchor}"' in opened  # the document page centres the suspect cell
    assert f'href="#{primary.id}">└ 连带 {primary.id}</a>' in page
    assert "14,348,853.34 元" in page


@cache
def leaf_codes() -> list[str]:
    t = load(DATA / "pingxiang-renda-2023.txt").table("expenditure")
    assert t is not None
    return [r.code for r in t.rows if r.code and len(r.code) == 7]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.data(),
    st.sampled_from(["合计", "基本支出", "项目支出"]),
    st.decimals(min_value=1, max_value=9999, places=2),
)
def test_any_changed_leaf_cell_is_the_one_suspect(
    tmp_path: Path, data: st.DataObject, column: str, delta: Decimal
) -> None:
    """Generated variants: any 项 cell of the reference's 支出总表 printed off by ``delta``
    gives one primary finding whose suspect is that cell, and every finding off by the same
    amount hangs under it."""
    code = data.draw(st.sampled_from(leaf_codes()))
    lines = REF_TEXT.split("\n")
    i = lines.index(f"\t{code}", lines.index("部门预算支出总表"))
    k = i + 2 + ["合计", "基本支出", "项目支出"].index(column)
    lines[k] = f"\t{Decimal(lines[k].strip() or 0) + delta:.2f}"
    path = tmp_path / f"{code}-{column}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = check(load(path))
    primaries = [f for f in report.findings if f.suspect is not None]
    assert len(primaries) == 1
    p = primaries[0]
    assert p.suspect is not None
    assert (p.suspect.table, p.suspect.row_code, p.suspect.column) == ("expenditure", code, column)
    same = [
        f
        for f in report.findings
        if f.difference is not None
        and f.severity.value != "info"
        and abs(Decimal(f.difference)) == delta
    ]
    assert len(same) >= 3 and all(f is p or f.caused_by == p.id for f in same)
    assert len(report.findings) == sum(c.findings for c in report.coverage)
