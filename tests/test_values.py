"""The dataclass methods written once (yusuan.values) behave as those ``@dataclass`` generates.

Every subclass of :class:`Value` (the records, the :class:`Frozen` values, the :class:`Mutable`
ones) is compared with a reference class built here by ``dataclasses.make_dataclass`` from the
same fields and the options the class had before #17's sixth round (``frozen=True`` for a
frozen class, ``eq=True, repr=True``): ``__init__``'s signature and what it sets, ``==``, ``!=``,
``hash``, ``repr``, assigning and deleting a field, pickling. Instances come from hypothesis
(any values: the methods do not look at types) and from real documents.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import yusuan.catalog.listing  # (these two define classes a check makes)
import yusuan.read.encoding  # noqa: F401
from support import REFERENCE
from yusuan.api import load
from yusuan.check import check
from yusuan.model import Disclosure, Source, TableId
from yusuan.records import Record
from yusuan.values import Frozen, Mutable, Value


def _subclasses(cls: type) -> list[type]:
    out: list[type] = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def _named(cls: type) -> bool:
    """The class its module names (not a local class, nor the class ``slots=True`` replaced)."""
    return getattr(sys.modules[cls.__module__], cls.__name__, None) is cls


CLASSES = sorted(
    {c for c in _subclasses(Value) if _named(c) and dataclasses.is_dataclass(c)},
    key=lambda c: f"{c.__module__}.{c.__qualname__}",
)


def _frozen(cls: type) -> bool:
    return issubclass(cls, Frozen) or bool(cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]


def _reference(cls: type) -> type:
    """The class as ``@dataclass`` made it before: same fields, generated methods."""
    specs: list[tuple[str, Any, Any]] = []
    for f in dataclasses.fields(cls):
        options: dict[str, Any] = {
            "init": f.init,
            "repr": f.repr,
            "hash": f.hash,
            "compare": f.compare,
            "metadata": f.metadata,
            "kw_only": f.kw_only,
        }
        if f.default is not dataclasses.MISSING:
            options["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            options["default_factory"] = f.default_factory
        specs.append((f.name, f.type, dataclasses.field(**options)))
    slots = "__slots__" in cls.__dict__ and not issubclass(cls, Frozen)  # @dataclass(slots=True)
    ref = dataclasses.make_dataclass(cls.__name__, specs, frozen=_frozen(cls), slots=slots)
    ref.__qualname__, ref.__module__ = cls.__qualname__, cls.__module__
    return ref


REFERENCES = {cls: _reference(cls) for cls in CLASSES}


def _outcome(fn: Callable[[], object]) -> tuple[str, object]:
    """What calling ``fn`` gives: its value, or the exception's class and message."""
    try:
        return ("value", fn())
    except Exception as exc:
        return (type(exc).__name__, str(exc))


def test_every_class_of_a_check_is_covered() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"Source", "Disclosure", "Finding", "Report", "Entry"} <= names  # records
    assert {"Figure", "SubjectFigure", "Listing", "Style", "ToCheck"} <= names  # Frozen
    assert {"RawCell", "RawDocument", "Meta", "Place", "Limits"} <= names  # Mutable, Value
    assert len(CLASSES) >= 53
    assert all(issubclass(c, Frozen) for c in _subclasses(Record))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
def test_init_signature_and_match_args(cls: type) -> None:
    ref = REFERENCES[cls]
    assert str(inspect.signature(cls)) == str(inspect.signature(ref))
    assert cls.__match_args__ == ref.__match_args__  # type: ignore[attr-defined]
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"  # type: ignore[misc]
    assert cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}(")  # documented


ATOMS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=3),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True, places=2),
    st.sampled_from([TableId.SUMMARY, TableId.REVENUE, Source(page=1), Source(page=2)]),
)
#: any value: tuples (hashable when their items are), lists and dicts (never hashable)
VALUES = st.recursive(
    ATOMS,
    lambda inner: (
        st.tuples(inner, inner)
        | st.lists(inner, max_size=2)
        | st.dictionaries(st.integers(0, 2), inner, max_size=2)
    ),
    max_leaves=4,
)


def _arguments(data: st.DataObject, cls: type) -> dict[str, Any]:
    """Values for the fields; a field with a default is sometimes left out."""
    out = {}
    for f in dataclasses.fields(cls):
        has_default = (
            f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        )
        if not has_default or data.draw(st.booleans()):
            out[f.name] = data.draw(VALUES)
    return out


def _other(data: st.DataObject, args: dict[str, Any]) -> dict[str, Any]:
    """Another instance's values: each the same object, an equal copy or a new value."""
    out = {}
    for name, value in args.items():
        how = data.draw(st.sampled_from(["same", "copy", "new"]))
        out[name] = (
            value if how == "same" else copy.deepcopy(value) if how == "copy" else data.draw(VALUES)
        )
    return out


