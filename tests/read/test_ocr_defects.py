"""Real defects of corpus documents, found again on their scans (issue #18's done-when).

Each case is a few pages of a corpus document in ``tests/data`` whose real defect (hand
audit of the corpus, issue #11) shows on those pages: a row sum inside a table (Putuo, 元),
rates stated in the 情况说明 (Putuo 元, Jiangsu), and a sentence against a table's total
(a 决算, three pages: the table's title page, its body, the sentence).  The pages are
scanned in the test (:func:`support.scan.scanned`: 300 dpi, turned about 0.6°, noised, JPEG
quality 60, image-only) and read by OCR.  The original reports each defect as an error;
the scan reports the same defect — same rule, page, table, row and column, the same
figures — as a warning that says to check the original, and no error at all.  The whole
documents are measured by ``bench/bench_ocr.py --documents`` (docs/ocr.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import DATA
from support.pdf_maker import Page, write_pdf
from support.scan import extract, scanned
from yusuan.api import load
from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.read.ocr_engine import Region
from yusuan.read.ocr_page import in_front, steady, widens
from yusuan.read.pdf import read_pdf
from yusuan.read.raw import RawParagraph, RawTable
from yusuan.rules.base import Finding, Severity
from yusuan.rules.scanned import OCR_NOTE

SIFAJU = DATA / "shanghai-putuo-2026-sifaju-unit-budget.pdf"  # 元
JIANCHAYUAN = DATA / "jiangsu-2018-jianchayuan-dept-budget-p26.pdf"
FISCAL_FINAL = DATA / "shanghai-putuo-2024-caizhengju-dept-final-fiscal.pdf"  # 决算

Key = tuple[str, int | None, str | None, str | None, str | None]

#: case: (file, pages, the real defects: code, page of the extract, table, row, column)
CASES: dict[str, tuple[object, list[int], list[Key]]] = {
    # p. 11: 2040601 行政运行 prints 项目支出 64,840,547.00 (the 款's figure): 合计 ≠ 基本+项目
    "putuo-row-sum": (SIFAJU, [11], [("YS101", 1, "expenditure", "2040601", "合计")]),
    # p. 6: rates that do not follow from the amounts, 57.8 > 57.43 written 减少, 增加（减少）
    "putuo-prose": (
        SIFAJU,
        [6],
        [
            ("YS418", 1, None, None, None),
            ("YS418", 1, None, None, None),
            ("YS419", 1, None, None, None),
            ("YS605", 1, None, None, None),
        ],
    ),
    # p. 26: 增长0.06% for 21.8 ÷ 3644.2 and 降幅0.66% for 134 ÷ 2029 (a factor of ten)
    "jiangsu-prose": (
        JIANCHAYUAN,
        [1],
        [("YS418", 1, None, None, None), ("YS418", 1, None, None, None)],
    ),
    # pp. 12, 13, 21: 财政拨款收入支出总计0.3万元 against the table's 总计 2,961.68
    "final-sentence-table": (
        FISCAL_FINAL,
        [1, 2, 3],
        [("YS424", 3, "fiscal_summary", "总计", "决算数")],
    ),
}


def key(f: Finding) -> Key:
    loc = f.location
    return (f.code, loc.page, loc.table, loc.row_code or loc.row_item, loc.column)


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Disclosure, Disclosure]]:
    """Each case: (the pages with their text layer, the same pages scanned and read by OCR)."""
    tmp = tmp_path_factory.mktemp("defect-scans")
    out: dict[str, tuple[Disclosure, Disclosure]] = {}
    for k, (name, (source, pages, _)) in enumerate(CASES.items()):
        assert isinstance(source, type(DATA))
        text = load(extract(source, pages, tmp / f"{name}.pdf"))
        scan = load(scanned(source, pages, tmp / f"{name}-scan.pdf", seed=10 + k))
        out[name] = (text, scan)
    return out


def plain(message: str) -> str:
    return "".join(message.split())


def loud(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def _defects(findings: list[Finding], wanted: list[Key]) -> list[Finding]:
    keys = [key(f) for f in findings]
    out = []
    for w in wanted:
        i = keys.index(w)  # ValueError: the defect is not reported
        keys[i] = ("",)  # type: ignore[assignment]
        out.append(findings[i])
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_the_original_reports_the_real_defect_as_an_error(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    text, _ = pairs[name]
    found = _defects(list(check(text).findings), CASES[name][2])
    assert all(f.severity is Severity.ERROR for f in found)


@pytest.mark.parametrize("name", list(CASES))
def test_the_scan_reports_it_as_a_warning_with_the_same_figures(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    text, scan = pairs[name]
    wanted = CASES[name][2]
    on_text = _defects(list(check(text).findings), wanted)
    on_scan = _defects(list(check(scan).findings), wanted)
    for original, scanned_ in zip(on_text, on_scan, strict=True):
        assert scanned_.severity is Severity.WARNING
        assert OCR_NOTE in scanned_.message
        # the same figures: the message as the original's, the OCR note and spaces aside (the
        # text layer may print “0.06 %” where OCR reads “0.06%”)
        assert plain(scanned_.message.replace(f"（{OCR_NOTE}）", "")) == plain(original.message)


@pytest.mark.parametrize("name", list(CASES))
def test_the_scan_reports_no_error_and_nothing_the_original_lacks(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    text, scan = pairs[name]
    report = check(scan)
    assert not report.has_errors
    assert all(OCR_NOTE in f.message for f in report.findings)
    # errors and warnings (an info such as YS615 “段落缺少句号” may follow how OCR cut the lines)
    assert {key(f) for f in loud(report.findings)} <= {key(f) for f in loud(check(text).findings)}


@pytest.mark.parametrize("name", ["putuo-prose", "jiangsu-prose"])
def test_a_prose_page_gives_no_table(
    name: str, pairs: dict[str, tuple[Disclosure, Disclosure]]
) -> None:
    """p. 6 of the 司法局 package opens with its title in big bold type: before its strokes
    were told from rulings, the scan made a table of it (YS318 on a header “2026位预算编制说明”)."""
    text, scan = pairs[name]
    assert text.tables == () and scan.tables == ()


def test_a_big_title_over_prose_reads_whole(tmp_path: Path) -> None:
    """A title in big type over prose: no table, its words whole (the engine gave one of its
    digits full-width: ``20２6年``), and a short last line ``为。`` stays in its paragraph.
    (These generated strokes are too thin to make a table even unfiltered; the real bold
    title of p. 6 above is the test of that class.)"""
    title = "2026年单位预算编制说明"
    page = Page()
    for dx in (0.0, 0.4, 0.8):  # bold, as a title is printed: strokes thick enough to meet
        page.text(120 + dx, 70, title, 30)
    body = "财政拨款收入预算八千六百九十五万元，比上年增加七百九十四万元，主要原因是业务量增加"
    for k in range(4):
        page.text(72 + (24 if k == 0 else 0), 130 + 22 * k, body[: 36 - (2 if k == 0 else 0)], 12)
    page.text(72, 130 + 22 * 4, "为。", 12)
    original = write_pdf(tmp_path / "title.pdf", [page])
    raw = read_pdf(scanned(original, [1], tmp_path / "title-scan.pdf", seed=3))
    assert not [b for b in raw.blocks if isinstance(b, RawTable)]
    texts = [plain(b.text) for b in raw.blocks if isinstance(b, RawParagraph)]
    assert title in texts
    # the short last line stays in its paragraph (its region's box is no other size)
    assert "为。" not in texts and any(t.endswith("为。") for t in texts)


def test_a_regions_height_is_the_body_size_unless_well_other() -> None:
    body = [(72.0, 100.0 + 30 * k, 500.0, 117.8 + 30 * k) for k in range(5)]
    short = (72.0, 250.0, 110.0, 272.5)  # 为。 padded: 22.5 high against 17.8
    title = (150.0, 20.0, 440.0, 50.0)  # 30 high: another size
    out = steady([*body, short, title])
    assert all(a == pytest.approx(b) for a, b in zip(out[:5], body, strict=True))
    x0, top, x1, bottom = out[5]
    assert (x0, x1) == (72.0, 110.0) and bottom - top == pytest.approx(17.8)
    assert (top + bottom) / 2 == pytest.approx(261.25)
    assert out[6] == title
    assert steady([]) == []


@pytest.mark.parametrize(
    ("first", "again", "kept"),
    [
        ("一般公共预算", "一、一般公共预算", True),  # the numbering left out in front
        ("、一般公共预算", "一、一般公共预算", True),  # the lone stroke of 一 left out
        ("一、财政拨款收入", "一、一、财政拨款收入", False),  # its own start read twice
        ("二、事业收入", "二、二、事业收入", False),
        ("财政拨款收入", "|财政拨款收入", False),  # a ruling read as a stroke
        ("合计", "合计", False),  # nothing added
        ("合计", "总合", False),  # not the first reading
    ],
)
def test_a_label_read_again_from_its_ruling(first: str, again: str, kept: bool) -> None:
    """A label read again from its cell's ruling on is kept only when it adds what the
    detector left out in front, never the label's own start read twice."""
    assert widens(first, again) is kept


