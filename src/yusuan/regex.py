"""Regular expressions compiled when first used, not when their module is imported.

Python compiles a pattern in Python code (``re._parser``, ``re._compiler``); a character
class over the CJK block (``[\\u4e00-\\u9fff]``) alone costs about 2 ms, one code point at
a time. Importing the rule catalogue compiled 75 patterns, a third of the catalogue's
import time, and a document uses only some of them (issue #17). :func:`lazy` defines a
module's pattern where it stood, as ``re.compile`` did, and compiles it at its first use::

    TOTAL = lazy(r"^(?:合计|总计)$")
    ...
    if TOTAL.match(label): ...

The stand-in answers ``.pattern`` without compiling (patterns are joined into others);
any other attribute compiles it once and from then on the methods are plain attributes
of the stand-in, so a use costs what it costs on the compiled pattern. It is not a
``re.Pattern``: pass ``X.pattern`` (not ``X``) to ``re`` functions, and keep
``re.compile`` for a pattern told apart by identity (``m.re is X``).
"""

from __future__ import annotations

import re
from typing import Any, cast

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
        compiled = re.compile(self.pattern, self._flags)
        for attr in _LENT:
            self.__dict__[attr] = getattr(compiled, attr)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}{f', {self._flags}' if self._flags else ''})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done at the first use of the result."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))


def compiled_yet(pattern: re.Pattern[str]) -> bool:
    """Whether a :func:`lazy` pattern has been compiled (a compiled pattern: ``True``)."""
    return not isinstance(pattern, LazyPattern) or "compiled" in vars(pattern)
