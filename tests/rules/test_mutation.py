"""Mutation test: every single defect introduced into the reference is caught.

Three kinds of mutation, each applied alone to the reference text and parsed
again by the real reader:

1. every amount cell of every table +1.00;
2. every prose amount that a table, the prose's own arithmetic or another stated amount
   determines +1 (all 47 stated amounts but the commented list ``NOT_DETERMINED``);
3. dropping any one 项 (7-digit) row of a table.

A mutation is caught when the checker reports a new error or warning *that points
at it*: for a cell, a finding in the same table on the mutated row or column (the cell
itself, or a total it feeds); for a prose amount, a finding at its sentence's line;
for a dropped row, a finding in that table.  The counts are printed and must be 100%.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from support.rules import REF_LINES, parse
from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.rules.base import Finding, Severity

# Every amount the 情况说明 states (47) is mutated unless no table, no arithmetic of the prose
# and no other stated amount fixes it.  The ones left out, exactly, as (line, subject, text):
NOT_DETERMINED = {
    # 三公 change against last year: the 三公 table prints this year only (no 上年 column),
    # and the sentence gives no last-year amount to subtract.
    (1678, "三公经费", "4.7万元"),
    # 拟购置固定资产: the 资产占用表 prints the 上年末 stock, not this year's purchases, and the
    # 政府采购预算表 is empty (YS604 already warns that the sentence contradicts it).
    (2138, "拟购置固定资产", "15.00万元"),
    # 绩效目标 of the 情况说明 (部门整体绩效目标: 总体 and 分项): the department's own targets.
    # The 项目绩效目标表 state each project's targets, which need not be equal and here are
    # not one to one (维修（护） vs 维护（修）, 设备运行稳定 vs 网站运行稳定, 活动完成率 under
    # two projects); no table and no arithmetic fixes the department's figure.
    (1685, "执法检查和集中视察工作完成率", "90%"),
    (1685, "活动完成率", "90%"),
    (1685, "会议议程完成率", "100%"),
    (1685, "保障综合业务管理工作及时完成情况占综合业务管理工作的比例", "90%"),
    (1685, "服务对象满意度", "90%"),
    (1692, "执法检查和集中视察工作完成率", "90%"),
    (1692, "视察调研活动按期完成率", "90%"),
    (1692, "活动参与者满意度", "90%"),
    (1698, "活动完成率", "90%"),
    (1698, "代表之家全年运行成本", "5万元"),
    (1698, "活动参与者满意度", "90%"),
    (1704, "会议议程完成率", "100%"),
    (1704, "召开人代会的总成本", "25万元"),
    (1704, "意见建议采纳率", "90%"),
    (1704, "人大代表满意率", "90%"),
    (1710, "维修（护）工作完成率", "90%"),
    (1710, "综合业务管理工作完成及时率", "90%"),
    (1710, "服务对象满意度", "90%"),
    (1716, "设备运行稳定时间占总运行实际的比率", "90%"),
    (1716, "信息系统故障发生率", "5%"),
    (1716, "群众反应问题解决完成及时率", "90%"),
}
STATED = 47  # amounts the reference's 情况说明 states


def loud(d: Disclosure) -> dict[tuple[str, str], Finding]:
    return {
        (f.code, f.message): f
        for f in check(d).findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    }


BASELINE = loud(parse("\n".join(REF_LINES)))


@dataclass(frozen=True)
class Target:
    """What a mutation changed: a cell (table, row key, column key), a prose line, a row."""

    table: str | None = None
    row: tuple[str | None, str | None] | None = None  # (code, item)
    column: str | None = None
    line: int | None = None


def points_at(f: Finding, t: Target) -> bool:
    loc = f.location
    if t.line is not None and t.table is None:
        return loc.line == t.line
    if loc.table != t.table:
        return False
    if t.row is None:
        return True  # a dropped row: any finding in its table
    same_row = (loc.row_code, loc.row_item) == t.row or (
        t.row[0] is not None and loc.row_code == t.row[0]
    )
    return same_row or loc.column == t.column


def detected(lines: list[str], target: Target) -> bool:
    new = [f for k, f in loud(parse("\n".join(lines))).items() if k not in BASELINE]
    return any(points_at(f, target) for f in new)


def bump(text: str) -> str:
    value = Decimal(text.replace(",", "")) + 1
    places = len(text.split(".")[1]) if "." in text else 0
    return f"{value:.{places}f}"


Mutation = tuple[str, list[str], Target]


def cell_mutations() -> list[Mutation]:
    out = []
    ref = parse("\n".join(REF_LINES))
    for table in ref.tables:
        money = {c.index for c in table.columns if c.role == "amount"}
        for row in table.rows:
            for index, cell in row.cells.items():
                if index in money and cell.value is not None and cell.source.line:
                    lines = list(REF_LINES)
                    lines[cell.source.line - 1] = "\t" + bump(cell.text)
                    col = next(c.key for c in table.columns if c.index == index)
                    target = Target(table.id.value, (row.code, row.item), col)
                    out.append((f"{table.id.value}/{row.code or row.item}/{index}", lines, target))
    return out


def prose_mutations() -> list[Mutation]:
    out = []
    ref = parse("\n".join(REF_LINES))
    seen: Counter[tuple[int, str]] = Counter()
    for s in ref.narrative.stated:
        line = s.source.line
        assert line is not None
        nth = seen[(line, s.text)]
        seen[(line, s.text)] += 1
        if (line, s.subject, s.text) in NOT_DETERMINED:
            continue
        number = re.match(r"[\d.,]+", s.text)
        assert number
        new_text = bump(number.group(0)) + s.text[number.end() :]
        lines = list(REF_LINES)
        parts = lines[line - 1].split(s.text)
        lines[line - 1] = s.text.join(parts[: nth + 1]) + new_text + s.text.join(parts[nth + 1 :])
        out.append((f"{s.subject} {s.text}", lines, Target(line=line)))
    return out


def row_drops() -> list[Mutation]:
    out = []
    ref = parse("\n".join(REF_LINES))
    for table in ref.tables:
        rows = list(table.rows)
        for i, row in enumerate(rows):
            if not (row.code and len(row.code) == 7):
                continue
            start = (
                min(c.source.line for c in row.cells.values() if c.source.line) - 3
            )  # 序号, code, name
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            end = (
                min(c.source.line for c in nxt.cells.values() if c.source.line) - 3
                if nxt is not None
                else max(c.source.line for c in row.cells.values() if c.source.line) + 1
            )
            assert REF_LINES[start - 1].strip() == row.seq, (row, REF_LINES[start - 1])
            lines = REF_LINES[: start - 1] + REF_LINES[end - 1 :]
            out.append((f"drop {table.id.value}/{row.code}", lines, Target(table.id.value)))
    return out


def test_not_determined_list_is_exact() -> None:
    stated = [
        (s.source.line, s.subject, s.text) for s in parse("\n".join(REF_LINES)).narrative.stated
    ]
    assert len(stated) == STATED
    assert NOT_DETERMINED <= set(stated), NOT_DETERMINED - set(stated)


def test_reference_has_no_errors() -> None:
    report = check(parse("\n".join(REF_LINES)))
    assert report.summary["error"] == 0, report.flatten()


def test_every_mutation_is_detected(capsys: object) -> None:
    groups = {"cells": cell_mutations(), "prose": prose_mutations(), "rows": row_drops()}
    assert len(groups["cells"]) == 219
    assert len(groups["prose"]) == STATED - len(NOT_DETERMINED) == 24
    assert len(groups["rows"]) == 30
    missed: list[str] = []
    lines_out = []
    for name, mutations in groups.items():
        hit = [label for label, lines, target in mutations if detected(lines, target)]
        missed += [label for label, _, _ in mutations if label not in hit]
        lines_out.append(
            f"{name}: {len(hit)}/{len(mutations)} detected ({100 * len(hit) / len(mutations):.1f}%)"
        )
    total = sum(len(m) for m in groups.values())
    lines_out.append(
        f"all: {total - len(missed)}/{total} ({100 * (total - len(missed)) / total:.1f}%)"
    )
    print("\n".join(lines_out))
    assert not missed, f"undetected mutations: {missed}"
