"""The batched page reader (read/pdf_page.py) gives what the one-call-per-character
way gives: the page text, the fake-bold rule, the keys packed in the character loop."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pr
from hypothesis import given, settings
from hypothesis import strategies as st

from support import DATA
from support.pdf_maker import Page, write_pdf
from yusuan.read.pdf_chars import TEXT, Char, drop_doubles, drop_doubles_reference, pack_keys
from yusuan.read.pdf_page import _address, _chars, _View, page_text, read_page


def _per_char(path: Path) -> list[tuple[str, str]]:
    """(page_text, the text asked for one character at a time) for each page of ``path``."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            n = textpage.count_chars()
            one_by_one = "".join(chr(pr.FPDFText_GetUnicode(textpage.raw, k)) for k in range(n))
            out.append((page_text(_address(textpage.raw), n) if n else "", one_by_one))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return out


def test_page_text_in_one_call_is_the_text_char_by_char(tmp_path: Path) -> None:
    made = write_pdf(
        tmp_path / "mixed.pdf",
        [
            Page().text(50, 50, "abcdef", unmapped=True).text(50, 80, "说明文字 A1"),
            Page().text(50, 50, "部门收支总表").text(300, 50, "单位：万元"),
        ],
    )
    pdfs = [made, *sorted(DATA.glob("*.pdf"))]
    pages = [pair for path in pdfs for pair in _per_char(path)]
    assert len(pages) > 20
    for fast, slow in pages:
        assert fast == slow


def test_keys_packed_in_the_loop_are_pack_keys(tmp_path: Path) -> None:
    page = Page().text(50, 50, "部门收支总表 A", 14).text(50.3, 50.2, "部门收支总表 A", 14)
    path = write_pdf(tmp_path / "bold.pdf", [page])
    pdf = pdfium.PdfDocument(str(path))
    try:
        content = read_page(pdf, 0)
        pg = pdf[0]
        textpage = pg.get_textpage()
        view = _View(pg)
        chars, _ = _chars(_address(textpage.raw), view)
        textpage.close()
        pg.close()
    finally:
        pdf.close()
    assert "".join(c[TEXT] for c in content.chars) == "部门收支总表 A"
    assert chars == content.chars
    keys = pack_keys(chars)
    assert keys is not None and len(set(keys)) == len(keys)  # the overprints are gone


# characters a few texts and a few points apart, so twins and near misses are common
_coord = st.floats(min_value=-30.0, max_value=30.0, allow_nan=False).map(lambda v: round(v, 1))
_char = st.tuples(
    _coord, _coord, st.floats(1.0, 12.0), st.floats(1.0, 12.0), st.sampled_from("字0 .")
).map(
    lambda t: (
        t[0],
        t[1],
        t[0] + t[2],
        t[1] + t[3],
        (t[0] + t[0] + t[2]) / 2,
        (t[1] + t[1] + t[3]) / 2,
        t[4],
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, max_size=40))
def test_fake_bold_on_packed_keys_is_the_plain_rule(chars: list[Char]) -> None:
    assert drop_doubles(chars) == drop_doubles_reference(chars)


def test_fake_bold_far_off_the_page_uses_the_plain_rule() -> None:
    far = (1e7, 0.0, 1e7 + 6, 10.0, 1e7 + 3, 5.0, "字")
    twin = (1e7 + 0.3, 0.2, 1e7 + 6.3, 10.2, 1e7 + 3.3, 5.2, "字")
    assert pack_keys([far, twin]) is None
    assert drop_doubles([far, twin]) == [far]


def test_an_overprint_is_dropped_and_a_neighbour_kept() -> None:
    a = (10.0, 10.0, 20.0, 20.0, 15.0, 15.0, "字")
    over = (10.4, 10.2, 20.4, 20.2, 15.4, 15.2, "字")  # fake bold: same text, same spot
    other = (10.4, 10.2, 20.4, 20.2, 15.4, 15.2, "子")  # same spot, another character
    nxt = (20.0, 10.0, 30.0, 20.0, 25.0, 15.0, "字")  # the same character next to it
    assert drop_doubles([a, over, other, nxt]) == [a, other, nxt]
    assert drop_doubles([over, a]) == [over]  # the first drawn is kept
