"""The ``yusuan`` Typer app: every verb registered here, in the order ``--help`` lists them.

Verb modules hold the commands and import only :mod:`yusuan.cli.common`,
:mod:`yusuan.cli.output` (the files they write) and :mod:`yusuan.cli.store_io`; this module imports them, nothing imports it back. Each command
imports its heavy dependencies (readers, DuckDB, FastAPI, openpyxl, ReportLab, pypdfium2) when it
runs, so building the app costs only Typer and the signatures.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from yusuan import __version__
from yusuan.cli import catalog, check, debug, diff, ingest, parse, query, render, rules, serve

app = typer.Typer(
    name="yusuan",
    help="预算 · 部门预决算公开文件的读取、校验与比较工具 (Chinese budget disclosures toolkit).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version() -> None:
    """显示版本 / Show the version."""
    typer.echo(__version__)


def _eager_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_eager_version, help="显示版本 / show the version."
        ),
    ] = False,
) -> None:
    """预算 · 部门预决算公开文件的读取、校验与比较工具 (Chinese budget disclosures toolkit).

    退出码 exit status: 0 成功/无错误 · 1 校验发现错误 · 2 输入、参数或输出文件有误 · 3 校验不完整（check）。
    """


app.command("parse")(parse.parse)
app.command("check")(check.check_cmd)
app.command("rules")(rules.rules_cmd)
app.command("version")(version)
app.command("debug")(debug.debug_cmd)
app.command("render")(render.render_cmd)
app.command("template")(render.template_cmd)
app.command("ingest")(ingest.ingest_cmd)
app.command("query")(query.query_cmd)
app.command("export")(query.export_cmd)
app.command("diff")(diff.diff_cmd)
app.command("compare")(query.compare_cmd)
app.command("serve")(serve.serve)
app.add_typer(catalog.catalog_app, name="catalog")


def main() -> None:
    """The console script ``yusuan`` and ``python -m yusuan``.

    In a pipe or a file ``--help`` is Click's plain text: Rich's help panels would cut lines
    with "…" at 80 columns."""
    if not sys.stdout.isatty():
        app.rich_markup_mode = None
    app()
