"""CLI verbs of one area (rendering verbs: template, render); registered by :mod:`yusuan.cli`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
