"""The library entry points behind the CLI verbs."""

from __future__ import annotations

from pathlib import Path

from yusuan.model import Disclosure
from yusuan.read import MAX_BYTES, read_path
from yusuan.recognize import recognize


def load(path: str | Path, max_bytes: int = MAX_BYTES) -> Disclosure:
    """Read and recognize one file. Raises :class:`~yusuan.errors.InputError`.

    A file in which no table and no narrative is recognized is refused too: it
    is not a budget disclosure.
    """
    from yusuan.errors import InputError

    raw, source = read_path(path, max_bytes=max_bytes)
    disclosure = recognize(raw, source)
    if not any(t.rows or t.columns for t in disclosure.tables) and not disclosure.narrative.stated:
        raise InputError(
            "未识别到任何预决算表格或情况说明，这不像是部门预决算公开文件",
            "no budget table or narrative recognized: this does not look like a budget disclosure",
        )
    return disclosure
