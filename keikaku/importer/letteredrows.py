"""Rows lettered A, B, C under a line of years, printed one cell per line (施策評価表).

An evaluation form's indicator tables (対象指標, 成果指標) label their rows with letters and head
their figures with one line of years, each maybe with its role (``単位 20年度(実績) 21年度(実績) …``).
An extractor prints the letters, the names (a name broken over lines, a unit on a line of its own
or after the name), the line of years — before or after the names — and then each row's unit and
one figure per year:

    A / B / 人口 / 人 / 世帯数 世帯 / 236,057 / 235,692 / … / 21,078 / 21,000 / …

A year without its era takes the era the document named last before the line of years. A column
printed after the rows as a year over two stacked roles (``26年度`` / ``(上段:目標)`` /
``(下段:実績)``) holds two figures per row, in the rows' order: the upper role's, then the lower
one's, of that year. The rows are read only when every name has its run of exactly one figure per
year; letters with no name (C, D) give nothing. Rows may also be printed each after its own letter
(``A / 人口 / 人 / 239,045 / … / B / 世帯数 / …``); there a unit cell printed inside the name
(``満足している / % / 市民の割合``) leaves the name going on after it.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.letteredcells import YEAR_CELL
from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import find_era, parse_quantity, parse_year
from keikaku.importer.width import fold

_LETTER = re.compile(r"[A-Z]")
_FIGURE = re.compile(r"[△▲-]?\d[\d,]*(?:\.\d+)?\s*\S{0,3}")  # a figure, maybe with a short unit
_STACKED_HEAD = re.compile(r"(?P<year>(?:平成|令和|昭和|[HRS])?\s*(?:元|\d{1,4})\s*年度?)\s*"
                           r"[(（]上段\s*[:：]\s*(?P<upper>[^()（）]{1,6})[)）]\s*[(（]下段\s*[:：]\s*(?P<lower>[^()（）]{1,6})[)）]")
MIN_YEARS = 3  # year cells in the line of years
BEFORE = 10  # lines before the line of years where the letters may start
AFTER = 6  # lines after it where they may start
INTERLEAVED_REACH = 8  # lines from a letter within which its row's first figure must stand


def lettered_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of every such table (see the module's doc), but those ``known``."""
    kept = NewRows(known)
    era = None
    for h, line in enumerate(lines):
        years = _years(line.text, era)
        era = find_era(line.text) or era
        if years is None:
            continue
        for row in _table(lines, h, years, era):
            if kept.add(row):
                infer(row)
    return kept.rows


def _years(text: str, era: str | None) -> list[int] | None:
    """The years of a line of years (``単位`` first, maybe), each an actual's when it names a role."""
    tokens = fold(text).split()
    if tokens and header_words().role_of(tokens[0]) == "unit":
        tokens = tokens[1:]
    if len(tokens) < MIN_YEARS:
        return None
    years = []
    for token in tokens:
        m = YEAR_CELL.fullmatch(token)
        if m is None or (m.group("role") and header_words().role_of(m.group("role")) != "actual"):
            return None
        year = parse_year(re.sub(r"^元", "1", token), default_era=era)  # 元年度: the era's first year
        if year is None:
            return None
        years.append(year)
    return years if years == sorted(set(years)) else None


def _is_unit(text: str) -> bool:
    return fold(text) in value_units()


def _is_figure(text: str) -> bool:
    return (_FIGURE.fullmatch(text) is not None and parse_quantity(text).kind == "number"
            and YEAR_CELL.fullmatch(fold(text)) is None)


