"""Headline figures of a disclosure, for views and ``yusuan compare``.

Each metric is in 万元 (人员经费占比 in %) with a ``basis`` saying where it came
from, so a ranking can be traced back to a table cell or a sentence:

- 三公经费 and its items (因公出国（境）费, 公务用车购置及运行费, 公务用车购置费,
  公务用车运行费, 公务接待费) from the “三公”经费表, whether it lists the items as
  rows (the reference) or as columns (Shanghai's combined 三公/机关运行经费 table);
  a blank 公务用车购置及运行费 is the sum of its two parts;
- 机关运行经费 from that table when it has the column, else the amount the
  narrative states for it;
- 人员经费 and 公用经费 from the 合计 row of the 一般公共预算财政拨款基本支出表
  (its 人员经费 / 公用经费 columns, else the 301+303 and 302 类 rows);
  基本支出 its 合计; 一般公共预算财政拨款支出 the 合计 of the
  一般公共预算财政拨款支出表; 支出合计 the 合计 of the 支出总表;
- 人员经费占比 = 人员经费 ÷ 一般公共预算财政拨款支出 × 100, to 0.01 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yusuan import regex
from yusuan.model import Column, Disclosure, Row, Table, TableId

THREE_PUBLIC = "三公经费"
ABROAD = "因公出国（境）费"
VEHICLES = "公务用车购置及运行费"
PURCHASE = "公务用车购置费"
OPERATION = "公务用车运行费"
RECEPTION = "公务接待费"
ADMIN = "机关运行经费"
PERSONNEL = "人员经费"
PUBLIC_USE = "公用经费"
BASIC = "基本支出"
GPB_TOTAL = "一般公共预算财政拨款支出"
TOTAL = "支出合计"
PERSONNEL_SHARE = "人员经费占比"

#: The metrics ``yusuan compare`` offers, with their aliases on the command line.
METRIC_ALIASES: dict[str, str] = {
    "三公": THREE_PUBLIC,
    "三公经费": THREE_PUBLIC,
    "机关运行经费": ADMIN,
    "人员经费占比": PERSONNEL_SHARE,
    "人员经费": PERSONNEL,
    "公用经费": PUBLIC_USE,
    "基本支出": BASIC,
    "支出合计": TOTAL,
    "公务接待费": RECEPTION,
    "因公出国（境）费": ABROAD,
    "公务用车购置及运行费": VEHICLES,
}

_GENERIC = {"合计", "小计", "总计", "金额", "预算数", "决算数", "一般公共预算财政拨款", ""}
_CLEAN = regex.compile(r"[\s“”\"'‘’（）()]|\d{4}年|预算数|决算数|预算|决算")


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    value: Decimal
    unit: str
    basis: str


def _clean(text: str) -> str:
    return _CLEAN.sub("", text)


def classify_three_public(label: str) -> str | None:
    """The 三公 item a row label or column header names, or None."""
    s = _clean(label)
    if "机关运行" in s:
        return ADMIN
    if "出国" in s:
        return ABROAD
    if "接待" in s:
        return RECEPTION
    if "购置及运" in s:
        return VEHICLES
    if "购置" in s:
        return PURCHASE
    if "运行" in s or "运维" in s:
        return OPERATION
    if "三公" in s or s in ("合计", "总计"):
        return THREE_PUBLIC
    return None


def _column_item(col: Column) -> str | None:
    """Classify a column by its leaf, or by the nearest non-generic header above it."""
    for part in reversed(col.path or (col.key,)):
        if _clean(part) in _GENERIC or part in _GENERIC:
            continue
        return classify_three_public(part)
    return THREE_PUBLIC if col.key in ("合计", "总计") else None


def _value_columns(table: Table, kind: str | None) -> list[Column]:
    cols = table.amount_columns()
    marked = [c for c in cols if any("决算" in p for p in c.path)]
    if kind == "决算" and marked:
        return marked
    if marked and len(marked) < len(cols):
        return [c for c in cols if c not in marked]
    return cols


_TOTALS = ("合计", "总计", "支出合计", "本年支出合计")


def _is_total(row: Row) -> bool:
    texts = (row.item, row.label.replace(" ", ""), row.code or "")
    return any(t in _TOTALS for t in texts) or (row.depth is None and not row.code)


def _three_public(d: Disclosure, out: dict[str, Metric]) -> None:
    table = d.table(TableId.THREE_PUBLIC)
    if table is None:
        return
    cols = _value_columns(table, d.kind)
    found: dict[str, tuple[Decimal, str]] = {}
    by_row = {r.index: classify_three_public(r.item) for r in table.rows}
    row_items = {v for v in by_row.values() if v not in (None, THREE_PUBLIC)}
    if len(row_items) >= 2:  # items as rows: take the 合计 column (or the first money column)
        col = next((c for c in cols if c.key in ("合计", "总计")), cols[0] if cols else None)
        for row in table.rows:
            item = by_row[row.index]
            value = table.to_wan(row.value(col.index)) if col else None
            if item and value is not None and item not in found:
                found[item] = (value, f"《{table.title}》行“{row.item}”")
    else:  # items as columns: the first row with amounts
        for row in table.rows:
            for col in cols:
                item = _column_item(col)
                value = table.to_wan(row.value(col.index))
                if item and value is not None and item not in found:
                    found[item] = (value, f"《{table.title}》列“{'/'.join(col.path)}”")
            if found:
                break
    if VEHICLES not in found and (PURCHASE in found or OPERATION in found):
        parts = [found[k][0] for k in (PURCHASE, OPERATION) if k in found]
        found[VEHICLES] = (sum(parts, Decimal(0)), f"《{table.title}》购置费与运行费之和")
    for name, (value, basis) in found.items():
        out[name] = Metric(name, value, "万元", basis)


def _total_row(table: Table | None) -> Row | None:
    if table is None:
        return None
    return next((r for r in table.rows if _is_total(r)), None)


def _cell(table: Table | None, row: Row | None, *keys: str) -> Decimal | None:
    if table is None or row is None:
        return None
    for key in keys:
        col = table.column(key)
        if col is not None and row.value(col.index) is not None:
            return table.to_wan(row.value(col.index))
    return None


def _sum_codes(table: Table, codes: tuple[str, ...]) -> Decimal | None:
    col = table.column("合计")
    if col is None:
        return None
    values = [table.to_wan(r.value(col.index)) for r in table.rows if r.code in codes]
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _basic(d: Disclosure, out: dict[str, Metric]) -> None:
    table = d.table(TableId.GPB_BASIC)
    if table is None:
        return
    total = _total_row(table)
    where = f"《{table.title}》合计行"
    for name, codes in ((PERSONNEL, ("301", "303")), (PUBLIC_USE, ("302",))):
        value = _cell(table, total, name)
        basis = f"{where}“{name}”列"
        if value is None:
            value = _sum_codes(table, codes)
            basis = f"《{table.title}》{'+'.join(codes)} 类之和"
        if value is not None:
            out[name] = Metric(name, value, "万元", basis)
    value = _cell(table, total, "合计")
    if value is not None:
        out[BASIC] = Metric(BASIC, value, "万元", where)


def _totals(d: Disclosure, out: dict[str, Metric]) -> None:
    for name, tid in ((GPB_TOTAL, TableId.GPB_EXPENDITURE), (TOTAL, TableId.EXPENDITURE)):
        table = d.table(tid)
        value = _cell(table, _total_row(table), "合计", "本年支出合计", "支出合计")
        if table is not None and value is not None:
            out[name] = Metric(name, value, "万元", f"《{table.title}》合计行")


def _admin_from_prose(d: Disclosure, out: dict[str, Metric]) -> None:
    if ADMIN in out:
        return
    for s in d.narrative.stated:
        if s.kind == "amount" and ADMIN in s.subject and s.wan is not None:
            out[ADMIN] = Metric(ADMIN, s.wan, "万元", f"说明：{s.sentence[:60]}")
            return


def metrics(d: Disclosure) -> list[Metric]:
    """The headline figures of ``d`` that it prints (a figure it lacks is absent)."""
    out: dict[str, Metric] = {}
    _three_public(d, out)
    _admin_from_prose(d, out)
    _basic(d, out)
    _totals(d, out)
    if PERSONNEL in out and GPB_TOTAL in out and out[GPB_TOTAL].value:
        share = (out[PERSONNEL].value * 100 / out[GPB_TOTAL].value).quantize(Decimal("0.01"))
        out[PERSONNEL_SHARE] = Metric(
            PERSONNEL_SHARE, share, "%", f"{PERSONNEL} ÷ {GPB_TOTAL} × 100"
        )
    return list(out.values())
