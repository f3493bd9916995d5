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

import re
import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, ClassVar

from yusuan.amounts import Unit, convert
from yusuan.model import Disclosure, PerformanceStatement, Row, Table, TableId
from yusuan.render.blocks import Block, Heading, Package, Para, Part, TableBlock, grid_of
from yusuan.render.final_inputs import FinalInputs, ItemBudget, collect_final, path_key
from yusuan.render.inputs import Inputs
from yusuan.render.narrative import Figures

ZERO = Decimal(0)
CENT = Decimal("0.01")
BASES = ("年初预算", "全年预算")


@cache
def wording() -> dict[str, Any]:
    """The 决算 wording (``data/narrative_final.toml``)."""
    text = resources.files("yusuan").joinpath("data/narrative_final.toml").read_text("utf-8")
    return tomllib.loads(text)


def is_org_table(t: Table) -> bool:
    """The 机构设置 / 单位构成 list (a table of 单位名称 without amounts)."""
    if t.id is TableId.ORG:
        return True
    return t.id is TableId.UNKNOWN and any(c.key == "单位名称" for c in t.columns)


def _word(final: Decimal, budget: Decimal) -> str:
    return "大于" if final > budget else "小于"


class _Composer:
    def __init__(
        self, pkg: Package, d: Disclosure, tables: list[Table], inputs: Inputs, fi: FinalInputs
    ) -> None:
        self.w = wording()
        self.t: dict[str, str] = self.w["text"]
        self.f = Figures(tables, d.unit or Unit.WAN)
        self.pkg, self.d, self.inputs, self.fi = pkg, d, inputs, fi
        year = str(pkg.year) if pkg.year else "本"
        prior = str(pkg.year - 1) if pkg.year else "上"
        self.fields = {"dept": pkg.department, "who": pkg.level, "year": year, "prior_year": prior}
        self.todo: list[str] = []

    # -- words ------------------------------------------------------------------------------------
    def say(self, key: str, **kw: str) -> str:
        return self.t[key].format(**{**self.fields, **kw})

    def ask(self, key: str, **kw: str) -> str:
        """A placeholder for the officer to fill (recorded in ``todo``)."""
        what = self.w["ask"][key].format(**{**self.fields, **kw})
        self.todo.append(what)
        return str(self.w["placeholder"].format(what=what))

    def money(self, v: Decimal) -> str:
        """An amount of the narrative's unit, two decimals (more only when it has more)."""
        exp = v.as_tuple().exponent
        q = v if isinstance(exp, int) and exp < -2 else v.quantize(CENT)
        return f"{q:f}{self.f.unit.value}"

    def wan(self, v: Decimal) -> Decimal:
        """An input amount (万元) in the narrative's unit."""
        return convert(v, Unit.WAN, self.f.unit)

    @staticmethod
    def rate(part: Decimal, whole: Decimal) -> str:
        return f"{(part / whole * 100).quantize(CENT):f}"

    def versus(self, key: str, current: Decimal, what: str, reason_key: str = "reason") -> str:
        """与上年度相比，{what}增加X，增长Y%。主要原因：…。 (持平: no reason)."""
        delta = self.fi.changes.get(key)
        if delta is None:
            change = self.ask("prior")
            return self.say("versus", what=what, change=change) + self.say(
                reason_key, reason=self.ask("reason", what=f"{what}增减")
            )
        return self._change_text(key, current, self.wan(delta), what, reason_key)

    def _change_text(
        self, key: str, current: Decimal, delta: Decimal, what: str, reason_key: str
    ) -> str:
        if delta == 0:
            return self.say("versus", what=what, change=self.t["flat"])
        change = self.changed(current, delta)
        reason = self.fi.reasons.get(key) or self.ask("reason", what=f"{what}增减")
        return self.say("versus", what=what, change=change) + self.say(
            reason_key, reason=reason.rstrip("。")
        )

    def changed(self, current: Decimal, delta: Decimal) -> str:
        """增加X，增长Y% (the rate only when last year's figure is above zero)."""
        up = delta > 0
        text = self.say("change_up" if up else "change_down", amount=self.money(abs(delta)))
        prior = current - delta
        if prior > 0:
            text += self.say("rate_up" if up else "rate_down", rate=self.rate(abs(delta), prior))
        return text

    def budgets(
        self, given: dict[str, Decimal], final: Decimal, reason: str = ""
    ) -> tuple[str, str, str]:
        """(预算 clause, 完成 clause, comparison sentence) of a 决算数 against its budgets."""
        if not given:
            clause = self.say("budget_is", basis=BASES[0], amount=self.ask("budget"))
            return clause, "", ""
        shown = {b: self.wan(v) for b, v in given.items()}
        clause = "，".join(
            self.say("budget_is", basis=b, amount=self.money(shown[b])) for b in BASES if b in shown
        )
        basis = "全年预算" if "全年预算" in shown else "年初预算"
        budget = shown[basis]
        done = self.say("done", basis=basis, rate=self.rate(final, budget)) if budget > 0 else ""
        return clause, done, self._compare(final, budget, reason)

    def _compare(self, final: Decimal, budget: Decimal, reason: str) -> str:
        if final == budget:
            return self.t["compare_flat"]
        word = _word(final, budget)
        why = reason or self.ask("reason", what=f"决算数{word}预算数")
        return self.say("compare", word=word, reason=why.rstrip("。"))

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
        total = f.cell(s, r"^(?:收入)?总计$", None, "收入")
        out: list[Block] = [Heading(h["total"], 2)]
        out.append(
            Para(
                self.say("total", total=self.money(total))
                + self.versus("total", total, "收入支出总计")
            )
        )
        out += [Heading(h["revenue"], 2), Para(self.revenue())]
        out += [Heading(h["expenditure"], 2), Para(self.expenditure())]
        fiscal = f.cell(TableId.FISCAL_SUMMARY, r"^(?:收入)?总计$", None, "收入")
        out.append(Heading(h["fiscal"], 2))
        out.append(
            Para(
                self.say("fiscal", total=self.money(fiscal))
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
        total = f.cell(s, r"^本年收入合计$", None, "收入")
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
        total = f.cell(TableId.SUMMARY, r"^本年支出合计$", None, "支出")
        parts = [(k, f.cell(e, r"^合计$", k)) for k in ("基本支出", "项目支出")]
        for k in ("上缴上级支出", "经营支出", "对附属单位补助支出"):
            if (v := f.cell(e, r"^合计$", k)) != 0:
                parts.append((k, v))
        if total == 0:
            return self.say("expenditure", total=self.money(total), parts="无")
        return self.say("expenditure", total=self.money(total), parts=self._shares(parts, total))

    def _items(self, tid: TableId, key: str) -> list[tuple[str, Row, Decimal]]:
        """(类（类）款（款）项（项）, row, 决算数) of each 项 with an amount, in table order."""
        t = self.f.tables.get(tid)
        if t is None:
            return []
        col = t.column(key) or next(iter(t.amount_columns()), None)
        names = {r.code: r.item for r in t.rows if r.code}
        out = []
        for r in t.rows:
            if not r.code or len(r.code) != 7:
                continue
            v = self.f.value(t, r, col)
            if v == 0:
                continue
            path = (
                f"{names.get(r.code[:3], '')}（类）{names.get(r.code[:5], '')}（款）{r.item}（项）"
            )
            out.append((path, r, v))
        return out

    def _item_blocks(self, items: list[tuple[str, Row, Decimal]]) -> list[Block]:
        out: list[Block] = []
        for n, (path, _row, final) in enumerate(items, 1):
            given = self.fi.items.get(path_key(path), ItemBudget())
            clause, done, compare = self.budgets(given.budgets, final, given.reason)
            use = given.use.rstrip("。") or self.ask("use")
            text = self.say(
                "item",
                n=str(n),
                path=path,
                use=use,
                budgets=clause,
                final=self.money(final),
                done=done,
            )
            out.append(Para(text + compare))
        return out

    def gpb(self) -> list[Block]:
        h, f = self.w["headings"], self.f
        g = TableId.GPB_EXPENDITURE
        total = f.cell(g, r"^合计$", "合计")
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
            personnel = f.cell(b, r"^合计$", "人员经费")
        if public is None:
            public = f.cell(b, r"^合计$", "公用经费")
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

    # -- 三公 ------------------------------------------------------------------------------------
    _THREE: ClassVar[dict[str, str]] = {
        "total": r"^(?:合计|“?三公”?经费(?:小计|合计))$",
        "abroad": r"因公出国",
        "car": r"公务用车购置及",
        "buy": r"公务用车购置费$|^购置费$",
        "run": r"(?<!购置及)运行(?:维护)?费$|运维费$",
        "host": r"公务接待",
    }

    def three_amount(self, key: str, which: str) -> Decimal | None:
        """The 三公 table's 预算数 / 决算数 (``which``) of one item: a column under the item's
        header (the 决算 form) or the item's row (a form with one row an item)."""
        t = self.f.tables.get(TableId.THREE_PUBLIC)
        if t is None:
            return None
        rx = re.compile(self._THREE[key])
        for c in t.amount_columns():
            segs = [s for s in c.path if s]
            if len(segs) < 2 or not segs[-1].startswith(which):
                continue
            name = segs[-2]
            hit = rx.search(name) is not None or (
                key == "car" and name == "小计" and "公务用车" in "".join(segs)
            )
            if hit:
                vals = [v for r in t.rows if (v := r.value(c.index)) is not None]
                return convert(vals[0], t.unit or Unit.WAN, self.f.unit) if vals else ZERO
        col = next((c for c in t.amount_columns() if c.key.startswith(which)), None)
        row = next(
            (r for r in t.rows if rx.search(re.sub(r"^[一二三四、其中：\s]+", "", r.item))), None
        )
        return None if col is None or row is None else self.f.value(t, row, col)

    def three(self) -> list[Block]:
        h = self.w["headings"]
        get = {
            k: (self.three_amount(k, "预算") or ZERO, self.three_amount(k, "决算") or ZERO)
            for k in self._THREE
        }
        if get["car"] == (ZERO, ZERO):
            get["car"] = (get["buy"][0] + get["run"][0], get["buy"][1] + get["run"][1])
        budget, final = get["total"]
        if budget == 0 and final == 0:
            return [Para(self.say("three_none"))]
        names = (
            ("abroad", "因公出国（境）费"),
            ("car", "公务用车购置及运行维护费支出"),
            ("host", "公务接待费支出"),
        )
        parts = "；".join(
            self.say(
                "three_part",
                name=n,
                final=self.money(get[k][1]),
                done=self.say("three_done", rate=self.rate(get[k][1], get[k][0]))
                if get[k][0] > 0
                else "",
            )
            for k, n in names
        )
        if final == budget:
            compare = self.t["three_compare_flat"]
        else:
            word = _word(final, budget)
            why = self.fi.reasons.get("three_budget") or self.ask(
                "reason", what=f"“三公”经费决算数{word}预算数"
            )
            compare = self.say("three_compare", word=word, reason=why.rstrip("。"))
        done = self.say("three_done", rate=self.rate(final, budget)) if budget > 0 else ""
        first = self.say(
            "three_overall",
            budget=self.money(budget),
            final=self.money(final),
            done=done,
            parts=parts,
            compare=compare,
        )
        delta = self.fi.changes.get("three")
        if delta is None:
            second = self.say("three_versus", change=self.ask("prior"))
        elif delta == 0:
            second = self.say("three_versus_flat")
        else:
            second = self.say("three_versus", change=self.changed(final, self.wan(delta)))
            why = self.fi.reasons.get("three") or self.ask("reason", what="“三公”经费增减")
            second += self.say("reason_is", reason=why.rstrip("。"))
        out: list[Block] = [
            Heading(h["three_overall"], 3),
            Para(first),
            Para(second),
            Heading(h["three_detail"], 3),
        ]
        if final > 0:
            shares = "；".join(
                self.say(
                    "three_share",
                    name=n.removesuffix("支出"),
                    amount=self.money(get[k][1]),
                    rate=self.rate(get[k][1], final),
                )
                for k, n in names
            )
            out.append(Para(self.say("three_shares", parts=shares)))
        c = self.fi.counts
        abroad = self.say("three_abroad", amount=self.money(get["abroad"][1]))
        if "groups" in c and "abroad_people" in c:
            abroad += self.say(
                "three_abroad_counts", groups=str(c["groups"]), people=str(c["abroad_people"])
            )
        car = self.say(
            "three_car",
            amount=self.money(get["car"][1]),
            buy=self.money(get["buy"][1]),
            run=self.money(get["run"][1]),
        )
        if "cars" in c:
            car += self.say("three_car_count", cars=str(c["cars"]))
        host = self.say("three_host", amount=self.money(get["host"][1]))
        if "batches" in c and "host_people" in c:
            host += self.say(
                "three_host_counts", batches=str(c["batches"]), people=str(c["host_people"])
            )
        return [*out, Para(abroad), Para(car), Para(host)]

    # -- 政府性基金 / 国有资本经营 -----------------------------------------------------------------
    def fund(self, tid: TableId, none_key: str, name: str) -> list[Block]:
        t = self.f.tables.get(tid)
        if t is None or not any(r.value(c.index) for r in t.rows for c in t.amount_columns()):
            return [Para(self.say(none_key))]
        income = self.f.cell(tid, r"^合计$", "本年收入")
        spent = self.f.cell(tid, r"^合计$", "合计")
        out: list[Block] = [
            Para(self.say("fund", name=name, income=self.money(income), spent=self.money(spent)))
        ]
        return out + self._item_blocks(self._items(tid, "合计"))

    # -- 绩效, 机关运行经费, 政府采购, 国有资产 -------------------------------------------------------
    def performance(self) -> str:
        by_kind: dict[str, PerformanceStatement] = {}
        for st in self.d.performance_statements:
            by_kind.setdefault(st.kind, st)
        parts = []
        for kind, key in (
            ("targets", "perf_targets"),
            ("tracking", "perf_tracking"),
            ("self_evaluation", "perf_self"),
        ):
            s = by_kind.get(kind)
            if s is None or s.projects is None or s.amount is None:
                continue
            text = self.say(key, n=str(s.projects), amount=self.money(self.wan(s.amount)))
            if kind == "self_evaluation":
                if s.average_score is not None:
                    text += self.say("perf_score", score=f"{s.average_score:f}")
                if s.grades:
                    grades = "；".join(
                        self.say("perf_grade", grade=g, n=str(n)) for g, n in s.grades
                    )
                    text += self.say("perf_grades", grades=grades)
            parts.append(text)
        process = "；".join(parts) if parts else self.ask("process")
        system = self.fi.system.rstrip("。；") or self.ask("system")
        return self.say("performance", system=system, process=process)

    def running(self) -> str:
        if self.fi.running is None:
            total_text = self.ask("running")
            return self.say("running", total=total_text) + self.say(
                "running_versus", change=self.ask("prior")
            )
        total = self.wan(self.fi.running)
        if total == 0:
            return self.say("running_none")
        text = self.say("running", total=self.money(total))
        delta = self.fi.changes.get("running")
        if delta is None:
            return text + self.say("running_versus", change=self.ask("prior"))
        if delta == 0:
            return text + self.say("running_flat")
        text += self.say("running_versus", change=self.changed(total, self.wan(delta)))
        why = self.fi.reasons.get("running") or self.ask("reason", what="机关运行经费增减")
        return text + self.say("reason_is", reason=why.rstrip("。"))

    def procurement(self) -> list[Block]:
        p = self.fi.procurement
        if not p:
            return [Para(self.ask("procurement"))]

        def amount(k: str) -> str:
            return self.money(self.wan(p[k])) if k in p else self.ask("procurement")

        keys = ("total", "goods", "works", "services")
        first = self.say("procurement", **{k: amount(k) for k in keys})
        keys2 = (
            "sme_reserved",
            "micro_reserved",
            "sme_awarded",
            "micro_awarded",
            "other_sme_awarded",
        )
        return [Para(first), Para(self.say("procurement_sme", **{k: amount(k) for k in keys2}))]

    def assets(self) -> str:
        v = self.fi.vehicles
        if not v and self.fi.devices is None:
            return self.ask("assets")
        kinds = "、".join(
            self.say("asset_kind", name=k, n=str(v[k]) if k in v else self.ask("assets"))
            for k in self.w["vehicle_kinds"]
        )
        cars = str(v[""]) if "" in v else self.ask("assets")
        devices = str(self.fi.devices) if self.fi.devices is not None else self.ask("assets")
        return self.say("assets", cars=cars, kinds=kinds, devices=devices)


def final_parts(
    pkg: Package, d: Disclosure, tables: list[Table], inputs: Inputs, fi: FinalInputs | None = None
) -> list[Part]:
    """The four parts of a 决算 package; placeholders left for the officer go to ``pkg.todo``."""
    c = _Composer(pkg, d, tables, inputs, fi or collect_final(d))
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
