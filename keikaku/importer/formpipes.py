"""Indicator blocks of a form printed as pipe rows (a web page's form table turned into text).

A form (工程表, 評価シート) holds one block per indicator, each a few rows of cells ending with
``|``, a cell that holds two lines wrapping its row over two lines of text:

- a label row naming the name's column (``指標名 | 分類 |``) over a row holding the name
  (``name | 成果指標 |``), or one row holding both (``指標名 | name |``);
- within a few rows, a header row of value words (``| 基準値 | 当初値 | 目標値 | … |``,
  maybe with their years), its first cell empty or a label;
- under it, a row of figures and maybe a row of times, each opened by a label cell (``数値 | 44% |``,
  ``時点 | 令和元年度 | …``): the figures are the header's columns, the times their years (a time
  cell may carry a word after its year: ``平成26年度実績``).

A cell holding more than one figure (two groups, ``1〜2年目91% 3〜5年目75%``) gives nothing. Of
two baseline columns the later (a value at the start of the year) is an actual of its year; of
several target columns the last is the target, the earlier interim targets. An actual without a
year is lost. Rows of the form that are no block give nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold

MAX_WRAP = 4  # lines one pipe row may be wrapped over
MAX_GAP = 3  # rows between the name's row and its header row
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def form_pipe_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of a form's pipe blocks (see the module's doc), but those ``known``."""
    rows = _pipe_rows(lines)
    if len(rows) < 4:
        return []
    kept = NewRows(known)
    i = 0
    while i < len(rows):
        found = _block(rows, i)
        if found is None:
            i += 1
            continue
        row, end = found
        if row.name and kept.add(row):
            infer(row)
        i = end
    return kept.rows


def _pipe_rows(lines: list[Line]) -> list[tuple[list[str], Line]]:
    """The document's pipe rows as cells, each with its first line; a row whose text does not end
    with ``|`` goes on over the next lines (a cell of two lines)."""
    out: list[tuple[list[str], Line]] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if "|" not in line.text:
            k += 1
            continue
        text, n = line.text.strip(), 1
        while not text.endswith("|") and k + n < len(lines) and n < MAX_WRAP:
            text += " " + lines[k + n].text.strip()
            n += 1
        if text.endswith("|"):
            out.append(([fold(c).strip() for c in text[:-1].split("|")], line))
        k += n
    return out


def _header_word(cell: str) -> bool:
    key = fold_key(cell)
    return bool(key) and any(key == fold_key(w) for w in header_words().words(
        "name", "unit", "direction", "definition", "source", "note", "department", "label", *VALUE_ROLES))


def _figure(cell: str) -> bool:
    return parse_quantity(cell).kind == "number" and len(_DIGITS.findall(cell)) == 1


def _nameable(cell: str) -> bool:
    return bool(cell) and not _header_word(cell) and not _figure(cell) and parse_year(cell) is None


def _name_of(rows: list[tuple[list[str], Line]], i: int) -> tuple[str, Line] | None:
    """The name a label row at ``i`` gives: the cell under 指標名, else the cell beside it."""
    cells, line = rows[i]
    words = {fold_key(w) for w in header_words().words("name")}
    for c, cell in enumerate(cells):
        if fold_key(cell) not in words:
            continue
        if i + 1 < len(rows):
            below, below_line = rows[i + 1]
            name = below[c] if c < len(below) else ""
            if _nameable(name):
                return name, below_line
        beside = cells[c + 1] if c + 1 < len(cells) else ""
        return (beside, line) if _nameable(beside) and header_words().role_of(beside) is None else None
    return None


def _columns(cells: list[str]) -> dict[int, tuple[str, int | None]] | None:
    """The value columns of a header row: {column: (role, year)}, two at least."""
    lex = header_words()
    cols = {}
    for c, cell in enumerate(cells):
        role = lex.role_of(cell) if cell else None
        if role in VALUE_ROLES and role != "rate":
            cols[c] = (role, parse_year(cell))
    return cols if len(cols) >= 2 else None


def _block(rows: list[tuple[list[str], Line]], i: int) -> tuple[IndicatorRow, int] | None:
    named = _name_of(rows, i)
    if named is None:
        return None
    name, name_line = named
    for h in range(i + 1, min(i + 2 + MAX_GAP, len(rows))):
        cols = _columns(rows[h][0])
        if cols is not None:
            break
    else:
        return None
    if h + 1 >= len(rows):
        return None
    figures, figure_line = rows[h + 1]
    if (figures and _figure(figures[0])) or not any(c < len(figures) and _figure(figures[c]) for c in cols):
        return None
    years: list[str] = []
    end = h + 2
    if h + 2 < len(rows):
        times = rows[h + 2][0]
        dated = [c for c in cols if c < len(times) and parse_year(times[c]) is not None and "%" not in times[c]]
        if dated and not (times and _figure(times[0])):
            years, end = times, h + 3
    row = IndicatorRow(name="", origin=origin_of(name_line))
    set_name(name, row)
    if not row.name:
        return None
    baselines = [c for c, (role, _) in cols.items() if role == "baseline"]
    targets = [c for c, (role, _) in cols.items() if role in ("target", "interim") and c < len(figures) and _figure(figures[c])]
    for c, (role, year) in sorted(cols.items()):
        if c >= len(figures) or not _figure(figures[c]):
            continue
        year = year or (parse_year(years[c]) if c < len(years) and years[c] else None)
        if role == "baseline" and c != baselines[0]:
            role = "actual"
        elif role in ("target", "interim"):
            role = "target" if c == targets[-1] else "interim"
        if role == "actual" and year is None:
            continue
        put_value(row, role, year, figures[c], origin=origin_of(figure_line))
    if row.baseline is None and row.target is None and not row.actuals:
        return None
    return row, end
