"""Lines of a section that lists a node's projects, sectoral plans or actions (主な事業, 関連する個別計画 …).

A measure page lists its projects and its related plans as bulleted lines (``・〇〇推進事業``),
just as some sheets list their indicators. A line under a heading named in ``item_sections``
(``lexicon/structure.toml``), with or without ■, ◆, 【】 or ＜＞ around it, is an item of that list
up to the next section heading (any of ``section_names``) or the next line holding a name header
(指標名, 成果指標 …).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from keikaku.importer.cellsheet import role
from keikaku.importer.lexicon import _load, fold_key, structure

_MARKS = re.compile(r"^[■□◆◇●○◎▼▽【<〈《≪(]\s*|\s*[】>〉》≫)]$")


@cache
def _items() -> frozenset[str]:
    return frozenset(fold_key(w) for w in _load("structure.toml")["item_sections"])


@cache
def _section() -> re.Pattern[str]:
    return re.compile(rf"^(?:{structure().section_pattern()})$")


def item_lines(lines: Sequence) -> frozenset[int]:
    """Positions in ``lines`` of the lines that stand in an item section."""
    out: set[int] = set()
    inside = False
    for i, line in enumerate(lines):
        key = _MARKS.sub("", _MARKS.sub("", line.key.strip()))
        if key in _items():
            inside = True
            continue
        if _section().match(key) or role(line.key) == "name":
            inside = False
        elif inside:
            out.add(i)
    return frozenset(out)
