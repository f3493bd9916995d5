"""The blocks a printed package is made of: headings, paragraphs, tables, parts, the package.

:mod:`yusuan.render.package` composes a :class:`Package` of these, :mod:`yusuan.render.narrative`
writes the 情况说明 blocks, and every writer (xlsx, docx, html, pdf) prints them; this module
imports none of those.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from yusuan import regex
from yusuan.model import Disclosure, Table, TableId
from yusuan.render.grid import Grid, table_grid
from yusuan.render.unit import unit_title

# A numbering marker (1、 （一） 一、 第一部分): a 目录 entry drops it so it never reads as a heading.
_MARKER = regex.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十0-9]+[、.．])\s*"
)

# Spaces between two Chinese characters or marks (“财政拨款 收入”, “项  目”): a layout artefact.
_HARD_SPACE = regex.compile(
    r"(?<=[\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e])[\s\u3000\xa0]+(?=[\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e])"
)


def tidy(label: str) -> str:
    """A header label or title without the spaces a source put between Chinese characters."""
    return _HARD_SPACE.sub("", label.strip())


#: The 未通过校验 mark printed on every page of a package rendered with ``--force``.
UNVERIFIED = "未通过校验"


@dataclass
class Heading:
    text: str
    level: int  # 1 第X部分 · 2 一、 · 3 （一） · 4 1、


@dataclass
class Para:
    text: str


@dataclass
class TableBlock:
    table: Table
    grid: Grid


Block = Heading | Para | TableBlock


def toc_heading(b: object) -> bool:
    """A section heading the 目录 lists (一、…, the level under 第X部分)."""
    return isinstance(b, Heading) and b.level == 2


@dataclass
class Part:
    title: str  # e.g. 第一部分 …情况说明
    toc: str  # the 目录 entry (no numbering marker, so it never reads as a heading)
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Package:
    department: str
    code: str | None
    year: int | None
    kind: Literal["预算", "决算"]
    level: Literal["部门", "单位"]
    parts: list[Part]
    unverified: bool = False
    findings: list[str] = field(default_factory=list)  # the gate's error lines (with --force)
    pages: list[int] = field(default_factory=list)  # each 目录 entry's page in the PDF layout
    filled: list[str] = field(default_factory=list)  # blank parent rows filled (repair.py)
    todo: list[str] = field(default_factory=list)  # placeholders left for the officer (决算 text)

    @property
    def title(self) -> str:
        """e.g. 平乡县人民代表大会常务委员会2023年部门预算."""
        year = f"{self.year}年" if self.year else ""
        return f"{self.department}{year}{self.level}{self.kind}"

    def toc(self) -> list[tuple[int, str]]:
        """目录: each part (level 0), then its section headings (一、…, level 1) and the
        tables it prints (level 1, or 2 under a section heading)."""
        return [(level, text) for level, text, _ in self.toc_blocks()]

    def toc_blocks(self) -> list[tuple[int, str, Part | Block]]:
        """:meth:`toc` with the part, heading or table block each entry points at."""
        out: list[tuple[int, str, Part | Block]] = []
        for part in self.parts:
            out.append((0, part.toc, part))
            nested = False
            for b in part.blocks:
                if isinstance(b, Heading) and toc_heading(b):
                    out.append((1, _MARKER.sub("", b.text), b))
                    nested = True
                elif isinstance(b, TableBlock):
                    out.append((2 if nested else 1, _MARKER.sub("", b.grid.title), b))
        return out

    def cover(self) -> list[str]:
        return [self.department, f"{self.year or ''}年{self.level}{self.kind}".lstrip("年")]

    def tables(self) -> list[TableBlock]:
        return [b for p in self.parts for b in p.blocks if isinstance(b, TableBlock)]


def grid_of(pkg_or_d: Package | Disclosure, table: Table, goals: str | None = None) -> Grid:
    name: str | None
    level: str | None
    kind: str | None
    if isinstance(pkg_or_d, Package):
        name, code, year = pkg_or_d.department, pkg_or_d.code, pkg_or_d.year
        level, kind = pkg_or_d.level, pkg_or_d.kind
    else:
        name, code, year = pkg_or_d.department_name, pkg_or_d.department_code, pkg_or_d.year
        level, kind = pkg_or_d.level, pkg_or_d.kind
    if table.id in (TableId.PERFORMANCE, TableId.ORG):
        name = None
    grid = table_grid(table, name, code, table.year or year, level, kind, goals)
    grid.title = tidy(unit_title(grid.title) if level == "单位" else grid.title)
    grid.header = [replace(p, label=tidy(p.label)) for p in grid.header]
    return grid
