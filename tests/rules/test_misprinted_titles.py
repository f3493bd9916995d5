"""A table printed under a misprinted title is not a missing table.

YS501 says “缺少《…》” (error) only when nothing printed could be the table.  A title that
comes close to the table's (``near_tables``: a word dropped, a character changed — even when
the misprint makes the title read as another table, or as a table of another template family)
makes it “未识别出《…》” (warning) naming the printed title where it is printed.  Generated
variants: every two-character word dropped from and every look-alike character put into the
titles of the nine standard tables of the reference.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.rules import REF_LINES, REF_TEXT, parse
from yusuan.check import check
from yusuan.recognize.titles import near_tables
from yusuan.rules.base import Severity

TITLES = {
    "summary": "部门预算收支总表",
    "revenue": "部门预算收入总表",
    "expenditure": "部门预算支出总表",
    "fiscal_summary": "部门预算财政拨款收支总表",
    "gpb_expenditure": "部门预算一般公共预算财政拨款支出表",
    "gpb_basic": "部门预算一般公共预算财政拨款基本支出表",
    "gov_fund": "部门预算政府基金预算财政拨款支出表",
    "soe_capital": "部门预算国有资本经营预算财政拨款支出表",
    "three_public": "部门预算财政拨款“三公”经费支出表",
}
#: characters a print or a font mix-up puts for another
LOOK_ALIKE = {"出": "岀", "拨": "拔", "预": "顸", "总": "怠", "收": "牧", "经": "径", "算": "箅"}


def misprints(title: str) -> list[tuple[str, str]]:
    """(kind, misprinted title): a two-character word dropped, a look-alike character."""
    head, body = title[:4], title[4:]  # 部门预算 stays: the misprint is in the table's name
    out = [("drop", head + body[:i] + body[i + 2 :]) for i in range(len(body) - 2)]
    out += [
        ("look-alike", head + body[:i] + LOOK_ALIKE[ch] + body[i + 1 :])
        for i, ch in enumerate(body)
        if ch in LOOK_ALIKE
    ]
    return [(k, t) for k, t in out if t.endswith("表")]


VARIANTS = [(tid, kind, t) for tid, title in TITLES.items() for kind, t in misprints(title)]


def title_line(title: str) -> int:
    return next(i for i, line in enumerate(REF_LINES, 1) if line.strip() == title)


def test_the_variants_cover_every_table_and_kind() -> None:
    assert {tid for tid, _, _ in VARIANTS} == set(TITLES)
    assert {k for _, k, _ in VARIANTS} == {"drop", "look-alike"}
    assert len(VARIANTS) >= 100


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant=st.sampled_from(VARIANTS))
def test_misprinted_title_is_no_missing_table(variant: tuple[str, str, str]) -> None:
    tid, _, printed = variant
    d = parse(REF_TEXT.replace(TITLES[tid], printed, 1))
    found = [f for f in check(d, select=["YS501"]).findings if f.code == "YS501"]
    assert not [f for f in found if f.severity is Severity.ERROR], [f.message for f in found]
    if d.table(tid) is None:  # not recognized: a warning that names the printed title, located
        (w,) = [f for f in found if f.location.table == tid]
        assert w.severity is Severity.WARNING
        assert f"“{printed}”" in w.message and "相近" in w.message
        assert w.location.line == title_line(TITLES[tid])


def test_named_examples() -> None:
    """The two forms the issue names: 国有资本预算… without 经营, 基本支岀表 with a look-alike."""
    for tid, printed in (
        ("soe_capital", "部门预算国有资本预算财政拨款支出表"),
        ("gpb_basic", "部门预算一般公共预算财政拨款基本支岀表"),
        ("gpb_expenditure", "部门预算一般公共财政拨款支出表"),  # reads as 财政拨款支出表
    ):
        d = parse(REF_TEXT.replace(TITLES[tid], printed, 1))
        report = check(d)
        (w,) = [f for f in report.findings if f.code == "YS501" and f.location.table == tid]
        assert w.severity is Severity.WARNING and printed in w.message
        # the rules that need the table say where it is printed
        reasons = [c.reason or "" for c in report.coverage if c.status == "could_not_run"]
        assert any(printed in r for r in reasons)


def test_near_miss_a_table_really_missing_is_an_error() -> None:
    """The table and its title gone, or an unrelated title in its place: still 缺少 (error)."""
    start = title_line(TITLES["soe_capital"])
    end = title_line(TITLES["three_public"])
    gone = "\n".join(REF_LINES[: start - 1] + REF_LINES[end - 1 :])
    other = REF_TEXT.replace(TITLES["soe_capital"], "部门预算整体支出绩效目标表", 1)
    for text in (gone, other):
        found = check(parse(text), select=["YS501"]).findings
        assert [(f.severity, f.location.table) for f in found] == [
            (Severity.ERROR, "soe_capital")
        ], [f.message for f in found]


def test_near_tables_is_measured_on_the_table_names() -> None:
    assert "soe_capital" in near_tables("国有资本预算财政拨款支出表")
    assert "gpb_expenditure" in near_tables("一般公共财政拨款支出表")
    assert "gpb_basic" in near_tables("一般公共预算财政拨款基本支岀表")
    # not near: an unrelated title, a 目录 part, a short name with a changed character
    assert near_tables("部门整体支出绩效目标表") == frozenset()
    assert near_tables("五、部门预算表") == frozenset()
    assert near_tables("部门预算收入总览表") == frozenset()
