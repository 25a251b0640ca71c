"""A two-row year table flattened onto one line, its base year's figure printed last.

An evaluation sheet's indicator table has a target row and an actual row under year columns, the
first of them the base year, where only the actual row has a figure (merged down the two rows,
like the unit cell). A text extractor runs it onto one line in the order the cells sit, the
merged cells after the rows they span::

    成果指標名 name 〔本文〕 達成度 … 単位 区分 H25 (基準年度) 目標値 H26 H27 H28 H35
    50.3 52.4 54.5 65.0 46.2 44.5 - % 実績値 47.6

The base year is a year with a bracketed baseline word after it (``(基準年度)``); the later years
follow, a target word (目標値) among them or before them. Then come exactly one target cell per later
year (the last the target, the earlier interim targets), then the actual cells of the later
years from the first (figures or dashes, fewer cells than years when the latest have none yet),
then the unit, an actual word and one figure: the base year's actual, the baseline. The name is
the text after the last name word before the table (成果指標名, the line before when it is a line
of its own), up to the next header word, placeholders of prose left out and its pieces joined.
Anything else (another count of cells, no target word, no figure after the actual word) gives
nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

_BRACKETED = re.compile(r"^[(（][^()（）]{2,8}[)）]$")
_YEAR = re.compile(r"^(?:[HR]|平成|令和)?\d{1,4}(?:年度?)?$")
_PLACEHOLDER = re.compile(r"^[〔\[【][^〕\]】]*[〕\]】]$")
_EMPTY = ("-", "－", "―", "—", "ー")
_TRIGGER = re.compile(r"\d(?:年度?)?\s*[(（][^()（）\s]{2,8}[)）]\s")  # a year with a bracketed word after it


def _year(token: str) -> int | None:
    return parse_year(token) if _YEAR.match(token) else None


def _cell(token: str) -> str | None:
    """A figure, '' for a dash, None for anything else."""
    if token in _EMPTY:
        return ""
    return token if parse_quantity(token).kind == "number" and _year(token) is None else None


def base_last_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of the tables on ``lines`` laid out as the module describes, but those ``known``."""
    if not _TRIGGER.search("\n".join(ln.key for ln in lines)):
        return []
    words = header_words()
    kept = NewRows(known)
    for i, line in enumerate(lines):
        if "(" not in line.key and "（" not in line.key:
            continue
        tokens = line.key.split()
        for b in range(1, len(tokens) - 1):
            if not _BRACKETED.match(tokens[b + 1]) or words.role_of(tokens[b + 1]) != "baseline":
                continue
            if (base_year := _year(tokens[b])) is None:
                continue
            before = (lines[i - 1].key.split() if i else []) + tokens[:b]
            row = _row(tokens[b + 2:], base_year, _name(before))
            if row is not None and kept.add(row):
                row.origin = origin_of(line)
                infer(row)
    return kept.rows


def _name(tokens: list[str]) -> str | None:
    """The name after the last name word of ``tokens`` that is followed by one."""
    words = header_words()
    for start in range(len(tokens) - 1, -1, -1):
        if words.role_of(tokens[start]) != "name":
            continue
        pieces: list[str] = []
        for token in tokens[start + 1:]:
            if words.role_of(token) is not None:
                break
            if not _PLACEHOLDER.match(token):
                pieces.append(token)
        if pieces:
            return "".join(pieces)
    return None


def _row(tokens: list[str], base_year: int, name: str | None) -> IndicatorRow | None:
    if name is None:
        return None
    words = header_words()
    years: list[int] = []
    targeted = False
    k = 0
    while k < len(tokens) and _cell(tokens[k]) is None:
        year = _year(tokens[k])
        if year is not None:
            if year <= (years[-1] if years else base_year):
                return None
            years.append(year)
        elif words.role_of(tokens[k]) == "target":
            targeted = True
        elif words.role_of(tokens[k]) not in ("label", "unit"):
            return None
        k += 1
    n = len(years)
    if not n or not targeted or k + n > len(tokens):
        return None
    targets = [_cell(t) for t in tokens[k:k + n]]
    if any(t is None for t in targets) or not targets[-1]:
        return None
    k += n
    actuals: list[str] = []
    while k < len(tokens) and len(actuals) < n and (c := _cell(tokens[k])) is not None:
        actuals.append(c)
        k += 1
    unit = None
    if k < len(tokens) and tokens[k] in value_units():
        unit, k = tokens[k], k + 1
    if not any(actuals) or k + 1 >= len(tokens) or words.role_of(tokens[k]) != "actual":
        return None
    base = _cell(tokens[k + 1])
    if not base:
        return None
    row = IndicatorRow(name="")
    set_name(name, row)
    if not row.name:
        return None
    row.unit = unit or row.unit
    put_value(row, "baseline", base_year, base)
    for year, cell in zip(years[:-1], targets[:-1]):
        if cell:
            put_value(row, "interim", year, cell)
    put_value(row, "target", years[-1], targets[-1])
    for year, cell in zip(years, actuals):
        if cell:
            put_value(row, "actual", year, cell)
    return row
