"""Opening an uploaded .zip safely: every bound checked before a byte is unpacked.

A batch upload (:mod:`yusuan.web.batch`) is one .zip of a round's folder. The archive comes
from outside, so it is refused whole, with one clear reason in Chinese and English, when:

- it is not a zip, or is damaged (``bad_zip``), or a file in it is encrypted (``zip_encrypted``);
- it holds more than :data:`MAX_FILES` files (``zip_too_many_files``, 413);
- its files unpack to more than :data:`MAX_TOTAL_MB` MB together (``zip_too_large``, 413) —
  counted on the bytes actually unpacked, not on the sizes the archive declares, so a
  zip bomb is stopped at the bound;
- a file name leaves the archive's folder (``/etc/x``, ``../x``, ``C:\\x``) or is a link
  (``zip_unsafe_path``);
- a folder is nested deeper than :data:`MAX_DEPTH` (``zip_too_deep``), or the archive holds
  another archive (``zip_nested``: a round's folder is unpacked once, not recursively);
- it holds no file yusuan reads (``zip_empty``).

Nothing is written to disk here: the files are returned as bytes with their names (only
ever displayed, and used to tell which files lie in the same folder). Files of other types
(a README, ``__MACOSX/`` metadata) are listed as skipped, not refused.
"""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from yusuan.regex import lazy
from yusuan.web.errors import ApiError

MAX_FILES = 500
MAX_TOTAL_MB = 256
MAX_DEPTH = 6
ARCHIVES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz")
_CHUNK = 1024 * 1024
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Member:
    """One file of the archive: its path inside it (``/``-separated) and its bytes."""

    name: str
    data: bytes

    @property
    def folder(self) -> str:
        return str(PurePosixPath(self.name).parent)

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


def _refuse(status: int, code: str, zh: str, en: str) -> ApiError:
    return ApiError(status, code, zh, en)


def _name(info: zipfile.ZipInfo) -> str:
    """The member's name as its creator wrote it: Windows zips without the UTF-8 flag
    carry GBK names, which Python reads as cp437."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for codec in ("utf-8", "gb18030"):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
    return name


_DRIVE = lazy(r"[A-Za-z]:")


def _safe(name: str) -> str | None:
    """The ``/``-separated relative path of ``name``, or None when it leaves the folder."""
    text = name.replace("\\", "/")
    if text.startswith("/") or "\x00" in text:
        return None
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts) or _DRIVE.match(parts[0]):
        return None  # empty, leaving the folder, or a drive (C:\x, ./C:/x)
    return "/".join(parts)


def unpack(data: bytes, readable: tuple[str, ...]) -> tuple[list[Member], list[str]]:
    """The files of the archive ``data`` that yusuan reads (suffix in ``readable``), and the
    names of the other files (skipped). Raises :class:`ApiError` on any bound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(422, "bad_zip", "不是有效的 zip 文件，或文件已损坏",
                      "not a valid .zip file, or the file is damaged") from None  # fmt: skip
    files = [i for i in infos if not i.is_dir()]
    if len(files) > MAX_FILES:
        raise _refuse(413, "zip_too_many_files",
                      f"压缩包内有 {len(files)} 个文件，超过 {MAX_FILES} 个的上限",
                      f"the .zip holds {len(files)} files, over the limit of {MAX_FILES}")  # fmt: skip
    names = []
    for info in files:
        name = _safe(_name(info))
        mode = info.external_attr >> 16
        if name is None or stat.S_ISLNK(mode):
            shown = _name(info)[:200]
            raise _refuse(422, "zip_unsafe_path",
                          f"压缩包内的“{shown}”指向压缩包以外（绝对路径、“..”或链接），已拒绝整个压缩包",
                          f"{shown!r} in the .zip points outside it (an absolute path, '..' or a link): "
                          "the whole .zip is refused")  # fmt: skip
        if name.count("/") > MAX_DEPTH:
            raise _refuse(422, "zip_too_deep",
                          f"压缩包内的文件夹超过 {MAX_DEPTH} 层（{name[:200]}）",
                          f"folders in the .zip are nested deeper than {MAX_DEPTH} ({name[:200]})")  # fmt: skip
        if PurePosixPath(name).suffix.lower() in ARCHIVES:
            raise _refuse(422, "zip_nested",
                          f"压缩包内还有压缩包（{name[:200]}），请解开后再打包一次",
                          f"the .zip holds another archive ({name[:200]}); unpack it and zip the folder once")  # fmt: skip
        if info.flag_bits & 0x1:
            raise _refuse(422, "zip_encrypted", f"压缩包内的“{name[:200]}”已加密，无法读取",
                          f"{name[:200]!r} in the .zip is encrypted")  # fmt: skip
        names.append(name)
    budget = MAX_TOTAL_MB * 1024 * 1024
    too_large = _refuse(413, "zip_too_large", f"压缩包解开后超过 {MAX_TOTAL_MB} MB 上限",
                        f"the .zip unpacks to more than {MAX_TOTAL_MB} MB")  # fmt: skip
    if sum(i.file_size for i in files) > budget:
        raise too_large
    members: list[Member] = []
    skipped: list[str] = []
    for info, name in zip(files, names, strict=True):
        hidden = name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith(".")
        if hidden or PurePosixPath(name).suffix.lower() not in readable:
            skipped.append(name)
            continue
        chunks = []
        try:
            with archive.open(info) as fh:  # the bytes actually unpacked count, not the header
                while chunk := fh.read(min(_CHUNK, budget + 1)):
                    budget -= len(chunk)
                    if budget < 0:
                        raise too_large
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise _refuse(422, "bad_zip", f"压缩包内的“{name[:200]}”无法解压（文件已损坏或压缩方式不支持）",
                          f"{name[:200]!r} in the .zip cannot be unpacked (damaged, or an "
                          "unsupported compression method)") from None  # fmt: skip
        members.append(Member(name, b"".join(chunks)))
    if not members:
        raise _refuse(422, "zip_empty", f"压缩包内没有可读取的文件（支持 {'、'.join(readable)}）",
                      f"no readable file in the .zip (allowed: {', '.join(readable)})")  # fmt: skip
    return members, skipped
