"""The store's test corpus (``support.corpus``): variants of the reference read as other
departments and years."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from support.corpus import REF_TEXT, variant
from yusuan.api import load


def test_variant_is_read_as_another_department_and_year(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(variant("305", "测试县审计局", 2024, meeting="40.00"), encoding="utf-8")
    d = load(path)
    assert (d.department_code, d.department_name, d.year, d.kind) == (
        "305",
        "测试县审计局",
        2024,
        "预算",
    )
    exp = d.table("expenditure")
    assert exp is not None
    row = next(r for r in exp.rows if r.code == "2010104")
    col = exp.column("合计")
    assert col is not None and row.value(col.index) == Decimal("40.00")
    assert any("较2023年预算增加" in s.sentence for s in d.narrative.stated)


def test_variant_note_lands_in_the_narrative(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    note = "人大会议经费增加15万元，主要原因是召开换届选举会议。"
    path.write_text(variant(note=note), encoding="utf-8")
    texts = [p.text for s in load(path).narrative.walk() for p in s.paragraphs]
    assert any(note in t for t in texts)


def test_default_variant_is_the_reference() -> None:
    assert variant() == REF_TEXT
