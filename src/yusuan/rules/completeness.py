"""Rules: completeness (being written)."""

from __future__ import annotations
