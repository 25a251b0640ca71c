"""Indicator names numbered with circled marks under a table header, their figures not settled.

A page flattened column by column prints a table's header (a name column and at least two value
columns: ``評価指標 単位 現況値 目標値``) and then its cells in no reliable order; the names keep
their row marks ①, ②, ③ …. When every mark from ① to the last is there, once each (in any order),
each mark opens one indicator, named by the text glued to it and the pieces the extractor broke
off it: the rest of an open bracket (the first of the next three cells that closes it: a piece of
another column may stand between), or a piece of at most ``broken_piece`` characters
(``lexicon/figures.toml``) after a name that does not yet end like one (``name_endings``:
``…の満足`` / ``度``). The figures around them are not placed: the page does not say whose they
are. A name another reading found keeps that reading's figures.

A sheet flattened onto one line may print a name and its row mark right before the kind word that
numbers it and opens the figures' header (``name ①`` / ``成果指標1 項目 H22実績 …``, kinds in
``lexicon/glued.toml``): that name is an indicator's, figures or none.
"""

from __future__ import annotations

import re

from keikaku.importer.known import name_key
from keikaku.importer.lazypattern import lazy
from keikaku.importer.lexicon import figure_words, fold_key, glued_words, header_words, name_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, set_name
from keikaku.importer.values import parse_year_in

MIN_MARKS = 3  # fewer numbered names are a list of items, not a table's rows
REACH = 40  # lines after the header that may hold its rows
MAX_NAME = 60  # characters of a name with its pieces
CLOSE_WITHIN = 3  # cells after an open bracket that may hold its rest (another column's piece between)
_MARK = re.compile(r"^([①-⑳])(\S+)$")
_ANY_MARK = re.compile(r"[①-⑳]")
_MARKED = re.compile(r"^(\S{4,60})\s+[①-⑳]$")
_TEXT = lazy(r"^[\u3040-\u30ff\u4e00-\u9fff]")
_VALUE_ROLES = frozenset({"baseline", "interim", "target", "actual"})


def _is_header(key: str) -> bool:
    """A line holding a name header cell and at least two value header cells."""
    roles = [header_words().role_of(cell) for cell in key.split() if len(cell) <= 12]
    return "name" in roles and sum(r in _VALUE_ROLES for r in roles) >= 2


def circled_name_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The circled-numbered names under an indicator table's header among ``lines``, but those ``known``."""
    if not any(_ANY_MARK.search(line.key) for line in lines):
        return []
    seen = {name_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for name, at in _marked_before_kind(lines):
        row = IndicatorRow(name="", origin=origin_of(at))
        set_name(name, row)
        if row.name and name_key(row.name) not in seen:
            seen.add(name_key(row.name))
            rows.append(row)
    for k, line in enumerate(lines):
        if not _is_header(line.key):
            continue
        cells = [(cell, ln) for ln in lines[k + 1: k + 1 + REACH] for cell in ln.key.split()]
        named = _names(cells)
        for name, at in named:
            row = IndicatorRow(name="", origin=origin_of(at))
            set_name(name, row)
            if row.name and name_key(row.name) not in seen:
                seen.add(name_key(row.name))
                rows.append(row)
        if named:
            break
    return rows


def _names(cells: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """(name, line) per mark, when the marks run from ① to the last with none missing or repeated."""
    marks = [(i, m) for i, (cell, _) in enumerate(cells) if (m := _MARK.match(cell)) is not None and _TEXT.match(m.group(2))]
    numbers = [ord(m.group(1)) - ord("①") for _, m in marks]
    if len(marks) < MIN_MARKS or sorted(numbers) != list(range(len(numbers))):
        return []
    piece = figure_words()["names"]["broken_piece"]
    out: list[tuple[str, Line]] = []
    for i, m in marks:
        name = m.group(2)
        j = i + 1
        while j < len(cells) and len(name) < MAX_NAME and not _MARK.match(cells[j][0]) and _TEXT.match(cells[j][0]):
            nxt = cells[j][0]
            if name.count("(") > name.count(")"):
                close = next((c for c in range(j, min(j + CLOSE_WITHIN, len(cells))) if ")" in cells[c][0]), j)
                name += cells[close][0]
                j = close + 1
            elif len(nxt) <= piece and not fold_key(name).endswith(name_endings()):
                name += nxt
                j += 1
            else:
                break
        out.append((name, cells[i][1]))
    return out


def _marked_before_kind(lines: list[Line]) -> list[tuple[str, Line]]:
    """A name and its row mark (``name ①``) on the line before the header its kind word numbers (``成果指標1 項目 …``)."""
    kinds = "|".join(re.escape(k) for k in sorted(glued_words()["kinds"], key=len, reverse=True))
    opens = re.compile(rf"^(?:{kinds})\s*[0-9]{{1,2}}\s")
    out: list[tuple[str, Line]] = []
    for line, after in zip(lines, lines[1:]):
        m = _MARKED.match(line.key)
        if m is None or not opens.match(after.key) or not _TEXT.match(m.group(1)):
            continue
        rest = after.key.split()[1:]
        if sum(header_words().role_of(cell) is not None or parse_year_in(cell)[1] is not None for cell in rest) >= 2:
            out.append((m.group(1), line))
    return out
