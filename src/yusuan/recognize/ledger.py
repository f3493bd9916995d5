"""The recognition ledger: the tables a document says it prints against those recognized.

What a document says it prints: the entries of its 目录 that name a table (the lines
after ``目录`` up to where the body repeats them, with dot leaders and page numbers
removed) and every table title printed on a page — the titles over recognized tables
and title lines that no table took.  Each becomes a
:class:`~yusuan.model.PrintedTable`, merged by the standard table it names; an entry
no recognized table stands for is an open entry (``Disclosure.unrecognized()``).
"""

from __future__ import annotations

from yusuan import regex
from yusuan.model import Disclosure, PrintedTable, Table, TableId
from yusuan.paths import file_name
from yusuan.read.raw import RawParagraph
from yusuan.recognize.header import key_of
from yusuan.recognize.titles import match_title, near_tables, normalize_title
from yusuan.regex import lazy

_LEADER = regex.compile(r"[.…·．。\-—_\s]{2,}\s*\d{0,4}\s*$|\s+\d{1,4}\s*$")
_TOC = ("目录", "目次")
#: a table title: ends in 表, perhaps with a bracketed note (（功能科目）, 续)
_TABLE_END = regex.compile(r"表(?:[（(][^）)]{1,12}[)）])?$")
#: a line that refers to a table printed elsewhere (详见单位的项目绩效目标表) is no title
_REFERENCE = regex.compile(r"^(?:详见|参见|见附|具体见|另见)|附后$")


def entry_text(text: str) -> str:
    """A 目录 line without its dot leader and page number."""
    return _LEADER.sub("", text.strip()).strip()


_SPACES = lazy(r"\s+")


def is_table_title(text: str) -> bool:
    """A short line that names a table by its title (ends in 表, no sentence end)."""
    t = _SPACES.sub("", text)
    return (
        3 <= len(t) <= 60
        and "。" not in t
        and "，" not in t
        and not _REFERENCE.search(t)
        and bool(_TABLE_END.search(t))
    )


def toc_lines(paragraphs: list[RawParagraph]) -> set[int]:
    """Indexes (into ``paragraphs``) of the 目录 lines: after 目录, until the body repeats
    one (numbering aside) or a sentence starts."""
    out: set[int] = set()
    seen: set[str] = set()
    inside = False
    for i, p in enumerate(paragraphs):
        text = entry_text(p.text)
        k = key_of(text)
        if k in _TOC:
            inside, seen = True, set()
            continue
        if not inside:
            continue
        k = normalize_title(text)  # the body repeats an entry, perhaps without its number
        if k in seen or len(out) > 80 or "。" in text or len(k) > 60:
            inside = False
            continue
        seen.add(k)
        out.add(i)
    return out


def build_ledger(
    tables: list[Table], paragraphs: list[RawParagraph], free: set[int]
) -> tuple[PrintedTable, ...]:
    """The ledger of one document.

    ``paragraphs`` are the document's paragraphs in order; ``free`` the indexes of
    those no table took (only those can be a title line of a table not read).
    """
    entries: list[PrintedTable] = []
    by_key: dict[str, int] = {}

    def key(tid: TableId | None, title: str) -> str:  # one entry per standard table
        return tid.value if tid is not None and tid != TableId.UNKNOWN else normalize_title(title)

    for n, t in enumerate(tables):
        if not t.title.strip():
            continue
        own: TableId | None = t.id if t.id != TableId.UNKNOWN else None
        k = key(own, t.title)
        if k in by_key:
            continue
        by_key[k] = len(entries)
        entries.append(PrintedTable(title=t.title, id=own, titled=True, table=n, source=t.source))
    recognized = {t.id: n for n, t in reversed(list(enumerate(tables)))}
    toc = toc_lines(paragraphs)
    for i, p in enumerate(paragraphs):
        listed = i in toc
        if not listed and i not in free:
            continue
        text = entry_text(p.text) if listed else p.text.strip()
        if not is_table_title(text):
            continue
        tid = match_title(text)
        if tid is None and not near_tables(text):  # 五、部门预算表 (a part of the 目录)
            continue  # names no one table; a misprinted title (near_tables) is kept, id None
        k = key(tid, text)
        if k in by_key:
            e = entries[by_key[k]]
            if listed and not e.listed:
                entries[by_key[k]] = e.model_copy(update={"listed": True})
            elif not listed and not e.titled:
                entries[by_key[k]] = e.model_copy(update={"titled": True, "source": p.source})
            continue
        table = recognized.get(tid) if tid is not None else None
        by_key[k] = len(entries)
        entries.append(
            PrintedTable(
                title=_SPACES.sub("", text),
                id=tid,
                listed=listed,
                titled=not listed,
                table=table,
                source=p.source,
            )
        )
    return tuple(entries)


#: Diagnostic kinds of a file that cannot hold what a package needs.
NARRATIVE_ONLY = "narrative-only"
IMAGE_TABLES = "image-tables"


def missing(d: Disclosure) -> list[str]:
    """Diagnostics for what the file does not hold (``KIND: 中文 / English``).

    A file with a 情况说明 and no table (its tables are printed in another file), and
    a page whose tables are images (``Disclosure.images``, no table read).
    """
    out: list[str] = []
    name = file_name(d.source.path) if d.source else "说明文件"
    if d.images and not d.tables:
        out.append(
            f"{IMAGE_TABLES}: 页面中的 {d.images} 张图片可能是公开表，图片中的表格无法读取"
            f"（请提供含表格文字的 HTML、PDF 或 Excel 原件） / {d.images} images in the page "
            "may be the tables; tables in images cannot be read"
        )
    elif d.narrative_only:
        listed = len([e for e in d.ledger if e.listed])
        told = f"目录列出 {listed} 张公开表，" if listed else ""
        out.append(
            f"{NARRATIVE_ONLY}: 本文件只有情况说明，{told}公开表在另一文件中："
            f"yusuan check --package {name} 公开表.pdf / the file holds only the narrative; "
            f"the tables are in another file: yusuan check --package {name} TABLES.pdf"
        )
    return out
