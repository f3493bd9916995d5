"""A department's history (``/dept/{key}``): its documents over the years and, between each
two of the same kind, the changes beyond the thresholds — one per 科目, as printed, filtered
已说明 / 未说明 / 新增 / 删除, each explained change linked to its sentence of the 情况说明.

Also the parts the compare page (:mod:`yusuan.web.compare_docs`) shares: which documents are
one department, and one comparison as the change table shows it (:func:`comparison`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from yusuan.model import Disclosure
from yusuan.store.changes import FILTERS, Change, changes, counts
from yusuan.store.diff import diff, unmatched
from yusuan.web.errors import ApiError
from yusuan.web.repository import Entry, Repository


def department_key(d: Disclosure) -> str | None:
    """One office is one department: its code, else its name through the alias data."""
    return d.department_code or d.department_canonical or d.department_name


def same_department(repo: Repository, d: Disclosure) -> list[Entry]:
    """The stored documents of ``d``'s department, oldest first."""
    key = department_key(d)
    return sorted(
        (e for e in repo.all() if key and department_key(e.disclosure) == key),
        key=lambda e: (e.disclosure.year or 0, e.disclosure.kind or ""),
    )


def label(e: Entry) -> str:
    """``2025年 预算 部门`` (the department named elsewhere on the page)."""
    d = e.disclosure
    return " ".join(p for p in (f"{d.year or '？'}年", d.kind, d.level) if p)


@dataclass
class Comparison:
    """B against A, as the change table shows it."""

    a: Entry
    b: Entry
    every: list[Change]
    show: str
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)

    @property
    def listed(self) -> list[Change]:
        return [c for c in self.every if c.flagged and c.matches(self.show)]

    @property
    def counts(self) -> dict[str, int]:
        return counts(self.every)

    def sentence_link(self, c: Change) -> str | None:
        """The document page of B opened at the sentence explaining ``c``."""
        if c.status != "explained" or not c.evidence:
            return None
        return f"/doc/{self.b.id}?s={quote(c.evidence)}"


def comparison(a: Entry, b: Entry, show: str = "") -> Comparison:
    """The changes from ``a`` to ``b`` (the filter ``show`` applied to :attr:`listed`)."""
    if show not in FILTERS:
        show = ""
    only_a, only_b = unmatched(a.disclosure, b.disclosure)
    return Comparison(a, b, changes(diff(a.disclosure, b.disclosure)), show, only_a, only_b)


def router(repo: Repository, page: Callable[..., HTMLResponse]) -> APIRouter:
    routes = APIRouter()

    @routes.get("/dept/{key}", response_class=HTMLResponse)
    async def history(request: Request, key: str, show: str = "") -> HTMLResponse:
        entries = [
            e
            for e in repo.all()
            if key
            in (
                e.disclosure.department_code,
                e.disclosure.department_name,
                e.disclosure.department_canonical,
            )
        ]
        if not entries:
            raise ApiError(404, "not_found", "没有这个部门的文件", "no document of this department")
        entries = same_department(repo, entries[0].disclosure)
        steps = [
            comparison(a, b, show)
            for a, b in pairwise(entries)
            if a.disclosure.kind == b.disclosure.kind and a.disclosure.year != b.disclosure.year
        ]
        context: dict[str, Any] = {
            "entries": entries,
            "steps": steps,
            "key": key,
            "show": show if show in FILTERS else "",
            "filters": FILTERS,
            "label": label,
        }
        return page(request, "history.html", **context)

    return routes


__all__ = ["Comparison", "comparison", "department_key", "label", "router", "same_department"]
