"""The ``yusuan`` command: a thin group of verbs over the library.

:mod:`yusuan.cli.registry` builds the app from one module per verb group;
:mod:`yusuan.cli.common` holds what the verbs share, :mod:`yusuan.cli.output` the files they write.
"""

from yusuan.cli.registry import app, main

__all__ = ["app", "main"]
