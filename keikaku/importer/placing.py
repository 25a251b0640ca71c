"""Indicators read from the whole document go under the heading they stand under.

Readings of the whole document (flattened sheets, label rows, goal sentences …) find an
indicator without knowing the node whose text holds it. Its name's line says where it stood:
it goes where a table read on that line would have gone, to the node whose heading came last
before it. One printed before any heading, or in a chapter the plan owns (the plan's overall
goals), stays the plan's own (plan-wide).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Placed(Protocol):
    origin: str | None


Owner = TypeVar("Owner", bound=_Placed)
Row = TypeVar("Row", bound=_Placed)


def placed(found: Sequence[tuple[Owner | None, Row]], spots: Sequence[tuple[int, Owner | None]],
           order: dict[str, int]) -> list[tuple[Owner | None, Row]]:
    """``found`` with each ownerless row given the node a table on its line would have gone to.

    ``spots`` are (line position, owner from there on), in document order: one at every heading,
    with the node it opened, or None after a chapter or section the plan owns. ``order`` maps a
    place (``origin_of`` of a line) to the line's position. Rows whose place is unknown stay as
    they are.
    """
    starts = [at for at, _ in spots]
    out: list[tuple[Owner | None, Row]] = []
    for owner, row in found:
        if owner is None and row.origin is not None and (at := order.get(row.origin)) is not None:
            k = bisect_right(starts, at)
            if k:
                owner = spots[k - 1][1]
        out.append((owner, row))
    return out
