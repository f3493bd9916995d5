"""The 决算情况说明填报 sheet: the 决算 情况说明's inputs as a finance officer fills them.

The 决算 input workbook (``yusuan template --kind 决算``) has one row a field of
:class:`~yusuan.render.final_inputs.FinalInputs` — last year's changes and their reasons,
the 一般公共预算 年初/全年预算, the 三公 counts, 机关运行经费, 政府采购, 国有资产, the
预算绩效管理制度 — and a group of rows for each 项 of the 一般公共预算, 政府性基金 and
国有资本经营 tables (年初预算, 全年预算, 主要用途, 差异原因).  The fields are data
(``data/final_inputs.toml``).  :func:`sheet_rows` lays them out with their values;
:func:`final_inputs` reads a package's inputs back: the filled sheet wins over the
package's own 情况说明 (:func:`~yusuan.render.final_inputs.collect_final`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from yusuan.amounts import parse_amount
from yusuan.errors import InputError
from yusuan.model import Disclosure, Table, TableId
from yusuan.regex import lazy
from yusuan.render.final_inputs import FinalInputs, ItemBudget, collect_final, path_key
from yusuan.render.inputs import FINAL_REASONS_TITLE

HEADER = ("序号", "项目", "数量或金额（万元）", "文字说明", "填写要求")
#: The tables whose 项 the text compares with their budgets.
ITEM_TABLES = (TableId.GPB_EXPENDITURE, TableId.GOV_FUND, TableId.SOE_CAPITAL)
SEP = "："

Kind = Literal["amount", "count", "text"]
Value = Decimal | int | str


@dataclass(frozen=True)
class SheetField:
    key: str  # "attribute" or "attribute.key" of FinalInputs (of ItemBudget for an item row)
    label: str
    kind: Kind
    help: str


@dataclass(frozen=True)
class SheetRow:
    field: SheetField
    label: str  # the 项目 printed (an item row: the 项 path, “：”, the field's label)
    value: Value | None
    path: str = ""  # the 项's path_key on an item row


@cache
def _data() -> tuple[tuple[SheetField, ...], tuple[SheetField, ...]]:
    text = resources.files("yusuan").joinpath("data/final_inputs.toml").read_text("utf-8")
    raw = tomllib.loads(text)

    def fields(name: str) -> tuple[SheetField, ...]:
        return tuple(SheetField(f["key"], f["label"], f["kind"], f["help"]) for f in raw[name])

    return fields("field"), fields("item")


def fields() -> tuple[SheetField, ...]:
    """The fixed rows of the sheet, in order."""
    return _data()[0]


def item_fields() -> tuple[SheetField, ...]:
    """The rows each 项 gets."""
    return _data()[1]


def _get(obj: object, key: str) -> Value | None:
    attr, _, sub = key.partition(".")
    value = getattr(obj, attr)
    if isinstance(value, dict):
        got: Value | None = value.get(sub)
        return got
    return value if value not in (None, "") else None


def _set(obj: object, key: str, value: Value) -> None:
    attr, _, sub = key.partition(".")
    current = getattr(obj, attr)
    if isinstance(current, dict):
        current[sub] = value
    else:
        setattr(obj, attr, value)


def item_paths(tables: list[Table]) -> list[str]:
    """类（类）款（款）项（项） of each 项 with an amount in the 一般公共预算, 政府性基金 and
    国有资本经营 tables, in table order (as the 情况说明 lists them)."""
    out: list[str] = []
    for t in tables:
        if t.id not in ITEM_TABLES:
            continue
        col = t.column("合计") or next(iter(t.amount_columns()), None)
        names = {r.code: r.item for r in t.rows if r.code}
        for r in t.rows:
            if not r.code or len(r.code) != 7 or col is None or not r.value(col.index):
                continue
            path = (
                f"{names.get(r.code[:3], '')}（类）{names.get(r.code[:5], '')}（款）{r.item}（项）"
            )
            if path not in out:
                out.append(path)
    return out


def sheet_rows(fi: FinalInputs, paths: list[str]) -> list[SheetRow]:
    """The rows of the sheet with the values ``fi`` holds: the fixed fields, then each 项's
    (those of ``paths``, then any other 项 ``fi`` states)."""
    rows = [SheetRow(f, f.label, _get(fi, f.key)) for f in fields()]
    keys = [path_key(p) for p in paths]
    named = dict(zip(keys, paths, strict=True))
    for key in fi.items:
        named.setdefault(key, key)
    for key, path in named.items():
        item = fi.items.get(key, ItemBudget())
        for f in item_fields():
            rows.append(SheetRow(f, f"{path}{SEP}{f.label}", _get(item, f.key), key))
    return rows


def _sheet(d: Disclosure) -> Table | None:
    return next(
        (
            t
            for t in d.tables
            if t.id is TableId.UNKNOWN and "".join(t.title.split()) == FINAL_REASONS_TITLE
        ),
        None,
    )


_SPACES = lazy(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub("", text)


def _value(f: SheetField, label: str, text: str) -> Value | None:
    if f.kind == "text":
        return text
    try:
        number = parse_amount(text)
        if number is not None and f.kind == "count" and number != number.to_integral_value():
            raise ValueError(text)
    except ValueError as exc:
        what = "整数" if f.kind == "count" else "数字"
        raise InputError(
            f"“{FINAL_REASONS_TITLE}”工作表“{label}”一行不是{what}：{text}",
            f"the row “{label}” of sheet {FINAL_REASONS_TITLE} is not a number: {text}",
        ) from exc
    if number is None:
        return None
    return int(number) if f.kind == "count" else number


def read_sheet(table: Table, into: FinalInputs) -> None:
    """The values filled in the sheet, over those ``into`` holds (a blank cell leaves it)."""
    number_col = next((c.index for c in table.columns if "金额" in c.key), None)
    text_col = next((c.index for c in table.columns if c.key == "文字说明"), None)
    fixed = {_norm(f.label): f for f in fields()}
    per_item = {_norm(f.label): f for f in item_fields()}
    for row in table.rows:
        label = _norm(row.item or row.label)
        f = fixed.get(label) or fixed.get(_norm(row.label))
        path = ""
        if f is None and SEP in label:
            path, _, last = label.rpartition(SEP)
            f = per_item.get(last)
        if f is None:
            continue
        col = text_col if f.kind == "text" else number_col
        cell = row.cells.get(col) if col is not None else None
        text = cell.text.strip() if cell is not None else ""
        if not text or (value := _value(f, label, text)) is None:
            continue
        if path:
            _set(into.items.setdefault(path_key(path), ItemBudget()), f.key, value)
        else:
            _set(into, f.key, value)


def final_inputs(d: Disclosure) -> FinalInputs:
    """The 决算 情况说明's inputs of ``d``: its filled 决算情况说明填报 sheet, else what its own
    情况说明 states."""
    into = collect_final(d)
    if (sheet := _sheet(d)) is not None:
        read_sheet(sheet, into)
    return into
