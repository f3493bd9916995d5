"""Every golden cell, column included, against an independent extractor (pdfplumber).

The goldens (``tests/data/golden/*.cells.json``: ``[section, code, item, column path, text,
page]``) pin what the reader makes of six real PDFs.  This test reads the same pages with
pdfplumber, not with the reader (which uses pypdfium2), and checks for every non-blank golden
value that the page prints it on the row of its item *under its column*: the value's word
lies on the line of the item's label (when the item is printed as a row label) and its
x-centre falls inside a header cell of every level of its column path (the header cells
found by pdfplumber's ruled-table finder, matched by their text with whitespace removed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from support import DATA

GOLDENS = sorted((DATA / "golden").glob("*.cells.json"))

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def key(text: str | None) -> str:
    return "".join((text or "").split())


@cache
def page_content(pdf: Path, page: int) -> tuple[list[dict[str, Any]], list[tuple[str, Box]]]:
    """The words of a page, and its ruled-table cells with their text (whitespace removed)."""
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        words = p.extract_words(keep_blank_chars=False, use_text_flow=False)
        chars = p.chars
        cells: list[tuple[str, Box]] = []
        for table in p.find_tables():
            for box in table.cells:
                x0, top, x1, bottom = box
                text = "".join(  # the characters whose centre lies inside the cell
                    c["text"]
                    for c in chars
                    if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                    and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                )
                cells.append((key(text), box))
    return words, cells


def centre(word: dict[str, Any]) -> float:
    return (float(word["x0"]) + float(word["x1"])) / 2


def same_line(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0


def under(x: float, label: str, cells: list[tuple[str, Box]]) -> bool:
    """``x`` falls inside a header cell printing ``label``."""
    return any(text == label and box[0] <= x <= box[2] for text, box in cells)


def golden_cells() -> Iterator[tuple[str, Path, int, list[Any]]]:
    """(table, PDF, the table's first page, cell) for every non-blank golden cell."""
    for path in GOLDENS:
        pdf = DATA / (path.name.removesuffix(".cells.json") + ".pdf")
        for table_id, table in json.loads(path.read_text("utf-8")).items():
            first = min(c[5] for c in table["cells"])
            for cell in table["cells"]:
                if cell[4]:
                    yield table_id, pdf, first, cell


def placed(pdf: Path, first: int, cell: list[Any]) -> list[str]:
    """What is wrong with one golden cell on the page ([] when it is printed as pinned).

    A continuation page that does not repeat the header is read against the header of the
    table's first page (the columns keep their x-positions)."""
    _section, _code, item, path, text, page = cell
    words, cells = page_content(pdf, page)
    cells = cells + page_content(pdf, first)[1]
    values = [w for w in words if key(w["text"]) == key(text)]
    if not values:
        return [f"{text} not on page {page}"]
    labels = [w for w in words if item and key(item) in key(w["text"])]
    if labels:  # the item prints as a row label: the value stands on its line
        values = [v for v in values if any(same_line(v, w) for w in labels)]
        if not values:
            return [f"{text} not on the line of {item} (page {page})"]
    levels = path.split("/")
    if any(under(centre(v), lvl, cells) for v in values for lvl in levels[-1:]) and any(
        all(under(centre(v), lvl, cells) for lvl in levels) for v in values
    ):
        return []
    return [f"{item} {text} (page {page}) is not under {path}"]


CELLS = list(golden_cells())


def test_every_golden_is_covered() -> None:
    assert {p.name for p in GOLDENS} >= {
        "jiangsu-2019-renda-dept-budget-tables.cells.json",
        "shanghai-putuo-2024-caizhengju-dept-final.cells.json",
    }
    assert len(CELLS) >= 389  # the non-blank cells the issue #19 audit counted


@pytest.mark.parametrize("pdf", sorted({pdf for _, pdf, _, _ in CELLS}), ids=lambda p: p.stem)
def test_golden_values_stand_under_their_column(pdf: Path) -> None:
    wrong = [
        f"{table_id}: {msg}"
        for table_id, p, first, cell in CELLS
        if p == pdf
        for msg in placed(p, first, cell)
    ]
    assert not wrong, "\n".join(wrong)
