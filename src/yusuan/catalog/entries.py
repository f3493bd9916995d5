"""Catalogue entries: one (code, name) with where it was seen, and their CSV files."""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from yusuan.codes import KINDS, Kind, name_key
from yusuan.paths import StrPath
from yusuan.records import Record

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = ("year", "kind", "code", "name", "seen", "sources")
SEEN_SEP = "; "


class Entry(Record):
    """One (code, name) of one year and classification, with where it was seen."""

    year: int
    kind: Kind
    code: str
    name: str
    seen: tuple[str, ...] = ()
    #: the documents the entry was seen in, each ``SHA256 LABEL`` (none for official lists)
    sources: tuple[str, ...] = ()

    def without(self, hashes: frozenset[str]) -> Entry | None:
        """The entry as the documents other than ``hashes`` saw it (None: only those did).

        An entry that records no sources (an official list, an older file) is kept whole.
        """
        if not self.sources or not hashes:
            return self
        rest = tuple(s for s in self.sources if source_hash(s) not in hashes)
        if len(rest) == len(self.sources):
            return self
        if not rest:
            return None
        labels = {source_label(s) for s in rest}
        seen = tuple(s for s in self.seen if seen_label(s) in labels)
        return self.model_copy(update={"sources": rest, "seen": seen})


def source_hash(item: str) -> str:
    """The SHA-256 of a ``sources`` item (``SHA256 LABEL``)."""
    return item.split(" ", 1)[0]


def source_label(item: str) -> str:
    """The document label of a ``sources`` item."""
    parts = item.split(" ", 1)
    return parts[1] if len(parts) == 2 else ""


def seen_label(item: str) -> str:
    """The document label of a ``seen`` item (``LABEL TABLE POSITION``)."""
    parts = item.rsplit(" ", 2)
    return parts[0] if len(parts) == 3 else item


# -- CSV files -----------------------------------------------------------------------
def read_csv(path: StrPath) -> list[Entry]:
    """The entries of a catalogue CSV (``year,kind,code,name,seen``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: list[Entry] = []
    for r in rows:
        seen = tuple(s for s in (r.get("seen") or "").split(SEEN_SEP) if s)
        sources = tuple(s for s in (r.get("sources") or "").split(SEEN_SEP) if s)
        out.append(
            Entry(
                year=int(r["year"]),
                kind=kind_of(r["kind"]),
                code=r["code"],
                name=r["name"],
                seen=seen,
                sources=sources,
            )
        )
    return out


def kind_of(text: str) -> Kind:
    """A catalogue CSV's ``kind`` cell as a :data:`~yusuan.codes.Kind` (ValueError if neither)."""
    for kind in KINDS:
        if text == kind:
            return kind
    raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {text!r}")


def csv_text(entries: Iterable[Entry]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in entries:
        w.writerow(
            (e.year, e.kind, e.code, e.name, SEEN_SEP.join(e.seen), SEEN_SEP.join(e.sources))
        )
    return buf.getvalue()


def write_csv(entries: Iterable[Entry], path: Path) -> None:
    """Write a catalogue CSV atomically: a temporary file in the same folder, then a rename.

    A failure leaves whatever was stored at ``path`` untouched.
    """
    import tempfile  # only when writing: it pulls in shutil, random and the compressors

    text = csv_text(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def sort_key(e: Entry) -> tuple[int, int, str, str]:
    return (e.year, KINDS.index(e.kind), e.code, e.name)


def merge(entries: Iterable[Entry]) -> list[Entry]:
    """One entry per (year, kind, code, name): the seen lists joined, sorted.

    Names equal by :func:`name_key` are one name, printed as most documents print
    it.  Different names for one code are all kept.
    """
    groups: dict[tuple[int, Kind, str, str], list[Entry]] = {}
    for e in entries:
        groups.setdefault((e.year, e.kind, e.code, name_key(e.name)), []).append(e)
    out: list[Entry] = []
    for (year, kind, code, _), es in groups.items():
        counts = Counter(e.name for e in es)
        name = min(counts, key=lambda n: (-counts[n], n))
        seen = sorted({s for e in es for s in e.seen})
        sources = sorted({s for e in es for s in e.sources})
        out.append(
            Entry(
                year=year, kind=kind, code=code, name=name, seen=tuple(seen), sources=tuple(sources)
            )
        )
    return sorted(out, key=sort_key)
