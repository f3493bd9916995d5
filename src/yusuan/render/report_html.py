"""The check report as one self-contained Chinese HTML page (no outside requests)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from yusuan.check import Report
from yusuan.render.report_text import headline
from yusuan.rules.base import SEVERITY_ZH


def render_html(reports: list[Report]) -> str:
    env = Environment(
        loader=PackageLoader("yusuan", "render/templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    return template.render(reports=reports, headline=headline, severity_zh=SEVERITY_ZH)
