"""Headings whose level word and number stand in brackets before the title: 【基本目標１】誰もが….

Some plans set a heading's level word and number apart in lenticular or square brackets
(``【基本目標１】誰もが健やかに暮らせるまち``, ``［施策101］防災体制の充実``). With the brackets
taken off the line reads as every other heading does (``基本目標１ 誰もが健やかに暮らせるまち``).
A bracketed word that is no level word (【成果指標】, 【単位：人】) is left as printed, and so is a
bracketed level with nothing after it.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import structure


@cache
def _bracketed() -> re.Pattern[str]:
    s = structure()
    return re.compile(rf"^\s*[【［\[〔]\s*((?:{s.level_pattern()})\s*(?:{s.number_pattern()}|[0-9０-９]{{1,3}}(?:[-－‐ー][0-9０-９]{{1,2}}){{0,2}}))\s*[】］\]〕]\s*(\S.*)$")


def unbracket_level(text: str) -> str:
    """``text`` without the brackets around a heading's opening level word and number."""
    if not text or text.lstrip()[:1] not in "【［[〔":
        return text
    m = _bracketed().match(text)
    return f"{m.group(1)} {m.group(2)}" if m else text
