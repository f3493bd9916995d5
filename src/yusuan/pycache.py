"""Files derived from the package's own files, kept where Python keeps its bytecode.

A parsed data file (:mod:`yusuan.datafiles`) is cached the way Python caches a module's
compiled code: in the ``__pycache__`` folder beside the source (or under ``sys.pycache_prefix``
when set, ``PYTHONPYCACHEPREFIX``), named with the interpreter's cache tag
(``limits.toml.cpython-311.marshal``), never written when ``sys.dont_write_bytecode`` is set
(``PYTHONDONTWRITEBYTECODE``, ``python -B``), and written atomically: a temporary file in the
same folder renamed over the old one, so a reader sees the old file or the new one, never half
of one, however many processes write at once. A folder that cannot be written (a read-only
install) leaves no cache, silently: the source is used as if there were none.

The environment variable ``YUSUAN_CACHE`` moves every such file to one folder
(``YUSUAN_CACHE=DIR``: a system-wide installation that users cannot write, for one) or turns
them off (``YUSUAN_CACHE=off``: neither read nor written). The compiled patterns
(:mod:`yusuan.regex`) and the parsed data files (:mod:`yusuan.datafiles`) live here.
"""

from __future__ import annotations

import os
import sys

#: ``YUSUAN_CACHE``: a folder for every cache file, or ``off``.
ENV = "YUSUAN_CACHE"


def cache_file(source: str, suffix: str) -> str | None:
    """Where the cache of the file ``source`` goes (``…/__pycache__/NAME.TAG.SUFFIX``), or
    ``None`` when this interpreter has no cache tag or ``YUSUAN_CACHE=off`` (nothing is
    cached)."""
    tag = sys.implementation.cache_tag
    where = os.environ.get(ENV, "")
    if tag is None or where.lower() == "off":
        return None
    folder, name = os.path.split(source)
    if where:
        folder = where
    elif sys.pycache_prefix is None:
        folder = os.path.join(folder, "__pycache__")
    else:
        folder = os.path.splitdrive(os.path.abspath(folder))[1]
        folder = os.path.join(sys.pycache_prefix, folder.lstrip(os.sep + (os.altsep or "")))
    return os.path.join(folder, f"{name}.{tag}.{suffix}")


def read_bytes(path: str) -> bytes | None:
    """The bytes of the cache file ``path``, or ``None`` when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def write_atomic(path: str, data: bytes) -> bool:
    """Write ``data`` to the cache file ``path`` through a temporary file renamed over it;
    ``False`` (and nothing left behind) when bytecode is not written or the folder cannot be."""
    if sys.dont_write_bytecode:
        return False
    tmp = f"{path}.{os.getpid()}.{id(data)}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True
