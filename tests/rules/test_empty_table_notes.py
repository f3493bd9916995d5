"""YS502 on the layouts real packages print an empty table's reason in: a note paragraph
directly under the table in a PDF (not a ``注：`` line, so read as a paragraph, and a PDF
table has no line number), a cell saying 此表为空, and the reason given in the sentence after
the one naming the table."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from support.layouts import TABLES, Variant, write_variant
from support.rules import REF_TEXT, chain, findings, reference, replace
from yusuan.api import load
from yusuan.check import check
from yusuan.model import TableId
from yusuan.rules.base import Severity

NOTE = "说明：本部门无相关收支项目。"
NO_FUND_NOTE = replace("注：无政府基金预算财政拨款预算，空表列示。\n", "")


def _ys502(v: Variant) -> list[str | None]:
    """The tables YS502 names (at any severity) in the tables of the reference printed as a
    PDF in layout ``v`` — a tables-only file, so an info (the reason may be in the
    narrative file of the package)."""
    with tempfile.TemporaryDirectory() as tmp:
        d = load(write_variant(reference(), v, Path(tmp) / "tables.pdf"))
    assert d.table(TableId.GOV_FUND) is not None
    found = check(d, select=["YS502"]).findings
    assert all(f.severity is Severity.INFO and "--package" in f.message for f in found)
    return [f.location.table for f in found]


@pytest.mark.parametrize("numbering", ["", "公开07表"])
def test_note_paragraph_under_an_empty_pdf_table_is_its_reason(numbering: str) -> None:
    assert _ys502(Variant(numbering=numbering)) == ["gov_fund"]  # no note: it fires
    noted = Variant(numbering=numbering, under=((TableId.GOV_FUND, NOTE),))
    assert _ys502(noted) == []


def test_note_under_another_table_is_not_the_empty_tables_reason() -> None:
    """Near miss: the same note printed under the table before the empty one (its page and
    position are before the empty table) does not explain it."""
    before = TABLES[TABLES.index(TableId.GOV_FUND) - 1]
    assert _ys502(Variant(under=((before, NOTE),))) == ["gov_fund"]


def test_this_table_is_empty_is_a_reason() -> None:
    said = replace("注：无政府基金预算财政拨款预算，空表列示。", "注：此表为空。")
    assert findings("YS502", said(REF_TEXT)) == []
    near = replace("注：无政府基金预算财政拨款预算，空表列示。", "注：此表为政府性基金支出表。")
    assert [f.location.table for f in findings("YS502", near(REF_TEXT))] == ["gov_fund"]


def test_reason_in_the_sentence_after_the_one_naming_the_table() -> None:
    """“…政府性基金支出预算支出0万元。与上年相比持平。主要原因是本部门无此项支出。”"""
    said = chain(
        NO_FUND_NOTE,
        replace(
            "基金预算收入0万元",
            "政府性基金预算收入0万元。与上年相比持平。主要原因是本部门无此项收入",
        ),
    )
    assert findings("YS502", said(REF_TEXT)) == []


def test_reason_after_another_subject_is_not_the_tables() -> None:
    """Near miss: the reason follows a sentence naming another table's subject."""
    said = chain(
        NO_FUND_NOTE,
        replace(
            "基金预算收入0万元",
            "政府性基金预算收入0万元。国有资本经营预算收入0万元。主要原因是本部门无此项收入",
        ),
    )
    assert [f.location.table for f in findings("YS502", said(REF_TEXT))] == ["gov_fund"]


def test_empty_table_in_a_file_with_its_narrative_is_a_warning() -> None:
    """The same empty table with no note, in a file holding its 情况说明 (the reference):
    the reason would be in this file, so its absence is a warning, not an info."""
    (f,) = findings("YS502", NO_FUND_NOTE(REF_TEXT))
    assert f.severity is Severity.WARNING and "--package" not in f.message
