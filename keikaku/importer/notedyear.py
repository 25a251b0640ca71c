"""A column's year stated in a note above its table: ``※最新値は…、令和4年度の調査結果を使用。``

A note (maybe opened by ``※``) whose subject is a value word of ``headers.toml`` (``最新値は``) and
whose sentence names exactly one year dates that column: the header cell printed alone on a line
(a table left one cell per line) that is only that word, with no bracketed year on the line after
it, gets the year in brackets, so every reading of the table dates the column's figures. A note
naming two years, a word that is no value word, or a header cell already dated leaves the lines
as they are. A header printed on one line (評価指標 現状値 目標値（令和11年度）) whose cell is only
that word takes the year of the nearest such note under it (within ``_NOTE_REACH`` lines), so two
tables under two notes take each its own year; one with a line of years under it is dated already.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import header_words, words_pattern
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.values import ERA, parse_year

_ROLES = ("baseline", "actual", "target", "interim")
_YEAR = re.compile(rf"{ERA}\s*(?:元|\d{{1,2}})\s*年度?|(?:19|20)\d{{2}}\s*年度?")
_DATED_NEXT = re.compile(r"^[(（][^()（）]*\d[^()（）]*[)）]$")
_YEARS_LINE = re.compile(rf"(?:[(（]?\s*(?:{_YEAR.pattern})\s*[)）]?\s*)+")  # (平成 30年度) (令和 6年度): a header's years
_SENTENCE_MAX = 60
_NOTE_REACH = 40  # lines between a one-line header and the note under its table


@cache
def _note() -> re.Pattern[str]:
    words = words_pattern(header_words().words(*_ROLES))
    return re.compile(rf"^[※*]?\s*({words})\s*は([^。]{{1,{_SENTENCE_MAX}}})(?:。|$)")


def date_noted_columns(lines: list[Line]) -> list[Line]:
    """``lines`` with each header cell a note dates given that year in brackets."""
    years: dict[str, str] = {}
    for line in lines:
        m = _note().match(line.key)
        if m is None or m.group(1) in years:
            continue
        found = _YEAR.findall(m.group(2))
        if len(found) == 1 and parse_year(found[0]) is not None:
            years[m.group(1)] = found[0].replace(" ", "")
    if not years:
        return lines
    lines = _date_header_words(lines)
    out: list[Line] = []
    for k, line in enumerate(lines):
        year = years.get(line.key)
        nxt = lines[k + 1].key if k + 1 < len(lines) else ""
        if year is None or line.cells or line.grid is not None or _DATED_NEXT.match(nxt):
            out.append(line)
            continue
        out.append(make_line(f"{line.text}({year})", line.index, line.page, source=line.source))
    return out


def _date_header_words(lines: list[Line]) -> list[Line]:
    """``lines`` with each one-line header's undated cell that a note under it names given the note's year."""
    notes: list[tuple[int, str, str]] = []
    for k, line in enumerate(lines):
        m = _note().match(line.key)
        if m is not None:
            found = _YEAR.findall(m.group(2))
            if len(found) == 1 and parse_year(found[0]) is not None:
                notes.append((k, m.group(1), found[0].replace(" ", "")))
    out = list(lines)
    for k, line in enumerate(lines):
        words, keys = line.text.split(" "), line.key.split(" ")
        if line.cells or line.grid is not None or len(keys) < 3 or len(words) != len(keys) \
                or header_words().role_of(keys[0]) != "name" or k + 1 < len(lines) and _YEARS_LINE.fullmatch(lines[k + 1].key):
            continue  # a header with its years printed under it is dated already
        for at, word, year in notes:
            if k < at <= k + _NOTE_REACH and word in keys[1:]:
                n = keys.index(word, 1)
                words[n] = f"{word}({year})"
                out[k] = make_line(" ".join(words), line.index, line.page, source=line.source)
                break
    return out
