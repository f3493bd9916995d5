"""``yusuan evaluate``: score a filled 绩效自评 workbook (``yusuan template --performance``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import MaxMb, fail
from yusuan.cli.output import Overwrite, check_folder, check_target, move_into, os_error_line
from yusuan.cli.store_io import open_store
from yusuan.printable import printable

FORMATS = ("xlsx", "docx", "pdf")
STEM = "绩效自评结果"


def evaluate_cmd(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="填好的绩效自评工作簿（template --performance 生成）/ the filled workbook."
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出文件夹 / output folder.")
    ] = Path("."),
    to: Annotated[
        str, typer.Option("--to", help="输出格式，逗号分隔：xlsx,docx,pdf / output formats.")
    ] = "xlsx,docx,pdf",
    overwrite: Overwrite = False,
    max_mb: MaxMb = 50.0,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="同时把评分结果存入此 DuckDB 数据库，便于逐年比较 / also store the results.",
        ),
    ] = None,
) -> None:
    """按财预〔2020〕10号为填好的绩效自评工作簿评分，输出项目支出绩效自评表和部门汇总 / Score a filled 绩效自评 workbook.

    评分：预算执行率10分、产出50分、效益30分、满意度10分（工作簿可改）；定量指标按完成值与指标值之比，
    定性指标按 达成/部分达成/未达成；总分≥90为优，80–90良，60–80中，<60差。
    输出 绩效自评结果.xlsx/.docx/.pdf；未达成目标而未填偏差原因的指标列为警告（标准错误输出）。

    退出码 exit status: 0 已输出 written · 2 工作簿无法读取或无法评分、无法写入 bad workbook or output.
    """
    import shutil
    import tempfile

    from yusuan.errors import InputError
    from yusuan.render.performance_docx import write_evaluation_docx
    from yusuan.render.performance_filled import read_filled
    from yusuan.render.performance_pdf import write_evaluation_pdf
    from yusuan.render.performance_report import sheets
    from yusuan.render.performance_xlsx import write_evaluation_xlsx
    from yusuan.rules.performance.evaluation import evaluate

    formats = [f.strip().lower() for f in to.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        fail(
            f"不支持的输出格式 {', '.join(bad) or '（空）'}，可选 {','.join(FORMATS)} / unsupported format"
        )
    if not workbook.is_file():
        fail(f"{printable(str(workbook))}: 文件不存在 / no such file")
    try:
        department, year, projects = read_filled(workbook, int(max_mb * 1024 * 1024))
    except InputError as exc:
        fail(exc.line(str(workbook)))
    except Exception as exc:  # openpyxl choked on a damaged or hostile file
        fail(
            f"{workbook}: 工作簿内容无法解析（{type(exc).__name__}）/ the workbook could not be parsed"
        )
    result = evaluate(department, year, projects)
    laid = sheets(result)
    writers = {
        "xlsx": write_evaluation_xlsx,
        "docx": write_evaluation_docx,
        "pdf": write_evaluation_pdf,
    }
    check_folder(output, create=True)
    for f in formats:
        check_target(output / f"{STEM}.{f}", overwrite)
    staging = Path(tempfile.mkdtemp(dir=output, prefix=".evaluate."))
    try:
        made = [writers[f](laid, staging / f"{STEM}.{f}") for f in formats]
        written = move_into(output, made, overwrite)
    except OSError as exc:
        fail(os_error_line(output, exc))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if db is not None:
        from yusuan.store.performance import add_evaluation

        with open_store(db, read_only=False) as store:
            try:
                add_evaluation(store, result)
            except InputError as exc:
                fail(exc.line())
    for finding in result.findings:
        typer.echo(printable(finding.line()), err=True)
    typer.echo(
        f"{len(result.projects)} 个项目，平均得分 {result.average}"
        f"（{' '.join(f'{lv}{n}' for lv, n in result.grades)}）/ "
        f"{len(result.projects)} projects, average {result.average}",
        err=True,
    )
    for path in written:
        typer.echo(printable(str(path)))
