"""Readers: any supported file → :class:`~yusuan.read.raw.RawDocument`.

The format is decided by the file's content (magic bytes), the extension only
breaks ties, so a mislabelled file gets a precise message.  Every failure is an
:class:`~yusuan.errors.InputError` with a one-line Chinese and English reason.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from typing import Any

from yusuan.errors import InputError
from yusuan.limits import exceeded, limits
from yusuan.model import SourceFile
from yusuan.paths import StrPath, printed, suffix
from yusuan.read.raw import RawDocument

#: Files larger than this are refused before they are read (override per call).
MAX_BYTES = 50 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


#: Files up to this size are hashed without :mod:`hashlib` (:func:`sha256_hex`).
SMALL = 256 * 1024


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex.

    :mod:`hashlib` loads OpenSSL when imported (about 3 ms of a check's start, issue #17);
    CPython's own SHA-256 (what hashlib falls back to without OpenSSL) imports in 0.2 ms but
    hashes about six times slower (5 ms a megabyte), so it takes files up to :data:`SMALL`
    (a text export, a small workbook) and hashlib the rest."""
    own = _own_sha256() if len(data) <= SMALL else None
    if own is not None:
        return str(own(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _own_sha256() -> Any:
    """CPython's own SHA-256 constructor (module ``_sha256``, ``_sha2`` from 3.12), or None."""
    try:
        import _sha256  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        return _sha256.sha256
    try:
        import _sha2  # type: ignore[import-not-found]
    except ImportError:
        return None
    return _sha2.sha256


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text export (:func:`yusuan.read.encoding.decode`): (text, encoding)."""
    from yusuan.read.encoding import decode

    decoded = decode(data)
    return decoded.text, decoded.encoding


def sniff(data: bytes, suffix: str) -> str:
    """The format of ``data``: text, docx, xlsx, xls, html or pdf."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if wide:  # UTF-16 (Excel's “Unicode 文本”): look at the characters, not the bytes
        head = data[:4096].decode("utf-16", "ignore").lstrip("\ufeff \t\r\n").encode()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".xlsx" or suffix == ".xlsm":
            return "xlsx"
        if suffix == ".docx":
            return "docx"
        return "zip"
    if data.startswith(_OLE):
        return "xls" if suffix in (".xls", "") else "ole"
    low = head.lower()
    if (
        low.startswith((b"<!doctype html", b"<html", b"<%@", b"<?xml"))
        or b"<html" in low
        or b"<p" in low[:512]
    ):
        return "html"
    if head.startswith(b"{") and not wide:
        from yusuan.read.json_model import looks_like_model

        if looks_like_model(data):
            return "json"
    if suffix in (".docx", ".xlsx", ".xls", ".pdf"):
        return "mislabelled"
    return "text"


def _zip_kind(path: str) -> str:
    import zipfile  # here: a text export is read without it (issue #17)

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            "压缩包已损坏或被截断，无法打开", "the zip container is damaged or truncated"
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise InputError(
        "zip 文件中既没有 Word 文档也没有 Excel 工作簿",
        "the zip holds neither a Word document nor a workbook",
    )


def read_path(path: StrPath, max_bytes: int = MAX_BYTES) -> tuple[RawDocument, SourceFile]:
    """Read ``path`` with the reader its content calls for."""
    name = printed(path)
    size = _size(name)
    if size > max_bytes:
        raise InputError(
            f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）",
            f"file too large ({size / 1048576:.1f} MB, limit {max_bytes / 1048576:.0f} MB)",
        )
    if size == 0:
        raise InputError("文件是空的", "the file is empty")
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise InputError(
            f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})"
        ) from exc
    ending = suffix(name).lower()
    fmt = sniff(data, ending)
    if fmt == "zip":
        fmt = _zip_kind(name)
    doc = _dispatch(fmt, name, data, ending)
    most = limits().paragraphs
    if len(doc.paragraphs()) > most:  # whatever the format: the narrative's work grows with it
        raise exceeded("文件的段落数", "the number of paragraphs", most)
    source = SourceFile(
        path=name,
        sha256=sha256_hex(data),
        format=doc.format,
        size=size,
        encoding=doc.encoding,
    )
    return doc, source


#: What ``pathlib.Path.exists`` takes for “no such file” rather than an error to raise.
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _size(name: str) -> int:
    """The size of the file ``name``; refused as pathlib's ``exists``/``is_dir`` would have it:
    absent, or a folder (another error, such as a permission refused, is raised)."""
    try:
        st = os.stat(name)
    except ValueError:  # a NUL in the name
        raise InputError("文件不存在", "no such file") from None
    except OSError as exc:
        if exc.errno in _ABSENT or getattr(exc, "winerror", None) in (21, 123, 1921):
            raise InputError("文件不存在", "no such file") from None
        raise
    if stat.S_ISDIR(st.st_mode):
        raise InputError("这是一个文件夹，不是文件", "this is a directory, not a file")
    return st.st_size


def _dispatch(fmt: str, name: str, data: bytes, suffix: str) -> RawDocument:
    if fmt == "text":
        from yusuan.read.encoding import decode
        from yusuan.read.text import parse_text

        decoded = decode(data)
        doc = parse_text(decoded.text, decoded.encoding)
        doc.diagnostics.extend(decoded.diagnostics)
        return doc
    if fmt == "docx":
        from pathlib import Path

        from yusuan.read.container import scan
        from yusuan.read.docx import read_docx

        scan(Path(name), "docx")
        return read_docx(name)
    if fmt == "xlsx":
        from pathlib import Path

        from yusuan.read.container import scan
        from yusuan.read.xlsx import read_xlsx

        scan(Path(name), "xlsx")
        return read_xlsx(name)
    if fmt == "xls":
        from yusuan.read.xlsx import read_xls

        return read_xls(name)
    if fmt == "html":
        from yusuan.read.html import read_html

        return read_html(data)
    if fmt == "json":
        from yusuan.read.json_model import read_json_model

        return read_json_model(data)
    if fmt == "pdf":
        from yusuan.read.pdf import read_pdf

        return read_pdf(name)
    if fmt == "ole":
        raise InputError(
            "这是旧版 Office 文件（.doc 等），请另存为 .docx 或 .xlsx",
            "this is a legacy Office file (.doc etc.); save it as .docx or .xlsx",
        )
    kinds = {
        ".docx": "Word (.docx)",
        ".xlsx": "Excel (.xlsx)",
        ".xls": "Excel (.xls)",
        ".pdf": "PDF",
    }
    kind = kinds.get(suffix, suffix)
    raise InputError(
        f"扩展名是 {suffix}，但内容不是有效的 {kind} 文件",
        f"named {suffix} but the content is not a valid {kind} file",
    )
