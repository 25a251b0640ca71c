"""Two figures stacked in each year cell: ``上段：目標 下段：実績`` over a table whose rows run on a line of figures.

A progress table printed with a legend saying what each half of a year cell holds (上段：目標
下段：実績, or the other way round) puts a row's upper figures on its own line (name, baseline,
the yearly figures, the final target) and its lower figures on the next line, alone. The readings
of the table take the upper figures for the years' values and leave the lower line. Once the
rows are read, a row whose name stands on a line followed by a line of figures only gets the
lower figures for the years its upper figures were given, in order: when the upper half is the
target, the yearly upper figures become interim targets and the lower ones the actuals; when the
upper half is the actual, the lower ones are interim targets. A lower line with more figures
than the row has years gives nothing. The table region is also read without those lower lines
(``without_lower_lines``, a reading of ``indicators``), so that they do not break the rows' columns.
"""

from __future__ import annotations

import re

from keikaku.importer.known import name_key
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import Quantity, parse_quantity

_LEGEND = re.compile(r"上段\s*[:：]?\s*(?P<upper>[^\s:：、,/／()（）]{1,6})\s*[、,/／]?\s*下段\s*[:：]?\s*(?P<lower>[^\s:：、,/／()（）]{1,6})")
_ROLES = ("target", "actual")
_EMPTY = frozenset({"-", "―", "－", "—", "‐"})


def _legend(line: Line) -> tuple[str, str] | None:
    """The roles of the upper and lower halves a legend line names, when they are a target and an actual."""
    m = _LEGEND.search(line.key)
    if m is None:
        return None
    lex = header_words()
    upper, lower = lex.role_of(m["upper"]), lex.role_of(m["lower"])
    return (upper, lower) if {upper, lower} == set(_ROLES) else None


def is_legend(key: str) -> bool:
    """Whether a folded line names what the halves of the cells hold (上段：目標値 下段：実績値)."""
    return _LEGEND.search(key) is not None


def without_lower_lines(lines: list[Line]) -> list[Line]:
    """A table region (its header first) without the lines of figures only printed each under a row
    of text and more figures (the lower halves of stacked cells, which ``stacked_actuals`` gives their
    rows once read); the region as it is when it holds none."""
    lower = {i for i in range(2, len(lines)) if (below := _figures_only(lines[i])) is not None
             and _figures_only(lines[i - 1]) is None and _count(lines[i - 1]) >= len(below)}
    return [line for i, line in enumerate(lines) if i not in lower] if lower else lines


def _count(line: Line) -> int:
    """How many figures a line prints."""
    return sum(parse_quantity(t).kind == "number" for t in line.key.split(" ") if t)


def _figures_only(line: Line) -> list[Quantity | None] | None:
    """The figures of a line that prints nothing else (a dash is an empty cell)."""
    tokens = [t for t in line.key.split(" ") if t]
    out: list[Quantity | None] = []
    for token in tokens:
        if token in _EMPTY:
            out.append(None)
            continue
        q = parse_quantity(token)
        if q.kind != "number":
            return None
        out.append(q)
    return out if any(q is not None for q in out) else None


def stacked_actuals(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give each row printed over a line of lower figures, after a 上段/下段 legend, its lower figures."""
    halves: tuple[str, str] | None = None
    for i, line in enumerate(lines[:-1]):
        halves = _legend(line) or halves
        if halves is None:
            continue
        lower = _figures_only(lines[i + 1])
        if lower is None or _figures_only(line) is not None:
            continue
        key = name_key(line.key)
        row = next((r for r in rows if r.name and name_key(r.name) in key), None)
        if row is None or not row.actuals or len(lower) > len(row.actuals):
            continue
        upper = sorted(row.actuals, key=lambda a: a[0])
        where = origin_of(lines[i + 1])
        if halves[0] == "target":
            row.interim.extend((q, year) for year, q, _ in upper)
            row.actuals = [(year, q, None) for (year, _, _), q in zip(upper, lower) if q is not None]
            for year, _, _ in upper:
                row.origins.pop(f"actual:{year}", None)
            for year, _, _ in row.actuals:
                row.origins[f"actual:{year}"] = where
        else:
            row.interim.extend((q, year) for (year, _, _), q in zip(upper, lower) if q is not None)