def _values(obj: object) -> list[object]:
    return [getattr(obj, f.name) for f in dataclasses.fields(obj)]  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_methods_are_those_dataclass_generates(cls: type, data: st.DataObject) -> None:
    ref = REFERENCES[cls]
    a = _arguments(data, cls)
    b = _other(data, a)
    x, y, rx, ry = cls(**a), cls(**b), ref(**a), ref(**b)
    # __init__ sets the same values: those given, the same defaults, equal new factory ones
    for f, got, want in zip(dataclasses.fields(cls), _values(x), _values(rx), strict=True):  # type: ignore[arg-type]
        if f.name in a or f.default_factory is dataclasses.MISSING:
            assert got is want
        else:
            assert got is not want and type(got) is type(want) and got == want
    assert repr(x) == repr(rx) and repr(y) == repr(ry)
    assert _outcome(lambda: hash(x)) == _outcome(lambda: hash(rx))
    assert _outcome(lambda: x == y) == _outcome(lambda: rx == ry)
    assert _outcome(lambda: x != y) == _outcome(lambda: rx != ry)
    assert _outcome(lambda: x == x) == _outcome(lambda: rx == rx)
    assert x.__eq__(rx) is NotImplemented and rx.__eq__(x) is NotImplemented
    assert (x == 1) is False and (x != None) is True  # noqa: E711 (another class)
    name = dataclasses.fields(cls)[0].name if dataclasses.fields(cls) else "zz"  # type: ignore[arg-type]
    assert _outcome(lambda: setattr(x, name, 1)) == _outcome(lambda: setattr(rx, name, 1))
    assert _outcome(lambda: delattr(y, name)) == _outcome(lambda: delattr(ry, name))
    assert _outcome(lambda: setattr(x, "zz", 1)) == _outcome(lambda: setattr(rx, "zz", 1))
    if _frozen(cls):
        back = pickle.loads(pickle.dumps(x))
        assert type(back) is cls and repr(back) == repr(x)


@pytest.mark.parametrize(
    "cls", [c for c in CLASSES if issubclass(c, Mutable)], ids=lambda c: c.__qualname__
)
def test_a_mutable_value_containing_itself_prints_as_dataclasses_print_it(cls: type) -> None:
    first = dataclasses.fields(cls)[0].name  # type: ignore[arg-type]
    ref = REFERENCES[cls]
    args = {f.name: None for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    x, rx = cls(**args), ref(**args)
    setattr(x, first, [x])
    setattr(rx, first, [rx])
    assert repr(x) == repr(rx) and "..." in repr(x)
    with pytest.raises(TypeError, match="unhashable"):
        hash(x)


def _instances(obj: object, out: dict[type, list[object]]) -> None:
    if isinstance(obj, Value):
        out.setdefault(type(obj), []).append(obj)
        for value in _values(obj):
            _instances(value, out)
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            _instances(item, out)
    elif isinstance(obj, dict):
        for item in obj.values():
            _instances(item, out)


def test_on_real_documents(reference: Disclosure, final_parsed: Disclosure) -> None:
    """Every record of two documents and their reports: repr, hash and == as generated."""
    found: dict[type, list[object]] = {}
    for d in (
        reference,
        final_parsed,
        load(REFERENCE.parent / "jiangsu-2019-renda-dept-budget.pdf"),
    ):
        _instances(d, found)
        _instances(check(d), found)
    assert len(found) >= 15 and sum(len(v) for v in found.values()) > 5000
    for cls, items in found.items():
        ref = REFERENCES[cls]
        made = [ref(**{f.name: getattr(x, f.name) for f in dataclasses.fields(ref)}) for x in items]
        for x, rx in zip(items, made, strict=True):
            assert repr(x) == repr(rx)
            assert _outcome(lambda x=x: hash(x)) == _outcome(lambda rx=rx: hash(rx))  # type: ignore[misc]
        after = items[1:] + items[:1], made[1:] + made[:1]
        for (x, rx), (y, ry) in zip(
            zip(items, made, strict=True), zip(*after, strict=True), strict=True
        ):
            assert (x == y) == (rx == ry) and (x != y) == (rx != ry)
            twin = copy.copy(y)
            assert (x == twin) == (rx == ry)


def test_what_a_frozen_value_refuses() -> None:
    with pytest.raises(TypeError, match="__post_init__"):

        class WithPost(Frozen):
            a: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="set by __init__"):

        class NotInit(Frozen):
            a: int = dataclasses.field(default=0, init=False)

    with pytest.raises(TypeError, match="non-default argument 'b'"):

        class Order(Frozen):
            a: int = 0
            b: int  # type: ignore[misc]


def test_a_frozen_value_as_dataclasses_makes_one() -> None:
    class Point(Frozen):
        """A point."""

        x: int
        y: int = 0
        tags: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)

    class Keyed(Point, base=False):
        """A point with a key."""

        key: str = dataclasses.field(default="k", kw_only=True)

    stand_ins = Point.__eq__, Point.__hash__, Point.__repr__, Keyed.__eq__
    p = Point(1)
    assert Keyed(1, key="a") != Keyed(1, key="b")  # Keyed compiles its own, over its fields
    assert p == Point(1, 0, ["a"]) and p.tags == [] and p.tags is not Point(1).tags
    assert repr(p) == "test_a_frozen_value_as_dataclasses_makes_one.<locals>.Point(x=1, y=0)"
    assert hash(p) == hash((1, 0)) and p != Keyed(1)
    assert (
        str(inspect.signature(Keyed))
        == "(x: 'int', y: 'int' = 0, tags: 'list[str]' = <factory>, *, key: 'str' = 'k') -> None"
    )
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2  # type: ignore[misc]
    assert dataclasses.replace(p, y=3) == Point(1, 3)
    # compiled on the first call, each in its own class's place
    now = Point.__eq__, Point.__hash__, Point.__repr__, Keyed.__eq__
    assert all(a is not b for a, b in zip(stand_ins, now, strict=True))
    assert Keyed(1, key="a") == Keyed(1, key="a") and Keyed(1, key="a") != Keyed(1, key="b")

    class Undocumented(Frozen):
        a: int

    assert Undocumented.__doc__ == "Undocumented(a: 'int')"  # as dataclasses writes it

    class OwnEq(Frozen):
        """Equal by ``a`` alone, hashed over the fields as dataclasses does."""

        a: int
        b: int

        def __eq__(self, other: object) -> bool:
            return isinstance(other, OwnEq) and self.a == other.a

    assert OwnEq(1, 2) == OwnEq(1, 3) and hash(OwnEq(1, 2)) == hash((1, 2))
