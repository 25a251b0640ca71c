"""Full-width forms folded to ASCII, one character for one, so spans in the result match the input.

One module for every stage: normalise and the lexicon fold ``Ａ１（`` to ``A1(`` (and ``～`` to
``~``); value parsing keeps ``～`` as a range mark and turns the ideographic space into a space.
Most lines hold no full-width form, so a quick search skips the translation for them.
"""

from __future__ import annotations

import re

_ANY = re.compile(r"[\uff01-\uff5e\u3000]")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_VALUES = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5E)} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Full-width ASCII (！ to ～) to ASCII; the ideographic space stays."""
    return text.translate(_FOLD) if _ANY.search(text) else text


def fold_for_values(text: str) -> str:
    """Full-width ASCII to ASCII except ～ (a range mark); the ideographic space to a space."""
    return text.translate(_VALUES) if _ANY.search(text) else text
