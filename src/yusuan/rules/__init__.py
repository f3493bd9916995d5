"""The rule catalogue: :func:`all_rules` and :func:`get_rule` over :mod:`yusuan.rules.registry`.

Each family is a package (``yusuan.rules.arithmetic`` … ``yusuan.rules.layout``) whose
``__init__`` lists its rules in ``RULES``; the registry joins those lists in code order.
"""

from __future__ import annotations

from yusuan.rules.base import Rule
from yusuan.rules.registry import CATALOGUE


def all_rules() -> list[type[Rule]]:
    """Every rule class of the catalogue, by code."""
    return list(CATALOGUE.values())


def get_rule(code: str) -> type[Rule] | None:
    return CATALOGUE.get(code.upper())
