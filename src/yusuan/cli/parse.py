"""``yusuan parse``: read a disclosure into the typed model and print it (JSON, facts CSV, xlsx)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import MaxMb, fail, load_or_exit
from yusuan.cli.output import Overwrite, check_target, emit, write_atomic


class ParseFormat(StrEnum):
    json = "json"
    text = "text"
    facts = "facts"
    xlsx = "xlsx"


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
            "--format",
            "-f",
            help="输出格式：json（完整模型）、text（识别概要：目录与标题对照识别出的表）、"
            "facts（长表 CSV）、xlsx。",
        ),
    ] = ParseFormat.json,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="输出文件（默认标准输出；xlsx 必须指定）。"),
    ] = None,
    overwrite: Overwrite = False,
    max_mb: MaxMb = 50.0,
    debug: Annotated[
        bool, typer.Option("--debug", help="出错时显示完整回溯 / show tracebacks.")
    ] = False,
) -> None:
    """读取一份预决算公开文件并输出其结构化模型 / Read a disclosure into the typed model."""
    if fmt is ParseFormat.xlsx and output is None:
        fail("xlsx 输出需要 -o 指定文件 / xlsx output needs -o FILE")
    check_target(output, overwrite)
    disclosure = load_or_exit(
        files if len(files) > 1 or files[0].is_dir() else files[0], max_mb, debug
    )
    if fmt is ParseFormat.xlsx:
        from yusuan.facts import write_facts_xlsx

        assert output is not None
        write_atomic(output, lambda p: write_facts_xlsx(disclosure, str(p)), overwrite)
        return
    if fmt is ParseFormat.facts:
        from yusuan.facts import facts_csv

        text = facts_csv(disclosure)
    elif fmt is ParseFormat.text:
        from yusuan.render.summary import parse_summary

        text = parse_summary(disclosure)
    else:
        text = disclosure.model_dump_json(indent=2) + "\n"
    emit(text, output, overwrite)
