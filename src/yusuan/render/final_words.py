"""The words of the 决算 text: the wording data, amounts, rates and comparisons.

:class:`FinalWords` holds what every section of the 决算 情况说明 needs: the package's
figures (:class:`~yusuan.render.narrative.Figures`), the input's stated changes, budgets
and reasons (:class:`~yusuan.render.final_inputs.FinalInputs`), the wording
(``data/narrative_final.toml``) and the placeholders left for the officer.  The sections
are written by :mod:`yusuan.render.final_matters` and :mod:`yusuan.render.narrative_final`.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from yusuan.amounts import Unit, convert
from yusuan.model import Disclosure, Row, Table, TableId
from yusuan.render.blocks import Block, Package, Para
from yusuan.render.final_inputs import FinalInputs, ItemBudget, path_key
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


def word(final: Decimal, budget: Decimal) -> str:
    return "大于" if final > budget else "小于"


class FinalWords:
    """Figures, inputs and wording of one 决算 package, and the placeholders left."""

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

    def figure(self, v: Decimal | None, what: str) -> str:
        """The amount as text, or a placeholder when the tables do not give it."""
        return self.money(v) if v is not None else self.ask("table", what=what)

    def versus(
        self, key: str, current: Decimal | None, what: str, reason_key: str = "reason"
    ) -> str:
        """与上年度相比，{what}增加X，增长Y%。主要原因：…。 (持平: no reason)."""
        delta = self.fi.changes.get(key)
        if delta is None:
            change = self.ask("prior")
            return self.say("versus", what=what, change=change) + self.say(
                reason_key, reason=self.ask("reason", what=f"{what}增减")
            )
        return self._change_text(key, current, self.wan(delta), what, reason_key)

    def _change_text(
        self, key: str, current: Decimal | None, delta: Decimal, what: str, reason_key: str
    ) -> str:
        if delta == 0:
            return self.say("versus", what=what, change=self.t["flat"])
        change = self.changed(current, delta)
        reason = self.fi.reasons.get(key) or self.ask("reason", what=f"{what}增减")
        return self.say("versus", what=what, change=change) + self.say(
            reason_key, reason=reason.rstrip("。")
        )

    def changed(self, current: Decimal | None, delta: Decimal) -> str:
        """增加X，增长Y% (the rate only when last year's figure is known and above zero)."""
        up = delta > 0
        text = self.say("change_up" if up else "change_down", amount=self.money(abs(delta)))
        prior = None if current is None else current - delta
        if prior is not None and prior > 0:
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
        w = word(final, budget)
        why = reason or self.ask("reason", what=f"决算数{w}预算数")
        return self.say("compare", word=w, reason=why.rstrip("。"))

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
