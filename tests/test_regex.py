"""The lazy pattern (:mod:`yusuan.regex`) behaves as the compiled one, compiled at first use."""

from __future__ import annotations

import copy
import re

from hypothesis import given
from hypothesis import strategies as st

from yusuan.regex import compiled_yet, lazy

PATTERNS = [r"(\d{4})\s*年", r"^(?:合计|总计)$", r"(?P<n>[\u4e00-\u9fff]+)[（(]类[）)]", r"x|y"]


def test_nothing_is_compiled_until_used_and_the_text_is_there_before() -> None:
    rx = lazy(r"[\u4e00-\u9fff]+", re.ASCII)
    assert not compiled_yet(rx)
    assert rx.pattern == r"[\u4e00-\u9fff]+"  # joined into other patterns without compiling
    assert not compiled_yet(rx)
    assert rx.flags == re.compile(r"[\u4e00-\u9fff]+", re.ASCII).flags
    assert compiled_yet(rx)
    assert compiled_yet(re.compile("a"))  # a compiled pattern is compiled


def test_after_the_first_use_the_methods_are_the_compiled_patterns() -> None:
    rx = lazy(r"(\d+)")
    first = rx.search("年 2023")
    assert first is not None and first.group(1) == "2023"
    method = vars(rx)["search"]
    assert method.__self__ is vars(rx)["compiled"]  # no stand-in in between any more
    assert rx.groups == 1 and rx.groupindex == {}


@given(
    st.sampled_from(PATTERNS),
    st.text(alphabet="0123456789 年合计总类（()）人大会议xyz", max_size=30),
)
def test_every_method_answers_as_the_compiled_pattern(pattern: str, text: str) -> None:
    rx, compiled = lazy(pattern), re.compile(pattern)

    def same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
        return (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))

    assert same(rx.search(text), compiled.search(text))
    assert same(rx.match(text), compiled.match(text))
    assert same(rx.fullmatch(text), compiled.fullmatch(text))
    assert rx.findall(text) == compiled.findall(text)
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert rx.sub("#", text) == compiled.sub("#", text)
    assert rx.subn("#", text) == compiled.subn("#", text)
    assert rx.split(text) == compiled.split(text)


def test_copies_and_repr() -> None:
    rx = lazy(r"合计$")
    assert repr(rx) == "lazy('合计$')"
    twin = copy.deepcopy(rx)
    assert twin.search("本年合计") is not None and rx.search("合计") is not None
