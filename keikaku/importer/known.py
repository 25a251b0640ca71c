"""Readings of a whole document add only the indicators no earlier reading found; names are
compared width-folded, without spaces or ・ (a name broken over lines, or printed letter-spaced,
is the same name)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from keikaku.importer.lexicon import fold_key, name_endings
from keikaku.importer.width import fold

if TYPE_CHECKING:
    from keikaku.importer.tables import IndicatorRow

_SPACES_AND_DOTS = re.compile(r"[\s・]")
_PARTICLE = re.compile(r"^[のをにがへやとで]")
_ROW_CODE = re.compile(r"[0-9ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+-[0-9]+")


def name_key(name: str) -> str:
    """The form two readings' names are compared in."""
    return _SPACES_AND_DOTS.sub("", fold(name))


class NewRows:
    """The rows a whole-document reading adds: none whose name an earlier reading (``known``) or
    this one already gave."""

    def __init__(self, known: Iterable[str]) -> None:
        self.seen = {name_key(n) for n in known}
        self.rows: list[IndicatorRow] = []

    def _run_into(self, key: str) -> bool:
        """Whether ``key`` is a known name with the cells before it run into it, a row's code among them
        (``施策名2-1``): the known row read again from a line whose cells a reading took for its name."""
        for known in self.seen:
            if len(known) >= 8 and known in key and _ROW_CODE.search(key.replace(known, "", 1)):
                return True
        return False

    def _tail_of(self, key: str) -> bool:
        """Whether ``key`` opens with a particle and ends a known name (``の割合``): the second line of a
        wrapped name, which a reading took for a name of its own."""
        return _PARTICLE.match(key) is not None and any(known.endswith(key) and known != key for known in self.seen)

    def add(self, row: IndicatorRow) -> bool:
        """Keep ``row`` when its name is new; whether it was kept."""
        key = name_key(row.name)
        if key in self.seen or self._run_into(key) or self._tail_of(key):
            return False
        self.seen.add(key)
        self.rows.append(row)
        return True


def read_again(row: IndicatorRow, rows: Iterable[IndicatorRow]) -> bool:
    """Whether ``row`` is a row of ``rows`` read again from its name's last line: its name ends that
    row's longer name and its figures are all that row's (``た人の割合`` beside
    ``地域の行事に参加した人の割合``, its figures that row's actual and target)."""
    key = name_key(row.name)
    figures = _figures(row)
    if not key or not figures:
        return False
    return any(len(other) > len(key) and other.endswith(key) and wrapped_head(other[:len(other) - len(key)], key)
               and figures <= _figures(r) for r in rows if (other := name_key(r.name)))


def wrapped_head(head: str, tail: str) -> bool:
    """Whether ``head`` may be the first line of a name whose second line is ``tail``: nothing, or a piece
    that does not end like a name or a bracket and does not hold ``tail`` again (a title above the name)."""
    key = fold_key(head)
    return not key or (tail not in head and not key.endswith(name_endings()) and not key.endswith((")", "）", "】")))


def _figures(row: IndicatorRow) -> set[float]:
    quantities = [row.baseline, row.target, *(q for _, q, _ in row.actuals), *(q for q, _ in row.interim)]
    return {q.value for q in quantities if q is not None and q.kind == "number" and q.value is not None}
