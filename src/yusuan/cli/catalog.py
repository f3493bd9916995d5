"""``yusuan catalog import|list|show``: the 科目 catalogue by year.

The work is in :mod:`yusuan.catalog` (``docs/catalog.md``), imported when a verb runs.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Collection
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.common import fail

if TYPE_CHECKING:
    from yusuan.catalog import Kind, Listing

catalog_app = typer.Typer(
    name="catalog",
    help="政府收支分类科目目录：导入官方目录、查看各年度科目 / the 科目 catalogue by year.",
    no_args_is_help=True,
    add_completion=False,
)


class KindOption(StrEnum):
    function = "function"
    economic = "economic"


class ShowFormat(StrEnum):
    text = "text"
    csv = "csv"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def columns(rows: list[list[str]], right: Collection[int] = ()) -> list[str]:
    """Rows aligned in columns two spaces apart (CJK characters count two)."""
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            (" " * (w - width(c)) + c) if i in right else pad(c, w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
    return out


@catalog_app.command("import")
def import_cmd(
    file: Annotated[
        Path,
        typer.Argument(help="官方科目目录：CSV（UTF-8 或 GBK）、.xlsx 或 .xls / the code list."),
    ],
    year: Annotated[int, typer.Option("--year", help="目录所属年度 / the year of the list.")],
    kind: Annotated[
        KindOption | None,
        typer.Option(
            "--kind",
            help="只导入一种分类：function（功能分类）或 economic（经济分类）；"
            "省略时按编码首位区分 / keep one classification only.",
        ),
    ] = None,
) -> None:
    """导入某年度的官方科目目录（科目编码与名称）/ Import an official code list for a year.

    表头应有“科目编码”（或“编码”“代码”，或分列的“类”“款”“项”）和“科目名称”（或“名称”）。
    编码首位 2 为功能分类，3、5 为经济分类，1（收入分类）不导入。同一年度、同一分类再次导入时
    替换原目录；导入失败时原目录不变。
    """
    from yusuan.catalog import KIND_ZH, import_official
    from yusuan.errors import InputError

    try:
        result = import_official(file, year, kind.value if kind else None)
    except InputError as exc:
        fail(exc.line(str(file)))
    for k, path in result.paths.items():
        n = len(result.entries[k])
        typer.echo(
            f"已导入 {year} 年{KIND_ZH[k]}官方科目目录：{n} 个科目 → {path}"
            f" / imported {n} {k} codes for {year}"
        )
    notes = []
    if result.skipped:
        notes.append(f"跳过 {result.skipped} 行（无有效编码或名称，或不属所选分类）")
    if result.revenue:
        notes.append(f"收入分类科目 {result.revenue} 个未导入")
    if notes:
        typer.echo("；".join(notes))


@catalog_app.command("list")
def list_cmd() -> None:
    """列出各年度的科目目录：分类、科目数、来源（官方目录或文件所见）/ List the catalogue."""
    from yusuan.catalog import KIND_ZH, catalog_home, default_catalog

    listings = default_catalog().listings()
    rows = [["年度", "分类", "科目", "来源"]]
    for x in listings:
        source = x.describe()
        if x.conflicts:
            source += f"，同码异名 {len(x.conflicts)} 个"
        rows.append([str(x.year), KIND_ZH[x.kind], str(len(x.by_code)), source])
    for line in columns(rows, right={2}):
        typer.echo(line)
    typer.echo(f"官方目录文件夹 / official lists: {catalog_home()}")


def _show(listing: Listing, code: str | None) -> list[str]:
    from yusuan.catalog import KIND_ZH, seen_label

    head = f"{listing.year} 年{KIND_ZH[listing.kind]}科目 · {listing.describe()}"
    rows: list[list[str]] = []
    seen_lines: dict[int, list[str]] = {}
    for c, entries in listing.by_code.items():
        if code is not None and not c.startswith(code):
            continue
        for e in entries:
            flag = "同码异名" if len(entries) > 1 else ""
            docs = len({seen_label(s) for s in e.seen})
            where = "" if listing.official else f"见于 {docs} 份文件 {len(e.seen)} 处"
            rows.append([c, e.name, where, flag])
            if code is not None and not listing.official:
                seen_lines[len(rows) - 1] = [f"    {s}" for s in e.seen]
    if not rows:
        return []
    out = [head]
    for i, line in enumerate(columns(rows)):
        out.append(line)
        out.extend(seen_lines.get(i, []))
    return out


@catalog_app.command("show")
def show_cmd(
    year: Annotated[int, typer.Option("--year", help="年度 / the year.")],
    code: Annotated[
        str | None,
        typer.Option(
            "--code",
            help="只显示此编码及其下级科目，并列出见于何处 / this code and those under it.",
        ),
    ] = None,
    kind: Annotated[
        KindOption | None, typer.Option("--kind", help="function 或 economic / one classification.")
    ] = None,
    fmt: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="text 或 csv（year,kind,code,name,seen）。")
    ] = ShowFormat.text,
) -> None:
    """显示某年度的科目目录（官方目录在前，文件所见在后）/ Show one year's codes."""
    from yusuan.catalog import csv_text, default_catalog

    catalog = default_catalog()
    kinds: list[Kind] = [kind.value] if kind else ["function", "economic"]
    listings = []
    for k in kinds:
        listings += [x for x in (catalog.official(year, k), catalog.seen(year, k)) if x]
    if not listings:
        fail(f"没有 {year} 年的科目目录 / no catalogue for {year}")
    if fmt is ShowFormat.csv:
        entries = [
            e
            for x in listings
            for e in x.entries
            if code is None or e.code.startswith(code.strip())
        ]
        sys.stdout.write(csv_text(entries))
        return
    blocks = [b for x in listings if (b := _show(x, code.strip() if code else None))]
    if not blocks:
        fail(f"{year} 年科目目录中没有编码 {code} / no code {code} in {year}")
    typer.echo("\n\n".join("\n".join(b) for b in blocks))
