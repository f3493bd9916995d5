"""The standard forms of either kind: the 预算 set (:mod:`yusuan.render.standard`) and
the nine 部门决算 forms, read from ``data/final_forms.toml``.

The titles, headers and fixed rows of the 决算 tables are data (the Shanghai 2024
部门决算 blank form and the packages made from it): this module only turns each
``[[form]]`` entry into a :class:`~yusuan.render.standard.Form`, the same shape the
预算 forms have, so :func:`~yusuan.render.standard.empty_table`, the input workbook
and the renderer print both kinds alike.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from yusuan.model import TableId
from yusuan.render.standard import FORMS, ORG_FORM, Form, Spec, numbered

__all__ = ["FINAL_FORMS", "FINAL_ORG_FORM", "form", "forms", "load", "load_org", "org_form"]


def _spec(raw: Any) -> Spec:
    if isinstance(raw, str):
        return raw
    return (str(raw["label"]), [_spec(child) for child in raw["children"]])


def _form(raw: dict[str, Any]) -> Form:
    left = [str(x) for x in raw.get("left", [])]
    right = [str(x) for x in raw.get("right", [])]
    if raw.get("numbered"):
        left, right = numbered(tuple(left)), numbered(tuple(right))
    n = max(len(left), len(right))
    rows = [
        (left[i] if i < len(left) else "", right[i] if i < len(right) else "") for i in range(n)
    ]
    rows += [(str(a), str(b)) for a, b in raw.get("after", [])]
    return Form(
        id=TableId(raw["id"]),
        title=str(raw["title"]),
        header=tuple(_spec(h) for h in raw["header"]),
        rows=tuple(rows),
        empty_note=str(raw.get("empty_note", "")),
        two_sided=bool(raw.get("two_sided", False)),
        coded=bool(raw.get("coded", False)),
        note=str(raw.get("note", "")),
        blocks=int(raw.get("blocks", 1)),
    )


def _data(text: str | None) -> dict[str, Any]:
    if text is None:
        text = resources.files("yusuan").joinpath("data/final_forms.toml").read_text("utf-8")
    return tomllib.loads(text)


def load(text: str | None = None) -> tuple[Form, ...]:
    """The forms of ``text`` (default: the packaged ``data/final_forms.toml``), in order."""
    return tuple(_form(raw) for raw in _data(text)["form"])


def load_org(text: str | None = None) -> Form:
    """The 决算单位构成 form (``[org]``), the workbook's sheet of the units."""
    raw = _data(text)["org"]
    return _form({"id": TableId.ORG.value, **raw})


FINAL_FORMS: tuple[Form, ...] = load()
FINAL_ORG_FORM: Form = load_org()


def forms(kind: str | None = None) -> tuple[Form, ...]:
    """The standard forms of a 预算, or of a 决算 (``kind == "决算"``), in the standard order."""
    return FINAL_FORMS if kind == "决算" else FORMS


def form(table_id: TableId, kind: str | None = None) -> Form | None:
    return next((f for f in (*forms(kind), ORG_FORM) if f.id == table_id), None)


def org_form(kind: str | None = None) -> Form:
    """The 机构设置 form of a 预算, the 决算单位构成 form of a 决算."""
    return FINAL_ORG_FORM if kind == "决算" else ORG_FORM
