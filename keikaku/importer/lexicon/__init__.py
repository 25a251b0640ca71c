"""The importer's knowledge of documents, held as data: the TOML files beside this module.

``headers.toml`` names the columns of indicator tables; ``structure.toml`` the numbering
grammars, level words and section names of plan outlines. Code applies them; it never names a
city or a document. Each file is read once per process, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent
_SPACES = re.compile(r"[\s\u3000]+")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def fold_key(text: str) -> str:
    """Width-folded, without spaces: the form header words are matched on."""
    return _SPACES.sub("", text.translate(_FOLD))


@cache
def _load(name: str) -> dict:
    with (_HERE / name).open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class HeaderWords:
    """Header vocabulary: role → words (contained) and exact cells, in priority order."""

    roles: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    openers: tuple[str, ...]

    def role_of(self, cell: str) -> str | None:
        """The role a header cell names: the role of its longest word, ties to the earlier role."""
        key = fold_key(cell)
        if not key:
            return None
        best: tuple[int, int, str] | None = None
        for rank, (role, words, exact) in enumerate(self.roles):
            if key in exact:
                return role
            for word in words:
                if word in key and (best is None or (len(word), -rank) > (best[0], -best[1])):
                    best = (len(word), rank, role)
        return best[2] if best else None

    def words(self, *roles: str) -> tuple[str, ...]:
        return tuple(w for role, words, exact in self.roles if role in roles for w in (*words, *exact))


@cache
def header_words() -> HeaderWords:
    data = _load("headers.toml")
    roles = tuple(
        (role, tuple(fold_key(w) for w in spec.get("words", ())), tuple(fold_key(w) for w in spec.get("exact", ())))
        for role, spec in data["roles"].items()
    )
    return HeaderWords(roles=roles, openers=tuple(fold_key(w) for w in data["table"]["openers"]))


def words_pattern(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Structure:
    """Outline vocabulary: level words, the numbers printed after them, section names."""

    level_words: tuple[str, ...]
    split_level_words: frozenset[str]
    unnamed_levels: tuple[str, ...]
    level_numbers: tuple[str, ...]
    section_names: tuple[str, ...]
    action_sections: frozenset[str]

    def level_pattern(self) -> str:
        return words_pattern(self.level_words)

    def number_pattern(self) -> str:
        return "|".join(self.level_numbers)

    def section_pattern(self) -> str:
        return "|".join(sorted(self.section_names, key=len, reverse=True))


@cache
def structure() -> Structure:
    data = _load("structure.toml")
    return Structure(
        level_words=tuple(data["level_words"]),
        split_level_words=frozenset(data["split_level_words"]),
        unnamed_levels=tuple(data["unnamed_levels"]),
        level_numbers=tuple(data["level_numbers"]),
        section_names=tuple(data["section_names"]),
        action_sections=frozenset(data["action_sections"]),
    )
