"""Rows printed one cell per line without a header: a row mark, the name, two figures and a rate.

An evaluation of a year's targets, copied as text one cell per line, may lose its header row:

    1-1 / 講座の開催数 / 120回 / 108回 / 90% / (comment) / …

Two figures with the same unit followed by a percentage that is the second over the first (rounded,
within a point) are the target and the actual, the percentage the achievement rate: the rate is
what settles which figure is which when no header says it. The name is the one to three short lines
between the row's mark (a code such as ``1-1``, or ①) and the first figure, joined (a name the
extractor broke over two lines). The actual is of the year a title before the rows names with 実績
(``令和4年度実績評価``); without such a title the row gives its target only. At least two such rows
are needed: one figure pair that happens to fit a percentage is no table.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, set_name
from keikaku.importer.values import Quantity, parse_quantity, parse_year

MIN_ROWS = 2
MAX_NAME_LINES = 3
MAX_NAME_CHARS = 40
_MARK = re.compile(r"^(?:[0-9]{1,2}-[0-9]{1,2}|[①-⑳])$")
_FIGURE = re.compile(r"^[△▲-]?[0-9][0-9,.]*\s*[^\s0-9,.]{0,4}$")
_RESULT_TITLE = re.compile(r"((?:平成|令和|[HR])\s*(?:元|[0-9]{1,2})\s*年度?|[0-9]{4}\s*年度?)\s*(?:の\s*)?実績")


def _figure(line: Line) -> Quantity | None:
    key = line.key.strip()
    if not _FIGURE.match(key):
        return None
    q = parse_quantity(key)
    return q if q.kind == "number" and q.value is not None else None


def _rated(target: Quantity, actual: Quantity, rate: Quantity) -> bool:
    """Whether ``rate`` (a percentage) is ``actual`` over ``target``, as printed (rounded)."""
    if rate.unit != "%" or (target.unit or "") != (actual.unit or ""):
        return False
    if not target.value:
        return False
    return abs(float(actual.value) / float(target.value) * 100 - float(rate.value)) <= 1.0  # type: ignore[arg-type]


def _name(lines: list[Line], first: int, floor: int) -> str | None:
    """The name printed between the row's mark and its first figure (line ``first``), or None."""
    parts: list[str] = []
    k = first - 1
    while k >= floor and len(parts) < MAX_NAME_LINES:
        key = lines[k].key.strip()
        if _MARK.match(key):
            break
        if (not key or key.endswith("。") or len(key) > MAX_NAME_CHARS or key.startswith(("〔", "[", "※"))
                or _figure(lines[k]) is not None):
            return None
        parts.insert(0, lines[k].text.strip())
        k -= 1
    else:
        return None  # no mark above the name
    return "".join(parts) if parts else None


def rated_cell_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of target, actual and rate printed one cell per line among ``lines``, but those ``known``."""
    found: list[tuple[int, str, Quantity, Quantity, Quantity, Line]] = []
    floor = 0
    i = 0
    while i + 2 < len(lines):
        target, actual, rate = (_figure(lines[i + j]) for j in range(3))
        if target is not None and actual is not None and rate is not None and _rated(target, actual, rate):
            name = _name(lines, i, floor)
            if name is not None:
                found.append((i, name, target, actual, rate, lines[i]))
                floor = i + 3
                i += 3
                continue
        i += 1
    if len(found) < MIN_ROWS:
        return []
    year = None
    for line in lines[: found[0][0]]:
        if (m := _RESULT_TITLE.search(line.key)) is not None and (year := parse_year(m.group(1))) is not None:
            break
    new = NewRows(known)
    for _, name, target, actual, rate, at in found:
        row = IndicatorRow(name="", origin=origin_of(at))
        set_name(name, row)
        row.target = target
        row.origins["target"] = row.origin or ""
        if year is not None:
            row.actuals.append((year, actual, rate.value))
            row.origins[f"actual:{year}"] = row.origin or ""
        infer(row)
        new.add(row)
    return new.rows
