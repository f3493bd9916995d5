"""Hostile inputs for the resource-limit tests and ``bench/hostile.py``.

Each builder writes one file of a class a hostile (or careless) user can hand the
reader: zip bombs (an ``.xlsx`` / ``.docx`` whose members inflate to far more than
the file), a zip whose headers understate a member, a sheet with a million rows,
long texts made by repeating the reference's narrative, deep heading chains, a JSON
model with absurd exponents, text in UTF-16 / Big5 / with a stray bad byte.
Bombs are written by streaming a repeated chunk, so building one costs time but
little memory.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from support import REFERENCE

_CHUNK = 1 << 20


def narrative_lines() -> list[str]:
    """The reference's narrative paragraphs (its non-cell lines from 第一部分 on)."""
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("第一部分"))
    return [line for line in lines[start:] if line.strip() and not line.startswith("\t")]


def narrative_text(megabytes: float) -> str:
    """The reference's narrative repeated to about ``megabytes`` MB of UTF-8."""
    block = "\n".join(narrative_lines()) + "\n"
    times = max(1, round(megabytes * 1_000_000 / len(block.encode("utf-8"))))
    return block * times


def headings_text(count: int) -> str:
    """``count`` ``一、`` headings (each restarts a numbering, so each nests in the last)."""
    body = "2023年预算收入593.58万元，较上年增加2.75万元。"
    return "".join(f"一、第{i}项说明\n{body}\n" for i in range(count))


def _rewrite(src: Path, dest: Path, member: str, chunk: bytes, size: int) -> Path:
    """Copy the zip ``src`` to ``dest`` with ``member`` replaced by ``size`` bytes of ``chunk``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == member:
                continue
            zout.writestr(info, zin.read(info.filename))
        with zout.open(member, "w", force_zip64=True) as fh:
            written = 0
            while written < size:
                piece = chunk[: size - written]
                fh.write(piece)
                written += len(piece)
    return dest


def xlsx_bomb(tmp: Path, size: int) -> Path:
    """A real workbook whose sheet XML inflates to ``size`` bytes (mostly one long string)."""
    import openpyxl

    small = tmp / "small.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "部门预算收支总表"
    book.save(small)
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    head += b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    body = (b"A" * _CHUNK)[: max(0, size - len(head))]
    dest = tmp / "bomb.xlsx"
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            written = len(head)
            while written < size:
                piece = body[: size - written]
                fh.write(piece)
                written += len(piece)
    return dest


def docx_bomb(tmp: Path, size: int) -> Path:
    """A real Word file with a media member that inflates to ``size`` bytes."""
    import docx

    small = tmp / "small.docx"
    document = docx.Document()
    document.add_paragraph("一、部门主要职能")
    document.save(str(small))
    return _rewrite(small, tmp / "bomb.docx", "word/media/image1.png", b"\0" * _CHUNK, size)


def lying_zip(path: Path) -> Path:
    """``path`` (a zip) rewritten in place so every member's declared size is 100 bytes.

    Both the local headers and the central directory understate the size, as a
    bomb built to pass a header check would; the data still inflates to its full size.
    """
    data = bytearray(path.read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) >= 0:
        if struct.unpack_from("<I", data, pos + 22)[0] > 100:
            struct.pack_into("<I", data, pos + 22, 100)
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        if struct.unpack_from("<I", data, pos + 24)[0] > 100:
            struct.pack_into("<I", data, pos + 24, 100)
        pos += 4
    path.write_bytes(bytes(data))
    return path


def xlsx_rows(tmp: Path, rows: int) -> Path:
    """A workbook whose one sheet stores ``rows`` rows of one number each."""
    import openpyxl

    small = tmp / "small.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = 1
    book.save(small)
    head = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>'
    )
    dest = tmp / "rows.xlsx"
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            for start in range(1, rows + 1, 10_000):
                fh.write(
                    "".join(
                        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                        for r in range(start, min(rows, start + 9_999) + 1)
                    ).encode()
                )
            fh.write(b"</sheetData></worksheet>")
    return dest


def json_with_amount(tmp: Path, amount: str) -> Path:
    """The reference's JSON model with its first table cell's value replaced by ``amount``."""
    from yusuan.api import load

    text = load(REFERENCE).model_dump_json()
    marker = '"value":"'
    at = text.index(marker) + len(marker)
    end = text.index('"', at)
    dest = tmp / "model.json"
    dest.write_text(text[:at] + amount + text[end:], encoding="utf-8")
    return dest
