"""Patterns compiled on their first use, for readers that most documents never reach.

Compiling a pattern costs far more than a search with it: ``re`` parses it and optimises each
character class by walking every code point of its ranges, so a class such as
``[\\u3040-\\u30ff\\u4e00-\\u9fff]`` or a long alternation of units takes about a millisecond.
A module-level ``re.compile`` pays that at every start of ``keikaku extract``, whether or not the
documents given reach the reading that needs it. ``lazy`` takes the place of ``re.compile`` for
such patterns: the pattern is compiled when first used, and from then on its methods are the
compiled pattern's own (kept on the object, so a call costs what it costs on a compiled pattern).

A lazy pattern is used through its methods and attributes (``search``, ``finditer``, ``pattern``
…); it is not a ``re.Pattern`` to pass to ``re.sub`` and the like.
"""

from __future__ import annotations

import re
from typing import Any, cast

# What a compiled pattern offers; each is copied onto the lazy pattern when it is first used.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
               "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(source, flags)``, compiled when it is first asked for anything."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # called only while the pattern is not compiled yet
        if name.startswith("_"):  # its own fields, special methods: never the pattern's
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source!r})"


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on its first use; used as the ``re.Pattern`` it stands for."""
    return cast(re.Pattern[str], LazyPattern(source, flags))
