"""A name printed in two columns and wrapped in both: ``ふるさと納税による寄附件 ふるさと納税による寄附件
〔other cell〕 数 2,000 件 数 2,000 件``.

A table whose rows print the indicator's name in its target column and again in its actual column
(``flatrows.py``), flattened line by line, puts the two heads of a name too long for its cell side
by side, then up to three cells of other columns, then each tail with its figure. The head printed
twice that does not end like a name, joined to a short tail printed twice that makes it end like
one (``name_endings`` of ``sheets.toml``), is the row's name, its figures the two after the tails.
"""

from __future__ import annotations

from collections.abc import Callable

from keikaku.importer.lexicon import name_endings
from keikaku.importer.values import parse_quantity
from keikaku.importer.width import fold

MAX_BETWEEN = 3  # cells of other columns between the heads and the tails
MAX_TAIL = 4  # characters of a tail a wrap leaves
MIN_HEAD = 4


def wrapped_name_at(tokens: list[str], i: int, *, is_value: Callable[[str], bool]) -> tuple[str, str, str, int] | None:
    """At ``i``: (name, first figure, second figure, the index after them), or None."""
    n = len(tokens)
    head = tokens[i]
    if i + 1 >= n or tokens[i + 1] != head or is_value(head) or len(head) < MIN_HEAD:
        return None
    if fold(head).endswith(name_endings()):
        return None  # a whole name printed twice is the doubled-name row
    for j in range(i + 2, min(i + 3 + MAX_BETWEEN, n - 3)):
        tail = tokens[j]
        if len(tail) > MAX_TAIL or is_value(tail) or tokens[j + 2] != tail:
            continue
        first, second = tokens[j + 1], tokens[j + 3]
        if any(parse_quantity(t).kind != "number" for t in (first, second)):
            continue
        if not fold(head + tail).endswith(name_endings()):
            continue
        return head + tail, first, second, j + 4
    return None
