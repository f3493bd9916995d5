"""Property: the 绩效自评 workbook carries targets and entries exactly, whatever the layout
of the printed forms — template from a generated PDF, filled with drawn results, read back
and scored equals scoring the recognized targets directly."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.performance_forms import FormVariant, write_forms
from support.selfeval import indicator_rows, sheet_of
from yusuan.api import load
from yusuan.model import Disclosure
from yusuan.render.performance_filled import read_filled
from yusuan.render.performance_workbook import write_performance_template
from yusuan.rules.performance.evaluation import evaluate
from yusuan.rules.performance.scoring import Result, score_project

VARIANTS = (
    FormVariant(),
    FormVariant(left_column=False, merged=False),
    FormVariant(form=False, left_column=False, described=True, per_page=2),
)
_KEEP = TemporaryDirectory()


@cache
def _disclosure(v: FormVariant) -> Disclosure:
    return load(write_forms(v, Path(_KEEP.name) / f"{v}.pdf"))


money = st.decimals(min_value=1, max_value=10_000, places=2)
actual = st.decimals(min_value=0, max_value=20_000, places=2)
grade = st.sampled_from(["达成", "部分达成", "未达成"])


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(v=st.sampled_from(VARIANTS), data=st.data(), budget=money, executed=money)
def test_the_workbook_scores_what_the_forms_print(
    v: FormVariant, data: st.DataObject, budget: Decimal, executed: Decimal, tmp_path: Path
) -> None:
    d = _disclosure(v)
    assert d.performance
    template = write_performance_template(tmp_path / "t.xlsx", d)
    book = openpyxl.load_workbook(template)
    expected = {}
    for t in d.performance:
        ws = sheet_of(book, t.project)
        ws["C6"], ws["D6"] = budget, executed
        rows = indicator_rows(ws)
        assert list(rows) == [i.level3 for i in t.indicators]
        results = []
        for ind in t.indicators:
            r = rows[ind.level3]
            assert ws.cell(r, 4).value == ind.value_text
            if ind.value is not None:
                got = data.draw(actual)
                ws.cell(r, 5).value = got
                results.append(Result(ind, actual=got))
            else:
                g = data.draw(grade)
                ws.cell(r, 5).value = g
                results.append(Result(ind, grade=g))
        expected[t.project] = score_project(t.project, budget, executed, results)
    book.save(tmp_path / "filled.xlsx")
    department, year, projects = read_filled(tmp_path / "filled.xlsx")
    e = evaluate(department, year, projects)
    assert {p.filled.project: p.score.total for p in e.projects} == {
        k: s.total for k, s in expected.items()
    }
    assert [p.filled.initial for p in e.projects] == [
        t.budget / 10000 if t.budget is not None else None for t in d.performance
    ]
