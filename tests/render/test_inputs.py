"""The input workbook, the JSON model as input, missing reasons, the CLI verbs, and a
property test: generated tables printed by each writer read back to the same facts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from typer.testing import CliRunner

from support import golden, rendered_golden
from yusuan.api import load
from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.facts import facts
from yusuan.model import Cell, Disclosure, Row, TableId
from yusuan.render import standard
from yusuan.render.inputs import FIELD, REASONS_TITLE
from yusuan.render.package import Package, Part, TableBlock, compose, grid_of
from yusuan.render.run import render
from yusuan.render.template import write_template

runner = CliRunner()


@pytest.fixture(scope="module")
def filled(reference: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("wb") / "填报.xlsx", reference)


def test_blank_template_is_the_empty_official_package(tmp_path: Path) -> None:
    path = write_template(tmp_path / "blank.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:4] == ["部门基本信息", "部门职责", "情况说明填报", "部门机构设置情况"]
    ws = book["部门预算收支总表"]
    assert ws["B1"].value is None and ws["A1"].value == "部门预算收支总表"
    assert any("一、一般公共预算拨款收入" == c.value for row in ws.iter_rows() for c in row)
    assert ws.data_validations.dataValidation, "amount cells carry a number check"
    d = load(path)
    ids = {t.id for t in d.tables}
    assert set(standard.ORDER) <= ids and TableId.ORG in ids
    with pytest.raises(InputError) as exc:
        compose(d)
    assert "“部门基本信息”工作表 B3 单元格" in str(exc.value)


def test_filled_workbook_renders_the_reference(filled: Path, tmp_path: Path) -> None:
    d = load(filled)
    assert (d.department_name, d.year) == ("平乡县人民代表大会常务委员会", 2023)
    out = render(d, ("html",), tmp_path, stem="from-workbook")
    again = load(out.paths[0])
    assert facts(again) == rendered_golden()
    stated = {(s.subject, s.value.normalize()) for s in again.narrative.stated}
    assert ("三公经费", Decimal("4.7")) in stated and ("部门预算收支", Decimal("2.75")) in stated


def test_missing_reason_names_the_cell(filled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    cell = FIELD["three_reason"].cell
    assert cell == "D10"
    book[REASONS_TITLE][cell] = None
    book.save(tmp_path / "no-reason.xlsx")
    result = runner.invoke(app, ["render", str(tmp_path / "no-reason.xlsx"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"“{REASONS_TITLE}”工作表 D10 单元格" in result.output
    assert not list(tmp_path.glob("*.html"))


def test_json_model_reads_to_the_same_facts(reference: Disclosure, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(reference.model_dump_json(indent=2), encoding="utf-8")
    again = load(path)
    assert again.source is not None and again.source.format == "json"
    assert facts(again) == golden()
    (tmp_path / "bad.json").write_text('{"tables": 1, "narrative": {}}', encoding="utf-8")
    result = runner.invoke(app, ["parse", str(tmp_path / "bad.json")])
    assert result.exit_code == 2 and "不是 yusuan 的数据模型" in result.output


def test_cli_render_exit_codes(tmp_path: Path) -> None:
    ok = runner.invoke(
        app, ["render", "tests/data/pingxiang-renda-2023.txt", "--to", "html", "-o", str(tmp_path)]
    )
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "平乡县人民代表大会常务委员会2023年部门预算.html").exists()
    bad = runner.invoke(app, ["render", "tests/data/pingxiang-renda-2023.txt", "--to", "odt"])
    assert bad.exit_code == 2 and "不支持的输出格式" in bad.output
    made = runner.invoke(app, ["template", "-o", str(tmp_path / "t.xlsx")])
    assert made.exit_code == 0 and (tmp_path / "t.xlsx").exists()


# ------------------------------------------------------------------ property test

amounts = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
)
CODES = ["201", "20101", "2010101", "2010102", "208", "20805", "2080505", "221"]


@st.composite
def expenditure_tables(draw: st.DrawFn) -> Disclosure:
    form = standard.form(TableId.EXPENDITURE)
    assert form is not None
    base = standard.empty_table(form)
    codes = sorted(draw(st.sets(st.sampled_from(CODES), min_size=1, max_size=6)))
    rows = []
    for i, code in enumerate(codes):
        cells = {
            c: Cell(text="", value=v)
            for c in (3, 4, 5, 6, 7, 8)
            if (v := draw(amounts)) is not None
        }
        if not cells:
            cells = {3: Cell(text="", value=Decimal("1.00"))}
        label = f"科目{code}"
        rows.append(Row(index=i, seq=str(i + 1), code=code, label=label, item=label, cells=cells))
    unit = draw(st.sampled_from([standard.Unit.WAN, standard.Unit.YUAN]))
    table = base.model_copy(update={"rows": tuple(rows), "unit": unit, "notes": ()})
    return Disclosure(
        kind="预算", level="部门", department_name="测试局", year=2024, unit=unit, tables=(table,)
    )


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(d=expenditure_tables())
def test_generated_tables_read_back(fmt: str, d: Disclosure, tmp_path: Path) -> None:
    from importlib import import_module

    table = d.tables[0]
    pkg = Package("测试局", None, 2024, "预算", "部门", [])
    pkg.parts = [
        Part(
            "第二部分 2024年部门预算公开表",
            "部门预算公开表",
            [TableBlock(table, grid_of(pkg, table))],
        )
    ]
    path = tmp_path / f"t.{fmt}"
    getattr(import_module(f"yusuan.render.{fmt}"), f"write_{fmt}")(pkg, path)
    again = load(path)
    assert facts(again) == facts(d)


def test_workbook_colours_its_input_cells_and_locks_its_labels(filled: Path) -> None:
    book = openpyxl.load_workbook(filled)
    blue = "DDEBF7"
    for ws in book.worksheets:
        assert ws.protection.sheet and not ws.protection.password, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        inputs = [
            c
            for row in ws.iter_rows()
            for c in row
            if not c.protection.locked and not isinstance(c, MergedCell)
        ]
        assert inputs, ws.title
        assert all(c.fill.fgColor.rgb.endswith(blue) for c in inputs)
    info = book["部门基本信息"]
    assert info["B3"].value == "平乡县人民代表大会常务委员会" and not info["B3"].protection.locked
    assert info["A3"].protection.locked and not info["A3"].fill.fgColor.rgb.endswith(blue)
    ws = book["部门预算支出总表"]
    assert ws.print_title_rows is not None and ws.print_title_rows.startswith("$1:$")
    amount = next(c for row in ws.iter_rows() for c in row if c.value == 485.91)
    assert not amount.protection.locked and amount.fill.fgColor.rgb.endswith(blue)
    title = ws["A1"]
    assert title.protection.locked and title.value == "部门预算支出总表"
    assert ws.data_validations.dataValidation, "the number check is kept"
    summary = book["部门预算收支总表"]
    label = next(c for row in summary.iter_rows() for c in row if c.value == "收入总计")
    assert label.protection.locked
