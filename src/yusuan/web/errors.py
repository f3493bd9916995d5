"""The web UI's one error: an HTTP status, a code and the reason in Chinese and English.

Every error answer has this shape, as JSON under ``/api/`` and as the error page
elsewhere (``docs/web.md``)."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.status, self.code, self.zh, self.en = status, code, zh, en


def error_body(status: int, code: str, zh: str, en: str) -> dict[str, Any]:
    """The one JSON error shape of the API."""
    return {"error": {"status": status, "code": code, "message": zh, "message_en": en}}
