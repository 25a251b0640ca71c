"""A lone number closing a page inside an indicator table's lines: the page's number, no figure.

A table read line by line may run on to the foot of its page, where the extractor printed the page's
number alone on a line. A number of one to three digits alone on its line is that page number, no
row's figure, when the line above it is a note (``※…``: a row of two side-by-side tables printed
one after the other would otherwise take it as a further figure) or a sentence (ending with ``。``:
the text under the table, which names no row).
"""

from __future__ import annotations

import re

from keikaku.importer.normalize import Line

_LONE_NUMBER = re.compile(r"[0-9]{1,3}")
_NOTE_OPENERS = ("※", "*", "注")


def without_page_numbers(body: list[Line]) -> list[Line]:
    """``body`` without the lone numbers that close a page under a note or a sentence."""
    return [line for k, line in enumerate(body) if not (
        k and _LONE_NUMBER.fullmatch(line.key) and (body[k - 1].key.startswith(_NOTE_OPENERS) or body[k - 1].key.endswith("。")))]
