"""``yusuan parse -f text``: the document in a few lines, with the recognition ledger.

The ledger line says what the document prints (目录 entries and titles found) against the
tables recognized, and names each printed table not recognized with its page and title.
"""

from __future__ import annotations

from yusuan.model import Disclosure
from yusuan.printable import printable


def ledger_line(d: Disclosure) -> str:
    """The recognition ledger in one line: the tables the document says it prints (目录
    entries and titles found) against the tables recognized, and each printed table not
    recognized with its page and printed title."""
    listed = sum(1 for e in d.ledger if e.listed)
    titled = sum(1 for e in d.ledger if e.titled)
    unread = d.unrecognized()
    line = (
        f"表格：印出 {len(d.ledger)} 张（目录列出 {listed} 张，页面标题 {titled} 个），"
        f"识别 {len(d.tables)} 张"
    )
    if unread:
        where = "；".join(
            f"{f'第{e.source.page}页' if e.source.page else ''}"
            f"{'印有标题' if e.titled else '目录列出'}“{e.title}”"
            for e in unread
        )
        line += f"；印出而未识别 {len(unread)} 张：{where}"
    elif d.ledger:
        line += "；印出的表都已识别"
    return (
        f"{line} / tables: {len(d.ledger)} printed, {len(d.tables)} recognized, "
        f"{len(unread)} printed but not recognized"
    )


def parse_summary(d: Disclosure) -> str:
    """``yusuan parse -f text``: the document, the ledger line, one line per table."""
    name = d.department_name or "?"
    if d.department_canonical and d.department_canonical != name:
        name = f"{d.department_canonical}（印作“{name}”）"
    head = f"{name} · {d.year or '?'}年{d.level or ''}{d.kind or ''}"
    lines = [head, ledger_line(d)]
    for n, t in enumerate(d.tables):
        page = f"第{t.source.page}页 " if t.source.page else ""
        title = f"“{t.title}”" if t.title else "（无标题，按内容识别）"
        lines.append(
            f"  {n + 1:>2}. {t.id.value:<20} {page}{title} "
            f"{len(t.amount_columns())} 个金额列，{len(t.rows)} 行"
        )
    lines += [f"  注意：{x}" for x in d.diagnostics]
    return printable("\n".join(lines), keep_newlines=True) + "\n"
