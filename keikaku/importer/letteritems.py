"""Indicators listed under letters (A:name), their figures keyed by the letters, one cell per line.

A measure sheet printed one cell per line may list its indicators as ``A:name`` / ``B:name`` …,
each followed by the rest of its name and its unit cell (the last short line before the next
letter; a placeholder is skipped), and print the figures apart:

- under a baseline word (現状値) with its year on the line before or after, pairs of a letter alone
  and a figure: that indicator's baseline of that year (a letter not printed has none);
- under a line of three years or more, runs of exactly one figure per year, two per indicator in
  the letters' order: one labelled with a target word of ``headers.toml`` or with a vertical
  target word whose characters the extractor printed apart (目 / 値, or 目 alone: its first
  character, then characters of 目標値 in order) is the target run, its last figure the target of the last year; the other (a projection,
  推計値) gives nothing. Runs that do not number two per indicator, or a pair with no or two
  target runs, give no targets.

A bracketed formula after the name (``( =A/B× 100)``) is its definition, not part of it. Letters
must run from A with none missing; an item given no figure is left out (a list of letters with
no figures keyed to them is a legend: A:拡充 B:維持 …).
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import era_year_columns, parse_quantity, parse_year

MIN_ITEMS = 3  # letters, for a list
MAX_UNIT = 8  # characters of a unit cell
MIN_YEARS = 3  # years of the runs' header line
_ITEM = re.compile(r"^([A-Z])[:：]\s*(\S.*)$")
_LETTER = re.compile(r"^[A-Z]$")
_PLACEHOLDER = re.compile(r"〔[^〕]*〕")
_FORMULA = re.compile(r"[(（]\s*[=＝][^()（）]*[)）]")


def _figure(key: str) -> str | None:
    q = parse_quantity(key)
    return key if q.kind == "number" and re.match(r"^[△▲]?[0-9]", key) else None


def _items(lines: list[Line]) -> list[tuple[str, IndicatorRow, int]]:
    """(letter, row, index of the item's last line) for the letters A, B, C … in order."""
    out: list[tuple[str, IndicatorRow, int]] = []
    k = 0
    while k < len(lines):
        m = _ITEM.match(lines[k].key)
        if m is None or m.group(1) != chr(ord("A") + len(out)):
            if out:
                break
            k += 1
            continue
        pieces = [m.group(2)]
        j = k + 1
        while j < len(lines) and _ITEM.match(lines[j].key) is None and not _stops(lines[j].key):
            pieces.append(lines[j].key)
            j += 1
        pieces = [p for p in (_PLACEHOLDER.sub("", p).strip() for p in pieces) if p]
        unit = pieces.pop() if len(pieces) > 1 and len(pieces[-1]) <= MAX_UNIT and "。" not in pieces[-1] else None
        name = _FORMULA.sub("", "".join(pieces)).strip()
        row = IndicatorRow(name="", origin=origin_of(lines[k]))
        set_name(name, row)
        row.unit = unit or row.unit
        out.append((m.group(1), row, j - 1))
        k = j
    return out if len(out) >= MIN_ITEMS else []


def _stops(key: str) -> bool:
    """A line that ends the last item: a year, a header word, a letter alone or a figure."""
    return (parse_year(key) is not None or header_words().role_of(key) is not None
            or _LETTER.match(key) is not None or _figure(key) is not None)


def letter_item_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators listed under letters among ``lines`` with the figures keyed to them, but those ``known``."""
    items = _items(lines)
    if not items:
        return []
    rows = {letter: row for letter, row, _ in items}
    start = items[-1][2] + 1
    _baselines(lines, start, rows)
    _targets(lines, start, [row for _, row, _ in items])
    new = NewRows(known)
    for row in rows.values():
        if row.name and (row.baseline is not None or row.target is not None):  # a list with no figures keyed is a legend
            infer(row)
            new.add(row)
    return new.rows


def _baselines(lines: list[Line], start: int, rows: dict[str, IndicatorRow]) -> None:
    for k in range(start, len(lines)):
        if header_words().role_of(lines[k].key) != "baseline" or len(lines[k].key) > MAX_UNIT:
            continue
        year = next((parse_year(lines[j].key) for j in (k - 1, k + 1) if 0 <= j < len(lines)
                     and parse_year(lines[j].key) is not None and len(lines[j].key) <= 12), None)
        j = k + 1 if year is None or parse_year(lines[k + 1].key) is None else k + 2
        while j + 1 < len(lines) and _LETTER.match(lines[j].key) and (figure := _figure(lines[j + 1].key)) is not None:
            row = rows.get(lines[j].key)
            if row is not None and row.baseline is None:
                put_value(row, "baseline", year, figure, origin=origin_of(lines[j + 1]))
            j += 2
        return


def _targets(lines: list[Line], start: int, rows: list[IndicatorRow]) -> None:
    for k in range(start, len(lines)):
        years = era_year_columns(lines[k].key)
        if len(years) < MIN_YEARS or years != list(range(years[0], years[0] + len(years))):
            continue
        runs = _runs(lines[k + 1:], len(years))
        if len(runs) != 2 * len(rows):
            return
        for row, pair in zip(rows, zip(runs[::2], runs[1::2])):
            aims = [run for run in pair if _aims(run[0])]
            if len(aims) == 1:
                label, figures = aims[0]
                put_value(row, "target", years[-1], figures[-1][0], origin=origin_of(figures[-1][1]))
        return


def _runs(lines: list[Line], width: int) -> list[tuple[str, list[tuple[str, Line]]]]:
    """(label, figures) of each run of exactly ``width`` figure lines, its label the text lines before."""
    runs: list[tuple[str, list[tuple[str, Line]]]] = []
    label: list[str] = []
    figures: list[tuple[str, Line]] = []
    for line in lines:
        figure = _figure(line.key)
        if figure is not None:
            figures.append((figure, line))
            continue
        if figures:
            if len(figures) != width:
                return runs
            runs.append(("".join(label), figures))
            label, figures = [], []
        if len(line.key) > MAX_UNIT:
            return runs
        label.append(line.key)
    if figures and len(figures) == width:
        runs.append(("".join(label), figures))
    return runs


def _aims(label: str) -> bool:
    """A target word, or its characters printed apart with some missing (目 / 値 of 目標値)."""
    if not label:
        return False
    if header_words().role_of(label) == "target":
        return True
    return any(len(word) >= 3 and _in_order(label, word) for word in header_words().words("target"))


def _in_order(label: str, word: str) -> bool:
    at = 0
    for ch in label:
        at = word.find(ch, at)
        if at < 0:
            return False
        at += 1
    return label[0] == word[0]
