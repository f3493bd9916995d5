"""The library entry points behind the CLI verbs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from yusuan.collector import collector_paused
from yusuan.model import Disclosure, Source, SourceFile
from yusuan.paths import StrPath
from yusuan.read import MAX_BYTES, read_path
from yusuan.read.raw import Block, RawDocument
from yusuan.recognize import recognize

if TYPE_CHECKING:
    from pathlib import Path


def load(path: StrPath, max_bytes: int = MAX_BYTES) -> Disclosure:
    """Read and recognize one file. Raises :class:`~yusuan.errors.InputError`.

    A file in which no table and no narrative is recognized is refused too: it
    is not a budget disclosure.
    """
    from yusuan.errors import InputError

    raw, source = _read(path, max_bytes=max_bytes)
    with collector_paused():
        disclosure = recognize(raw, source)
    if not any(t.rows or t.columns for t in disclosure.tables) and not disclosure.narrative.stated:
        raise InputError(
            "未识别到任何预决算表格或情况说明，这不像是部门预决算公开文件",
            "no budget table or narrative recognized: this does not look like a budget disclosure",
        )
    return disclosure


def _read(path: StrPath, max_bytes: int = MAX_BYTES) -> tuple[RawDocument, SourceFile]:
    """Read one file; a JSON model is printed back to blocks (:mod:`yusuan.render.lowered`)."""
    raw, source = read_path(path, max_bytes=max_bytes)
    if raw.model is not None:  # only then: rendering is not imported to read a published file
        from yusuan.render.lowered import lowered

        with collector_paused():  # as many objects as the model: printed back as recognized
            raw = lowered(raw)
    return raw, source


#: File name endings a package folder is searched for.
PACKAGE_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".txt")


def package_files(paths: Sequence[StrPath]) -> list[Path]:
    """The files of a package: each path, a folder standing for its files (sorted by name)."""
    from pathlib import Path

    from yusuan.errors import InputError

    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in PACKAGE_SUFFIXES)
            if not found:
                raise InputError(
                    f"文件夹 {path} 中没有可读取的文件", f"no readable file in the folder {path}"
                )
            out.extend(found)
        else:
            out.append(path)
    return out


def load_package(paths: Sequence[StrPath], max_bytes: int = MAX_BYTES) -> Disclosure:
    """Read the parts of one package (e.g. the 情况说明 PDF and the 公开表 PDF) as one disclosure.

    The parts are read in the order given (a folder: its files by name) and their
    paragraphs and tables recognized together, so the narrative of one file is
    checked against the tables of another.  Page numbers stay those of each part, and
    every source names its part (``Source.file``);
    ``Disclosure.source`` names all parts (``a.pdf + b.pdf``) with the SHA-256 of
    their hashes, and each part's diagnostics are prefixed with its file name.
    """
    import hashlib

    from yusuan.errors import InputError

    files = package_files(paths)
    if len(files) == 1:
        return load(files[0], max_bytes=max_bytes)
    blocks: list[Block] = []
    diagnostics: list[str] = []
    sources: list[SourceFile] = []
    for path in files:
        try:
            raw, source = _read(path, max_bytes=max_bytes)
        except InputError as exc:
            raise InputError(f"{path.name}：{exc.zh}", f"{path.name}: {exc.en}") from exc
        blocks.extend(_in_file(b, path.name) for b in raw.blocks)
        diagnostics.extend(_in_part(d, path.name) for d in raw.diagnostics)
        sources.append(source)
    formats = {s.format for s in sources}
    fmt = sources[0].format if len(formats) == 1 else "json"
    combined = SourceFile(
        path=" + ".join(s.path for s in sources),
        sha256=hashlib.sha256("".join(s.sha256 for s in sources).encode()).hexdigest(),
        format=fmt,
        size=sum(s.size for s in sources),
    )
    with collector_paused():
        disclosure = recognize(RawDocument(blocks, fmt, diagnostics=diagnostics), combined)
    if not any(t.rows or t.columns for t in disclosure.tables) and not disclosure.narrative.stated:
        raise InputError(
            "未识别到任何预决算表格或情况说明，这不像是部门预决算公开文件",
            "no budget table or narrative recognized: this does not look like a budget disclosure",
        )
    return disclosure


def _in_file(block: Block, name: str) -> Block:
    """A block of one part of a package, its sources (and its cells') naming that part."""
    from yusuan.read.raw import RawParagraph

    def at(src: Source) -> Source:
        return src.model_copy(update={"file": name})

    if isinstance(block, RawParagraph):
        return replace(block, source=at(block.source))
    rows = [[replace(c, source=at(c.source)) for c in row] for row in block.rows]
    return replace(block, rows=rows, source=at(block.source))


def _in_part(line: str, name: str) -> str:
    """``KIND page N: 中文`` → ``KIND page N: name：中文`` (the part a page belongs to)."""
    head, sep, rest = line.partition(": ")
    return f"{head}{sep}{name}：{rest}" if sep else f"{name}：{line}"


def debug_page(path: str | Path, page: int, output: str | Path, scale: float = 2.0) -> Path:
    """Read ``path``, recognize it and write the debug picture of ``page`` to ``output`` (PNG)."""
    from pathlib import Path

    from yusuan.errors import InputError
    from yusuan.read.pdf_debug import draw_page

    raw, source = _read(path)
    if raw.format != "pdf":
        raise InputError("debug 只适用于 PDF 文件", "debug works on PDF files only")
    disclosure = recognize(raw, source)
    image = draw_page(path, page, raw, disclosure, scale)
    out = Path(output)
    image.save(out, format="PNG")
    return out
