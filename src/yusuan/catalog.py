"""The 科目 catalogue: (code, name) of the 政府收支分类科目, by year and classification.

The official 《政府收支分类科目》 changes every year and is not bundled anywhere we
can reach, so the catalogue comes from two places:

* **seen in documents** (bundled, ``data/catalog/YEAR.csv``): every 科目编码 and
  name printed in the coded tables of the documents the project has read, each
  entry with where it was seen.  Built by ``bench/build_catalog.py``.  When two
  documents of one year print one code with two names, both names are kept.
* **official** (the user's, ``$YUSUAN_HOME/catalog/YEAR-KIND.official.csv``,
  default ``~/.yusuan/catalog/``): a code list imported with
  ``yusuan catalog import FILE --year Y`` from a CSV or Excel sheet.

Two classifications (``kind``): ``function`` (支出功能分类: 3/5/7-digit 类/款/项,
``201 一般公共服务支出``) and ``economic`` (支出经济分类: 3/5-digit 类/款,
``301 工资福利支出``; the 政府预算 5xx codes too).  Every file is CSV with the
columns ``year,kind,code,name,seen,sources`` (both lists joined with ``; ``):
``seen`` the places (``LABEL TABLE POSITION``), ``sources`` the documents, each as
``SHA256 LABEL`` (the SHA-256 of the file's bytes).  Names are compared by
:func:`name_key` (no whitespace or quotes, half-width brackets).

A document is never compared with itself: :meth:`Catalog.seen` leaves out what only
the checked document's own bytes (its SHA-256) contributed (leave-one-out), so the
bundled entries a corpus document made do not vouch for that document.

Loading is cached per file (by path, size and modification time) and only the
file of the year asked for is read, so a check pays for it once per process.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from yusuan.codes import KIND_ZH as KIND_ZH
from yusuan.codes import KINDS as KINDS
from yusuan.codes import LENGTHS as LENGTHS
from yusuan.codes import Kind as Kind
from yusuan.codes import classification
from yusuan.codes import kind_of_code as kind_of_code
from yusuan.codes import name_key as name_key
from yusuan.errors import InputError

if TYPE_CHECKING:
    from yusuan.model import Disclosure, Row, Table

COLUMNS = ("year", "kind", "code", "name", "seen", "sources")
SEEN_SEP = "; "
BUNDLED = Path(__file__).parent / "data" / "catalog"
#: Official lists larger than this are refused before they are read.
MAX_IMPORT_BYTES = 50 * 1024 * 1024


class Entry(BaseModel):
    """One (code, name) of one year and classification, with where it was seen."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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


@dataclass(frozen=True)
class Listing:
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


# -- CSV files -----------------------------------------------------------------------
def read_csv(path: Path) -> list[Entry]:
    """The entries of a catalogue CSV (``year,kind,code,name,seen``)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: list[Entry] = []
    for r in rows:
        seen = tuple(s for s in (r.get("seen") or "").split(SEEN_SEP) if s)
        sources = tuple(s for s in (r.get("sources") or "").split(SEEN_SEP) if s)
        out.append(
            Entry(
                year=int(r["year"]),
                kind=r["kind"],
                code=r["code"],
                name=r["name"],
                seen=seen,
                sources=sources,
            )
        )
    return out


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
    text = csv_text(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sort_key(e: Entry) -> tuple[int, int, str, str]:
    return (e.year, KINDS.index(e.kind), e.code, e.name)


@lru_cache(maxsize=32)
def _read_cached(path: str, size: int, mtime_ns: int) -> tuple[Entry, ...]:
    return tuple(read_csv(Path(path)))


@lru_cache(maxsize=128)
def _load_listing(
    path: str, size: int, mtime_ns: int, year: int, kind: Kind, official: bool
) -> Listing | None:
    """One :class:`Listing` per file content, so its lookups are built once per process."""
    mine = tuple(e for e in _read_cached(path, size, mtime_ns) if e.kind == kind and e.year == year)
    return Listing(year, kind, official, mine, Path(path).name) if mine else None


def _listing_at(path: Path, year: int, kind: Kind, official: bool) -> Listing | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return _load_listing(str(path), st.st_size, st.st_mtime_ns, year, kind, official)


# -- the catalogue -----------------------------------------------------------------------
def catalog_home() -> Path:
    """The user's catalogue folder: ``$YUSUAN_HOME/catalog`` (default ``~/.yusuan/catalog``)."""
    home = os.environ.get("YUSUAN_HOME")
    return (Path(home) if home else Path.home() / ".yusuan") / "catalog"


