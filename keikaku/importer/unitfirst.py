"""Rows that begin with their unit, their names printed after them: a sheet's indicator table run
onto one space-separated line, its rows read before its name column.

The header is a run of year columns (25 年度 26 年度 …, bare years taking the era the header or
the text before it names) and value words (目標値), then maybe one bracketed cell per column that
qualifies it: an actual word makes the column's figures actuals, a year dates the column
((H30) under 目標値), any other word (a plan, an estimate) leaves the column unread. Each row is a
unit and exactly one figure per column; after the last row a unit header (単位, maybe
letter-spaced and after a content word) is followed by the rows' names, one token per row in
order. Anything that does not fit — a row short of figures, fewer names than rows — is refused.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import find_era, parse_quantity, parse_year
from keikaku.importer.known import NewRows

_BARE_YEAR = re.compile(r"^(\d{1,2})$")
_FIGURE = re.compile(r"^[△▲]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^[△▲]?\d+(?:\.\d+)?$")
_BRACKET = re.compile(r"^[(（]([^()（）]{1,6})[)）]$")
_UNIT_HEADER = re.compile(r"単\s?位")
_VALUE_ROLES = ("baseline", "target", "actual", "interim")


def unit_first_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of tables whose rows open with their unit and whose names follow, but those ``known``."""
    kept = NewRows(known)
    for line in lines:
        toks = line.key.split(" ")
        if len(toks) < 12:
            continue
        for row in _read(toks, line):
            if kept.add(row):
                infer(row)
    return kept.rows




def _year_at(toks: list[str], i: int, era: str | None) -> tuple[int, int] | None:
    """A year column at toks[i] (25 年度, 平成25年度, H25): its year and the next index."""
    if i + 1 < len(toks) and _BARE_YEAR.match(toks[i]) and toks[i + 1] in ("年度", "年"):
        y = parse_year(f"{toks[i]}{toks[i + 1]}", default_era=era) if era else None
        return (y, i + 2) if y is not None else None
    y = parse_year(toks[i]) if re.search(r"\d", toks[i]) and not _FIGURE.match(toks[i]) else None
    return (y, i + 1) if y is not None else None


def _read(toks: list[str], line: Line) -> list[IndicatorRow]:
    out: list[IndicatorRow] = []
    lex = header_words()
    i = 0
    while i < len(toks):
        era = find_era(" ".join(toks[i:i + 40])) or find_era(" ".join(toks[max(0, i - 200):i]))
        cols: list[tuple[str, int | None]] = []
        j = i
        while j < len(toks):
            y = _year_at(toks, j, era)
            if y is not None:
                cols.append(("actual", y[0]))
                j = y[1]
            elif lex.role_of(toks[j]) in _VALUE_ROLES and not _BRACKET.match(toks[j]) and cols:
                cols.append((lex.role_of(toks[j]), None))  # type: ignore[arg-type]
                j += 1
            else:
                break
        if sum(1 for _, y in cols if y is not None) < 2:
            i += 1
            continue
        # one bracketed cell per column qualifies it
        quals = toks[j:j + len(cols)]
        if len(quals) == len(cols) and all(_BRACKET.match(q) for q in quals):
            qualified: list[tuple[str | None, int | None]] = []
            for (r, y), q in zip(cols, quals):
                inner = _BRACKET.match(q).group(1)  # type: ignore[union-attr]
                qy = parse_year(inner) if re.search(r"\d", inner) else None
                qr = lex.role_of(inner)
                if qy is not None:
                    qualified.append((r, qy))
                elif qr in _VALUE_ROLES:
                    qualified.append((qr, y))
                else:
                    qualified.append((None, y))  # a plan or an estimate: not read
            j += len(cols)
        else:
            qualified = list(cols)
        rows, k = _rows(toks, j, len(cols))
        names = _names(toks, k, len(rows)) if rows else None
        if not rows or names is None:
            i = j
            continue
        for (unit, figures), name in zip(rows, names):
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            row.unit = unit
            for (r, y), v in zip(qualified, figures):
                if r is not None:
                    put_value(row, r, y, v)
            if row.name:
                out.append(row)
        i = k
    return out


def _unit(tok: str) -> bool:
    return tok in value_units() or (1 <= len(tok) <= 2 and not re.search(r"[\d()（）\[\]□■☆○●]", tok)
                                     and header_words().role_of(tok) is None)


def _rows(toks: list[str], j: int, n: int) -> tuple[list[tuple[str, list[str]]], int]:
    """Rows of a unit then exactly ``n`` figures, from toks[j]; and where they end."""
    rows = []
    while j + n < len(toks) and _unit(toks[j]) and all(_FIGURE.match(t) for t in toks[j + 1:j + 1 + n]):
        if j + 1 + n < len(toks) and _FIGURE.match(toks[j + 1 + n]):
            return [], j  # more figures than columns
        rows.append((toks[j], toks[j + 1:j + 1 + n]))
        j += 1 + n
    return rows, j


def _names(toks: list[str], k: int, n: int) -> list[str] | None:
    """The rows' names: the tokens after a unit header printed right after the rows."""
    rest = " ".join(toks[k:k + 8])
    m = _UNIT_HEADER.search(rest)
    if m is None or len(rest[:m.start()].replace(" ", "")) > 4:
        return None
    after = rest[m.end():].split(" ") if m.end() < len(rest) else []
    start = k + len(toks[k:k + 8]) - len([t for t in after if t])
    names = toks[start:start + n]
    if len(names) < n or not all(len(t) >= 3 and not _FIGURE.match(t) and header_words().role_of(t) is None and parse_quantity(t).kind != "number"
                                 for t in names):
        return None
    return names
