"""The era a document's bare years count in, when the document never names one.

A sheet may print its years bare (``26年度``, ``(29年度)``) and name its era nowhere, not even
in a title. Bare years past the Reiwa years that plans reach (``IMPLIED_FROM`` and over) can only
be Heisei years: such a document counts every bare year in Heisei; one whose bare years are all
small stays undated (5年度 could be 1993 or 2023). A document naming one era only (``H30.7末``
somewhere in a sheet of bare years) counts them in that era when they all fit in it. A document
naming several eras keeps each rule's own reading (the era named last before a table).

While the document is read, the era is ``keikaku.cache.reading_context``, which every memo of
the importer keys on and ``values`` falls back to for a bare year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from keikaku.cache import reading_context
from keikaku.importer.normalize import Line
from keikaku.importer.values import find_era

IMPLIED_FROM, IMPLIED_TO = 20, 40  # 平成20–40年度: 2008–2028 (plans written before 2019 ran to 平成3x)
_SPANS = {"平成": (1, IMPLIED_TO), "令和": (1, IMPLIED_FROM - 1), "昭和": (1, 64)}  # bare years each era may hold
_BARE_YEAR = re.compile(r"(?<![0-9,.])([0-9]{1,2})\s*年度")


def implied_era(lines: Sequence[Line]) -> str | None:
    """The era of a document's bare fiscal years: the one era it names, when they all fit in it; 平成
    when it names none and one of them can only be Heisei's; otherwise None (each rule's own era)."""
    named: set[str] = set()
    bare: set[int] = set()
    for line in lines:
        if (era := find_era(line.key)) is not None:
            named.add(era)
        bare.update(int(n) for n in _BARE_YEAR.findall(line.key))
    if not bare:
        return None
    if not named:
        return "平成" if any(IMPLIED_FROM <= n <= IMPLIED_TO for n in bare) else None
    if len(named) == 1 and (era := named.pop()) in _SPANS:
        low, high = _SPANS[era]
        return era if all(low <= n <= high for n in bare) else None
    return None


@contextmanager
def reading_era(era: str | None) -> Iterator[None]:
    """Read a document with ``era`` standing for the era of its bare years."""
    token = reading_context.set(era)
    try:
        yield
    finally:
        reading_context.reset(token)
