"""YS209–YS210: the codes against the year's 科目 catalogue (official list, else other documents)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from yusuan.catalog import KINDS, Catalog, Listing, default_catalog, seen_label
from yusuan.codes import KIND_ZH, Kind
from yusuan.model import Row
from yusuan.rules.base import CannotRun, Finding, NotApplicable, Rule, Severity, cell_location
from yusuan.rules.context import CheckContext
from yusuan.rules.hierarchy.coded import CATALOGUE, CODED_TABLES, GUIDE, Coded, coded_sides

BASIS = CATALOGUE + "；" + GUIDE
IMPORT_HINT = "可用 yusuan catalog import 导入当年官方科目目录"


def catalog_of(ctx: CheckContext) -> Catalog:
    return ctx.catalog if ctx.catalog is not None else default_catalog()


def sides_with_year(ctx: CheckContext) -> tuple[int, list[Coded]]:
    """The document's year and its coded table sides, or :class:`CannotRun`."""
    sides = [s for s in coded_sides(ctx) if s.coded]
    if not sides:
        raise CannotRun("没有识别出带科目编码的表")
    if ctx.d.year is None:
        raise CannotRun("未识别出文件的年度，无法选用当年的科目目录")
    return ctx.d.year, sides


def listings(
    ctx: CheckContext, lookup: Callable[[Catalog, int, Kind], Listing | None]
) -> tuple[int, list[Coded], list[Kind], dict[Kind, Listing]]:
    """The year, the coded sides, the classifications (功能/经济) they use, and the listing
    ``lookup`` finds in the catalogue for each of those (the ones it finds)."""
    year, sides = sides_with_year(ctx)
    catalog = catalog_of(ctx)
    kinds = [k for k in KINDS if any(s.kind == k for s in sides)]
    found = {k: listing for k in kinds if (listing := lookup(catalog, year, k)) is not None}
    return year, sides, kinds, found


def own_hashes(ctx: CheckContext) -> tuple[str, ...]:
    """The checked document's SHA-256: the bundled entries only it gave are left out."""
    return (ctx.d.source.sha256,) if ctx.d.source else ()


def first_rows(sides: list[Coded]) -> Iterator[tuple[Coded, Row, str, str]]:
    """(side, row, code, printed name): the first row of each classification, code and name."""
    done: set[tuple[Kind, str, str]] = set()
    for side in sides:
        for row in side.coded:
            code, name = row.code or "", " ".join(row.item.split())
            if not name or (side.kind, code, name) in done:
                continue
            done.add((side.kind, code, name))
            yield side, row, code, name


def documents(listing: Listing, code: str) -> str:
    """The documents that print ``code``: ``a.pdf、b.pdf`` or ``a.pdf、b.pdf 等 5 份文件``."""
    labels = sorted({seen_label(s) for e in listing.by_code[code] for s in e.seen})
    shown = "、".join(labels[:2])
    return shown if len(labels) <= 2 else f"{shown} 等 {len(labels)} 份文件"


class CodeUnknownToCatalog(Rule):
    """检查什么
    表中每个科目编码（功能分类 3/5/7 位、经济分类 3/5 位）都应列在文件年度的官方
    《政府收支分类科目》中。本规则只在用户已用 ``yusuan catalog import`` 导入该年度、
    该分类的官方科目目录时运行（只核对已导入官方目录的分类）；一种分类也没有导入时记为
    “无法运行”并说明原因。每个编码只报告一次。

    为什么重要
    科目编码由财政部每年印发的《政府收支分类科目》统一规定，目录中没有的编码要么是
    录入错误（数字颠倒、位数错位），要么沿用了已经撤销或调整的旧科目，预算数据因此
    无法按科目汇总、比较。

    错误示例
    2023 年部门预算列示“2010150 人大代表履职能力提升”，而 2023 年科目目录中人大事务下
    没有 2010150（应为 2010107）。

    正确写法
    按当年《政府收支分类科目》填列：2010107 人大代表履职能力提升。
    """

    code = "YS209"
    name = "code-unknown-to-catalog"
    title = "科目编码不在当年官方科目目录中"
    severity = Severity.WARNING
    tags = ("hierarchy", "catalog", *CODED_TABLES)
    basis = BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        year, sides, kinds, lists = listings(ctx, Catalog.official)
        if not lists:
            what = "、".join(KIND_ZH[k] for k in kinds)
            # no official list is the normal case (none is published in machine form):
            # not applicable, with the way to make it apply
            raise NotApplicable(f"未导入 {year} 年{what}官方科目目录（{IMPORT_HINT}）")
        reported: set[tuple[Kind, str]] = set()
        for side, row, code, name in first_rows(sides):
            listing = lists.get(side.kind)
            if listing is None or listing.knows(code) or (side.kind, code) in reported:
                continue
            reported.add((side.kind, code))
            yield self.finding(
                f"《{side.table.title}》{KIND_ZH[side.kind]}科目编码 {code}（{name}）"
                f"不在 {year} 年官方科目目录（{listing.source}）中",
                cell_location(side.table, row),
                actual=code,
            )


class CodeNameDiffersFromCatalog(Rule):
    """检查什么
    表中科目编码所配的科目名称，应与文件年度科目目录中该编码的名称一致（忽略空白、引号和
    全角半角括号的差别）。已导入当年官方科目目录时，与官方名称不同为警告；没有官方目录时，
    与随本工具提供的“文件所见”目录（其他公开文件当年对同一编码印出的名称）比较，不同则给出
    提示，并列出其他文件的印法；被检查的文件本身（按文件内容的 SHA-256 识别）对目录的贡献
    不计入，文件不与自己比较。目录中没有的编码不在此列（见 YS209）。

    为什么重要
    科目名称由当年《政府收支分类科目》规定，名称与编码不符，说明编码或名称至少一处填错，
    或者沿用了过时的名称（如 2018 年起“医疗卫生与计划生育支出”改为“卫生健康支出”），
    读者无法判断这笔支出的口径。

    错误示例
    2023 年部门预算中“2010101 行政运行费”，而 2023 年科目目录中 2010101 为“行政运行”。

    正确写法
    2010101 行政运行。
    """

    code = "YS210"
    name = "code-name-differs-from-catalog"
    title = "科目名称与当年科目目录不符"
    severity = Severity.WARNING
    tags = ("hierarchy", "catalog", *CODED_TABLES)
    basis = BASIS

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        own = own_hashes(ctx)
        year, sides, _, lists = listings(
            ctx, lambda c, year, kind: c.official(year, kind) or c.seen(year, kind, exclude=own)
        )
        if not lists:
            raise NotApplicable(f"没有 {year} 年的科目目录（{IMPORT_HINT}）")
        for side, row, code, name in first_rows(sides):
            listing = lists.get(side.kind)
            if listing is None or not listing.knows(code) or listing.matches(code, name):
                continue
            names = "”或“".join(listing.names(code))
            if listing.official:
                message = (
                    f"《{side.table.title}》{KIND_ZH[side.kind]}科目 {code} 印作“{name}”，"
                    f"{year} 年官方科目目录（{listing.source}）中为“{names}”"
                )
            else:
                message = (
                    f"《{side.table.title}》{KIND_ZH[side.kind]}科目 {code} 印作“{name}”，"
                    f"其他文件 {year} 年印作“{names}”（{documents(listing, code)}）"
                )
            yield self.finding(
                message,
                cell_location(side.table, row),
                expected=listing.names(code)[0],
                actual=name,
                severity=None if listing.official else Severity.INFO,
            )
