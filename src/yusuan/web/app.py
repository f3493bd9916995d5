"""The FastAPI application: server-rendered pages (Jinja2) and a small JSON API.

Safety: uploads are limited in size while they stream in and in type, are written
under a generated name (the uploaded file name is only ever shown, escaped, never
used as a path) and are read in a worker process with a time limit
(:mod:`yusuan.web.uploads`);
all document text is escaped by the templates; every API error has one shape,
``{"error": {"status", "code", "message", "message_en"}}``; ``read_only``
disables uploads for a public deployment.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from yusuan.check import flatten
from yusuan.regex import lazy
from yusuan.rules.base import SEVERITY_ZH, Severity
from yusuan.store import review
from yusuan.store.faults import StoreFault
from yusuan.store.rows import model_key
from yusuan.web.batch import batch_router
from yusuan.web.charts import charts
from yusuan.web.compare import compare_router
from yusuan.web.compare_docs import router as compare_routes
from yusuan.web.errors import ApiError, error_body
from yusuan.web.history import router as history_routes
from yusuan.web.history import same_department
from yusuan.web.ocr_marks import OCR_LABEL, ocr_cells, worksheet
from yusuan.web.overview import overview_router, overview_rows
from yusuan.web.packages import packages_router
from yusuan.web.performance import add_performance_routes
from yusuan.web.repository import Entry, MemoryRepository, Repository
from yusuan.web.uploads import parse_package_in_worker, read_uploads
from yusuan.web.views import (
    anchor_for,
    body_rows,
    evidence_target,
    finding_box,
    header_rows,
    narrative_anchor,
    narrative_blocks,
)

HERE = Path(__file__).parent
ALLOWED = (".txt", ".docx", ".xlsx", ".xls", ".html", ".htm", ".pdf", ".json")
#: Rule families by the hundreds of their codes (``docs/rules/``).
FAMILIES = {"YS1": "表内勾稽", "YS2": "科目层级", "YS3": "表间核对", "YS4": "情况说明",
            "YS5": "完整性", "YS6": "用语规范", "YS7": "绩效", "YS8": "版式"}  # fmt: skip


@dataclass(frozen=True)
class Settings:
    read_only: bool = False
    max_upload_mb: float = 20.0
    #: Reading and checking one upload runs in a worker process, killed past this time.
    parse_seconds: float = 60.0
    #: Uploads parsed at the same time (more wait for a free worker).
    parse_workers: int = 2
    #: A batch upload's .zip at most (``/batch``; its bounds inside: web/batch_zip.py).
    max_batch_mb: float = 200.0


_DOC_ID = lazy(r"[0-9a-f]{1,64}")
_CONTROL = lazy(r"[\x00-\x1f]")


def create_app(repository: Repository | None = None, settings: Settings | None = None) -> FastAPI:
    repo = repository or MemoryRepository()
    conf = settings or Settings()
    app = FastAPI(title="yusuan 预算", docs_url=None, redoc_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    bounds = getattr(repo, "bounds", None)
    templates.env.globals.update(
        severity_zh=SEVERITY_ZH,
        read_only=conf.read_only,
        memory_bounds=bounds() if callable(bounds) else None,
        max_upload_mb=conf.max_upload_mb,
    )
    workers = asyncio.Semaphore(max(1, conf.parse_workers))

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        response: Response
        if wants_json(request):
            response = JSONResponse(
                error_body(exc.status, exc.code, exc.zh, exc.en), status_code=exc.status
            )
        else:
            response = page(request, "error.html", exc.status, error=exc)
        if exc.status == 413:  # the rest of the body is not read: end the connection
            response.headers["Connection"] = "close"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        zh = {404: "页面不存在", 405: "不支持此请求方法"}.get(exc.status_code, "请求有误")
        err = ApiError(exc.status_code, "http_error", zh, str(exc.detail))
        return await api_error(request, err)

    @app.exception_handler(StoreFault)
    async def store_error(request: Request, exc: StoreFault) -> Response:
        status = 507 if exc.kind == "disk_full" else 503
        return await api_error(request, ApiError(status, f"store_{exc.kind}", exc.zh, exc.en))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return await api_error(
            request,
            ApiError(500, "internal", "服务器内部错误", f"internal error ({type(exc).__name__})"),
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return await api_error(
            request, ApiError(422, "invalid_request", "请求参数有误", "invalid request")
        )

    def entry_or_404(doc_id: str) -> Entry:
        entry = repo.get(doc_id) if _DOC_ID.fullmatch(doc_id) else None
        if entry is None:
            raise ApiError(404, "not_found", "没有这份文件", "no such document")
        return entry

    async def receive(request: Request) -> Entry:
        if conf.read_only:
            raise ApiError(403, "read_only", "本站为只读，不能上传", "this server is read-only")
        limit = int(conf.max_upload_mb * 1024 * 1024)
        uploads = await read_uploads(request, limit, conf.max_upload_mb)
        suffixes = [Path(u.name).suffix.lower() for u in uploads]
        if any(suffix not in ALLOWED for suffix in suffixes):
            raise ApiError(
                415,
                "unsupported_type",
                f"不支持的文件类型（支持 {'、'.join(ALLOWED)}）",
                f"unsupported file type (allowed: {', '.join(ALLOWED)})",
            )
        files = [(u.data, sfx) for u, sfx in zip(uploads, suffixes, strict=True)]
        async with workers:
            disclosure, report = await parse_package_in_worker(files, conf.parse_seconds)
        names = [
            _CONTROL.sub("", Path(u.name.replace("\\", "/")).name)[:200] or "upload"
            for u in uploads
        ]
        display = " + ".join(names)
        pdf = uploads[0].data if suffixes[0] == ".pdf" else None
        size = sum(len(u.data) for u in uploads)
        if len(uploads) == 1:
            return repo.add(display, disclosure, report, pdf, size=size)
        # a package: each PDF part under the name its sources give (``part1.pdf``…)
        parts = {
            f"part{i + 1}{sfx}": u.data
            for i, (u, sfx) in enumerate(zip(uploads, suffixes, strict=True))
            if sfx == ".pdf"
        }
        add_parts = getattr(repo, "add_package", None)
        if callable(add_parts):
            entry: Entry = add_parts(display, disclosure, report, parts, names, size=size)
            return entry
        return repo.add(display, disclosure, report, pdf, size=size)

    # -- pages --------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        return page(
            request,
            "index.html",
            entries=sorted(repo.all(), key=lambda e: e.added, reverse=True)[:10],
        )

    @app.post("/upload")
    async def upload(request: Request) -> Response:
        entry = await receive(request)
        return RedirectResponse(f"/doc/{entry.id}/report", status_code=303)

    def reviewing() -> Any:
        """The repository's review methods, when it keeps review state (``serve --db``)."""
        return repo if callable(getattr(repo, "reviews", None)) else None

    @app.get("/doc/{doc_id}/report", response_class=HTMLResponse)
    async def report_page(
        request: Request,
        doc_id: str,
        severity: str = "",
        family: str = "",
        table: str = "",
        status: str = "",
    ) -> HTMLResponse:
        entry = entry_or_404(doc_id)
        sha = model_key(entry.disclosure)
        rv = reviewing()
        states, hints = rv.reviews(entry) if rv else ({}, {})
        items = []
        findings = list(entry.report.findings)
        for f, key in zip(findings, review.finding_keys(sha, findings), strict=True):
            state = states.get(key)
            hint = hints.get(review.finding_recur(f)) if state is None else None
            items.append(
                {
                    "f": f,
                    "anchor": anchor_for(entry.disclosure, f)
                    or narrative_anchor(entry.disclosure, f),
                    "key": key,
                    "state": state,
                    "status": state.status if state else review.DEFAULT_STATUS,
                    "hint": hint,
                }
            )
        counts = dict.fromkeys(review.STATUSES, 0)
        for it in items:
            counts[it["status"]] += 1
        tables = sorted({it["f"].location.table for it in items if it["f"].location.table})
        families = sorted({it["f"].code[:3] for it in items})
        shown = [
            it
            for it in items
            if (not severity or it["f"].severity.value == severity)
            and (not family or it["f"].code.startswith(family))
            and (not table or it["f"].location.table == table)
            and (not status or it["status"] == status)
        ]
        # a consequence hangs under its lead finding (the suspect cell's) when both are shown
        leads = {it["f"].id for it in shown if it["f"].suspect is not None and it["f"].id}
        under: dict[str, list[Any]] = {}
        for it in shown:
            if it["f"].caused_by in leads:
                under.setdefault(it["f"].caused_by, []).append((it["f"], it["anchor"], it))
        groups = {
            s: [
                (it["f"], it["anchor"], it)
                for it in shown
                if it["f"].severity is s and it["f"].caused_by not in leads
            ]
            for s in Severity
        }
        return page(
            request,
            "report.html",
            entry=entry,
            groups=groups,
            under=under,
            per_severity={s: sum(it["f"].severity is s for it in shown) for s in Severity},
            counts=counts,
            review_on=rv is not None and not conf.read_only,
            statuses=review.STATUSES,
            filters={"severity": severity, "family": family, "table": table, "status": status},
            families=[(f, FAMILIES.get(f, f)) for f in families],
            tables=tables,
            shown=len(shown),
            total=len(items),
            to_check=worksheet(entry.report, ocr_cells(entry.disclosure)),
        )

    @app.post("/doc/{doc_id}/review")
    async def review_form(request: Request, doc_id: str) -> Response:
        """A decision from the report page's form; back to the finding."""
        form = await request.form()
        fields = {k: str(form.get(k) or "") for k in ("key", "status", "note", "who")}
        save_review(entry_or_404(doc_id), fields)
        back = str(form.get("back") or f"/doc/{doc_id}/report")
        if not back.startswith(f"/doc/{doc_id}/report"):
            back = f"/doc/{doc_id}/report"
        return RedirectResponse(f"{back}#r-{fields['key']}", status_code=303)

    @app.post("/api/documents/{doc_id}/reviews")
    async def api_review(request: Request, doc_id: str) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(422, "invalid_request", "请求参数有误", "invalid request") from None
        if not isinstance(body, dict):
            raise ApiError(422, "invalid_request", "请求参数有误", "invalid request")
        fields = {k: str(body.get(k) or "") for k in ("key", "status", "note", "who")}
        done = save_review(entry_or_404(doc_id), fields)
        return JSONResponse(done.to_json(), status_code=201)

    @app.get("/api/documents/{doc_id}/reviews/{key}")
    async def api_review_history(doc_id: str, key: str) -> JSONResponse:
        entry_or_404(doc_id)
        rv = reviewing()
        events = rv.history(key) if rv else []
        return JSONResponse({"history": [e.to_json() for e in events]})

    def save_review(entry: Entry, fields: dict[str, str]) -> review.Review:
        rv = reviewing()
        if conf.read_only:
            raise ApiError(403, "read_only", "本站为只读，不能标记", "this server is read-only")
        if rv is None:
            raise ApiError(
                409,
                "no_store",
                "未连接数据库（serve --db），审核状态无处保存",
                "no store (serve --db): review state cannot be kept",
            )
        sha = model_key(entry.disclosure)
        findings = list(entry.report.findings)
        keys = review.finding_keys(sha, findings)
        finding = next((f for f, k in zip(findings, keys, strict=True) if k == fields["key"]), None)
        if finding is None:
            raise ApiError(404, "not_found", "这份文件没有这条发现", "no such finding")
        if fields["status"] not in review.STATUSES:
            raise ApiError(
                422,
                "invalid_request",
                f"状态应为 {'、'.join(review.STATUSES)} 之一",
                f"status must be one of {', '.join(review.STATUSES)}",
            )
        done: review.Review = rv.record(
            key=fields["key"],
            sha256=sha,
            recur=review.finding_recur(finding),
            code=finding.code,
            status=fields["status"],
            note=fields["note"],
            who=fields["who"],
        )
        return done

    @app.get("/review/issues.xlsx")
    async def issues_xlsx(year: str = "", per_department: int = 0) -> Response:
        """The 问题清单 of the stored round (every department; one year when given), with one
        sheet per department besides the whole list when asked (``per_department=1``)."""
        from yusuan.store.issues import workbook

        rv = reviewing()
        if rv is None:
            raise ApiError(
                409, "no_store", "未连接数据库（serve --db），没有问题清单", "no store (serve --db)"
            )
        y = int(year) if year.isdigit() else None
        data = workbook(rv.issues(y), per_department=bool(per_department))
        name = f"issues-{y}.xlsx" if y else "issues.xlsx"
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @app.get("/doc/{doc_id}/report.json")
    async def report_json(doc_id: str) -> JSONResponse:
        return JSONResponse(entry_or_404(doc_id).report.to_json())

    @app.get("/doc/{doc_id}/report.html")
    async def report_html(doc_id: str) -> Response:
        from yusuan.render.report_export import render_html

        html = render_html([entry_or_404(doc_id).report])
        return Response(html, media_type="text/html; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="report-{doc_id}.html"'})  # fmt: skip

    @app.get("/doc/{doc_id}/report.xlsx")
    async def report_xlsx(doc_id: str) -> Response:
        from yusuan.render.report_export import report_workbook

        data = report_workbook(entry_or_404(doc_id).report)
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="report-{doc_id}.xlsx"'},
        )

    @app.get("/doc/{doc_id}/page/{number}.png")
    async def page_image(doc_id: str, number: int, box: str = "", file: str = "") -> Response:
        """A page of the PDF as an image, so a finding can be seen where it is printed;
        ``box=x0,y0,x1,y1`` (PDF points from the top left) is drawn on it."""
        entry = entry_or_404(doc_id)
        if entry.pdf is None:
            raise ApiError(
                404,
                "no_pdf",
                "这份文件不是 PDF，或原文件未保存",
                "not a PDF, or the file is not kept",
            )
        from yusuan.web.views import render_page

        rect = None
        parts = box.split(",")
        if len(parts) == 4:
            try:
                x0, y0, x1, y1 = (float(p) for p in parts)
                rect = (x0, y0, x1, y1)
            except ValueError:
                rect = None
        pdf = entry.pdf_of(file)
        assert pdf is not None
        png = await asyncio.to_thread(render_page, pdf, number, 1.5, rect)
        if png is None:
            raise ApiError(404, "no_page", f"没有第 {number} 页", f"no page {number}")
        return Response(png, media_type="image/png")

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    async def document_page(
        request: Request, doc_id: str, f: str = "", s: str = "", cell: str = ""
    ) -> HTMLResponse:
        entry = entry_or_404(doc_id)
        d = entry.disclosure
        sha = model_key(d)
        findings = list(entry.report.findings)
        keys = review.finding_keys(sha, findings)
        focus = next((x for x, k in zip(findings, keys, strict=True) if f and k == f), None)
        target = None
        box = None
        if focus is not None:
            target = anchor_for(d, focus) or narrative_anchor(d, focus)
            box = finding_box(d, focus)
        ocr = ocr_cells(d)  # ?cell=ANCHOR: an OCR cell, shown on its page image
        ocr_focus = ocr.get(cell) if focus is None and entry.pdf is not None else None
        if ocr_focus is not None:
            box = ocr_focus.image()
        said = evidence_target(d, s) if s and focus is None else None  # a change's reason
        if said is not None:
            target = f"n-{said[0]}"
        earlier = [
            e
            for e in same_department(repo, d)
            if e.disclosure.kind == d.kind and (e.disclosure.year or 0) < (d.year or 0)
        ]
        data = charts(d)
        if earlier and "three_public" in data:
            before = charts(earlier[-1].disclosure).get("three_public")
            if before and before["items"] == data["three_public"]["items"]:
                data["three_public"]["previous"] = {
                    "year": earlier[-1].disclosure.year,
                    "values": before["values"],
                }
        tables = [
            {"no": i, "table": t, "head": header_rows(t), "body": body_rows(t, i)}
            for i, t in enumerate(d.tables)
        ]
        return page(
            request,
            "document.html",
            entry=entry,
            tables=tables,
            charts=_script_json(data),
            narrative=narrative_blocks(d, focus, said),
            said=said,
            focus=focus,
            focus_key=f if focus is not None else "",
            target=target,
            box=box,
            ocr=bool(ocr),
            ocr_focus=ocr_focus,
            ocr_label=OCR_LABEL,
        )

    # -- API ------------------------------------------------------------------------------
    @app.post("/api/documents")
    async def api_upload(request: Request) -> JSONResponse:
        entry = await receive(request)
        return JSONResponse({"id": entry.id, "report": entry.report.to_json()}, status_code=201)

    @app.get("/api/documents")
    async def api_list() -> JSONResponse:
        return JSONResponse({"documents": overview_rows(repo)})

    @app.get("/rules/{code}", response_class=HTMLResponse)
    async def rule_page(request: Request, code: str) -> HTMLResponse:
        """A rule's page: title, 依据, 检查什么, 为什么重要, 错误示例, 正确写法."""
        from yusuan.rules import get_rule
        from yusuan.rules.docs import doc_sections

        rule = get_rule(code.upper())
        if rule is None:
            raise StarletteHTTPException(404)
        return page(request, "rule.html", rule=rule, sections=doc_sections(rule))

    @app.get("/api/documents/{doc_id}/findings")
    async def api_findings(doc_id: str) -> JSONResponse:
        return JSONResponse(
            {"findings": [flatten(f) for f in entry_or_404(doc_id).report.findings]}
        )

    add_performance_routes(app, repo, page, entry_or_404)
    app.include_router(overview_router(repo, page, lambda: reviewing() is not None))
    app.include_router(compare_router(repo, page))
    app.include_router(
        batch_router(repo, page, read_only=conf.read_only, max_mb=conf.max_batch_mb,
                     parse_seconds=conf.parse_seconds, parse_workers=conf.parse_workers,
                     allowed=ALLOWED)
    )  # fmt: skip
    app.include_router(packages_router(repo, page, read_only=conf.read_only))
    app.include_router(history_routes(repo, page))
    app.include_router(compare_routes(repo, page, entry_or_404))
    return app


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: document text cannot close the element."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
