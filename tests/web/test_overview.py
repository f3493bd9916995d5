"""The overview as a dashboard and the ranking page, over HTTP on a real store of corpus
copies: region facet, completeness against each document's own template, every list
exported as CSV and Excel (reopened by openpyxl, numbers numeric), and the ranking that
does not count a 部门 and its 单位 filing as two departments."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from support.round_store import ingested
from yusuan.families import families
from yusuan.regions import region_of
from yusuan.web.app import create_app
from yusuan.web.compare import Doc, rank
from yusuan.web.overview import completeness
from yusuan.web.store_repository import open_repository

FILES = (
    "jiangsu-2019-renda-dept-budget.pdf",  # 情况说明 …
    "jiangsu-2019-renda-dept-budget-tables.pdf",  # … and its 公开表: one document
    "jiangsu-2019-shengwei-dept-budget-tables.pdf",  # Jiangsu's 12-table template, all 12
    "jiangsu-2018-jianchayuan-dept-budget.pdf",  # a page extract: 7 of the standard 9
    "shanghai-putuo-2026-sifaju-dept-budget.pdf",  # a 部门's filing …
    "shanghai-putuo-2026-sifaju-unit-budget.pdf",  # … and its 单位's: not two departments
    "pingxiang-renda-2023.txt",
    "shanghai-putuo-2026-dept-budget-template.xlsx",  # a blank template
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db, summary = ingested(tmp_path_factory.mktemp("overview") / "round", FILES)
    assert summary.stored == len(FILES) and summary.packaged == 1
    return db


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    yield TestClient(create_app(open_repository(store)))


def _rows(html: str, table: str) -> list[str]:
    body = html.split(f'<table id="{table}">')[1].split("</table>")[0]
    return [re.sub(r"<[^>]+>", " ", r) for r in body.split("<tr")[2:]]


def _by_department(client: TestClient) -> dict[str, dict[str, object]]:
    rows = client.get("/api/documents").json()["documents"]
    return {f"{r['department']} {r['level']}": r for r in rows}


def test_completeness_counts_against_the_document_s_own_template(client: TestClient) -> None:
    rows = _by_department(client)
    shengwei = rows["中国共产党江苏省委员会办公厅 None"]  # its level is not printed
    assert (shengwei["completeness"], shengwei["required"], shengwei["missing"]) == (12, 12, "")
    assert "江苏省" in str(shengwei["family"])
    jianchayuan = rows["江苏省人民检察院 部门"]
    assert (jianchayuan["completeness"], jianchayuan["required"]) == (7, 9)
    assert jianchayuan["missing"] == "一般公共预算财政拨款支出表、国有资本经营预算财政拨款支出表"
    html = client.get("/overview").text
    assert "12/12" in html and "7/9" in html and "12/9" not in html
    # the missing tables list names each table with the documents lacking it
    missing = _rows(html, "missing-tables")
    assert any("国有资本经营预算财政拨款支出表" in r and "江苏省人民检察院" in r for r in missing)


def test_completeness_of_a_jiangsu_package_lacking_one_table() -> None:
    jiangsu = families()[0]
    have = {t.value for t in jiangsu.required if t.value != "procurement"}
    c = completeness("预算", have)
    assert (c["completeness"], c["required"], c["missing"]) == (11, 12, "政府采购预算表")
    standard = completeness("预算", {"summary", "revenue"})
    assert (standard["completeness"], standard["required"]) == (2, 9)


def test_region_from_the_department_name_through_the_data_file() -> None:
    assert region_of("上海市普陀区司法局") == "上海市普陀区"  # the district, not the city
    assert region_of("中国共产党江苏省委员会办公厅") == "江苏省"
    assert region_of(None, "平乡县人民代表大会常务委员会") == "河北省邢台市平乡县"
    assert region_of("某某街道办事处") is None


def test_region_facet_filters_every_list(client: TestClient) -> None:
    rows = _by_department(client)
    assert rows["上海市普陀区司法局 单位"]["region"] == "上海市普陀区"
    assert rows["江苏省人民代表大会常务委员会办公厅 部门"]["region"] == "江苏省"
    html = client.get("/overview").text
    assert "<option>江苏省</option>" in html and "<option>上海市普陀区</option>" in html
    jiangsu = client.get("/overview", params={"region": "江苏省"}).text
    shown = _rows(jiangsu, "overview")
    assert len(shown) == 3 and all("江苏" in r for r in shown)
    assert "文件 3" in jiangsu
    facets = _rows(jiangsu, "facet-counts")
    assert any("地区" in r and "江苏省" in r for r in facets)
    assert not any("上海市普陀区" in r for r in facets)


def test_every_list_exports_as_excel_with_numbers(client: TestClient) -> None:
    for name, first in (("documents", "部门/单位"), ("facets", "维度"), ("missing", "缺少的表")):
        got = client.get(f"/overview/{name}.xlsx", params={"region": "江苏省"})
        assert got.status_code == 200 and got.headers["content-type"].startswith(
            "application/vnd.openxmlformats"
        )
        sheet = load_workbook(io.BytesIO(got.content)).active
        assert sheet is not None
        header = [c.value for c in sheet[1]]
        assert header[0] == first
        assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"
        data = list(sheet.iter_rows(min_row=2, values_only=True))
        assert data, name
        if name == "documents":
            at = {h: i for i, h in enumerate(header)}
            assert len(data) == 3
            assert all(isinstance(r[at["错误"]], int) for r in data)
            assert all(isinstance(r[at["年度"]], int) for r in data)
            assert {r[at["地区"]] for r in data} == {"江苏省"}
            shengwei = next(r for r in data if r[0] == "中国共产党江苏省委员会办公厅")
            assert (shengwei[at["已有表"]], shengwei[at["应有表"]]) == (12, 12)
        if name == "facets":
            assert all(isinstance(r[2], int) and isinstance(r[3], int) for r in data)
        if name == "missing":
            assert all(isinstance(r[1], int) for r in data)


def test_every_list_exports_as_csv(client: TestClient) -> None:
    html = client.get("/overview").text
    for name in ("documents", "facets", "missing"):
        assert f'href="/overview/{name}.csv"' in html and f'href="/overview/{name}.xlsx"' in html
        got = client.get(f"/overview/{name}.csv")
        assert got.status_code == 200 and got.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
        if name == "documents":
            assert len(rows) == 1 + len(FILES) - 1  # the package is one document
            at = rows[0].index("错误")
            assert all(re.fullmatch(r"\d+", r[at]) for r in rows[1:])
            assert rows[-1][rows[0].index("空白模板")] == "是"  # listed last
    assert client.get("/overview/nothing.csv").status_code == 404
    assert client.get("/overview/documents.pdf").status_code == 404


def test_ranking_respects_level_and_kind(client: TestClient) -> None:
    page = client.get("/compare", params={"year": "2026", "metric": "三公"}).text
    rows = _rows(page, "ranking")
    assert len(rows) == 1  # the 部门's own filing; its 单位's is not a second department
    assert "上海市普陀区司法局" in rows[0] and "部门" in rows[0] and "10.81" in rows[0]
    unit = _rows(client.get("/compare?year=2026&metric=三公&level=单位").text, "ranking")
    assert len(unit) == 1 and "单位" in unit[0]
    both = client.get("/compare?year=2026&metric=三公&level=全部").text
    levels = re.findall(r'<tr data-level="([^"]+)"><td class="num rank">(\d*)</td>', both)
    assert levels == [("部门", "1"), ("单位", "1")]  # each level ranked on its own
    assert "XX局" not in both  # the blank template ranks nowhere


def test_ranking_exports_numbers(client: TestClient) -> None:
    got = client.get("/compare.xlsx?year=2026&metric=三公&also=人员经费&level=全部")
    sheet = load_workbook(io.BytesIO(got.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["排名", "部门编码", "部门名称", "类型", "级次"]
    assert header[5:7] == ["三公经费（万元）", "人员经费（万元）"]
    data = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in data] == ["部门", "单位"]
    assert all(isinstance(r[5], (int, float)) for r in data)
    assert abs(float(data[0][5]) - 10.81) < 0.005
    text = client.get("/compare.csv?year=2026&metric=三公").content.decode("utf-8-sig")
    assert "三公经费（万元）" in text and "10.81" in text


def test_unknown_metric_is_one_bilingual_error(client: TestClient) -> None:
    got = client.get("/compare?metric=不存在")
    assert got.status_code == 422
    assert "没有指标" in got.text and "no metric" in got.text


def test_one_row_per_department_per_level() -> None:
    docs = [
        Doc("a1", None, "甲局", "甲局", "预算", "部门", 2024, {"三公经费": Decimal("5")}),
        Doc("a2", None, "甲局", "甲局", "预算", "部门", 2024, {}),  # the same, without figures
        Doc("a3", None, "甲局", "甲局", "预算", "单位", 2024, {"三公经费": Decimal("2")}),
        Doc("b1", None, "乙局", "乙局", "预算", None, 2024, {"三公经费": Decimal("9")}),
        Doc("c1", None, "丙局", "丙局", "决算", "部门", 2024, {"三公经费": Decimal("99")}),
    ]
    rows = rank(docs, 2024, "预算", "部门", ["三公经费"])
    assert [(r["rank"], r["doc"].id, r["doc"].others) for r in rows] == [(1, "b1", 0), (2, "a1", 1)]
    assert [r["doc"].id for r in rank(docs, 2024, "预算", "全部", ["三公经费"])] == [
        "b1",
        "a1",
        "a3",
    ]
