"""The 绩效 pages: a document's targets with their completion and score, and the overview.

``/doc/{id}/performance`` lists every 项目绩效目标表 of the document (the targets as
printed) and, when the server runs over a store holding a 自评 of that department and
year (``yusuan evaluate --db``), each indicator's 完成值, 分值, 得分 and 偏差原因 and the
project's 总分 and 等级.  ``/performance`` gives, per department and year, the projects
with targets and the evaluated projects' average 总分 and grades, so years sit side by
side.  Without a store the overview counts the targets of the documents in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from yusuan.web.repository import Entry, Repository


@contextmanager
def _stored(repo: Repository) -> Iterator[Any]:
    """The repository's DuckDB store, opened for this request, with its 绩效 tables brought up
    to date first when the server may write (None when the server runs without a store)."""
    session: Callable[..., AbstractContextManager[Any]] | None = getattr(repo, "session", None)
    if session is None:
        yield None
        return
    from yusuan.store.performance import ensure, pending

    if not getattr(repo, "read_only", False):
        with session() as store:
            stale = store.mode == "local" and pending(store)
        if stale:
            with session(write=True) as store:
                ensure(store)
    with session() as store:
        yield store


def _memory_overview(repo: Repository) -> list[dict[str, Any]]:
    rows: dict[tuple[str, int | None], dict[str, Any]] = {}
    for e in repo.all():
        d = e.disclosure
        if not d.performance:
            continue
        key = (d.department_name or e.name, d.year)
        row = rows.setdefault(
            key,
            {
                "department": key[0],
                "year": key[1],
                "projects": 0,
                "indicators": 0,
                "evaluated": None,
                "average": None,
            },
        )
        row["projects"] += len(d.performance)
        row["indicators"] += sum(len(t.indicators) for t in d.performance)
    return sorted(rows.values(), key=lambda r: (r["department"], r["year"] or 0))


def add_performance_routes(
    app: FastAPI,
    repo: Repository,
    page: Callable[..., HTMLResponse],
    entry_or_404: Callable[[str], Entry],
) -> None:
    @app.get("/doc/{doc_id}/performance", response_class=HTMLResponse)
    async def performance_page(request: Request, doc_id: str) -> HTMLResponse:
        entry = entry_or_404(doc_id)
        d = entry.disclosure
        projects: dict[str, dict[str, Any]] = {}
        indicators: dict[tuple[str, str], dict[str, Any]] = {}
        with _stored(repo) as store:
            if store is not None:
                from yusuan.store.performance import indicator_results, results

                projects = results(store, d.department_name, d.year)
                indicators = indicator_results(store, d.department_name, d.year)
        return page(
            request,
            "performance.html",
            entry=entry,
            targets=d.performance,
            overall=d.performance_overall,
            results=projects,
            indicators=indicators,
        )

    @app.get("/performance", response_class=HTMLResponse)
    async def performance_overview(request: Request) -> HTMLResponse:
        with _stored(repo) as store:
            if store is not None:
                from yusuan.store.performance import overview

                rows = overview(store)
            else:
                rows = _memory_overview(repo)
        return page(request, "performance_overview.html", rows=rows, stored=store is not None)


__all__ = ["add_performance_routes"]
