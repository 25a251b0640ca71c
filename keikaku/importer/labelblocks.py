"""Indicator blocks under a 区分 header, printed one cell per line (an evaluation sheet's 活動指標 / 成果指標).

The header is printed cell by cell: the name word (指標名), maybe the unit word (単位), the label
word (区分) and the fiscal years. Each indicator follows as its name, its unit when the header has
a unit column, its row labels (目標値, 実績値, 達成率 …, each once) and then the figures of the
block, as many as labels times years. An extractor gives them label by label (each label's row
across the years) or year by year (each year's column down the labels); when one label is a rate
(達成率), the order in which every rate is the actual over the target (or the target over the
actual) is the order printed, else the figures go label by label. A block's target is its last
year's 目標値; its 実績値 are the actuals. A block whose count of figures does not fit is refused.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold

_TRIGGER = re.compile(r"^区\s?分$", re.M)  # the label column's header cell alone on its line
_FIGURE = re.compile(r"^[△▲]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?[%％]?$|^[-－―]$")
_LABEL_ROLES = ("target", "actual", "rate")


def label_block_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of 区分 blocks printed one cell per line, but those ``known``."""
    if not _TRIGGER.search("\n".join(line.key for line in lines)):
        return []
    kept = NewRows(known)
    i = 0
    while i < len(lines):
        header = _header(lines, i)
        if header is None:
            i += 1
            continue
        has_unit, years, i = header
        while (found := _block(lines, i, has_unit, years)) is not None:
            row, i = found
            if kept.add(row):
                infer(row)
    return kept.rows


def _role(cell: str) -> str | None:
    return header_words().role_of(cell) if len(cell) <= 8 else None


def _year(cell: str) -> int | None:
    rest, year = parse_year_in(cell)
    return year if year is not None and not rest.strip(" ()（）") else None


def _header(lines: list[Line], i: int) -> tuple[bool, list[int], int] | None:
    """(a unit column, the years, the line after the header) of a header opening at line ``i``."""
    if _role(lines[i].key.strip()) != "name":
        return None
    j, has_unit = i + 1, False
    if j < len(lines) and _role(lines[j].key.strip()) == "unit":
        has_unit, j = True, j + 1
    if j >= len(lines) or _role(lines[j].key.strip()) != "label":
        return None
    years: list[int] = []
    j += 1
    while j < len(lines) and (y := _year(lines[j].key.strip())) is not None:
        years.append(y)
        j += 1
    if not years or years != list(range(years[0], years[0] + len(years))):
        return None
    return has_unit, years, j


def _block(lines: list[Line], i: int, has_unit: bool, years: list[int]) -> tuple[IndicatorRow, int] | None:
    """One indicator's block from line ``i`` and the line after it."""
    if i >= len(lines):
        return None
    name = fold(lines[i].text.strip())
    if len(name) < 3 or _role(name) is not None or _FIGURE.match(lines[i].key.strip()) or _year(name) is not None:
        return None
    j = i + 1
    unit = None
    if has_unit:
        if j >= len(lines) or re.search(r"\d", cell := lines[j].key.strip()) or not 1 <= len(cell) <= 6 or _role(cell):
            return None
        unit, j = fold(lines[j].text.strip()), j + 1
    labels: list[str] = []
    while j < len(lines) and (r := _role(lines[j].key.strip())) in _LABEL_ROLES and r not in labels:
        labels.append(r)  # type: ignore[arg-type]
        j += 1
    need = len(labels) * len(years)
    figures = lines[j:j + need]
    if "target" not in labels and "actual" not in labels or len(figures) < need \
            or not all(_FIGURE.match(f.key.strip()) for f in figures):
        return None
    cells = _by_label(figures, labels, len(years))
    row = IndicatorRow(name="")
    set_name(name, row)
    row.origin = origin_of(lines[i])
    if unit:
        row.unit = unit
    for label, run in zip(labels, cells):
        for year, line in zip(years, run):
            text = line.text.strip()
            if label == "rate" or parse_quantity(text).kind != "number":
                continue
            put_value(row, label, year, text, origin=origin_of(line))  # the last year's 目標値 is the target
    return (row, j + need) if row.name and (row.target or row.actuals) else None


def _by_label(figures: list[Line], labels: list[str], width: int) -> list[list[Line]]:
    """The figures as one run per label: printed label by label, or year by year when the rates say so."""
    across = [figures[k * width:(k + 1) * width] for k in range(len(labels))]
    down = [figures[k::len(labels)] for k in range(len(labels))]
    if {"rate", "target", "actual"} <= set(labels) and not _rates_fit(across, labels) and _rates_fit(down, labels):
        return down
    return across


def _rates_fit(runs: list[list[Line]], labels: list[str]) -> bool:
    by = dict(zip(labels, runs))
    for t, a, r in zip(by["target"], by["actual"], by["rate"]):
        target, actual, rate = (parse_quantity(x.key.strip()).value for x in (t, a, r))
        if not target or not actual or rate is None:
            continue
        if min(abs(actual / target * 100 - rate), abs(target / actual * 100 - rate)) > 0.6:
            return False
    return True
