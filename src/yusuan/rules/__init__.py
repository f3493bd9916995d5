"""The rule catalogue. Importing this package registers every rule.

Families (one module each, codes by hundreds):

- ``YS1xx`` arithmetic — totals inside one table (:mod:`yusuan.rules.arithmetic`)
- ``YS2xx`` hierarchy — 类/款/项 and economic codes (:mod:`yusuan.rules.hierarchy`);
  YS209–YS210 the codes against the year's 科目 catalogue (:mod:`yusuan.rules.catalog`)
- ``YS3xx`` across tables (:mod:`yusuan.rules.cross`)
- ``YS4xx`` prose against tables (:mod:`yusuan.rules.prose`)
- ``YS5xx`` completeness (:mod:`yusuan.rules.completeness`)
- ``YS6xx`` plausibility and wording (:mod:`yusuan.rules.wording`)
- ``YS7xx`` 绩效目标 (:mod:`yusuan.rules.performance`)
- ``YS8xx`` layout of the published file (:mod:`yusuan.rules.layout`)
"""

from __future__ import annotations

from yusuan.rules import (  # noqa: F401 - imported to register their rules
    arithmetic,
    catalog,
    completeness,
    cross,
    hierarchy,
    layout,
    performance,
    prose,
    wording,
)
from yusuan.rules.base import Rule, registry


def all_rules() -> list[type[Rule]]:
    """Every registered rule class, by code."""
    return list(registry().values())


def get_rule(code: str) -> type[Rule] | None:
    return registry().get(code.upper())
