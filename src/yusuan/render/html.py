"""The package as one self-contained HTML page (print-ready: A4, wide tables landscape).

No scripts, fonts or styles from outside.  Headings are ``h2``–``h5``; each table
is a ``<table>`` with merged header cells (rowspan/colspan), its title and meta
line printed above it and its notes below, as ``yusuan.read.html`` reads them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from yusuan import __version__
from yusuan.render.package import UNVERIFIED, Package


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("yusuan.render", "templates"),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    return env.get_template("package.html.j2")


def render_html(pkg: Package) -> str:
    """The HTML text of the package."""
    return _template().render(pkg=pkg, mark=UNVERIFIED, version=__version__)


def write_html(pkg: Package, path: Path) -> Path:
    path.write_text(render_html(pkg), encoding="utf-8")
    return path
