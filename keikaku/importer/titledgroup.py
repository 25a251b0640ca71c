"""A row named only by its group under a bracketed title line: the title names the indicator.

A target list may print an indicator's name as a bracketed title on a line of its own and, under
it, one row per group the figure is taken over, named by the group alone::

    〔朝食を毎日食べる児童生徒の割合の向上(学校アンケート)〕
    小学生 現状値(令和元年度)88.5% → 令和6年度 95%以上

Such a row (its name a group word of ``patterns.toml [titledgroup]``, read from the line right
under the title) is named by the title with the group after it in brackets
(``朝食を毎日食べる児童生徒の割合(小学生)``); a bracket closing the title (how the figure is
measured) becomes the definition, and a direction word ending the title (の向上) gives the
direction and leaves the name.
"""

from __future__ import annotations

from collections.abc import Sequence

from keikaku.domain.enums import Direction
from keikaku.importer.lexicon import figure_words, pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.width import fold


def titled_group_rows(lines: Sequence[Line], rows: list[IndicatorRow]) -> None:
    """Name every row that a group word names after the bracketed title line above it (see the module's doc)."""
    group = pattern("titledgroup", "group_name")
    grouped = [r for r in rows if r.name and group.fullmatch(fold(r.name))]
    if not grouped:
        return
    above = {origin_of(line): lines[k - 1] for k, line in enumerate(lines) if k}
    title = pattern("titledgroup", "title")
    for row in grouped:
        line = above.get(row.origin or "")
        m = title.match(line.text.strip()) if line is not None else None
        if m is None:
            continue
        name = m["title"].strip()
        basis = pattern("titledgroup", "basis").search(name)
        if basis is not None:
            name = name[:basis.start()].rstrip()
        name, direction = _direction(name)
        row.name = f"{name}({row.name})"
        row.definition = row.definition or (basis["basis"] if basis is not None else None)
        row.direction = row.direction or direction


def _direction(name: str) -> tuple[str, Direction | None]:
    """The name without a direction word ending it (の向上, ``figures.toml`` direction_tails), and that direction."""
    words = figure_words()
    kinds = {"increase": Direction.INCREASE, "decrease": Direction.DECREASE, "maintain": Direction.MAINTAIN}
    directions = {w: d for key, d in kinds.items() for w in words["sentence"][key]}
    for tail in sorted(words["names"]["direction_tails"], key=len, reverse=True):
        word = tail.removeprefix("の")
        if name.endswith(tail) and len(name) > len(tail) and word in directions:
            return name[: -len(tail)], directions[word]
    return name, None
