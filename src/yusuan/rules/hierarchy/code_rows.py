"""YS205–YS208: the codes themselves — one name per code, well-formed codes, no duplicate rows,
codes in order.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.codes import KIND_ZH, LEVELS, Kind, name_key
from yusuan.model import Row, Table
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext
from yusuan.rules.hierarchy.coded import (
    CATALOGUE,
    CODED_TABLES,
    GUIDE,
    REGULATION,
    Coded,
    require_coded,
)


def where(table: Table, row: Row) -> str:
    line = f"第{row.source.line}行" if row.source.line else (f"序号{row.seq}" if row.seq else "")
    return f"《{table.title}》" + (f"（{line}）" if line else "")


def misplaced(side: Coded) -> set[int]:
    """Positions (in ``side.rows``) of rows printed under a 类/款 that is not their own.

    A row whose own parent is absent from the table is an orphan (YS204), not misplaced.
    """
    codes = {r.code for r in side.coded}
    valid = {id(r) for r in side.coded}
    out: set[int] = set()
    above: list[str] = []  # the codes printed so far, nearest last
    for i, row in enumerate(side.rows):
        if id(row) not in valid:
            continue
        code = row.code or ""
        parent = code[:-2]
        # a flat list of 项 (no 类/款 rows at all) has no parents to check
        higher = any(n < len(code) for n in side.lengths)
        if higher and len(code) > 3 and (parent in codes or len(parent) not in side.lengths):
            over = next((c for c in reversed(above) if len(c) < len(code)), None)
            if over is None or not code.startswith(over):
                out.add(i)
        above.append(code)
    return out


class CodeNameConflict(Rule):
    """检查什么
    同一份公开文件中，同一个科目编码在各表（收入总表、支出总表、一般公共预算财政拨款支出表、
    基本支出表……）中应使用同一个科目名称。名称比较时忽略空白、引号和全角半角括号的差别。
    一个名称包含另一个（简称）时给出警告，名称实质不同时为错误。

    为什么重要
    科目名称由当年《政府收支分类科目》规定，同一编码出现两个名称，说明至少一处使用了
    错误或过时的名称（例如沿用上年的“医疗卫生与计划生育支出”），读者无法判断口径。

    错误示例
    收入总表 2101101 行政单位医疗；支出总表 2101101 事业单位医疗。

    正确写法
    各表中 2101101 均为“行政单位医疗”。
    """

    code = "YS205"
    name = "code-name-conflict"
    title = "同一科目编码在各表中名称不一致"
    tags = ("hierarchy", *CODED_TABLES)
    basis = CATALOGUE + "；" + GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        first: dict[tuple[Kind, str], tuple[str, Table, Row]] = {}
        reported: set[tuple[Kind, str, str]] = set()
        for side in require_coded(ctx):
            for row in side.coded:
                name = name_key(row.item)
                if not name:
                    continue
                key = (side.kind, row.code or "")
                seen = first.setdefault(key, (name, side.table, row))
                if seen[0] == name or (*key, name) in reported:
                    continue
                reported.add((*key, name))
                short = seen[0] in name or name in seen[0]
                yield self.finding(
                    f"{KIND_ZH[side.kind]}科目编码 {row.code} 在{where(seen[1], seen[2])}中名为“{seen[2].item}”，"
                    f"在{where(side.table, row)}中名为“{row.item}”",
                    cell_location(side.table, row),
                    expected=seen[2].item,
                    actual=row.item,
                    severity=Severity.WARNING if short else None,
                )


_DIGIT = lazy(r"\d")


class MalformedSubjectCode(Rule):
    """检查什么
    科目编码的格式：功能分类编码应为 3（类）、5（款）、7（项）位数字，经济分类编码应为 3（类）、
    5（款）位数字，不得含字母、符号；“款”应列在其所属“类”之下，“项”应列在其所属“款”之下
    （编码的前 3 / 5 位应与其上方最近的上级科目一致）。上级科目行整行缺失的由 YS204 报告。

    为什么重要
    编码位数错误或错挂上级，读者会把支出归入错误的类、款，类款项逐级汇总也随之出错。
    《预算法实施条例》第六条要求按类、款、项逐级公开。

    错误示例
    “201O101 行政运行”（字母 O 代替数字 0）；“20101001”（8 位）；
    2080505 机关事业单位基本养老保险缴费支出 列在 20101 人大事务之下。

    正确写法
    2010101 行政运行；2080505 列在 20805 行政事业单位养老支出之下。
    """

    code = "YS206"
    name = "malformed-subject-code"
    title = "科目编码格式错误或错挂上级科目"
    tags = ("hierarchy", *CODED_TABLES)
    basis = REGULATION + "；" + CATALOGUE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in require_coded(ctx):
            lengths = "、".join(f"{n}位（{lv}）" for n, lv in LEVELS[side.kind].items())
            for row in side.rows:
                code = row.code or ""
                if not _DIGIT.search(code):
                    continue  # not a code (a label printed in the code column)
                if not code.isdigit():
                    problem = "含有非数字字符"
                elif len(code) not in LEVELS[side.kind]:
                    problem = f"为 {len(code)} 位"
                else:
                    continue
                yield self.finding(
                    f"《{side.table.title}》{KIND_ZH[side.kind]}科目编码“{code}”（{row.item}）{problem}，"
                    f"应为{lengths}数字",
                    cell_location(side.table, row),
                    actual=code,
                )
            valid = {id(r) for r in side.coded}
            for i in sorted(misplaced(side)):
                row = side.rows[i]
                code = row.code or ""
                over = next(
                    (
                        r
                        for r in reversed(side.rows[:i])
                        if id(r) in valid and len(r.code or "") < len(code)
                    ),
                    None,
                )
                place = (
                    f"列在{side.level(over.code or '')}“{over.code} {over.item}”之下"
                    if over
                    else "列在所有上级科目之前"
                )
                yield self.finding(
                    f"《{side.table.title}》{side.level(code)}“{code} {row.item}”{place}，"
                    f"而其所属{LEVELS[side.kind][len(code) - 2]}为 {code[:-2]}",
                    cell_location(side.table, row),
                    expected=code[:-2],
                    actual=over.code if over else None,
                )


class DuplicateCodeRow(Rule):
    """检查什么
    同一张表（两栏式表的同一栏）中，同一个科目编码只应出现一次。

    为什么重要
    重复列示的科目会被重复汇总，类、款、合计随之失真；多为复制粘贴或合并单元格拆分时的错误。
    《地方预决算公开操作规程》要求公开的预决算真实、准确。

    错误示例
    支出总表中 2010101 行政运行 出现两行（第 4 行和第 9 行）。

    正确写法
    每个科目编码在一张表中只列一行。
    """

    code = "YS207"
    name = "duplicate-code-row"
    title = "同一科目编码在表中重复出现"
    tags = ("hierarchy", *CODED_TABLES)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in require_coded(ctx):
            seen: dict[str, Row] = {}
            for row in side.rows:
                code = row.code or ""
                if not _DIGIT.search(code):
                    continue
                if code in seen:
                    yield self.finding(
                        f"《{side.table.title}》科目编码 {code}（{row.item}）重复出现，"
                        f"前一次为“{code} {seen[code].item}”"
                        + (f"（第{seen[code].source.line}行）" if seen[code].source.line else ""),
                        cell_location(side.table, row),
                        actual=code,
                    )
                else:
                    seen[code] = row


class CodeOrderBroken(Rule):
    """检查什么
    带科目编码的表中，同一上级科目之下的各科目（各“类”之间、同一“类”下的各“款”、
    同一“款”下的各“项”）应按编码从小到大排列。错挂上级的行（YS206）和重复行（YS207）不在此列。

    为什么重要
    按编码顺序排列是《政府收支分类科目》和预算编报软件的通行格式，乱序的表难以与其他表、
    与上年数据对照，也常常是手工插行、删行留下的痕迹。

    错误示例
    20101 人大事务之下依次为 2010102、2010101、2010104。

    正确写法
    依次为 2010101、2010102、2010104。
    """

    code = "YS208"
    name = "code-order-broken"
    title = "科目未按编码顺序排列"
    severity = Severity.WARNING
    tags = ("hierarchy", *CODED_TABLES)
    basis = CATALOGUE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for side in require_coded(ctx):
            skip = misplaced(side)
            codes = {r.code or "" for r in side.coded}
            last: dict[str, Row] = {}  # the highest code printed so far under each parent
            seen: set[str] = set()
            valid = {id(r) for r in side.coded}
            for i, row in enumerate(side.rows):
                code = row.code or ""
                if id(row) not in valid or i in skip or code in seen:
                    continue
                seen.add(code)
                parent = next(
                    (
                        code[:n]
                        for n in sorted(LEVELS[side.kind], reverse=True)
                        if n < len(code) and code[:n] in codes
                    ),
                    "",
                )
                prev = last.get(parent)
                if prev is not None and code < (prev.code or ""):
                    yield self.finding(
                        f"《{side.table.title}》{side.level(code)}“{code} {row.item}”排在"
                        f"“{prev.code} {prev.item}”之后，未按编码从小到大排列",
                        cell_location(side.table, row),
                        expected=f"排在 {prev.code} 之前",
                        actual=f"排在 {prev.code} 之后",
                    )
                else:
                    last[parent] = row
