"""The 问题清单 with one sheet per department besides the whole list (issue #14): each sheet
holds exactly its department's rows, laid out as the whole list (numbers numeric, filter,
frozen header); sheet names valid and distinct for Excel whatever the department is called."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from support import DATA, REFERENCE
from yusuan.cli import app
from yusuan.store import Store, ingest
from yusuan.store.issues import sheet_names

FILES = (
    REFERENCE.name,
    "jiangsu-2018-jianchayuan-dept-budget.pdf",
    "shanghai-putuo-2026-sifaju-unit-budget.pdf",
)


def test_one_sheet_per_department_with_exactly_its_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in FILES:
        shutil.copy(DATA / name, src / name)
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        ingest([src], store, jobs=0)
    out = tmp_path / "问题清单.xlsx"
    res = CliRunner().invoke(
        app, ["review", "export", "--db", str(db), "-o", str(out), "--per-department"]
    )
    assert res.exit_code == 0, res.output
    book = load_workbook(out)
    whole, *parts = book.worksheets
    assert whole.title == "问题清单" and len(parts) == 3
    rows = list(whole.iter_rows(min_row=2, values_only=True))
    by_department: dict[str, list[tuple[object, ...]]] = {}
    for row in rows:
        by_department.setdefault(str(row[0]), []).append(row)
    assert sum(len(v) for v in by_department.values()) == len(rows)
    for sheet in parts:
        mine = list(sheet.iter_rows(min_row=2, values_only=True))
        department = str(mine[0][0])
        assert mine == by_department[department]  # its rows, in the whole list's order
        assert sheet.title in department and sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:R{len(mine) + 1}"
        numbers = [r[12] for r in mine if r[12] is not None]  # 实为
        assert all(not isinstance(v, str) or not v[:1].isdigit() for v in numbers)
    # the web's button gives the same workbook
    from fastapi.testclient import TestClient

    from yusuan.web.app import create_app
    from yusuan.web.store_repository import open_repository

    web = TestClient(create_app(open_repository(db, read_only=True)))
    got = load_workbook(io.BytesIO(web.get("/review/issues.xlsx?per_department=1").content))
    assert [w.title for w in got.worksheets] == [w.title for w in book.worksheets]
    assert len(load_workbook(io.BytesIO(web.get("/review/issues.xlsx").content)).worksheets) == 1
    plain = CliRunner().invoke(
        app, ["review", "export", "--db", str(db), "-o", str(tmp_path / "b.xlsx")]
    )
    assert plain.exit_code == 0 and len(load_workbook(tmp_path / "b.xlsx").worksheets) == 1


@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=30))
def test_sheet_names_are_valid_and_distinct(names: list[str]) -> None:
    got = sheet_names(names, taken={"问题清单"})
    assert len(got) == len(names)
    assert len({g.lower() for g in got} | {"问题清单"}) == len(got) + 1
    for g in got:
        assert 1 <= len(g) <= 31 and not any(c in g for c in "[]:*?/\\")
        assert not g.startswith("'") and not g.endswith("'") and g.lower() != "history"
