"""A group's title among a table's rows: a level word of ``lexicon/structure.toml`` and its number
opening a line, then words with no figure (基本目標1 しごとをつくる, 施策2 子育て).

A KPI table may print its 基本目標 as rows spanning its width, right under the header and between
the rows. Such a line is neither a header line (目標 in 基本目標 is a value word too) nor the head of
an indicator's name: it names the node the rows below belong to.
"""

from __future__ import annotations

import re
from functools import cache

_FIGURE = re.compile(r"[0-9]")


@cache
def _pattern() -> re.Pattern[str]:
    from keikaku.importer.lexicon import structure

    levels = structure()
    return re.compile(rf"^(?:{levels.level_pattern()})\s*(?:{levels.number_pattern()})\s+\S")


def group_title(key: str) -> bool:
    """Whether a line's key is a group's title (a level word, its number, words without a figure)."""
    m = _pattern().match(key)
    return m is not None and not _FIGURE.search(key, m.end())
