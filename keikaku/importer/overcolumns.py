"""Columns of a table printed over on later pages, without the names, completing the rows read before.

A spreadsheet too wide for its page is printed down and then over: the first pages hold the name
column and the first value columns, the pages after them the columns that did not fit, under their
own header and with no name. A PDF (or laid-out text) gives the later part as a header of value
heads over lines of figures alone::

    指標 単位 基準値 基準年度                     令和4年度 令和5年度 目標値 目標年度
    name A % 20.0 令和3年度          (page 3)     21.3 22.6 30.0 令和10年度
    name B 橋 57 令和3年度                        61 65 86 令和10年度

or one column, its head broken over lines, its figures one a line (``目標値`` / ``（令和10年度`` /
``）`` / ``85.0`` / ``55.0``), once under each table it completes. The rules, all about forms and
counts:

- **A part** is a head (one to three lines of value heads of ``lexicon/headers.toml`` and years,
  none naming the name or unit column, no figure but a year) over lines of figures and years only,
  each as many as the head has cells (its words one a cell), or one each under a head of one cell
  (its lines joined), two rows at least. The same head printed again (the next page) goes on with
  the same part.
- **The rows it completes** are the rows read before the part, named on lines above it, that lack every
  role its heads give (a target, an actual of a year), in the order printed: the parts, in order,
  take them when their rows count exactly as many.
- Each part's figures are read as a grid beside those rows' names (``grid.indicator_rows``), and a
  row takes the figures it lacks.

A named part whose heads give no aim (指標 単位 基準値 基準年度: no table region reads it) is read
by ``over_column_rows``, a whole-document reading: its header line (the name's head first, then
value heads), its rows on one line each (a name, then one cell per further head, counted from the
right), the same header printed again going on; parts without names are laid beside it, in order,
when each counts exactly as many rows, and the whole is read as one grid.
"""

from __future__ import annotations

import re

from keikaku.importer.grid import indicator_rows
from keikaku.importer.known import NewRows, name_key
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.records import Grid, GridCell
from keikaku.importer.tables import IndicatorRow, infer
from keikaku.importer.values import parse_quantity, parse_year_in

_HEAD_LINES = 3
_MIN_ROWS = 2  # rows of a part: one line of figures under a value word is no column printed over
_FIGURE_START = re.compile(r"^[△▲-]?[0-9]")
_DIGIT = re.compile(r"[0-9]")
_VALUE_ROLES = frozenset({"baseline", "actual", "target", "interim"})
Part = tuple[int, list[str], list[list[str]]]  # first head line, heads, rows of cells


def _year_only(token: str) -> bool:
    rest, year = parse_year_in(token)
    return year is not None and not rest.strip("()（） ")


def _figures(line: Line) -> list[str] | None:
    """The cells of a line of figures and years only."""
    if not _FIGURE_START.match(line.key):
        return None
    tokens = line.key.split()
    if all(parse_quantity(t).kind == "number" or _year_only(t) for t in tokens):
        return line.text.split()
    return None


def _head_tokens(line: Line, *, named: bool = False) -> list[str] | None:
    """The words of a line of heads — header words, years, pieces of a bracketed year — or None;
    the name's and the unit's heads only in a ``named`` part."""
    lex = header_words()
    tokens = line.text.split()
    if not tokens or len(tokens) > 12:
        return None
    for token in tokens:
        rest, year = parse_year_in(token.strip("()（）"))  # a bracket may close on the next line
        words = rest.strip("()（）[]【】 ")
        if any(ch.isdigit() for ch in words):
            return None
        role = lex.role_of(words) if words else None
        if words and (role is None or role in ("name", "unit") and not named):
            return None
    return tokens


def _valued(tokens: list[str]) -> bool:
    lex = header_words()
    return any(lex.role_of(parse_year_in(t)[0].strip("()（） ")) in _VALUE_ROLES or _year_only(t) for t in tokens)


def _parts(lines: list[Line]) -> list[Part]:
    parts: list[Part] = []
    i = 0
    while i < len(lines):
        if _figures(lines[i]) is None or i == 0 or _figures(lines[i - 1]) is not None:
            i += 1
            continue
        top = i  # the head lines stand right above the first line of figures
        words: list[str] = []
        while top > 0 and i - top < _HEAD_LINES and (more := _head_tokens(lines[top - 1])) is not None:
            words = more + words
            top -= 1
        j = i
        rows: list[list[str]] = []
        while j < len(lines) and (cells := _figures(lines[j])) is not None:
            rows.append(cells)
            j += 1
        width = {len(r) for r in rows}
        heads = words if width == {len(words)} else ["".join(words)] if width == {1} else []
        if top == i or not heads or not _valued(words) or len(rows) < _MIN_ROWS:
            i = j
            continue
        if parts and parts[-1][1] == heads:
            parts[-1][2].extend(rows)  # the same head again: the next page of the part
        else:
            parts.append((top, heads, rows))
        i = j
    return parts


