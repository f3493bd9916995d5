"""The 决算情况说明填报 sheet: the 决算 情况说明's inputs in the input workbook.

A real corpus 决算 (中共上海市普陀区委社会工作部 2024, ``tests/data``) goes through
``template --from`` → workbook → render, and its 情况说明 is the one composed from the PDF
directly; a blank ``template --kind 决算`` workbook filled by openpyxl renders the filled
fields without a placeholder and asks for the unfilled one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from support import FINAL, run_yusuan
from yusuan.api import load
from yusuan.model import Disclosure, TableId
from yusuan.render.blocks import Heading, Package, Para
from yusuan.render.final_inputs import FinalInputs, collect_final
from yusuan.render.final_sheet import fields, final_inputs, item_fields, sheet_rows
from yusuan.render.final_words import wording
from yusuan.render.inputs import FINAL_REASONS_TITLE
from yusuan.render.package import compose

BLUE = "DDEBF7"
PLACEHOLDER = "【待填写："
VEHICLE_KINDS = wording()["vehicle_kinds"]


@pytest.fixture(scope="module")
def final() -> Disclosure:
    return load(FINAL)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("from") / "决算填报.xlsx"
    done = run_yusuan("template", "--from", str(FINAL), "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("blank") / "决算填报.xlsx"
    done = run_yusuan("template", "--kind", "决算", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


def _narrative(pkg: Package) -> list[str]:
    part = pkg.parts[2]
    assert "情况说明" in part.title
    return [b.text for b in part.blocks if isinstance(b, (Para, Heading))]


def _rows(ws: Worksheet) -> dict[str, int]:
    """The sheet's row of each 项目 label."""
    return {str(ws.cell(r, 2).value): r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value}


def test_sheet_prefilled_from_the_published_text_reads_back_the_same(
    final: Disclosure, workbook: Path
) -> None:
    again = load(workbook)
    sheet = [t for t in again.tables if t.title == FINAL_REASONS_TITLE]
    # a table of its own: not taken for the 三公 or 政府采购 table by its rows
    assert [t.id for t in sheet] == [TableId.UNKNOWN]
    assert [t.id for t in again.tables].count(TableId.THREE_PUBLIC) == 1
    stated = collect_final(final)
    assert final_inputs(again) == stated
    # what the published text states is in the sheet, each 项 with its rows
    assert stated.changes["total"] == Decimal("307.82")
    assert stated.procurement["sme_awarded"] == Decimal("21.07")
    assert stated.perf_projects == {"targets": 1, "tracking": 1, "self_evaluation": 1}
    ws = openpyxl.load_workbook(workbook)[FINAL_REASONS_TITLE]
    rows = _rows(ws)
    assert ws.cell(rows["收入支出总计比上年增减额"], 3).value == 307.82
    assert ws.cell(rows["收入支出总计增减主要原因"], 4).value == "单位于2024年成立"
    item = "一般公共服务支出（类）社会工作事务（款）行政运行（项）"
    assert ws.cell(rows[f"{item}：全年预算"], 3).value == 52
    assert ws.cell(rows[f"{item}：主要用途"], 4).value == "行政单位人员支出、公用支出"
    assert len([k for k in rows if "（项）：" in k]) == 9 * len(item_fields())


def test_final_from_the_workbook_says_what_the_pdf_says(final: Disclosure, workbook: Path) -> None:
    direct = compose(final)
    rebuilt = compose(load(workbook))
    text = _narrative(rebuilt)
    assert text == _narrative(direct)
    assert not [p for p in text if PLACEHOLDER in p] and rebuilt.todo == []
    joined = "\n".join(text)
    for said in ("增加307.82万元", "全年预算为52.00万元", "主要用于：行政单位人员支出、公用支出",
                 "编报绩效目标的2024年度项目1个", "21.07万元"):  # fmt: skip
        assert said in joined, said


def _fill(ws: Worksheet, values: dict[str, object]) -> None:
    rows = _rows(ws)
    by_label = {f.label: f for f in fields()}
    for label, value in values.items():
        col = 4 if by_label[label].kind == "text" else 3
        ws.cell(rows[label], col).value = value


