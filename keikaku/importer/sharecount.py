"""A share printed with what it counts and its rank: ``61.5% 148町内会 県内9位``.

A value cell whose first figure is a percentage, followed a space apart by the count it is a share
of (a figure with a unit other than %) and/or a rank (``全国3位``, ``県内9位``), holds one value: the
percentage. Two percentages (``初産婦92.0% 経産婦88.5%``), a label before the first figure, or a
count printed first are no such cell.
"""

from __future__ import annotations

import re

_NUM = r"[△▲]?(?:約)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[△▲]?(?:約)?\d+(?:\.\d+)?"
_SHARE = rf"(?:{_NUM})\s*[%％]"
_COUNT = rf"(?:{_NUM})[^\d\s%％()（）]{{1,6}}"
_RANK = r"[^\d\s%％()（）]{0,4}第?\d{1,3}位"
_CELL = re.compile(rf"^({_SHARE})(?:\s+(?!{_RANK}$)({_COUNT}))?(?:\s+({_RANK}))?$")


def share_of_cell(text: str) -> str | None:
    """The percentage a share-with-count cell prints, or None when ``text`` is no such cell."""
    m = _CELL.match(text.strip())
    if m is None or (m.group(2) is None and m.group(3) is None):
        return None
    return m.group(1)