def over_columns(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give the rows read before parts of columns printed over the figures of those parts."""
    if not rows or not (parts := _parts(lines)):
        return
    above = [name_key(ln.key) for ln in lines[:parts[0][0]]]
    before = [r for r in rows if r.name and any(name_key(r.name) in key for key in above)]
    count = sum(len(cells) for _, _, cells in parts)
    if len(before) < count:
        return
    probe = _read(parts[0][1], [r.name for r in before[:len(parts[0][2])]], parts[0][2])
    if probe is None:
        return
    lacking = [r for r in before if all(_lacks(r, got) for got in probe)]
    if len(lacking) != count:
        return  # the rows lacking these columns do not count as many as the parts' rows
    for start, heads, cells in parts:
        chosen, lacking = lacking[:len(cells)], lacking[len(cells):]
        read = _read(heads, [r.name for r in chosen], cells)
        if read is None:
            continue
        where = origin_of(lines[start])
        for row, got in zip(chosen, read):
            _complete(row, got, where)


def _read(heads: list[str], names: list[str], cells: list[list[str]]) -> list[IndicatorRow] | None:
    header = ["指標名", *heads]
    grid_cells = [GridCell(text, 0, c) for c, text in enumerate(header)]
    for r, (name, row) in enumerate(zip(names, cells), start=1):
        grid_cells += [GridCell(text, r, c) for c, text in enumerate([name, *row])]
    read = indicator_rows(Grid(tuple(grid_cells), len(cells) + 1, len(header)))
    return read if len(read) == len(cells) else None


def _lacks(row: IndicatorRow, got: IndicatorRow) -> bool:
    """``row`` holds none of the figures ``got`` gives."""
    if got.target is not None and row.target is not None:
        return False
    if got.baseline is not None and row.baseline is not None:
        return False
    years = {y for y, _, _ in row.actuals}
    return not any(y in years for y, _, _ in got.actuals)


def _complete(row: IndicatorRow, got: IndicatorRow, where: str) -> None:
    if row.target is None and got.target is not None:
        row.target, row.target_year = got.target, got.target_year
        row.origins["target"] = where
    if row.baseline is None and got.baseline is not None:
        row.baseline, row.baseline_year = got.baseline, got.baseline_year
        row.origins["baseline"] = where
    if not row.interim and got.interim:
        row.interim = list(got.interim)
    years = {y for y, _, _ in row.actuals}
    for actual in got.actuals:
        if actual[0] not in years:
            row.actuals.append(actual)
            row.origins[f"actual:{actual[0]}"] = where
    row.actuals.sort(key=lambda a: a[0])


def over_column_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of a named part that no table region read, with the parts printed over beside it."""
    parts = _parts(lines)
    if not parts:
        return []
    heads, names, cells = _named_part(lines, parts[0][0])
    if not names or any(len(p[2]) != len(names) for p in parts):
        return []
    header = [*heads, *(h for p in parts for h in p[1])]
    body = [[name, *row, *(c for p in parts for c in p[2][r])] for r, (name, row) in enumerate(zip(names, cells))]
    grid_cells = [GridCell(text, 0, c) for c, text in enumerate(header)]
    for r, row in enumerate(body, start=1):
        grid_cells += [GridCell(text, r, c) for c, text in enumerate(row)]
    kept = NewRows(known)
    for row in indicator_rows(Grid(tuple(grid_cells), len(body) + 1, len(header), source=lines[parts[0][0]].source)):
        if row.name and kept.add(row):
            infer(row)
    return kept.rows


def _named_part(lines: list[Line], end: int) -> tuple[list[str], list[str], list[list[str]]]:
    """The last header naming the name column before ``lines[end]`` and its rows on one line each
    (a name, then cells, one a figure at least); the same header printed again goes on with it."""
    lex = header_words()
    heads: list[str] = []
    names: list[str] = []
    cells: list[list[str]] = []
    open_ = False
    for line in lines[:end]:
        tokens = line.text.split()
        if tokens and lex.role_of(tokens[0]) == "name" and len(tokens) >= 3 and _head_tokens(line, named=True) is not None:
            if tokens != heads:
                heads, names, cells = tokens, [], []
            open_ = True
            continue
        width = len(heads) - 1
        row = tokens[-width:] if open_ and len(tokens) > width else []
        if not row or _figures(line) is not None or not any(_DIGIT.search(c) for c in row) or _DIGIT.match(tokens[0]):
            open_ = False  # a line of no row: a page's furniture, or the part has ended
            continue
        names.append(" ".join(tokens[:-width]))
        cells.append(row)
    return heads, names, cells
