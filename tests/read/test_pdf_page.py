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
from yusuan.read.pdf_page import _chars, page_text, read_page
from yusuan.read.pdf_view import View


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
            out.append((page_text(textpage.raw, n) if n else "", one_by_one))
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
        view = View(pg)
        chars, _ = _chars(textpage.raw, view)
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


def test_the_special_pattern_finds_every_character_the_page_loop_may_drop_or_replace() -> None:
    """The character loop looks only at what SPECIAL matches (and what pdfium flags):
    every whitespace character, private use and unmapped code point must match."""
    import re

    from yusuan.read.pdf_page import SPECIAL, UNMAPPED

    for code in range(0x110000):
        ch = chr(code)
        needed = ch.isspace() or 0xE000 <= code <= 0xF8FF or code in UNMAPPED
        assert bool(SPECIAL.fullmatch(ch)) == needed, hex(code)
    assert re.fullmatch(SPECIAL, " ") and not SPECIAL.search("部门A1")


def _reference_chars(page: pdfium.PdfPage) -> tuple[list[Char], int]:
    """The plain way: every character asked for one by one through pypdfium2's own API."""
    view = View(page)
    textpage = page.get_textpage()
    out: list[Char] = []
    unmapped = 0
    try:
        for k in range(textpage.count_chars()):
            ch = chr(pr.FPDFText_GetUnicode(textpage.raw, k))
            if (
                pr.FPDFText_HasUnicodeMapError(textpage.raw, k)
                or "\ue000" <= ch <= "\uf8ff"
                or ord(ch) in {0, 0xFFFD, 0xFFFE, 0xFFFF}
            ):
                unmapped += 1
                ch = "\ufffd"
            elif ch.isspace() and (
                (ch == " " and pr.FPDFText_IsGenerated(textpage.raw, k) == 1) or ch not in " \u3000"
            ):
                continue
            left, bottom, right, top = textpage.get_charbox(k, loose=True)
            x0, y0, x1, y1 = view.box(left, bottom, right, top)
            out.append((x0, y0, x1, y1, (x0 + x1) / 2, (y0 + y1) / 2, ch))
    finally:
        textpage.close()
    return drop_doubles_reference(out), unmapped


def test_the_page_loop_is_the_plain_per_character_reading(tmp_path: Path) -> None:
    """Batched calls, the pattern's few looked-at characters and the fake-bold keys give
    what asking pdfium character by character gives, on every test PDF, unmapped glyphs,
    overprints and the four page rotations included."""
    made = write_pdf(
        tmp_path / "mixed.pdf",
        [
            Page().text(50, 50, "abc def", unmapped=True).text(50, 80, "说明文字 A1\u3000续"),
            Page().text(50, 50, "部门收支总表 A", 14).text(50.3, 50.2, "部门收支总表 A", 14),
        ],
    )
    pages = 0
    for path in [made, *sorted(DATA.glob("*.pdf"))]:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                for rotation in (0, 90, 180, 270) if path == made or i == 0 else (0,):
                    page = pdf[i]
                    page.set_rotation(rotation)
                    textpage = page.get_textpage()
                    fast = _chars(textpage.raw, View(page))
                    textpage.close()
                    assert fast == _reference_chars(page), (path.name, i, rotation)
                    page.close()
                    pages += 1
        finally:
            pdf.close()
    assert pages > 40
