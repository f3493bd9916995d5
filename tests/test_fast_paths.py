"""The faster forms of issue #17 answer as the code they replaced, on generated text.

Start-up work was cut by writing some hot or costly steps differently: whitespace removed by
``str.split`` instead of a pattern, the prose rules' row patterns compiled once, YS422's
（类） pattern searched only in a text that can hold it, YS614's characters that do not display
found by category without a pattern over the private-use block, a test that could never hold
dropped. Each test below runs the old form beside the new one.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from yusuan.amounts import _THOUSANDS, _WIDE, clean_number_text
from yusuan.recognize.performance import _UNIT_IN_NAME
from yusuan.rules.prose import expenditure, figures, revenue
from yusuan.rules.prose.terms import LEVELS
from yusuan.rules.wording.display import unshown

# Every character ``\s`` matches in the Latin-1 range and the CJK ones a document prints.
SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2003\u2028\u202f\u3000"
NUMBER_TEXT = st.text(
    alphabet=SPACES + "0123456789.,，０１２３４５６７８９．()（）-−－万元a",
    max_size=24,
)


def old_clean_number_text(text: str) -> str:
    """``clean_number_text`` before issue #17's fifth round, verbatim."""
    s = re.sub(r"\s+", "", text.replace("\u3000", "").replace("\xa0", "")).translate(_WIDE)
    s = _THOUSANDS.sub("", s)
    s = s.replace("（", "(").replace("）", ")")
    if s.startswith("(") and s.endswith(")") and len(s) > 2:  # accounting negative
        s = "-" + s[1:-1]
    return s.replace("−", "-").replace("－", "-")


@given(NUMBER_TEXT)
def test_number_text_is_cleaned_as_before(text: str) -> None:
    assert clean_number_text(text) == old_clean_number_text(text)


@given(st.text(max_size=12))
def test_str_split_removes_exactly_what_the_whitespace_pattern_does(text: str) -> None:
    assert "".join(text.split()) == re.sub(r"\s+", "", text)


def test_every_whitespace_character_is_removed() -> None:
    every = "".join(map(chr, range(0x110000)))
    spaces = "".join(re.findall(r"\s", every))
    assert spaces == "".join(c for c in every if c.isspace())
    assert clean_number_text(f"1{spaces}2,345") == "12345"


#: Every row and subject pattern list the prose rules match names with.
PATTERN_LISTS = [
    v
    for module in (figures, revenue, expenditure)
    for v in vars(module).values()
    if isinstance(v, tuple) and v and all(isinstance(p, str) for p in v)
]
#: Names built from the pieces the patterns are made of, so that many of them match.
PIECES = [
    "本年",
    "当年",
    "部门",
    "单位",
    "一般公共预算",
    "财政拨款",
    "政府性基金",
    "财政专户",
    "收入",
    "支出",
    "预算",
    "总计",
    "合计",
    "小计",
    "基本支出",
    "项目支出",
    "三公经费",
    "（",
    "）",
    "(类)",
    " ",
    "“",
    "其他",
]


@given(st.sampled_from(PATTERN_LISTS), st.lists(st.sampled_from(PIECES), max_size=5))
def test_row_patterns_match_as_before(patterns: tuple[str, ...], pieces: list[str]) -> None:
    text = "".join(pieces)
    before = any(re.fullmatch(p, figures.fold(text)) for p in patterns)
    assert figures.matches(patterns, text) == before
    assert figures.matches(list(patterns), text) == before  # any sequence, as before


def test_there_are_row_patterns_to_test() -> None:
    assert len(PATTERN_LISTS) >= 10
    assert figures.matches(figures.TOTAL_ROWS, " 合 计 ")
    assert not figures.matches(figures.TOTAL_ROWS, "合计数")


@given(st.text(alphabet="一般公共服务人大事务类款项（()）支出 2010101", max_size=30))
def test_the_levels_pattern_needs_the_text_it_is_searched_for(text: str) -> None:
    """YS422 searches a paragraph for “…（类）…（款）…（项）” only when it holds “类）” or
    “类)”: no other text can match."""
    if "类）" not in text and "类)" not in text:
        assert LEVELS.search(text) is None
    else:
        assert bool(re.search(r"[\u4e00-\u9fff][（(]类[）)]", text)) == bool(LEVELS.search(text))


def old_unshown(text: str) -> list[tuple[int, str]]:
    """YS614's ``unshown`` before, verbatim: a pattern, then the categories."""
    pattern = r"[\ufffd\ue000-\uf8ff\u25a1\u25a0\u2610\U000f0000-\U0010ffff]"
    out = [(m.start(), m.group()) for m in re.finditer(pattern, text)]
    out += [
        (i, ch)
        for i, ch in enumerate(text)
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r"
    ]
    return sorted(set(out))


#: Around every edge of the old pattern's ranges, and ordinary document text.
EDGES = [0xDFFF, 0xE000, 0xE001, 0xF8FE, 0xF8FF, 0xF900, 0xFFFD, 0x25A0, 0x25A1, 0x2610]
EDGES += [0xEFFFF, 0xF0000, 0xFFFFD, 0xFFFFE, 0xFFFFF, 0x100000, 0x10FFFD, 0x10FFFE, 0x10FFFF]
UNSHOWN_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([chr(c) for c in EDGES] + list("预算\t\n\r\x00\x7f\x85 ，")),
        st.characters(),
    ),
    max_size=20,
)


@given(UNSHOWN_TEXT)
def test_characters_that_do_not_display_are_found_as_before(text: str) -> None:
    assert unshown(text) == old_unshown(text)


def test_every_private_use_code_point_is_found_by_its_category() -> None:
    """The old pattern's ranges hold nothing the categories miss: the set is the same."""
    ranges = [*range(0xE000, 0xF900), *range(0xF0000, 0x110000)]
    assert all(unicodedata.category(chr(c)) in ("Co", "Cn") for c in ranges)


@given(st.text(alphabet="绩效指标人次万元%％（()）个 0123456789数量质量满意度提升", max_size=20))
def test_a_unit_in_an_indicator_name_is_at_most_six_characters(level3: str) -> None:
    """The 三级指标 name's unit in brackets is taken whatever it holds: the test for seven Han
    characters in a row that guarded it could never hold on six characters, and was dropped."""
    m = _UNIT_IN_NAME.match(level3)
    if m is not None:
        assert len(m.group(2)) <= 6
        assert not re.search(r"[\u4e00-\u9fff]{7,}", m.group(2))
