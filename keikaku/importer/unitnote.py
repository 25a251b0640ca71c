"""A unit printed once for a whole table, on the line above it: ``（単位：％）``, ``単位：件``.

Cities that print figures without units give the table's unit in a note over its top right
corner; PDF extractors leave that note as a line of its own right before the header. Rows the
table gives without a unit of their own take it.
"""

from __future__ import annotations

import re

from keikaku.importer.width import fold

_NOTE = re.compile(r"^[(（]?\s*単位\s*[:：]\s*(?P<unit>[^()（）:：、,\s]{1,8})\s*[)）]?$")


def unit_note(text: str) -> str | None:
    """The unit a line holding only a unit note names, else None."""
    m = _NOTE.match(fold(text).strip())
    return m.group("unit") if m else None


# A value column's header word with the unit of its figures in brackets right after it
# (目標値（件）, 現状値(%)): the unit of the table's rows when the table has no unit column.
_HEADED_UNIT = re.compile(r"(?:値|実績|目標|現状|基準|見込)\s*[(（]\s*(?P<unit>[^()（）:：、,\s0-9]{1,6})\s*[)）]")
_HEADER_REACH = 3  # lines of a table's top that may hold its header


def header_unit(keys: list[str]) -> str | None:
    """The unit a table's header gives its figures in a value column's cell (目標値（件）), else None.

    Only a unit of the lexicon counts (a bracketed year or era letter, (R10), is no unit); the header
    lines are the table's first lines up to its first row of figures. All such cells must agree."""
    found: set[str] = set()
    for key in keys[:_HEADER_REACH]:
        text = fold(key)
        if len(_FIGURE.findall(text)) >= 2:  # the first row
            break
        found |= {m.group("unit") for m in _HEADED_UNIT.finditer(text) if m.group("unit") in _units()}
    return found.pop() if len(found) == 1 else None


_FIGURE = re.compile(r"(?<!\S)[0-9][0-9,.]*(?!\S)")


def _units() -> frozenset[str]:
    from keikaku.importer.lexicon import value_units

    return frozenset(fold(u) for u in value_units())
