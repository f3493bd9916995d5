"""Rules: arithmetic (being written)."""

from __future__ import annotations
