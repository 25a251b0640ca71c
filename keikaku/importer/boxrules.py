"""Tables drawn with box-drawing characters (┌─┬─┐ │ … │ ├─┼─┤ └─┴─┘), as text renditions of ruled
tables print them: a rule line is no row and is dropped; a vertical rule between cells is the
cell separator of a pipe table (``|``), so such a table is read as pipe rows are."""

from __future__ import annotations

import re

_BOX = "\u2500-\u257f"
_RULE_LINE = re.compile(rf"^[{_BOX}\s]*[{_BOX}][{_BOX}\s]*$")
_VERTICALS = re.compile(r"[\u2502\u2503\u2551]")


def unbox(text: str) -> str:
    """``text`` with box rules read: a line of rules only is empty; a row's vertical rules are pipes
    (only on a line that holds two of them or more, so a single mark in prose stays)."""
    if _RULE_LINE.match(text):
        return ""
    if len(_VERTICALS.findall(text)) >= 2:
        return _VERTICALS.sub("|", text)
    return text
