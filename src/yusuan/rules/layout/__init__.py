"""YS8xx — the layout of the published file; ``RULES`` lists the family's rules by code."""

from __future__ import annotations

from yusuan.rules.layout.published import BlankPage, PdfTextNotExtractable, TableUnitMissing

RULES = (
    PdfTextNotExtractable,
    BlankPage,
    TableUnitMissing,
)
