"""The 决算 package's text: 概况, 情况说明 and 名词解释, composed from the numbers.

:func:`final_parts` lays a 决算 out as the official template does: 第一部分 概况 (主要职能,
决算单位构成), 第二部分 the 决算 tables, 第三部分 情况说明 (收入支出决算总体情况 …
其他重要事项), 第四部分 名词解释.  Every 决算数 is read from the package's own tables
(:class:`~yusuan.render.narrative.Figures`), so text and tables cannot disagree, and the
comparison words (大于/小于/等于, 增加/减少, 持平) follow the numbers.  Budgets, last year's
changes, reasons and counts come from :class:`~yusuan.render.final_inputs.FinalInputs`;
one the input lacks prints as a placeholder (``【待填写：…】``), never an invented figure or
reason, and is listed in ``Package.todo``.  The words are data
(``data/narrative_final.toml``).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Disclosure, Table, TableId
from yusuan.render.blocks import Block, Heading, Package, Para, Part, TableBlock, grid_of
from yusuan.render.final_inputs import FinalInputs
from yusuan.render.final_matters import FinalMatters
from yusuan.render.final_sheet import final_inputs
from yusuan.render.final_words import ZERO
from yusuan.render.inputs import Inputs


def is_org_table(t: Table) -> bool:
    """The 机构设置 / 单位构成 list (a table of 单位名称 without amounts)."""
    if t.id is TableId.ORG:
        return True
    return t.id is TableId.UNKNOWN and any(c.key == "单位名称" for c in t.columns)


class _Composer(FinalMatters):
    """The 概况 and sections 一 to 六 of the 情况说明."""

    # -- 第一部分 概况 -------------------------------------------------------------------------
    def overview(self, org: Table | None) -> list[Block]:
        o = self.w["overview"]
        out: list[Block] = [Heading(o["duties"], 2)]
        duties = [p for p in self.inputs.duties if p.strip()]
        out += [Para(p) for p in duties] or [Para(self.ask("duties"))]
        single = self.pkg.level == "单位"
        out.append(
            Heading(
                (o["structure_unit"] if single else o["structure_dept"]).format(**self.fields), 2
            )
        )
        if not single:
            out.append(Para(o["scope"].format(**self.fields)))
            out.append(Para(o["scope_units"].format(**self.fields)))
        if org is not None:
            if not org.title:
                org = org.model_copy(update={"title": o["org_title"].format(**self.fields)})
            out.append(TableBlock(org, grid_of(self.pkg, org)))
        elif self.inputs.org_text:
            out.append(Para(self.inputs.org_text))
        else:
            out.append(Para(self.ask("structure")))
        return out

    # -- 第三部分 情况说明 ---------------------------------------------------------------------
    def narrative(self) -> list[Block]:
        h = self.w["headings"]
        f, s = self.f, TableId.SUMMARY
        total = f.find(s, r"^(?:收入)?总计$", None, "收入")
        out: list[Block] = [Heading(h["total"], 2)]
        out.append(
            Para(
                self.say("total", total=self.figure(total, "收入支出总计"))
                + self.versus("total", total, "收入支出总计")
            )
        )
        out += [Heading(h["revenue"], 2), Para(self.revenue())]
        out += [Heading(h["expenditure"], 2), Para(self.expenditure())]
        fiscal = f.find(TableId.FISCAL_SUMMARY, r"^(?:收入)?总计$", None, "收入")
        out.append(Heading(h["fiscal"], 2))
        out.append(
            Para(
                self.say("fiscal", total=self.figure(fiscal, "财政拨款收入支出总计"))
                + self.versus("fiscal", fiscal, "财政拨款收入支出总计")
            )
        )
        out += [Heading(h["gpb"], 2), *self.gpb()]
        out += [Heading(h["basic"], 2), Para(self.basic())]
        out += [Heading(h["three"], 2), *self.three()]
        out += [
            Heading(h["gov_fund"], 2),
            *self.fund(TableId.GOV_FUND, "fund_none", "政府性基金预算财政拨款"),
        ]
        out += [
            Heading(h["soe"], 2),
            *self.fund(TableId.SOE_CAPITAL, "soe_none", "国有资本经营预算财政拨款"),
        ]
        out += [Heading(h["performance"], 2), Para(self.performance())]
        out += [Heading(h["other"], 2)]
        out += [Heading(h["running"], 3), Para(self.running())]
        out += [Heading(h["procurement"], 3), *self.procurement()]
        out += [Heading(h["assets"], 3), Para(self.assets())]
        return out

    def _shares(self, parts: list[tuple[str, Decimal]], whole: Decimal) -> str:
        return "；".join(
            self.say("share", name=n, amount=self.money(v), rate=self.rate(v, whole))
            for n, v in parts
        )

    def revenue(self) -> str:
        f, s = self.f, TableId.SUMMARY
        found = f.find(s, r"^本年收入合计$", None, "收入")
        if found is None:
            return self.ask("table", what="本年收入合计及其构成")
        total = found
        fiscal = sum(
            (
                f.cell(s, rx, None, "收入")
                for rx in (r"^一般公共预算", r"^政府性基金", r"^国有资本经营")
            ),
            ZERO,
        )
        parts = [("财政拨款收入", fiscal)]
        for name in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
            parts.append((name, f.cell(s, rf"^(?:事业单位)?{name}$", None, "收入")))
        kept = [(n, v) for n, v in parts if v != 0]
        if total == 0 or not kept:
            return self.say(
                "revenue", total=self.money(total), parts=self._shares(kept, total) or "无"
            )
        return self.say("revenue", total=self.money(total), parts=self._shares(kept, total))

    def expenditure(self) -> str:
        f, e = self.f, TableId.EXPENDITURE
        found = f.find(TableId.SUMMARY, r"^本年支出合计$", None, "支出")
        if found is None or not f.has(e):
            return self.ask("table", what="本年支出合计及其构成")
        total = found
        parts = [(k, f.cell(e, r"^合计$", k)) for k in ("基本支出", "项目支出")]
        for k in ("上缴上级支出", "经营支出", "对附属单位补助支出"):
            if (v := f.cell(e, r"^合计$", k)) != 0:
                parts.append((k, v))
        if total == 0:
            return self.say("expenditure", total=self.money(total), parts="无")
        return self.say("expenditure", total=self.money(total), parts=self._shares(parts, total))

    def gpb(self) -> list[Block]:
        h, f = self.w["headings"], self.f
        g = TableId.GPB_EXPENDITURE
        found = f.find(g, r"^合计$", "合计")
        if found is None:
            return [Para(self.ask("table", what="一般公共预算财政拨款支出决算数"))]
        total = found
        spent = f.cell(TableId.SUMMARY, r"^本年支出合计$", None, "支出")
        overall = (
            self.say("gpb_overall", total=self.money(total), rate=self.rate(total, spent))
            if spent
            else ""
        )
        out: list[Block] = [Heading(h["gpb_overall"], 3)]
        out.append(Para(overall + self.versus("gpb", total, "一般公共预算财政拨款支出")))
        t = f.tables.get(g)
        classes = (
            [
                (r.item, f.value(t, r, t.column("合计")))
                for r in t.rows
                if r.code and len(r.code) == 3
            ]
            if t
            else []
        )
        classes = [(n, v) for n, v in classes if v != 0]
        out.append(Heading(h["gpb_structure"], 3))
        if classes and total:
            parts = "；".join(
                self.say("class_share", name=n, amount=self.money(v), rate=self.rate(v, total))
                for n, v in classes
            )
            out.append(Para(self.say("gpb_structure", total=self.money(total), parts=parts)))
        else:
            out.append(Para(self.say("gpb_no_items", total=self.money(total))))
        out.append(Heading(h["gpb_items"], 3))
        why = self.fi.reasons.get("gpb_budget", "")
        clause, done, compare = self.budgets(self.fi.gpb_budgets, total, why)
        items = self._items(g, "合计")
        text = self.say("gpb_budget", budgets=clause, final=self.money(total), done=done) + compare
        out.append(Para(text + (self.t["items_follow"] if items else "")))
        out += self._item_blocks(items)
        return out

    def basic(self) -> str:
        f, b = self.f, TableId.GPB_BASIC
        personnel = f.find(b, r"^人员经费(?:合计)?$", None)
        public = f.find(b, r"^公用经费(?:合计)?$", None)
        if personnel is None:
            personnel = f.find(b, r"^合计$", "人员经费")
        if public is None:
            public = f.find(b, r"^合计$", "公用经费")
        if personnel is None or public is None:
            return self.ask("table", what="人员经费和公用经费决算数")
        total = f.find(TableId.GPB_EXPENDITURE, r"^合计$", "基本支出")
        total = personnel + public if total is None else total
        t = f.tables.get(b)
        people: list[str] = []
        goods: list[str] = []
        cols = t.amount_columns() if t is not None else []
        for r in t.rows if t is not None else ():
            # an economic 款 (5 digits) with an amount: 301/303 人员经费, the rest 公用经费
            if r.code and len(r.code) == 5 and any(r.value(c.index) for c in cols):
                (people if r.code[:3] in ("301", "303") else goods).append(r.item)
        return self.say(
            "basic",
            total=self.money(total),
            personnel=self.money(personnel),
            personnel_items="、".join(people) or "无",
            public=self.money(public),
            public_items="、".join(goods) or "无",
        )


def final_parts(
    pkg: Package, d: Disclosure, tables: list[Table], inputs: Inputs, fi: FinalInputs | None = None
) -> list[Part]:
    """The four parts of a 决算 package; placeholders left for the officer go to ``pkg.todo``."""
    c = _Composer(pkg, d, tables, inputs, fi or final_inputs(d))
    names = {k: v.format(**c.fields) for k, v in c.w["parts"].items()}
    org = next((t for t in d.tables if is_org_table(t) and t.rows), None)
    overview = Part(names["overview"], names["overview_toc"], c.overview(org))
    kept = [t for t in tables if not is_org_table(t)]
    table_part = Part(
        names["tables"], names["tables_toc"], [TableBlock(t, grid_of(pkg, t)) for t in kept]
    )
    narrative = Part(names["narrative"], names["narrative_toc"], c.narrative())
    glossary = inputs.glossary or list(c.w["glossary"])
    part4 = Part(names["glossary"], names["glossary_toc"], [Para(p) for p in glossary])
    pkg.todo += c.todo
    return [overview, table_part, narrative, part4]
