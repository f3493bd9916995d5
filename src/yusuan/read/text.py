"""Reader for the plain-text export of a disclosure (e.g. the 平乡县 reference).

The format: a table is a title line, then one cell per line starting with a TAB;
rows are separated by blank lines.  A cell's text may continue over following
lines that do not start with a TAB (multi-line cells such as a 绩效目标 text);
such a continuation is told apart from the prose after a table because the
prose ends in the next table's title line, directly followed by its first cell,
while a continuation is followed by a blank line before the next cell.  Lines
outside tables are paragraphs.  The export loses merged-cell spans, so tables
are emitted with ``spans_known=False``.
"""

from __future__ import annotations

from yusuan.limits import exceeded, limits
from yusuan.model import Source
from yusuan.read.raw import RawCell, RawDocument, RawParagraph, RawTable


def _is_cell(line: str) -> bool:
    return line.startswith("\t")


def parse_text(text: str, encoding: str | None = None) -> RawDocument:
    """Split decoded export text into paragraphs and tables."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    n = len(lines)
    most = limits().paragraphs
    if n > most and sum(1 for line in lines if line.strip()) > most:
        raise exceeded("文本的行数", "the number of text lines", most)
    blocks: list[RawParagraph | RawTable] = []
    i = 0
    pending: list[tuple[int, str]] = []  # paragraph lines waiting (1-based line, text)

    def flush_paragraphs(keep_last: bool) -> tuple[int, str] | None:
        last = pending.pop() if keep_last and pending else None
        for ln, t in pending:
            blocks.append(RawParagraph(t, Source(line=ln)))
        pending.clear()
        return last

    tables = 0  # the tables emitted so far: the next one's number
    while i < n:
        line = lines[i]
        if not line.startswith("\t"):  # not a cell (``_is_cell``, inlined: every line)
            if stripped := line.strip():
                pending.append((i + 1, stripped))
            i += 1
            continue
        # A table starts here; its title is the non-cell line right above it.
        title_line: tuple[int, str] | None = None
        if i > 0 and lines[i - 1].strip() and not _is_cell(lines[i - 1]):
            title_line = flush_paragraphs(keep_last=True)
        else:
            flush_paragraphs(keep_last=False)
        table_no = tables
        tables += 1
        rows: list[list[RawCell]] = []
        row: list[RawCell] = []
        while i < n:
            line = lines[i]
            if line.startswith("\t"):
                row.append(
                    RawCell(
                        line[1:].rstrip(),  # leading spaces mark 其中 rows
                        Source(line=i + 1, table=table_no, row=len(rows), col=len(row)),
                    )
                )
                i += 1
                continue
            if not line.strip():
                if row:
                    rows.append(row)
                    row = []
                i += 1
                continue
            # A non-cell, non-blank line: continuation of the last cell, or the end?
            j = i
            while j < n and not _is_cell(lines[j]):
                j += 1
            is_continuation = j < n and not lines[j - 1].strip() and (row or rows)
            if not is_continuation:
                break
            extra = [ln.strip() for ln in lines[i:j] if ln.strip()]
            target = row[-1] if row else rows[-1][-1]
            target.text = "\n".join([target.text, *extra]).strip()
            if row:
                rows.append(row)
                row = []
            i = j
        if row:
            rows.append(row)
        start = rows[0][0].source.line if rows and rows[0] else None
        blocks.append(
            RawTable(
                rows,
                Source(line=title_line[0] if title_line else start, table=table_no),
                title=title_line[1] if title_line else None,
                spans_known=False,
            )
        )
    flush_paragraphs(keep_last=False)
    return RawDocument(blocks, "text", encoding=encoding)
