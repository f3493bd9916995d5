"""``yusuan check``: check disclosures against the rule catalogue and print the report.

The verb's options are here (Typer builds them); the work is :func:`yusuan.cli.checking.run`,
which :mod:`yusuan.cli.entry` also calls directly for ``yusuan check FILE …`` with no option.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.checking import run
from yusuan.cli.common import MaxMb, Width, fail
from yusuan.cli.output import Overwrite, check_target


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


def _check_patterns(select: list[str], ignore: list[str]) -> None:
    """Exit 2 on a ``--select``/``--ignore`` pattern no rule matches, or when nothing is left."""
    from yusuan.check import select_rules, unknown_patterns
    from yusuan.rules import all_rules

    unknown = unknown_patterns(select + ignore)
    if unknown:
        prefixes = sorted({r.code[:3] for r in all_rules()})
        tags = sorted({t for r in all_rules() for t in r.tags})
        fail(
            f"没有匹配的规则 {', '.join(unknown)}；可用代码前缀 {' '.join(prefixes)}、规则名称或标签"
            f" {' '.join(tags)}（yusuan rules 列出全部）/ no rule matches {', '.join(unknown)};"
            " use a code prefix, a rule name or a tag"
        )
    if not select_rules(select, ignore):
        fail("--select/--ignore 之后没有规则可运行 / no rule left to run after --select/--ignore")


def check_cmd(
    files: Annotated[list[Path], typer.Argument(help="要校验的文件（可多个） / files to check.")],
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="报告格式：text、json、html。")
    ] = CheckFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="只运行这些规则（代码前缀、名称或标签，可用逗号分隔）。"),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="跳过这些规则（代码前缀、名称或标签）。")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="报告写入文件（默认标准输出）。")
    ] = None,
    overwrite: Overwrite = False,
    width: Width = None,
    max_mb: MaxMb = 50.0,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang",
            help="文本报告的标题：zh 中文规则名称在前（默认），en 英文代码名 / finding headings.",
        ),
    ] = Lang.zh,
    package: Annotated[
        bool,
        typer.Option(
            "--package",
            help="把给出的多个文件读作同一公开包（如情况说明 PDF 与公开表 PDF）/ read the files as one package.",
        ),
    ] = False,
) -> None:
    """校验预决算公开文件：表内、表间、说明与表格的一致性和完整性 / Check disclosures.

    每个文件单独校验；--package 把所有文件读作一个公开包；给出文件夹时，其中的文件读作一个公开包。

    退出码 exit status: 0 无错误 no error · 1 有错误 errors found · 2 文件无法读取或参数有误
    unreadable input or bad option · 3 校验不完整（超过 30% 的适用规则无法运行，或未读出表格）
    incomplete check.
    """
    check_target(output, overwrite)  # before anything is imported or read
    chosen, skipped = _codes(select), _codes(ignore)
    status = run(
        files,
        fmt=fmt.value,
        chosen=chosen,
        skipped=skipped,
        output=output,
        overwrite=overwrite,
        width=width,
        max_mb=max_mb,
        english=lang is Lang.en,
        package=package,
        vet=lambda: _check_patterns(chosen, skipped),
    )
    raise typer.Exit(status)
