"""yusuan (预算): read, check, render and compare Chinese budget disclosures."""

__version__ = "0.1.0"
