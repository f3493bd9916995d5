"""The ranking page (``/compare``): what ``yusuan compare`` does, in the browser.

Departments of one year ranked by a headline figure (:mod:`yusuan.store.metrics`, the same
figures and names as ``yusuan compare --metric``), largest first, with more figures beside
it if asked; a document that does not print the figure is listed last with a blank, never
as 0. Blank templates rank nowhere.

**Level and kind are respected.** A 部门's own filing (部门预算, the department with its
units) and the filing of one of its units (单位预算) are not two departments: the ranking is
of one level at a time — 部门 (the default) or 单位 — and of one kind (预算 or 决算); with
“全部级次” each level is ranked on its own (its own 排名 from 1), the level shown on every
row. Within a level a department has **one row**: when the store holds several documents of
the same department (its code, else its name through the alias data), year, kind and level,
the one that prints the ranking figure is ranked and the others are counted beside it
(同部门另有 N 份). A document whose level could not be read is ranked among the 部门 and says
so (级次未识别).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from yusuan.errors import InputError
from yusuan.store.compare import metric_name
from yusuan.store.metrics import METRIC_ALIASES, metrics
from yusuan.store.templates import is_template
from yusuan.web.errors import ApiError
from yusuan.web.exports import download
from yusuan.web.repository import Repository

#: The figures offered, each once, in the CLI's order.
METRICS = tuple(dict.fromkeys(METRIC_ALIASES.values()))
LEVELS = ("部门", "单位", "全部")


@dataclass
class Doc:
    """One document's figures, as the ranking needs them."""

    id: str
    code: str | None
    name: str | None
    canonical: str | None
    kind: str | None
    level: str | None
    year: int | None
    values: dict[str, Decimal] = field(default_factory=dict)
    others: int = 0  # more documents of the same department, year, kind and level

    @property
    def department(self) -> str:
        return self.canonical or self.name or ""

    @property
    def key(self) -> str | None:
        return self.code or self.canonical or self.name


def unit_of(metric: str) -> str:
    return "%" if metric.endswith("占比") else "万元"


def exact(value: Decimal) -> Decimal:
    """``value`` without the store's trailing zeros, to at least 0.01 (10.810000 → 10.81,
    2356.334200 → 2356.3342): the exact figure, as a reader writes it."""
    value = value.normalize()
    exp = value.as_tuple().exponent
    return value.quantize(Decimal("0.01")) if isinstance(exp, int) and exp > -2 else value


def documents(repo: Repository) -> list[Doc]:
    """Every real document (no blank template) with its figures."""
    session = getattr(repo, "session", None)
    if not callable(session):
        return [
            Doc(e.id, d.department_code, d.department_name, d.department_canonical, d.kind,
                d.level, d.year, {m.name: exact(m.value) for m in metrics(d)})
            for e in repo.all()
            if not is_template((d := e.disclosure).department_name)
        ]  # fmt: skip
    with session() as store, store.faults():
        rows = store.con.execute(
            "SELECT d.sha256, d.department_code, d.department_name, "
            "json_extract_string(d.model, '$.department_canonical'), d.kind, d.level, d.year, "
            "m.metric, m.value FROM documents d LEFT JOIN metrics m ON m.sha256 = d.sha256 "
            "ORDER BY d.sha256"
        ).fetchall()
    docs: dict[str, Doc] = {}
    for sha, code, name, canonical, kind, level, year, metric, value in rows:
        if is_template(name):
            continue
        doc = docs.setdefault(sha, Doc(sha[:16], code, name, canonical, kind, level, year))
        if metric is not None and value is not None:
            doc.values[metric] = exact(value)
    return list(docs.values())


