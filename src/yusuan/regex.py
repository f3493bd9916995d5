"""Regular expressions: compiled once per process from a cache on disk, or when first used.

Python compiles a pattern in Python code (``re._parser.parse``, then ``re._compiler._code``);
only the last step, ``_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)``, is
C. A character class over the CJK block (``[\\u4e00-\\u9fff]``) alone costs about 2 ms, one
code point at a time, and a check of the example compiled about 220 patterns, 55–80 ms, anew
in every process (issue #17). :func:`compile` keeps the compiled form on disk the way Python
keeps bytecode in ``.pyc`` files, and builds the pattern from it with ``_sre.compile``
(about 2 µs a pattern)::

    TOTAL = compile(r"^(?:合计|总计)$")     # a real ``re.Pattern``, equal to re.compile's
    LEVEL = lazy(r"[（(]([类款项])[)）]")   # compiled (through compile) at its first use

**Every pattern in yusuan goes through this module**; ruff bans ``re.compile`` and the
``re`` functions that take a pattern string elsewhere in ``src/yusuan``. A pattern is
memoized per process: ``compile(p) is compile(p)``.

**Where the cache lives.** Beside the package's bytecode, as :mod:`yusuan.pycache` places
every file derived from the package's own: the ``__pycache__`` directory beside this module
(``sys.pycache_prefix`` honoured), in a file named with ``sys.implementation.cache_tag``
(``yusuan-patterns.cpython-311.marshal``). ``YUSUAN_CACHE=DIR`` moves it to another
directory, ``YUSUAN_CACHE=off`` turns it off (neither read nor written). Like bytecode, it is
read but never written when ``sys.dont_write_bytecode`` is set (``PYTHONDONTWRITEBYTECODE``,
``python -B``); a directory that cannot be written means no cache, silently.

**When an entry is used.** The file starts with a header: this module's format version,
``sys.hexversion``, ``sys.version``, the cache tag, ``_sre.MAGIC``, ``_sre.CODESIZE``,
``_sre.MAXREPEAT``, ``_sre.MAXGROUPS`` and ``sys.maxunicode`` (what ``_code`` and
``_sre.compile`` depend on: the ``re`` sources and the Unicode tables come with the
interpreter's version). A file whose header differs is ignored whole. Entries are keyed by
``(pattern, int(flags))``; an entry that does not unmarshal, has the wrong shape, or that
``_sre.compile`` refuses (it validates the code) is ignored and the pattern compiled as
``re`` would. A Python without ``re._parser.parse``/``re._compiler._code``/``_sre.compile``
gets plain ``re.compile``; so do ``re.DEBUG``, ``re.LOCALE`` and ``re.TEMPLATE`` patterns.
A cached pattern is ``==`` to ``re.compile(pattern, flags)`` (CPython compares the pattern,
the flags and the code) and matches the same.

**When the file is written.** Once, at interpreter exit (``atexit``), and only when this
process compiled a pattern the file lacked: the entries on disk then (another process may
have written since) merged with this process's, written to a temporary file in the same
directory and moved over the old one (:func:`yusuan.pycache.write_atomic`), so a reader sees the old file or the
new one, never half of one, and of processes writing at once the last one's file stays
whole. At most :data:`MAX_ENTRIES` entries and :data:`MAX_BYTES` bytes: when the merge would
exceed either, only this process's entries are kept (in the order it used them, as many as
fit), so patterns built from data cannot grow the file without end. The file is trusted as
``.pyc`` files are: whoever can write ``__pycache__`` can change the code anyway.

:func:`lazy` defines a module's pattern where it stood and compiles it at its first use::

    TOTAL = lazy(r"^(?:合计|总计)$")
    ...
    if TOTAL.match(label): ...

The stand-in answers ``.pattern`` without compiling (patterns are joined into others);
any other attribute compiles it once and from then on the methods are plain attributes
of the stand-in, so a use costs what it costs on the compiled pattern. It is not a
``re.Pattern``: pass ``X.pattern`` (not ``X``) to :func:`compile`, and use :func:`compile`
for a pattern told apart by identity (``m.re is X``).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from typing import Any, AnyStr, cast

from yusuan.pycache import cache_file, read_bytes, write_atomic

#: The cache file's format; a change of the entries' layout changes it.
FORMAT = 1
#: The most entries and bytes the file holds (a check of the example writes 216 entries,
#: 165 KB; checking the whole corpus 303, 228 KB).
MAX_ENTRIES = 2000
MAX_BYTES = 4 << 20
_PREFIX = b"yusuan compiled patterns\n"
#: Flags whose patterns are left to ``re.compile`` (printing, locale at match time, deprecated).
_PLAIN_FLAGS = int(re.DEBUG | re.LOCALE) | 1  # 1: SRE_FLAG_TEMPLATE (re.TEMPLATE until 3.12)

_sre: Any = sys.modules.get("_sre")
_compiler: Any = getattr(re, "_compiler", None)
_parser: Any = getattr(re, "_parser", None)
#: Whether this Python compiles patterns the way this module repeats (CPython 3.11+).
SUPPORTED = all(
    callable(getattr(m, name, None))
    for m, name in ((_sre, "compile"), (_compiler, "_code"), (_parser, "parse"))
)

Key = tuple[str | bytes, int]
#: The compiled patterns of this process.
_memo: dict[Key, re.Pattern[Any]] = {}
_plain: dict[str | bytes, re.Pattern[Any]] = {}  # those without flags, by pattern alone
#: The entries read from the file (marshalled, each unmarshalled when first asked for), and
#: the entries this process used, in order; whether it compiled any the file lacked.
_disk: dict[Key, bytes] | None = None
_used: dict[Key, bytes] = {}
_missed = False


def header() -> tuple[object, ...]:
    """What an entry's validity depends on, written at the head of the file."""
    return (
        FORMAT,
        sys.hexversion,
        sys.version,
        sys.implementation.cache_tag,
        getattr(_sre, "MAGIC", None),
        getattr(_sre, "CODESIZE", None),
        getattr(_sre, "MAXREPEAT", None),
        getattr(_sre, "MAXGROUPS", None),
        sys.maxunicode,
    )


