"""A header whose figures column is headed by a name word that holds a target word (数値目標).

A plan's page may head a table of targets with two name-like cells, the indicator's column and
the figures' column, and no value word at all::

    主要指標 数値目標 前年比
    1 利用者数 84,500人 2%増

``数値目標`` names the indicators when it stands first (``数値目標 現状値 目標値``), but after a cell
that already names them it can only head the figures: the targets. A line of spaced cells, no
figure among them, whose first cell names the indicators (a name word of ``headers.toml``) and a
later cell is a word of ``[later_name_targets]`` (maybe with its year in brackets), in a header
naming no target column else, is written with that cell as the target word (``目標値``), the
year kept, so the table reads as any other; the other lines are left as they are.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import _load, fold_key, header_words
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.values import parse_year_in

MAX_CELLS = 8  # a header line of more cells is a row or a sentence
_FIGURE = re.compile(r"[0-9０-９][0-9０-９,，.．]*\s*(?:%|％|件|人|円|点|冊|回)")
TARGET_WORD = "目標値"


@cache
def _words() -> frozenset[str]:
    return frozenset(fold_key(w) for w in _load("headers.toml").get("later_name_targets", {}).get("words", ()))


def _rewritten(line: Line) -> Line | None:
    """The line with its figures' cell written as the target word, or None when it is no such header."""
    if line.cells or line.grid is not None or "|" in line.key or _FIGURE.search(line.key):
        return None
    cells = line.text.split()
    if not 2 <= len(cells) <= MAX_CELLS:
        return None
    lex = header_words()
    roles = [lex.role_of(parse_year_in(c)[0]) for c in cells]
    if roles[0] != "name" or "target" in roles:
        return None
    at = next((k for k in range(1, len(cells)) if fold_key(parse_year_in(cells[k])[0]) in _words()), None)
    if at is None:
        return None
    body = parse_year_in(cells[at])[0]
    cells[at] = cells[at].replace(body.strip(), TARGET_WORD, 1)
    return make_line(" ".join(cells), line.index, line.page, None, line.source, None)


def write_later_name_targets(lines: list[Line]) -> list[Line]:
    """``lines`` with each such header's figures cell written as the target word (see the module's doc)."""
    if not _words() or not any(w in fold_key(line.key) for line in lines for w in _words()):
        return lines
    return [_rewritten(line) or line for line in lines]
