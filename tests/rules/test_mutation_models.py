"""Located mutations on the JSON models of three real documents (issue #19).

The harness of ``tests/rules/test_mutation.py``, applied to real PDFs through the JSON
model path (``tests/support/model_mutation.py``): a Putuo 元 budget (the whole 万里街道
package, with its 情况说明), a Jiangsu budget (江苏省人民检察院 2018, its 收支预算总表 printing
two breakdowns side by side) and a Putuo 决算 (区财政局 2024).  Each document is parsed
once; every mutation is one amount of its JSON model changed, loaded back through the real
JSON path and checked.  It counts as caught only when a new error or warning points at the
mutated cell (same table, its row or its column, or a total it feeds; or, from another table,
names its table and row) or sentence.

What a document does not determine is listed with the reason in
``support/model_mutation.py`` (``CELLS_NOT_DETERMINED``, ``STATED_NOT_DETERMINED``): left
out of the count, and the test fails if one of those lists goes stale.  Everything else
must be caught.

To keep CI short the mutations are sampled: ``CELLS`` cells and ``SAID`` stated amounts
evenly spread over each document's, always the same ones (``bench/mutation_models.py`` runs
them all).  The counts are printed and must be 100%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import DATA
from support.model_mutation import (
    CELLS_NOT_DETERMINED,
    STATED_NOT_DETERMINED,
    Harness,
    sample,
)

CELLS = 24  # cells sampled per document
SAID = 16  # stated amounts sampled per document

DOCS = {
    "putuo-yuan": DATA / "shanghai-putuo-2025-wanli-dept-budget-full.pdf",
    "jiangsu": DATA / "jiangsu-2018-jianchayuan-dept-budget.pdf",
    "putuo-final": DATA / "shanghai-putuo-2024-caizhengju-dept-final.pdf",
}
#: amounts each document states that a table or the prose determines, all mutated
STATED = {"putuo-yuan": 50, "jiangsu": 0, "putuo-final": 0}


@pytest.mark.parametrize("name", list(DOCS))
def test_every_mutation_of_the_model_is_located(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf: Path = DOCS[name]
    h = Harness(pdf)
    undetermined = CELLS_NOT_DETERMINED.get(pdf.name, {})
    cells = list(h.cells())
    groups = {
        "cells": sample([m for m in cells if m.label not in undetermined], CELLS),
        "stated": list(h.stated(STATED_NOT_DETERMINED.get(pdf.name, set()))),
    }
    assert len(cells) >= CELLS
    assert len(groups["stated"]) == STATED[name]
    groups["stated"] = sample(groups["stated"], SAID)
    missed: list[str] = []
    out = [
        f"{pdf.name}: {len(cells)} amount cells ({len(undetermined)} not determined), {CELLS}"
        f" sampled; stated: {STATED[name]} determined ({len(groups['stated'])} sampled),"
        f" {len(STATED_NOT_DETERMINED.get(pdf.name, set()))} not determined"
    ]
    for group, mutations in groups.items():
        hit = [m for m in mutations if h.caught(m)]
        missed += [m.label for m in mutations if m not in hit]
        n = len(mutations)
        pct = 100 * len(hit) / n if n else 100.0
        out.append(f"  {group}: {len(hit)}/{n} detected ({pct:.1f}%)")
    with capsys.disabled():
        print("\n" + "\n".join(out))
    assert not missed, f"undetected mutations: {missed}"
    # the cells said not to be determined are cells of the model, and indeed not caught
    left = [m for m in cells if m.label in undetermined]
    assert len(left) == len(undetermined), "a cell said not determined is no cell of the model"
    assert not [m.label for m in left[:2] if h.caught(m)], "a cell said not determined is caught"
