"""Rows labelled 実績/目標 under a header of year columns, on a sheet flattened onto one line.

A measure sheet's indicator table, its cells run onto one long line by the extractor::

    指標名 17年度 単位 20年度 22年度 24年度 29年度 18年度実績
    1 name % 実績 (44) 30.4 目標 47 49 54 2 name m 実績 37,860 39,870 目標 40,280 41,900 43,220

The header is a name word, then year columns (bare fiscal years, taking the era the line names or
else 平成, as sheets of that era print them), a unit column among them, and a year column carrying
an actual word (``18年度実績``): the evaluated year. Each row is its number, its name, its unit and
then runs of figures (the next row's number, one more than this row's and followed by words,
ends the last), each after a row label of ``headers.toml`` (実績, 目標 …). The actual run fills
the columns of years up to the evaluated year, in header order, when it holds exactly that many
cells: the first, a bare year before the evaluated one, is the baseline, the others are actuals. A
target run fills the later years when it holds exactly as many cells (the last the target, the
earlier interim targets); a run of another length settles nothing and gives nothing. A bracketed
figure (``(44)``, a value from another source) holds its cell but gives no figure. Read on the
document's long lines, and on a table region whose header the flatten stage cut from its rows.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import HeaderWords, fold_key, header_words, value_units
from keikaku.importer.normalize import Line, make_line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import find_era, parse_quantity, parse_year
from keikaku.importer.width import fold

MIN_LINE = 60  # characters of a flattened sheet's line
MAX_NAME_TOKENS = 6
_YEAR = re.compile(r"^((?:平成|令和|昭和|[HRS])?\s*(?:元|[0-9]{1,2}))\s*年度(\S*)$")
_NUMBER = re.compile(r"^[0-9]{1,2}$")
_FIGURE = re.compile(r"^[△▲]?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?$|^[△▲]?[0-9]+(?:\.[0-9]+)?$")
_BRACKETED = re.compile(r"^[(（][△▲]?[0-9][0-9,.]*[)）]$")


def flat_label_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of such tables on the document's long lines (see the module's doc), but those ``known``."""
    kept = NewRows(known)
    for line in lines:
        if len(line.key) < MIN_LINE or line.cells:
            continue
        for row in _rows(line):
            if kept.add(row):
                infer(row)
    return kept.rows


def region_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The rows of a table region whose header and rows the flatten stage cut onto lines of their own."""
    if not lines or any(line.cells for line in lines):
        return []
    joined = make_line(" ".join(line.text for line in lines), lines[0].index, lines[0].page, source=lines[0].source)
    rows = _rows(joined)
    for row in rows:
        infer(row)
    return rows


def _year(token: str, era: str) -> tuple[int, str] | None:
    m = _YEAR.match(token)
    if m is None:
        return None
    head = m.group(1) if not m.group(1)[0].isdigit() else era + m.group(1)
    year = parse_year(head + "年度")
    return (year, m.group(2)) if year is not None else None


def _header(tokens: list[str], era: str) -> tuple[list[int | None], int, int] | None:
    """The header's columns (a year each; None for the unit column), the evaluated column and
    where the rows begin, for a header starting at tokens[0] (a name word)."""
    lex = header_words()
    cols: list[int | None] = []
    evaluated = None
    k = 1
    while k < len(tokens):
        found = _year(tokens[k], era)
        if found is not None and (not found[1] or lex.role_of(found[1]) == "actual"):
            if found[1]:
                evaluated = len(cols)
            cols.append(found[0])
        elif lex.role_of(tokens[k]) == "unit" and None not in cols:
            cols.append(None)
        else:
            break
        k += 1
    if evaluated is None or None not in cols or len([c for c in cols if c is not None]) < 3:
        return None
    return cols, evaluated, k


def _rows(line: Line) -> list[IndicatorRow]:
    tokens = fold(line.text).split(" ")
    era = find_era(line.key) or "平成"
    lex = header_words()
    names = {fold_key(w) for w in lex.words("name")}
    out = []
    for h, token in enumerate(tokens):
        if fold_key(token) not in names or (header := _header(tokens[h:], era)) is None:
            continue
        cols, evaluated, k = header
        years = [y for y in cols if y is not None]
        done = cols[evaluated]
        k += h
        while (found := _row(tokens, k, years, done, lex)) is not None:
            row, k = found
            row.origin = origin_of(line)
            if row.baseline is not None or row.target is not None or row.actuals:
                out.append(row)  # a row whose runs settle nothing is passed over
    return out


def _unit(token: str, lex: HeaderWords) -> bool:
    return token in value_units() or (len(token) <= 3 and not re.search(r"[0-9]", token) and lex.role_of(token) is None)


def _row(tokens: list[str], k: int, years: list[int], done: int, lex: HeaderWords) -> tuple[IndicatorRow, int] | None:
    """The row starting at tokens[k] (number, name, unit, labelled runs) and where the next begins."""
    number = None
    if k < len(tokens) and _NUMBER.match(tokens[k]):
        number, k = int(tokens[k]), k + 1
    start = k
    while k < len(tokens) and k - start <= MAX_NAME_TOKENS and lex.role_of(tokens[k]) not in ("actual", "target"):
        k += 1
    if k - start < 2 or k >= len(tokens) or not _unit(tokens[k - 1], lex):
        return None
    name, unit = " ".join(tokens[start:k - 1]), tokens[k - 1]
    if any(_FIGURE.match(t) for t in tokens[start:k - 1]):
        return None
    runs: dict[str, list[str]] = {}
    while k < len(tokens) and (role := lex.role_of(tokens[k])) in ("actual", "target") and role not in runs:
        k += 1
        cells = []
        while k < len(tokens) and (_FIGURE.match(tokens[k]) or _BRACKETED.match(tokens[k])):
            if number is not None and tokens[k] == str(number + 1) and not (
                    k + 1 < len(tokens) and (_FIGURE.match(tokens[k + 1]) or _BRACKETED.match(tokens[k + 1]))):
                break  # the next row's number, before its name
            cells.append(tokens[k])
            k += 1
        runs[role] = cells
    if not any(runs.values()):
        return None
    row = IndicatorRow(name="")
    set_name(name, row)
    row.unit = fold(unit)
    past = [y for y in years if y <= done]
    later = [y for y in years if y > done]
    actuals = runs.get("actual", [])
    if len(actuals) == len(past):
        for n, (year, cell) in enumerate(zip(past, actuals)):
            if _BRACKETED.match(cell):
                continue
            put_value(row, "baseline" if n == 0 and len(past) > 1 else "actual", year, cell)
    targets = runs.get("target", [])
    if len(targets) == len(later):
        for n, (year, cell) in enumerate(zip(later, targets)):
            if parse_quantity(cell).kind == "number":
                put_value(row, "target" if n == len(later) - 1 else "interim", year, cell)
    return (row, k) if row.name else None