def _table(lines: list[Line], h: int, years: list[int], era: str | None) -> list[IndicatorRow]:
    texts = [fold(ln.text.strip()) for ln in lines]
    start = next((k for k in range(max(0, h - BEFORE), min(len(lines), h + AFTER)) if texts[k] == "A"), None)
    if start is None:
        return []
    first = next((k for k in range(max(start, h + 1), len(lines)) if _is_figure(texts[k])), None)
    if first is None:
        return []
    names = _names(texts, start, h if start < h else first, h)  # units under the line of years are the rows'
    k, rows = (h + 1 if start < h else first), []
    for name, unit, at in names:
        if k < len(texts) and _is_unit(texts[k]):
            unit, k = unit or texts[k], k + 1
        run = texts[k:k + len(years)]
        if len(run) < len(years) or not all(_is_figure(t) for t in run):
            return []
        row = IndicatorRow(name="", origin=origin_of(lines[at]))
        set_name(name, row)
        row.unit = row.unit or unit
        for year, cell in zip(years, run):
            put_value(row, "actual", year, cell, origin=origin_of(lines[k]))
        rows.append(row)
        k += len(years)
    k = _interleaved(lines, texts, k, years, rows, era) if rows else k
    if not rows or (k < len(texts) and _is_figure(texts[k])):
        return []
    _stacked(lines, texts, k, rows, era)
    return [r for r in rows if r.name]


def _interleaved(lines: list[Line], texts: list[str], k: int, years: list[int], rows: list[IndicatorRow],
                 era: str | None) -> int:
    """Rows printed each after its own letter (``B 名称 人 12 14 15``), read on from ``k`` while every
    letter's name has its run of exactly one figure per year; where they end."""
    while k < len(texts) and _LETTER.fullmatch(texts[k]):
        first = next((j for j in range(k + 1, min(len(texts), k + INTERLEAVED_REACH)) if _is_figure(texts[j])), None)
        if first is None or any(_years(texts[j], era) is not None for j in range(k, first)):
            return k
        names = _names(texts, k, first, -1)
        run = texts[first:first + len(years)]
        if len(names) != 1 or len(run) < len(years) or not all(_is_figure(t) for t in run):
            return k
        name, unit, at = names[0]
        row = IndicatorRow(name="", origin=origin_of(lines[at]))
        set_name(name, row)
        row.unit = unit
        for year, cell in zip(years, run):
            put_value(row, "actual", year, cell, origin=origin_of(lines[first]))
        rows.append(row)
        k = first + len(years)
    return k


def _names(texts: list[str], start: int, first: int, h: int) -> list[tuple[str, str | None, int]]:
    """(name, unit, line) of each name between the first letter and the first figure. A unit cell
    ends a name but when the name follows a letter of its own (``A 満足している % 市民の割合``): there
    the text after the unit is the rest of the name."""
    out: list[list] = []
    joining = False
    letters = own_letter = 0
    for k in range(start, first):
        text = texts[k]
        if k == h or _LETTER.fullmatch(text) or header_words().role_of(text) == "name":
            letters = letters + 1 if _LETTER.fullmatch(text) else 0
            joining = False
            continue
        if _is_unit(text):
            if out and out[-1][1] is None:
                out[-1][1] = text
            joining = bool(out) and out[-1][2] == own_letter
            continue
        if not joining and letters:
            own_letter = k if letters == 1 else -1
        letters = 0
        head, _, tail = text.rpartition(" ")
        unit = None
        if head and _is_unit(tail):
            text, unit = head, tail
        if joining:
            out[-1][0] += text
            out[-1][1] = out[-1][1] or unit
        else:
            out.append([text, unit, k])
        joining = unit is None
    return [(n, u, k) for n, u, k in out]


def _stacked(lines: list[Line], texts: list[str], k: int, rows: list[IndicatorRow], era: str | None) -> None:
    """A year over two stacked roles right after the rows (on one line or more): two figures per row."""
    head = k
    while head < len(texts) and head < k + 3 and not _is_figure(texts[head]):
        head += 1
    m = _STACKED_HEAD.fullmatch("".join(texts[k:head]))
    if m is None:
        return
    year = parse_year(re.sub(r"^元", "1", m["year"]), default_era=era)
    lex = header_words()
    roles = (lex.role_of(m["upper"]), lex.role_of(m["lower"]))
    if year is None or not all(r in ("target", "actual", "baseline") for r in roles):
        return
    cells = texts[head:head + 2 * len(rows)]
    if len(cells) < 2 * len(rows) or not all(_is_figure(c) for c in cells):
        return
    for n, row in enumerate(rows):
        for role, cell in zip(roles, cells[2 * n:2 * n + 2]):
            if role == "actual" and any(y == year for y, _, _ in row.actuals):
                continue
            put_value(row, role, year, cell, origin=origin_of(lines[head + 2 * n]))
