"""Decoding a text export: which encoding, and what to do with a few bad bytes.

The order of evidence:

1. a byte-order mark: UTF-8, UTF-16 (LE/BE), UTF-32 (LE/BE) — Excel's
   “Unicode 文本” export is UTF-16 with a BOM;
2. UTF-16 without a BOM, told by its NUL pattern (the ASCII characters of a text —
   tabs, newlines, digits — put a NUL in every odd or every even byte);
3. UTF-8;
4. GB18030 (GBK) or Big5: both decode most Chinese byte strings without error, so
   both readings are scored by the share of their Han characters that are common
   in a disclosure (``data/encodings.toml``) and the better one is taken; a text
   that reads as neither is refused, never passed on as mojibake.

A file with a few undecodable bytes (at most :data:`MAX_BAD_SHARE` of its bytes and
:data:`MAX_BAD`) is read with each replaced by U+FFFD, and one diagnostic per line
that held them (``bad-bytes line N: …``) goes into the model's diagnostics.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass, field
from functools import cache

from yusuan import regex
from yusuan.datafiles import data_toml
from yusuan.errors import InputError
from yusuan.regex import lazy
from yusuan.values import Mutable

MAX_BAD = 100  # undecodable bytes tolerated in one file …
MAX_BAD_SHARE = 0.001  # … and at most this share of its bytes
MIN_SCORE = 0.3  # a Chinese reading with fewer common characters than this is not trusted

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_HAN = lazy(r"[\u4e00-\u9fff]")  # only a file that is not UTF-8 is scored
_SAMPLE = 65536


@dataclass(slots=True, eq=False, repr=False)
class Decoded(Mutable):
    """A text file decoded: its text, the encoding used, what was noticed."""

    text: str
    encoding: str  # the name reported in SourceFile.encoding
    diagnostics: list[str] = field(default_factory=list)


@cache
def _common() -> frozenset[str]:
    raw = data_toml("encodings.toml")
    return frozenset(_HAN.findall(raw["simplified"] + raw["traditional"]))


def score(text: str) -> float:
    """The share of the Han characters of ``text`` (a sample) that are common ones."""
    han = _HAN.findall(text, 0, 200_000)
    if not han:
        return 1.0
    common = _common()
    return sum(ch in common for ch in han) / len(han)


def _bom(data: bytes) -> tuple[int, str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return len(bom), codec, name
    return None


def _utf16_by_nuls(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NULs of the sample all fall in odd/even bytes."""
    sample = data[:_SAMPLE]
    if len(sample) < 16 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= len(sample) // 20 and even <= odd // 50:
        return "utf-16-le"
    if even >= len(sample) // 20 and odd <= even // 50:
        return "utf-16-be"
    return None


def _record(exc: UnicodeError) -> tuple[str, int]:
    """The ``yusuan-bad-bytes`` error handler: note the bytes, go on, or give up past the budget."""
    assert isinstance(exc, UnicodeDecodeError)
    _seen.bad.append((exc.start, exc.end))
    _seen.count += exc.end - exc.start
    if _seen.count > _seen.budget:
        raise exc
    return "\ufffd", exc.end


_seen = threading.local()
codecs.register_error("yusuan-bad-bytes", _record)

Spans = list[tuple[int, int]]  # byte ranges that did not decode


def _decode(data: bytes, codec: str) -> tuple[str, Spans] | None:
    """``data`` decoded with bad bytes replaced, and where they were; None past the budget."""
    try:
        return data.decode(codec), []
    except UnicodeDecodeError:
        pass
    _seen.bad, _seen.count = [], 0
    _seen.budget = min(MAX_BAD, int(len(data) * MAX_BAD_SHARE))
    try:
        return data.decode(codec, "yusuan-bad-bytes"), _seen.bad
    except UnicodeDecodeError:
        return None


def _diagnostics(data: bytes, bad: Spans, codec: str, name: str) -> list[str]:
    """One ``bad-bytes line N`` line per line holding bad bytes (lines counted in the text)."""
    out: list[str] = []
    line, pos = 1, 0
    for start, end in bad:
        line += data[pos:start].decode(codec, "replace").count("\n")  # a clean stretch
        pos = end
        if not out or not out[-1].startswith(f"bad-bytes line {line}:"):
            out.append(
                f"bad-bytes line {line}: 第{line}行有无法按 {name} 解码的字节，已替换为 �"
                f" / undecodable {name} bytes on line {line} replaced by U+FFFD"
            )
    return out


def _text_like(text: str) -> bool:
    controls = len(_CONTROL.findall(text, 0, _SAMPLE))
    return controls <= max(8, len(text[:_SAMPLE]) // 200)


def _refused() -> InputError:
    return InputError(
        "无法识别文件编码或内容不是文本（支持 UTF-8、UTF-16/32、GBK/GB18030、Big5）",
        "cannot decode the file as text (UTF-8, UTF-16/32, GBK/GB18030 or Big5 expected)",
    )


def decode(data: bytes) -> Decoded:
    """Decode a text export (see the module docstring). Raises :class:`InputError`."""
    found = _bom(data)
    wide = _utf16_by_nuls(data) if found is None else None
    if found is not None or wide is not None:
        skip, codec, name = found if found is not None else (0, wide or "", "utf-16")
        got = _decode(data[skip:], codec)
        if got is None or not _text_like(got[0]):
            raise _refused()
        return Decoded(got[0], name, _diagnostics(data[skip:], got[1], codec, name.upper()))
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(
            "文件是二进制数据，不是文本导出", "the file is binary data, not a text export"
        )
    utf8 = _decode(data, "utf-8")
    if utf8 is not None and _text_like(utf8[0]):
        return Decoded(utf8[0], "utf-8", _diagnostics(data, utf8[1], "utf-8", "UTF-8"))
    readings = []
    for codec, name in (("gb18030", "gb18030"), ("cp950", "big5")):
        got = _decode(data, codec)
        if got is not None and _text_like(got[0]):
            readings.append((score(got[0]), -len(got[1]), codec, name, got))
    if not readings:
        raise _refused()
    best = max(readings, key=lambda r: (r[0], r[1]))
    if best[0] < MIN_SCORE:
        raise InputError(
            "文件的中文读不通：既不像 GBK/GB18030 也不像 Big5（或是其他编码）",
            "the text reads as neither GBK/GB18030 nor Big5 Chinese (another encoding?)",
        )
    _, _, codec, name, (text, bad) = best
    return Decoded(text, name, _diagnostics(data, bad, codec, name.upper()))
