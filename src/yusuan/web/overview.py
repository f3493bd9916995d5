"""The overview (``/overview``): a review round at a glance, and every list of it exported.

One row per document, with its region, its completeness counted against **its own template**
(:func:`yusuan.families.family_for`: a Jiangsu 2017–2019 package is counted against that
template's twelve tables, not the standard nine) and the tables it lacks by name. Facets
(年度, 预算/决算, 部门/单位, 地区) narrow every list; totals and status counts sum the real
documents (blank templates are listed last and counted apart). The page shows three lists —
the documents, the facet counts and the missing tables — and each one downloads as CSV or
Excel with the same filters (``/overview/{list}.csv|xlsx``), numbers as numbers.

The region is not in the model: it is read from the department's name through
``data/regions.toml`` (:func:`yusuan.regions.region_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from yusuan.families import family_for
from yusuan.model import TableId
from yusuan.regions import region_of
from yusuan.rules.context import table_name
from yusuan.store import review
from yusuan.store.templates import is_template
from yusuan.web.errors import ApiError
from yusuan.web.exports import download
from yusuan.web.repository import Entry, Repository

FACETS = (("year", "年度"), ("kind", "预算/决算"), ("level", "部门/单位"), ("region", "地区"))
SORTS = ("department", "region", "year", "kind", "errors", "warnings", "completeness",
         "could_not_run")  # fmt: skip
#: Label of a document whose region no listed form names.
NO_REGION = "未识别地区"

DOCUMENT_COLUMNS = ("部门/单位", "印作", "部门编码", "地区", "年度", "预算/决算", "部门/单位级次",
                    "错误", "警告", "已有表", "应有表", "缺少的表", "模板", "无法运行的规则",
                    *review.STATUSES[1:], "空白模板", "编号")  # fmt: skip
FACET_COLUMNS = ("维度", "取值", "文件", "错误", "警告")
MISSING_COLUMNS = ("缺少的表", "文件数", "文件")
LISTS = {"documents": "总览-文件", "facets": "总览-分布", "missing": "总览-缺表"}


def completeness(kind: str | None, ids: set[str]) -> dict[str, Any]:
    """The tables a document's template requires, how many it prints, and the missing ones."""
    have = {TableId(i) for i in ids if i in TableId._value2member_map_}
    family = family_for(kind, have)
    missing = [t for t in family.required if t not in have]
    return {
        "completeness": len(family.required) - len(missing),
        "required": len(family.required),
        "missing": "、".join(table_name(t) for t in missing),
        "missing_list": [table_name(t) for t in missing],
        "family": family.name,
    }


def overview_row(e: Entry) -> dict[str, Any]:
    """A document held in memory as an overview row."""
    d, r = e.disclosure, e.report
    return {
        "id": e.id,
        "name": e.name,
        "department": d.department_canonical or d.department_name,
        "printed": d.department_name,
        "template": is_template(d.department_name),
        "reviewed": {},
        "code": d.department_code,
        "year": d.year,
        "kind": d.kind,
        "level": d.level,
        "errors": r.summary["error"],
        "warnings": r.summary["warning"],
        "could_not_run": sum(1 for c in r.coverage if c.status == "could_not_run"),
        **completeness(d.kind, {t.id.value for t in d.tables}),
    }


def overview_rows(repo: Repository) -> list[dict[str, Any]]:
    """Every document as an overview row: from the store when there is one."""
    from_store = getattr(repo, "overview_rows", None)
    rows: list[dict[str, Any]] = (
        from_store() if callable(from_store) else [overview_row(e) for e in repo.all()]
    )
    for row in rows:
        row["region"] = region_of(row.get("printed"), row.get("department"))
    return rows


def _matches(row: dict[str, Any], chosen: dict[str, str], q: str) -> bool:
    for key, value in chosen.items():
        have = row[key] if key != "region" else (row[key] or NO_REGION)
        if value and str(have or "") != value:
            return False
    if not q:
        return True
    return any(
        q in str(row.get(k) or "") for k in ("department", "printed", "year", "kind", "region")
    )


def select(
    every: list[dict[str, Any]], chosen: dict[str, str], q: str, sort: str, desc: int
) -> list[dict[str, Any]]:
    """The rows the filters keep, sorted; blank templates after every real document."""
    rows = [r for r in every if _matches(r, chosen, q)]
    if sort in SORTS:
        rows.sort(key=lambda r: (r[sort] is None, r[sort] if r[sort] is not None else 0),
                  reverse=bool(desc))  # fmt: skip
    rows.sort(key=lambda r: bool(r.get("template")))
    return rows


