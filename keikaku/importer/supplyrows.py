"""A service's expected use and the supply the plan commits to, per fiscal year, under the service's heading.

A childcare plan and a disability-welfare plan print, for every service, a year table of the
expected use, the supply the city secures (確保方策) and maybe their difference; an extractor's
default mode gives it one cell per line, often column by column::

    （３）病児保育事業                    ← the service: the indicator's name
    （単位：人日）                        ← its unit
    令和７年度 … 令和11年度               ← one year per line
    ①（expected use）                     ← the row labels
    ②確保方策
    ②－①
    1,180 / 1,200 / 20 / 1,170 / …        ← each year's figures in the labels' order

The supply row's figure of the last year is the target of the service (its year the last); the
expected use and the difference are no indicator, and no row of their own. The labels come from
``lexicon/provision.toml``. Rows printed in drawing order (a label, then its figure per year, on
its line or one per line) read the same. The name is the nearest numbered heading above the table
(``（３）…``, ``３ …``, ``①…``, ``■…``) within a few lines; a table under no heading gives nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, provision_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_HEADING = re.compile(r"^(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．、]?[ \u3000]|[①-⑳]|[■◆●□◇○])[ \u3000]*(?P<title>\S.{1,40})$")
_UNIT = re.compile(r"^[(（]?単位[:：]\s*(?P<unit>[^)）]{1,8})[)）]?$")
_BACK = 8  # lines between a table's years and its service's heading


def _year(cell: str) -> int | None:
    rest, year = parse_year_in(cell)
    return year if year is not None and not re.sub(r"[()（）]|年度|実績|計画|見込み?", "", rest).strip() else None


def _figure(cell: str) -> bool:
    return parse_quantity(cell).kind in ("number", "empty")


def _label(cell: str) -> str | None:
    """Which row a label names: ``supply``, ``demand`` or ``other`` (a difference ②－①); None for no label."""
    supply, demand = provision_words()
    key = fold_key(cell)
    if any(w in key for w in supply):
        return "supply"
    if any(w in key for w in demand):
        return "demand"
    if len(key) <= 8 and not _figure(cell) and _year(cell) is None and re.search(r"[-－―‐−]|差|過不足", key):
        return "other"
    return None


def _years_at(lines: list[Line], i: int) -> list[int]:
    years: list[int] = []
    for line in lines[i:]:
        year = _year(line.key.strip())
        if year is None or " " in line.key.strip() or (years and year != years[-1] + 1):
            break
        years.append(year)
    return years


def _cells(lines: list[Line], j: int) -> list[tuple[str, Line]]:
    """The cells after the years, each line's cells in order, up to the first line of other text."""
    out: list[tuple[str, Line]] = []
    for line in lines[j:]:
        cells = [c for c in line.key.split(" ") if c]
        if not cells or not all(_figure(c) or _label(c) for c in cells):
            break
        out += [(c, line) for c in cells]
    return out


def _supply(cells: list[tuple[str, Line]], n: int) -> tuple[str, Line] | None:
    """The supply row's figure of the last of ``n`` years: rows drawn column by column or row by row."""
    kinds = [_label(c) for c, _ in cells]
    labels = [k for k in kinds if k is not None]
    if "supply" not in labels:
        return None
    first = next(k for k, kind in enumerate(kinds) if kind is None) if None in kinds else len(kinds)
    figures = cells[first:]
    if all(kind is not None for kind in kinds[:first]) and all(kind is None for kind in kinds[first:]):
        if len(figures) == n * first:  # column by column: each year's figures in the labels' order
            return figures[(n - 1) * first + kinds.index("supply")]
    at = kinds.index("supply")  # row by row: the label, then its figure per year
    run = cells[at + 1: at + 1 + n]
    if len(run) == n and all(kinds[at + 1 + k] is None for k in range(n)):
        return run[-1]
    return None


def _service(lines: list[Line], i: int) -> tuple[str, str | None] | None:
    """The heading naming the service whose table's years open at line ``i``, and the unit printed between."""
    unit = None
    for line in reversed(lines[max(0, i - _BACK): i]):
        text = line.text.strip()
        if (m := _UNIT.match(text)) is not None:
            unit = unit or m["unit"].strip()
            continue
        if (m := _HEADING.match(text)) is not None and _label(m["title"]) is None:
            return m["title"].strip(), unit
    return None


def supply_rows(lines: list[Line], known: list[str]) -> list[IndicatorRow]:
    """Services of a supply-and-use year table: the supply of the last year is the target."""
    new = NewRows(known)
    i = 0
    while i < len(lines):
        years = _years_at(lines, i)
        if len(years) < 2:
            i += 1
            continue
        cells = _cells(lines, i + len(years))
        found = _supply(cells, len(years))
        service = _service(lines, i) if found is not None else None
        if found is not None and service is not None:
            row = IndicatorRow(name="", origin=origin_of(lines[i]))
            set_name(service[0], row)
            row.unit = service[1] or parse_quantity(found[0]).unit or row.unit
            put_value(row, "target", years[-1], found[0], origin=origin_of(found[1]))
            if row.name and row.target is not None:
                new.add(row)
        i += len(years) + max(1, len({id(ln) for _, ln in cells}))
    return new.rows
