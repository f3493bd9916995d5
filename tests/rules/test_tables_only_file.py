"""The 情况说明 section rules (YS503–YS512) on a file holding only the tables of a split
package: its cover lines, 目录 rows and a foot note under a table are not a 情况说明, so the
rules could not run, saying the narrative is in another file (a mirror of the narrative-only
file's notice)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from support.layouts import Variant, write_variant
from support.rules import REF_TEXT, parse, reference
from yusuan.api import load
from yusuan.check import check
from yusuan.model import Disclosure, TableId
from yusuan.rules.completeness.narrative import TABLES_ONLY

SECTION_RULES = [f"YS5{n:02d}" for n in range(3, 13) if n != 8]  # YS508 is no section rule
FOOT = "2.采购品目名称根据《政府采购品目分类目录》规定品目名称填写。"


@pytest.fixture(scope="module")
def tables_only() -> Disclosure:
    v = Variant(numbering="公开07表", toc=True, under=((TableId.THREE_PUBLIC, FOOT),))
    with tempfile.TemporaryDirectory() as tmp:
        return load(write_variant(reference(), v, Path(tmp) / "tables.pdf"))


def test_tables_only_file_says_the_narrative_is_elsewhere(tables_only: Disclosure) -> None:
    assert any(FOOT in p.text for s in tables_only.narrative.walk() for p in s.paragraphs)
    report = check(tables_only, select=SECTION_RULES)
    assert not report.findings
    assert {c.status for c in report.coverage} == {"could_not_run"}
    assert all(TABLES_ONLY in (c.reason or "") for c in report.coverage)


def test_a_narrative_of_one_section_still_runs_the_section_rules() -> None:
    """Near miss: a file whose 情况说明 has only 部门职责 (one heading of its own and its
    sentence) is a 情况说明 missing its other sections: the rules run and fire."""
    start = REF_TEXT.index("第一部分  平乡县")
    end = REF_TEXT.index("机构设置：\n", start)
    text = REF_TEXT[: REF_TEXT.index("部门预算收支总表")] + REF_TEXT[start:end]
    report = check(parse(text), select=["YS503", "YS512"])
    assert [c.status for c in report.coverage] == ["ran", "ran"]
    assert [f.code for f in report.findings] == ["YS512"]
