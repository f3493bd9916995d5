"""The reference's tables written as .docx and .xlsx (merged headers, as published
files have them) parse to exactly the same facts as the text export."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import golden
from support.builders import write_docx, write_xlsx
from yusuan.api import load
from yusuan.facts import facts
from yusuan.model import Disclosure


@pytest.mark.parametrize("writer", [write_docx, write_xlsx], ids=["docx", "xlsx"])
def test_same_facts_in_every_format(reference: Disclosure, writer: object, tmp_path: Path) -> None:
    suffix = ".docx" if writer is write_docx else ".xlsx"
    path = writer(reference, tmp_path / f"reference{suffix}")  # type: ignore[operator]
    again = load(path)
    assert facts(again) == golden()
    assert (again.department_code, again.department_name, again.year, again.unit) == (
        "101", "平乡县人民代表大会常务委员会", 2023, reference.unit,
    )  # fmt: skip
    assert [t.id for t in again.tables] == [t.id for t in reference.tables]
    for a, b in zip(again.tables, reference.tables, strict=True):
        assert [c.key for c in a.columns] == [c.key for c in b.columns], a.title
        assert [(r.code, r.item, r.depth) for r in a.rows] == [
            (r.code, r.item, r.depth) for r in b.rows
        ], a.title


def test_docx_keeps_the_narrative(reference: Disclosure, tmp_path: Path) -> None:
    again = load(write_docx(reference, tmp_path / "reference.docx"))
    got = [(s.subject, s.value, s.kind) for s in again.narrative.stated]
    want = [(s.subject, s.value, s.kind) for s in reference.narrative.stated]
    assert got == want
    assert [p.project for p in again.performance] == [p.project for p in reference.performance]
    assert [len(p.indicators) for p in again.performance] == [
        len(p.indicators) for p in reference.performance
    ]
