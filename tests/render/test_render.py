"""Rendering the standard package: round trips, the generated 情况说明, the gate."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from support import rendered_golden
from yusuan.api import load
from yusuan.check import check
from yusuan.facts import facts
from yusuan.model import Disclosure, TableId
from yusuan.render.package import UNVERIFIED, compose
from yusuan.render.run import GateBlocked, render

WRITERS = ("xlsx", "docx", "html")


@pytest.fixture(scope="module")
def rendered(reference: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("rendered")
    result = render(reference, (*WRITERS, "pdf"), out, stem="reference")
    return {p.suffix[1:]: p for p in result.paths}


@pytest.mark.parametrize("fmt", WRITERS)
def test_round_trip_gives_the_reference_facts(rendered: dict[str, Path], fmt: str) -> None:
    again = load(rendered[fmt])
    assert facts(again) == rendered_golden()
    assert (again.department_code, again.department_name, again.year, again.kind, again.level) == (
        "101", "平乡县人民代表大会常务委员会", 2023, "预算", "部门",
    )  # fmt: skip


@pytest.mark.parametrize("fmt", WRITERS)
def test_rendered_file_checks_without_errors(rendered: dict[str, Path], fmt: str) -> None:
    report = check(load(rendered[fmt]))
    assert report.summary["error"] == 0, report.flatten()


# The 情况说明 figures of the reference (subject as the reference states it → as generated).
REFERENCE_FIGURES = [
    ("预算收入", "预算收入", "593.58", None),
    ("一般公共预算收入", "一般公共预算收入", "593.58", None),
    ("基金预算收入", "政府性基金预算收入", "0", None),
    ("财政专户核拨收入", "财政专户管理资金收入", "0", None),
    ("其他来源收入", "其他来源收入", "0", None),
    ("上年结转", "上年结转", "0", None),
    ("部门支出预算", "部门支出预算", "593.58", None),
    ("基本支出", "基本支出", "430.58", None),
    ("人员经费", "人员经费", "405.07", None),
    ("日常公用经费", "日常公用经费", "25.51", None),
    ("项目支出", "项目支出", "163", None),
    ("部门预算收支", "部门预算收支", "593.58", None),
    ("部门预算收支", "部门预算收支", "2.75", "增加"),
    ("基本支出", "基本支出", "3.25", "减少"),
    ("项目支出", "项目支出", "6", "增加"),
    ("机关运行经费", "机关运行经费", "25.51", None),
    ("财政拨款三公经费预算", "财政拨款三公经费预算", "8.3", None),
    ("因公出国（境）费", "因公出国（境）费", "0", None),
    ("公务用车购置及运维费", "公务用车购置及运维费", "6.8", None),
    ("公务用车购置费", "公务用车购置费", "0", None),
    ("公务用车运行维护费", "公务用车运行维护费", "6.8", None),
    ("公务接待费", "公务接待费", "1.5", None),
    ("三公经费", "三公经费", "4.7", "减少"),
    ("政府采购预算", "政府采购预算", "0", None),
    ("固定资产", "共有固定资产", "155.59", None),
    ("拟购置固定资产", "拟购置固定资产", "15", None),
]


def _money(d: Disclosure) -> list[tuple[str, Decimal, str | None]]:
    return [
        (s.subject, s.value, s.direction)
        for s in d.narrative.stated
        if s.kind != "percent" and not any("绩效" in t for t in s.section)
    ]


def test_reference_states_these_figures(reference: Disclosure) -> None:
    want = [(a, Decimal(v), d) for a, _, v, d in REFERENCE_FIGURES]
    assert [(s, v.normalize(), d) for s, v, d in _money(reference)] == [
        (s, v.normalize(), d) for s, v, d in want
    ]


def test_generated_narrative_states_the_same_figures(rendered: dict[str, Path]) -> None:
    again = load(rendered["html"])
    got = {(s, v.normalize(), d) for s, v, d in _money(again)}
    for _, generated, value, direction in REFERENCE_FIGURES:
        assert (generated, Decimal(value).normalize(), direction) in got, generated


def test_pdf_text_is_extractable_and_holds_every_amount(
    reference: Disclosure, rendered: dict[str, Path]
) -> None:
    import pdfplumber

    with pdfplumber.open(rendered["pdf"]) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert "平乡县人民代表大会常务委员会" in pages[0] and "2023年部门预算" in pages[0]
    assert "收入说明" in "".join(pages) and "593.58万元" in "".join(pages)
    pkg = compose(reference)
    for block in pkg.tables():
        grid = block.grid
        start = next(i for i, t in enumerate(pages) if grid.title in t and i > 1)
        # the table's pages: from its title page to the page before the next table title
        later = [b.grid.title for b in pkg.tables() if b.grid.title != grid.title]
        end = next(
            (i for i in range(start + 1, len(pages)) if any(t in pages[i] for t in later)),
            len(pages),
        )
        text = "".join(pages[start:end])
        for row in grid.body:
            for cell, kind in zip(row, grid.kinds, strict=True):
                if kind == "amount" and cell:
                    assert cell in text, (grid.title, cell)


def test_pdf_round_trip(rendered: dict[str, Path]) -> None:
    assert facts(load(rendered["pdf"])) == rendered_golden()


def test_gate_blocks_a_package_that_does_not_add_up(reference: Disclosure, tmp_path: Path) -> None:
    table = reference.table(TableId.EXPENDITURE)
    assert table is not None
    total = table.rows[0]
    bad_cell = total.cells[3].model_copy(update={"value": Decimal("600.00"), "text": "600.00"})
    bad_row = total.model_copy(update={"cells": {**total.cells, 3: bad_cell}})
    bad_table = table.model_copy(update={"rows": (bad_row, *table.rows[1:])})
    bad = reference.model_copy(
        update={"tables": tuple(bad_table if t is table else t for t in reference.tables)}
    )
    with pytest.raises(GateBlocked) as blocked:
        render(bad, ("html",), tmp_path / "out")
    assert any(f.startswith("YS101 error expenditure") for f in blocked.value.report.flatten())
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    forced = render(bad, ("html", "pdf"), tmp_path / "out", force=True, stem="forced")
    assert forced.package.unverified
    html = (tmp_path / "out" / "forced.html").read_text(encoding="utf-8")
    assert f'<div class="unverified">{UNVERIFIED}</div>' in html
    import pdfplumber

    with pdfplumber.open(tmp_path / "out" / "forced.pdf") as pdf:
        assert all(UNVERIFIED in (p.extract_text() or "") for p in pdf.pages)
