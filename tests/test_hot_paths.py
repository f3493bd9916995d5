"""Reading and checking the example, done once instead of again and again (issue #17, sixth
round): each shortcut answers as the code it replaced, run beside it on generated input, and the
views the rules now share are the views each rule built for itself before.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from yusuan.amounts import (
    _AMOUNT,
    _BLANKS,
    clean_number_text,
    is_amount_text,
    is_blank_text,
    parse_amount,
)
from yusuan.model import Disclosure, Row
from yusuan.read.raw import RawCell
from yusuan.recognize.header import key_of
from yusuan.recognize.tables import _PLACEHOLDER, _is_lanci, _split_header
from yusuan.rules.base import Location, rounding_bound
from yusuan.rules.context import CheckContext
from yusuan.rules.values import nested
from yusuan.rules.wording.display import _BOXES, _UNSHOWN_CATEGORIES, unshown
from yusuan.rules.wording.places import Place, prose_places
from yusuan.rules.wording.text import CLOSE, LIST_MARK, OPEN, _width, bracket_problems

CELL_TEXT = st.one_of(
    st.sampled_from([*sorted(_BLANKS), " ", "\u3000", " - ", "0", "0.00", "（1.5）", "XX"]),
    st.text(alphabet=" \u3000\xa00123456789.,，－—-/／（）()万元X", max_size=12),
)


# -- amounts: a blank spelling is its own clean form -------------------------------------------
def test_every_blank_spelling_is_already_clean() -> None:
    """What the fast paths rest on: cleaning leaves each blank spelling as it is."""
    assert all(clean_number_text(b) == b for b in _BLANKS)


@given(st.text(alphabet="xX×✕＊*…·.,，-—万元", min_size=1, max_size=8))
def test_a_placeholder_is_never_a_number(text: str) -> None:
    """A column's role counts placeholders only among the cells that are not numbers: none is
    both (a placeholder holds no digit)."""
    if _PLACEHOLDER.match(text):
        assert not is_amount_text(text)


@given(CELL_TEXT)
def test_blank_amount_and_number_tests_answer_as_before(text: str) -> None:
    assert is_blank_text(text) == (clean_number_text(text) in _BLANKS)
    assert is_amount_text(text) == bool(_AMOUNT.match(clean_number_text(text)))
    cleaned = clean_number_text(text)
    if cleaned in _BLANKS:
        assert parse_amount(text) is None
    elif _AMOUNT.match(cleaned):
        assert parse_amount(text) == Decimal(cleaned)
    else:
        try:
            parse_amount(text)
        except ValueError:
            pass
        else:  # pragma: no cover - the assertion is the test
            raise AssertionError(f"{text!r} parsed")


# -- YS614: a printable text without a box shows whole ------------------------------------------
def test_every_code_point_is_judged_as_by_its_category() -> None:
    """``str.isprintable`` is False for every category YS614 looks for, so skipping the
    character-by-character look-up on a printable text misses nothing: every code point alone,
    and beside ordinary text."""
    for c in range(0x110000):
        ch = chr(c)
        shown = ch not in _BOXES and (
            unicodedata.category(ch) not in _UNSHOWN_CATEGORIES or ch in "\t\n\r"
        )
        assert unshown(ch) == ([] if shown else [(0, ch)]), hex(c)
    assert unshown("预算\ue000说明") == [(2, "\ue000")]
    assert unshown("预算□说明") == [(2, "□")]


# -- the rules' shared helpers ------------------------------------------------------------------
def old_nested(rows: list[Row], i: int) -> list[int]:
    """``rules.values.nested`` before, verbatim."""
    depth = rows[i].depth
    if depth is None:
        return []
    after = range(i + 1, len(rows))
    end = next((j for j in after if (d := rows[j].depth) is None or d <= depth), len(rows))
    return list(range(i + 1, end))


@given(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=1, max_size=12))
def test_the_rows_nested_under_a_row_are_as_before(depths: list[int | None]) -> None:
    rows = [Row(index=n, label=f"r{n}", item=f"r{n}", depth=d) for n, d in enumerate(depths)]
    for i in range(len(rows)):
        assert nested(rows, i) == old_nested(rows, i)


PRINTED = st.lists(
    st.one_of(st.none(), st.sampled_from(["", " ", "1", "8.3", "163.00", "1,234.567", "0.0001"])),
    max_size=5,
)


@given(PRINTED)
def test_the_rounding_bound_is_as_before(printed: list[str | None]) -> None:
    """Half units made once per number of decimals: the same sum, to the exponent."""
    places = []
    for text in printed:
        if text and text.strip():
            m = re.search(r"\.(\d+)", text.replace(",", ""))
            places.append(len(m.group(1)) if m else 0)
    old = sum((Decimal(5) / Decimal(10) ** (d + 1) for d in places), Decimal(0))
    new = rounding_bound(printed)
    assert new == old and str(new) == str(old)


def old_is_lanci(row: list[RawCell]) -> bool:
    """``recognize.tables._is_lanci`` before, verbatim."""
    first = key_of(row[0].text) if row else ""
    return first in ("栏次", "行次") or (
        len(row) > 2
        and all(key_of(c.text).isdigit() for c in row if key_of(c.text))
        and first == "1"
        and key_of(row[1].text) == "2"
    )


@given(st.lists(st.sampled_from(["1", "2", "3", " 1 ", "", "栏次", "行次", "合计", "2 ", "x"])))
def test_a_lanci_row_is_told_as_before(texts: list[str]) -> None:
    row = [RawCell(t) for t in texts]
    assert _is_lanci(row) == old_is_lanci(row)


# -- the prose places the wording rules share ---------------------------------------------------
def old_prose_places(ctx: CheckContext) -> list[Place]:
    """``rules.wording.places.prose_places`` before, verbatim: built by each rule, every
    location made at once."""
    out: list[Place] = []
    for s in ctx.d.narrative.walk():
        if s.title:
            loc = Location.at(s.source, section=s.title, text=s.title)
            out.append(Place(s.title, loc, True))
    for path, p in ctx.paragraphs:
        loc = Location.at(p.source, section=" / ".join(path) or None, text=p.text)
        out.append(Place(p.text, loc, True))
    out.sort(key=lambda pl: pl.location.line or 0)
    return out


def test_the_shared_prose_places_are_each_rules_own(reference: Disclosure) -> None:
    ctx = CheckContext(reference)
    shared = prose_places(ctx)
    assert prose_places(ctx) is shared  # built once a check
    old = old_prose_places(CheckContext(reference))
    assert len(shared) == len(old) > 50
    assert [(p.text, p.location, p.prose) for p in shared] == [
        (p.text, p.location, p.prose) for p in old
    ]
    assert prose_places(CheckContext(reference)) is not shared  # not kept across checks


def test_an_indicator_header_is_found_however_it_is_spaced() -> None:
    """The 绩效 grid's header row is found by its 一级指标 cell, tried only on a cell holding
    标: a spaced or wrapped print of it still holds that character."""
    for printed in ("一级指标", "一级 指标", "一级指\n标", " 一 级 指 标 "):
        rows = [
            [RawCell("项目名称"), RawCell("运行经费")],
            [RawCell(printed), RawCell("二级指标"), RawCell("三级指标"), RawCell("指标值")],
            [RawCell("产出指标"), RawCell("数量指标"), RawCell("会议次数"), RawCell("≥6次")],
        ]
        head, body = _split_header(rows, False)
        assert head == rows[1:2] and body == rows[2:], printed


def old_bracket_problems(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """YS608's ``bracket_problems`` before, verbatim (every text walked)."""
    stack: list[tuple[int, str]] = []
    unpaired: list[tuple[int, str]] = []
    mixed: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch in OPEN:
            stack.append((i, ch))
        elif ch in CLOSE:
            want = CLOSE[ch]
            if stack and OPEN[stack[-1][1]] == want:
                j, op = stack.pop()
                if op in "（(" and (op == "（") != (ch == "）"):
                    mixed.append((j, f"{_width(op)}“{op}”与{_width(ch)}“{ch}”配对"))
            elif any(OPEN[o] == want for _, o in stack):
                while stack and OPEN[stack[-1][1]] != want:
                    j, op = stack.pop()
                    unpaired.append((j, f"“{op}”没有对应的闭合符号"))
                stack.pop()
            elif not (want == "（" and LIST_MARK.search(text[:i])):
                unpaired.append((i, f"“{ch}”没有对应的开头符号"))
    unpaired.extend((j, f"“{op}”没有对应的闭合符号") for j, op in stack)
    return sorted(unpaired), mixed


@given(st.text(alphabet="预算说明1a。，（）()“”‘’《》【】〔〕 ", max_size=16))
def test_brackets_are_paired_as_before(text: str) -> None:
    """A text without any quote or bracket is not walked: the same answer."""
    assert bracket_problems(text) == old_bracket_problems(text)
