"""PDFs of 项目绩效目标表 in the layouts the corpus prints, from a known list of projects.

:func:`write_forms` rules each project as one form with :mod:`support.pdf_maker`,
every cell a drawn rectangle (a merged cell is one rectangle over several grid
positions), the way real packages vary:

- ``form``: Shanghai's 财政项目支出绩效目标填报表 — a title row, 项目名称 / 主管部门 /
  实施单位 / 项目资金（元） label-value rows and a 项目总目标 · 年度总体目标 pair above the
  indicator grid — or the grid alone (a 绩效目标 row, the project named by the title line);
- ``left_column``: a 绩效指标 column merged down the grid's left side;
- ``described``: 绩效指标描述 and 指标值确定依据 columns;
- ``merged``: 一级/二级指标 merged down over their indicators (else printed once, blank below);
- ``per_page``: forms per page (2: the second form starts mid-page, under the first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from support.pdf_maker import Page, write_pdf


@dataclass(frozen=True)
class Project:
    name: str
    budget: Decimal  # in 元
    goal: str
    #: (一级, 二级, 三级, 指标值)
    indicators: tuple[tuple[str, str, str, str], ...]


PROJECTS = (
    Project(
        "社区环境整治经费",
        Decimal("4563800.00"),
        "整治辖区内乱设摊，提升市容市貌。",
        (
            ("产出指标", "数量指标", "整治行动次数", "≥12.00(次)"),
            ("产出指标", "质量指标", "项目质量可控性", "可控性100%"),
            ("产出指标", "成本指标", "整治成本", "≤456.38万元"),
            ("效益指标", "社会效益指标", "居民幸福感", "显著提升"),
            ("满意度指标", "服务对象满意度指标", "市容环境满意度", "不低于90%"),
        ),
    ),
    Project(
        "就业援助基地补贴",
        Decimal("6351000.00"),
        "管理各类下拨费用，实报实销。",
        (
            ("产出指标", "数量指标", "补贴对象审核完成率", "=100.00(%)"),
            ("效益指标", "社会效益指标", "生活改善度", "补贴对象生活改善度不低于80%"),
            ("满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥80.00(%)"),
        ),
    ),
)


@dataclass(frozen=True)
class FormVariant:
    form: bool = True
    left_column: bool = True
    described: bool = False
    merged: bool = True
    per_page: int = 1

    def __str__(self) -> str:
        on = [k for k in ("form", "left_column", "described", "merged") if getattr(self, k)]
        return "-".join([*on, f"{self.per_page}pp"])


@dataclass
class _Cells:
    """Cells on a grid of ``cols`` columns: (row0, row1, col0, col1, text)."""

    cols: int
    cells: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    rows: int = 0

    def add(self, r0: int, r1: int, c0: int, c1: int, text: str) -> None:
        self.cells.append((r0, r1, c0, c1, text))
        self.rows = max(self.rows, r1 + 1)

    def row(self, *spans: tuple[int, str]) -> None:
        """One row of cells, each ``(columns, text)`` wide, left to right."""
        r, c = self.rows, 0
        for width, text in spans:
            self.add(r, r, c, c + width - 1, text)
            c += width


def _form_cells(p: Project, v: FormVariant) -> _Cells:
    lead = 1 if v.left_column else 0
    extra = 2 if v.described else 0
    grid = _Cells(cols=lead + 4 + extra)
    w = grid.cols
    if v.form:
        grid.row((w, "财政项目支出绩效目标填报表"))
        grid.row((1, "项目名称"), (w - 1, p.name))
        grid.row(
            (1, "主管部门"), (w - 3, "上海市普陀区某街道办事处"), (1, "实施单位"), (1, "某街道")
        )
        grid.row((1, "项目资金（元）"), (w - 2, "年度资金申请总额"), (1, f"{p.budget:,.2f}"))
        half = w // 2
        grid.row((half, "项目总目标"), (w - half, "年度总体目标"))
        grid.row((half, p.goal), (w - half, p.goal))
    else:
        grid.row((1, "绩效目标"), (w - 1, p.goal))
    head = [(1, "一级指标"), (1, "二级指标"), (2, "三级指标"), (1, "指标值")]
    if v.described:
        head = [(1, "一级指标"), (1, "二级指标"), (1, "三级指标"), (2, "绩效指标描述")]
        head += [(1, "指标值"), (1, "指标值确定依据")]
    grid.row(*([(1, "")] if lead else []), *head)
    top = grid.rows
    n = len(p.indicators)
    if lead:
        grid.add(top, top + n - 1, 0, 0, "绩效指标")
    for i, (l1, l2, l3, value) in enumerate(p.indicators):
        r = top + i
        for level, col in ((0, lead), (1, lead + 1)):
            names = [ind[: level + 1] for ind in p.indicators]
            if i and names[i] == names[i - 1]:
                if not v.merged:
                    grid.add(r, r, col, col, "")
                continue
            end = i
            while v.merged and end + 1 < n and names[end + 1] == names[i]:
                end += 1
            grid.add(r, top + end, col, col, (l1, l2)[level])
        c = lead + 2
        if v.described:
            grid.add(r, r, c, c, l3)
            grid.add(r, r, c + 1, c + 2, f"{l3}的情况")
            grid.add(r, r, c + 3, c + 3, value)
            grid.add(r, r, c + 4, c + 4, "年度计划")
        else:
            grid.add(r, r, c, c + 1, l3)
            grid.add(r, r, c + 2, c + 2, value)
    return grid


_ROW, _SIZE, _LEFT, _RIGHT = 24.0, 7.0, 40.0, 555.0


def _draw(page: Page, grid: _Cells, top: float) -> float:
    """Rule and fill ``grid`` from ``top``; the y below it."""
    step = (_RIGHT - _LEFT) / grid.cols
    for r0, r1, c0, c1, text in grid.cells:
        x0, x1 = _LEFT + c0 * step, _LEFT + (c1 + 1) * step
        y0, y1 = top + r0 * _ROW, top + (r1 + 1) * _ROW
        page.hline(x0, x1, y0).hline(x0, x1, y1).vline(x0, y0, y1).vline(x1, y0, y1)
        room = int((x1 - x0 - 4) // _SIZE)
        for k in range(0, len(text), max(room, 1)):
            line = text[k : k + room]
            if line:
                page.text(x0 + 2, y0 + 3 + (k // room) * (_SIZE + 1), line, _SIZE)
    return top + grid.rows * _ROW


def write_forms(v: FormVariant, path: Path, projects: tuple[Project, ...] = PROJECTS) -> Path:
    """Write the projects' forms as a PDF in layout ``v``."""
    pages: list[Page] = []
    for n, p in enumerate(projects):
        if n % v.per_page == 0:
            pages.append(Page())
            y = 50.0
        page = pages[-1]
        if not v.form:
            page.text(_LEFT, y, f"{n + 1}、{p.name}绩效目标表", 11)
            y += 20
        y = _draw(page, _form_cells(p, v), y) + 30
    return write_pdf(path, pages)
