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
