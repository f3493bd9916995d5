"""Listings (the codes of one year and classification) and the catalogue that holds them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from yusuan import regex
from yusuan.catalog.entries import Entry, read_csv, seen_label
from yusuan.codes import KINDS, Kind, name_key
from yusuan.paths import StrPath, file_name, printed
from yusuan.values import Frozen

if TYPE_CHECKING:
    from pathlib import Path

    #: The bundled catalogue's folder as a path object (:data:`BUNDLED_FOLDER`).
    BUNDLED: Path

#: The folder of the bundled catalogue, ``yusuan/data/catalog``.
BUNDLED_FOLDER = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "catalog")


def __getattr__(name: str) -> Any:
    if name == "BUNDLED":
        from pathlib import Path

        return Path(BUNDLED_FOLDER)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Listing(Frozen):
    """The codes of one year and classification from one source (official or seen)."""

    year: int
    kind: Kind
    official: bool
    entries: tuple[Entry, ...]
    source: str  # the file it was read from
    _without: dict[frozenset[str], Listing | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def without(self, hashes: frozenset[str]) -> Listing | None:
        """The listing as documents other than ``hashes`` (SHA-256) print it (leave-one-out).

        None when nothing is left.  Computed once per set of hashes.
        """
        if not hashes:
            return self
        if hashes not in self._without:
            kept = tuple(k for e in self.entries if (k := e.without(hashes)) is not None)
            same = len(kept) == len(self.entries) and all(
                a is b for a, b in zip(kept, self.entries, strict=True)
            )
            self._without[hashes] = (
                (self if same else Listing(self.year, self.kind, self.official, kept, self.source))
                if kept
                else None
            )
        return self._without[hashes]

    @cached_property
    def by_code(self) -> dict[str, tuple[Entry, ...]]:
        out: dict[str, list[Entry]] = {}
        for e in self.entries:
            out.setdefault(e.code, []).append(e)
        return {code: tuple(es) for code, es in out.items()}

    @cached_property
    def _keys(self) -> dict[str, frozenset[str]]:
        return {code: frozenset(name_key(e.name) for e in es) for code, es in self.by_code.items()}

    def knows(self, code: str) -> bool:
        return code in self.by_code

    def names(self, code: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.name for e in self.by_code.get(code, ())))

    def matches(self, code: str, name: str) -> bool:
        """``name`` is one of the names the listing holds for ``code``."""
        return name_key(name) in self._keys.get(code, frozenset())

    @cached_property
    def conflicts(self) -> list[str]:
        """Codes held with more than one name (printed differently by different documents)."""
        return [code for code, keys in self._keys.items() if len(keys) > 1]

    @cached_property
    def documents(self) -> int:
        """How many documents the entries were seen in."""
        return len({seen_label(s) for e in self.entries for s in e.seen})

    def describe(self) -> str:
        """``官方目录（2024-function.official.csv）`` or ``文件所见（7 份文件）``."""
        if self.official:
            return f"官方目录（{self.source}）"
        return f"文件所见（{self.documents} 份文件）"


@lru_cache(maxsize=32)
def _read_cached(path: str, size: int, mtime_ns: int) -> tuple[Entry, ...]:
    return tuple(read_csv(path))


@lru_cache(maxsize=128)
def _load_listing(
    path: str, size: int, mtime_ns: int, year: int, kind: Kind, official: bool
) -> Listing | None:
    """One :class:`Listing` per file content, so its lookups are built once per process."""
    mine = tuple(e for e in _read_cached(path, size, mtime_ns) if e.kind == kind and e.year == year)
    return Listing(year, kind, official, mine, file_name(path)) if mine else None


def _listing_at(path: str, year: int, kind: Kind, official: bool) -> Listing | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _load_listing(printed(path), st.st_size, st.st_mtime_ns, year, kind, official)


# -- the catalogue -----------------------------------------------------------------------
def catalog_home() -> Path:
    """The user's catalogue folder: ``$YUSUAN_HOME/catalog`` (default ``~/.yusuan/catalog``)."""
    from pathlib import Path

    home = os.environ.get("YUSUAN_HOME")
    return (Path(home) if home else Path.home() / ".yusuan") / "catalog"


def _catalog_folder() -> str:
    """:func:`catalog_home` as a string, without pathlib where the home folder is known."""
    home = os.environ.get("YUSUAN_HOME") or os.path.join(os.path.expanduser("~"), ".yusuan")
    if home.startswith("~"):  # no home folder: pathlib says so (RuntimeError), as before
        return str(catalog_home())
    return os.path.join(home, "catalog")


def official_name(year: int, kind: Kind) -> str:
    return f"{year}-{kind}.official.csv"


_OFFICIAL = regex.compile(r"^(\d{4})-(function|economic)\.official\.csv$")
_BUNDLED = regex.compile(r"^(\d{4})\.csv$")


class Catalog(Frozen):
    """The bundled seen-in-documents catalogue and the user's official lists."""

    home: StrPath | None = None  # the user's folder; None: no official lists
    bundled: StrPath | None = field(default=BUNDLED_FOLDER)

    def official(self, year: int, kind: Kind) -> Listing | None:
        """The official list imported for ``year`` and ``kind`` (None when there is none)."""
        if self.home is None:
            return None
        return _listing_at(os.path.join(self.home, official_name(year, kind)), year, kind, True)

    def seen(self, year: int, kind: Kind, exclude: Iterable[str] = ()) -> Listing | None:
        """The codes documents of ``year`` print (None when no document of that year).

        ``exclude``: the SHA-256 of the document being checked; what only it
        contributed is left out, so a document is compared with the others only.
        """
        if self.bundled is None:
            return None
        found = _listing_at(os.path.join(self.bundled, f"{year}.csv"), year, kind, False)
        return found.without(frozenset(exclude)) if found is not None else None

    def listings(self) -> list[Listing]:
        """Every listing held, by year, then classification, official first."""
        from pathlib import Path

        out: list[Listing] = []
        home = None if self.home is None else Path(self.home)
        bundled = None if self.bundled is None else Path(self.bundled)
        if home is not None and home.is_dir():
            for p in home.iterdir():
                if m := _OFFICIAL.match(p.name):
                    found = self.official(int(m.group(1)), m.group(2))  # type: ignore[arg-type]
                    if found is not None:
                        out.append(found)
        if bundled is not None and bundled.is_dir():
            for p in bundled.iterdir():
                if m := _BUNDLED.match(p.name):
                    for kind in KINDS:
                        found = self.seen(int(m.group(1)), kind)
                        if found is not None:
                            out.append(found)
        out.sort(key=lambda x: (x.year, KINDS.index(x.kind), not x.official))
        return out


def default_catalog() -> Catalog:
    """The catalogue a check uses: the bundled one and the user's official lists."""
    return Catalog(home=_catalog_folder())
