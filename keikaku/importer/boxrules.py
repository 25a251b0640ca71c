"""Tables drawn with box-drawing characters (┌─┬─┐ │ … │ ├─┼─┤ └─┴─┘), as text renditions of ruled
tables print them: a rule line is no row and is dropped; a vertical rule between cells is the
cell separator of a pipe table (``|``), so such a table is read as pipe rows are."""

from __future__ import annotations

import re

_BOX = "\u2500-\u257f"
_RULE_LINE = re.compile(rf"^[{_BOX}\s]*[{_BOX}][{_BOX}\s]*$")
_VERTICALS = re.compile(r"[\u2502\u2503\u2551]")
_TITLED_EDGE = re.compile(rf"^\s*[\u250c\u250f\u2554\u256d][{_BOX}\s]*?\s*(?P<title>[^{_BOX}\s][^{_BOX}]{{0,19}}?)\s*[{_BOX}]+[\u2510\u2513\u2557\u256e]\s*$")


def unbox(text: str) -> str:
    """``text`` with box rules read: a line of rules only is empty; a row's vertical rules are pipes
    (only on a line that holds two of them or more, so a single mark in prose stays)."""
    if _RULE_LINE.match(text):
        return ""
    if (m := _TITLED_EDGE.match(text)) is not None:
        return m["title"]  # ┌ KPI ──────┐: a box's top edge with its caption, the caption alone
    if len(_VERTICALS.findall(text)) >= 2:
        return _VERTICALS.sub("|", text)
    return text
