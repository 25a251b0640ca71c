"""Rows of a year table left one cell per line with each row's label after its figures.

Evaluation sheets (施策評価シート and the like) print a small table per indicator under one
line of years; a PDF extractor that emits each row's cells before the row's label cell, and the
indicator's name cell (merged over the rows of its block) after the first row, leaves::

    区分 令和2年度 令和3年度 … 令和7年度
    3                                  the actual row's figures, one per line
    4
    実績値                              its label
    件                                  the unit cell
    出張講座の開催件数                  the indicator's name
    4                                  the target row's figures
    5
    目標値                              its label
    …                                  the next indicator's block

The header is a line of two years or more, maybe opened by a label cell (区分) or 年度; the body is
lines of one figure, one value word of ``lexicon/headers.toml`` (実績値, 目標値, 基準値 …), one unit
of ``[values] units``, or one name (text that ends like an indicator's, a word of ``name_endings``).
A value word closes the run of figures above it; the first one must close figures, or the table
prints its labels first and is read elsewhere. A block is the runs around one name, each kind of
value once: a kind met again, or a second name, opens the next block; a label closing no figures
(an empty slot of the form) ends the block. An actual run fills the years from the first (years not
yet reported are left empty at the end); a target run fills them to the last (the first year, the
base, has no target), so its last figure is the target of the last year; a baseline run's first
figure is the baseline of the first year. Any other line ends the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from keikaku.importer.lexicon import fold_key, header_words, name_endings, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold

_ROLES = ("baseline", "target", "actual")
_MAX_BODY = 120  # lines a table's body may run to
_YEAR_WORDS = frozenset({"年度", "年次", "年"})  # a first cell naming the line as years


@dataclass
class _Block:
    runs: dict[str, list[tuple[str, str] | None]] = field(default_factory=dict)  # role → (figure, origin) or None
    name: Line | None = None
    unit: str | None = None


def _years(line: Line) -> list[int] | None:
    cells = [fold_key(c) for c in fold(line.key).split()]
    if cells and (header_words().role_of(cells[0]) == "label" or cells[0] in _YEAR_WORDS):
        cells = cells[1:]  # 区分, 年度
    years = [parse_year(c) for c in cells]
    if len(years) < 2 or any(y is None for y in years) or years != sorted(set(years)):  # type: ignore[type-var]
        return None
    return years  # type: ignore[return-value]


@cache
def _units() -> frozenset[str]:
    return frozenset(fold(u) for u in value_units())


def _kind(key: str) -> str:
    """figure, empty, role:ROLE, unit, name or other, of a line's folded text."""
    if len(key) <= 12:
        q = parse_quantity(key)
        if q.kind == "number":
            return "figure"
        if q.kind == "empty":
            return "empty"
        role = header_words().role_of(key)
        if role in _ROLES and len(key) <= 4:
            return f"role:{role}"
        if key in _units():
            return "unit"
    if 3 <= len(key) <= 60 and key.endswith(name_endings()) and header_words().role_of(key) is None:
        return "name"
    return "other"


def _row(block: _Block, years: list[int]) -> IndicatorRow | None:
    if block.name is None or not any(block.runs.values()):
        return None
    row = IndicatorRow(name="", origin=origin_of(block.name))
    set_name(block.name.key, row)
    if not row.name:
        return None
    row.unit = row.unit or block.unit
    for role, cells in block.runs.items():
        if len(cells) > len(years):
            return None
        placed = [(k, cell) for k, cell in enumerate(cells) if cell is not None]  # a dash keeps its year empty
        if role == "actual":
            for k, (figure, origin) in placed:
                put_value(row, "actual", years[k], figure, origin=origin)
        elif role == "target":
            k, (figure, origin) = placed[-1]
            put_value(row, "target", years[len(years) - len(cells) + k], figure, origin=origin)
        elif role == "baseline":
            k, (figure, origin) = placed[0]
            put_value(row, "baseline", years[k], figure, origin=origin)
    infer(row)
    return row


def _table(body: list[Line], years: list[int]) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    block, unit, started = _Block(), None, False
    pending: list[tuple[str, str] | None] = []

    def close() -> None:
        nonlocal block
        if (row := _row(block, years)) is not None:
            rows.append(row)
        block = _Block()

    for line in body[:_MAX_BODY]:
        key = fold_key(line.key)
        kind = _kind(key)
        if kind in ("figure", "empty"):
            pending.append((key, origin_of(line)) if kind == "figure" else None)
            continue
        if kind.startswith("role:"):
            role = kind[5:]
            cells, pending = pending, []
            if not started and not cells:
                return []  # labels printed before their figures: another layout
            started = True
            if all(c is None for c in cells):
                close()  # an empty slot of the form
                continue
            if role in block.runs:
                close()
            block.runs[role] = cells
        elif kind == "unit" and not pending:
            unit = key
        elif kind == "name" and not pending and started:
            if block.name is not None:
                close()
            block.name, block.unit, unit = line, unit, None
        else:
            break
    close()
    return rows


def label_after_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators of year tables whose rows print their label after their figures, but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for i, line in enumerate(lines):
        if (years := _years(line)) is None:
            continue
        for row in _table(lines[i + 1:], years):
            if fold_key(row.name) not in taken:
                taken.add(fold_key(row.name))
                rows.append(row)
    return rows
