"""YS610–YS613: what amount cells print — non-numeric text, a wrong unit, 0 against blank, the year
in the title.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import Unit, is_amount_text, is_full_width
from yusuan.model import Column, Row, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, Rule, Severity, cell_location, decimals_of, fmt
from yusuan.rules.context import CheckContext, norm
from yusuan.rules.wording.cells import (
    DASHES,
    SPACED_DIGITS,
    THOUSANDS_BY_SPACE,
    money_cells,
    money_like_columns,
)
from yusuan.rules.wording.places import GUIDE


class NonNumericAmountCell(Rule):
    """检查什么
    金额列（和数量列）中印出的内容不是数字：“XX”“待定”“593.58万元”“*”，
    或数字中间夹着空格（“3 22.91”，多为排版拆字或漏删）。空白和“-”“—”“/”表示无数，不算。
    用全角数字或全角小数点印出的数（“322．91”“３２２．９１”）能无歧义地读出，按所读的数参与
    核对，本规则只作警告，提示改用半角。读不出的单元格不是空白，也不按 0 计：涉及它的
    合计与对照都不做，以免把“读不出”误报为数不相符。

    为什么重要
    金额格里的文字无法参与合计，也无法被核对；数字中间的空格可能让数值被读错（3 22.91 是 322.91 还是 3 和 22.91？）。

    错误示例
    支出总表 2010101 行政运行　合计“XX”；或基本支出“3 22.91”。

    正确写法
    合计 322.91，基本支出 322.91。
    """

    code = "YS610"
    name = "non-numeric-amount-cell"
    title = "金额单元格不是数字"
    severity = Severity.ERROR
    tags = ("wording", "plausibility")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            cols = {c.index: c for c in money_like_columns(table)}
            for row in table.rows:
                for i, cell in row.cells.items():
                    col = cols.get(i)
                    text = cell.text.replace("\u3000", " ").replace("\xa0", " ").strip()
                    if col is None or not text or text in DASHES:
                        continue
                    severity = None
                    if not is_amount_text(text):
                        problem = "不是数字"
                    elif SPACED_DIGITS.search(text) and not THOUSANDS_BY_SPACE.match(text):
                        problem = "数字中间有空格"
                    elif is_full_width(text) and cell.value is not None:
                        problem = f"使用了全角数字或小数点（已按 {fmt(cell.value)} 读取）"
                        severity = Severity.WARNING
                    else:
                        continue
                    yield self.finding(
                        f"“{col.key}”列的单元格“{text}”{problem}",
                        cell_location(table, row, col),
                        expected="数字（或空白）",
                        actual=text,
                        severity=severity,
                    )


HUGE_WAN = Decimal(10) ** 7  # 10^7 万元 = 1000 亿元
TOLERANCE = Decimal("0.0001")


def _largest(table: Table) -> Decimal | None:
    values = [abs(v) for _, _, _, v in money_cells(table) if v is not None]
    return table.to_wan(max(values)) if values else None


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= max(a, b) * TOLERANCE


class AmountInWrongUnitSuspected(Rule):
    """检查什么
    表格标明的金额单位可能与实际印出的数不符（元与万元相差一万倍）：
    ① 某表的最大金额（一般即合计）恰好是同一公开包其他表合计的 10000 倍或万分之一，
    而其他表之间彼此一致（口径相同的几张总表合计应相等）；
    ② 单位为万元的表出现 ≥ 10^7 万元（1000 亿元）的金额；
    ③ 单位为元的表，所有金额都是不带小数、小于 100 的整数。

    为什么重要
    单位写错，所有金额就差一万倍，是最严重也最容易被忽略的错误之一；
    读者会把 593.58 万元读成 593.58 元。

    错误示例
    收支总表标“单位：元”，收入总计 593.58；收入总表、支出总表标“单位：万元”，合计 593.58。

    正确写法
    收支总表也标“单位：万元”（或按元印出 5935800.00）。
    """

    code = "YS611"
    name = "amount-in-wrong-unit-suspected"
    title = "疑似金额单位错误（元与万元）"
    severity = Severity.WARNING
    tags = ("wording", "plausibility", "summary", "revenue", "expenditure")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        largest = {
            i: v for i, t in enumerate(ctx.d.tables) if (v := _largest(t)) is not None and v > 0
        }
        agree = {
            i: sum(1 for j, w in largest.items() if j != i and _same(v, w))
            for i, v in largest.items()
        }
        for i, v in largest.items():
            table = ctx.d.tables[i]
            other = next(
                (
                    j
                    for j, w in largest.items()
                    if agree[j] > agree[i]
                    and w >= 1
                    and (_same(v, w * 10000) or _same(v * 10000, w))
                ),
                None,
            )
            if other is not None:
                o = ctx.d.tables[other]
                yield self.finding(
                    f"《{table.title}》最大金额折合 {fmt(v)} 万元，是《{o.title}》等表（{fmt(largest[other])} 万元）的"
                    f"{'一万倍' if v > largest[other] else '万分之一'}，疑似单位标错"
                    f"（本表标“{table.unit_text or (table.unit.value if table.unit else '未标单位')}”）",
                    cell_location(table),
                    expected=largest[other],
                    actual=v,
                )
            elif table.unit is Unit.WAN and v >= HUGE_WAN:
                yield self.finding(
                    f"单位为万元的《{table.title}》中有 {fmt(v)} 万元（≥1000亿元）的金额，疑似按元印出",
                    cell_location(table),
                    expected=f"<{fmt(HUGE_WAN)}",
                    actual=v,
                )
        for table in ctx.d.tables:
            if table.unit is not Unit.YUAN:
                continue
            cells = [(t, v) for _, _, t, v in money_cells(table) if v]
            if len(cells) >= 3 and all(
                v is not None and abs(v) < 100 and decimals_of(t) == 0 for t, v in cells
            ):
                yield self.finding(
                    f"单位为元的《{table.title}》中所有金额都是小于 100 的整数，疑似按万元印出",
                    cell_location(table),
                    expected="按元印出的金额",
                    actual=f"最大 {fmt(max(abs(v) for _, v in cells if v is not None))}",
                )


class ZeroPrintedVsBlank(Rule):
    """检查什么
    同一张表的同一金额列里，“无数”有时印成 0.00、有时留空白（信息提示，不是错误）。

    为什么重要
    同一含义两种印法，读者会以为空白是“未填”而 0.00 是“确实为零”；统一印法更规范，
    也便于机器读取。

    错误示例
    支出总表“项目支出”列：2010101 行政运行 0.00，208 社会保障和就业支出（空白）。

    正确写法
    整列统一：无数一律留空（或一律印 0.00）。
    """

    code = "YS612"
    name = "zero-printed-as-value-vs-blank"
    title = "零值印法不统一（0.00 与空白混用）"
    severity = Severity.INFO
    tags = ("wording", "style")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for table in ctx.d.tables:
            mixed: list[tuple[Row, Column]] = []
            for col in table.amount_columns():
                cells = [(r, r.cells[col.index]) for r in table.rows if col.index in r.cells]
                zeros = [r for r, c in cells if c.value == 0 and c.text.strip()]
                blanks = [r for r, c in cells if not c.text.strip()]
                if zeros and blanks:
                    mixed.append((zeros[0], col))
            if mixed:
                row, col = mixed[0]
                yield self.finding(
                    f"《{table.title}》的“{'”“'.join(c.key for _, c in mixed)}”列中，零值有的印 0、有的留空",
                    cell_location(table, row, col),
                    expected="同一列统一印法",
                    actual="0 与空白混用",
                )


YEAR = lazy(r"(?:19|20)\d{2}")
REQUIRED_TABLES = (
    TableId.SUMMARY, TableId.REVENUE, TableId.EXPENDITURE, TableId.FISCAL_SUMMARY, TableId.GPB_EXPENDITURE,
    TableId.GPB_BASIC, TableId.GOV_FUND, TableId.SOE_CAPITAL, TableId.THREE_PUBLIC,
)  # fmt: skip


class YearMissing(Rule):
    """检查什么
    公开包能否确定所属年度：表头“预算年度：2023”、表题或说明标题“2023年部门预算”中都找不到年度时报警告；
    能确定年度但某张标准报表的表题和表头都没有年度时，作提示（info）。

    为什么重要
    没有年度的公开包无法与上年对比，也容易被误当作别的年度的数据；
    沿用上年模板时漏改年度也是常见问题。

    错误示例
    表题“部门预算收支总表”，表头无“预算年度”，说明标题“平乡县人民代表大会常务委员会部门预算信息公开情况说明”。

    正确写法
    “平乡县人民代表大会常务委员会2023年部门预算信息公开情况说明”，各表注明“预算年度：2023”。
    """

    code = "YS613"
    name = "year-missing"
    title = "未标明年度"
    severity = Severity.WARNING
    tags = ("wording", *(t.value for t in REQUIRED_TABLES))
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.d.year is None:
            first = ctx.d.tables[0] if ctx.d.tables else None
            yield self.finding(
                "无法确定公开包的年度：表头、表题和说明标题中都没有找到年度（如“预算年度：2023”“2023年部门预算”）",
                cell_location(first) if first else Location(section="情况说明"),
                expected="标明年度",
                actual="未找到年度",
            )
            return
        for table in ctx.d.tables:
            if (
                table.id in REQUIRED_TABLES
                and table.year is None
                and not YEAR.search(norm(table.title))
            ):
                yield self.finding(
                    f"《{table.title}》的表题和表头都没有标明年度（公开包年度为 {ctx.d.year}）",
                    cell_location(table),
                    expected=str(ctx.d.year),
                    actual="未标明",
                    severity=Severity.INFO,
                )
