"""The check report for the terminal (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from yusuan.check import Report
from yusuan.rules.base import SEVERITY_ZH, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def headline(report: Report) -> str:
    d = report.document
    who = " ".join(str(p) for p in (d.department_code, d.department_name) if p) or (d.path or "")
    what = f"{d.year or '?'}年{d.level or ''}{d.kind or ''}"
    return f"{who} · {what}"


def print_report(report: Report, console: Console, english: bool = False) -> None:
    """Findings grouped by severity, then the coverage ledger."""
    s = report.summary
    console.print(Text(headline(report), style="bold"))
    if report.document.path:
        console.print(Text(report.document.path, style="dim"))
    for n in report.notices:  # the file does not hold the tables: say so once
        console.print(Text(f"注意：{n}", style="bold yellow"))
    for f in report.findings:
        label = f.severity.value if english else SEVERITY_ZH[f.severity]
        head = Text()
        head.append(label, style=_STYLE[f.severity])
        head.append(f" {f.code} ", style="bold")
        head.append(f.name, style="dim")
        console.print(head)
        where = f.location.describe()
        if where:
            console.print(Text(f"  位置：{where}", style="dim"))
        console.print(Text(f"  {f.message}"))
    ran = sum(1 for c in report.coverage if c.status == "ran")
    na = [c for c in report.coverage if c.status == "not_applicable"]
    cannot = [c for c in report.coverage if c.status == "could_not_run"]
    console.print(
        f"错误 {s['error']} · 警告 {s['warning']} · 提示 {s['info']}    "
        f"规则：运行 {ran} · 不适用 {len(na)} · 无法运行 {len(cannot)}"
    )
    if report.notices and cannot:
        codes = " ".join(c.code for c in cannot)
        console.print(
            Text(f"  无法运行的 {len(cannot)} 条规则需要本文件没有的表：{codes}", style="dim")
        )
        return
    for c in cannot:
        console.print(Text(f"  无法运行 {c.code} {c.title}：{c.reason}", style="dim"))
