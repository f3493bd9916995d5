"""Write small PDFs by hand for reader tests: text, ruled tables, blank and image pages.

Chinese text uses the Adobe-GB1 font ``STSong-Light`` with the predefined CMap
``UniGB-UCS2-H`` (no font file needed: PDF readers know both); ``unmapped=True``
writes glyph ids through ``Identity-H`` without a ``ToUnicode`` map, which is what a
PDF with undecodable text looks like.  Coordinates are PDF points from the top-left
(converted to PDF's bottom-left origin when written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 595.0, 842.0


@dataclass
class Page:
    ops: list[str] = field(default_factory=list)
    image: bool = False

    def text(
        self, x: float, top: float, s: str, size: float = 10, *, unmapped: bool = False
    ) -> Page:
        """Draw ``s`` with its top-left at (x, top)."""
        y = HEIGHT - top - size * 0.88
        if unmapped:
            hexed = "".join(f"{0x20 + i:04X}" for i, _ in enumerate(s))
            font = "F3"
        elif s.isascii():
            hexed = "".join(f"{ord(c):02X}" for c in s)
            font = "F1"
        else:
            hexed = s.encode("utf-16-be").hex().upper()
            font = "F2"
        self.ops.append(f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td <{hexed}> Tj ET")
        return self

    def hline(self, x0: float, x1: float, top: float) -> Page:
        y = HEIGHT - top
        self.ops.append(f"0.6 w {x0:.2f} {y:.2f} m {x1:.2f} {y:.2f} l S")
        return self

    def vline(self, x: float, top: float, bottom: float) -> Page:
        self.ops.append(f"0.6 w {x:.2f} {HEIGHT - top:.2f} m {x:.2f} {HEIGHT - bottom:.2f} l S")
        return self

    def grid(
        self, xs: list[float], ys: list[float], skip_v: set[tuple[int, int]] = frozenset()
    ) -> Page:
        """Rule a full lattice; ``skip_v`` holds (row, x index) vertical segments left out
        (a merged cell)."""
        for y in ys:
            self.hline(xs[0], xs[-1], y)
        for i, x in enumerate(xs):
            for r in range(len(ys) - 1):
                if (r, i) not in skip_v:
                    self.vline(x, ys[r], ys[r + 1])
        return self


def write_pdf(path: Path, pages: list[Page]) -> Path:
    """Write ``pages`` as a PDF file."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled below
    pages_obj = add("")
    f1 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    cid = add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        "/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        "/CapHeight 880 /StemV 93 >> /DW 1000 >>"
    )
    f2 = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        f"/DescendantFonts [{cid} 0 R] >>"
    )
    cid3 = add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor << /Type /FontDescriptor /FontName /NoMap /Flags 4 "
        "/FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 "
        "/CapHeight 700 /StemV 80 >> /DW 1000 >>"
    )
    f3 = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H "
        f"/DescendantFonts [{cid3} 0 R] >>"
    )
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    kids = []
    for page in pages:
        ops = list(page.ops)
        if page.image:
            ops.append(f"q {WIDTH - 100:g} 0 0 {HEIGHT - 100:g} 50 50 cm /Im1 Do Q")
        content = "\n".join(ops).encode("latin-1")
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {WIDTH:g} {HEIGHT:g}] "
                f"/Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R /F3 {f3} 0 R >> "
                f"/XObject << /Im1 {image} 0 R >> >> /Contents {stream} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(out))
    return path
