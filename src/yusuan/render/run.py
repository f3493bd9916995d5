"""Render a disclosure to the official package, behind the checker's gate.

:func:`render` composes the package (:func:`~yusuan.render.package.compose`),
checks it exactly as it will read back (the package lowered to the readers'
stream, recognized, then every rule), and writes the requested formats.  Any
error finding blocks the output (:class:`GateBlocked`); ``force=True`` writes it
anyway with 未通过校验 on every page.  Files are written next to their target
and renamed into place, so a failure never leaves half a file or clobbers a
good one.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from yusuan.check import Report, check
from yusuan.model import Disclosure
from yusuan.recognize import recognize
from yusuan.render.package import Package, compose, to_raw

FORMATS = ("xlsx", "docx", "html", "pdf")


class GateBlocked(Exception):
    """The package has error findings (or warnings, with ``strict``); nothing was written."""

    def __init__(self, report: Report, strict: bool = False) -> None:
        what = "warning" if strict and not report.has_errors else "error"
        super().__init__(f"{report.summary[what]} {what} finding(s)")
        self.report = report
        self.strict = strict


@dataclass
class Rendered:
    package: Package
    report: Report
    paths: list[Path]


def gate(pkg: Package) -> Report:
    """The check report of the package as it will read back."""
    return check(recognize(to_raw(pkg)))


def _writer(fmt: str) -> Callable[[Package, Path], Path]:
    if fmt == "xlsx":
        from yusuan.render.xlsx import write_xlsx

        return write_xlsx
    if fmt == "docx":
        from yusuan.render.docx import write_docx

        return write_docx
    if fmt == "html":
        from yusuan.render.html import write_html

        return write_html
    if fmt == "pdf":
        from yusuan.render.pdf import write_pdf

        return write_pdf
    raise ValueError(f"unknown format {fmt!r}")


def render(
    d: Disclosure,
    formats: Iterable[str],
    outdir: Path,
    force: bool = False,
    stem: str | None = None,
    overwrite: bool = True,
    strict: bool = False,
) -> Rendered:
    """Write ``d`` as the official package in each of ``formats`` into ``outdir``.

    With ``overwrite=False`` an existing target is :class:`FileExistsError` before any file
    is written; with ``strict=True`` a warning blocks like an error."""
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}")
    pkg = compose(d)
    report = gate(pkg)
    if report.has_errors or (strict and report.summary["warning"]):
        if not force:
            raise GateBlocked(report, strict)
        pkg.unverified = True
    outdir.mkdir(parents=True, exist_ok=True)
    stem = stem or pkg.title
    if not overwrite:
        for fmt in formats:
            if (outdir / f"{stem}.{fmt}").exists():
                raise FileExistsError(errno.EEXIST, "file exists", str(outdir / f"{stem}.{fmt}"))
    paths: dict[str, Path] = {}
    # the PDF first: its layout gives the docx 目录 its page numbers (``pkg.pages``)
    for fmt in sorted(formats, key=lambda f: f != "pdf"):
        target = outdir / f"{stem}.{fmt}"
        partial = outdir / f".{stem}.partial.{fmt}"
        try:
            _writer(fmt)(pkg, partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        paths[fmt] = target
    return Rendered(pkg, report, [paths[f] for f in formats])
