"""Importing an official code list (CSV, .xlsx or .xls) into the user's catalogue."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yusuan.catalog.entries import Entry, sort_key, write_csv
from yusuan.catalog.listing import catalog_home, official_name
from yusuan.codes import KIND_ZH, Kind, kind_of_code, name_key
from yusuan.errors import InputError
from yusuan.regex import lazy

#: Official lists larger than this are refused before they are read.
MAX_IMPORT_BYTES = 50 * 1024 * 1024


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


_SPACES = lazy(r"\s+")


def _plain(text: str) -> str:
    return _SPACES.sub("", text)


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
