"""The ``yusuan`` Typer app: every verb registered here, in the order ``--help`` lists them.

Verb modules hold the commands and import only :mod:`yusuan.cli.common`,
:mod:`yusuan.cli.output` (the files they write), :mod:`yusuan.cli.progress` and
:mod:`yusuan.cli.store_io`; nothing imports this module back. The registry is data
(:data:`VERBS`: a name and where its function lives): a verb's module is imported, and Typer
builds its options from the function's signature, only when that verb runs or its own help
is printed. ``yusuan --help`` imports the verb modules for their docstrings (the one-line
help) but builds no options; ``yusuan check FILE`` builds ``check`` alone. Each command
imports its heavy dependencies (readers, DuckDB, FastAPI, openpyxl, ReportLab, pypdfium2)
when it runs.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command

from yusuan import __version__

Command = TyperCommand | TyperGroup

#: Every verb in ``--help`` order: its name and the module and attribute of its function
#: (or, for a group of verbs, of its Typer app).
VERBS: dict[str, tuple[str, str]] = {
    "parse": ("yusuan.cli.parse", "parse"),
    "check": ("yusuan.cli.check", "check_cmd"),
    "rules": ("yusuan.cli.rules", "rules_cmd"),
    "version": ("yusuan.cli.registry", "version"),
    "debug": ("yusuan.cli.debug", "debug_cmd"),
    "render": ("yusuan.cli.render", "render_cmd"),
    "template": ("yusuan.cli.render", "template_cmd"),
    "evaluate": ("yusuan.cli.performance", "evaluate_cmd"),
    "ingest": ("yusuan.cli.ingest", "ingest_cmd"),
    "query": ("yusuan.cli.query", "query_cmd"),
    "export": ("yusuan.cli.query", "export_cmd"),
    "diff": ("yusuan.cli.diff", "diff_cmd"),
    "compare": ("yusuan.cli.query", "compare_cmd"),
    "serve": ("yusuan.cli.serve", "serve"),
    "catalog": ("yusuan.cli.catalog", "catalog_app"),
    "review": ("yusuan.cli.review", "review_app"),
}


def _target(name: str) -> Callable[..., Any] | typer.Typer:
    module, attr = VERBS[name]
    found: Callable[..., Any] | typer.Typer = getattr(importlib.import_module(module), attr)
    return found


class _Verbs(Mapping[str, Command]):
    """The group's commands, each built by Typer on first use (``Mapping`` over :data:`VERBS`)."""

    def __init__(self, group: VerbGroup) -> None:
        self._group = group
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in VERBS:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = self._build(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(VERBS)

    def __len__(self) -> int:
        return len(VERBS)

    def _build(self, name: str) -> Command:
        target = _target(name)
        if isinstance(target, typer.Typer):
            sub = target
        else:
            sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
            sub.command(name)(target)
        sub.rich_markup_mode = self._group.rich_markup_mode
        command = get_command(sub)
        assert isinstance(command, TyperCommand | TyperGroup)
        command.name = name
        return command

    def listed(self, name: str) -> Command | None:
        """What the group's help lists for ``name``: its name and help, no options built."""
        if name in self._built or name not in VERBS:
            return self.get(name)
        target = _target(name)
        mode = self._group.rich_markup_mode
        if not isinstance(target, typer.Typer):
            return TyperCommand(name=name, help=inspect.getdoc(target), rich_markup_mode=mode)
        if isinstance(target.info.help, str):  # a group of verbs: the help its Typer was given
            return TyperGroup(name=name, help=target.info.help, rich_markup_mode=mode)
        return self[name]


class VerbGroup(TyperGroup):
    """The root group: commands come from :data:`VERBS`, each built when it is used."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.verbs = _Verbs(self)
        self.commands = self.verbs  # type: ignore[assignment]
        self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(VERBS)

    def get_command(self, ctx: Any, cmd_name: str) -> Command | None:
        if self._listing:
            return self.verbs.listed(cmd_name)
        return self.verbs.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="yusuan",
    cls=VerbGroup,
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


def main() -> None:
    """The console script ``yusuan`` and ``python -m yusuan``.

    In a pipe or a file ``--help`` is Click's plain text: Rich's help panels would cut lines
    with "…" at 80 columns."""
    if not sys.stdout.isatty():
        app.rich_markup_mode = None
    app()
