"""Tables whose columns an extractor emitted as labelled blocks on a flattened line.

Some PDF extractors print a small table's columns one after another, each after its own header
cell, and leave the cells of other columns for later:

- **Detached blocks**: ``単位 u1 … uk 現状 b1 … bk 目標(year)`` with nothing after the target
  header: k rows whose units and baselines are known, their names and targets printed further on.
  After the last block come the names (header cells, section labels ①…, numbering and
  placeholders between them are skipped) and then one run of figures: the targets. The blocks are
  read only when the names and the figures both number exactly the blocks' rows, taken in order.
- **Row groups column by column**: k names (k ≥ 2), then their k units, then k figures for each
  value column of the header printed before (現状, 目標 …), read down the columns.

Rows whose name another reading already found are left to it (``build.py``).
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold
from keikaku.importer.known import NewRows

MIN_TOKENS = 12  # a line with fewer cells holds no such table
MAX_UNIT = 4  # characters of a unit cell (人, カ所, 自治会)
VALUE_ROLES = ("baseline", "target", "actual", "interim")
_UNITS = frozenset(value_units())
_PLACEHOLDER = re.compile(r"^[〔\[【][^〕\]】]*[〕\]】]$")
_LABEL = re.compile(r"^(?:[①-⑳❶-❿➊-➓]|[(（]?[0-9]{1,2}[)）])")
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")


def _role(tok: str) -> str | None:
    body, _ = parse_year_in(tok)
    return header_words().role_of(body or tok)


def _figure(tok: str) -> bool:
    return parse_quantity(tok).kind in ("number", "empty") and _WORDY.search(tok.replace("以上", "")) is None


def _unit(tok: str) -> bool:
    return (fold(tok) in _UNITS or (len(tok) <= MAX_UNIT and _WORDY.search(tok) is not None)) and \
        _role(tok) is None and not _LABEL.match(tok) and not _PLACEHOLDER.match(tok)


def _name(tok: str) -> bool:
    return (len(tok) >= 3 and _WORDY.search(tok) is not None and _role(tok) is None
            and not _LABEL.match(tok) and not _PLACEHOLDER.match(tok) and fold(tok) not in _UNITS)


def block_column_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of tables emitted as labelled column blocks, but those ``known``."""
    kept = NewRows(known)
    for group in _raw_lines(lines):
        toks = [t for line in group for t in line.text.split(" ") if t]
        if len(toks) < MIN_TOKENS:
            continue
        for row in _detached(toks) + _groups(toks):
            if row.name and kept.add(row):
                row.origin = origin_of(group[0])
                infer(row)
    return kept.rows


def _raw_lines(lines: list[Line]) -> list[list[Line]]:
    """The lines as the reader gave them: the pieces a long line was cut into, together."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.cells or line.grid is not None:
            continue
        if groups and groups[-1][-1].index == line.index:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups




def _block_at(toks: list[str], i: int) -> tuple[list[str], list[str], str, str, int] | None:
    """At a unit header: (units, baselines, baseline header, target header, index after the target header)."""
    if _role(toks[i]) != "unit" or len(toks[i]) > MAX_UNIT:
        return None
    j = i + 1
    units = []
    while j < len(toks) and _unit(toks[j]):
        units.append(toks[j])
        j += 1
    if j >= len(toks) or _role(toks[j]) != "baseline":
        return None
    base_head = toks[j]
    j += 1
    bases = []
    while j < len(toks) and _figure(toks[j]):
        bases.append(toks[j])
        j += 1
    if j >= len(toks) or _role(toks[j]) != "target" or len(bases) != len(units):
        return None
    return units, bases, base_head, toks[j], j + 1


def _detached(toks: list[str]) -> list[IndicatorRow]:
    pending: list[tuple[str, str, str, str]] = []  # unit, baseline, baseline header, target header
    end = None
    i = 0
    while i < len(toks):
        block = _block_at(toks, i)
        if block is None:
            i += 1
            continue
        units, bases, base_head, target_head, i = block
        if i < len(toks) and _figure(toks[i]):
            continue  # the targets follow: an ordinary block, not a detached one
        pending += [(u, b, base_head, target_head) for u, b in zip(units, bases)]
        end = i
    if not pending or end is None:
        return []
    names: list[str] = []
    k = end
    while k < len(toks) and not _figure(toks[k]):
        if _name(toks[k]):
            names.append(toks[k])
        k += 1
    targets = []
    while k < len(toks) and _figure(toks[k]):
        targets.append(toks[k])
        k += 1
    if len(names) != len(pending) or len(targets) != len(pending):
        return []
    rows = []
    for name, (unit, base, base_head, target_head), target in zip(names, pending, targets):
        row = IndicatorRow(name="")
        set_name(name, row)
        put_value(row, "baseline", parse_year_in(base_head)[1], base)
        put_value(row, "target", parse_year_in(target_head)[1], target)
        row.unit = row.unit or fold(unit)
        rows.append(row)
    return rows


def _groups(toks: list[str]) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    columns: list[tuple[str, int | None]] = []
    run: list[tuple[str, int | None]] = []
    i = 0
    while i < len(toks):
        role = _role(toks[i])
        if role in (*VALUE_ROLES, "unit", "name"):
            run.append((role, parse_year_in(toks[i])[1]))
            i += 1
            continue
        if run:
            columns, run = _last_header(run), []
        found = _group_at(toks, i, columns) if len(columns) >= 2 else None
        if found is None:
            i += 1
            continue
        group, i = found
        rows += group
    return rows


def _last_header(run: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """The value columns of the last header in a run of header cells (headers printed back to back)."""
    roles: list[tuple[str, int | None]] = []
    for role, year in reversed(run):
        if any(r == role for r, _ in roles):
            break
        roles.insert(0, (role, year))
    return [(r, y) for r, y in roles if r in VALUE_ROLES]


def _group_at(toks: list[str], i: int, columns: list[tuple[str, int | None]]) -> tuple[list[IndicatorRow], int] | None:
    """At ``i``: k names, k units, then k figures per value column, and no figure after them."""
    names = []
    j = i
    while j < len(toks) and _name(toks[j]) and not _unit(toks[j]):
        names.append(toks[j])
        j += 1
    k = len(names)
    if k < 2:
        return None
    units = toks[j:j + k]
    if len(units) != k or not all(_unit(u) for u in units):
        return None
    j += k
    n = len(columns)
    figures = toks[j:j + k * n]
    if len(figures) != k * n or not all(_figure(f) for f in figures):
        return None
    j += k * n
    if j < len(toks) and _figure(toks[j]):
        return None
    rows = []
    for r, (name, unit) in enumerate(zip(names, units)):
        row = IndicatorRow(name="")
        set_name(name, row)
        for c, (role, year) in enumerate(columns):
            put_value(row, role, year, figures[c * k + r])
        row.unit = row.unit or fold(unit)
        rows.append(row)
    return rows, j
