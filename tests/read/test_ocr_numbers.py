"""Strict reading of OCR numbers: normalized, checked, read twice; never repaired."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.amounts import parse_amount
from yusuan.read.ocr_numbers import UNSURE, column_check, normalize, read_token, well_formed


@pytest.mark.parametrize(
    ("read", "text"),
    [
        ("3, 660. 38", "3,660.38"),  # spaces inside a number
        ("１２，３４５．６７", "12,345.67"),  # full-width digits and punctuation
        ("18。25", "18.25"),  # an ideographic full stop for the point
        ("2010101", "2010101"),
        ("201 01 01", "2010101"),
        ("－12.00", "-12.00"),
        ("一般公共服务支出", "一般公共服务支出"),  # not a number: unchanged
        ("20２6年单位预算编制说明", "2026年单位预算编制说明"),  # a full-width digit in a word
        ("（一）收入１２万元，增长３%。", "（一）收入12万元，增长3%。"),  # only the digits
        ("  合 计 ", "合 计"),
    ],
)
def test_numbers_are_normalized(read: str, text: str) -> None:
    assert read_token(read) == text


@pytest.mark.parametrize("read", ["21.955.35", "1,23.00", "12,3456.00", "1..5", "3,660,38.00"])
def test_malformed_numbers_are_unsure_not_repaired(read: str) -> None:
    text = read_token(read)
    assert text == UNSURE + normalize(read)
    with pytest.raises(ValueError):
        parse_amount(text)


def test_two_readings_must_agree() -> None:
    assert read_token("1,234.50", "1, 234.50") == "1,234.50"
    text = read_token("1,234.50", "1,284.50")
    assert text.startswith(UNSURE) and "1,234.50" in text and "1,284.50" in text
    with pytest.raises(ValueError):
        parse_amount(text)


def test_a_figure_without_its_columns_decimals_is_unsure() -> None:
    column = ["金额", "12.50", "000", "3.25", "6.20", "—"]
    assert column_check(column) == ["金额", "12.50", UNSURE + "000", "3.25", "6.20", "—"]
    # too few peers, or peers that disagree: nothing is decided
    assert column_check(["1.00", "000", "2.00"]) == ["1.00", "000", "2.00"]
    assert column_check(["1.00", "000", "2.0", "3.00"]) == ["1.00", "000", "2.0", "3.00"]
    # printed whole, not a point lost: a lone 0, thousands grouped in place (a 元 table's
    # 合计 printed 22,118,861 among figures printed 2,070,000.00)
    for odd in ("0", "22,118,861"):
        column = ["2,070,000.00", odd, "14,348,853.34", "64,840,547.00"]
        assert column_check(column) == column
    # other decimals than the column's: unsure
    column = ["2,070,000.00", "1,160.5", "14,348,853.34", "64,840,547.00"]
    assert column_check(column)[1] == UNSURE + "1,160.5"
    # a column of whole numbers (codes, counts) is left alone
    assert column_check(["201", "20101", "2010101", "0"]) == ["201", "20101", "2010101", "0"]


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_a_figure_whose_point_was_lost_is_unsure_one_printed_whole_is_not(value: Decimal) -> None:
    peers = ["12.50", "3.25", "6.20"]
    lost = f"{value:.2f}".replace(".", "")  # 0.00 → 000, 1234.50 → 123450
    whole = f"{int(value):,}"  # the same figure printed whole, thousands grouped
    assert column_check([*peers, lost])[3] == UNSURE + lost
    checked = column_check([*peers, whole])[3]
    assert checked == whole or ("," not in whole and len(whole) > 2)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_a_printed_amount_reads_back_exactly(value: Decimal) -> None:
    printed = f"{value:,.2f}"
    spaced = printed.replace(",", ", ").replace(".", ". ")
    text = read_token(spaced, printed)
    assert well_formed(text) and parse_amount(text) == value
