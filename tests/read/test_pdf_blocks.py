"""The cells' sources made from plain values (read/pdf_blocks.py) are the sources
the dataclass's own constructor makes."""

from __future__ import annotations

import dataclasses
import pickle

from hypothesis import given
from hypothesis import strategies as st

from yusuan.model import Source
from yusuan.read.pdf_blocks import cell_source

_coord = st.floats(-1e4, 1e4, allow_nan=False).map(lambda v: round(v, 1))


@given(
    st.integers(1, 5000),
    st.integers(0, 500),
    st.integers(0, 60),
    st.tuples(_coord, _coord, _coord, _coord),
)
def test_cell_source_is_the_constructor(
    page: int, row: int, col: int, bbox: tuple[float, float, float, float]
) -> None:
    fast = cell_source(page, row, col, bbox)
    slow = Source(page=page, row=row, col=col, bbox=bbox)
    assert type(fast) is Source
    assert fast == slow and hash(fast) == hash(slow)
    assert fast.__dict__ == slow.__dict__ and list(fast.__dict__) == list(slow.__dict__)
    assert fast.model_dump_json() == slow.model_dump_json()
    assert Source.model_validate(fast.model_dump()) == fast
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert fast.model_copy(update={"ocr": True}) == dataclasses.replace(slow, ocr=True)


def test_source_has_nothing_the_constructor_would_run() -> None:
    """cell_source skips what Source does not have: post-init, default factories."""
    assert not hasattr(Source, "__post_init__")
    for field in dataclasses.fields(Source):
        assert field.default_factory is dataclasses.MISSING and field.default is None
    assert list(Source.model_fields) == [
        "line",
        "page",
        "sheet",
        "table",
        "row",
        "col",
        "bbox",
        "file",
        "ocr",
    ]
