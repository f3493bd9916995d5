"""Test corpus for the store: real-format variants of the reference document.

The reference text export (平乡县人大常委会 2023 部门预算) is copied with another
department line, another year and chosen amounts, and read by the real reader:
these are the "other departments and years" the store, ingest and diff tests
need. The helpers are imported by the other ``test_store*`` modules.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from yusuan.api import load

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "pingxiang-renda-2023.txt"
REF_TEXT = REFERENCE.read_text(encoding="utf-8")
REF_DEPT = "101平乡县人民代表大会常务委员会"
REF_NAME = "平乡县人民代表大会常务委员会"
REASON_ANCHOR = "主要原因是新增智慧人大项目。"
WANLI_2024 = DATA / "shanghai-putuo-2024-wanli-dept-budget.pdf"
# The whole 2025 package (31 pages: its 三公 table and the page explaining its changes);
# shanghai-putuo-2025-wanli-dept-budget.pdf is a 13-page excerpt the PDF reader tests use.
WANLI_2025 = DATA / "shanghai-putuo-2025-wanli-dept-budget-full.pdf"


def variant(
    code: str = "101",
    name: str = REF_NAME,
    year: int = 2023,
    *,
    meeting: str = "25.00",
    note: str = "",
    personnel: str = "405.07",
) -> str:
    """The reference text for another department and year.

    ``meeting`` replaces the 2010104 人大会议 amount (25.00) in every table that
    prints it; ``note`` is a sentence added to the narrative after the
    paragraph on the change against last year; ``personnel`` replaces 人员经费
    (405.07, printed in the 基本支出表 and the narrative).
    """
    text = REF_TEXT.replace(REF_DEPT, f"{code}{name}").replace(REF_NAME, name)
    text = text.replace("2023", "\0").replace("2022", str(year - 1)).replace("\0", str(year))
    text = re.sub(
        r"(\t2010104\n\t人大会议\n)((?:\t[^\n]*\n)*)",
        lambda m: m.group(1) + m.group(2).replace("25.00", meeting),
        text,
    )
    text = text.replace("405.07", personnel)
    if note:
        text = text.replace(REASON_ANCHOR, REASON_ANCHOR + note)
    return text


def write_variants(folder: Path, n: int, year: int = 2023) -> list[Path]:
    """``n`` distinct departments (codes 201, 202, …) as text exports in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"dept-{i:03d}-{year}.txt"
        path.write_text(variant(f"{201 + i}", f"测试县第{i + 1}局", year), encoding="utf-8")
        out.append(path)
    return out


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
