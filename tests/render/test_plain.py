"""The plain text report is byte for byte what Rich prints where it prints no styles."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.render.plain import plain_enough, plain_width, wrap
from yusuan.render.report_text import plain_report, print_report, write_plain

# Budget-document text: CJK (two cells), full-width punctuation, ASCII words, digits, spaces.
ALPHABET = "预算支出合计公务用车“”（）《》、，。：·0123456789.abcXYZ -  \n"


def rich_lines(text: str, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, highlight=False, soft_wrap=False).print(Text(text))
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300), st.integers(min_value=1, max_value=120))
def test_wrap_matches_rich(text: str, width: int) -> None:
    assert "\n".join(wrap(text, width)) + "\n" == rich_lines(text, width)


def test_wrap_breaks_at_spaces_and_folds_long_words() -> None:
    assert wrap("一二三 四五", 8) == ["一二三 ", "四五"]
    assert wrap("一二三四五六", 4) == ["一二", "三四", "五六"]
    assert wrap("", 10) == [""]


def test_tabs_and_control_characters_are_left_to_rich() -> None:
    assert plain_enough("第1586行 “合计”")
    assert not plain_enough("a\tb")
    assert not plain_enough("a\rb")
    assert not plain_enough("a\x1b[1mb")


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"COLUMNS": "100"},
        {"COLUMNS": "x"},
        {"FORCE_COLOR": "1"},
        {"FORCE_COLOR": ""},
        {"TTY_COMPATIBLE": "1"},
        {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
        {"NO_COLOR": "1", "COLUMNS": "60"},
    ],
)
@pytest.mark.parametrize("width", [None, 160])
def test_plain_width_follows_rich(environ: dict[str, str], width: int | None) -> None:
    stream = io.StringIO()
    console = Console(file=stream, width=width, _environ=environ)
    got = plain_width(stream, width, environ)
    assert got == (None if console.is_terminal else console.width)


@pytest.mark.parametrize("width", [20, 37, 80, 160])
def test_the_reference_report_matches_rich(reference: Disclosure, width: int) -> None:
    report = check(reference)
    lines = plain_report([report])
    assert report.findings and lines is not None
    rich_out = io.StringIO()
    console = Console(file=rich_out, highlight=False, width=width, no_color=True)
    print_report(report, console)
    plain_out = io.StringIO()
    write_plain(lines, plain_out, width)
    assert plain_out.getvalue() == rich_out.getvalue()
    assert "错误 " in plain_out.getvalue()
