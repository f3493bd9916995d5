"""The 决算 情况说明 sections after the 一般公共预算 ones: 三公, 政府性基金 and 国有资本经营,
预算绩效管理, 机关运行经费, 政府采购, 国有资产 (the official template's 七 to 十一).

The 三公 预算数 and 决算数 come from the 三公 table (a column under each item's header in the
决算 form, or a row an item); the counts (团组, 人次, 保有量, 接待批次) and the 政府采购 and
国有资产 figures are the input's, printed where it gives them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from yusuan import regex
from yusuan.amounts import Unit, convert
from yusuan.model import TableId
from yusuan.regex import lazy
from yusuan.render.blocks import Block, Heading, Para
from yusuan.render.final_inputs import FinalInputs, collect_perf
from yusuan.render.final_words import ZERO, FinalWords, word

_ITEM_LEAD = lazy(r"^[一二三四、其中：\s]+")


class FinalMatters(FinalWords):
    """Sections 七 to 十一 of the 决算 情况说明."""

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
        rx = regex.compile(self._THREE[key])
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
            (r for r in t.rows if rx.search(_ITEM_LEAD.sub("", r.item))),
            None,
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
        if not self.f.has(TableId.THREE_PUBLIC):
            return [Para(self.ask("table", what="“三公”经费预算数和决算数"))]
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
            w = word(final, budget)
            why = self.fi.reasons.get("three_budget") or self.ask(
                "reason", what=f"“三公”经费决算数{w}预算数"
            )
            compare = self.say("three_compare", word=w, reason=why.rstrip("。"))
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
        if t is None:
            return [Para(self.ask("table", what=f"{name}收入支出决算数"))]
        if not any(r.value(c.index) for r in t.rows for c in t.amount_columns()):
            return [Para(self.say(none_key))]
        income = self.f.cell(tid, r"^合计$", "本年收入")
        spent = self.f.cell(tid, r"^合计$", "合计")
        out: list[Block] = [
            Para(self.say("fund", name=name, income=self.money(income), spent=self.money(spent)))
        ]
        return out + self._item_blocks(self._items(tid, "合计"))

    # -- 绩效, 机关运行经费, 政府采购, 国有资产 -------------------------------------------------------
    def performance(self) -> str:
        fi = self.fi
        if not fi.perf_projects:  # inputs made by hand: the model's own 绩效 statements
            fi = FinalInputs(system=fi.system)
            collect_perf(self.d.performance_statements, fi)
        parts = []
        for kind, key in (
            ("targets", "perf_targets"),
            ("tracking", "perf_tracking"),
            ("self_evaluation", "perf_self"),
        ):
            n, amount = fi.perf_projects.get(kind), fi.perf_amounts.get(kind)
            if n is None or amount is None:
                continue
            text = self.say(key, n=str(n), amount=self.money(self.wan(amount)))
            if kind == "self_evaluation":
                if fi.perf_score is not None:
                    text += self.say("perf_score", score=f"{fi.perf_score:f}")
                if fi.perf_grades:
                    grades = "；".join(
                        self.say("perf_grade", grade=g, n=str(k)) for g, k in fi.perf_grades.items()
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
