"""A 单位 package's own words: the 部门 that names the discloser reads 单位.

The patterns are data (``data/unit.toml``): a title such as 部门预算收支总表 prints as
单位预算收支总表 in a 单位 package, while a classification that contains the word
(部门预算经济分类) keeps it.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from yusuan import regex


@cache
def _titles() -> tuple[tuple[re.Pattern[str], str], ...]:
    text = resources.files("yusuan").joinpath("data/unit.toml").read_text("utf-8")
    return tuple((regex.compile(t["pattern"]), t["replace"]) for t in tomllib.loads(text)["title"])


def unit_title(title: str) -> str:
    """``title`` as a 单位 package prints it."""
    for rx, repl in _titles():
        title = rx.sub(repl, title)
    return title
