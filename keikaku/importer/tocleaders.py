"""A table of contents' entry: a heading, a leader and its page number (``政策１ 〇〇のまち ・・・・ 7``).

The leader (three dots or more: ・, ., …, ‥, ･, ·) and the page number after it are no part of the
heading: taken off, the entry is the heading printed again in the body, which re-opens the same
node instead of making one whose title ends in dots and a number. A line without a leader is
left as it is (a figure after spaces is a table's cell).
"""

from __future__ import annotations

import re

_LEADER = re.compile(r"\s*(?:[・.…‥･·・]\s?){3,}\s*(?:[pP]\.?\s*)?[0-9０-９]{1,3}\s*$")
_QUICK = re.compile(r"[・.…‥･·]{2}")


def without_leader(text: str) -> str:
    """``text`` without a table of contents' leader and page number at its end."""
    if _QUICK.search(text) is None:
        return text
    m = _LEADER.search(text)
    if m is None or m.start() == 0:
        return text
    return text[: m.start()]
