"""项目绩效目标表: the project's goals and its indicators, structured.

The printed form: a 绩效目标 row with the goal text, a header row
(一级指标 · 二级指标 · 三级指标 · 绩效指标描述 · 指标值 · 指标值确定依据), then one
row per indicator; a blank 一级/二级指标 cell continues the one above (merged
cells).  An indicator value such as ``≤27万元`` is split into comparator,
number and unit; a qualitative value (``显著提升``) keeps only its text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.model import Comparator, Indicator, PerformanceTarget, Source
from yusuan.read.raw import RawCell, RawTable
from yusuan.recognize.header import key_of

_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("≥", "≥"), (">=", "≥"), ("＞=", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("大于等于", "≥"), ("至少", "≥"),
    ("≤", "≤"), ("<=", "≤"), ("＜=", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("小于等于", "≤"), ("控制在", "≤"),
    ("＞", ">"), (">", ">"), ("大于", ">"), ("高于", ">"),
    ("＜", "<"), ("<", "<"), ("小于", "<"), ("低于", "<"),
    ("=", "="), ("＝", "="), ("等于", "="),
)  # fmt: skip
_VALUE = re.compile(r"^(\d+(?:\.\d+)?)\s*([^\d\s]{0,6})$")
_UNIT_IN_NAME = re.compile(r"^(.*?)[（(]\s*([^（）()]{1,6})\s*[)）]$")
_HEADER = ("一级指标", "二级指标", "三级指标")


def parse_indicator_value(text: str) -> tuple[Comparator | None, Decimal | None, str | None]:
    """``≤27万元`` → (≤, 27, 万元); ``100%`` → (=, 100, %); ``显著提升`` → (None, None, None)."""
    t = key_of(text)
    comparator: Comparator | None = None
    for word, comp in _COMPARATORS:
        if t.startswith(word):
            comparator, t = comp, t[len(word) :]
            break
    t = re.sub(r"(以上|以内|以下)$", "", t)
    m = _VALUE.match(t)
    if m is None:
        return None, None, None
    return comparator or "=", Decimal(m.group(1)), (m.group(2) or None)


def is_performance_grid(raw: RawTable) -> bool:
    return any(key_of(c.text) == "一级指标" for row in raw.rows for c in row)


def _text(row: list[RawCell], i: int) -> str:
    return row[i].text.strip() if i < len(row) else ""


def parse_performance(raw: RawTable, title: str, table_no: int) -> PerformanceTarget:
    """Structure a 绩效目标表 (goal text and indicator rows)."""
    head = next(
        i for i, row in enumerate(raw.rows) if any(key_of(c.text) == "一级指标" for c in row)
    )
    goals = "\n".join(
        c.text.strip()
        for row in raw.rows[:head]
        for c in row
        if key_of(c.text) and key_of(c.text) != "绩效目标"
    )
    header = [key_of(c.text) for c in raw.rows[head]]
    col = {name: header.index(name) for name in header}
    start = col.get("一级指标", 0)

    def at(row: list[RawCell], name: str, fallback: int) -> str:
        return _text(row, col.get(name, fallback))

    indicators: list[Indicator] = []
    level1 = level2 = ""
    for row in raw.rows[head + 1 :]:
        texts = [key_of(c.text) for c in row]
        if not any(texts):
            continue
        level1 = at(row, "一级指标", start) or level1
        level2 = at(row, "二级指标", start + 1) or level2
        level3 = at(row, "三级指标", start + 2)
        value_text = at(row, "指标值", start + 4)
        comparator, value, unit = parse_indicator_value(value_text)
        name = level3
        if (m := _UNIT_IN_NAME.match(level3)) is not None and not re.search(
            r"[\u4e00-\u9fff]{7,}", m.group(2)
        ):
            name = m.group(1).strip()
            unit = unit or m.group(2).replace("％", "%")
        indicators.append(
            Indicator(
                level1=key_of(level1),
                level2=key_of(level2),
                level3=name,
                description=at(row, "绩效指标描述", start + 3),
                value_text=value_text,
                comparator=comparator,
                value=value,
                unit=unit,
                basis=at(row, "指标值确定依据", start + 5),
                source=row[0].source,
            )
        )
    project = re.sub(r"^\s*\d+\s*[、.．]\s*", "", title).strip()
    project = re.sub(r"(项目)?绩效目标(申报)?表$", "", project).strip() or project
    return PerformanceTarget(
        project=project,
        goals=goals,
        indicators=tuple(indicators),
        table=table_no,
        source=raw.source.model_copy(update={"table": table_no})
        if raw.source
        else Source(table=table_no),
    )
