"""The 问题清单 of a review round: one row per finding across every stored department.

``yusuan review export --db … --year … -o 问题清单.xlsx`` and the web's 导出问题清单 button
write it. Each row is one finding of the ``findings`` relation, with its document's
department, year, kind and level, the table's title as printed, the row, the column, the
page, the rule, the message, 应为 / 实为 as numbers (when they are amounts), the
review state (``review_status``): 状态, 处理意见 (the reviewer's note) and 整改情况, and
核对原件（OCR） (是 when the finding rests on a value read by OCR, a capped warning).
Blank templates (:mod:`yusuan.store.templates`) are left out.

The workbook is an ordinary Excel file: a frozen header, an autofilter over every row,
column widths fitted to Chinese text, landscape A4 fitted to the page width with the
header repeated on every printed page. Document text never becomes a formula
(:mod:`yusuan.cells`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import duckdb

from yusuan import regex
from yusuan.rules.scanned import OCR_NOTE
from yusuan.store import review
from yusuan.store.templates import not_template_sql

#: The columns of the 问题清单, in order, with their widths (characters).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("部门", 28),
    ("年度", 7),
    ("预算/决算", 9),
    ("部门/单位", 9),
    ("表", 26),
    ("行", 24),
    ("列", 14),
    ("页", 5),
    ("规则", 22),
    ("严重程度", 8),
    ("问题说明", 60),
    ("应为", 14),
    ("实为", 14),
    ("状态", 8),
    ("处理意见", 30),
    ("整改情况", 24),
    ("编号", 26),
    ("核对原件（OCR）", 10),
)
#: The mark of a finding resting on a value read by OCR (its message ends with the OCR note):
#: the reviewer checks it against the paper original before deciding (docs/ocr.md).
OCR_MARK = "是"


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
_AMOUNT = regex.compile(r"^\s*([+-]?\d[\d,]*(?:\.\d+)?)\s*(?:万元|元|%|个|人)?\s*(?:[（(].*)?$")


def number(text: str | None) -> Decimal | str | None:
    """An amount as printed (``1,234.50``, ``1434.885334 万元``) as a number; other text as is."""
    if text is None or text == "":
        return None
    m = _AMOUNT.match(text)
    if m is None:
        return text
    try:
        return Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:
        return text


@dataclass(frozen=True)
class Issue:
    values: tuple[Any, ...]
    key: str
    sha256: str
    code: str
    recur: str


_SQL = """
SELECT d.sha256, d.department_name, d.department_code, d.year, d.kind, d.level,
       f.code, f.name, f.severity, f.message, f.table_id, f.row_code, f.row_item,
       f.column_key, f.expected, f.actual, f.line, f.page,
       (SELECT min(t.title) FROM tables t WHERE t.sha256 = d.sha256 AND t.table_id = f.table_id)
FROM findings f JOIN documents d ON d.sha256 = f.sha256
WHERE (? IS NULL OR d.year = ?) AND {templates}
ORDER BY d.department_name NULLS LAST, d.year, d.kind, d.level, d.sha256, f.n
"""


def issues(con: duckdb.DuckDBPyConnection, year: int | None = None) -> list[Issue]:
    """Every stored finding (of one year, or all), with its review state."""
    states = review.current(con)
    out: list[Issue] = []
    found = con.execute(_SQL.format(templates=not_template_sql()), [year, year]).fetchall()
    seen: dict[tuple[Any, ...], int] = {}
    for r in found:
        (sha, dept, dept_code, yr, kind, level, code, name, severity, message, table_id,
         row_code, row_item, column, expected, actual, line, page, title) = r  # fmt: skip
        pos: review.Position = (code, table_id, row_code, row_item, column, line, page)
        n = seen.get((sha, *pos), 0)
        seen[(sha, *pos)] = n + 1
        key = review.key_of(sha, pos, n)
        state = states.get(key)
        status = state.status if state else review.DEFAULT_STATUS
        fixed = ""
        if state is not None and status == "已整改":
            fixed = f"已整改（{state.who or '审核人'}，{state.at:%Y-%m-%d}）"
        row_text = " ".join(p for p in (row_code, row_item) if p)
        values = (
            " ".join(p for p in (dept_code, dept) if p) or "（未识别部门）",
            yr,
            kind or "",
            level or "",
            title or table_id or "",
            row_text,
            column or "",
            page,
            f"{code} {name}",
            _SEVERITY_ZH.get(severity, severity),
            message,
            number(expected),
            number(actual),
            status,
            state.note if state else "",
            fixed,
            key,
            OCR_MARK if OCR_NOTE in (message or "") else "",
        )
        recur = review.recur_of(code, table_id, row_code, row_item, column)
        out.append(Issue(values, key, sha, code, recur))
    return out


def workbook(rows: list[Issue], title: str = "问题清单", per_department: bool = False) -> bytes:
    """The 问题清单 as .xlsx bytes: the whole list, then (``per_department``) one sheet per
    department with its rows, laid out the same, named by the department (:func:`sheet_names`)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    _fill(sheet, rows)
    if per_department:
        groups: dict[str, list[Issue]] = {}
        for issue in rows:
            groups.setdefault(str(issue.values[0]), []).append(issue)
        for name, part in zip(
            sheet_names(list(groups), taken={title}), groups.values(), strict=True
        ):
            _fill(book.create_sheet(name), part)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


#: Characters Excel refuses in a sheet name (and its length limit).
_SHEET_BAD = regex.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31


def sheet_names(names: list[str], taken: set[str] | None = None) -> list[str]:
    """A valid, distinct Excel sheet name for each of ``names``: the characters Excel refuses
    replaced, cut to 31 characters (keeping the end, where a department's own name is), a
    number added to a name already taken (compared ignoring case, as Excel does)."""
    used = {t.lower() for t in taken or set()}
    out = []
    for name in names:
        base = _SHEET_BAD.sub("_", name).strip()[-_SHEET_MAX:].strip("'") or "部门"
        if base.lower() == "history":  # a name Excel keeps for itself
            base = "部门 history"
        candidate, n = base, 1
        while candidate.lower() in used:
            n += 1
            suffix = f"（{n}）"
            candidate = base[: _SHEET_MAX - len(suffix)] + suffix
        used.add(candidate.lower())
        out.append(candidate)
    return out


def _fill(sheet: Any, rows: list[Issue]) -> None:
    """One sheet of the 问题清单: header, rows, widths, frozen header, filter, print setup."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from yusuan.cells import inert_cell

    sheet.append([name for name, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F3F3")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    numeric = {COLUMNS.index(c) + 1 for c in COLUMNS if c[0] in ("应为", "实为")}
    for issue in rows:
        sheet.append(list(issue.values))
        for cell in sheet[sheet.max_row]:
            inert_cell(cell)
            if isinstance(cell.value, Decimal) and cell.column in numeric:
                exp = cell.value.as_tuple().exponent
                places = -exp if isinstance(exp, int) and exp < 0 else 0
                cell.number_format = "#,##0" + ("." + "0" * places if places else "")
            elif isinstance(cell.value, str):
                cell.alignment = wrap
    for i, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
