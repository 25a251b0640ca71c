"""A sheet too wide for its page, printed down and then over, as plain ``pdftotext`` gives it — a
whole-document reading (``wholedoc.py``).

A spreadsheet printed to PDF puts its first columns on the first pages (the name column, the unit,
the baseline …) and the columns that do not fit on the pages after them, each page under its own
copy of the header. Plain text gives each part as a run of header cells, one per line, then its
rows, the cells of a row on one line or a few:

    指標 / 単位 / 基準値 / 基準年度          ← the part with the names
    name A / % / 20.0 令和3年度
    name B / 件 / 57 令和3年度 …
    令和4年度 / 令和5年度 / 目標値 / 目標年度  ← a part without names, its rows in the same order
    21.3 / 22.6 / 30.0 令和10年度 …

The rules, all about forms and counts:

- **A head run** is two lines or more each holding one header cell (a header word of the lexicon, a
  year, or both). A run that names the name column opens a named part; one made only of value heads
  (基準値, 実績値, years, 目標年度) opens a part without names.
- **A named part's rows** are a name (its lines up to the first cell) and then one cell per head
  after the name head, a line holding one cell or several; **a part without names** cuts its
  cells into rows of as many cells as it has heads.
- The same head run printed again (the next page) goes on with the same part.
- Parts without names are laid beside the named part, in order, when each counts exactly as many
  rows; the whole is read as one grid (``grid.indicator_rows``).
"""

from __future__ import annotations

import re

from keikaku.importer.grid import indicator_rows
from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell, Source
from keikaku.importer.tables import IndicatorRow, infer
from keikaku.importer.values import parse_quantity, parse_year_in

MAX_HEAD = 12  # characters of a header cell
MAX_CELLS = 16  # cells of a row
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")
Part = tuple[list[Line], list[list[str]], list[Line]]  # heads, rows of cells, the lines of the names


def paged_across_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of sheets printed down and then over, but those ``known``."""
    kept = NewRows(known)
    parts = _parts(lines)
    i = 0
    while i < len(parts):
        heads, rows, names = parts[i]
        if not names:
            i += 1
            continue
        beside: list[Part] = []
        j = i + 1
        while j < len(parts) and not parts[j][2] and len(parts[j][1]) == len(rows):
            beside.append(parts[j])
            j += 1
        if beside:
            for row in indicator_rows(_grid(heads, rows, names, beside)):
                if row.name and kept.add(row):
                    infer(row)
        i = j
    return kept.rows


def _head(line: Line) -> str | None:
    """The role of a header cell (``year`` for a year alone), or None."""
    key = fold_key(line.key)
    if not key or len(key) > MAX_HEAD or " " in line.key.strip():
        return None
    rest, year = parse_year_in(line.key)
    words = fold_key(rest).strip("()（）[]【】 ")
    if words and any(ch.isdigit() for ch in words):
        return None
    role = header_words().role_of(words) if words else None
    if role is None:
        return "year" if year is not None and not words else None
    return role


def _parts(lines: list[Line]) -> list[Part]:
    """Each head run with its rows; a run printed again goes on with the part before it."""
    out: list[Part] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _head(lines[j]) is not None:
            j += 1
        if j - i < 2:
            i += 1
            continue
        roles = [_head(h) for h in lines[i:j]]
        while roles.count("name") > 1 and roles[0] == "name" and j - i > 2:
            i += 1  # a caption naming the indicators (成果指標の推移) over the name head
            roles = roles[1:]
        heads = lines[i:j]
        named = roles[0] == "name" and "name" not in roles[1:]
        if not named and any(r in ("name", "unit") or r is None for r in roles):
            i = j
            continue
        rows, names, end = _named_rows(lines, j, len(heads) - 1) if named else _bare_rows(lines, j, len(heads))
        if out and [h.key for h in out[-1][0]] == [h.key for h in heads]:
            out[-1][1].extend(rows)
            out[-1][2].extend(names)
        elif rows:
            out.append((heads, rows, names))
        i = max(end, j)
    return out


def _cells(line: Line) -> list[str] | None:
    """A line's cells when it holds only cells of a value column: figures, years, marks, short units."""
    pieces = line.text.split()
    for piece in pieces:
        q = parse_quantity(piece)
        if q.kind in ("number", "empty"):
            continue
        if parse_year_in(piece)[1] is not None and not parse_year_in(piece)[0].strip("()（） "):
            continue
        return None
    return pieces


def _unit_cell(line: Line) -> bool:
    key = fold_key(line.key)
    return 0 < len(key) <= 3 and " " not in line.key.strip() and not any(ch.isdigit() for ch in key)


def _named_rows(lines: list[Line], i: int, width: int) -> tuple[list[list[str]], list[Line], int]:
    """Rows of a name and ``width`` cells from ``lines[i]``, up to the first line that fits no row."""
    rows: list[list[str]] = []
    names: list[Line] = []
    while i < len(lines) and _head(lines[i]) is None and _cells(lines[i]) is None and _WORDY.search(lines[i].key):
        name = lines[i]
        k = i + 1
        cells: list[str] = []
        if k < len(lines) and _unit_cell(lines[k]) and _cells(lines[k]) is None:
            cells.append(lines[k].text.strip())  # the unit column's cell
            k += 1
        while k < len(lines) and len(cells) < width and (more := _cells(lines[k])) is not None:
            cells += more
            k += 1
        if len(cells) != width:
            break
        rows.append(cells)
        names.append(name)
        i = k
    return rows, names, i


def _bare_rows(lines: list[Line], i: int, width: int) -> tuple[list[list[str]], list[Line], int]:
    """Rows of ``width`` cells from ``lines[i]``, cut by the count, up to the first line of no cells."""
    cells: list[str] = []
    rows: list[list[str]] = []
    while i < len(lines) and _head(lines[i]) is None and (more := _cells(lines[i])) is not None and len(more) <= MAX_CELLS:
        cells += more
        i += 1
        while len(cells) >= width:
            rows.append(cells[:width])
            cells = cells[width:]
    return (rows, [], i) if not cells else ([], [], i)


def _grid(heads: list[Line], rows: list[list[str]], names: list[Line], beside: list[Part]) -> Grid:
    source = names[0].source if names[0].source is not None else Source(line=names[0].index + 1)
    header = [h.text.strip() for h in heads] + [h.text.strip() for part in beside for h in part[0]]
    cells = [GridCell(text, 0, c) for c, text in enumerate(header)]
    for r, (name, row) in enumerate(zip(names, rows), start=1):
        body = [name.text.strip(), *row, *(cell for part in beside for cell in part[1][r - 1])]
        cells += [GridCell(text, r, c) for c, text in enumerate(body)]
    return Grid(tuple(cells), len(rows) + 1, len(header), source=source)
