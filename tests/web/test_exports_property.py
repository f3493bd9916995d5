"""Properties of the list exports and of the archive's path check (hypothesis): any list goes
through CSV and Excel and comes back with its numbers as numbers and its text as text (a
formula-like text stays inert); any member name either stays inside the archive's folder or
is refused."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from yusuan.web.batch_zip import _safe
from yusuan.web.exports import csv_bytes, xlsx_bytes

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2)
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
rows = st.lists(st.tuples(texts, st.integers(-(10**9), 10**9), amounts), max_size=8)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_a_list_through_excel_and_csv(values: list[tuple[str, int, Decimal]]) -> None:
    columns = ("部门", "错误", "金额（万元）")
    sheet = load_workbook(io.BytesIO(xlsx_bytes("列表", columns, values))).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == list(columns)
    back = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(back) == len(values)
    for (text, count, amount), (t, n, a) in zip(values, back, strict=True):
        assert (t or "") == text  # text kept as text, never evaluated
        assert isinstance(n, int) and n == count
        assert isinstance(a, int | float) and abs(Decimal(str(a)) - amount) <= abs(
            amount
        ) * Decimal("1e-14") + Decimal("0.005")
    read = list(csv.reader(io.StringIO(csv_bytes(columns, values).decode("utf-8-sig"), newline="")))
    assert read[0] == list(columns) and len(read) == len(values) + 1
    for (text, count, amount), (t, n, a) in zip(values, read[1:], strict=True):
        assert t.removeprefix("'") == text or t == text  # a formula-like text is prefixed
        assert int(n) == count and Decimal(a) == amount


names = st.lists(
    st.sampled_from(["a", "b", "..", ".", "", "江苏", "C:", "x.pdf", "\\", "..\\.."]), max_size=6
).map("/".join)


@settings(max_examples=200, deadline=None)
@given(names, st.booleans())
def test_a_member_name_stays_inside_or_is_refused(name: str, absolute: bool) -> None:
    raw = ("/" + name) if absolute else name
    safe = _safe(raw)
    if safe is None:
        return
    path = PurePosixPath(safe)
    assert not path.is_absolute() and ".." not in path.parts and "\\" not in safe
    assert not (len(safe) > 1 and safe[1] == ":")
    assert not absolute  # an absolute name is always refused