def official_name(year: int, kind: Kind) -> str:
    return f"{year}-{kind}.official.csv"


_OFFICIAL = re.compile(r"^(\d{4})-(function|economic)\.official\.csv$")
_BUNDLED = re.compile(r"^(\d{4})\.csv$")


@dataclass(frozen=True)
class Catalog:
    """The bundled seen-in-documents catalogue and the user's official lists."""

    home: Path | None = None  # the user's folder; None: no official lists
    bundled: Path | None = field(default=BUNDLED)

    def official(self, year: int, kind: Kind) -> Listing | None:
        """The official list imported for ``year`` and ``kind`` (None when there is none)."""
        if self.home is None:
            return None
        return _listing_at(self.home / official_name(year, kind), year, kind, True)

    def seen(self, year: int, kind: Kind, exclude: Iterable[str] = ()) -> Listing | None:
        """The codes documents of ``year`` print (None when no document of that year).

        ``exclude``: the SHA-256 of the document being checked; what only it
        contributed is left out, so a document is compared with the others only.
        """
        if self.bundled is None:
            return None
        found = _listing_at(self.bundled / f"{year}.csv", year, kind, False)
        return found.without(frozenset(exclude)) if found is not None else None

    def listings(self) -> list[Listing]:
        """Every listing held, by year, then classification, official first."""
        out: list[Listing] = []
        if self.home is not None and self.home.is_dir():
            for p in self.home.iterdir():
                if m := _OFFICIAL.match(p.name):
                    found = self.official(int(m.group(1)), m.group(2))  # type: ignore[arg-type]
                    if found is not None:
                        out.append(found)
        if self.bundled is not None and self.bundled.is_dir():
            for p in self.bundled.iterdir():
                if m := _BUNDLED.match(p.name):
                    for kind in KINDS:
                        found = self.seen(int(m.group(1)), kind)
                        if found is not None:
                            out.append(found)
        out.sort(key=lambda x: (x.year, KINDS.index(x.kind), not x.official))
        return out


def default_catalog() -> Catalog:
    """The catalogue a check uses: the bundled one and the user's official lists."""
    return Catalog(home=catalog_home())


# -- building from documents --------------------------------------------------------------
def _position(row: Row) -> str:
    src = row.source
    if src.page:
        return f"p.{src.page}"
    if src.line:
        return f"l.{src.line}"
    if src.row is not None:
        return f"r.{src.row + 1}"
    return "-"


def seen_in(disclosure: Disclosure, label: str) -> list[Entry]:
    """Every valid 科目编码 with its printed name in a document's coded tables.

    Valid: all digits, of a length of the table's classification, and starting as
    it does (功能分类 2, 经济分类 3 or 5).  One entry per (table, code); ``seen`` is
    ``LABEL TABLE POSITION``, ``sources`` ``SHA256 LABEL`` (the document's hash).
    The classification of a table is the one the hierarchy rules use.  A document
    without a year gives nothing.
    """
    if disclosure.year is None:
        return []
    sources = (f"{disclosure.source.sha256} {label}",) if disclosure.source else ()
    out: list[Entry] = []
    for table in disclosure.tables:
        kind: Kind | None = classification(table)
        if kind is None:
            continue
        out.extend(_table_entries(disclosure.year, kind, table, label, sources))
    return out


def _table_entries(
    year: int, kind: Kind, table: Table, label: str, sources: tuple[str, ...]
) -> Iterator[Entry]:
    done: set[str] = set()
    for row in table.rows:
        code = row.code or ""
        name = " ".join(row.item.split())
        if kind_of_code(code) != kind or not name or code in done:
            continue  # a malformed code (YS206), or a misread one: 71102 is no 功能分类 code
        done.add(code)
        where = f"{label} {table.id.value} {_position(row)}"
        yield Entry(year=year, kind=kind, code=code, name=name, seen=(where,), sources=sources)


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


