"""Rule documentation, generated from each rule's docstring and catalogue entry.

``docs/rules/`` is written by ``yusuan rules --write-docs docs/rules`` and a test
fails when the files drift from the code.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from yusuan.rules.base import SEVERITY_ZH, Rule

SECTIONS = ("检查什么", "为什么重要", "错误示例", "正确写法")


def doc_sections(rule: type[Rule]) -> dict[str, str]:
    """The four docstring sections of a rule, by heading."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    out: dict[str, list[str]] = {}
    current: str | None = None
    for line in doc.splitlines():
        if line.strip() in SECTIONS:
            current = line.strip()
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def rule_markdown(rule: type[Rule]) -> str:
    """One rule's page."""
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{rule.title}**",
        "",
        "| | |",
        "|---|---|",
        f"| 代码 code | `{rule.code}` |",
        f"| 名称 name | `{rule.name}` |",
        f"| 严重程度 severity | {SEVERITY_ZH[rule.severity]} ({rule.severity.value}) |",
        f"| 标签 tags | {', '.join(f'`{t}`' for t in rule.tags)} |",
        f"| 依据 basis | {rule.basis} |",
        "",
    ]
    for heading, body in doc_sections(rule).items():
        parts += [f"## {heading}", "", body, ""]
    return "\n".join(parts)


def rule_text(rule: type[Rule]) -> str:
    """A rule's page as plain text for the terminal (``yusuan rules CODE``)."""
    lines = [
        f"{rule.code} {rule.name} — {rule.title}",
        f"严重程度 severity: {SEVERITY_ZH[rule.severity]} ({rule.severity.value})",
        f"标签 tags: {', '.join(rule.tags)}",
        f"依据 basis: {rule.basis}",
        "",
    ]
    for heading, body in doc_sections(rule).items():
        lines += [f"【{heading}】", body, ""]
    return "\n".join(lines).rstrip() + "\n"


def index_markdown(rules: list[type[Rule]]) -> str:
    lines = [
        "# 规则目录 Rule catalogue",
        "",
        "Generated from the code by `yusuan rules --write-docs docs/rules`; do not edit by hand.",
        "",
        "| 代码 | 名称 | 说明 | 严重程度 | 标签 |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        lines.append(
            f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.title} | {SEVERITY_ZH[r.severity]} | {', '.join(r.tags)} |"
        )
    return "\n".join(lines) + "\n"


def expected_files(rules: list[type[Rule]]) -> dict[str, str]:
    """File name → content of the generated documentation."""
    files = {f"{r.code}.md": rule_markdown(r) for r in rules}
    files["README.md"] = index_markdown(rules)
    return files


def write_docs(directory: Path, rules: list[type[Rule]]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    wanted = expected_files(rules)
    for old in directory.glob("*.md"):
        if old.name not in wanted:
            old.unlink()
    for name, content in wanted.items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
