"""The package's data files (``src/yusuan/data/``), read by path.

The aliases, limits, phrases and templates live in TOML files beside the code. They are read
from the package's own folder rather than through :mod:`importlib.resources`, whose import
brings :mod:`tempfile`, :mod:`zipfile`, :mod:`shutil` and :mod:`inspect` into every start of
``yusuan check`` for one ``read_text`` (about 8 ms of CPU, issue #17). The package is always
installed as files (a wheel or an editable install), as ``yusuan.catalog.listing`` already
assumes for the bundled catalogue.

The TOML files stay the source of truth, but parsing them is not paid at every start: a check
parses seven of them, and importing :mod:`tomllib` and parsing cost about 8 ms, more than
reading them. :func:`data_toml` keeps what it parsed in a cache file beside Python's bytecode
(:mod:`yusuan.pycache`): the :mod:`marshal` dump of the file's text and of what it parsed to.
The cache is used only when the text it holds is the data file's text now, character for
character, so an edited data file is parsed again whatever its time stamps say; a cache that
cannot be read, is of another format, or holds anything unexpected is ignored and rewritten.
"""

from __future__ import annotations

import marshal
import os
from functools import cache
from typing import Any

from yusuan.pycache import cache_file, read_bytes, write_atomic

#: The folder of the data files.
DATA = os.path.join(os.path.dirname(__file__), "data")
#: The first item of a cache file; another value (an older layout) is not used.
FORMAT = "yusuan-data-1"


def data_text(name: str) -> str:
    """The text (UTF-8) of the data file ``name``, relative to ``yusuan/data``."""
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


@cache
def data_toml(name: str) -> dict[str, Any]:
    """The parsed TOML data file ``name``, parsed once a process (several modules read
    ``aliases.toml`` and ``performance.toml``), from its cache when the cache holds its
    current text. Read-only: callers share it."""
    text = data_text(name)
    where = cache_file(os.path.join(DATA, name), "marshal")
    cached = cached_toml(read_bytes(where), text) if where else None
    if cached is not None:
        return cached
    import tomllib  # here: a command whose data files are cached does not import the parser

    parsed = tomllib.loads(text)
    if where:
        try:
            dump = marshal.dumps((FORMAT, text, parsed))
        except ValueError:  # a value marshal cannot hold (a TOML date): not cached
            return parsed
        write_atomic(where, dump)
    return parsed


def cached_toml(dump: bytes | None, text: str) -> dict[str, Any] | None:
    """What the cache ``dump`` holds for the data file's current ``text``, else ``None``."""
    if not dump:
        return None
    try:
        loaded = marshal.loads(dump)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(loaded, tuple) or len(loaded) != 3:
        return None
    fmt, source, parsed = loaded
    if fmt != FORMAT or source != text or not isinstance(parsed, dict):
        return None
    return parsed
