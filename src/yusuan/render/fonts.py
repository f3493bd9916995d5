"""CJK fonts for the PDF writer, from a package dependency (no system font assumed).

The fonts are Noto Sans SC and Noto Serif SC (SIL Open Font License 1.1) as shipped
by the ``pylopdf-fonts-zh-cn`` wheel.  They have PostScript (CFF) outlines, which
ReportLab cannot embed, so :func:`truetype_subset` cuts each font down to the
characters one document uses (fontTools' subsetter) and converts the outlines to
TrueType quadratics (``cu2qu``, error under 1/1000 em).  ReportLab then embeds that
subset with a ToUnicode map, so the PDF's text can be selected and copied.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path
from typing import Literal

Face = Literal["sans", "serif"]
#: Characters always kept: ASCII and the punctuation of the official texts.
BASE_CHARS = (
    "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！“”‘’（）《》【】—…·％℃≥≤＞＜－　"
)


@cache
def font_path(face: Face) -> Path:
    import pylopdf_fonts_zh_cn as fonts

    return Path(fonts.sans_path() if face == "sans" else fonts.serif_path())


def truetype_subset(face: Face, text: str) -> bytes:
    """A TrueType (glyf) font holding the glyphs of ``text`` (plus :data:`BASE_CHARS`)."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(font_path(face)), lazy=True)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    chars = "".join(sorted(set(text + BASE_CHARS)))
    subsetter.populate(text=chars)
    subsetter.subset(font)
    # Each subset has a PostScript name of its own: ReportLab registers a face by that name,
    # and a second subset under the same name (a second PDF in one process) would be
    # measured and mapped with the first one's characters (text extracting as NULs).
    ps = f"Yusuan{face.title()}-{hashlib.sha1(chars.encode('utf-8')).hexdigest()[:10]}"
    name = font["name"]
    name.names = [r for r in name.names if r.nameID != 6]
    name.setName(ps, 6, 3, 1, 0x409)
    name.setName(ps, 6, 1, 0, 0)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs "
        "maxStackElements maxSizeOfInstructions maxComponentElements maxPoints maxContours "
        "maxCompositePoints maxCompositeContours maxComponentDepth"
    ).split():
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def register(text: str) -> tuple[str, str]:
    """Register the serif (body) and sans (headings) subsets for ``text`` with ReportLab;
    returns their font names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    faces: tuple[Face, Face] = ("serif", "sans")
    for face in faces:
        data = truetype_subset(face, text)
        name = f"yusuan-{face}-{hashlib.sha1(data).hexdigest()[:10]}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        names.append(name)
    return names[0], names[1]
