"""The ``yusuan`` command: a thin group of verbs over the library.

:mod:`yusuan.cli.entry` is the console script (a plain ``check`` without Typer);
:mod:`yusuan.cli.registry` builds the Typer app from one module per verb group;
:mod:`yusuan.cli.common` holds what the verbs share, :mod:`yusuan.cli.output` the files they write.
``app`` is imported from the registry when it is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yusuan.cli.entry import main

if TYPE_CHECKING:
    from yusuan.cli.registry import app

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from yusuan.cli.registry import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
