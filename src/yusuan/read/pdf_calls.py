"""pdfium's functions bound for calls in bulk: no argument conversion per call.

pypdfium2 declares each function's argument types, so every call converts every
argument through ``argtypes[i].from_param`` (a new ctypes object for a plain int).
The reader makes hundreds of thousands of calls per document (two per character,
two per page object, four per path segment), and that conversion costs about as
much as pdfium's own work.  The functions here are the ones pypdfium2 loaded
(same library, same calling convention) re-bound with **no** argument types:

- handles are ctypes instances, passed through as they are: the ``raw`` of a
  pypdfium2 page or text page, or a :class:`Handle` that a function returning a
  handle gives back (a subclass of ``c_void_p``, which ctypes does not turn into an int);
- out-pointers are ``ctypes.byref(buffer, offset)``, made in bulk with ``map``;
- plain ints go as C ``int``, so only functions whose other parameters are all C
  ``int`` are bound this way (``FPDFFormObj_GetObject`` takes an ``unsigned long``
  and keeps its declared types).

They are bound as ``ctypes.PYFUNCTYPE`` functions: the interpreter lock stays held
during the call (pdfium's calls here are short, and pdfium is not thread-safe
anyway), which spares a release and a re-acquisition per call.  So a whole
page's boxes can be asked for with one ``map`` over the bound function, no Python
frame and only one small ctypes object (the ``byref``) per call.
"""

from __future__ import annotations

import ctypes
from itertools import repeat
from typing import Any

import pypdfium2.raw as pr


class Handle(ctypes.c_void_p):
    """A pdfium handle returned by a bound function, passed back to pdfium as it is."""


def bind(name: str, restype: Any = ctypes.c_int, argtypes: tuple[Any, ...] = ()) -> Any:
    """pdfium's ``name`` as loaded by pypdfium2, returning ``restype``, declared with
    ``argtypes`` (none by default: every argument passes as it is)."""
    address = ctypes.cast(getattr(pr, name), ctypes.c_void_p).value
    assert address, name  # pypdfium2 loaded it
    return ctypes.PYFUNCTYPE(restype, *argtypes)(address)


# text page
count_chars = bind("FPDFText_CountChars")
get_text = bind("FPDFText_GetText")
get_unicode = bind("FPDFText_GetUnicode", ctypes.c_uint)
is_generated = bind("FPDFText_IsGenerated")
has_map_error = bind("FPDFText_HasUnicodeMapError")
loose_box = bind("FPDFText_GetLooseCharBox")

# page objects
count_objects = bind("FPDFPage_CountObjects")
get_object = bind("FPDFPage_GetObject", Handle)
form_count = bind("FPDFFormObj_CountObjects")
form_object = bind("FPDFFormObj_GetObject", Handle, (ctypes.c_void_p, ctypes.c_ulong))
object_type = bind("FPDFPageObj_GetType")
get_matrix = bind("FPDFPageObj_GetMatrix")
draw_mode = bind("FPDFPath_GetDrawMode")
fill_color = bind("FPDFPageObj_GetFillColor")

# path segments
count_segments = bind("FPDFPath_CountSegments")
segment = bind("FPDFPath_GetPathSegment", Handle)
segment_point = bind("FPDFPathSegment_GetPoint")
segment_type = bind("FPDFPathSegment_GetType")
segment_close = bind("FPDFPathSegment_GetClose")

TEXT_OBJECT = pr.FPDF_PAGEOBJ_TEXT
IMAGE_OBJECT = pr.FPDF_PAGEOBJ_IMAGE
PATH_OBJECT = pr.FPDF_PAGEOBJ_PATH
FORM_OBJECT = pr.FPDF_PAGEOBJ_FORM
LINETO = pr.FPDF_SEGMENT_LINETO


def objects(container: Any, in_form: bool) -> list[Handle]:
    """The page objects of a page (``in_form`` false: its ``raw``) or of a form object, in
    drawing order, with one bulk ``map`` per call kind."""
    if in_form:
        count = form_count(container)
        return list(map(form_object, repeat(container, count), range(count)))
    count = count_objects(container)
    return list(map(get_object, repeat(container, count), range(count)))
