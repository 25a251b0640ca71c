"""Two-character header words printed letter-spaced in a run of header cells (``指 標 現状値 目 標``).

The normalise stage rejoins letter spacing of three characters or more; two single kanji a space
apart are usually two cells. They are one header word when together they spell a word of
``headers.toml`` and the token beside them is a header word too (or another such pair): the run
is a table's header, printed with the letter spacing a designer gives short column titles.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import header_words
from keikaku.importer.width import fold

_KANJI = re.compile(r"^[一-龥々]$")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]?$")


@cache
def _vocabulary() -> frozenset[str]:
    lex = header_words()
    return frozenset(fold(w) for role, _, _ in lex.roles for w in lex.words(role) if len(w) >= 2)


def _is_header_word(token: str) -> bool:
    bare = _BRACKETED.sub("", fold(token))
    return bool(bare) and bare in _vocabulary()


def join_spaced_pairs(text: str) -> str:
    """``text`` with letter-spaced two-character header words beside other header words rejoined."""
    tokens = text.split(" ")
    if len(tokens) < 3:
        return text
    vocabulary = _vocabulary()
    pairs = [i for i in range(len(tokens) - 1)
             if _KANJI.match(tokens[i]) and _KANJI.match(tokens[i + 1])
             and fold(tokens[i] + tokens[i + 1]) in vocabulary]
    if not pairs:
        return text
    starts = set(pairs)
    joined: set[int] = set()
    for i in pairs:
        before = i - 1 >= 0 and (_is_header_word(tokens[i - 1]) or i - 2 in starts)
        after = i + 2 < len(tokens) and (_is_header_word(tokens[i + 2]) or i + 2 in starts)
        if (before or after) and i - 1 not in joined:
            joined.add(i)
    if not joined:
        return text
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i in joined:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)
