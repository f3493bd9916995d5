"""File paths as pathlib prints them (:mod:`yusuan.paths`), held to pathlib itself."""

from __future__ import annotations

from pathlib import Path, PurePath

from hypothesis import given
from hypothesis import strategies as st

from yusuan.paths import file_name, printed, suffix

#: Paths made of the characters that matter to parsing them, and a few others.
paths = st.text(alphabet="/.a~ 表-", max_size=14)
CASES = ["", ".", "..", "/", "//", "///", "//a", "///a", "./a", "a/./b", "a//b/", "a/../b",
         "./.", "~", ".bashrc", "a.", "a..b", "a.tar.gz", "/x/y.TXT", "表.pdf", "a/.b", "a/b."]  # fmt: skip


@given(paths)
def test_printed_is_pathlibs(text: str) -> None:
    assert printed(text) == str(Path(text))
    assert printed(Path(text)) == str(Path(text))  # a path object, printed again: the same


@given(paths)
def test_the_name_and_suffix_are_pathlibs(text: str) -> None:
    assert file_name(text) == Path(text).name
    assert suffix(text) == Path(text).suffix


def test_the_cases_pathlib_treats_specially() -> None:
    for text in CASES:
        assert (printed(text), file_name(text), suffix(text)) == (
            str(PurePath(text)),
            PurePath(text).name,
            PurePath(text).suffix,
        ), text