def cache_path() -> str | None:
    """The cache file, or ``None`` when there is none (turned off, no bytecode cache)."""
    if not SUPPORTED:
        return None
    return cache_file(os.path.join(os.path.dirname(__file__), "yusuan-patterns"), "marshal")


def read(path: str | None) -> dict[Key, bytes]:
    """The entries of the file at ``path``; nothing if it is missing, foreign or damaged."""
    data = read_bytes(path) if path is not None else None
    if data is None or not data.startswith(_PREFIX):
        return {}
    try:
        head, entries = marshal.loads(data[len(_PREFIX) :])
    except (EOFError, ValueError, TypeError):
        return {}
    if head != header() or not isinstance(entries, dict):
        return {}
    return entries


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, built from the cache when it holds the pattern."""
    if not flags:  # the common case, one dict lookup (patterns built from data call this often)
        try:
            return _plain[pattern]
        except KeyError:
            pass
    key = (pattern, int(flags))
    try:
        return _memo[key]
    except KeyError:
        pass
    compiled = _build(pattern, key[1]) if isinstance(pattern, str | bytes) else None
    if compiled is None:
        compiled = re.compile(pattern, flags)
    _memo[key] = compiled
    if not key[1]:
        _plain[pattern] = compiled
    return compiled


def _build(pattern: Any, flags: int) -> re.Pattern[Any] | None:
    """The pattern from its cached code, or compiled and its code kept; ``None``: use re."""
    global _disk, _missed
    if not SUPPORTED or flags & _PLAIN_FLAGS:
        return None
    key = (pattern, flags)
    if _disk is None:
        _disk = read(cache_path())
    blob = _disk.get(key)
    if blob is not None and (compiled := decode(pattern, blob)) is not None:
        _used[key] = blob
        return compiled
    compiled, blob = encode(pattern, flags)
    if blob is None:  # not marshallable: this pattern is not kept
        return compiled
    _used[key] = blob
    if not _missed:
        _missed = True
        import atexit

        atexit.register(write)
    return compiled


def encode(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], bytes | None]:
    """The pattern compiled as ``re._compiler.compile`` does, and its cache entry: the other
    arguments of ``_sre.compile``, marshalled (``None`` if they cannot be)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry = (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    compiled = cast("re.Pattern[AnyStr]", _sre.compile(pattern, *entry))
    try:
        return compiled, marshal.dumps(entry)
    except ValueError:
        return compiled, None


def decode(pattern: AnyStr, blob: bytes) -> re.Pattern[AnyStr] | None:
    """The pattern built from its cache entry; ``None`` if the entry is damaged (it does not
    unmarshal, has the wrong shape, or ``_sre.compile`` refuses its code)."""
    try:
        entry = marshal.loads(blob)
        return cast("re.Pattern[AnyStr]", _sre.compile(pattern, *_checked(entry)))
    except Exception:
        return None


def _checked(entry: object) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """The cached arguments of ``_sre.compile``, if they have the shape it takes."""
    if not (isinstance(entry, tuple) and len(entry) == 5):
        raise ValueError("entry")
    flags, code, groups, groupindex, indexgroup = entry
    if not (
        type(flags) is int
        and type(code) is list  # each an int: _sre.compile checks, and validates the code
        and type(groups) is int
        and type(groupindex) is dict
        and type(indexgroup) is tuple
        and len(indexgroup) == groups + 1
    ):
        raise ValueError("entry")
    return flags, code, groups, groupindex, indexgroup


def bounded(disk: dict[Key, bytes], own: dict[Key, bytes]) -> dict[Key, bytes]:
    """The entries to write: ``disk`` and ``own`` merged, or ``own`` alone (as many as fit in
    :data:`MAX_ENTRIES` and :data:`MAX_BYTES`, in order) when the merge would not fit."""
    merged = {**disk, **own}
    if len(merged) <= MAX_ENTRIES and _size(merged) <= MAX_BYTES:
        return merged
    kept: dict[Key, bytes] = {}
    size = 0
    for key, blob in own.items():
        grows = _size({key: blob})
        if len(kept) >= MAX_ENTRIES or size + grows > MAX_BYTES:
            break
        kept[key] = blob
        size += grows
    return kept


def _size(entries: dict[Key, bytes]) -> int:
    """The bytes ``entries`` take in the file (within a few per entry)."""
    return sum(len(blob) + len(marshal.dumps(key)) + 6 for key, blob in entries.items())


def write() -> None:
    """Write the file if this process compiled patterns it lacked (registered at exit)."""
    path = cache_path()
    if not _missed or path is None or sys.dont_write_bytecode:
        return
    try:
        entries: Any = (header(), bounded(read(path), _used))
        data = _PREFIX + marshal.dumps(entries)
    except Exception:  # nothing is raised at exit: no cache, silently
        return
    write_atomic(path, data)


#: What the compiled pattern lends the stand-in after the first use.
_LENT = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A pattern and its flags; compiled by the first attribute asked for but ``pattern``."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for attributes not yet lent
        if name.startswith("__") or name in ("pattern", "_flags", "compiled"):
            raise AttributeError(name)  # copy/pickle probes; a half-built stand-in
        compiled = compile(self.pattern, self._flags)
        for attr in _LENT:
            self.__dict__[attr] = getattr(compiled, attr)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}{f', {self._flags}' if self._flags else ''})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``compile(pattern, flags)``, done at the first use of the result."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))


def compiled_yet(pattern: re.Pattern[str]) -> bool:
    """Whether a :func:`lazy` pattern has been compiled (a compiled pattern: ``True``)."""
    return not isinstance(pattern, LazyPattern) or "compiled" in vars(pattern)
