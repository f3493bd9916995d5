"""A bounded look inside an ``.xlsx`` / ``.docx`` before a library opens it.

openpyxl and python-docx inflate every member and build it in memory, so a zip bomb
or a sheet of a million rows costs gigabytes before they return.  :func:`scan` reads
the container first, streaming and cheaply: the sizes the zip declares, then every
XML member through :class:`~yusuan.limits.BoundedReader` (the bytes that really come
out) and ``lxml.etree.iterparse`` (elements freed as they are counted), checking the
limits of :mod:`yusuan.limits` — elements, nesting depth, stored rows, columns and
cells of each sheet, the area of merged ranges, paragraphs of a Word body.  The
first limit exceeded raises :class:`~yusuan.errors.InputError`; a file that passes
can be opened in bounded memory and time.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from yusuan.errors import InputError
from yusuan.limits import BoundedReader, check_zip, exceeded, limits

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_MEMBER_XML = (".xml", ".rels", ".vml")


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"AB"`` → 28."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _ref(text: str | None) -> tuple[int, int] | None:
    """(row, column) of a cell reference such as ``B12``; None when it is not one."""
    m = _REF.match(text or "")
    return (int(m.group(2)), column_number(m.group(1))) if m else None


class _Counts:
    """What has been seen so far in the whole container."""

    def __init__(self) -> None:
        self.cells = 0
        self.merged = 0

    def add_cell(self) -> None:
        self.cells += 1
        if self.cells > limits().cells:
            raise exceeded("工作簿的单元格数", "the number of stored cells", limits().cells)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _scan_member(
    z: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    kind: Literal["sheet", "body", "other"],
    seen: _Counts,
) -> None:
    lim = limits()
    depth = 0
    rows = 0
    paragraphs = 0
    name = info.filename
    with z.open(info) as raw:
        reader = BoundedReader(raw, name)
        events = etree.iterparse(
            reader,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
        )
        for event, el in events:
            if event == "start":
                depth += 1
                if depth > lim.xml_depth:
                    raise exceeded(
                        f"{name} 的元素嵌套深度", f"the element nesting of {name}", lim.xml_depth
                    )
                continue
            depth -= 1
            tag = _local(el.tag)
            if kind == "sheet":
                if tag == "c":
                    seen.add_cell()
                    ref = _ref(el.get("r"))
                    if ref and ref[1] > lim.sheet_columns:
                        raise exceeded(
                            f"工作表 {name} 的列数",
                            f"the columns of sheet {name}",
                            lim.sheet_columns,
                        )
                elif tag == "row":
                    rows += 1
                    if rows > lim.sheet_rows:
                        raise exceeded(
                            f"工作表 {name} 的行数", f"the rows of sheet {name}", lim.sheet_rows
                        )
                elif tag == "mergeCell":
                    _merge(el.get("ref"), name, seen)
            elif kind == "body" and tag == "p":
                paragraphs += 1
                if paragraphs > lim.paragraphs:
                    raise exceeded(
                        "Word 文档的段落数", "the number of Word paragraphs", lim.paragraphs
                    )
            if depth <= 2:  # a child of the root (or of sheetData / body) is done: free it
                el.clear()
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]


def _merge(ref: str | None, name: str, seen: _Counts) -> None:
    lim = limits()
    first, _, last = (ref or "").partition(":")
    a, b = _ref(first), _ref(last or first)
    if a is None or b is None:
        return
    rows, cols = abs(b[0] - a[0]) + 1, abs(b[1] - a[1]) + 1
    if rows > lim.sheet_rows or max(a[1], b[1]) > lim.sheet_columns:
        raise exceeded(f"工作表 {name} 的合并区域 {ref}", f"merged range {ref} of sheet {name}",
                       f"{lim.sheet_rows} × {lim.sheet_columns}")  # fmt: skip
    seen.merged += rows * cols
    if seen.merged > lim.cells:
        raise exceeded("合并单元格的总面积", "the total area of merged cells", lim.cells)


def _kind(name: str, fmt: str) -> Literal["sheet", "body", "other"]:
    if fmt == "xlsx" and name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return "sheet"
    if fmt == "docx" and name == "word/document.xml":
        return "body"
    return "other"


def scan(path: Path, fmt: Literal["xlsx", "docx"]) -> None:
    """Refuse ``path`` if opening it would exceed a limit; a damaged zip is refused too."""
    try:
        with zipfile.ZipFile(path) as z:
            check_zip(z)
            seen = _Counts()
            for info in z.infolist():
                if info.filename.lower().endswith(_MEMBER_XML) and not info.is_dir():
                    try:
                        _scan_member(z, info, _kind(info.filename, fmt), seen)
                    except etree.XMLSyntaxError:
                        continue  # malformed XML: the library's reader gives the message
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        kind = "Excel (.xlsx)" if fmt == "xlsx" else "Word (.docx)"
        raise InputError(
            f"{kind} 文件已损坏，无法解压（{type(exc).__name__}）",
            f"the {kind} file is damaged and cannot be unpacked ({type(exc).__name__})",
        ) from exc
    except (NotImplementedError, RuntimeError) as exc:  # encrypted member, unknown method
        raise InputError(
            "压缩包使用了不支持的压缩方式或已加密",
            f"the zip uses an unsupported compression or encryption ({exc})",
        ) from exc
