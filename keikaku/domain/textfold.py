"""Folding text for search: the ways one word is written (子供/子ども/こども, 障害/障がい, ｶﾅ/カナ/かな,
ＡＢＣ/abc) fold to one form, both when an entry is indexed and when a query is read.

The variant words are a small table (``keikaku/data/search_variants.toml``); width is folded by
NFKC, case by ``lower`` and katakana to hiragana by rule.
"""

from __future__ import annotations

import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

KATAKANA = range(0x30A1, 0x30F7)  # ァ … ヶ; ー and ・ are shared by both scripts
MAX_FORMS = 8


@lru_cache(maxsize=1)
def variant_groups() -> tuple[tuple[str, ...], ...]:
    """The variant table: each group's first word is the folded form of the others."""
    data = tomllib.loads(resources.files("keikaku").joinpath("data/search_variants.toml").read_text(encoding="utf-8"))
    return tuple(tuple(unicodedata.normalize("NFKC", w) for w in g) for g in data["groups"])


def _kana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if ord(c) in KATAKANA else c for c in text)


def _katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in text)


@lru_cache(maxsize=1)
def _replacements() -> tuple[tuple[str, str], ...]:
    """(written form, folded form), longest written form first."""
    pairs = []
    for group in variant_groups():
        canonical = _kana(group[0].lower())
        pairs += [(_kana(w.lower()), canonical) for w in group[1:]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def replacements() -> tuple[tuple[str, str], ...]:
    """The table's (written form, folded form) pairs, longest first, after width, case and kana
    folding: what a client-side search applies after the same rules (the static site's)."""
    return _replacements()


def fold(text: str) -> str:
    """``text`` in its folded form: NFKC, lower case, hiragana, and the table's variants as one word."""
    out = _kana(unicodedata.normalize("NFKC", text).lower())
    for written, canonical in _replacements():
        if written in out:
            out = out.replace(written, canonical)
    return out


def surface_forms(term: str) -> list[str]:
    """Ways ``term`` may be written in a text (for finding and marking hits in the original text):
    the term itself, its folded form in hiragana and katakana, and the table's variants of it."""
    base = unicodedata.normalize("NFKC", term)
    folded = fold(term)
    forms = [term, base, folded, _katakana(folded)]
    for group in variant_groups():
        canonical = _kana(group[0].lower())
        if canonical in folded:
            forms += [folded.replace(canonical, w) for w in group]
    seen: list[str] = []
    for f in forms:
        if f and f not in seen:
            seen.append(f)
    return seen[:MAX_FORMS]
