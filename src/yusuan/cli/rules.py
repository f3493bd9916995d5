"""``yusuan rules``: list the rule catalogue, explain one rule, or write the rule pages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import Width, fail, print_unfolded


def rules_cmd(
    code: Annotated[
        str | None, typer.Argument(help="规则代码，如 YS101；省略时列出全部 / a rule code.")
    ] = None,
    write_docs: Annotated[
        Path | None, typer.Option("--write-docs", help="把规则文档写入此目录（docs/rules）。")
    ] = None,
    width: Width = None,
) -> None:
    """列出或解释校验规则 / List or explain the rules (管道中不截断 / not cut in a pipe)."""
    from rich.table import Table as RichTable

    from yusuan.rules import all_rules, get_rule
    from yusuan.rules.base import SEVERITY_ZH
    from yusuan.rules.docs import rule_text
    from yusuan.rules.docs import write_docs as write

    if write_docs is not None:
        paths = write(write_docs, all_rules())
        typer.echo(f"已写入 {len(paths)} 个文件 / wrote {len(paths)} files to {write_docs}")
        return
    if code is not None:
        rule = get_rule(code)
        if rule is None:
            fail(f"没有规则 {code} / no rule {code}")
        sys.stdout.write(rule_text(rule))
        return
    table = RichTable(title="yusuan 规则目录", expand=False)
    for head in ("代码", "名称", "说明", "级别", "标签"):
        table.add_column(head)
    for r in all_rules():
        table.add_row(r.code, r.name, r.title, SEVERITY_ZH[r.severity], ", ".join(r.tags))
    print_unfolded(table, width)
