"""The lazy pattern (:mod:`yusuan.regex`) behaves as the compiled one, compiled at first use; a
pattern built from its cache entry is the pattern ``re.compile`` makes (the cache on disk:
test_regex_cache.py)."""

from __future__ import annotations

import copy
import re

from hypothesis import given
from hypothesis import strategies as st

from yusuan.regex import compile as regex_compile
from yusuan.regex import compiled_yet, decode, encode, lazy

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


# -- the cached form: the same pattern as re.compile's (yusuan.regex.encode/decode) --------------

ATOMS = st.sampled_from(
    [
        "a",
        "年",
        "合计",
        r"\d",
        r"\s",
        r"\w",
        r"\D",
        ".",
        "[abc]",
        "[^，。]",
        r"[\u4e00-\u9fff]",
        "[一-龥]",
        "[（(][类款项][)）]",
        "[。；;，,：:]",
        r"[0-9０-９.．]",
        r"\.",
        "x{2,3}",
    ]
)


def _group(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        inner.map(lambda s: f"({s})"),
        inner.map(lambda s: f"(?:{s})"),
        inner.map(lambda s: f"(?P<name>{s})"),
        inner.map(lambda s: f"(?={s})"),
        inner.map(lambda s: f"(?!{s})"),
        st.tuples(inner, inner).map(lambda p: f"{p[0]}|{p[1]}"),
        st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
        st.tuples(inner, st.sampled_from(["*", "+", "?", "*?", "{1,3}", "{2}"])).map(
            lambda p: f"(?:{p[0]}){p[1]}"
        ),
    )


PATTERNS_GRAMMAR = st.recursive(ATOMS, _group, max_leaves=8).flatmap(
    lambda body: st.tuples(
        st.sampled_from(["", "^", "(?<!年)", "(?<=[a年])"]),
        st.just(body),
        st.sampled_from(["", "$", r"\b"]),
    )
)
FLAGS = st.sampled_from([0, re.I, re.M, re.S, re.A, re.I | re.M, re.X, re.I | re.A])


def _numbered(pattern: str) -> str:
    """Each named group its own name (n0, n1, …)."""
    parts = pattern.split("(?P<name>")
    return parts[0] + "".join(f"(?P<n{i}>{p}" for i, p in enumerate(parts[1:]))


@given(
    PATTERNS_GRAMMAR, FLAGS, st.text(alphabet="ab年合计类（(款)）项 0１2.．，。x\n", max_size=40)
)
def test_a_pattern_built_from_its_cache_entry_is_the_compiled_pattern(
    parts: tuple[str, str, str], flags: int, text: str
) -> None:
    pattern = _numbered("".join(parts))
    fresh = re.compile(pattern, flags)
    compiled, blob = encode(pattern, int(flags))
    assert blob is not None
    cached = decode(pattern, blob)
    assert compiled == fresh and cached == fresh  # CPython compares pattern, flags and code
    assert cached is not None
    assert (cached.flags, cached.groups, dict(cached.groupindex)) == (
        fresh.flags,
        fresh.groups,
        dict(fresh.groupindex),
    )
    spans = [(m.span(), m.groups()) for m in fresh.finditer(text)]
    assert [(m.span(), m.groups()) for m in cached.finditer(text)] == spans
    assert cached.sub("#", text) == fresh.sub("#", text)


def test_compile_is_memoized_and_lazy_compiles_through_it() -> None:
    rx = lazy(r"(\d+)（项）")
    assert rx.search("2010101（项）") is not None
    assert vars(rx)["compiled"] is regex_compile(r"(\d+)（项）") is regex_compile(r"(\d+)（项）")
    assert regex_compile("a", re.I) is regex_compile("a", int(re.I))  # the flag or its value
    assert regex_compile(rb"\d+") == re.compile(rb"\d+")  # bytes patterns too
