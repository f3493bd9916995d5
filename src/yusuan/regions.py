"""A document's region (省 / 市 / 区县), as data (``data/regions.toml``).

The model holds no region of its own: it is read from the department's name, printed and
normalized (``Disclosure.department_name`` / ``department_canonical``), where a region
prints itself (上海市普陀区财政局, 中国共产党江苏省委员会办公厅). The longest listed form
found in a name decides, so a district beats its city. A name printing no listed form has
no region (``None``); regions are added to the data file, never by a code branch.
"""

from __future__ import annotations

from functools import cache

from yusuan.datafiles import data_toml


@cache
def _forms() -> tuple[tuple[str, str], ...]:
    """(form, region name) pairs, longest form first."""
    pairs = [
        (form, entry["name"])
        for entry in data_toml("regions.toml").get("region", [])
        for form in (entry["name"], *entry.get("forms", ()))
    ]
    return tuple(sorted(set(pairs), key=lambda p: (-len(p[0]), p[0])))


def region_of(*names: str | None) -> str | None:
    """The region the first of ``names`` that prints one names (the longest form wins)."""
    for name in names:
        if not name:
            continue
        compact = "".join(name.split())
        for form, region in _forms():
            if form in compact:
                return region
    return None
