"""Run the rule catalogue over a disclosure and build a :class:`Report`.

The report never claims "no error" for a rule that did not run: its coverage
ledger says, for every selected rule, whether it ran, did not apply, or could
not run (and why).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from yusuan.collector import collector_paused
from yusuan.model import Disclosure, TableId
from yusuan.recognize.ledger import IMAGE_TABLES, NARRATIVE_ONLY, missing
from yusuan.records import Record
from yusuan.regex import lazy
from yusuan.rules import all_rules
from yusuan.rules.base import CannotRun, Finding, NotApplicable, Rule, Severity
from yusuan.rules.completeness.tables import REQUIRED
from yusuan.rules.context import CheckContext, table_name, unread, where_printed
from yusuan.rules.grouping import grouped, numbered
from yusuan.rules.scanned import (
    ocr_capped,
    ocr_places,
    unread_capped,
    unread_near,
)
from yusuan.rules.to_check import ToCheck, to_check

if TYPE_CHECKING:
    from yusuan.catalog import Catalog

Status = Literal["ran", "not_applicable", "could_not_run"]

#: A check is incomplete (校验不完整, exit status 3) when more than this share of the applicable
#: rules (ran + could not run) could not run, or when no table was read at all: 3/10, as
#: (numerator, denominator), compared exactly in integers.
INCOMPLETE_SHARE = (3, 10)
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


#: The notice of a document read by OCR starts so (the others say what the file does not hold).
OCR_NOTICE = "扫描件"


class Coverage(Record):
    """How one rule fared on the document: ran, not applicable or could not run, and why."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {}  # extra keys ignored, as before

    code: str
    name: str
    title: str
    status: Status
    reason: str | None = None
    findings: int = 0


