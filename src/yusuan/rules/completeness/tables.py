"""YS501–YS502: every required table is published, and an empty table says why."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from yusuan import regex
from yusuan.datafiles import data_toml
from yusuan.families import family_of
from yusuan.model import Source, Table, TableId
from yusuan.regex import lazy
from yusuan.rules.base import CannotRun, Finding, Location, Rule, Severity, cell_location
from yusuan.rules.completeness.narrative import LAW14, OPS, TABLES_ONLY, has_body, prose
from yusuan.rules.context import CheckContext, norm, table_name, where_printed

REQUIRED: tuple[TableId, ...] = (
    TableId.SUMMARY,
    TableId.REVENUE,
    TableId.EXPENDITURE,
    TableId.FISCAL_SUMMARY,
    TableId.GPB_EXPENDITURE,
    TableId.GPB_BASIC,
    TableId.GOV_FUND,
    TableId.SOE_CAPITAL,
    TableId.THREE_PUBLIC,
)


@cache
def empty_note() -> re.Pattern[str]:
    """The phrases that say why a table is empty (``data/phrases.toml``, ``[empty_table]``)."""
    return regex.compile("|".join(data_toml("phrases.toml")["empty_table"]["patterns"]))


Place = tuple[str, str, int, float]  # (file, "line" or "page", its number, top on the page)


def _place(source: Source) -> Place | None:
    """Where a block stands in reading order: its line in a text export, else its page and
    top in a PDF (tables read from a PDF have no line)."""
    if source.line is not None:
        return (source.file or "", "line", source.line, 0.0)
    if source.page is not None and source.bbox is not None:
        return (source.file or "", "page", source.page, source.bbox[1])
    return None


def _after(ctx: CheckContext, table: Table) -> list[str]:
    """Texts printed between ``table`` and the next table (its notes, a paragraph after it),
    by line in a text export, by page and position in a PDF."""
    start = _place(table.source)
    if start is None:
        return []
    same = [p for t in ctx.d.tables if (p := _place(t.source)) is not None]
    later = [p for p in same if p[:2] == start[:2] and p > start]
    end = min(later) if later else None
    return [
        p.text
        for _, p in ctx.paragraphs
        if (at := _place(p.source)) is not None
        and at[:2] == start[:2]
        and at > start
        and (end is None or at < end)
    ]


SUBJECT_OF: dict[TableId, str] = {
    TableId.GOV_FUND: r"政府性?基金",
    TableId.SOE_CAPITAL: r"国有资本经营",
    TableId.THREE_PUBLIC: r"三公",
    TableId.PROCUREMENT: r"政府采购",
    TableId.ASSETS: r"资产",
}


def _explained(ctx: CheckContext, table: Table) -> bool:
    texts = list(table.notes) + _after(ctx, table)
    texts += [c.text for r in table.rows for c in r.cells.values()] + [r.label for r in table.rows]
    if any(empty_note().search(norm(t)) for t in texts):
        return True
    subject = SUBJECT_OF.get(table.id)
    if subject is None:
        return False
    return any(_gives_reason(norm(p.text), subject) for _, p in prose(ctx))


_SENTENCE_END = lazy(r"[。；！？]")


def _gives_reason(text: str, subject: str) -> bool:
    """A paragraph says why the table of ``subject`` is empty: a sentence naming the subject,
    or one after it in the same paragraph (before another table's subject is named), holds
    an empty-table phrase — “…政府性基金支出预算支出0万元。与上年相比持平。主要原因是本部门
    无此项支出。”"""
    others = [rx for rx in SUBJECT_OF.values() if rx != subject]
    named = False
    for sentence in _SENTENCE_END.split(text):
        if regex.compile(subject).search(sentence):
            named = True
        elif any(regex.compile(o).search(sentence) for o in others):
            named = False
        if named and empty_note().search(sentence):
            return True
    return False


class RequiredTableMissing(Rule):
    """检查什么
    部门预算（决算）公开包是否包含全部九张标准报表：收支总表、收入总表、支出总表、
    财政拨款收支总表、一般公共预算财政拨款支出表、一般公共预算财政拨款基本支出表、
    政府性基金预算财政拨款支出表、国有资本经营预算财政拨款支出表、“三公”经费支出表
    （决算为对应的九张决算表）。每缺一张报一条。地方模板另有规定的（如江苏省2017—2019年
    公开01—12表，多出财政拨款支出表、机关运行经费表、政府采购表，没有国有资本经营预算表），
    按该模板的表目检查；模板族及其表目写在 ``data/families.toml`` 中。

    为什么重要
    这九张表是部门预决算公开的法定内容；缺表是财政部门公开检查中“完整性”一项最常见的扣分点。
    一个表格都没有识别出来时（例如表格是图片），本规则不下结论，在覆盖情况中说明原因。
    目录列出或页面印有某表标题、但未能识别出该表时，不报“缺表”错误，只报一条警告
    “未识别出《…》”（指明页码和印刷标题），需要该表的规则在覆盖情况中注明原因。

    错误示例
    公开包里有收支总表、收入总表、支出总表……，但没有“部门预算国有资本经营预算财政拨款支出表”，
    理由是“本部门没有国有资本经营预算”。

    正确写法
    没有数据的表也照样列出，并在表下注明：
    “注：无国有资本经营预算财政拨款预算，空表列示。”
    """

    code = "YS501"
    name = "required-table-missing"
    title = "缺少必须公开的报表"
    severity = Severity.ERROR
    tags = ("completeness", *(t.value for t in REQUIRED))
    basis = (
        f"{OPS}：部门预决算应公开全部规定报表，没有数据的表格也应列示并说明（空表列示）；{LAW14}"
    )

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        have = {t.id for t in ctx.d.tables}
        if not have & set(REQUIRED):
            raise CannotRun(
                "未识别出任何标准公开表（表格可能是图片、扫描件或未被读取），无法判断是否缺表"
            )
        kind = ctx.d.kind or "预算"
        family = family_of(ctx.d)
        standard = family.required == REQUIRED
        which = f"部门{kind}公开" if standard else f"按{family.name}，部门{kind}公开"
        for tid in family.required:
            if tid in have:
                continue
            printed = ctx.unread(tid)
            if printed is not None:  # printed (目录 or title) but not read: not sure it is missing
                yield self.finding(
                    f"未识别出《{table_name(tid)}》：{where_printed(printed)}，但未能读取该表，"
                    "无法确认是否缺表；依赖此表的规则无法运行",
                    Location.at(printed.source, table=tid.value, table_title=printed.title),
                    expected="可识别的表",
                    actual="未识别",
                    severity=Severity.WARNING,
                )
                continue
            yield self.finding(
                f"缺少《{table_name(tid)}》：{which}应包含此表（无数据时也应空表列示并说明）",
                Location(table=tid.value, table_title=table_name(tid)),
                expected="有此表",
                actual="缺失",
            )


class EmptyTableWithoutNote(Rule):
    """检查什么
    一张有金额列的表没有任何金额（全部空白或全部为 0）时，表注、表内文字、表后紧跟的文字
    （PDF 中按页码和位置找表下的说明）或情况说明中是否说明了原因，例如“空表列示”“此表为空”
    “本部门无此项”“无政府性基金预算财政拨款预算”“无数据”（说法写在 ``data/phrases.toml``）。
    情况说明中，原因可以在点名该表（如“政府性基金”）的句子里，也可以在同一段中其后的句子里
    （“……政府性基金支出预算支出0万元。……主要原因是本部门无此项支出。”）。
    文件只有公开表、没有情况说明（分开发布的公开包的表格文件）时，原因可能写在说明文件中：
    只作提示（info），并请用 --package 与说明文件一起检查。

    为什么重要
    空表列示的要求是“列出并说明”：只有空表没有说明，读者无法分辨是本部门确实没有这类收支，
    还是数据漏填、表格导出失败。

    错误示例
    “部门预算政府基金预算财政拨款支出表”只有表头和空行，表下没有任何注释。

    正确写法
    表下注明：“注：无政府基金预算财政拨款预算，空表列示。”
    """

    code = "YS502"
    name = "empty-table-without-note"
    title = "空表未说明原因"
    severity = Severity.WARNING
    tags = ("completeness", "gov_fund", "soe_capital", "three_public", "procurement")
    basis = f"{OPS}：没有数据的表格应当列示空表并说明原因"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if not any(
            c.value
            for t in ctx.d.tables
            for r in t.rows
            for c in r.cells.values()
            if c.value is not None
        ):
            raise CannotRun(
                "所有表格都没有金额（可能是空白模板或表格未被读取），无法判断哪张是空表"
            )
        # a tables-only file of a split package (checked alone: a package is one Disclosure
        # whose parts name their files)
        alone = not any(t.source.file for t in ctx.d.tables)
        elsewhere = alone and not has_body(ctx)
        for table in ctx.d.tables:
            if table.id in (TableId.PERFORMANCE, TableId.ORG) or not table.amount_columns():
                continue
            if any(c.value for r in table.rows for c in r.cells.values() if c.value is not None):
                continue  # holds at least one non-zero amount
            if any(ctx.unreadable(table, r, c) for r in table.rows for c in table.amount_columns()):
                continue  # prints something that could not be read (YS610 names it): not empty
            if _explained(ctx, table):
                continue
            if elsewhere:  # the reason may be in the narrative file of the package
                yield self.finding(
                    f"《{table.title}》没有任何金额（空表），表注和表后文字没有说明原因；"
                    f"{TABLES_ONLY}（原因可能写在说明文件中）",
                    cell_location(table),
                    expected="空表并注明原因",
                    actual="本文件中无说明",
                    severity=Severity.INFO,
                )
                continue
            yield self.finding(
                f"《{table.title}》没有任何金额（空表），但表注、表后文字和情况说明都没有说明原因"
                "（如“本部门无此项预算，空表列示”）",
                cell_location(table),
                expected="空表并注明原因",
                actual="空表无说明",
            )
