"""The check report for the terminal: Rich styles on a terminal, plain wrapped text elsewhere.

:func:`report_lines` is the report once, as paragraphs of styled spans; :func:`print_report`
prints them with Rich, :func:`write_plain` writes the same bytes Rich would write to a pipe or a
file (:mod:`yusuan.render.plain`) without importing ``rich.console``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from yusuan.check import Report
from yusuan.printable import printable
from yusuan.render.plain import plain_enough, wrap
from yusuan.rules.base import SEVERITY_ZH, Finding, Severity
from yusuan.rules.to_check import ToCheck

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

#: One printed paragraph: its (text, style) spans. A style of ``None`` marks a paragraph
#: Rich prints as a plain string.
Spans = list[tuple[str, str | None]]


def headline(report: Report) -> str:
    d = report.document
    who = " ".join(str(p) for p in (d.department_code, d.department_name) if p) or (d.path or "")
    what = f"{d.year or '?'}年{d.level or ''}{d.kind or ''}"
    return f"{who} · {what}"


def display_order(findings: Sequence[Finding]) -> list[tuple[Finding, bool]]:
    """The findings as a reader goes through them: each consequence (``caused_by``) right under
    the finding that explains it (flag True), the others in report order. None is left out."""
    under: dict[str, list[Finding]] = {}
    ids = {f.id for f in findings}
    for f in findings:
        if f.caused_by is not None and f.caused_by in ids:
            under.setdefault(f.caused_by, []).append(f)
    out: list[tuple[Finding, bool]] = []
    for f in findings:
        if f.caused_by is not None and f.caused_by in ids:
            continue
        out.append((f, False))
        out += [(c, True) for c in under.get(f.id or "", [])]
    return out


def heading(f: Finding, english: bool = False) -> str:
    """``警告 上级行空白而下级行有数（YS603）``; in English ``warning YS603 parent-blank-child-filled``."""
    if english or not f.title:
        return f"{f.severity.value if english else SEVERITY_ZH[f.severity]} {f.code} {f.name}"
    return f"{SEVERITY_ZH[f.severity]} {f.title}（{f.code}）"


def finding_lines(f: Finding, english: bool = False, indent: str = "") -> list[Spans]:
    """One finding: its heading (Chinese title first, the code after), location, message; a
    consequence of another finding (``caused_by``) is marked and indented under it."""
    label, _, rest = heading(f, english).partition(" ")
    mark = f"{indent}└ 连带 " if f.caused_by else indent
    lines: list[Spans] = [[(mark, "dim"), (label, _STYLE[f.severity]), (f" {rest}", "bold")]]
    where = f.location.describe()
    if where:
        lines.append([(f"{indent}  位置：{where}", "dim")])
    if f.suspect is not None:
        lines.append([(f"{indent}  疑点：{f.suspect.describe()}", "bold")])
    lines.append([(f"{indent}  {f.message}", "")])
    return lines


#: The heading of the OCR worksheet (text, HTML, the workbook's sheet, the web).
TO_CHECK_HEADING = "待人工核对（OCR）/ to check against the original (OCR)"


def box_text(box: tuple[float, float, float, float] | None) -> str:
    """A cell's box in PDF points from the page's top left: ``300.2,144,450.7,168.1``."""
    return "" if box is None else ",".join(f"{v:g}" for v in box)


def entry_lines(e: ToCheck) -> list[Spans]:
    """One row of the OCR worksheet: where it is printed, the findings on it, each cell as
    read with its box (PDF points from the page's top left)."""
    why = "、".join(e.codes) + (f"（{'、'.join(e.findings)}）" if e.findings else "")
    lines: list[Spans] = [[(f"  {e.where()}", "bold"), (f" — {why}" if why else "", "")]]
    for c in e.cells:
        page = f"第{c.page}页 " if c.page is not None and c.page != e.page else ""
        box = f" · 框 {page}{box_text(c.bbox)} pt" if c.bbox else ""
        lines.append([(f"    列“{c.column}” 识别为 {c.as_read}{box}", "")])
    return lines


def report_lines(report: Report, english: bool = False) -> list[Spans]:
    """Findings grouped by severity, then the coverage ledger, as paragraphs of spans.

    Control characters of the file's own text (its path, cells, names) are escaped."""
    s = report.summary
    out: list[Spans] = [[(headline(report), "bold")]]
    if report.document.path:
        out.append([(printable(report.document.path), "dim")])
    for n in report.notices:  # the file does not hold the tables: say so once
        out.append([(f"注意：{n}", "bold yellow")])
    for f, under in display_order(report.findings):
        out += finding_lines(f, english, indent="    " if under else "")
    if report.to_check:  # the rows to compare with the paper original, after the findings
        out.append([(f"{TO_CHECK_HEADING}：{len(report.to_check)} 行，请对照原件逐格核对", "bold")])
        for e in report.to_check:
            out += entry_lines(e)
    if report.findings:
        code = report.findings[0].code
        out.append(
            [
                (
                    f"规则的依据、错误示例与正确写法：yusuan rules 代码（如 yusuan rules {code}）",
                    "dim",
                )
            ]
        )
    ran = sum(1 for c in report.coverage if c.status == "ran")
    na = [c for c in report.coverage if c.status == "not_applicable"]
    cannot = [c for c in report.coverage if c.status == "could_not_run"]
    ledger = (
        f"错误 {s['error']} · 警告 {s['warning']} · 提示 {s['info']}    "
        f"规则：运行 {ran} · 不适用 {len(na)} · 无法运行 {len(cannot)}"
    )
    if report.incomplete:
        share = report.completeness
        ledger += (
            f"    校验不完整：{share['could_not_run']}/{share['applicable']} 条适用规则无法运行"
            f"{'，未读出表格' if not report.document.tables else ''}，不能判定为无错误"
            " / incomplete check"
        )
    out.append([(ledger, None)])
    if report.missing_notices and cannot:  # one line: the rules need the tables of another file
        codes = " ".join(c.code for c in cannot)
        out.append([(f"  无法运行的 {len(cannot)} 条规则需要本文件没有的表：{codes}", "dim")])
    else:
        out += [[(f"  无法运行 {c.code} {c.title}：{c.reason}", "dim")] for c in cannot]
    return [[(printable(t, keep_newlines=True), s) for t, s in spans] for spans in out]


def print_report(report: Report, console: Console, english: bool = False) -> None:
    """The report through Rich (styles on a terminal)."""
    from rich.text import Text

    for spans in report_lines(report, english):
        if len(spans) == 1:
            text, style = spans[0]
            console.print(text if style is None else Text(text, style=style))
            continue
        line = Text()
        for text, style in spans:
            line.append(text, style=style)
        console.print(line)


def plain_report(reports: list[Report], english: bool = False) -> list[Spans] | None:
    """The paragraphs of ``reports`` when all can be written without Rich, else ``None``."""
    lines = [spans for r in reports for spans in report_lines(r, english)]
    return lines if all(plain_enough(t) for spans in lines for t, _ in spans) else None


def write_plain(lines: list[Spans], out: TextIO, width: int) -> None:
    """Paragraphs as Rich prints them where it prints no styles (a pipe, a file), at ``width``."""
    for spans in lines:
        out.write("\n".join(wrap("".join(t for t, _ in spans), width)) + "\n")
