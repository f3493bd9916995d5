"""YS427: a 科目 named in the prose by another year's name (``data/renames.toml``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from yusuan.datafiles import data_toml
from yusuan.regex import lazy
from yusuan.rules.base import CannotRun, Finding, Location, NotApplicable, Rule
from yusuan.rules.context import CheckContext, norm
from yusuan.rules.prose.figures import GUIDE
from yusuan.values import Frozen


class Rename(Frozen):
    """A 科目 renamed: its old name up to ``until``, its new name after."""

    code: str
    old: str
    new: str
    until: int  # the last year of the old name

    def names(self, year: int) -> tuple[str, str]:
        """(the name in use in ``year``, the other period's name)."""
        return (self.old, self.new) if year <= self.until else (self.new, self.old)


@cache
def renames() -> tuple[Rename, ...]:
    return tuple(Rename(**r) for r in data_toml("renames.toml")["rename"])


_STOP = lazy(r"[。！？；;]")


def _used_at(text: str, other: str, current: str) -> int:
    """Where ``text`` first names a 科目 ``other``, outside a sentence that also names it
    ``current`` (the rename explained: “医疗卫生与计划生育支出更名为卫生健康支出”); -1 if nowhere."""
    at = text.find(other)
    while at >= 0:
        start = max((m.end() for m in _STOP.finditer(text, 0, at)), default=0)
        stop = _STOP.search(text, at)
        if current not in text[start : stop.start() if stop else len(text)]:
            return at
        at = text.find(other, at + len(other))
    return -1


class SubjectNamedByOtherYear(Rule):
    """检查什么
    情况说明用另一年度的名称称呼一个功能分类科目，而本文件的表格印的是当年名称，例如2019年
    以后的文件写“医疗卫生与计划生育支出”（210 类自2019年起称“卫生健康支出”），或2018年及以前
    的文件写“卫生健康支出”。更名表写在 ``data/renames.toml`` 中（代码、旧名、新名、旧名最后
    使用的年度）；表格没有印出当年名称时不报，同一句也写出当年名称（交代更名）时不报。

    为什么重要
    科目名称随《政府收支分类科目》更新；沿用旧名说明文字照搬了旧年度文本，与表格对不上，
    公开检查把它记为“科目名称不规范”。

    错误示例
    2023年部门决算说明：“医疗卫生与计划生育支出（类）行政事业单位医疗（款）……”，
    而支出决算表印的是“210 卫生健康支出”。

    正确写法
    “卫生健康支出（类）行政事业单位医疗（款）……”。
    """

    code = "YS427"
    name = "subject-named-by-other-year"
    title = "情况说明沿用其他年度的科目名称"
    tags = ("prose", "classification")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        year = ctx.d.year
        if year is None:
            raise CannotRun("未识别出文件年度，无法判断科目名称所属年度")
        if not ctx.paragraphs:
            raise NotApplicable("没有情况说明文字")
        printed = {norm(r.item) for t in ctx.d.tables for r in t.rows if r.item}
        for rn in renames():
            current, other = rn.names(year)
            if current not in printed:
                continue  # the tables do not print this year's name: nothing to hold it to
            for path, p in ctx.paragraphs:
                text = norm(p.text)
                at = _used_at(text, other, current)
                if at < 0:
                    continue
                yield self.finding(
                    f"情况说明写“{other}”，{year}年该科目（{rn.code}）名为“{current}”，"
                    "表格印的也是当年名称",
                    Location.at(
                        p.source,
                        section=" / ".join(path) or None,
                        text=text[max(0, at - 10) : at + len(other) + 10],
                    ),
                    expected=current,
                    actual=other,
                )
