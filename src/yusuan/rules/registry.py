"""The rule catalogue, built from each family's explicit ``RULES`` tuple.

Families (one package each, codes by hundreds):

- ``YS1xx`` arithmetic — totals inside one table (:mod:`yusuan.rules.arithmetic`)
- ``YS2xx`` hierarchy — 类/款/项 and the codes (:mod:`yusuan.rules.hierarchy`), with
  YS209–YS210 the codes against the year's 科目 catalogue (:mod:`yusuan.rules.hierarchy.catalogue`)
- ``YS3xx`` across tables (:mod:`yusuan.rules.cross`)
- ``YS4xx`` prose against tables (:mod:`yusuan.rules.prose`)
- ``YS5xx`` completeness (:mod:`yusuan.rules.completeness`)
- ``YS6xx`` plausibility and wording (:mod:`yusuan.rules.wording`)
- ``YS7xx`` 绩效目标 (:mod:`yusuan.rules.performance`)
- ``YS8xx`` layout of the published file (:mod:`yusuan.rules.layout`)

A rule is in the catalogue because its family lists it, not because its class was defined.
"""

from __future__ import annotations

from yusuan.rules.arithmetic import RULES as ARITHMETIC
from yusuan.rules.base import Rule
from yusuan.rules.completeness import RULES as COMPLETENESS
from yusuan.rules.cross import RULES as CROSS
from yusuan.rules.hierarchy import RULES as HIERARCHY
from yusuan.rules.layout import RULES as LAYOUT
from yusuan.rules.performance import RULES as PERFORMANCE
from yusuan.rules.prose import RULES as PROSE
from yusuan.rules.wording import RULES as WORDING

FAMILIES: tuple[tuple[type[Rule], ...], ...] = (
    ARITHMETIC,
    HIERARCHY,
    CROSS,
    PROSE,
    COMPLETENESS,
    WORDING,
    PERFORMANCE,
    LAYOUT,
)


def _by_code(families: tuple[tuple[type[Rule], ...], ...]) -> dict[str, type[Rule]]:
    """Every listed rule by code, in code order; a code listed twice is a programming error."""
    rules: dict[str, type[Rule]] = {}
    for family in families:
        for rule in family:
            if not rule.code:
                raise ValueError(f"{rule.__name__} has no rule code")
            if rule.code in rules:
                raise ValueError(
                    f"rule code {rule.code} used twice ({rules[rule.code].__name__}, {rule.__name__})"
                )
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


CATALOGUE: dict[str, type[Rule]] = _by_code(FAMILIES)
