"""README and docs show real output: these tests fail when the examples drift."""

from __future__ import annotations

import re

from support import REFERENCE, ROOT, blocks_after, fenced, run_yusuan
from yusuan.api import load
from yusuan.check import check
from yusuan.facts import facts_csv


def test_facts_examples_are_real() -> None:
    real = facts_csv(load(REFERENCE)).splitlines()
    command = "yusuan parse examples/pingxiang-renda-2023.txt --format facts | head -5"
    for doc in ("README.md", "docs/facts.md"):
        shown = blocks_after((ROOT / doc).read_text(encoding="utf-8"), command)
        assert shown, doc
        for lines in shown:
            assert lines == real[:5], doc


def test_readme_check_example_is_real() -> None:
    report = check(load(REFERENCE))
    shown = blocks_after(
        (ROOT / "README.md").read_text(encoding="utf-8"),
        "yusuan check examples/pingxiang-renda-2023.txt",
    )
    assert shown
    lines = shown[0]
    loud = [f for f in report.findings if f.severity.value != "info"]
    heads = [ln for ln in lines if re.match(r"^(错误|警告|提示) .+（YS\d{3}）$", ln)]
    assert heads == [
        f"{'警告' if f.severity.value == 'warning' else '错误'} {f.title}（{f.code}）" for f in loud
    ]
    assert all(f"  {f.message}" in lines for f in loud)
    s = report.summary
    ran = sum(1 for c in report.coverage if c.status == "ran")
    na = sum(1 for c in report.coverage if c.status == "not_applicable")
    cannot = sum(1 for c in report.coverage if c.status == "could_not_run")
    assert lines[-1] == (
        f"错误 {s['error']} · 警告 {s['warning']} · 提示 {s['info']}    "
        f"规则：运行 {ran} · 不适用 {na} · 无法运行 {cannot}"
    )


def test_readme_opens_with_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up in two commands", 1)[1].split("\n## ", 1)[0]
    commands = ["\n".join(lines) for info, lines in fenced(setup) if info == "sh"]
    assert len(commands) == 2
    assert "yusuan check examples/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_yuan_example_is_real() -> None:
    """The 元 example (amounts as printed, a suspect cell and its consequence) is the real
    output, up to where it is cut."""
    command = (
        "yusuan check tests/data/shanghai-putuo-2026-sifaju-unit-budget.pdf --select YS101,YS202"
    )
    shown = blocks_after((ROOT / "README.md").read_text(encoding="utf-8"), command)
    assert shown
    real = run_yusuan(*command.split()[1:]).stdout.splitlines()
    cut = shown[0].index("…")
    assert shown[0][:cut] == real[:cut]
    assert "14,348,853.34 元" in "\n".join(shown[0])
