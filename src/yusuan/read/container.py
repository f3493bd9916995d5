"""A bounded look inside an ``.xlsx`` / ``.docx`` before a library opens it.

openpyxl and python-docx inflate every member and build it in memory, so a zip bomb
or a sheet of a million rows costs gigabytes before they return.  :func:`scan` reads
the container first, streaming and cheaply:

* the sizes the zip declares (:func:`~yusuan.limits.check_zip`);
* every XML member through :class:`~yusuan.limits.BoundedReader` (the bytes that
  really come out, in 1 MiB pieces), counting its tags with byte searches — no
  tree is built: elements of the whole container, and per sheet its stored rows,
  the highest column a cell names and the area of its merged ranges, the cells of
  the workbook, the paragraphs of a Word body.

The first limit exceeded raises :class:`~yusuan.errors.InputError`; a file that
passes can be opened in bounded memory and time.  Nesting depth needs no count of
its own: libxml2 (python-docx) refuses XML nested deeper than 256 elements, and
openpyxl's expat parser does not recurse.  Tags inside comments or CDATA are
counted too, which can only refuse earlier, never admit more.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Literal

from yusuan import regex
from yusuan.errors import InputError
from yusuan.limits import BoundedReader, check_zip, exceeded, limits

_PIECE = 1 << 20
_MAX_TAG = 1 << 16  # a '<' with no other '<' this far after it: counted, not carried
_MEMBER_XML = (".xml", ".rels", ".vml")
_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROW = regex.compile(_NAME + rb"row[\s>/]")
_CELL = regex.compile(_NAME + rb"c[\s>/][^>]*?\br\s*=\s*[\"']\$?([A-Za-z]{1,3})")
_BARE_CELL = regex.compile(_NAME + rb"c[\s>/]")
_MERGE = regex.compile(_NAME + rb"mergeCell\s[^>]*?\bref\s*=\s*[\"']([A-Za-z0-9$:]+)")
_PARAGRAPH = regex.compile(_NAME + rb"p[\s>/]")
_REF = regex.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")

Kind = Literal["sheet", "body", "other"]


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"AB"`` → 28."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class _Counts:
    """What has been seen so far in the container (rows: in the current sheet)."""

    def __init__(self) -> None:
        self.elements = 0
        self.cells = 0
        self.merged = 0
        self.rows = 0
        self.paragraphs = 0


def _count(buf: bytes, kind: Kind, name: str, seen: _Counts) -> None:
    lim = limits()
    seen.elements += buf.count(b"<") - buf.count(b"</")
    if seen.elements > lim.xml_elements:
        raise exceeded("压缩包中的 XML 元素数", "the number of XML elements", lim.xml_elements)
    if kind == "sheet":
        seen.rows += len(_ROW.findall(buf))
        if seen.rows > lim.sheet_rows:
            raise exceeded(f"工作表 {name} 的行数", f"the rows of sheet {name}", lim.sheet_rows)
        seen.cells += len(_BARE_CELL.findall(buf))
        if seen.cells > lim.cells:
            raise exceeded("工作簿的单元格数", "the number of stored cells", lim.cells)
        for m in _CELL.finditer(buf):
            if column_number(m.group(1).decode()) > lim.sheet_columns:
                raise exceeded(
                    f"工作表 {name} 的列数", f"the columns of sheet {name}", lim.sheet_columns
                )
        for m in _MERGE.finditer(buf):
            _merge(m.group(1).decode(), name, seen)
    elif kind == "body":
        seen.paragraphs += len(_PARAGRAPH.findall(buf))
        if seen.paragraphs > lim.paragraphs:
            raise exceeded("Word 文档的段落数", "the number of Word paragraphs", lim.paragraphs)


def _ref(text: str) -> tuple[int, int] | None:
    m = _REF.match(text)
    return (int(m.group(2)), column_number(m.group(1))) if m else None


def _merge(ref: str, name: str, seen: _Counts) -> None:
    lim = limits()
    first, _, last = ref.partition(":")
    a, b = _ref(first), _ref(last or first)
    if a is None or b is None:
        return
    rows, cols = abs(b[0] - a[0]) + 1, abs(b[1] - a[1]) + 1
    if rows > lim.sheet_rows or max(a[1], b[1]) > lim.sheet_columns:
        raise exceeded(
            f"工作表 {name} 的合并区域 {ref}",
            f"merged range {ref} of sheet {name}",
            f"{lim.sheet_rows} × {lim.sheet_columns}",
        )
    seen.merged += rows * cols
    if seen.merged > lim.cells:
        raise exceeded("合并单元格的总面积", "the total area of merged cells", lim.cells)


def _scan_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, kind: Kind, seen: _Counts) -> None:
    """Stream one member, counting whole tags; a tag cut by a piece boundary is carried."""
    seen.rows = 0  # rows are per sheet; elements, cells, merges, paragraphs per file
    with z.open(info) as raw:
        reader = BoundedReader(raw, info.filename)
        carry = b""
        while piece := reader.read(_PIECE):
            buf = carry + piece
            cut = buf.rfind(b"<")
            if cut < 0 or len(buf) - cut > _MAX_TAG:
                cut = len(buf)
            _count(buf[:cut], kind, info.filename, seen)
            carry = buf[cut:]
        _count(carry, kind, info.filename, seen)


def _kind(name: str, fmt: str) -> Kind:
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
                    _scan_member(z, info, _kind(info.filename, fmt), seen)
    except InputError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
    ) as exc:
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
