"""The year of a table's figures printed only in a title above it (■令和3年度実績).

An evaluation sheet often prints its indicator header without a year (``目標値(a) 実績値(b)
達成率 評価``) under a title naming the one fiscal year its figures are of. When the nearest line
before the table that names a year is such a title — short, exactly one year, a word of the
actual role (実績), no other figure — that year is the year of the header's undated target and
actual columns, written before each of those cells (``令和3年度目標値(a)``) so that every reading of
the table dates them. A header that names a year of its own keeps it; a table with no such title
is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.segment import Block
from keikaku.importer.values import parse_year

LOOK_BACK = 15  # lines before the table searched for its title
MAX_TITLE = 30  # characters
HEADER_LINES = 3  # lines at the top of the table that may be its header
_DATED_ROLES = ("target", "actual")
_DIGITS = re.compile(r"[0-9]+")


def titled_year(before: list[Line]) -> int | None:
    """The year of the title nearest above a table (see the module's doc), or None."""
    actual_words = header_words().words("actual")
    for line in reversed(before[-LOOK_BACK:]):
        year = parse_year(line.key)
        if year is None:
            continue
        title = line.key.lstrip("■□◆◇●○【[(（ ")
        if (len(title) <= MAX_TITLE and len(_DIGITS.findall(title)) == 1 and " " not in title.strip()
                and any(w in title for w in actual_words)):
            return year
        return None  # the nearest year above the table is no such title
    return None


def dated_table(block: Block, lines: list[Line]) -> Block:
    """``block`` with its header's undated target and actual cells dated by the title above it."""
    if block.table != "indicators" or block.grid is not None or not block.body:
        return block
    first = block.body[0].index
    year = titled_year([ln for ln in lines if ln.index < first])
    if year is None:
        return block
    lex = header_words()
    body = list(block.body)
    if any(parse_year(line.key) is not None for line in body[:HEADER_LINES]):
        return block  # the header dates its columns itself (maybe on a line under its words)
    for k, line in enumerate(body[:HEADER_LINES]):
        cells = line.key.split(" ")
        if line.cells or "|" in line.key:
            continue
        roles = [lex.role_of(c) for c in cells]
        if sum(r in _DATED_ROLES for r in roles) < 2 or None in roles:
            continue
        dated = [f"{year}年度{c}" if r in _DATED_ROLES else c for c, r in zip(cells, roles)]
        body[k] = make_line(" ".join(dated), line.index, line.page, source=line.source)
    return replace(block, body=body)
