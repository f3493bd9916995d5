"""Dataclasses made cheaply: methods written once or compiled when first called, not at import.

``@dataclass`` writes the source of each method it adds (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, and a frozen class's ``__setattr__`` and ``__delattr__``) and
compiles it with ``exec`` when the class is created: about 0.1–0.2 ms a method on this
project's machine, ~1 ms a class, ~45 ms of a plain ``yusuan check`` (53 classes) before
#17's sixth round. Three bases do the same for less:

- :class:`Value`: ``==``, hash and repr written once for every class, over the class's
  fields (for ``@dataclass(eq=False, repr=False) class X(Value)``);
- :class:`Mutable`: the same, unhashable as a mutable ``@dataclass(eq=True)`` is;
- :class:`Frozen`, and :class:`yusuan.records.Record` on it: deriving from it makes the class
  a frozen dataclass with no decorator (mypy knows it through ``dataclass_transform``). The
  only method compiled at import is ``__init__``; ``__setattr__``/``__delattr__`` are written
  once; ``__eq__``, ``__hash__`` and ``__repr__`` are the generated source, compiled on their
  first call (a check compares or hashes 2 of its 42 frozen classes and prints none).

Each behaves as the generated method:

- ``a == b`` is ``NotImplemented`` unless ``b`` is of the very class of ``a``; else the tuples of
  the two instances' ``compare`` fields are compared (``(a.x, a.y) == (b.x, b.y)``, so an
  identical object counts as equal, as in a tuple);
- ``hash(a)`` is the hash of the tuple of the fields with ``hash=True``, or ``hash=None`` and
  ``compare=True`` (consistent with ``==``);
- ``repr(a)`` is ``QualName(x=…, y=…)`` over the ``repr`` fields, ``...`` for an instance met
  again while it is being printed.

``tests/test_values.py`` compares every subclass with the class ``@dataclass`` makes from the
same fields: signature, values set, ``==``, hash, repr, assignment, pickling.
"""

from __future__ import annotations

import dataclasses
import sys
import typing
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, dataclass_transform

_Key = Callable[[Any], tuple[Any, ...]]
#: per class: the tuple of the fields ``==`` compares, the tuple it hashes, the repr's names
_EQ_KEYS: dict[type, _Key] = {}
_HASH_KEYS: dict[type, _Key] = {}
_REPR_NAMES: dict[type, tuple[str, ...]] = {}


def _tuple_of(names: tuple[str, ...]) -> _Key:
    """A function giving the tuple of an instance's ``names`` attributes (as the generated
    methods' ``(self.a,self.b,)``)."""
    if len(names) > 1:
        many: _Key = attrgetter(*names)
        return many
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq_key(cls: type) -> _Key:
    key = _EQ_KEYS.get(cls)
    if key is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.compare)
        key = _EQ_KEYS[cls] = _tuple_of(names)
    return key


def _hash_key(cls: type) -> _Key:
    key = _HASH_KEYS.get(cls)
    if key is None:
        fields = dataclasses.fields(cls)
        names = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        key = _HASH_KEYS[cls] = _tuple_of(names)
    return key


def _repr_names(cls: type) -> tuple[str, ...]:
    names = _REPR_NAMES.get(cls)
    if names is None:
        names = _REPR_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.repr)
    return names


def _compiled(cls: type, name: str, source: str) -> Callable[..., Any]:
    """Compile ``source``, a method of ``cls`` named ``name``, in its module's namespace."""
    module = sys.modules.get(cls.__module__)
    made: dict[str, Any] = {}
    exec(source, module.__dict__ if module else {}, made)  # our own source, of fields' names
    fn: Callable[..., Any] = made[name]
    fn.__qualname__ = f"{cls.__qualname__}.{name}"
    return fn


def _fields_tuple(obj: str, names: tuple[str, ...]) -> str:
    """``(self.a,self.b,)``, as dataclasses writes a tuple of fields."""
    return f"({''.join(f'{obj}.{n},' for n in names)})" if names else "()"


def _on_first_call(
    cls: type, name: str, source: str, wrap: Callable[[Any], Any] | None = None
) -> Callable[..., Any]:
    """A stand-in for ``cls``'s method ``name``: its first call compiles ``source`` (the
    method ``@dataclass`` generates), puts it on the class in its place and returns its
    result; later calls run the compiled method itself. A class whose instances are never
    compared or hashed never compiles these."""

    def first(self: Any, *args: Any) -> Any:
        method = _compiled(cls, name, source)
        if wrap is not None:
            method = wrap(method)
        setattr(cls, name, method)
        return method(self, *args)

    first.__qualname__ = f"{cls.__qualname__}.{name}"
    return first


