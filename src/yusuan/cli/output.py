"""The files the ``yusuan`` verbs write (输出文件): checked before the work, written atomically.

Every verb that writes a file goes through here:

* :func:`check_target` runs before the work: the folder must exist, the path must not be a
  folder, an existing file is refused unless ``--overwrite`` is given, a read-only folder is
  refused. Each is the one-line ``错误 / error: …`` and exit status 2.
* :func:`write_atomic` writes to a temporary file in the same folder and renames it into place
  (``os.replace``), so a full disk or any other failure leaves the old file (or nothing), never
  a truncated one; the failure is one line and exit status 2.
* :func:`check_folder` and :func:`move_into` do the same for verbs that write several files
  into a folder (``export``): every name is checked before anything is moved into place.

Only the standard library is imported here (the verbs import their writers when they run).
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.common import fail
from yusuan.printable import printable

Overwrite = Annotated[
    bool,
    typer.Option("--overwrite", help="覆盖已有的输出文件 / replace an existing output file."),
]

_REASONS = {
    errno.ENOSPC: ("磁盘空间已满", "no space left on the disk"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EROFS: ("只读文件系统，无法写入", "read-only file system"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.ENOENT: ("文件夹不存在", "the folder does not exist"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "is a directory, not a file"),
    errno.ENAMETOOLONG: ("文件名太长", "file name too long"),
}


def os_error_line(path: Path, exc: OSError) -> str:
    """The one-line reason a write to ``path`` failed (disk full, read-only, …)."""
    zh, en = _REASONS.get(exc.errno or 0, ("无法写入", exc.strerror or type(exc).__name__))
    return f"{printable(str(path))}: {zh}，未写入 / {en}, nothing written"


def _refuse(path: Path, zh: str, en: str) -> None:
    fail(f"{printable(str(path))}: {zh} / {en}")


def check_folder(folder: Path, create: bool = False) -> None:
    """Exit 2 unless ``folder`` is an existing folder that can be written to.

    ``create``: a missing folder is made when its parent exists (``export DIR``,
    ``render -o DIR``); a missing parent is still refused."""
    if not folder.exists() and create and folder.parent.is_dir():
        check_folder(folder.parent)
        try:
            folder.mkdir()
        except OSError as exc:
            fail(os_error_line(folder, exc))
    if not folder.exists():
        _refuse(folder, "文件夹不存在", "the folder does not exist")
    if not folder.is_dir():
        _refuse(folder, "不是文件夹", "is not a folder")
    if not os.access(folder, os.W_OK):
        # root passes access() on a writable file system, never on a read-only one
        probe = OSError(errno.EROFS if _read_only(folder) else errno.EACCES, "")
        fail(os_error_line(folder, probe))


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def check_target(path: Path | None, overwrite: bool) -> None:
    """Exit 2 unless ``path`` can be written (``None``: standard output, always fine)."""
    if path is None:
        return
    if path.is_dir():
        _refuse(path, "这是一个文件夹，请给出文件名", "is a directory, give a file name")
    check_folder(path.parent)
    if not overwrite and (path.exists() or path.is_symlink()):
        _refuse(path, "文件已存在，加 --overwrite 覆盖", "the file exists (use --overwrite)")


def write_atomic(path: Path, write: Callable[[Path], object], overwrite: bool) -> None:
    """Call ``write(tmp)`` with a temporary path next to ``path``, then rename it into place.

    Any ``OSError`` (disk full, read-only, …) is the one-line error and exit 2; the temporary
    file is removed whatever happens, so nothing half-written is left behind.
    """
    check_target(path, overwrite)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem[:64]}.", suffix=f".partial{path.suffix}"
        )
        os.close(fd)
        tmp = Path(name)
        os.chmod(tmp, 0o666 & ~_umask())
        write(tmp)
        if not overwrite and path.exists():
            _refuse(path, "文件已存在，加 --overwrite 覆盖", "the file exists (use --overwrite)")
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        fail(os_error_line(path, exc))
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def emit(text: str, output: Path | None, overwrite: bool = False) -> None:
    """Write ``text`` to ``output`` atomically, or to standard output when no file is given."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text, overwrite)


def write_text_atomic(path: Path, text: str, overwrite: bool) -> None:
    """:func:`write_atomic` for UTF-8 text."""
    write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"), overwrite)


def move_into(folder: Path, made: Iterable[Path], overwrite: bool) -> list[Path]:
    """Rename the files ``made`` (in a temporary folder inside ``folder``) into ``folder``.

    An existing name is refused before any file is moved (unless ``overwrite``)."""
    made = list(made)
    targets = [folder / p.name for p in made]
    if not overwrite:
        taken = [t for t in targets if t.exists() or t.is_symlink()]
        if taken:
            names = "、".join(printable(t.name) for t in taken[:5])
            _refuse(
                folder,
                f"已有同名文件 {names}，加 --overwrite 覆盖",
                "files exist (use --overwrite)",
            )
    try:
        for p, t in zip(made, targets, strict=True):
            os.replace(p, t)
    except OSError as exc:
        fail(os_error_line(folder, exc))
    return targets


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
