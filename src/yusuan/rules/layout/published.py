"""YS8xx: the layout of the published file — text that cannot be extracted, blank pages, tables
without a unit.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model import TableId
from yusuan.regex import lazy
from yusuan.rules.base import Finding, Location, NotApplicable, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext

GUIDE = (
    "《地方预决算公开操作规程》（财预〔2016〕143号）第三条：预决算公开应当以规范的形式"
    "公开，公开的内容应当完整、清晰、便于查阅"
)
_LINE = lazy(r"^(?P<kind>[a-z-]+) page (?P<page>\d+): (?P<zh>.*?)(?: / (?P<en>.*))?$")


def _diagnostics(ctx: CheckContext, kind: str) -> Iterator[tuple[int, str]]:
    found = [m for m in map(_LINE.match, ctx.d.diagnostics) if m and m.group("kind") == kind]
    if not found and (ctx.d.source is None or ctx.d.source.format != "pdf"):
        raise NotApplicable("不是 PDF 文件")
    for m in found:
        yield int(m.group("page")), m.group("zh")


class _PageDiagnostic(Rule):
    """A page the PDF reader flagged with a diagnostic named as the rule is
    (``blank-page page 3: 空白页 / blank page``): one finding a page, in the reader's words."""

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for page, zh in _diagnostics(ctx, self.name):
            yield self.finding(zh, Location(page=page))


class PdfTextNotExtractable(_PageDiagnostic):
    """检查什么
    PDF 中有页面的文字无法提取：字体缺少 Unicode 映射，字符提取出来是（cid:123）、
    U+FFFD 替换符或私用区码位；或整页只是一张图片，没有文字层。安装 OCR 组件
    （pip install 'yusuan[ocr]'）后，扫描页由 OCR 识别，不再在此报告；未安装时，
    报告指明页码和需要安装的组件。

    为什么重要
    公开文件应当能被阅读、检索和复制。文字提取不出来，读屏软件和检索都读不到，
    审查工具也无法核对这些页上的数字。《地方预决算公开操作规程》要求预决算以规范
    的形式公开、便于查阅。

    错误示例
    第12页的表格用了未嵌入 ToUnicode 映射的字体，复制出来是一串（cid:20）（cid:31）。

    正确写法
    导出 PDF 时嵌入字体并保留文字层（Word/WPS“另存为 PDF”，不要“打印为图片”），
    每页文字都能正确复制出来。
    """

    code = "YS801"
    name = "pdf-text-not-extractable"
    title = "PDF 页面文字无法提取（字体缺少 Unicode 映射或只有图片）"
    severity = Severity.WARNING
    tags = ("layout", "pdf")
    basis = GUIDE


class BlankPage(_PageDiagnostic):
    """检查什么
    公开文件中有空白页：页面上既没有文字，也没有表格线或图片。

    为什么重要
    空白页往往意味着某张表或某段说明在导出时丢失了（例如表格被挤到下一页后留下的
    空页，或本应有内容的附表没有导出），读者无从判断是否漏公开。《地方预决算公开
    操作规程》要求公开内容完整、形式规范。

    错误示例
    第3页是空白页，前后分别是目录和第一部分。

    正确写法
    删除多余的空白页；确实需要留空的表按规定写明“本表无数据”并说明原因。
    """

    code = "YS802"
    name = "blank-page"
    title = "公开文件中有空白页"
    severity = Severity.WARNING
    tags = ("layout", "pdf")
    basis = GUIDE


class TableUnitMissing(Rule):
    """检查什么
    印有金额的表格是否标明了金额单位（“单位：万元”“金额单位：元”，印在表上方、标题中、表头或表内；
    或在表头金额列名后括注，如“金额（万元）”“预算数（元）”，各列括注一致时即为本表单位，
    “单价（元）”等单项金额的括注不算）。
    没有标明的表，yusuan 按本公开包其他表的单位读取（``Table.unit_text`` 为空、``unit`` 取自
    文件），并在此提示。

    为什么重要
    同一公开包里元与万元并存很常见（如上海普陀的预算表按元、“三公”经费表按万元）；
    某张表不标单位，读者只能猜，猜错就是一万倍的差别。《地方预决算公开操作规程》要求
    公开内容清晰、便于查阅。

    错误示例
    《收入预算总表》表上只有“部门：××局”，没有“单位：万元”，而其他表都标了万元。

    正确写法
    每张表都在表头上方标明“单位：万元”（或“单位：元”）。
    """

    code = "YS803"
    name = "table-unit-missing"
    title = "表格没有标明金额单位"
    severity = Severity.WARNING
    tags = ("layout",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        money = [
            t
            for t in ctx.d.tables
            if t.amount_columns() and t.rows and t.id not in (TableId.PERFORMANCE, TableId.ORG)
        ]
        if not money:
            raise NotApplicable("没有印有金额的表格")
        for table in money:
            if table.unit_text:
                continue
            assumed = f"，已按本文件其他表的单位（{table.unit.value}）读取" if table.unit else ""
            yield self.finding(
                f"《{table.title or '未命名表格'}》没有标明金额单位{assumed}",
                cell_location(table),
                expected="单位：万元 或 单位：元",
                actual="未标单位",
            )
