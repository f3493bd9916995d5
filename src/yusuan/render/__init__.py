"""Renderers: check reports (text, html, json) and, later, the standard package."""