@given(
    st.sampled_from(["一、", "二、", "（一）", "1.", "1、"]),
    st.text(alphabet="财政拨款收入支出基本项目事业", min_size=2, max_size=8),
)
def test_numbering_is_widened_once(numbering: str, name: str) -> None:
    """For any numbered label, reading its numbering again in front is refused, and a reading
    that adds the numbering the detector left out is kept."""
    label = numbering + name
    assert not widens(label, numbering + label)
    assert widens(name, label)


def test_a_region_in_front_of_a_label() -> None:
    """The generated defect page's scan: the detector reads ``一、`` (x 154–218 px) as a region
    of its own, overlapping ``财政拨款收入`` (x 214–426) by 4 px, behind the ruling at 139.
    That label is not read again from the ruling (which gave ``一、一、财政拨款收入`` once both
    were laid in the cell); a label alone after its ruling is, and a region on another line
    or left of the ruling does not count."""
    label = Region((214, 479, 426, 526), "财政拨款收入", 1.0)
    numbering = Region((154, 484, 218, 522), "一、", 1.0)
    assert in_front(label, 139, [numbering, label])
    assert not in_front(label, 139, [label])
    below = Region((154, 540, 218, 580), "二、", 1.0)
    outside = Region((60, 484, 130, 522), "1", 1.0)
    assert not in_front(label, 139, [below, outside, label])
