"""``yusuan diff``: line-by-line comparison of two disclosures, or a department against its units."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from yusuan.cli.common import fail, load_or_exit
from yusuan.cli.output import Overwrite, check_target
from yusuan.cli.store_io import Fmt, OutFormat, Output, open_store, print_table, write_rows
from yusuan.errors import InputError

if TYPE_CHECKING:
    from yusuan.model import Disclosure
    from yusuan.store.diff import DiffLine
    from yusuan.store.write import Store


def _document(arg: str, store: Store | None, max_mb: float) -> Disclosure:
    if Path(arg).exists():
        return load_or_exit(Path(arg), max_mb)
    if store is None:
        fail(
            f"{arg}: 文件不存在（要引用库中的文档请加 --db）/ no such file (use --db for stored documents)"
        )
    try:
        return store.load(store.resolve(arg))
    except InputError as exc:
        fail(exc.line())


_MARK = {
    "explained": "已说明原因",
    "mentioned": "⚑ 仅列金额、未说明原因",
    "unexplained": "⚑ 未说明",
    "mismatch": "⚑ 不等",
}


# The compared fields of a line, in the order every output lists them.
_FIELDS = ("table", "code", "item", "column", "a", "b", "change", "pct")


def _diff_rows(lines: list[DiffLine]) -> tuple[list[str], list[tuple[Any, ...]]]:
    columns = [*_FIELDS, "flagged", "status", "evidence"]
    return columns, [tuple(getattr(d, c) for c in columns) for d in lines]


def diff_cmd(
    a: Annotated[
        str, typer.Argument(help="A：文件，或库中文档（sha256 前缀，或 名称:年份[:预算|决算]）。")
    ],
    b: Annotated[str | None, typer.Argument(help="B：同上；与 --units 同用时省略。")] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help="引用库中文档时的数据库 / the store.")
    ] = None,
    units: Annotated[
        bool, typer.Option("--units", help="核对 部门 = Σ 所属单位（A 为部门，单位取自库中）。")
    ] = False,
    pct: Annotated[
        str, typer.Option("--pct", help="变动率阈值（%）/ change threshold in %.")
    ] = "10",
    wan: Annotated[str, typer.Option("--wan", help="变动额阈值（万元）/ threshold in 万元.")] = "5",
    table: Annotated[
        list[str] | None,
        typer.Option("--table", help="只比较这些表（如 expenditure）/ only these tables."),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="列出所有变动行（默认只列超过阈值的）/ every changed line."),
    ] = False,
    fmt: Fmt = OutFormat.table,
    output: Output = None,
    overwrite: Overwrite = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="文件大小上限（MB）。")] = 50.0,
) -> None:
    """逐行比较两份文件（两个年度，或同年预算与决算），标出无说明的大幅变动 / Compare two disclosures.

    变动同时达到 --pct 与 --wan 阈值即标记；再看 B 的情况说明是否说明了原因。
    """
    from yusuan.store.diff import Threshold, describe, diff, summary

    check_target(output, overwrite)
    try:
        threshold = Threshold(pct=Decimal(pct), wan=Decimal(wan))
    except InvalidOperation:
        fail(f"阈值不是数字：{pct} / {wan} / a threshold is not a number")
    store = open_store(db) if db is not None else None
    try:
        da = _document(a, store, max_mb)
        if units:
            result, title = _units(da, store)
        else:
            if b is None:
                fail("需要两份文档 A 和 B（或用 --units）/ two documents are needed (or --units)")
            db_ = _document(b, store, max_mb)
            result = diff(da, db_, threshold, tables=set(table) if table else None)
            title = f"A：{describe(da)}\nB：{describe(db_)}"
    finally:
        if store is not None:
            store.close()
    shown = result if show_all else [d for d in result if d.flagged]
    counts = summary(result)
    if fmt is OutFormat.table and output is None:
        typer.echo(title)
        columns = ["表", "编码", "科目", "列", "A（万元）", "B（万元）", "变动", "变动%", "标记"]
        rows = [(*(getattr(d, c) for c in _FIELDS), _MARK.get(d.status or "", "")) for d in shown]
        print_table(columns, rows)
        typer.echo(
            f"变动 {counts['changed']} 行，超过阈值 {counts['flagged']} 行：已说明原因 {counts['explained']}，"
            f"仅列金额 {counts['mentioned']}，未提及 {counts['unexplained']} / "
            f"{counts['changed']} changed, {counts['flagged']} above threshold: "
            f"{counts['explained']} explained, {counts['mentioned']} mentioned only, "
            f"{counts['unexplained']} not mentioned"
        )
        return
    columns, rows = _diff_rows(shown)
    write_rows(columns, rows, fmt, output, overwrite)


def _units(dept: Disclosure, store: Store | None) -> tuple[list[DiffLine], str]:
    from yusuan.store.consolidate import consolidate, units_of
    from yusuan.store.diff import describe

    if store is None:
        fail("--units 需要 --db（单位文档从库中取）/ --units needs --db")
    try:
        units = units_of(store, dept)
    except InputError as exc:
        fail(exc.line())
    title = f"部门：{describe(dept)}\n单位（{len(units)}）：" + "；".join(map(describe, units))
    return consolidate(dept, units), title