class DocumentInfo(Record):
    """The checked document as a report names it: file, department, year, kind, tables."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {}  # extra keys ignored, as before

    path: str | None = None
    sha256: str | None = None
    format: str | None = None
    department_code: str | None = None
    department_name: str | None = None
    year: int | None = None
    kind: str | None = None
    level: str | None = None
    tables: int = 0


class Report(Record):
    """The result of checking one document: its findings and each rule's coverage."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {}  # extra keys ignored, as before

    document: DocumentInfo
    findings: tuple[Finding, ...]
    coverage: tuple[Coverage, ...]
    #: what the file does not hold, one line each (its tables are in another file, its
    #: tables are images); shown above the coverage instead of many bare could-not-run lines
    notices: tuple[str, ...] = ()
    #: the rows read by OCR a person must check against the original (the capped findings'
    #: rows, the unsure cells), for the 待人工核对 worksheet (:mod:`yusuan.rules.to_check`)
    to_check: tuple[ToCheck, ...] = ()

    @property
    def missing_notices(self) -> list[str]:
        """The notices that say what the file does not hold (not the OCR one)."""
        return [n for n in self.notices if not n.startswith(OCR_NOTICE)]

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def completeness(self) -> dict[str, Any]:
        """How much of the check ran: applicable rules, those that could not run, and whether
        that makes the check incomplete (:data:`INCOMPLETE_SHARE`, or no table read)."""
        cannot = sum(1 for c in self.coverage if c.status == "could_not_run")
        applicable = cannot + sum(1 for c in self.coverage if c.status == "ran")
        part, whole = INCOMPLETE_SHARE
        over = applicable > 0 and cannot * whole > part * applicable
        return {
            "incomplete": over or (self.document.tables == 0 and bool(self.coverage)),
            "applicable": applicable,
            "could_not_run": cannot,
            "limit": f"{part}/{whole}",
        }

    @property
    def incomplete(self) -> bool:
        return bool(self.completeness["incomplete"])

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (docs/checking.md)."""
        return {
            "document": self.document.model_dump(mode="json"),
            "findings": [flatten(f) for f in self.findings],
            "coverage": [c.model_dump(mode="json") for c in self.coverage],
            "notices": list(self.notices),
            "to_check": [e.to_json() for e in self.to_check],
            "summary": self.summary,
            "completeness": self.completeness,
        }

    def flatten(self) -> list[str]:
        """One short line per finding: ``CODE severity table/row/column``, for tests."""
        return [
            f"{f.code} {f.severity.value} {f.location.table or ''}/{f.location.row_code or f.location.row_item or ''}"
            f"/{f.location.column or ''}"
            for f in self.findings
        ]


def flatten(f: Finding) -> dict[str, Any]:
    row = " ".join(p for p in (f.location.row_code, f.location.row_item) if p) or None
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "table": f.location.table,
        "row": row,
        "column": f.location.column,
        "expected": f.expected,
        "actual": f.actual,
        "difference": f.difference,
        "location": f.location.model_dump(mode="json"),
        "id": f.id,
        "title": f.title,
        "unit": f.unit,
        "expected_printed": f.expected_printed,
        "actual_printed": f.actual_printed,
        "difference_printed": f.difference_printed,
        "caused_by": f.caused_by,
        "suspect": f.suspect.model_dump(mode="json") if f.suspect else None,
    }


def _matches(rule: type[Rule], patterns: Iterable[str]) -> bool:
    return any(rule.code.startswith(p) or p == rule.name or p in rule.tags for p in patterns)


def unknown_patterns(patterns: Iterable[str]) -> list[str]:
    """The ``--select``/``--ignore`` patterns that match no rule of the catalogue (a typo such
    as ``YS999`` would otherwise select nothing and report "no error")."""
    rules = [r for r in all_rules() if not r.retired]
    return [
        p for p in (s.strip() for s in patterns) if p and not any(_matches(r, [p]) for r in rules)
    ]


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[type[Rule]]:
    """Rules chosen by code prefix, name or tag (``--select YS1 --ignore YS104``)."""
    chosen = [r for r in all_rules() if not r.retired]
    sel = [s.strip() for s in select or () if s.strip()]
    ign = [s.strip() for s in ignore or () if s.strip()]
    if sel:
        chosen = [r for r in chosen if _matches(r, sel)]
    if ign:
        chosen = [r for r in chosen if not _matches(r, ign)]
    return chosen


_TABLE_IDS = {t.value for t in TableId}


def why_not_run(d: Disclosure, rule: Rule, reason: str, notices: list[str]) -> str:
    """The could-not-run reason, told where the missing table is printed but not read.

    A rule whose tables (its tags naming a table) the document prints (目录 or title) but
    recognition did not read gets that said; a file without tables gets the notice.
    """
    if notices:
        return f"{reason}（{notices[0].split('，')[0]}）"
    extra = [
        where_printed(e)
        for tag in rule.tags
        if tag in _TABLE_IDS and (e := unread(d, tag)) is not None
    ]
    extra = [x for x in dict.fromkeys(extra) if x not in reason]
    return f"{reason}；{'；'.join(extra)}，但未能识别该表" if extra else reason


def capped(d: Disclosure, f: Finding, rule: Rule | None = None) -> Finding:
    """An error resting on a table recognized by its content alone is at most a warning.

    Without a printed title that names it, the table's identity is a guess; the tool
    does not claim an error on a guess (docs/checking.md).  So is an error on a table
    whose title its content contradicts (``disputed``), or on an id one such table shares
    with another (which of the two the error rests on is not sure).  A cross-table rule's
    error rests on every table it compares (its tags), not only the one it points at.
    """
    if f.severity is not Severity.ERROR or not f.location.table:
        return f
    ids = [f.location.table]
    if rule is not None and "cross" in rule.tags:
        ids += [t for t in rule.tags if t in _TABLE_IDS and t != f.location.table]
    for tid in ids:
        tables = d.tables_of(tid)
        if any(t.recognized_by == "disputed" for t in tables):
            note = "（该表的标题与内容不符，不能确定是哪张表）"
        elif tables and all(t.recognized_by == "content" for t in tables):
            note = "（该表仅按内容识别）"
        else:
            continue
        if tid != f.location.table:
            note = note.replace("该表", f"所比较的《{table_name(tid)}》")
        return f.model_copy(update={"severity": Severity.WARNING, "message": f"{f.message}{note}"})
    return f


_SCANNED_PAGES = lazy(
    r"^ocr page \d+: (?:([^：]+)：)?第 ([\d、]+) 页为扫描图像.*? / pages? ([\d, ]+) (?:are|is) "
)


def ocr_notice(d: Disclosure) -> list[str]:
    """The notice that the document's text, or some of its pages, was read by OCR (from
    the reader's diagnostics)."""
    found = [x for x in d.diagnostics if x.startswith("ocr page ")]
    if not found:
        return []
    pages = [m for x in found if (m := _SCANNED_PAGES.search(x))]
    if len(pages) == len(found):  # scanned pages inside a text PDF (read/scan_pages.py)
        zh = "；".join(f"{m.group(1) or ''} 第 {m.group(2)} 页".lstrip() for m in pages)
        en = "; ".join(f"{m.group(1) or ''} {m.group(3)}".lstrip() for m in pages)
        return [
            f"{OCR_NOTICE}：{zh}为扫描图像，由 OCR 识别，涉及这些页的问题最多为警告，"
            f"请核对原件 / scanned pages read by OCR: {en}"
        ]
    return [
        f"{OCR_NOTICE}：文字与数字由 OCR 识别，涉及的问题最多为警告，请核对原件 / scanned: read by OCR"
    ]


