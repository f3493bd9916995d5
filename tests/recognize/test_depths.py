"""Row depths from numbering, indentation and 其中: a 其中 list whose later rows a PDF prints
without the spaces a text export aligns them with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.model import Row
from yusuan.recognize.labels import strip_numbering, with_depths

CN = "一二三四五六七八九"


def rows(labels: list[str]) -> list[Row]:
    return [
        Row(index=i, label=label, item=strip_numbering(label), cells={})
        for i, label in enumerate(labels)
    ]


@given(
    st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=5),
    st.booleans(),
)
def test_a_qizhong_list_goes_on_with_or_without_indentation(
    kids: list[int], indented: bool
) -> None:
    """一、A / 其中：A1 / A2 … / 二、B …: every A-row is one level below its head, whether
    the list's later rows are indented (a text export) or not (a PDF)."""
    labels: list[str] = ["合计"]
    want: list[int | None] = [None]
    for n, k in enumerate(kids):
        labels.append(f"{CN[n]}、项目{n}")
        want.append(0)
        for j in range(k):
            head = "其中：" if j == 0 else ("      " if indented else "")
            labels.append(f"{head}子项{n}-{j}")
            want.append(1)
    assert [r.depth for r in with_depths(rows(labels))] == want


@pytest.mark.parametrize(
    ("labels", "want"),
    [
        # no 一、 numbering: an unnumbered row after a 其中 list may be a top row
        (["项目甲", "其中：甲1", "项目乙"], [0, 1, 0]),
        # a total ends the list
        (["一、收入", "其中：拨款", "本年收入合计", "结转"], [0, 1, None, 0]),
        # a numbered row ends it
        (["一、收入", "其中：拨款", "（一）事业", "二、支出"], [0, 1, 1, 0]),
    ],
)
def test_what_ends_a_qizhong_list(labels: list[str], want: list[int | None]) -> None:
    assert [r.depth for r in with_depths(rows(labels))] == want
