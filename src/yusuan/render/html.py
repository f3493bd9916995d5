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
from yusuan.render.package import UNVERIFIED, Package, Part, TableBlock


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("yusuan.render", "templates"),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    return env.get_template("package.html.j2")


def anchors(pkg: Package) -> tuple[list[tuple[int, str, str]], dict[int, str]]:
    """The 目录 entries with the id each links to, and the id of each part, listed section
    heading and table block (keyed by ``id()``): ``part-1``…, ``section-1``…, ``table-1``…
    in the order of ``pkg.toc()``."""
    toc: list[tuple[int, str, str]] = []
    ids: dict[int, str] = {}
    count = {"part": 0, "section": 0, "table": 0}
    for level, text, target in pkg.toc_blocks():
        kind = (
            "part"
            if isinstance(target, Part)
            else "table"
            if isinstance(target, TableBlock)
            else "section"
        )
        count[kind] += 1
        ids[id(target)] = f"{kind}-{count[kind]}"
        toc.append((level, text, ids[id(target)]))
    return toc, ids


def render_html(pkg: Package) -> str:
    """The HTML text of the package."""
    toc, ids = anchors(pkg)
    return _template().render(
        pkg=pkg, toc=toc, anchor=lambda b: ids.get(id(b), ""), mark=UNVERIFIED, version=__version__
    )


def write_html(pkg: Package, path: Path) -> Path:
    path.write_text(render_html(pkg), encoding="utf-8")
    return path