def notices_of(d: Disclosure) -> list[str]:
    """The lines saying what the file does not hold (from the recognition diagnostics)."""
    kinds = (f"{NARRATIVE_ONLY}:", f"{IMAGE_TABLES}:")
    lines = [x for x in d.diagnostics if x.startswith(kinds)]
    if not lines and d.narrative.sections and not {t.id for t in d.tables} & set(REQUIRED):
        # a 情况说明 with only its 绩效目标表 or 资产表: still none of the standard tables
        lines = missing(d.model_copy(update={"tables": ()}))
    return [x.split(":", 1)[1].strip() for x in lines]


@collector_paused()
def check(
    disclosure: Disclosure,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> Report:
    """Run the selected rules; findings sorted by severity, then code.

    ``catalog`` is the 科目 catalogue for YS209/YS210 (default: the bundled one and
    the user's official lists, :func:`yusuan.catalog.default_catalog`).
    """
    ctx = CheckContext(disclosure, catalog)
    notices = notices_of(disclosure)
    places = ocr_places(disclosure)
    near = unread_near(disclosure)
    present = {t.id.value for t in disclosure.tables}
    findings: list[Finding] = []
    coverage: list[Coverage] = []
    for rule_cls in select_rules(select, ignore):
        rule = rule_cls()
        try:
            found = list(rule.check(ctx))
        except NotApplicable as exc:
            coverage.append(
                Coverage(
                    code=rule.code,
                    name=rule.name,
                    title=rule.title,
                    status="not_applicable",
                    reason=str(exc),
                )
            )
            continue
        except CannotRun as exc:
            coverage.append(
                Coverage(
                    code=rule.code,
                    name=rule.name,
                    title=rule.title,
                    status="could_not_run",
                    reason=why_not_run(disclosure, rule, str(exc), notices),
                )
            )
            continue
        found = [ocr_capped(capped(disclosure, f, rule), places, rule) for f in found]
        found = [unread_capped(f, near, rule, present) for f in found]
        findings.extend(found)
        coverage.append(
            Coverage(
                code=rule.code, name=rule.name, title=rule.title, status="ran", findings=len(found)
            )
        )
    findings.sort(key=lambda f: (_ORDER[f.severity], f.code))
    findings = grouped(ctx.d, numbered(findings))
    src = disclosure.source
    info = DocumentInfo(
        path=src.path if src else None,
        sha256=src.sha256 if src else None,
        format=src.format if src else None,
        department_code=disclosure.department_code,
        department_name=disclosure.department_name,
        year=disclosure.year,
        kind=disclosure.kind,
        level=disclosure.level,
        tables=len(disclosure.tables),
    )
    notices += ocr_notice(disclosure)
    return Report(
        document=info,
        findings=tuple(findings),
        coverage=tuple(coverage),
        notices=tuple(notices),
        to_check=to_check(disclosure, findings),
    )
