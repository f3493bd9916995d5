"""The ``yusuan`` command: a thin group of verbs over the library."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from yusuan import __version__
from yusuan.errors import InputError
from yusuan.model import Disclosure

app = typer.Typer(
    name="yusuan",
    help="预算 · 部门预决算公开文件的读取、校验与比较工具 (Chinese budget disclosures toolkit).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ParseFormat(StrEnum):
    json = "json"
    facts = "facts"
    xlsx = "xlsx"


def fail(message: str) -> NoReturn:
    """Print a one-line error to stderr and exit with status 2."""
    typer.echo(f"错误 / error: {message}", err=True)
    raise typer.Exit(2)


def load_or_exit(path: Path | list[Path], max_mb: float, debug: bool = False) -> Disclosure:
    """Load a file (or the files of one package); any failure is one line on stderr, exit 2."""
    from yusuan.api import load, load_package

    try:
        if isinstance(path, list):
            return load_package(list(path), max_bytes=int(max_mb * 1024 * 1024))
        return load(path, max_bytes=int(max_mb * 1024 * 1024))
    except InputError as exc:
        fail(exc.line(str(path)))
    except Exception as exc:  # a reader library choked on hostile or damaged input
        if debug:
            raise
        fail(
            f"{path}: 文件内容无法解析（{type(exc).__name__}）/ the file could not be parsed ({type(exc).__name__}: {exc})"
        )


MaxMb = Annotated[
    float,
    typer.Option(
        "--max-mb", help="拒绝大于此大小（MB）的文件 / refuse files larger than this (MB)."
    ),
]


@app.command()
def parse(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="要读取的文件：文本导出、.docx、.xlsx、.xls、.html 或 .pdf；"
            "多个文件或一个文件夹读作同一公开包 / the file(s) of one package, or a folder."
        ),
    ],
    fmt: Annotated[
        ParseFormat,
        typer.Option(
            "--format", "-f", help="输出格式：json（完整模型）、facts（长表 CSV）、xlsx。"
        ),
    ] = ParseFormat.json,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="输出文件（默认标准输出；xlsx 必须指定）。"),
    ] = None,
    max_mb: MaxMb = 50.0,
    debug: Annotated[
        bool, typer.Option("--debug", help="出错时显示完整回溯 / show tracebacks.")
    ] = False,
) -> None:
    """读取一份预决算公开文件并输出其结构化模型 / Read a disclosure into the typed model."""
    disclosure = load_or_exit(
        files if len(files) > 1 or files[0].is_dir() else files[0], max_mb, debug
    )
    if fmt is ParseFormat.xlsx:
        if output is None:
            fail("xlsx 输出需要 -o 指定文件 / xlsx output needs -o FILE")
        from yusuan.facts import write_facts_xlsx

        write_facts_xlsx(disclosure, str(output))
        return
    if fmt is ParseFormat.facts:
        from yusuan.facts import facts_csv

        text = facts_csv(disclosure)
    else:
        text = disclosure.model_dump_json(indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _codes(values: list[str] | None) -> list[str]:
    return [c.strip() for v in values or [] for c in v.split(",") if c.strip()]


@app.command("check")
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
    max_mb: MaxMb = 50.0,
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

    退出码 exit status: 0 无错误 no error · 1 有错误 errors found · 2 文件无法读取 unreadable input.
    """
    import json

    from yusuan.api import load, load_package
    from yusuan.check import check

    reports = []
    unreadable = False
    units: list[Path | list[Path]] = [list(files)] if package else list(files)
    for unit in units:
        path = " + ".join(map(str, unit)) if isinstance(unit, list) else unit
        try:
            if isinstance(unit, list) or unit.is_dir():
                disclosure = load_package(
                    unit if isinstance(unit, list) else [unit],
                    max_bytes=int(max_mb * 1024 * 1024),
                )
            else:
                disclosure = load(unit, max_bytes=int(max_mb * 1024 * 1024))
        except InputError as exc:
            typer.echo(f"错误 / error: {exc.line(str(path))}", err=True)
            unreadable = True
            continue
        except Exception as exc:
            typer.echo(
                f"错误 / error: {path}: 文件内容无法解析 / the file could not be parsed ({type(exc).__name__})",
                err=True,
            )
            unreadable = True
            continue
        reports.append(check(disclosure, select=_codes(select), ignore=_codes(ignore)))
    if fmt is CheckFormat.json:
        data = [r.to_json() for r in reports]
        text = (
            json.dumps(data[0] if len(files) == 1 and data else data, ensure_ascii=False, indent=2)
            + "\n"
        )
    elif fmt is CheckFormat.html:
        from yusuan.render.report_html import render_html

        text = render_html(reports)
    else:
        text = ""
    if fmt is CheckFormat.text:
        from rich.console import Console

        from yusuan.render.report_text import print_report

        if output is None:
            console = Console(highlight=False, soft_wrap=False)
            for r in reports:
                print_report(r, console)
        else:
            with output.open("w", encoding="utf-8") as fh:
                console = Console(file=fh, highlight=False, width=160, no_color=True)
                for r in reports:
                    print_report(r, console)
    elif output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    if unreadable:
        raise typer.Exit(2)
    raise typer.Exit(1 if any(r.has_errors for r in reports) else 0)


@app.command("rules")
def rules_cmd(
    code: Annotated[
        str | None, typer.Argument(help="规则代码，如 YS101；省略时列出全部 / a rule code.")
    ] = None,
    write_docs: Annotated[
        Path | None, typer.Option("--write-docs", help="把规则文档写入此目录（docs/rules）。")
    ] = None,
) -> None:
    """列出或解释校验规则 / List or explain the rules."""
    from rich.console import Console
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
    Console(highlight=False).print(table)


@app.command()
def version() -> None:
    """显示版本 / Show the version."""
    typer.echo(__version__)


def _register_verb_groups() -> None:
    """Verb groups that live in their own modules (one module per area of the tree)."""
    from yusuan import cli_catalog, cli_pdf, cli_render, cli_store, cli_web

    for module in (cli_catalog, cli_pdf, cli_render, cli_store, cli_web):
        module.register(app)


_register_verb_groups()


def main() -> None:
    app()
