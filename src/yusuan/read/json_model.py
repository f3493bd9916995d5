"""Reader for the JSON model: a file holding ``Disclosure.model_dump_json()`` output.

The file is validated against the model (a clear one-line error when it is not a
yusuan model, or when an amount is absurd) and carried on the raw document; the
loader prints it back to the neutral stream the other readers emit
(:mod:`yusuan.render.lowered`), so recognition builds the same tables and facts as
from a published file.
"""

from __future__ import annotations

import json
from decimal import Decimal

from pydantic import ValidationError

from yusuan.collector import collector_paused
from yusuan.errors import InputError
from yusuan.limits import check_amount
from yusuan.model import Disclosure
from yusuan.read.raw import RawDocument
from yusuan.records import Record, field_names

#: pydantic's words for a key the model does not have, on a dataclass (the model's classes,
#: :mod:`yusuan.records`), as it says them on a ``BaseModel`` (what the reader always said)
_MESSAGES = {"unexpected_keyword_argument": "Extra inputs are not permitted"}


def looks_like_model(data: bytes) -> bool:
    """True when ``data`` is a JSON object with the model's top-level keys."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"tables"' in data[:1_000_000] and b'"narrative"' in data


def _check_amounts(model: Record) -> None:
    """Refuse an amount no disclosure prints (``1E+999999999``) before anything computes with it."""
    todo: list[tuple[object, str]] = [(model, "")]
    while todo:
        value, where = todo.pop()
        if isinstance(value, Decimal):
            check_amount(value, where)
        elif isinstance(value, Record):
            todo.extend(
                (getattr(value, k), f"{where}.{k}".lstrip(".")) for k in field_names(type(value))
            )
        elif isinstance(value, list | tuple):
            todo.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
        elif isinstance(value, dict):
            todo.extend((v, f"{where}.{k}") for k, v in value.items())


@collector_paused()  # a model of 20,000 rows is millions of objects: no collection walks them
def read_json_model(data: bytes) -> RawDocument:
    """Validate a JSON model; the document carries it (``model``) and no blocks yet."""
    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        detail = str(exc)[:120]
        raise InputError("JSON 文件格式错误", f"the JSON file is malformed ({detail})") from exc
    try:
        d = Disclosure.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        msg = _MESSAGES.get(first["type"], first["msg"])
        raise InputError(
            f"JSON 文件不是 yusuan 的数据模型（{where}：{msg}）",
            f"the JSON file is not a yusuan model ({where}: {msg})",
        ) from exc
    _check_amounts(d)
    return RawDocument([], "json", diagnostics=list(d.diagnostics), model=d)
