"""What the store verbs share: the ``--db``/``--format``/``-o`` options, opening the store, rows out.

The work is in :mod:`yusuan.store` (``docs/store.md``); DuckDB is imported only when a store
verb runs.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from yusuan.cli.common import fail, print_unfolded
from yusuan.cli.output import emit
from yusuan.errors import InputError
from yusuan.printable import printable

if TYPE_CHECKING:
    from yusuan.store.write import Store


class OutFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


Db = Annotated[Path, typer.Option("--db", help="DuckDB 数据库文件 / the DuckDB store.")]
Fmt = Annotated[
    OutFormat, typer.Option("--format", "-f", help="输出格式：table、csv、json / output format.")
]
Output = Annotated[
    Path | None, typer.Option("-o", "--output", help="写入文件（默认标准输出）/ write to a file.")
]


def print_table(columns: list[str], rows: list[tuple[Any, ...]], title: str | None = None) -> None:
    """Rows as a Rich table on standard output: folded to the terminal's width on a terminal,
    never folded or cut in a pipe or a file; control characters in cells escaped."""
    from rich.table import Table

    from yusuan.store.query import cell_text

    table = Table(title=title, expand=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(printable(cell_text(v)) for v in row))
    print_unfolded(table)


def write_rows(
    columns: list[str],
    rows: list[tuple[Any, ...]],
    fmt: OutFormat,
    output: Path | None,
    overwrite: bool = False,
) -> None:
    """Rows as CSV or JSON, or a table on the terminal (CSV when written to a file)."""
    from yusuan.store.query import to_csv, to_json

    if fmt is OutFormat.csv:
        emit(to_csv(columns, rows), output, overwrite)
    elif fmt is OutFormat.json:
        emit(to_json(columns, rows), output, overwrite)
    elif output is not None:
        emit(to_csv(columns, rows), output, overwrite)
    else:
        print_table(columns, rows)


#: Seconds a verb waits for a store another process holds for a moment (``serve`` answering
#: a request, ``ingest`` writing one document) before it reports the store as locked.
WAIT = 3.0


def open_store(db: Path, read_only: bool = True) -> Store:
    """Open the DuckDB store (waiting up to :data:`WAIT` seconds for another process's
    lock), or exit 2 with the one-line reason."""
    from yusuan.store.write import Store

    try:
        return Store.open(db, read_only=read_only, wait=WAIT)
    except InputError as exc:
        fail(exc.line())
