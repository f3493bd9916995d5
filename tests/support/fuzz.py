"""Byte mutations of real fixtures for the fuzz test and ``bench/fuzz.py``.

:func:`mutated` is a Hypothesis strategy: one or two of bit flips, truncation,
splices (a slice of the file copied elsewhere, or a slice of another fixture), and
for the zip formats a corrupted member inside a zip that is otherwise sound.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from support import DATA, REFERENCE, hostile
from support.builders import write_docx, write_xlsx
from yusuan.api import load
from yusuan.errors import InputError

KINDS = ("txt", "pdf", "docx", "xlsx")
PDF = DATA / "jiangsu-2019-renda-dept-budget-tables.pdf"
FIXTURE = {"txt": REFERENCE, "pdf": PDF}


@cache
def fixture(kind: str) -> bytes:
    if kind in FIXTURE:
        return FIXTURE[kind].read_bytes()
    folder = Path(tempfile.mkdtemp(prefix="yusuan-fuzz-"))
    writer = write_docx if kind == "docx" else write_xlsx
    return writer(load(REFERENCE), folder / f"ref.{kind}").read_bytes()


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """One or two byte mutations of the ``kind`` fixture."""
    data = bytearray(fixture(kind))
    for _ in range(draw(st.integers(1, 2))):
        op = draw(st.sampled_from(["flip", "truncate", "splice", "foreign", "member"]))
        n = len(data)
        at = draw(st.integers(0, n - 1))
        if op == "flip":
            for k in range(draw(st.integers(1, 16))):
                data[(at + k * 997) % n] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[max(1, at) :]
        elif op == "splice":
            size = draw(st.integers(1, 4096))
            data[at:at] = data[draw(st.integers(0, n - 1)) :][:size]
        elif op == "foreign":
            other = fixture(draw(st.sampled_from(["txt", "pdf", "docx", "xlsx"])))
            start = draw(st.integers(0, len(other) - 1))
            data[at : at + draw(st.integers(0, 4096))] = other[start : start + 4096]
        elif kind in ("docx", "xlsx"):
            data = bytearray(_corrupt_member(bytes(data), draw))
    return bytes(data)


def _corrupt_member(data: bytes, draw: st.DrawFn) -> bytes:
    """Rewrite one member of the zip with a few of its bytes changed (a sound container)."""
    path = Path(tempfile.mkstemp(suffix=".zip")[1])
    path.write_bytes(data)
    try:
        with zipfile.ZipFile(path) as z:
            members = {n: z.read(n) for n in z.namelist()}
    except Exception:
        return data  # an earlier mutation broke the container already
    finally:
        path.unlink()
    name = draw(st.sampled_from(sorted(members)))
    body = bytearray(members[name])
    if body:
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(body) - 1))
            body[at] = draw(st.sampled_from([0, ord("<"), ord(">"), ord('"'), 0xFF, ord("x")]))
        if draw(st.booleans()):
            del body[draw(st.integers(0, len(body) - 1)) :]
    members[name] = bytes(body)
    out = Path(tempfile.mkstemp(suffix=".zip")[1])
    try:
        return hostile.write_zip(out, members, None).read_bytes()
    finally:
        out.unlink()


def outcome(path: Path) -> tuple[str, float]:
    """("loaded" or "refused", seconds) of loading ``path``; any other exception propagates."""
    start = time.perf_counter()
    try:
        load(path)
        result = "loaded"
    except InputError as exc:
        assert exc.zh and exc.en and "\n" not in exc.line()
        result = "refused"
    return result, time.perf_counter() - start
