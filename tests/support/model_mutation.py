"""Located mutations on a JSON model: the harness of ``tests/rules/test_mutation_models.py``
and ``bench/mutation_models.py``.

A document is parsed once and written as its JSON model (what ``yusuan parse --format json``
prints).  Each mutation changes one amount in that JSON — an amount cell by 1 万元 written in
its table's printed unit and decimals (``9,312.90`` 万元 → ``9,313.90``; ``94,995,790`` 元 →
``95,005,790``), or one amount the 情况说明 states +1 in its printed unit (``593.58万元`` →
``594.58万元``) — and the mutated file is loaded through the real JSON path
(:func:`yusuan.api.load`: validated, printed back, recognized) and checked.

``step="last"`` changes a cell by one unit of its last printed decimal instead (``9,312.90``
→ ``9,312.91``, ``94,995,790`` → ``94,995,791``).  That is within the rounding the rules
allow a sum of printed figures (half a unit of the last digit per figure: such a difference
is reported as 提示 “在四舍五入误差之内”, never as an error), so it measures the info
findings, not the error ones; ``bench/mutation_models.py --step last`` runs it.  A mutation is caught when a new error or warning points at it: for a cell, a
finding in the same table on its row (code or item) or in its column (the cell itself, or a
total it feeds); a finding in another table naming the mutated table and row in its message (a comparison
of two tables, reported at one of them: :func:`names`); for a stated amount, a finding on
its sentence.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.api import load
from yusuan.check import check
from yusuan.model import Disclosure
from yusuan.rules.base import Finding, Severity
from yusuan.rules.context import table_name

Key = tuple[str, str, str | None, str | None, str | None, str | None]


def key(f: Finding) -> Key:
    loc = f.location
    return (f.code, f.message, loc.table, loc.row_code, loc.row_item, loc.column)


def loud(d: Disclosure) -> dict[Key, Finding]:
    return {
        key(f): f for f in check(d).findings if f.severity in (Severity.ERROR, Severity.WARNING)
    }


def bump(text: str, step: Decimal | None = None) -> str:
    """``text`` + ``step`` (default: one unit of its last printed decimal), printed with the
    same decimals and separators (``1,234.5`` → ``1,234.6``)."""
    digits = text.strip()
    places = len(digits.split(".")[1]) if "." in digits else 0
    value = Decimal(digits.replace(",", "")) + (
        step if step is not None else Decimal(1).scaleb(-places)
    )
    return f"{value:,.{places}f}" if "," in digits else f"{value:.{places}f}"


#: 1 万元 in a table's printed unit
WAN_STEP = {"万元": Decimal(1), "元": Decimal(10000), None: Decimal(1)}


@dataclass(frozen=True)
class Target:
    """What a mutation changed: a cell (table, row code, row item, column key) or a sentence."""

    table: str | None = None
    code: str | None = None
    item: str | None = None
    column: str | None = None
    sentence: str | None = None


def points_at(f: Finding, t: Target) -> bool:
    loc = f.location
    if t.sentence is not None:
        return loc.text is not None and (loc.text == t.sentence or t.sentence in loc.text)
    if loc.table != t.table:
        return names(f, t)
    same_row = (t.code is not None and loc.row_code == t.code) or (
        loc.row_item is not None and loc.row_item == t.item
    )
    return same_row or loc.column == t.column


def names(f: Finding, t: Target) -> bool:
    """A finding located in another table that names the mutated cell in its message: a
    comparison of two tables reports at one of them and names the other's table and row
    (YS301 at the 支出总表: “收入总计”：支出总表“合计”与收入总表“金额”不一致)."""
    row = t.item or t.code
    return (
        t.table is not None
        and row is not None
        and table_name(t.table) in f.message
        and f"“{row}”" in f.message
    )


@dataclass(frozen=True)
class Mutation:
    label: str
    model: dict[str, Any]
    target: Target


class Harness:
    """One document: its JSON model and its findings through the JSON path."""

    def __init__(self, pdf: Path, step: str = "wan") -> None:
        self.pdf = pdf
        self.step = step
        self.text = load(pdf).model_dump_json()
        self.baseline = loud(self.load(self.text))

    @staticmethod
    def load(text: str) -> Disclosure:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.json"
            path.write_text(text, encoding="utf-8")
            return load(path)

    def fresh(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.text)
        return data

    def cells(self) -> Iterator[Mutation]:
        """Every amount cell with a value, +1 万元 in its table's unit (or ``step="last"``)."""
        base = self.fresh()
        for t, table in enumerate(base["tables"]):
            step = None if self.step == "last" else WAN_STEP.get(table["unit"], Decimal(1))
            amount = {c["index"]: c for c in table["columns"] if c["role"] == "amount"}
            for r, row in enumerate(table["rows"]):
                for k, cell in row["cells"].items():
                    if int(k) not in amount or cell["value"] is None:
                        continue
                    if not re.fullmatch(r"-?[\d,]+(?:\.\d+)?", cell["text"].strip()):
                        continue
                    model = self.fresh()
                    new = bump(cell["text"], step)
                    model["tables"][t]["rows"][r]["cells"][k].update(
                        text=new, value=str(Decimal(new.replace(",", "")))
                    )
                    col = amount[int(k)]
                    target = Target(table["id"], row["code"], row["item"], col["key"])
                    label = (
                        f"{table['id']}/{row['code'] or row['item']}/{col['key']} {cell['text']}"
                    )
                    yield Mutation(label, model, target)

    def stated(self, skip: set[tuple[str, str]] = frozenset()) -> Iterator[Mutation]:  # type: ignore[assignment]
        """Every amount the 情况说明 states but those in ``skip`` ((subject, text)), +1."""
        d = Disclosure.model_validate_json(self.text)
        seen: dict[tuple[str, str], int] = {}
        for s in d.narrative.stated:
            if s.kind == "percent" or (s.subject, s.text) in skip:
                continue
            nth = seen.get((s.sentence, s.text), 0)
            seen[(s.sentence, s.text)] = nth + 1
            number = re.match(r"[\d.,]+", s.text)
            if number is None:
                continue
            new_text = bump(number.group(0), Decimal(1)) + s.text[number.end() :]
            spots = [m.start() for m in re.finditer(rf"(?<![\d.,]){re.escape(s.text)}", s.sentence)]
            if nth >= len(spots):
                continue
            at = spots[nth]
            sentence = s.sentence[:at] + new_text + s.sentence[at + len(s.text) :]
            model = self.fresh()
            if not _replace_sentence(model["narrative"]["sections"], s.sentence, sentence):
                continue
            yield Mutation(f"{s.subject} {s.text}", model, Target(sentence=sentence))

    def caught(self, m: Mutation) -> bool:
        found = loud(self.load(json.dumps(m.model, ensure_ascii=False)))
        return any(points_at(f, m.target) for k, f in found.items() if k not in self.baseline)


