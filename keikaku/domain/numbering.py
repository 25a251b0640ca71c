"""Printed node numbers (20, B-0, Ⅰ, ➊, (1), 方針１) and a sort key that orders them naturally."""

from __future__ import annotations

import re
import unicodedata

_ROMAN_SIGNS = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10, "Ⅺ": 11, "Ⅻ": 12}
_ROMAN_ASCII = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_CIRCLED = {}
for _base, _start in ((0x2460, 1), (0x2776, 1), (0x278A, 1), (0x24F5, 1)):
    for _i in range(10):
        _CIRCLED[chr(_base + _i)] = _start + _i
_RUN = re.compile(r"\d+|\D+")


def _roman_value(text: str) -> int | None:
    if text and all(ch in _ROMAN_SIGNS for ch in text):
        return sum(_ROMAN_SIGNS[ch] for ch in text)
    upper = text.upper()
    if upper and _ROMAN_ASCII.match(upper) and upper == text:
        values = {"I": 1, "V": 5, "X": 10}
        total = 0
        for i, ch in enumerate(upper):
            v = values[ch]
            total += -v if i + 1 < len(upper) and values[upper[i + 1]] > v else v
        return total
    return None


def number_value(number: str | None) -> int | None:
    """The integer a printed number stands for, when it is a single number (Ⅲ → 3, ➊ → 1, (2) → 2)."""
    if not number:
        return None
    text = number.strip()
    if text in _CIRCLED:
        return _CIRCLED[text]
    if text in _ROMAN_SIGNS or (len(text) > 1 and all(ch in _ROMAN_SIGNS for ch in text)):
        return _roman_value(text)
    folded = unicodedata.normalize("NFKC", text).strip("()（） .．")
    if folded.isdigit():
        return int(folded)
    return _roman_value(folded)


def sort_key(number: str | None) -> str:
    """A string that sorts printed numbers in reading order: 2 < 10, Ⅱ < Ⅸ, B-0 after 35."""
    if number is None or not number.strip():
        return ""
    value = number_value(number)
    if value is not None:
        return f"{value:06d}"
    folded = unicodedata.normalize("NFKC", number).strip()
    parts = []
    for run in _RUN.findall(folded):
        parts.append(f"{int(run):06d}" if run.isdigit() else run.lower())
    return "~" + "".join(parts)
