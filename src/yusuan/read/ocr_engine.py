"""The offline OCR engine: RapidOCR (PP-OCR models in the wheel, run by onnxruntime).

Both are Apache-2.0 / MIT and ship in the optional extra ``pip install 'yusuan[ocr]'``;
nothing is downloaded at run time.  :func:`available` says whether the extra is
installed; :func:`engine` loads it once per process (about 3 s) with the text-direction
classifier **off**: on budget tables it flips small codes (``99`` → ``66``) at full
confidence and drops lines.

:func:`detect` finds the text regions of a page image and reads them (one region is
one line of a paragraph or one table cell); :func:`reread` reads given crops again
without detection, for the second reading of amounts (:mod:`yusuan.read.ocr_page`).
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from yusuan.errors import InputError

#: The message when a scan needs the extra (Chinese, English).
MISSING = (
    "这是扫描件：PDF 没有文字层；识别扫描件需要安装 OCR 组件：pip install 'yusuan[ocr]'",
    "this is a scanned PDF without a text layer; to read it install the OCR extra: "
    "pip install 'yusuan[ocr]'",
)


@dataclass(slots=True)
class Region:
    """A text region: its box in pixels (x0, top, x1, bottom) and the text read in it."""

    box: tuple[float, float, float, float]
    text: str
    score: float


def available() -> bool:
    """True when the ``ocr`` extra (rapidocr, onnxruntime) is installed."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime"))
    except (ImportError, ValueError):
        return False


@cache
def engine() -> Any:
    """The RapidOCR engine, loaded once (direction classifier off, quiet)."""
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:
        raise InputError(*MISSING) from exc
    ocr = RapidOCR(params={"Global.use_cls": False, "Global.log_level": "error"})
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return ocr


def _bgr(pixels: Any) -> Any:
    import numpy as np  # in the extra (rapidocr needs it), not in the base install

    return np.repeat(pixels[:, :, None], 3, axis=2) if pixels.ndim == 2 else pixels


def detect(pixels: Any) -> list[Region]:
    """The text regions of a grey page image, read (classifier off)."""
    out = engine()(_bgr(pixels), use_cls=False)
    if out.boxes is None or out.txts is None:
        return []
    regions: list[Region] = []
    for box, text, score in zip(out.boxes, out.txts, out.scores, strict=True):
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        regions.append(Region((min(xs), min(ys), max(xs), max(ys)), str(text), float(score)))
    return regions


def reread(crops: list[Any]) -> list[str]:
    """The text of each crop (grey images), recognized without detection."""
    if not crops:
        return []
    from rapidocr.ch_ppocr_rec import TextRecInput

    out = engine().text_rec(TextRecInput(img=[_bgr(c) for c in crops]))
    return [str(t) for t in out.txts]
