"""Report.completeness: the documented limit of could-not-run rules (``check.INCOMPLETE_SHARE``)."""

from __future__ import annotations

import pytest

from yusuan.check import INCOMPLETE_SHARE, Coverage, DocumentInfo, Report


def report(ran: int, cannot: int, not_applicable: int = 5, tables: int = 9) -> Report:
    statuses = ["ran"] * ran + ["could_not_run"] * cannot + ["not_applicable"] * not_applicable
    coverage = tuple(
        Coverage(code=f"YS{100 + i}", name="n", title="t", status=s)  # type: ignore[arg-type]
        for i, s in enumerate(statuses)
    )
    return Report(document=DocumentInfo(tables=tables), findings=(), coverage=coverage)


@pytest.mark.parametrize(
    ("ran", "cannot", "incomplete"),
    [(7, 3, False), (6, 4, True), (10, 0, False), (0, 1, True), (28, 44, True), (70, 30, False)],
)
def test_more_than_the_share_of_applicable_rules_is_incomplete(
    ran: int, cannot: int, incomplete: bool
) -> None:
    assert INCOMPLETE_SHARE == (3, 10)
    r = report(ran, cannot)
    assert r.incomplete is incomplete
    assert r.completeness == {
        "incomplete": incomplete,
        "applicable": ran + cannot,
        "could_not_run": cannot,
        "limit": "3/10",
    }


def test_not_applicable_rules_do_not_count() -> None:
    assert not report(7, 3, not_applicable=80).incomplete


def test_no_table_read_is_incomplete_even_when_rules_ran() -> None:
    assert report(10, 0, tables=0).incomplete
    assert not report(10, 0, tables=1).incomplete


def test_the_share_is_compared_exactly() -> None:
    """The integer comparison is the exact one: every split of up to 200 applicable rules
    against 3/10 as a fraction (the boundary, 3 of 10 or 30 of 100, is not over)."""
    from fractions import Fraction

    for applicable in range(1, 201):
        for cannot in range(applicable + 1):
            r = report(applicable - cannot, cannot)
            assert r.incomplete is (Fraction(cannot, applicable) > Fraction(3, 10))
