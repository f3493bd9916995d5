"""The base of the model's frozen dataclasses: pydantic's API, pydantic at the edges only.

Every value class of the model (:mod:`yusuan.model`), of a report (:mod:`yusuan.check`,
:mod:`yusuan.rules.base`) and of the code catalogue (:mod:`yusuan.catalog.entries`) is a
frozen, keyword-only stdlib dataclass deriving from :class:`Record`, with no decorator::

    class Source(Record):
        page: int | None = None

:class:`Record` is a :class:`yusuan.values.Frozen` base with keyword-only fields: deriving
from it makes the class what ``@dataclass(frozen=True, kw_only=True)`` made it — mypy sees it
so (``typing.dataclass_transform``), and at run time the class is a dataclass whose
``__init__`` is the one such a decorator generates, whose ``==``, hash and repr are the
generated ones compiled on their first call, and whose fields refuse assignment (:class:`dataclasses.FrozenInstanceError`). Creating a class so compiles one
method instead of six (#17: ~0.25 ms a class instead of ~1.2; :mod:`yusuan.values`).

Building one is a plain ``__init__``: no validation, no coercion (mypy strict checks every
construction instead), and importing the classes imports no pydantic. :class:`Record` gives
them the part of pydantic's ``BaseModel`` API the code uses, under the same names:

- :meth:`Record.model_copy` is ``dataclasses.replace`` without ``__init__`` (no validation,
  as pydantic's); a key that is not a field is refused;
- :meth:`Record.model_dump`, :meth:`Record.model_dump_json`, :meth:`Record.model_validate`
  and :meth:`Record.model_validate_json` go through a :class:`pydantic.TypeAdapter` of the
  class, built on first use and cached: pydantic is imported only when something serializes or
  validates (JSON output, the JSON reader, the store, the web). Its output is byte for byte
  what the former ``BaseModel`` classes printed;
- ``model_fields`` maps each field name to its :class:`dataclasses.Field`.

A class's validation settings are pydantic's ``ConfigDict`` keys in ``__pydantic_config__``, a
plain dict (pydantic reads it on stdlib dataclasses), ``{"extra": "forbid"}`` by default: the
JSON reader refuses a key the model does not have.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self, dataclass_transform

from yusuan.values import Frozen

if TYPE_CHECKING:
    from pydantic import TypeAdapter

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def adapter(cls: type) -> TypeAdapter[Any]:
    """The class's :class:`pydantic.TypeAdapter`, built once (this imports pydantic)."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def warm_adapters(*roots: type) -> None:
    """Build the adapters of ``roots`` and of every record class they hold, now (a test
    suite does this once, so that no timed test pays for pydantic's import and schemas)."""
    todo = list(roots)
    while todo:
        cls = todo.pop()
        if cls in _ADAPTERS:
            continue
        adapter(cls)
        hints = typing.get_type_hints(cls)
        todo.extend(t for t in _record_types(tuple(hints.values())) if t not in _ADAPTERS)


def _record_types(types: tuple[Any, ...]) -> list[type]:
    """The record classes named in ``types``, nested in unions and generics included."""
    out: list[type] = []
    for t in types:
        if isinstance(t, type) and issubclass(t, Record):
            out.append(t)
        out.extend(_record_types(typing.get_args(t)))
    return out


def field_names(cls: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, in their order (cached)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class _Fields:
    """``Cls.model_fields``: the fields by name, as pydantic's attribute of that name."""

    def __get__(self, obj: object, cls: type) -> dict[str, dataclasses.Field[Any]]:
        return {f.name: f for f in dataclasses.fields(cls)}


@dataclass_transform(
    frozen_default=True,
    kw_only_default=True,
    field_specifiers=(dataclasses.field, dataclasses.Field),
)
class Record(Frozen, base=True):
    """The base of a frozen dataclass of the model (see the module's docstring)."""

    __slots__ = ()

    _KW_ONLY: ClassVar[bool] = True

    #: pydantic's validation settings (``ConfigDict`` keys) for the JSON reader and the store
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    model_fields = _Fields()

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with ``update``'s fields replaced, unvalidated (as pydantic's ``model_copy``).

        Values cached on the instance (``functools.cached_property``) are not copied."""
        cls = type(self)
        names = field_names(cls)
        mine = self.__dict__
        values = {name: mine[name] for name in names}
        if update:
            unknown = [k for k in update if k not in values]
            if unknown:
                raise TypeError(f"{cls.__name__}.model_copy: no field {', '.join(unknown)}")
            values.update(update)
        new = object.__new__(cls)
        object.__setattr__(new, "__dict__", values)
        return new

    def model_dump(
        self, *, mode: Literal["python", "json"] = "python", **options: Any
    ) -> dict[str, Any]:
        """The fields as a dict (nested records as dicts); ``mode="json"`` gives JSON types.
        ``options`` are pydantic's (``exclude_none``, ``include``, …)."""
        out: dict[str, Any] = adapter(type(self)).dump_python(self, mode=mode, **options)
        return out

    def model_dump_json(self, *, indent: int | None = None, **options: Any) -> str:
        """The record as JSON text, as pydantic's ``BaseModel.model_dump_json`` prints it."""
        data: bytes = adapter(type(self)).dump_json(self, indent=indent, **options)
        return data.decode()

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        """Validate a dict (or a record) into this class; raises ``pydantic.ValidationError``."""
        out: Self = adapter(cls).validate_python(obj)
        return out

    @classmethod
    def model_validate_json(cls, data: str | bytes | bytearray) -> Self:
        """Validate JSON text into this class; raises ``pydantic.ValidationError``."""
        out: Self = adapter(cls).validate_json(data)
        return out


def is_record(value: object) -> bool:
    """True for an instance of a :class:`Record` dataclass."""
    return isinstance(value, Record)