def write_bundled(entries: Iterable[Entry], folder: Path) -> list[Path]:
    """Write one CSV per year into ``folder`` (the bundled catalogue)."""
    by_year: dict[int, list[Entry]] = {}
    for e in merge(entries):
        by_year.setdefault(e.year, []).append(e)
    paths = []
    for year, es in sorted(by_year.items()):
        path = folder / f"{year}.csv"
        write_csv(es, path)
        paths.append(path)
    return paths


# -- importing an official list -------------------------------------------------------------
@dataclass
class ImportResult:
    """What an import read: the entries by classification and the rows it skipped."""

    entries: dict[Kind, list[Entry]]
    skipped: int = 0  # rows with a code of another classification, or no valid code/name
    revenue: int = 0  # 收入分类 codes (1xx), not kept
    paths: dict[Kind, Path] = field(default_factory=dict)


_CODE_HEAD = ("科目编码", "编码", "科目代码", "代码", "code")
_NAME_HEAD = ("科目名称", "名称", "name")
_SPLIT = ("类", "款", "项")


def _cell(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        from yusuan.read.xlsx import format_number

        return format_number(value, None)
    return str(value).strip()


def _sheet_rows(data: bytes) -> list[list[list[str]]]:
    """Every sheet of a workbook or CSV as rows of cell texts."""
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _xls_rows(data)
    from yusuan.read import decode_text

    text, _ = decode_text(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [[[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]]


def _xlsx_rows(data: bytes) -> list[list[list[str]]]:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [
            [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
        ]
        book.close()
    except Exception as exc:
        raise InputError(
            "Excel (.xlsx) 文件已损坏，无法解析",
            f"the Excel .xlsx file is damaged and cannot be parsed ({type(exc).__name__})",
        ) from exc
    return sheets


def _xls_rows(data: bytes) -> list[list[list[str]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
        sheets = []
        for sh in book.sheets():
            rows = []
            for r in range(sh.nrows):
                rows.append(
                    [
                        _cell(c.value) if c.ctype != xlrd.XL_CELL_NUMBER else _cell(float(c.value))
                        for c in sh.row(r)
                    ]
                )
            sheets.append(rows)
    except Exception as exc:
        raise InputError(
            "不是有效的 Excel 97-2003 (.xls) 文件，或文件已损坏",
            f"not a valid Excel 97-2003 .xls file, or the file is damaged ({type(exc).__name__})",
        ) from exc
    return sheets


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class _Layout:
    header: int  # the last header row
    name: int
    code: int | None = None
    split: tuple[int, ...] = ()  # 类, 款[, 项] columns


def _split_header(heads: list[str]) -> tuple[int, ...]:
    """The 类, 款 (and 项) columns of a header row, left to right; () when not split."""
    if "类" not in heads or "款" not in heads:
        return ()
    cols = tuple(heads.index(w) for w in _SPLIT if w in heads)
    return cols if list(cols) == sorted(cols) else ()


def _layout(rows: list[list[str]]) -> _Layout | None:
    """Find the header: a code column (or 类/款/项 columns) and a name column."""
    for i, row in enumerate(rows[:40]):
        heads = [_plain(c).lower() for c in row]
        names_here = [j for j, h in enumerate(heads) if any(w in h for w in _NAME_HEAD)]
        above = [_plain(c).lower() for c in rows[i - 1]] if i else []
        names_above = [j for j, h in enumerate(above) if any(w in h for w in _NAME_HEAD)]
        if _split_header(heads):
            name = next(iter(names_here or names_above), None)
            if name is not None:
                return _Layout(header=i, name=name, split=_split_header(heads))
        codes = [j for j, h in enumerate(heads) if any(w in h for w in _CODE_HEAD)]
        codes = [j for j in codes if j not in names_here]
        if codes and names_here:
            below = [_plain(c) for c in rows[i + 1]] if i + 1 < len(rows) else []
            if split := _split_header(below):  # 科目编码 over 类 | 款 | 项 (merged header)
                return _Layout(header=i + 1, name=names_here[0], split=split)
            return _Layout(header=i, name=names_here[0], code=codes[0])
    return None


def _codes(rows: list[list[str]], layout: _Layout) -> Iterator[tuple[int, str, str]]:
    """(row number, code, name) of the data rows below the header."""
    last: list[str] = ["", "", ""]
    for n, row in enumerate(rows[layout.header + 1 :], start=layout.header + 2):

        def at(j: int, row: list[str] = row) -> str:
            return row[j] if j < len(row) else ""

        name = " ".join(at(layout.name).split())
        if layout.code is not None:
            code = _plain(at(layout.code))
        else:
            parts = [_plain(at(j)) for j in layout.split]
            if not any(parts):
                yield n, "", name
                continue
            for k, p in enumerate(parts):
                if k and p.isdigit() and len(p) == 1:
                    parts[k] = "0" + p
            # a blank 类 (款) under a printed one carries the one above
            deepest = max(k for k, p in enumerate(parts) if p)
            for k in range(deepest):
                if not parts[k]:
                    parts[k] = last[k]
            code = "".join(parts[: deepest + 1])
            last = [*parts[: deepest + 1], "", ""][:3]
        yield n, code, name


def read_official(path: Path, year: int, kind: Kind | None = None) -> ImportResult:
    """Read an official code list (CSV in UTF-8 or GB18030, .xlsx or .xls).

    The header row names a code column (编码 / 科目编码 / 代码) or split 类/款/项
    columns, and a name column (名称 / 科目名称).  A code's classification is
    told by its first digit (2 功能分类, 3 and 5 经济分类; 1 is 收入分类, not kept);
    ``kind`` keeps one classification only.  Raises :class:`InputError` for an
    unreadable or empty file, a missing column, no code, or one code with two names.
    """
    if not 1990 <= year <= 2100:
        raise InputError(f"年度 {year} 不合理", f"implausible year {year}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(
            f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})"
        ) from exc
    if size > MAX_IMPORT_BYTES:
        raise InputError("文件过大", f"the file is larger than {MAX_IMPORT_BYTES >> 20} MB")
    data = path.read_bytes()
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise InputError("文件是空的", "the file is empty")
    sheets = _sheet_rows(data)
    found = [(rows, lay) for rows in sheets if (lay := _layout(rows)) is not None]
    if not found:
        raise InputError(
            "找不到科目编码列和科目名称列（表头应有“科目编码”或“类/款/项”，以及“科目名称”）",
            "no code column and name column found (a header with 科目编码 or 类/款/项, and 科目名称)",
        )
    result = ImportResult(entries={})
    names: dict[tuple[Kind, str], tuple[int, str]] = {}
    for rows, lay in found:
        for n, code, name in _codes(rows, lay):
            if code[:1] == "1" and code.isdigit():
                result.revenue += 1
                continue
            k = kind_of_code(code)
            if k is None or not name or (kind is not None and k != kind):
                if code or name:
                    result.skipped += 1
                continue
            prior = names.get((k, code))
            if prior is not None:
                if name_key(prior[1]) != name_key(name):
                    raise InputError(
                        f"科目编码 {code} 出现两次，名称不同（第{prior[0]}行“{prior[1]}”，第{n}行“{name}”）",
                        f"code {code} is listed twice with different names (rows {prior[0]} and {n})",
                    )
                continue
            names[k, code] = (n, name)
            result.entries.setdefault(k, []).append(
                Entry(year=year, kind=k, code=code, name=name, seen=(f"official {path.name}",))
            )
    if not result.entries:
        which = f"{KIND_ZH[kind]}" if kind else "功能分类或经济分类"
        raise InputError(
            f"文件中没有{which}科目编码（功能分类 2 开头 3/5/7 位，经济分类 3 或 5 开头 3/5 位）",
            f"no {kind or 'function or economic'} code found in the file",
        )
    for es in result.entries.values():
        es.sort(key=sort_key)
    return result


def import_official(
    path: Path, year: int, kind: Kind | None = None, home: Path | None = None
) -> ImportResult:
    """Read an official list and store it, one file per classification, replacing the old one.

    Everything is read and checked before anything is written; each file is
    written atomically, so a failed import leaves the stored catalogue as it was.
    """
    result = read_official(path, year, kind)
    folder = home if home is not None else catalog_home()
    for k, es in result.entries.items():
        target = folder / official_name(year, k)
        write_csv(es, target)
        result.paths[k] = target
    return result
