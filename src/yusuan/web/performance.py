"""The 绩效 pages: a document's targets with their completion and score, and the overview.

``/doc/{id}/performance`` lists every 项目绩效目标表 of the document (the targets as
printed) and, when the server runs over a store holding a 自评 of that department and
year (``yusuan evaluate --db``), each indicator's 完成值, 分值, 得分 and 偏差原因 and the
project's 总分 and 等级.  ``/performance`` gives, per department and year, the projects
with targets and the evaluated projects' average 总分 and grades, so years sit side by
side.  Without a store the overview counts the targets of the documents in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from yusuan.web.repository import Entry, Repository


def _store(repo: Repository) -> Any:
    """The repository's DuckDB store with its 绩效 tables ready, or None."""
    store = getattr(repo, "store", None)
    if store is None:
        return None
    from yusuan.store.performance import ensure

    if not getattr(repo, "read_only", False) and store.mode == "local":
        with _lock(repo):
            ensure(store)
    return store


def _lock(repo: Repository) -> AbstractContextManager[Any]:
    """The store repository's connection lock (one request at a time on the connection)."""
    lock: AbstractContextManager[Any] | None = getattr(repo, "_lock", None)
    return lock if lock is not None else nullcontext()


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
        store = _store(repo)
        projects: dict[str, dict[str, Any]] = {}
        indicators: dict[tuple[str, str], dict[str, Any]] = {}
        if store is not None:
            from yusuan.store.performance import indicator_results, results

            with _lock(repo):
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
        store = _store(repo)
        if store is not None:
            from yusuan.store.performance import overview

            with _lock(repo):
                rows = overview(store)
        else:
            rows = _memory_overview(repo)
        return page(request, "performance_overview.html", rows=rows, stored=store is not None)


__all__ = ["add_performance_routes"]
