"""The package's data files (``src/yusuan/data/``), read by path.

The aliases, limits, phrases and templates live in TOML files beside the code. They are read
from the package's own folder rather than through :mod:`importlib.resources`, whose import
brings :mod:`tempfile`, :mod:`zipfile`, :mod:`shutil` and :mod:`inspect` into every start of
``yusuan check`` for one ``read_text`` (about 8 ms of CPU, issue #17). The package is always
installed as files (a wheel or an editable install), as ``yusuan.catalog.listing`` already
assumes for the bundled catalogue.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

#: The folder of the data files.
DATA = Path(__file__).parent / "data"


def data_text(name: str) -> str:
    """The text (UTF-8) of the data file ``name``, relative to ``yusuan/data``."""
    return (DATA / name).read_text("utf-8")


@cache
def data_toml(name: str) -> dict[str, Any]:
    """The parsed TOML data file ``name``, parsed once a process (several modules read
    ``aliases.toml`` and ``performance.toml``). Read-only: callers share it."""
    import tomllib  # here: a command that reads no data file does not import the parser

    return tomllib.loads(data_text(name))
