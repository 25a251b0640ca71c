"""Where a row and its figures were printed, for readings that did not say.

Every indicator and figure of the plan file carries the place it was read from. Most readings
record it as they read; some readings of the whole document (cells one per line, sentences,
flattened sheets) put a row together from pieces and leave it out. For those the place is found
again in the lines: a row's is the first line printing its name (or, for a name joined from a
wrapped cell, the name's opening); a figure's is the nearest line printing the figure as a whole
number (``84.9%`` is not found inside ``184.9%``), from the name's line on, else before it (a label
after its figures). A figure not found near the name is left without a place rather than given a
wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import Quantity
from keikaku.importer.width import fold

NEAR = 60  # lines after a row's name within which its figures are looked for
OPENING = 6  # characters of a name that find a name joined from a wrapped cell
_SPACE = re.compile(r"[\s\u3000|｜]+")


def _squashed(text: str) -> str:
    return _SPACE.sub("", fold(text))


def _figure_pattern(q: Quantity) -> re.Pattern[str] | None:
    text = _squashed(q.text)
    if not text or not any(c.isdigit() for c in text):
        return None  # a word (維持, 拡充) or a dash says nothing of its place
    before = r"(?<![0-9.,])" if text[0].isdigit() else ""
    after = r"(?![0-9])" if text[-1].isdigit() else ""
    return re.compile(before + re.escape(text) + after)


def first_places(lines: Sequence[Line]) -> dict[str, int]:
    """Each place (``origin_of``) of ``lines`` and the position of its first line (a long line cut in pieces)."""
    where: dict[str, int] = {}
    for k, line in enumerate(lines):
        where.setdefault(origin_of(line), k)
    return where


def traced(rows: Iterable[IndicatorRow], lines: Sequence[Line], where: dict[str, int] | None = None) -> None:
    """Fill in the missing places of ``rows`` (their ``origin`` and ``origins``) from ``lines``, whose
    ``first_places`` are ``where`` (worked out when not given)."""
    where = first_places(lines) if where is None else where
    keys: list[str] = []  # the lines squashed, once a row needs them
    for row in rows:
        at = where.get(row.origin) if row.origin is not None else None
        if row.origin is None or any(role not in row.origins and q is not None for role, q in _figures(row)):
            keys = keys or [_squashed(ln.text) for ln in lines]
        if row.origin is None:
            at = _name_line(_squashed(row.name), keys)
            if at is None:
                continue
            row.origin = origin_of(lines[at])
        if at is None:
            continue
        for role, q in _figures(row):
            if role in row.origins or q is None or (pattern := _figure_pattern(q)) is None:
                continue
            ahead = range(at, min(at + NEAR, len(keys)))
            behind = range(at - 1, max(at - NEAR, -1), -1)  # figures printed before their name (a label after them)
            found = next((k for k in (*ahead, *behind) if pattern.search(keys[k])), None)
            if found is not None:
                row.origins[role] = origin_of(lines[found])


def _name_line(name: str, keys: list[str]) -> int | None:
    if not name:
        return None
    for probe in (name, name[:OPENING] if len(name) > OPENING else None):
        if probe:
            found = next((k for k, key in enumerate(keys) if probe in key), None)
            if found is not None:
                return found
    return None


def _figures(row: IndicatorRow) -> list[tuple[str, Quantity | None]]:
    return [("baseline", row.baseline), ("target", row.target),
            *((f"interim:{k}", q) for k, (q, _) in enumerate(row.interim)),
            *((f"actual:{year}", q) for year, q, _ in row.actuals)]
