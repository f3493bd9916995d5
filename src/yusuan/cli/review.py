"""``yusuan review export|set|list|join|split|regroups``: a review round over a store
(``docs/store.md``).

The work is in :mod:`yusuan.store.review` (the review state) and :mod:`yusuan.store.issues`
(the 问题清单 workbook), imported when a verb runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail
from yusuan.cli.output import Overwrite, check_target, write_atomic
from yusuan.cli.store_io import Db, Fmt, OutFormat, Output, open_store, write_rows
from yusuan.errors import InputError

review_app = typer.Typer(
    name="review",
    help="审核一轮：问题清单导出、逐条标记状态 / a review round: the 问题清单, statuses.",
    no_args_is_help=True,
    add_completion=False,
)

Year = Annotated[int | None, typer.Option("--year", help="年度（省略则全部）/ the year.")]


@review_app.command("export")
def export_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="问题清单.xlsx")],
    db: Db = Path("yusuan.duckdb"),
    year: Year = None,
    overwrite: Overwrite = False,
    per_department: Annotated[
        bool,
        typer.Option(
            "--per-department", help="另加每个部门一张工作表 / also one sheet per department."
        ),
    ] = False,
) -> None:
    """导出问题清单（每条发现一行，含状态与处理意见）/ Write the 问题清单 workbook.

    退出码 exit status: 0 已写出 · 2 参数、数据库或输出文件有误.
    """
    from yusuan.store.issues import issues, workbook

    if output.suffix.lower() != ".xlsx":
        fail("问题清单须写成 .xlsx 文件 / the 问题清单 is an .xlsx file")
    check_target(output, overwrite)
    with open_store(db) as store, store.faults():
        rows = issues(store.con, year)
    data = workbook(rows, per_department=per_department)
    write_atomic(output, lambda p: p.write_bytes(data), overwrite)
    typer.echo(f"问题清单：{len(rows)} 条，已写入 {output} / {len(rows)} findings written")


@review_app.command("set")
def set_cmd(
    key: Annotated[str, typer.Argument(help="发现的编号（问题清单“编号”列）/ the finding's key.")],
    status: Annotated[str, typer.Argument(help="待核实、已确认、误报 或 已整改")],
    db: Db = Path("yusuan.duckdb"),
    note: Annotated[str, typer.Option("--note", help="处理意见 / a note.")] = "",
    who: Annotated[str, typer.Option("--who", help="审核人 / who decided.")] = "",
) -> None:
    """标记一条发现的状态 / Set the status of one finding (kept with its history)."""
    from yusuan.store import review
    from yusuan.store.issues import issues

    with open_store(db, read_only=False) as store, store.faults():
        try:
            review.check_status(status)
        except InputError as exc:
            fail(exc.line())
        found = next((i for i in issues(store.con) if i.key == key), None)
        if found is None:
            fail(f"库中没有编号为 {key} 的发现 / no finding {key} in the store")
        done = review.record(store.con, key=key, sha256=found.sha256, recur=found.recur,
                             code=found.code, status=status, note=note, who=who)  # fmt: skip
    typer.echo(f"{key}：{done.status}")


@review_app.command("list")
def list_cmd(
    db: Db = Path("yusuan.duckdb"),
    year: Year = None,
    status: Annotated[
        str | None, typer.Option("--status", help="只列此状态 / only this status.")
    ] = None,
    fmt: Fmt = OutFormat.table,
    output: Output = None,
) -> None:
    """列出发现及其状态 / List the findings with their review state."""
    from yusuan.store.issues import COLUMNS, issues

    with open_store(db) as store, store.faults():
        rows = issues(store.con, year)
    names = [c for c, _ in COLUMNS]
    at = names.index("状态")
    picked = [i.values for i in rows if status is None or i.values[at] == status]
    write_rows(names, picked, fmt, output)


Who = Annotated[str, typer.Option("--who", help="审核人 / who regroups.")]


@review_app.command("join")
def join_cmd(
    first: Annotated[str, typer.Argument(help="一份文档：sha256 前缀或 部门[:年度[:类型]]")],
    second: Annotated[str, typer.Argument(help="另一份文档 / the other document.")],
    db: Db = Path("yusuan.duckdb"),
    who: Who = "",
) -> None:
    """把两份文档合并为一个文件包（情况说明 + 公开表）/ Join two stored documents into one package.

    文件从库中保存的原文件重新读取；可用 ``review split`` 撤销。
    退出码 exit status: 0 已合并 · 2 参数或数据库有误、原文件未保存.
    """
    from yusuan.store.regroup import join

    with open_store(db, read_only=False) as store:
        try:
            done = join(store, first, second, who=who)
        except InputError as exc:
            fail(exc.line())
    typer.echo(done.line())
    typer.echo(f"撤销 / undo: yusuan review split {done.document[:12]} --db {db}")


@review_app.command("split")
def split_cmd(
    package: Annotated[str, typer.Argument(help="文件包：sha256 前缀或 部门[:年度[:类型]]")],
    db: Db = Path("yusuan.duckdb"),
    who: Who = "",
) -> None:
    """把一个文件包拆回各自的文件 / Split a stored package back into its files.

    审核状态不丢失：各文件回到自己的文档下，原有的审核记录仍在；可用 ``review join`` 撤销。
    退出码 exit status: 0 已拆开 · 2 参数或数据库有误、不是文件包.
    """
    from yusuan.store.regroup import split

    with open_store(db, read_only=False) as store:
        try:
            done = split(store, package, who=who)
        except InputError as exc:
            fail(exc.line())
    typer.echo(done.line())
    shas = " ".join(sha[:12] for sha, _ in done.parts)
    typer.echo(f"撤销 / undo: yusuan review join {shas} --db {db}")


@review_app.command("regroups")
def regroups_cmd(db: Db = Path("yusuan.duckdb")) -> None:
    """列出手工合并、拆开的记录（最新在前）/ List the regroupings, latest first."""
    from yusuan.store.regroup import log

    with open_store(db) as store, store.faults():
        events = log(store.con)
    if not events:
        typer.echo("还没有手工合并或拆开 / no regrouping yet")
    for e in events:
        at = e.at.strftime("%Y-%m-%d %H:%M:%S") if e.at else ""
        typer.echo(f"{at} {e.who or '-'} {e.line()}")
