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

from importlib import import_module
from typing import TYPE_CHECKING, Any

from yusuan.catalog.entries import (
    COLUMNS,
    SEEN_SEP,
    Entry,
    csv_text,
    merge,
    read_csv,
    seen_label,
    sort_key,
    source_hash,
    source_label,
    write_csv,
)
from yusuan.catalog.listing import (
    BUNDLED_FOLDER,
    Catalog,
    Listing,
    catalog_home,
    default_catalog,
    official_name,
)
from yusuan.codes import KIND_ZH, KINDS, LENGTHS, Kind, kind_of_code, name_key

if TYPE_CHECKING:
    from yusuan.catalog.listing import BUNDLED
    from yusuan.catalog.official import (
        MAX_IMPORT_BYTES,
        ImportResult,
        import_official,
        read_official,
    )
    from yusuan.catalog.seen import seen_in, write_bundled

#: Names of the modules a check does not need (importing an official list, surveying documents;
#: the bundled folder as a :class:`pathlib.Path`), imported when first asked for (issue #17).
_LATER = {
    "BUNDLED": "listing",
    "MAX_IMPORT_BYTES": "official",
    "ImportResult": "official",
    "import_official": "official",
    "read_official": "official",
    "seen_in": "seen",
    "write_bundled": "seen",
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BUNDLED",
    "BUNDLED_FOLDER",
    "COLUMNS",
    "KINDS",
    "KIND_ZH",
    "LENGTHS",
    "MAX_IMPORT_BYTES",
    "SEEN_SEP",
    "Catalog",
    "Entry",
    "ImportResult",
    "Kind",
    "Listing",
    "catalog_home",
    "csv_text",
    "default_catalog",
    "import_official",
    "kind_of_code",
    "merge",
    "name_key",
    "official_name",
    "read_csv",
    "read_official",
    "seen_in",
    "seen_label",
    "sort_key",
    "source_hash",
    "source_label",
    "write_bundled",
    "write_csv",
]
