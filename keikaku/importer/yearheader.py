"""Indicators in a table whose header is fiscal years and nothing else, one row of figures per indicator.

Reports on sectoral plans (facility management, welfare services, child care) print the record or
the plan of a few measures under a line of years, no value words in it::

    実績の内訳
    H27 H28 H29 R1 R2 合計
    改修 40 - 310 25 12 387
    譲渡 5 60 - 130 - 195

or the whole table on one line, the header first (``R2(見込) R3 R4 R5 登録者数(人) 310 330 350 370 …``).

The header is three fiscal years or more, each the year after the one before (the era may change
in between: H30 then R1), maybe after a label cell (区分, 年度) and before a total cell (合計, 計,
累計: ``[tables] year_label_cell`` and ``total_cell`` of ``lexicon/patterns.toml``). A year cell may
carry a value word of ``headers.toml`` in brackets (``(実績)``, ``(見込)``, ``(目標)``) or a row word
(``(計画)``). A row is a name (its unit in brackets after it is the unit; a value word such as 目標 or
計画 is no name) and exactly one cell per year — a figure or an empty mark (-, ―) — and the total
when the header has one; a row with more or fewer cells is not settled and not read, and a name printed by several rows of the table (the same
measure of programmes the text does not name) is none.

What the columns hold:

- a year cell's own word says it: 実績, 見込 the record, 目標, 計画 the plan;
- unmarked years after record years are the plan: the last record year is the plan's starting
  value (the baseline), earlier ones are actuals, the last plan year's figure is the target;
- when no cell is marked, a value word in the line just above the header, or in the cell before it
  on its line (実績の内訳, 計画値), says what every column holds; without one the columns are the
  record, each figure an actual.

The total is no year and is not read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from keikaku.importer.lexicon import fold_key, header_words, pattern, row_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_MIN_YEARS = 3
_NAME_TOKENS = 4  # a row's name is at most this many tokens (a wrapped name, a unit apart)


@dataclass(frozen=True)
class _Header:
    years: tuple[int, ...]
    roles: tuple[str | None, ...]  # the value role each year cell states (None: unmarked)
    total: bool
    end: int  # the token index after the header


def _cell_role(word: str) -> str | None:
    word = word.strip(" ()（）")
    if not word:
        return None
    role = header_words().role_of(word) or row_words().get(fold_key(word))
    return role if role in ("actual", "target", "baseline") else "?"


def _header(tokens: list[str], start: int) -> _Header | None:
    """The header of years starting at ``tokens[start]`` (after an optional label cell)."""
    i = start
    if i < len(tokens) and pattern("tables", "year_label_cell").match(tokens[i]):
        i += 1
    years: list[int] = []
    roles: list[str | None] = []
    while i < len(tokens):
        rest, year = parse_year_in(tokens[i])
        if year is None or (years and year != years[-1] + 1):
            break
        role = _cell_role(rest)
        if role == "?":
            return None
        years.append(year)
        roles.append(role)
        i += 1
    if len(years) < _MIN_YEARS:
        return None
    total = i < len(tokens) and bool(pattern("tables", "total_cell").match(tokens[i]))
    return _Header(tuple(years), tuple(roles), total, i + total)


def _is_cell(token: str) -> bool:
    q = parse_quantity(token)
    return q.kind == "empty" or (q.kind == "number" and q.unit in (None, "%"))


def _is_name_token(token: str) -> bool:
    return not _is_cell(token) and parse_year_in(token)[1] is None and any(not ch.isascii() for ch in token)


def _rows(tokens: list[str], start: int, width: int) -> list[tuple[str, list[str]]]:
    """(name, cells) of the rows from ``tokens[start]``: name tokens, then a run of cells; read while
    tokens form rows, a run of another length is skipped (not settled)."""
    out: list[tuple[str, list[str]]] = []
    i = start
    while i < len(tokens):
        j = i
        while j < len(tokens) and _is_name_token(tokens[j]) and j - i < _NAME_TOKENS:
            j += 1
        if j == i:
            break
        k = j
        while k < len(tokens) and _is_cell(tokens[k]):
            k += 1
        if k == j:
            break
        if k - j == width:
            out.append(("".join(tokens[i:j]), tokens[j:k]))
        i = k
    return out


def _roles(header: _Header, title: str | None) -> list[str]:
    """What each year column holds (see the module's description)."""
    marked = [r for r in header.roles if r is not None]
    if not marked:
        word = header_words().role_of(title) if title else None
        word = word or (row_words().get(fold_key(title)) if title else None)
        return ["target" if word == "target" else "actual"] * len(header.years)
    roles: list[str] = []
    last_record = max((n for n, r in enumerate(header.roles) if r == "actual"), default=None)
    plan_after = last_record is not None and any(r is None for r in header.roles[last_record + 1:])
    for n, role in enumerate(header.roles):
        if role is None:
            roles.append("target" if plan_after and last_record is not None and n > last_record else "actual")
        elif role == "actual" and plan_after and n == last_record:
            roles.append("baseline")
        else:
            roles.append(role)
    return roles


def _row(name: str, cells: list[str], header: _Header, roles: list[str], line: Line) -> IndicatorRow | None:
    row = IndicatorRow(name="", origin=origin_of(line))
    set_name(name, row)
    if len(row.name) < 2 or header_words().role_of(row.name) is not None or fold_key(row.name) in row_words():
        return None  # a row of values (目標, 実績, 計画) is no indicator: ``namedyears`` reads such blocks
    plan = [(year, cell) for year, cell, role in zip(header.years, cells, roles) if role == "target"]
    for year, cell, role in zip(header.years, cells, roles):
        if role in ("actual", "baseline"):
            put_value(row, role, year, cell, origin=row.origin)
    filled = [(year, cell) for year, cell in plan if parse_quantity(cell).kind == "number"]
    if filled:
        put_value(row, "target", filled[-1][0], filled[-1][1], origin=row.origin)
    if row.baseline is not None and row.baseline.kind != "number":
        row.baseline, row.baseline_year = None, None
    infer(row)
    return row if row.actuals or row.target is not None or row.baseline is not None else None


def year_header_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators of the tables headed by fiscal years only on ``lines``, except those named in ``known``."""
    found: list[IndicatorRow] = []
    i = 0
    while i < len(lines):
        tokens = lines[i].key.split()
        start = next((s for s in range(len(tokens)) if _header(tokens, s) is not None), None)
        if start is None:
            i += 1
            continue
        header = _header(tokens, start)
        assert header is not None
        width = len(header.years) + header.total
        title = tokens[start - 1] if start > 0 else lines[i - 1].key if i > 0 else None  # the cell or line above
        roles = _roles(header, title)
        rows = [(r, lines[i]) for r in _rows(tokens, header.end, width)]
        j = i + 1
        if header.end == len(tokens):  # the header alone on its line: a row per line under it
            while j < len(lines) and (got := _rows(lines[j].key.split(), 0, width)) and len(got) == 1:
                rows.append((got[0], lines[j]))
                j += 1
        counts = Counter(name for (name, _), _ in rows)
        for (name, cells), line in rows:
            if counts[name] > 1:
                continue  # the same measure of several programmes the text does not name
            row = _row(name, cells, header, roles, line)
            if row is not None and row.name not in known:
                found.append(row)
        i = j
    return found
