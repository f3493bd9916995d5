"""``yusuan render`` and ``yusuan template``: the standard package and the input workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail, load_or_exit
from yusuan.cli.output import Overwrite, check_folder, check_target, os_error_line, write_atomic
from yusuan.printable import printable


def render_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="输入：公开文件（任意 parse 能读的格式）、JSON 模型或填报工作簿 / the input."
        ),
    ],
    to: Annotated[
        str, typer.Option("--to", help="输出格式，逗号分隔：xlsx,docx,html,pdf / output formats.")
    ] = "xlsx,docx,html,pdf",
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出文件夹 / output folder.")
    ] = Path("."),
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="校验有错误也输出，每页标注“未通过校验” / render despite errors."
        ),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="校验有警告也不输出 / warnings block the output too."),
    ] = False,
    overwrite: Overwrite = False,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="拒绝大于此大小（MB）的文件 / size limit (MB).")
    ] = 50.0,
) -> None:
    """按标准格式生成预决算公开文件（先校验，有错误不输出）/ Render the standard package.

    输出文件夹不存在时新建（其上级文件夹须存在）；已有同名文件时不输出任何文件，加 --overwrite 覆盖。
    输入留空而下级行有金额的上级行按下级之和印出，并逐项列出；校验的警告和统计打印在标准错误。

    退出码 exit status: 0 已输出 written · 1 校验有错误（--strict：或警告）、未输出 blocked by errors (or warnings with --strict) · 2 输入无法读取、缺少说明所需内容或无法写入 bad input or output.
    """
    from rich.console import Console

    from yusuan.errors import InputError
    from yusuan.render.report_text import print_report
    from yusuan.render.run import FORMATS, GateBlocked, render

    formats = [f.strip().lower() for f in to.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        fail(
            f"不支持的输出格式 {', '.join(bad) or '（空）'}，可选 {','.join(FORMATS)} / unsupported format"
        )
    check_folder(output, create=True)
    disclosure = load_or_exit(file, max_mb)
    try:
        result = render(
            disclosure, formats, output, force=force, overwrite=overwrite, strict=strict
        )
    except FileExistsError as exc:
        fail(
            f"{exc.filename}: 文件已存在，未输出任何文件，加 --overwrite 覆盖 / the file exists, nothing written (use --overwrite)"
        )
    except OSError as exc:
        fail(os_error_line(Path(exc.filename or output), exc))
    except InputError as exc:
        if not _is_workbook(file):
            typer.echo(
                f"提示：{file.name} 不是填报工作簿。先生成并填写工作簿："
                f"yusuan template --from {file} -o 填报.xlsx，再 yusuan render 填报.xlsx"
                f" / hint: make the input workbook with `yusuan template --from {file}`,"
                " fill it in, then render the workbook",
                err=True,
            )
        fail(exc.line(str(file)))
    except GateBlocked as blocked:
        console = Console(stderr=True, highlight=False, soft_wrap=False)
        print_report(blocked.report, console)
        what = "警告（--strict）" if blocked.strict and not blocked.report.has_errors else "错误"
        typer.echo(
            f"未输出：校验发现{what}，请修改后重试，或用 --force 强制输出（每页标注“未通过校验”）"
            " / nothing written: the package has errors (use --force to render anyway)",
            err=True,
        )
        raise typer.Exit(1) from None
    for line in result.package.filled:
        typer.echo(printable(line), err=True)
    for what in result.package.todo:
        typer.echo(printable(f"待填写：{what} / to fill in the text before publishing"), err=True)
    for f in result.report.findings:
        if f.severity.value == "warning":
            where = f.location.describe()
            typer.echo(
                printable(f"警告 {f.code} {f.message}" + (f"（{where}）" if where else "")),
                err=True,
            )
    s = result.report.summary
    typer.echo(
        f"校验：错误 {s['error']} · 警告 {s['warning']} · 提示 {s['info']}"
        f" / checked: {s['error']} errors, {s['warning']} warnings, {s['info']} notes",
        err=True,
    )
    if result.package.unverified:
        typer.echo(
            f"警告：校验有 {result.report.summary['error']} 个错误，已按 --force 输出并标注“未通过校验” / rendered with errors (--force)",
            err=True,
        )
    for path in result.paths:
        typer.echo(printable(str(path)))


def _is_workbook(path: Path) -> bool:
    """Is ``path`` an input workbook ``yusuan template`` wrote (its 情况说明填报 or 决算情况说明填报 sheet)?"""
    if path.suffix.lower() != ".xlsx":
        return False
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        try:
            return any(n.endswith("情况说明填报") for n in wb.sheetnames)
        finally:
            wb.close()
    except Exception:  # not a readable workbook: not ours
        return False


def template_cmd(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="填报工作簿路径（默认 填报.xlsx；--performance 时 绩效自评.xlsx）/ workbook to write.",
        ),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option("--from", help="用已有公开文件或 JSON 模型预填 / prefill from a package."),
    ] = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="拒绝大于此大小（MB）的文件 / size limit (MB).")
    ] = 50.0,
    overwrite: Overwrite = False,
    performance: Annotated[
        Path | None,
        typer.Option(
            "--performance",
            help="生成绩效监控和自评工作簿：按此公开文件的项目绩效目标表，逐项目填写执行数、完成值、偏差原因"
            " / write the 绩效自评 workbook for the targets this package prints.",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="预算 或 决算：空白工作簿按哪一套标准表（默认 预算；--from 时随文件）"
            " / 预算 or 决算: the set of standard tables (default 预算; with --from, the file's).",
        ),
    ] = None,
) -> None:
    """生成部门预算或决算填报工作簿（空白即标准空表套表）/ Write the input workbook to fill.

    --performance FILE：生成绩效运行监控和绩效自评工作簿，填好后用 yusuan evaluate 评分。
    不覆盖已有的工作簿（可能已填报），加 --overwrite 覆盖 / an existing workbook is kept.
    """
    if performance is not None:
        _performance_workbook(performance, output or Path("绩效自评.xlsx"), max_mb, overwrite)
        return
    if kind is not None and kind not in ("预算", "决算"):
        fail(f"--kind 只能是 预算 或 决算，不是 {kind} / --kind is 预算 or 决算, not {kind}")
    output = output or Path("填报.xlsx")
    check_target(output, overwrite)
    from yusuan.render.template import write_template

    disclosure = load_or_exit(source, max_mb) if source is not None else None
    if disclosure is not None and kind is not None and disclosure.kind != kind:
        fail(
            f"{source} 是{disclosure.kind}，与 --kind {kind} 不符 / {source} is a {disclosure.kind}"
            f" package, not {kind}"
        )
    write_atomic(output, lambda p: write_template(p, disclosure, kind), overwrite)
    typer.echo(printable(str(output)))


def _performance_workbook(source: Path, output: Path, max_mb: float, overwrite: bool) -> None:
    """``template --performance FILE``: the 绩效自评 workbook for the targets ``FILE`` prints."""
    from yusuan.errors import InputError
    from yusuan.render.performance_workbook import write_performance_template

    check_target(output, overwrite)
    disclosure = load_or_exit(source, max_mb)
    try:
        write_atomic(output, lambda p: write_performance_template(p, disclosure), overwrite)
    except InputError as exc:
        fail(exc.line(str(source)))
    typer.echo(printable(str(output)))
