"""Rules: performance (being written)."""

from __future__ import annotations
