"""Regrouping by hand in the browser (``/packages``): join two stored documents into one
package, split a package into its files, undo either (:mod:`yusuan.store.regroup`).

Only with a store (``serve --db``): the files are read again from the store itself. The
page lists the stored documents (each package with its files), and every regrouping done,
latest first, each with the button that undoes it. ``POST /api/packages/join``
(``{"documents": [A, B], "who"}``) and ``POST /api/packages/split`` (``{"document", "who"}``)
do the same for scripts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from yusuan.errors import InputError
from yusuan.store import regroup
from yusuan.web.errors import ApiError
from yusuan.web.repository import Repository


def _invalid() -> ApiError:
    return ApiError(422, "invalid_request", "请求参数有误", "invalid request")


def packages_router(
    repo: Repository, page: Callable[..., HTMLResponse], *, read_only: bool
) -> APIRouter:
    router = APIRouter()

    def session() -> Callable[..., Any]:
        open_store = getattr(repo, "session", None)
        if not callable(open_store):
            raise ApiError(409, "no_store", "未连接数据库（serve --db），无法合并或拆开文件包",
                           "no store (serve --db): packages cannot be regrouped")  # fmt: skip
        return open_store  # type: ignore[no-any-return]

    def work(action: str, ids: list[str], who: str) -> regroup.Regrouped:
        if read_only:
            raise ApiError(403, "read_only", "本站为只读，不能修改", "this server is read-only")
        if any(not i.isalnum() or len(i) < 6 for i in ids):
            raise _invalid()
        with session()(write=True) as store:
            try:
                if action == "join":
                    if len(ids) != 2:
                        raise ApiError(422, "invalid_request", "合并须选中两份文件",
                                       "joining takes two documents")  # fmt: skip
                    done = regroup.join(store, ids[0], ids[1], who=who)
                else:
                    done = regroup.split(store, ids[0], who=who)
            except InputError as exc:
                raise ApiError(422, "invalid_request", exc.zh, exc.en) from None
        forget = getattr(repo, "forget", None)
        if callable(forget):
            forget(done.document, *(sha for sha, _ in done.parts))
        return done

    Logged = list[tuple[regroup.Regrouped, bool]]

    def listing() -> tuple[list[dict[str, Any]], Logged]:
        with session()() as store, store.faults():
            rows = store.con.execute(
                "SELECT d.sha256, d.path, d.department_name, d.year, d.kind, d.level, "
                "(SELECT count(*) FROM originals o WHERE o.document = d.sha256) "
                "FROM documents d ORDER BY d.department_name, d.year, d.path"
            ).fetchall()
            log = regroup.log(store.con)
        stored = {r[0] for r in rows}
        docs = [
            {"id": r[0][:16], "sha": r[0], "files": [Path(p).name for p in str(r[1] or "").split(" + ")],
             "department": r[2], "year": r[3], "kind": r[4], "level": r[5], "parts": r[6]}
            for r in rows
        ]  # fmt: skip
        # an event can be undone while what it made is still stored as it made it
        logged = [
            (e, e.document in stored if e.action == "join"
             else all(sha in stored for sha, _ in e.parts))
            for e in log
        ]  # fmt: skip
        return docs, logged

    async def render(request: Request, done: regroup.Regrouped | None = None) -> HTMLResponse:
        docs, logged = await asyncio.to_thread(listing)
        return page(request, "packages.html", docs=docs, logged=logged, done=done,
                    writable=not read_only)  # fmt: skip

    @router.get("/packages", response_class=HTMLResponse)
    async def packages_page(request: Request) -> HTMLResponse:
        return await render(request)

    @router.post("/packages", response_class=HTMLResponse)
    async def packages_form(request: Request) -> HTMLResponse:
        form = await request.form()
        action = str(form.get("action") or "")
        ids = [str(v) for v in form.getlist("doc")]
        if action not in ("join", "split") or not ids:
            raise _invalid()
        who = str(form.get("who") or "")[:40]
        done = await asyncio.to_thread(work, action, ids, who)
        return await render(request, done)

    @router.post("/api/packages/{action}")
    async def packages_api(request: Request, action: str) -> JSONResponse:
        if action not in ("join", "split"):
            raise ApiError(404, "not_found", "没有这个操作", "no such action")
        try:
            body = await request.json()
        except ValueError:
            raise _invalid() from None
        if not isinstance(body, dict):
            raise _invalid()
        raw = body.get("documents") if action == "join" else [body.get("document")]
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise _invalid()
        done = await asyncio.to_thread(work, action, raw, str(body.get("who") or "")[:40])
        return JSONResponse(
            {"action": done.action, "document": done.document,
             "parts": [{"sha256": s, "path": p} for s, p in done.parts], "message": done.line()},
            status_code=201,
        )  # fmt: skip

    return router
