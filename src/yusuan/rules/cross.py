"""Rules: cross (being written)."""

from __future__ import annotations
