"""Amount parsing and unit conversion: exact, blanks kept blank."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.amounts import Unit, convert, find_unit, is_amount_text, parse_amount, plain, to_wan

amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False
)


def with_thousands(value: Decimal) -> str:
    return f"{value:,.2f}"


@given(amounts)
def test_thousands_separators_round_trip(value: Decimal) -> None:
    assert parse_amount(with_thousands(value)) == value
    assert parse_amount(f" {value} ") == value
    assert parse_amount(with_thousands(value).replace(",", "，")) == value


@given(amounts)
def test_yuan_to_wan_is_exact(value: Decimal) -> None:
    wan = to_wan(value, Unit.YUAN)
    assert wan * 10000 == value
    assert convert(wan, Unit.WAN, Unit.YUAN) == value
    assert Decimal(plain(wan)) == wan
    assert "E" not in plain(wan)


@pytest.mark.parametrize("blank", ["", "  ", "-", "—", "——", "\u3000", "/"])
def test_blank_is_none_not_zero(blank: str) -> None:
    assert parse_amount(blank) is None
    assert parse_amount("0") == 0
    assert parse_amount("0.00") == Decimal("0.00")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("593.58", "593.58"),
        ("1,234,567.89", "1234567.89"),
        ("(12.50)", "-12.50"),
        ("－3", "-3"),
        ("8.3", "8.3"),
    ],
)
def test_printed_forms(text: str, value: str) -> None:
    assert parse_amount(text) == Decimal(value)
    assert is_amount_text(text)


@pytest.mark.parametrize("text", ["XX", "××", "593.58万", "12a", "1.2.3"])
def test_not_amounts(text: str) -> None:
    assert not is_amount_text(text)
    with pytest.raises(ValueError):
        parse_amount(text)


def test_units() -> None:
    assert find_unit("单位：万元") is Unit.WAN
    assert find_unit("金额单位：元") is Unit.YUAN
    assert find_unit("单位:  千元") is Unit.QIAN
    assert find_unit("预算年度：2023") is None
    assert plain(to_wan(Decimal("5935800.00"), Unit.YUAN)) == "593.58"
    assert plain(Decimal("163.00")) == "163" and plain(Decimal("0.00")) == "0"
