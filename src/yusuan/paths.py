"""File paths as :mod:`pathlib` prints them, without importing it on the check's path.

Importing :mod:`pathlib` imports :mod:`urllib.parse` (for ``Path.as_uri``), which imports
:mod:`ipaddress`: about 5 ms of the 0.25 s a check of a text export may take (issue #17).
The modules a plain check runs through take a path as a string or any :class:`os.PathLike`
(:data:`StrPath`) and work on it with :mod:`os`; what the user sees is still the path as
``str(Path(path))`` prints it (``./a//b.txt`` → ``a/b.txt``), computed here. Windows, whose
paths have drives and two separators, goes through pathlib itself.
"""

from __future__ import annotations

import os
from typing import TypeAlias

#: A file path: a string or a path object (:class:`pathlib.Path`).
StrPath: TypeAlias = str | os.PathLike[str]


def printed(path: StrPath) -> str:
    """``str(pathlib.Path(path))``: empty and ``.`` parts dropped, the separators single (but a
    leading ``//``, which POSIX leaves to the system), ``.`` for nothing."""
    text = os.fspath(path)
    if os.name == "nt":
        from pathlib import Path

        return str(Path(text))
    root = "/" if text.startswith("/") else ""
    if text.startswith("//") and not text.startswith("///"):
        root = "//"
    return root + "/".join(p for p in text.split("/") if p and p != ".") or "."


def file_name(path: StrPath) -> str:
    """``pathlib.Path(path).name``: the last part of the printed path (empty for a root or ``.``)."""
    text = printed(path)
    if os.name == "nt":
        from pathlib import Path

        return Path(text).name
    return "" if text == "." else text.rpartition("/")[2]


def suffix(path: StrPath) -> str:
    """``pathlib.Path(path).suffix``: from the file name's last dot, when the dot neither starts
    nor ends the name (``a.tar.gz`` → ``.gz``; ``.bashrc`` and ``a.`` → nothing)."""
    name = file_name(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