def test_blank_workbook_filled_renders_the_filled_fields(blank: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(blank)
    ws = book[FINAL_REASONS_TITLE]
    assert all(ws.cell(r, c).value in (None, "") for r in _rows(ws).values() for c in (3, 4))
    info = book["部门基本信息"]
    info["B3"], info["B5"] = "测试局", "2024"
    _fill(
        ws,
        {
            "机关运行经费支出": 36.5,
            "机关运行经费比上年增减额": -3.5,
            "机关运行经费增减主要原因": "压减日常公用经费",
            "政府采购支出总额": 120,
            "其中：政府采购货物支出": 100,
            "其中：政府采购工程支出": 0,
            "其中：政府采购服务支出": 20,
            "面向中小企业预留的采购预算额": 80,
            "面向小微企业预留的采购预算额": 60,
            "预留项目授予中小企业合同金额": 75,
            "预留项目授予小微企业合同金额": 55,
            # 其他采购授予中小企业合同金额 left blank: asked for
            "年末共有车辆（辆）": 3,
            **{f"其中：{k}（辆）": 0 for k in VEHICLE_KINDS if k != "其他用车"},
            "其中：其他用车（辆）": 3,
            "单价100万元（含）以上设备（不含车辆，台套）": 1,
            "预算绩效管理制度": "制定《测试局预算绩效管理办法》",
            "编报绩效目标的项目数（个）": 4,
            "编报绩效目标的项目涉及预算金额": 250.25,
        },
    )
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    pkg = compose(load(filled))
    text = [b.text for b in pkg.parts[2].blocks if isinstance(b, Para)]

    def para(start: str) -> str:
        found = [p for p in text if start in p]
        assert len(found) == 1, (start, found)
        return found[0]

    running = para("机关运行经费支出")
    assert "36.50万元" in running and "减少3.50万元" in running and "压减日常公用经费" in running
    assert PLACEHOLDER not in running
    buy = para("政府采购金额（以合同签订为准）")
    assert PLACEHOLDER not in buy and re.search(r"120\.00万元.*100\.00万元.*20\.00万元", buy)
    sme = para("面向中小企业预留")
    assert sme.count(PLACEHOLDER) == 1 and "75.00万元" in sme and "55.00万元" in sme
    assets = para("共有车辆")
    assert PLACEHOLDER not in assets and "共有车辆3辆" in assets and "其他用车3辆" in assets
    perf = para("预算绩效管理制度")
    assert PLACEHOLDER not in perf and "测试局预算绩效管理办法" in perf
    assert "项目4个" in perf and "250.25万元" in perf
    # the 三公 reasons and last year's changes were not filled: still asked for
    assert any(PLACEHOLDER in p and "收入支出总计" in p for p in text)


def test_a_count_that_is_not_a_whole_number_is_one_line(blank: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(blank)
    _fill(book[FINAL_REASONS_TITLE], {"年末共有车辆（辆）": "三辆"})
    info = book["部门基本信息"]
    info["B3"], info["B5"] = "测试局", "2024"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    done = run_yusuan("render", str(bad), "--to", "html", "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "年末共有车辆（辆）" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_sheet_inputs_unlocked_labels_locked(blank: Path, workbook: Path) -> None:
    for path in (blank, workbook):
        book = openpyxl.load_workbook(path)
        assert "情况说明填报" not in book.sheetnames  # the 预算 sheet is not in a 决算 workbook
        ws = book[FINAL_REASONS_TITLE]
        assert book.sheetnames.index(FINAL_REASONS_TITLE) == 2
        assert ws.protection.sheet and not ws.protection.password
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows is not None
        assert [c.value for c in ws[2]] == [
            "序号",
            "项目",
            "数量或金额（万元）",
            "文字说明",
            "填写要求",
        ]
        assert ws["A3"].value == "栏次" and ws["A3"].protection.locked
        kinds = {f.label: f.kind for f in (*fields(), *item_fields())}
        rows = _rows(ws)
        assert len(rows) >= len(fields())
        checked = {str(r) for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges}
        for label, r in rows.items():
            kind = kinds[label.rpartition("：")[2]] if "（项）：" in label else kinds[label]
            inp = ws.cell(r, 4 if kind == "text" else 3)
            other = ws.cell(r, 3 if kind == "text" else 4)
            assert not inp.protection.locked and inp.fill.fgColor.rgb.endswith(BLUE), label
            assert other.protection.locked and ws.cell(r, 2).protection.locked, label
            assert (f"C{r}" in checked) == (kind != "text"), label


_AMOUNT = st.decimals(min_value=-99999, max_value=99999, places=2).map(lambda v: v.normalize())
_WORDS = st.text(alphabet="预算增加减少人员经费压减会议0123", min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)


@st.composite
def _inputs(draw: st.DrawFn) -> FinalInputs:
    fi = FinalInputs()
    for f in fields():
        if not draw(st.booleans()):
            continue
        if f.kind == "text":
            value: object = draw(_WORDS)
        elif f.kind == "count":
            value = draw(st.integers(min_value=0, max_value=999))
        else:
            value = draw(_AMOUNT)
        attr, _, sub = f.key.partition(".")
        if isinstance(getattr(fi, attr), dict):
            getattr(fi, attr)[sub] = value
        else:
            setattr(fi, attr, value)
    return fi


@given(fi=_inputs())
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_filled_sheet_reads_back_as_filled(
    blank: Path, tmp_path: Path, fi: FinalInputs
) -> None:
    """Whatever the officer fills (amounts of either sign, counts, words, blanks) reads back
    as filled, through a real saved workbook."""
    book = openpyxl.load_workbook(blank)
    ws = book[FINAL_REASONS_TITLE]
    rows = _rows(ws)
    for row in sheet_rows(fi, []):
        if row.value is not None:
            value = float(row.value) if isinstance(row.value, Decimal) else row.value
            ws.cell(rows[row.label], 4 if row.field.kind == "text" else 3).value = value
    path = tmp_path / "filled.xlsx"
    book.save(path)
    assert final_inputs(load(path)) == fi
