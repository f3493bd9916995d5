"""Resource limits of the readers: how much a file may inflate to before it is refused.

A hostile or broken file must not take unbounded memory or time: a 4 MB ``.xlsx``
can hold 4 GiB of XML, a sheet can store a million rows, a JSON model can carry
``1E+999999999``.  Every reader checks the limits below and stops at the first one
exceeded with an :class:`~yusuan.errors.InputError` (one line in Chinese and
English, exit status 2 from the CLI).  The values live in
``src/yusuan/data/limits.toml`` and are documented in ``docs/limits.md``; they are
set so that any input under ``--max-mb`` (50 MB) is read in under 1 GB of memory.

Zip containers (``.xlsx``, ``.docx``) are checked twice: the sizes the zip declares
(:func:`check_zip`), and the bytes actually inflated while a member is streamed
(:class:`BoundedReader`), because headers can lie.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from functools import cache
from typing import IO, TYPE_CHECKING

from yusuan.datafiles import data_toml
from yusuan.errors import InputError
from yusuan.values import Value

if TYPE_CHECKING:
    import zipfile

_MIB = 1 << 20


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Limits(Value):
    """The limits; defaults from ``data/limits.toml`` (see :func:`limits`)."""

    zip_member_mb: int  # uncompressed size of one zip member, MiB
    zip_total_mb: int  # uncompressed size of all members together, MiB
    zip_members: int  # entries in one zip
    sheet_rows: int  # stored rows of one worksheet
    sheet_columns: int  # the highest column of one worksheet
    cells: int  # stored cells of all worksheets of a workbook
    paragraphs: int  # paragraphs (text lines, Word paragraphs) of one document
    xml_elements: int  # XML elements of all members of one .xlsx / .docx
    section_depth: int  # nesting of the narrative's sections (deeper headings become siblings)
    amount_digits: int  # significant digits of one amount in a JSON model
    amount_exponent: int  # |exponent| of one amount in a JSON model

    @property
    def zip_member_bytes(self) -> int:
        return self.zip_member_mb * _MIB

    @property
    def zip_total_bytes(self) -> int:
        return self.zip_total_mb * _MIB


@cache
def limits() -> Limits:
    """The limits as shipped in ``yusuan/data/limits.toml``."""
    raw = data_toml("limits.toml")
    values = raw["limits"]
    return Limits(**{f.name: int(values[f.name]) for f in fields(Limits)})


def exceeded(what_zh: str, what_en: str, limit: int | str) -> InputError:
    """The standard refusal: ``{what} 超出上限 {limit}`` / ``{what} exceeds the limit``."""
    return InputError(
        f"{what_zh}超出上限（{limit}；见 docs/limits.md）",
        f"{what_en} exceeds the limit ({limit}; see docs/limits.md)",
    )


def check_zip(z: zipfile.ZipFile) -> None:
    """Refuse a zip whose declared member sizes or count exceed the limits."""
    lim = limits()
    infos = z.infolist()
    if len(infos) > lim.zip_members:
        raise exceeded("压缩包的成员数", "the number of zip members", lim.zip_members)
    total = 0
    for info in infos:
        if info.file_size > lim.zip_member_bytes:
            raise exceeded(
                f"压缩包成员 {info.filename} 解压后的大小（{info.file_size / _MIB:.0f} MiB）",
                f"the uncompressed size of zip member {info.filename} "
                f"({info.file_size / _MIB:.0f} MiB)",
                f"{lim.zip_member_mb} MiB",
            )
        total += info.file_size
    if total > lim.zip_total_bytes:
        raise exceeded(
            f"压缩包解压后的总大小（{total / _MIB:.0f} MiB）",
            f"the total uncompressed size of the zip ({total / _MIB:.0f} MiB)",
            f"{lim.zip_total_mb} MiB",
        )


class BoundedReader:
    """A file-like view of a zip member that refuses to inflate past the member limit.

    :mod:`zipfile` already stops at the declared size, this counts what really comes
    out, so a member whose header understates it cannot grow past the limit either.
    """

    def __init__(self, fh: IO[bytes], name: str) -> None:
        self._fh = fh
        self._name = name
        self._left = limits().zip_member_bytes
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        want = self._left + 1 if n is None or n < 0 else min(n, self._left + 1)
        data = self._fh.read(want)
        self.read_bytes += len(data)
        self._left -= len(data)
        if self._left < 0:
            raise exceeded(
                f"压缩包成员 {self._name} 解压后的大小",
                f"the uncompressed size of zip member {self._name}",
                f"{limits().zip_member_mb} MiB",
            )
        return data


def check_amount(value: Decimal, where: str) -> None:
    """Refuse an amount with more digits or a larger exponent than an amount can have."""
    lim = limits()
    if not value.is_finite():
        raise InputError(
            f"金额不是有限数（{where}：{value}）", f"an amount is not finite ({where}: {value})"
        )
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > lim.amount_digits or abs(exponent) > lim.amount_exponent:
        shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "…"
        raise exceeded(
            f"金额的位数或指数（{where}：{shown}）",
            f"the digits or exponent of an amount ({where}: {shown})",
            f"{lim.amount_digits} digits, exponent ±{lim.amount_exponent}",
        )
