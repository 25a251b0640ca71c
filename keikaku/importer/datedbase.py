"""Indicators printed one cell per line as a name, its dated baseline, then its target.

A table an extractor left one cell per line, whose header it scattered (header words written
vertically, printed apart from their columns), still prints some rows whole: the name on one
line, the baseline with its year in brackets on the next (``2,044 人(2014 年)``), the target with
the same unit on the one after (``2,000 人以上``), then a line that is no figure. The target's
year is the year printed with the block's target header (``目標値`` then ``(2019(H31)年)``, or in
one cell). Rows whose name another reading already found are left to it.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import dated_value, parse_quantity, parse_year_in
from keikaku.importer.width import fold

MAX_HEADER = 12  # characters of a target header cell
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")
_PLACEHOLDER = re.compile(r"^[〔\[【(（][^〕\]】)）]*[〕\]】)）]$")


def _figure(key: str) -> tuple[str, str | None, int | None] | None:
    """(figure, unit, year) of a line that is one figure, maybe dated; else None."""
    text, year = dated_value(key)
    q = parse_quantity(text)
    if q.kind != "number" or q.value is None or not re.match(r"^[△▲]?[0-9]", text.strip()):
        return None
    return text, q.unit, year


def _name(key: str) -> bool:
    return (len(key) >= 3 and _WORDY.search(key) is not None and not re.search(r"[0-9]", key)
            and header_words().role_of(key) is None and not _PLACEHOLDER.match(key))


_INNER = re.compile(r"(?<=[0-9])[(（][^()（）]*[)）]")


def _year_in(key: str) -> tuple[str, int | None]:
    """parse_year_in, reading a year that carries its other era in brackets (2019(H31)年) as the first."""
    rest, year = parse_year_in(key)
    return (rest, year) if year is not None else parse_year_in(_INNER.sub("", key))


def _target_year(lines: list[Line]) -> int | None:
    """The year printed with the target header: in the same cell, or alone on the next line."""
    for k, line in enumerate(lines):
        rest, year = _year_in(line.key)
        if len(rest) > MAX_HEADER or header_words().role_of(rest or line.key) != "target":
            continue
        if year is not None:
            return year
        if k + 1 < len(lines):
            rest, year = _year_in(lines[k + 1].key)
            if year is not None and not rest.strip("()（） "):
                return year
    return None


def dated_base_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Name / dated baseline / target rows among ``lines``, but those ``known``."""
    seen = {fold(n) for n in known}
    target_year = None
    rows: list[IndicatorRow] = []
    n = len(lines)
    for i in range(n - 2):
        if not _name(lines[i].key) or fold(lines[i].text) in seen:
            continue
        base, target = _figure(lines[i + 1].key), _figure(lines[i + 2].key)
        if base is None or target is None or base[2] is None or target[2] is not None or base[1] != target[1]:
            continue
        if i + 3 < n and (more := _figure(lines[i + 3].key)) is not None and more[1] == target[1]:
            continue  # a longer run of figures of the unit: not this layout
        if target_year is None:
            target_year = _target_year(lines) or 0
        row = IndicatorRow(name="", origin=origin_of(lines[i]))
        set_name(lines[i].text, row)
        put_value(row, "baseline", base[2], base[0], origin=origin_of(lines[i + 1]))
        put_value(row, "target", target_year or None, target[0], origin=origin_of(lines[i + 2]))
        infer(row)
        rows.append(row)
    return rows
