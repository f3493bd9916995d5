"""Errors a user can act on: each carries a one-line reason in Chinese and English."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be read. The CLI prints ``zh`` and ``en`` on one line, exit 2."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def line(self, path: str | None = None) -> str:
        where = f"{path}: " if path else ""
        return f"{where}{self.zh} / {self.en}"
