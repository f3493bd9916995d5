"""Table headings across the package: every table of the same year and the same department."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model import TableId
from yusuan.recognize.identity import normalize_name
from yusuan.regex import lazy
from yusuan.rules.base import CannotRun, Finding, Rule, Severity
from yusuan.rules.context import CheckContext
from yusuan.rules.cross.figures import FORM, key, table_location

DATED = set(TableId) - {TableId.PERFORMANCE, TableId.ORG, TableId.UNKNOWN}
_DEPT = lazy(r"^(?:(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：])?\s*(\d{3,9})?\s*(.*)$")
_YEAR_PRINTED = lazy(r"((?:19|20)\d{2})\s*年")


class TableYearMismatch(Rule):
    """检查什么
    每张表表头印的年度（“预算年度：2023”）和标题中的年份（“2023年部门收支总表”），应等于
    整套公开文件的年度（多数表所印的年度）。固定资产表可印上年末，不查其标题；绩效目标表、
    机构设置表和未识别的附表（如上年绩效自评表）不查。

    为什么重要
    沿用上年模板而忘改年度，是公开检查中常见的问题，读者会怀疑表中数据也是上年的。

    错误示例
    收支总表印“预算年度：2022”，其余各表印“预算年度：2023”。

    正确写法
    各表都印“预算年度：2023”。
    """

    code = "YS317"
    name = "table-year-mismatch"
    title = "表格年度与文件年度不符"
    tags = ("cross", "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure")
    basis = FORM

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        year = ctx.d.year
        if year is None:
            raise CannotRun("未识别出文件年度")
        for t in ctx.d.tables:
            if t.id not in DATED:
                continue  # 绩效目标表 titles may name a year in the project; other tables vary
            allowed = {year, year - 1} if t.id == TableId.ASSETS else {year}
            printed = [] if t.year is None else [(t.year, "表头")]
            if t.id != TableId.ASSETS:
                printed += [(int(y), "标题") for y in _YEAR_PRINTED.findall(t.title)]
            for y, where in printed:
                if y not in allowed:
                    loc = table_location(t, t.title if where == "标题" else None)
                    msg = f"《{t.title}》{where}所印年度 {y} 与文件年度 {year} 不符"
                    yield self.finding(msg, loc, expected=str(year), actual=str(y))


class TableDepartmentMismatch(Rule):
    """检查什么
    每张表表头印的编制部门（如“101平乡县人民代表大会常务委员会”）应与整套文件的部门
    （多数表所印的部门）相同：名称相同或互相包含，或是同一部门的简称与全称
    （中共江苏省委办公厅 = 中国共产党江苏省委员会办公厅，按 ``data/aliases.toml``），
    或编码是本部门编码下的所属单位编码。

    为什么重要
    套用其他部门的表格而忘改表头，会让读者怀疑这张表的数据是否属于本部门。
    简称、所属单位等情况难以一概而论，所以是警告。

    错误示例
    收支总表表头印“102平乡县人民政府办公室”，其余各表印“101平乡县人民代表大会常务委员会”。

    正确写法
    各表表头都印“101平乡县人民代表大会常务委员会”。
    """

    code = "YS318"
    name = "table-department-mismatch"
    title = "表格编制部门与文件部门不符"
    severity = Severity.WARNING
    tags = ("cross", "summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure")
    basis = FORM

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        name, code = ctx.d.department_name, ctx.d.department_code or ""
        if not name:
            cover = next((x for x in ctx.d.diagnostics if x.startswith("image-text page 1:")), "")
            why = "：封面（第1页）的文字是图片，读不出部门名称" if cover else ""
            raise CannotRun(f"未识别出文件的编制部门{why}")
        canonical = ctx.d.department_canonical or normalize_name(name)
        for t in ctx.d.tables:
            m = _DEPT.match(t.department.strip()) if t.department else None
            if m is None:
                continue
            tcode, tname = m.group(1) or "", key(m.group(2))
            same_name = bool(tname) and (
                tname in key(name)
                or key(name) in tname
                or key(normalize_name(tname)) == key(canonical)  # 中共… = 中国共产党…委员会…
            )
            if (same_name and (not tcode or not code or tcode.startswith(code))) or (
                code and tcode.startswith(code) and tcode != code  # a unit under the department
            ):
                continue
            msg = f"《{t.title}》表头编制部门“{t.department}”与文件部门“{code}{name}”不符"
            yield self.finding(
                msg, table_location(t, t.department), expected=f"{code}{name}", actual=t.department
            )
