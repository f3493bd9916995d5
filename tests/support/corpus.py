"""Test corpus for the store: real-format variants of the reference document.

The reference text export (平乡县人大常委会 2023 部门预算) is copied with another
department line, another year and chosen amounts, and read by the real reader:
these are the "other departments and years" the store, ingest and diff tests
need. The store, ingest and diff tests import these helpers.
"""

from __future__ import annotations

import re
from pathlib import Path

from support import DATA, REFERENCE

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
