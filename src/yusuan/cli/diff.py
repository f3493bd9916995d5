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
    from yusuan.store.changes import Change
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


def _rows(result: list[Change]) -> tuple[list[str], list[tuple[Any, ...]]]:
    from yusuan.store.changes import FIELDS

    columns = list(FIELDS)
    return columns, [tuple(c.as_dict()[k] for k in columns) for c in result]


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
    show: Annotated[
        str,
        typer.Option(
            "--show",
            help="只列一类变动：explained 已说明、unexplained 未说明、new 新增、removed 删除"
            " / only one kind of change.",
        ),
    ] = "",
    fmt: Fmt = OutFormat.table,
    output: Output = None,
    overwrite: Overwrite = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="文件大小上限（MB）。")] = 50.0,
) -> None:
    """逐行比较两份文件（两个年度，或同年预算与决算），标出无说明的大幅变动 / Compare two disclosures.

    每个科目一行（多列变动时显示合计列并注明其他列；几张表印同一变动时列出各表），
    金额按各自文件的单位和印法显示。变动同时达到 --pct 与 --wan 阈值即标记；再看 B 的
    情况说明是否说明了原因（A 有而 B 不再列出的行标“删除”，不算已说明）。
    """
    from yusuan.store.changes import FILTERS, changes, counts
    from yusuan.store.diff import Threshold, describe, diff, unmatched

    check_target(output, overwrite)
    if show and show not in FILTERS:
        fail(
            f"--show 应为 {'、'.join(FILTERS)} 之一：{show} / --show must be one of "
            + ", ".join(FILTERS)
        )
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
            only_a, only_b = unmatched(da, db_)
            for side, titles in (("A", only_a), ("B", only_b)):
                if titles and not table:
                    title += f"\n只有 {side} 印出、未比较的表 / tables only {side} prints："
                    title += "；".join(titles)
    finally:
        if store is not None:
            store.close()
    every = changes(result)
    listed = [c for c in every if (show_all or c.flagged) and c.matches(show)]
    n = counts(every)
    if fmt is OutFormat.table and output is None:
        typer.echo(title)
        columns = ["表", "科目", "列", "A", "B", "变动", "变动%", "标记"]
        rows = [
            (
                c.tables[0] + (f"（等 {len(c.tables)} 张表）" if len(c.tables) > 1 else ""),
                c.subject,
                c.column + (f"（另 {len(c.others)} 列）" if c.others else ""),
                c.a_printed,
                c.b_printed,
                c.change_printed,
                f"{c.pct:+}%" if c.pct is not None else "",
                c.mark,
            )
            for c in listed
        ]
        print_table(columns, rows)
        typer.echo(
            f"变动 {len(every)} 个科目，超过阈值 {n['']}：已说明 {n['explained']}，"
            f"未说明 {n['unexplained']}，新增 {n['new']}，删除 {n['removed']} / "
            f"{len(every)} changed, {n['']} above threshold: {n['explained']} explained, "
            f"{n['unexplained']} unexplained, {n['new']} new, {n['removed']} removed"
        )
        return
    columns, rows = _rows(listed)
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