def _own_methods(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """Give a :class:`Frozen` class ``__eq__``, ``__hash__`` and ``__repr__`` of its own where
    dataclasses would add them, compiled on their first call (:func:`_on_first_call`): the
    same source, as quick to call, and paid for only by the classes a run compares, hashes or
    prints."""
    own = cls.__dict__
    if "__repr__" not in own:
        shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
        source = f'def __repr__(self):\n return self.__class__.__qualname__ + f"({shown})"\n'
        cls.__repr__ = _on_first_call(cls, "__repr__", source, recursive_repr())  # type: ignore[method-assign]
    if "__eq__" not in own:
        compared = tuple(f.name for f in fields if f.compare)
        source = (
            "def __eq__(self, other):\n"
            " if other.__class__ is self.__class__:\n"
            f"  return {_fields_tuple('self', compared)}=={_fields_tuple('other', compared)}\n"
            " return NotImplemented\n"
        )
        cls.__eq__ = _on_first_call(cls, "__eq__", source)  # type: ignore[method-assign]
    if "__hash__" not in own or ("__eq__" in own and own["__hash__"] is None):
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        source = f"def __hash__(self):\n return hash({_fields_tuple('self', hashed)})\n"
        cls.__hash__ = _on_first_call(cls, "__hash__", source)  # type: ignore[method-assign]


class Value:
    """The base of a dataclass whose ``==``, hash and repr are these (see the module)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        cls = self.__class__
        if other.__class__ is cls:
            key = _EQ_KEYS.get(cls) or _eq_key(cls)
            same: bool = key(self) == key(other)
            return same
        return NotImplemented

    def __hash__(self) -> int:
        cls = self.__class__
        return hash((_HASH_KEYS.get(cls) or _hash_key(cls))(self))

    @recursive_repr()
    def __repr__(self) -> str:
        cls = self.__class__
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in _repr_names(cls)])
        return f"{cls.__qualname__}({shown})"


class Mutable(Value):
    """The base of a mutable dataclass with :class:`Value`'s ``==`` and repr, unhashable as
    ``@dataclass(eq=True)`` makes it: ``@dataclass(eq=False, repr=False) class X(Mutable)``
    (``slots=True`` as the class likes)."""

    __slots__ = ()

    __hash__ = None  # type: ignore[assignment]


class _Factory:
    """The default of a parameter whose field has a ``default_factory`` (printed as
    dataclasses prints its own: ``<factory>``)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _frozen_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The ``__init__`` ``@dataclass(frozen=True)`` generates for ``fields``: the positional
    fields' parameters, then the keyword-only ones after ``*``, with the fields' defaults
    (``<factory>`` for a default factory, called when the argument is left out), each value
    set with ``object.__setattr__`` in the fields' order. Its ``exec`` is the one compiled
    method of a :class:`Frozen` class."""
    names = ["_y_set", "_y_factory"]
    values: list[object] = [object.__setattr__, _FACTORY]
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    defaulted = False
    for f in fields:
        name = f.name
        if not f.init or name == "self" or name.startswith("_y_"):
            raise TypeError(f"{cls.__qualname__}.{name}: a frozen value's field is set by __init__")
        param, value = name, name
        if f.default_factory is not dataclasses.MISSING:
            param = f"{name}=_y_factory"
            names.append(f"_y_f_{name}")
            values.append(f.default_factory)
            value = f"_y_f_{name}() if {name} is _y_factory else {name}"
        elif f.default is not dataclasses.MISSING:
            param = f"{name}=_y_d_{name}"
            names.append(f"_y_d_{name}")
            values.append(f.default)
        if f.kw_only:
            keyword.append(param)
        else:
            if defaulted and param == name:
                raise TypeError(f"non-default argument {name!r} follows default argument")
            defaulted = defaulted or param != name
            positional.append(param)
        body.append(f"  _y_set(self, {name!r}, {value})")
    params = ["self", *positional, *(["*", *keyword] if keyword else [])]
    source = (
        f"def _y_make({', '.join(names)}):\n"
        f" def __init__({', '.join(params)}):\n" + ("\n".join(body) or "  pass") + "\n"
        " return __init__\n"
    )
    module = sys.modules.get(cls.__module__)
    made: dict[str, Any] = {}
    exec(source, module.__dict__ if module else {}, made)  # our own source, of fields' names
    init: Callable[..., None] = made["_y_make"](*values)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return init


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
class Frozen(Value):
    """The base of a frozen dataclass made with one ``exec`` (its ``__init__``), not six.

    A subclass is a stdlib dataclass as ``@dataclass(frozen=True)`` (``kw_only=True`` when the
    base says :attr:`_KW_ONLY`, as :class:`yusuan.records.Record` does) makes it, with no
    decorator: mypy sees it so (``dataclass_transform``), and at run time ``__init_subclass__``
    has dataclasses collect the fields (``init=False, repr=False, eq=False``: nothing compiled),
    then compiles the same ``__init__`` as dataclasses would (:func:`_frozen_init`). ``==``,
    hash and repr are the generated ones compiled on their first call (:func:`_own_methods`),
    and ``__setattr__``/``__delattr__`` refuse as a frozen dataclass's do, raising
    :class:`dataclasses.FrozenInstanceError`. A field needs its
    ``__init__`` parameter (no ``init=False``), and there is no ``__post_init__``.

    ``__dataclass_params__`` says what dataclasses itself added (no ``__init__``, ``__eq__``,
    ``__repr__``, not frozen); the class behaves as ``frozen=True, eq=True, repr=True``.
    """

    __slots__ = ()

    #: make the subclasses' fields keyword-only
    _KW_ONLY: ClassVar[bool] = False

    def __init_subclass__(cls, *, base: bool = False, **kwargs: Any) -> None:
        """Make the class a dataclass, unless it is a ``base`` for others (``Record``)."""
        super().__init_subclass__(**kwargs)
        if base:
            return
        own = cls.__dict__
        documented = own.get("__doc__") is not None
        if hasattr(cls, "__post_init__"):  # dataclasses would call an inherited one too
            raise TypeError(f"{cls.__qualname__}: a frozen value has no __post_init__")
        dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=cls._KW_ONLY)
        fields = dataclasses.fields(typing.cast(Any, cls))
        if "__init__" not in own:  # a class's own is kept, as dataclasses keeps it
            cls.__init__ = _frozen_init(cls, fields)  # type: ignore[method-assign]
        _own_methods(cls, fields)
        if not documented:  # as dataclasses documents a class (once its __init__ is set)
            import inspect

            cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")

    if not TYPE_CHECKING:  # hidden from mypy, which sees the classes frozen (and typos)

        def __setattr__(self, name: str, value: object) -> NoReturn:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self, name: str) -> NoReturn:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
