"""Rules: hierarchy (being written)."""

from __future__ import annotations
