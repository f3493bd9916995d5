"""Blank templates: a stored file whose department is a placeholder (上海市普陀区XX局,
××单位, 某某部门) is the form a finance bureau hands out, not a disclosure.

It stays in the store (it can be opened and checked like any file) but is kept out of
rankings (``compare``, the overview's order) and out of a round's 问题清单. The placeholder
forms are those YS601 (template placeholder left in) looks for.
"""

from __future__ import annotations

from yusuan import regex

#: A placeholder in a department name: XX, xx, ××, ＸＸ, 某某.
PLACEHOLDER = regex.compile(r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])|某某")

#: The same test in DuckDB SQL, on a column expression (``department_name``).
_SQL_PATTERN = "(^|[^A-Za-z])[XxＸｘ×]{2,}([^A-Za-z]|$)|某某"


def is_template(department_name: str | None) -> bool:
    """Whether a department name is a template's placeholder."""
    return bool(department_name) and PLACEHOLDER.search(department_name or "") is not None


def not_template_sql(column: str = "d.department_name") -> str:
    """A SQL condition true for documents that are not blank templates."""
    return f"NOT regexp_matches(coalesce({column}, ''), '{_SQL_PATTERN}')"
