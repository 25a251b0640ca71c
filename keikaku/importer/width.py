"""Full-width forms folded to ASCII, one character for one, so spans in the result match the input.

One module for every stage: normalise and the lexicon fold ``Ａ１（`` to ``A1(`` (and ``～`` to
``~``); value parsing keeps ``～`` as a range mark and turns the ideographic space into a space.
Most lines hold no full-width form, so a quick search skips the translation for them.
"""

from __future__ import annotations

import re

_ANY = re.compile(r"[\uff01-\uff5e\u3000]")
# Kangxi radicals (U+2F00–U+2FD5) and the radicals supplement: fonts whose text map points at the
# radical instead of the kanji make extractors print ⼈⼝ for 人口. Each is one ideograph (NFKC).
_RADICAL = re.compile(r"[\u2e80-\u2ef3\u2f00-\u2fd5]")
_radicals: dict[int, str] | None = None  # built on the first radical seen (unicodedata is not loaded before)


def _radical_table() -> dict[int, str]:
    global _radicals
    if _radicals is None:
        import unicodedata

        table = {c: unicodedata.normalize("NFKC", chr(c)) for c in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)]}
        _radicals = {c: k for c, k in table.items() if len(k) == 1 and k != chr(c)} | _JAPANESE_FORMS
    return _radicals


# Radicals NFKC leaves alone (the supplement) or turns into a form Japanese text does not use (戶):
# the kanji a Japanese font meant by them.
_JAPANESE_FORMS = {ord(r): k for r, k in zip("⺠⻄⻘⻑⻝⻤⻩⻭⻯⻲⻨⼾⾭⿈⿒⿔", "民西青長食鬼黄歯竜亀麦戸青黄歯亀")}
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_VALUES = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5E)} | {0x3000: 0x20}


def ideographs(text: str) -> str:
    """Radicals printed for the kanji they stand for, turned back into those kanji (one for one)."""
    return text.translate(_radical_table()) if _RADICAL.search(text) else text


def fold(text: str) -> str:
    """Full-width ASCII (！ to ～) to ASCII; the ideographic space stays."""
    return text if str.isascii(text) or not _ANY.search(text) else text.translate(_FOLD)


def fold_for_values(text: str) -> str:
    """Full-width ASCII to ASCII except ～ (a range mark); the ideographic space to a space."""
    return text if str.isascii(text) or not _ANY.search(text) else text.translate(_VALUES)


class _Columns(dict[str, int]):
    """The printed columns of each character seen so far, worked out on its first sight."""

    def __missing__(self, ch: str) -> int:
        import unicodedata

        columns = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        return columns


_COLUMNS = _Columns()


def printed_width(text: str) -> int:
    """The columns ``text`` takes in fixed-width text: two for each wide or full-width character."""
    if str.isascii(text):  # (None is refused with a TypeError, as iterating it is)
        return len(text)  # no ASCII character is wide
    return sum(map(_COLUMNS.__getitem__, text))
