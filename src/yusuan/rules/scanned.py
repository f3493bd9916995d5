"""Findings on the scanned pages of a PDF that otherwise has text (docs/ocr.md).

:func:`compared` gives the tables holding OCR values that a cross-table or prose rule
compares, so :func:`ocr_capped` caps a finding located on a text page that
rests on a scanned one.  :func:`unread_near` and :func:`unread_capped` cap an error on a
table next to a scanned page left unread because the OCR extra is not installed (the
table may continue there), or on a table missing while such a page exists.
"""

from __future__ import annotations

from typing import Any

from yusuan.model import Disclosure, TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Rule, Severity

TABLE_IDS = {t.value for t in TableId}

#: What a finding resting on a value read by OCR adds to its message.
OCR_NOTE = "OCR 识别或原文有误，请核对原件"


def compared(rule: Rule | None, tables: set[str]) -> set[str]:
    """The OCR tables a cross-table or prose rule compares (its tags naming tables; a prose
    rule naming none may compare any table)."""
    if rule is None or not {"cross", "prose"} & set(rule.tags):
        return set()
    named = {t for t in rule.tags if t in TABLE_IDS}
    if not named and "prose" in rule.tags:
        return tables
    return named & tables


#: A scanned page of a text PDF left unread because the OCR extra is not installed
#: (the reader's ``pdf-text-not-extractable`` diagnostic naming the extra).
#: In a package (``load_package``) the page's file name comes first (``a.pdf：第7页…``).
_UNREAD = lazy(r"^pdf-text-not-extractable page (\d+): (?:([^：]+\.pdf)：)?.*yusuan\[ocr\]")


def unread_near(d: Disclosure) -> dict[str | None, list[int]]:
    """The tables on or next to a scanned page left unread (the OCR extra not installed):
    table id → those pages; under ``None`` all such pages (a table printed only there is
    missing from the model)."""
    found = {(m.group(2), int(m.group(1))) for x in d.diagnostics if (m := _UNREAD.match(x))}
    if not found:
        return {}
    out: dict[str | None, list[int]] = {None: sorted({p for _, p in found})}
    for t in d.tables:
        pages = {c.source.page for r in t.rows for c in r.cells.values() if c.source.page}
        pages |= {t.source.page} if t.source.page else set()
        unread = sorted(p for f, p in found if f == t.source.file)
        if pages:
            near = [p for p in unread if min(pages) - 1 <= p <= max(pages) + 1]
            if near:
                out.setdefault(t.id.value, []).extend(near)
    return out


def unread_capped(
    f: Finding, near: dict[str | None, list[int]], rule: Rule | None, present: set[str]
) -> Finding:
    """An error on a table that continues on (or next to) a scanned page left unread, or on
    a table the document lacks (not in ``present``) while such a page exists, is at most a
    warning: the table may be incomplete, or printed on that page."""
    if not near or f.severity is not Severity.ERROR:
        return f
    at = [f.location, *([f.suspect] if f.suspect else [])]
    ids = {loc.table for loc in at if loc.table} | compared(rule, {k for k in near if k})
    pages = sorted({p for i in ids for p in near.get(i, [])})
    missing = f.location.table in TABLE_IDS and f.location.table not in present
    if not pages and missing:
        pages = near[None]
    if not pages:
        return f
    zh = "、".join(map(str, pages))
    what = "该表可能印在该页上" if missing else "该表可能不完整"
    note = f"（第 {zh} 页是扫描图像，未安装 OCR 组件而未能读取，{what}）"
    return f.model_copy(update={"severity": Severity.WARNING, "message": f"{f.message}{note}"})


OcrPlaces = tuple[set[tuple[str | None, int]], set[str], set[str]]


def ocr_places(d: Disclosure) -> OcrPlaces:
    """The pages (file, page) holding values read by OCR, the tables (ids) holding OCR
    values, and the tables holding values read from a text layer."""
    pages: set[tuple[str | None, int]] = set()
    tables: set[str] = set()
    plain: set[str] = set()
    for t in d.tables:
        tid = t.id.value  # once a table: an enum's value is a property, and this runs per cell
        for src in (t.source, *(c.source for r in t.rows for c in r.cells.values())):
            if not src.ocr:
                plain.add(tid)
                continue
            tables.add(tid)
            if src.page is not None:
                pages.add((src.file, src.page))
    prose = [s.source for s in d.narrative.walk()]
    prose += [p.source for s in d.narrative.walk() for p in s.paragraphs]
    prose += [a.source for a in d.narrative.stated]
    pages.update((src.file, src.page) for src in prose if src.ocr and src.page is not None)
    return pages, tables, plain


def ocr_capped(f: Finding, places: OcrPlaces, rule: Rule | None = None) -> Finding:
    """A finding resting on a value read by OCR is at most a warning and says so.

    It rests on OCR when its table holds OCR values, or its page (or its suspect cell's)
    was read by OCR, or a cross-table or prose ``rule`` compares a table holding OCR values
    (a document with some pages scanned), or — in a document read by OCR — it points at no
    page and at no table read from a text layer (a table missing from a scan may be one OCR
    could not read).  Done here, once, for every rule (docs/ocr.md).
    """
    pages, tables, plain = places
    if not pages and not tables:
        return f
    at = [f.location, *([f.suspect] if f.suspect else [])]
    rests = (
        any(
            (loc.table is not None and loc.table in tables)
            or (loc.page is not None and (loc.file, loc.page) in pages)
            for loc in at
        )
        or (f.location.page is None and f.location.table not in plain)
        or bool(compared(rule, tables))
    )
    if not rests:
        return f
    update: dict[str, Any] = {"message": f"{f.message}（{OCR_NOTE}）"}
    if f.severity is Severity.ERROR:
        update["severity"] = Severity.WARNING
    return f.model_copy(update=update)
