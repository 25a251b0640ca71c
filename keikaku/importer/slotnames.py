"""Indicator names in a sheet's numbered slots (① ② ③) after an indicator kind, on a flattened line.

A project sheet (事務事業評価シート) prints under each indicator kind (活動指標, 成果指標: the kinds of
``lexicon/glued.toml``) a fixed number of slots numbered ①, ②, ③, each a name and its unit after
単位; slots left blank print only their mark. Flattened onto one line in the page's object order
the block reads ``活動指標 (note) ① name 単位 unit ② ③``, or with the name broken by its own mark
where the cell wrapped (``単位 name-head ① name-tail unit ② ③``). A slot's text runs from the kind
word (its bracketed note left out) or the mark before to the next mark; the kind word or a mark
out of order ends the block. In a slot the cell after 単位, when it is a unit of ``headers.toml``
or a short word, is the unit, else a unit cell printed last is; the other cells, joined, are the name, which must
end like a name (``name_endings`` of ``lexicon/sheets.toml``) and hold no figure. The figures of
the year columns are not placed: the sheet prints them apart from the slots.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, glued_words, name_endings, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, set_name

MARKS = "①②③④⑤⑥⑦⑧⑨⑩"
MAX_NAME = 60  # characters of a name
MAX_UNIT = 4  # characters of a unit cell after 単位 that the lexicon does not list (事業者)
UNIT_WORD = "単位"
_FIGURE = re.compile(r"[0-9]")


def _kinds() -> re.Pattern[str]:
    kinds = sorted(glued_words()["kinds"], key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in kinds))


def slot_name_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The names (and units) in numbered slots after an indicator kind among ``lines``, but those ``known``."""
    new = NewRows(known)
    kinds = _kinds()
    for line in lines:
        if MARKS[0] not in line.key or UNIT_WORD not in line.key:
            continue
        starts = [m.end() for m in kinds.finditer(line.key)]
        ends = [m.start() for m in kinds.finditer(line.key)][1:] + [len(line.key)]
        for start, end in zip(starts, ends):
            for name, unit in _slots(line.key[start:end].split()):
                row = IndicatorRow(name="", unit=unit, origin=origin_of(line))
                set_name(name, row)
                if row.name:
                    new.add(row)
    return new.rows


def _slots(cells: list[str]) -> list[tuple[str, str | None]]:
    """(name, unit) of each filled slot of one kind's block of cells."""
    while cells and cells[0][:1] in "(（":
        cells = cells[1:]  # the kind's note: (上記「…」に対応)
    marks = [k for k, c in enumerate(cells) if c in MARKS]
    if not marks or cells[marks[0]] != MARKS[0]:
        return []
    numbers = [MARKS.index(cells[k]) for k in marks]
    if numbers != list(range(len(numbers))) or len(numbers) < 2:
        return []  # the slots of a sheet count ① ② … in order, at least two of them
    out: list[tuple[str, str | None]] = []
    bounds = [0] + marks[1:] + [None]
    last = marks[-1]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if b is None:
            b = _block_end(cells, last)
        slot = [c for c in cells[a:b] if c not in MARKS]
        got = _slot(slot)
        if got is not None:
            out.append(got)
    return out


def _block_end(cells: list[str], last: int) -> int:
    """Where the last slot's text ends: at a cell of other words after its unit (a label, a mark)."""
    for k in range(last + 1, len(cells)):
        if cells[k] in value_units() and k > last + 1:
            return k + 1
    return last + 1  # a last slot with no unit printed is left blank


def _slot(cells: list[str]) -> tuple[str, str | None] | None:
    if not cells:
        return None
    unit: str | None = None
    rest = list(cells)
    if UNIT_WORD in rest:
        k = rest.index(UNIT_WORD)
        if k + 1 < len(rest) and (rest[k + 1] in value_units() or len(rest[k + 1]) <= MAX_UNIT and not _FIGURE.search(rest[k + 1])):
            unit = rest.pop(k + 1)
        rest.pop(k)
    if unit is None and rest and rest[-1] in value_units():
        unit = rest.pop()
    name = "".join(rest)
    if not name or len(name) > MAX_NAME or _FIGURE.search(name) or not fold_key(name).endswith(name_endings()):
        return None
    return name, unit