def _replace_sentence(sections: list[dict[str, Any]], old: str, new: str) -> bool:
    """Replace the first paragraph text holding ``old`` (depth first); True when found."""
    for section in sections:
        for p in section.get("paragraphs", []):
            if old in p["text"]:
                p["text"] = p["text"].replace(old, new, 1)
                return True
        if _replace_sentence(section.get("children", []), old, new):
            return True
    return False


def sample(mutations: list[Mutation], n: int) -> list[Mutation]:
    """``n`` mutations evenly spread over ``mutations`` (all when there are fewer):
    deterministic, every table represented in proportion."""
    if len(mutations) <= n:
        return mutations
    step = len(mutations) / n
    return [mutations[int(i * step)] for i in range(n)]


# -- what the three documents of the test do not determine (issue #19) ------------------------
#: amount cells nothing in the file determines, by PDF name, with the reason.  Page 4 of the
#: Jiangsu extract (p. 18 of the corpus file) opens with the last rows of 公开07表, whose pages
#: (16–17) the extract leaves out: nothing to continue, so they are read as an untitled table
#: whose first row became its header, and no rule knows what such a table adds up to.  In the
#: whole corpus file the same rows continue 公开07表 and every one of their cells is caught
#: (``bench/mutation_models.py`` on the corpus file: all cells but the 政府采购预算表's).
CELLS_NOT_DETERMINED: dict[str, dict[str, str]] = {
    "jiangsu-2018-jianchayuan-dept-budget.pdf": {
        label: "rows of 公开07表 whose pages the extract leaves out"
        for label in (
            "unknown//221 22102",
            "unknown//3,660.38 3,660.38",
            "unknown//221 2210201",
            "unknown//3,660.38 1,073.77",
            "unknown//221 2210202",
            "unknown//3,660.38 2,586.61",
        )
    },
}

#: stated amounts (subject, text) of a 情况说明 that no table, no arithmetic of the prose and
#: no other stated amount determines, by PDF name (万里街道 2025 states 69 amounts)
STATED_NOT_DETERMINED: dict[str, set[tuple[str, str]]] = {
    "shanghai-putuo-2025-wanli-dept-budget-full.pdf": {
        # changes against 2024: no table prints the 2024 budget
        ("财政拨款收入", "3,355.65万元"),
        ("财政拨款支出预算", "3,355.65万元"),
        ("一般公共预算拨款支出预算", "3,355.65万元"),
        ("三公经费预算数", "10万元"),
        ("公务用车购置及运行费", "10万元"),
        ("公务用车购置费", "10万元"),
        # 政府采购: the package prints no 政府采购预算表 (YS414 is not applicable)
        ("政府采购预算", "4821.20万元"),
        ("政府采购货物预算", "57.43万元"),
        ("政府采购工程预算", "3780.72万元"),
        ("政府采购服务预算", "983.05万元"),
        ("面向中小企业预留政府采购项目预算", "1928.48万元"),
        ("预留给小型和微型企业的政府采购项目预算", "1349.94万元"),
        # the 49 绩效 projects' budget: no table lists the projects
        ("项目预算资金", "8825.98万元"),
        # the 单价 threshold of the asset counts, not an amount of the budget
        ("单价", "100万元"),
        ("部门预算安排购置单价", "100万元"),
        # one project's quarterly plan, printed in a 绩效 form the reader takes as prose
        ("第一季度用款计划", "15万元"),
        ("第二季度用款计划", "15万元"),
        ("第三季度用款计划", "15万元"),
        ("第四季度用款计划", "15万元"),
    },
}