def rank(
    docs: list[Doc], year: int, kind: str, level: str, names: list[str]
) -> list[dict[str, Any]]:
    """The ranking rows: one per department per level, by ``names[0]``, largest first."""
    first = names[0]
    picked = [
        d
        for d in docs
        if d.year == year
        and (not kind or d.kind == kind)
        and (level == "全部" or (d.level or "部门") == level)
    ]
    best: dict[tuple[Any, ...], Doc] = {}
    for d in sorted(picked, key=lambda x: (first not in x.values, -len(x.values), x.id)):
        slot = (d.key or d.id, d.level or "部门", d.kind)
        if slot in best:
            best[slot].others += 1
        else:
            best[slot] = d
    out = []
    for lvl in ("部门", "单位"):
        group = sorted(
            (d for d in best.values() if (d.level or "部门") == lvl),
            key=lambda d: (first not in d.values, -(d.values.get(first) or 0), d.department, d.id),
        )
        n = 0
        for d in group:
            ranked = first in d.values
            n += ranked
            out.append({"rank": n if ranked else None, "doc": d, "level": lvl,
                        "values": [d.values.get(m) for m in names]})  # fmt: skip
    return out


def columns(names: list[str]) -> tuple[str, ...]:
    return ("排名", "部门编码", "部门名称", "类型", "级次",
            *(f"{m}（{unit_of(m)}）" for m in names), "同部门另有", "编号")  # fmt: skip


def values(row: dict[str, Any]) -> tuple[Any, ...]:
    d: Doc = row["doc"]
    level = row["level"] if d.level else f"{row['level']}（级次未识别）"
    return (row["rank"], d.code or "", d.department, d.kind or "", level, *row["values"],
            d.others, d.id)  # fmt: skip


#: The choice a ranking was made for, and its ranked rows.
Ranking = tuple[dict[str, Any], list[dict[str, Any]]]


def compare_router(repo: Repository, page: Callable[..., HTMLResponse]) -> APIRouter:
    router = APIRouter()

    def ranking(
        year: str = "",
        kind: str = "",
        level: str = "",
        metric: str = "",
        also: list[str] = Query(default=[]),  # noqa: B008
    ) -> Ranking:
        """The choice and the ranked rows: the page's and its export's query parameters
        (a FastAPI dependency of both routes)."""
        docs = documents(repo)
        years = sorted({d.year for d in docs if d.year}, reverse=True)
        y = int(year) if year.isdigit() else (years[0] if years else 0)
        kinds = sorted({d.kind for d in docs if d.year == y and d.kind})
        k = kind if kind in ("预算", "决算") else (kinds[0] if kinds else "")
        lvl = level if level in LEVELS else "部门"
        try:
            names = list(dict.fromkeys(metric_name(m) for m in [metric or "三公", *also] if m))
        except InputError as exc:
            raise ApiError(422, "invalid_request", exc.zh, exc.en) from None
        chosen = {"year": y, "kind": k, "level": lvl, "metric": names[0], "also": names[1:],
                  "years": years, "names": names}  # fmt: skip
        return chosen, rank(docs, y, k, lvl, names)

    @router.get("/compare", response_class=HTMLResponse)
    async def compare_page(
        request: Request,
        ranked: Ranking = Depends(ranking),  # noqa: B008
    ) -> HTMLResponse:
        chosen, rows = ranked
        query = request.url.query
        return page(
            request,
            "compare.html",
            chosen=chosen,
            rows=rows,
            metrics=METRICS,
            units=[unit_of(m) for m in chosen["names"]],
            levels=LEVELS,
            export_query=("?" + query) if query else "",
        )

    @router.get("/compare.{fmt}")
    async def compare_export(
        fmt: str,
        ranked: Ranking = Depends(ranking),  # noqa: B008
    ) -> Response:
        if fmt not in ("csv", "xlsx"):
            raise ApiError(404, "not_found", "没有这种导出格式", "no such export format")
        chosen, rows = ranked
        title = f"排名-{chosen['year']}-{chosen['kind']}-{chosen['level']}-{chosen['metric']}"
        return download(fmt, "ranking", title, columns(chosen["names"]), [values(r) for r in rows])

    return router
