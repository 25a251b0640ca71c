"""Tables of money under their caption: rows that are a budget's lines, not indicators.

A sheet or a measure page often prints the money of its measure or of its projects as a table of
its own, under a caption that names the money and its unit (施策別事業費の推移（単位：千円）,
【事業費】（単位：千円）). Its rows (a measure's or a project's name, then a figure per fiscal year)
read like an indicator's yearly actuals; a row with no baseline, target or interim target that
stands under such a caption, with no indicator header between them (a line holding a name,
baseline or target word of ``lexicon/headers.toml``: 指標, 基準値, 目標値 …), is
money and is left out. The money words are ``money_rows`` of ``lexicon/norows.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from keikaku.importer.lexicon import _load, fold_key, header_words, words_pattern
from keikaku.importer.normalize import Line
from keikaku.importer.tables import IndicatorRow

T = TypeVar("T")
MAX_ROWS_UNDER = 40  # lines from a caption to the last row of its table
_MONEY_UNIT = re.compile(r"[(（]\s*(?:単位\s*[:：]\s*)?(?:千|百万|万)?円\s*[)）]")
_HEADER_ROLES = frozenset({"name", "baseline", "interim", "target"})  # an indicator table's header between


_SCALED_YEN = frozenset({"千円", "百万円"})
_BRACKETED_END = re.compile(r"[(（][^()（）]*[)）]$")


@cache
def _money_word_end() -> re.Pattern[str]:
    return re.compile(rf"(?:{_money_word().pattern})$")


@cache
def _money_word() -> re.Pattern[str]:
    return re.compile(words_pattern([fold_key(w) for w in _load("norows.toml")["money_rows"]]))


def is_money_caption(text: str) -> bool:
    """A line that names money and its unit in brackets (事業費の推移（単位：千円）)."""
    key = fold_key(text)
    return len(key) <= 40 and _MONEY_UNIT.search(text) is not None and _money_word().search(key) is not None


def without_money_rows(found: list[tuple[T, IndicatorRow]], lines: Sequence[Line],
                       where: dict[str, int]) -> list[tuple[T, IndicatorRow]]:
    """``found`` without the rows that stand in a money table under its caption, and without the rows
    named by a money word in thousands or millions of yen (施策の事業費, 千円)."""
    found = [(owner, row) for owner, row in found if not is_money_row(row)]
    captions = [k for k, line in enumerate(lines) if "円" in line.text and is_money_caption(line.text)]
    if not captions:
        return found
    return [(owner, row) for owner, row in found if not _under_money(row, captions, lines, where)]


def is_money_row(row: IndicatorRow) -> bool:
    """A row whose name closes with a money word (施策の事業費, 事業の予算額) counted in 千円 or 百万円."""
    unit = fold_key(row.unit or "")
    name = _BRACKETED_END.sub("", fold_key(row.name))
    return unit in _SCALED_YEN and _money_word_end().search(name) is not None


def _under_money(row: IndicatorRow, captions: list[int], lines: Sequence[Line], where: dict[str, int]) -> bool:
    if row.baseline is not None or row.target is not None or row.interim:
        return False
    at = where.get(row.origin) if row.origin is not None else None
    if at is None:
        return False
    caption = max((k for k in captions if k < at), default=None)
    if caption is None or at - caption > MAX_ROWS_UNDER:
        return False
    lex = header_words()
    return not any(lex.role_of(lines[k].text) in _HEADER_ROLES for k in range(caption + 1, at))
