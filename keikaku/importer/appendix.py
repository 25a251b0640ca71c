"""A plan's appendix (資料編): its tables are statistics, not indicators.

A whole plan ends with an appendix (``Ⅲ 資料編``, ``資料編``, ``第3編 資料編``, ``参考資料``;
``appendix_titles`` in ``lexicon/structure.toml``) holding population projections by year, the
financial plan in 百万円 and survey shares. The appendix starts at the first heading so titled
after which the document prints no plan node (a title in a table of contents comes before the
nodes). A row read there is an indicator only when it has a dated baseline or a dated target
(an appendix that lists the plan's indicators again keeps them); a series of figures by year, a
money row or a survey's share has neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from keikaku.importer.lexicon import _load, fold_key
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.segment import Block
from keikaku.importer.tables import IndicatorRow

T = TypeVar("T")
_PART_NUMBER = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,4}|[IVX]{1,4}|[0-9]{1,2}[.]?)\s*")


@cache
def _titles() -> frozenset[str]:
    return frozenset(fold_key(w) for w in _load("structure.toml")["appendix_titles"])


def _is_appendix(block: Block) -> bool:
    heading = block.heading
    if heading is None or heading.kind == "node":
        return False
    return _PART_NUMBER.sub("", fold_key(heading.title)) in _titles()


def appendix_start(blocks: Sequence[Block]) -> int | None:
    """The index of the line the appendix starts at, or None (no appendix, or nodes after it)."""
    start: int | None = None
    for block in blocks:
        if block.heading is not None and block.heading.kind == "node":
            start = None
        elif start is None and block.line is not None and _is_appendix(block):
            start = block.line.index
    return start


def without_appendix_figures(indicators: list[tuple[T, IndicatorRow]], blocks: Sequence[Block],
                             lines: Sequence[Line]) -> list[tuple[T, IndicatorRow]]:
    """``indicators`` but the rows read in the appendix that have neither a dated baseline nor a dated target."""
    start = appendix_start(blocks)
    if start is None:
        return indicators
    inside = {origin_of(line) for line in lines if line.index >= start}
    return [(owner, row) for owner, row in indicators
            if row.origin not in inside or _dated(row)]


def _dated(row: IndicatorRow) -> bool:
    return (row.baseline is not None and row.baseline_year is not None) or (row.target is not None and row.target_year is not None)
