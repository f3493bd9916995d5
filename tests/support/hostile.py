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

import json
import struct
import subprocess
import sys
import zipfile
import zlib
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


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip(dest: Path, members: dict[str, bytes], bomb: tuple[str, int, int] | None) -> Path:
    """A zip of ``members`` plus, if given, ``bomb`` = (name, real size, declared size).

    The bomb member is NUL bytes: one 1 MiB piece deflated after a full flush gives the
    same bytes every time, so a GiB costs a thousand copies of a ~1 KB piece (a 3 GiB
    member is written in well under a second).  Its CRC is not computed: a reader must
    refuse it long before it could check one.  Sizes stay under 4 GiB (no zip64).
    """
    out = bytearray()
    central = bytearray()
    entries = [(n, d, len(d), len(d), zlib.crc32(d), _deflate(d)) for n, d in members.items()]
    if bomb is not None:
        name, size, declared = bomb
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        piece = c.compress(b"\0" * _CHUNK) + c.flush(zlib.Z_FULL_FLUSH)
        tail = c.compress(b"\0" * (size % _CHUNK)) + c.flush()
        entries.append((name, b"", size, declared, 0, piece * (size // _CHUNK) + tail))
    for name, _, _, declared, crc, packed in entries:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed),
                           declared, len(raw), 0) + raw + packed  # fmt: skip
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                               len(packed), declared, len(raw), 0, 0, 0, 0, 0, offset) + raw  # fmt: skip
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                       start, 0)  # fmt: skip
    dest.write_bytes(bytes(out))
    return dest


def _members(path: Path, drop: str) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != drop}


def small_xlsx(tmp: Path) -> Path:
    import openpyxl

    path = tmp / "small.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "部门预算收支总表"
    book.save(path)
    return path


def small_docx(tmp: Path) -> Path:
    import docx

    path = tmp / "small.docx"
    document = docx.Document()
    document.add_paragraph("一、部门主要职能")
    document.save(str(path))
    return path


def xlsx_bomb(tmp: Path, size: int, declared: int | None = None) -> Path:
    """A real workbook whose sheet XML inflates to ``size`` bytes (declared: ``declared``)."""
    sheet = "xl/worksheets/sheet1.xml"
    members = _members(small_xlsx(tmp), sheet)
    bomb = (sheet, size, size if declared is None else declared)
    return write_zip(tmp / "bomb.xlsx", members, bomb)


def docx_bomb(tmp: Path, size: int, declared: int | None = None) -> Path:
    """A real Word file whose body XML inflates to ``size`` bytes (declared: ``declared``)."""
    body = "word/document.xml"
    members = _members(small_docx(tmp), body)
    bomb = (body, size, size if declared is None else declared)
    return write_zip(tmp / "bomb.docx", members, bomb)


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


_MEASURE = """
import json, resource, subprocess, sys, time
cap = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
t = time.perf_counter()
p = subprocess.run([sys.executable, "-m", "yusuan", *sys.argv[3:], sys.argv[1]],
                   capture_output=True, text=True)
seconds = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps([p.returncode, p.stderr, rss, seconds]))
"""


def measure(
    path: Path, cap: int = 2 << 30, verb: tuple[str, ...] = ("check",)
) -> tuple[int, str, float, float]:
    """``yusuan VERB… path`` in a subprocess capped at ``cap`` bytes of address space:
    (exit status, stderr, peak RSS in MB, wall seconds)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), str(cap), *verb],
        capture_output=True, text=True, check=True, timeout=600,
    ).stdout  # fmt: skip
    code, err, rss, seconds = json.loads(out)
    return int(code), str(err), float(rss), float(seconds)
