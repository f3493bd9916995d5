"""Amounts in findings as the document prints them (yusuan.rules.printed)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from yusuan.amounts import Unit, convert, parse_amount
from yusuan.rules.printed import Style, money, printed, style_of


def test_style_is_read_off_the_printed_cells() -> None:
    assert style_of(Unit.YUAN, ["14,348,853.34", "0.00", None, ""]) == Style(Unit.YUAN, 2, True)
    assert style_of(Unit.YUAN, ["503,724", "0"]) == Style(Unit.YUAN, 0, True)
    assert style_of(Unit.WAN, ["2961.68", "6.8"]) == Style(Unit.WAN, 2, False)
    assert style_of(Unit.WAN, ["6.80"]) == Style(Unit.WAN, 2, None)  # too short to tell
    assert style_of(None, []) == Style(None, None, None)


def test_a_yuan_figure_is_shown_as_printed_with_its_wan_value_beside() -> None:
    style = style_of(Unit.YUAN, ["14,348,853.34"])
    wan = Decimal("1434.885334")
    assert printed(wan, style) == "14,348,853.34"
    assert money(wan, style) == "14,348,853.34 元（约1,434.89 万元）"
    assert money(-wan, style, beside=False) == "-14,348,853.34 元"
    assert money(Decimal(0), style) == "0.00 元"
    assert money(None, style) == "空"


def test_wan_figures_keep_the_printed_decimals_and_name_the_unit() -> None:
    style = style_of(Unit.WAN, ["6.80", "163.00"])
    assert money(Decimal("6.8"), style) == "6.80 万元"
    assert money(Decimal("-1"), style) == "-1.00 万元"
    # a table naming no unit: the form, no unit claimed
    assert money(Decimal("593.58"), style_of(None, ["593.58"])) == "593.58"


def test_a_digit_the_exact_value_has_is_never_hidden() -> None:
    """A figure printed to whole 元 summed with one printed to fen keeps the fen."""
    style = style_of(Unit.YUAN, ["503,724"])
    assert printed(Decimal("50.372401"), style) == "503,724.01"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(list(Unit)),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
)
def test_printed_reads_back_to_the_exact_value(
    value: Decimal, unit: Unit, places: int, grouped: bool
) -> None:
    """Round trip: the printed text, parsed as a cell is, is the value in the unit, exactly."""
    wan = convert(value, unit, Unit.WAN)
    text = printed(wan, Style(unit, places, grouped))
    assert parse_amount(text) == value
    assert ("," in text) == (grouped and abs(value) >= 1000)
