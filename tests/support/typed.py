"""Walk a record (yusuan.records) and list every field whose value is not of its annotated type.

The model's classes are plain dataclasses: nothing coerces a list to a tuple, a str to an enum,
an int to a Decimal at construction any more, so a reader that builds one with the wrong type
would go unnoticed until a rule calls ``.value`` on a str. ``mistyped`` finds such values.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from yusuan.records import Record


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fits(value: object, hint: Any) -> bool:
    """Whether ``value`` is of type ``hint`` (shallow: the caller walks into containers)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    if origin is typing.Union or origin is types.UnionType:
        return any(_fits(value, h) for h in typing.get_args(hint))
    if origin is typing.Literal:
        return any(type(value) is type(a) and value == a for a in typing.get_args(hint))
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_fits(v, args[0]) for v in value)
        return len(value) == len(args) and all(
            _fits(v, a) for v, a in zip(value, args, strict=True)
        )
    if origin is dict:
        k, v = typing.get_args(hint)
        return isinstance(value, dict) and all(
            _fits(a, k) and _fits(b, v) for a, b in value.items()
        )
    if hint is float:
        return type(value) is float
    if hint is int:
        return type(value) is int
    if hint is str:
        return type(value) is str
    if isinstance(hint, type) and issubclass(hint, Enum | Decimal | Record):
        return type(value) is hint
    return isinstance(value, hint)


def mistyped(record: Record, where: str = "") -> list[str]:
    """``path: value (annotation)`` for each field of ``record`` and the records inside it
    whose value does not have the annotated type."""
    out: list[str] = []
    todo: list[tuple[object, str]] = [(record, where)]
    while todo:
        value, at = todo.pop()
        if isinstance(value, Record):
            hints = _hints(type(value))
            for f in dataclasses.fields(value):  # type: ignore[arg-type]
                v = getattr(value, f.name)
                if not _fits(v, hints[f.name]):
                    out.append(f"{at}.{f.name}: {v!r:.80} ({hints[f.name]})")
                todo.append((v, f"{at}.{f.name}"))
        elif isinstance(value, tuple):
            todo.extend((v, f"{at}[{i}]") for i, v in enumerate(value))
        elif isinstance(value, dict):
            todo.extend((v, f"{at}[{k}]") for k, v in value.items())
    return out
