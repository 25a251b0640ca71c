"""Readings of a whole document add only the indicators no earlier reading found; names are
compared width-folded, without spaces or ・ (a name broken over lines, or printed letter-spaced,
is the same name)."""

from __future__ import annotations

import re

from keikaku.importer.width import fold

_SPACES_AND_DOTS = re.compile(r"[\s・]")


def name_key(name: str) -> str:
    """The form two readings' names are compared in."""
    return _SPACES_AND_DOTS.sub("", fold(name))
