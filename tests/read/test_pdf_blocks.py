"""The cells' sources made from plain values (read/pdf_blocks.py) are the sources
pydantic's own constructor makes."""

from __future__ import annotations

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
def test_cell_source_is_model_construct(
    page: int, row: int, col: int, bbox: tuple[float, float, float, float]
) -> None:
    fast = cell_source(page, row, col, bbox)
    slow = Source.model_construct(
        page=page, row=row, col=col, bbox=bbox, line=None, sheet=None, table=None
    )
    assert fast == slow and hash(fast) == hash(slow)
    assert fast.__dict__ == slow.__dict__ and list(fast.__dict__) == list(slow.__dict__)
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_dump(exclude_unset=True) == slow.model_dump(exclude_unset=True)
    assert Source.model_validate(fast.model_dump()) == fast
    assert fast.__pydantic_extra__ is None and fast.__pydantic_private__ is None


def test_source_has_nothing_model_construct_would_run() -> None:
    """cell_source skips what Source does not have: post-init, aliases, default factories."""
    assert Source.__pydantic_post_init__ is None
    for field in Source.model_fields.values():
        assert field.alias is None and field.validation_alias is None
        assert field.default_factory is None and field.default is None
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
