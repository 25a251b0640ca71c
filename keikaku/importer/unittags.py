"""Bracketed tags in an indicator's name: a unit (【単位：人】, 【人】, (単位：千円)) or a tag that marks
the row (【KPI】, 【新規】), which is no unit.

A 【…】 tag is the row's unit when it says 単位 or holds only units of the lexicon (compound ones
too: 【千円/人】); any other tag opening the name is dropped from it, and one elsewhere stays."""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import value_units
from keikaku.importer.width import fold

_TAG = re.compile(r"\s*(?:【(?P<said>単位[:：]\s*)?(?P<tag>[^】]{1,10})】|[(（]単位[:：]\s*(?P<paren>[^()（）]{1,10})[)）])\s*")


@cache
def _units() -> frozenset[str]:
    return frozenset(fold(u) for u in value_units())


def is_unit_word(text: str) -> bool:
    """Whether ``text`` is a unit of the lexicon, or units joined by a slash (千円/人)."""
    parts = [p.strip() for p in fold(text).replace("％", "%").split("/")]
    return all(p in _units() for p in parts) and all(parts)


def unit_tag(name: str) -> tuple[str | None, str]:
    """The unit a bracketed tag of ``name`` gives, and the name without the tag (a tag that is no
    unit is taken out only where it opens the name)."""
    for m in _TAG.finditer(name):
        unit = m.group("paren") or m.group("tag")
        if m.group("paren") or m.group("said") or is_unit_word(unit):
            return unit.replace("％", "%"), (name[: m.start()] + " " + name[m.end():]).strip()
        if m.group("tag") and not name[: m.start()].strip() and name[m.end():].strip():
            return unit_tag(name[m.end():].strip())
    return None, name
