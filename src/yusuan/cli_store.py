"""CLI verbs of one area (store verbs: ingest, query, export, diff, compare); registered by :mod:`yusuan.cli`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