def facet_counts(rows: list[dict[str, Any]]) -> list[tuple[str, str, int, int, int]]:
    """(facet, value, documents, errors, warnings) over the real documents of ``rows``."""
    out = []
    real = [r for r in rows if not r.get("template")]
    for key, label in FACETS:
        values: dict[str, list[dict[str, Any]]] = {}
        for r in real:
            value = r[key] if r[key] is not None else (NO_REGION if key == "region" else "未识别")
            values.setdefault(str(value), []).append(r)
        for value, group in sorted(values.items()):
            out.append((label, value, len(group), sum(r["errors"] or 0 for r in group),
                        sum(r["warnings"] or 0 for r in group)))  # fmt: skip
    return out


def missing_tables(rows: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    """(table, documents lacking it, which) over the real documents of ``rows``, most first."""
    lacking: dict[str, list[str]] = {}
    for r in rows:
        if r.get("template"):
            continue
        for title in r.get("missing_list") or [t for t in (r["missing"] or "").split("、") if t]:
            lacking.setdefault(title, []).append(label_of(r))
    return sorted(((t, len(ds), "；".join(ds)) for t, ds in lacking.items()),
                  key=lambda x: (-x[1], x[0]))  # fmt: skip


def label_of(r: dict[str, Any]) -> str:
    """A document as a list names it: department, year, level and kind."""
    who = r["department"] or f"（未识别部门）{r['name']}"
    return f"{who} {r['year'] or ''}{r['level'] or ''}{r['kind'] or ''}".strip()


def document_values(r: dict[str, Any]) -> tuple[Any, ...]:
    return (
        r["department"] or "", r["printed"] or "", r["code"] or "", r["region"] or NO_REGION,
        r["year"], r["kind"] or "", r["level"] or "", r["errors"], r["warnings"],
        r["completeness"], r["required"], r["missing"] or "", r.get("family") or "",
        r["could_not_run"], *(r["reviewed"].get(s, 0) for s in review.STATUSES[1:]),
        "是" if r.get("template") else "", r["id"],
    )  # fmt: skip


def totals_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    real = [r for r in rows if not r.get("template")]
    return {
        "documents": len(real),
        "errors": sum(r["errors"] or 0 for r in real),
        "warnings": sum(r["warnings"] or 0 for r in real),
        "incomplete": sum(1 for r in real if r["missing"]),
        "templates": len(rows) - len(real),
        "reviewed": {s: sum(r["reviewed"].get(s, 0) for r in real) for s in review.STATUSES[1:]},
    }


@dataclass(frozen=True)
class Listed:
    """The overview's sort order, search and facet choice (its query parameters)."""

    sort: str
    desc: int
    q: str
    chosen: dict[str, str]

    def select(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return select(rows, self.chosen, self.q, self.sort, self.desc)


def listed(
    sort: str = "errors",
    desc: int = 1,
    q: str = "",
    year: str = "",
    kind: str = "",
    level: str = "",
    region: str = "",
) -> Listed:
    """What the overview lists and how: the page's and its exports' query parameters
    (a FastAPI dependency of both routes)."""
    chosen = {"year": year, "kind": kind, "level": level, "region": region}
    return Listed(sort, desc, q, chosen)


Choice = Annotated[Listed, Depends(listed)]


def overview_router(
    repo: Repository,
    page: Callable[..., HTMLResponse],
    review_on: Callable[[], bool],
) -> APIRouter:
    router = APIRouter()

    @router.get("/overview", response_class=HTMLResponse)
    async def overview(request: Request, choice: Choice) -> HTMLResponse:
        every = overview_rows(repo)
        facets = {
            key: sorted({str(r[key] if r[key] is not None or key != "region" else NO_REGION)
                         for r in every if r[key] is not None or key == "region"})
            for key, _ in FACETS
        }  # fmt: skip
        rows = choice.select(every)
        real = [r for r in rows if not r.get("template")]
        query = request.url.query
        return page(
            request,
            "overview.html",
            rows=rows,
            sort=choice.sort,
            desc=choice.desc,
            q=choice.q,
            totals=totals_of(rows),
            years=sorted({r["year"] for r in real if r["year"]}),
            facets=facets,
            facet_labels=dict(FACETS),
            chosen=choice.chosen,
            counts=facet_counts(rows),
            missing=missing_tables(rows),
            export_query=("?" + query) if query else "",
            review_on=review_on(),
        )

    @router.get("/overview/{name}.{fmt}")
    async def overview_export(name: str, fmt: str, choice: Choice) -> Response:
        """One list of the overview (``documents``, ``facets``, ``missing``) as CSV or xlsx."""
        if name not in LISTS or fmt not in ("csv", "xlsx"):
            raise ApiError(404, "not_found", "没有这个列表", "no such list")
        rows = choice.select(overview_rows(repo))
        if name == "documents":
            columns, values = DOCUMENT_COLUMNS, [document_values(r) for r in rows]
        elif name == "facets":
            columns, values = FACET_COLUMNS, list(facet_counts(rows))
        else:
            columns, values = MISSING_COLUMNS, list(missing_tables(rows))
        return download(fmt, f"overview-{name}", LISTS[name], columns, values)

    return router
