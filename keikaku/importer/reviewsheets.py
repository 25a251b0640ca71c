"""Figures of evaluation sheets (事務事業評価シート, 施策評価シート) that the table readings leave.

An evaluation sheet flattened by an extractor onto a line keeps its cells in order but loses
the grid. Two layouts of such sheets are read here:

- **Past actuals** (``review_actuals``): after the name of an indicator another reading found
  with its target, an actual word (``過去の実績``, ``実績``) within a few cells, then fiscal years
  and bare figures interleaved any way (``R2年度 (単位: 人) R3年度 410 R4年度 425 431``), up to the
  indicator's target word: when the years run one after another and are exactly as many as the
  figures, the figures are the actuals of those years in order. A cell of another kind with a
  digit between (a rate, a figure of another unit) refuses the run.
- **A rate settles the actual** (``review_actuals``, after past actuals): the target word and its
  figure, then an actual word with no figure of its own, an achievement rate (``達成率 95.0%``)
  and, past words only, a figure of the target's unit: that figure is the actual when the rate
  is its share of the target to the rate's printed precision (``380人`` of ``400人`` = 95.0%). Its
  year is the one after the past actuals (a sheet lists the years before the one it evaluates);
  a sheet without them keeps no actual (an actual needs a year).
- **Names listed, then a run of figures per year** (``year_run_rows``): a fiscal year, a name
  column's word, the row numbers ``1 2 … N``, the N names, then runs of exactly N figures with
  their units, each after the next fiscal year (the first run is of the year printed before the
  numbers): name k takes figure k of every run as its actual of that run's year. A run short of
  N figures ends the runs; fewer than two runs, or a name whose figures change unit, and nothing
  is read.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.known import name_key
from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, set_name
from keikaku.importer.values import Quantity, parse_quantity, parse_year_in
from keikaku.importer.width import fold

MAX_WORD = 12  # characters of a header word cell; a longer cell is text
MAX_GAP = 3  # word cells between the names and the first run of figures (a section heading)
MIN_ROWS = 2
_DIGIT = re.compile(r"[0-9]")
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")
_DECIMALS = re.compile(r"\.([0-9]+)")
_ERA_LETTER = re.compile(r"^[(（]?[HRS][0-9]")


def _role(tok: str) -> str | None:
    body, _ = parse_year_in(tok)
    body = fold(body or tok)
    return header_words().role_of(body) if 0 < len(body) <= MAX_WORD else None


def _year(tok: str) -> int | None:
    """The fiscal year of a cell that is only a year (平成24年度, H24, 2021年度)."""
    if "年" not in tok and not _ERA_LETTER.match(tok):
        return None
    rest, year = parse_year_in(tok)
    return year if year is not None and not rest.strip(" ()（）") else None


def _figure(tok: str) -> Quantity | None:
    """A cell that is one figure with no unit or a unit of ``headers.toml`` (a year is not)."""
    if not (tok[:1].isdigit() or tok[:1] in "△▲") or _year(tok) is not None:
        return None
    q = parse_quantity(tok)
    if q.kind != "number" or q.value is None or q.unit and fold(q.unit) not in _units():
        return None
    return q


@cache
def _units() -> frozenset[str]:
    return frozenset(fold(u) for u in value_units())


def _consecutive(years: list[int]) -> bool:
    return all(b == a + 1 for a, b in zip(years, years[1:]))


# --- past actuals and the actual a rate settles -------------------------------------------------

def review_actuals(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give ``rows`` found without actuals the past actuals and the rate-settled actual printed after their name."""
    waiting = {name_key(r.name): r for r in rows if not r.actuals and r.name and r.target is not None}
    if not waiting:
        return
    for line in lines:
        tokens = line.key.split()
        for at, tok in enumerate(tokens):
            row = waiting.get(name_key(tok))
            if row is None or (past := _past_actuals(tokens[at + 1:], row)) is None:
                continue
            origin = origin_of(line)
            for year, q in past:
                row.actuals.append((year, q, None))
                row.origins[f"actual:{year}"] = origin
            if (settled := _settled_actual(tokens[at + 1:], row)) is not None:
                year = past[-1][0] + 1
                row.actuals.append((year, settled, None))
                row.origins[f"actual:{year}"] = origin
            del waiting[name_key(tok)]
            if not waiting:
                return


def _past_actuals(tokens: list[str], row: IndicatorRow) -> list[tuple[int, Quantity]] | None:
    """(year, figure) of the past actuals between an actual word and the target word, in order."""
    start = next((k for k, t in enumerate(tokens[:MAX_GAP + 1]) if _role(t) == "actual"), None)
    if start is None:
        return None
    years: list[int] = []
    figures: list[Quantity] = []
    for tok in tokens[start + 1:]:
        if _role(tok) == "target":
            break
        if (year := _year(tok)) is not None:
            years.append(year)
        elif (q := _figure(tok)) is not None:
            if q.unit and row.unit and fold(q.unit) != fold(row.unit):
                return None
            figures.append(q)
        elif _DIGIT.search(tok):
            return None  # a cell of another kind between: not this layout
    else:
        return None
    if len(years) < MIN_ROWS or len(years) != len(figures) or not _consecutive(years):
        return None
    return list(zip(years, figures))


def _settled_actual(tokens: list[str], row: IndicatorRow) -> Quantity | None:
    """The figure after 実績値 / 達成率 R% that is R% of the row's target."""
    target = row.target
    if target is None or target.value is None or target.value == 0:
        return None
    at = next((k for k, t in enumerate(tokens) if _role(t) == "target"), None)
    if at is None or at + 1 >= len(tokens) or (q := _figure(tokens[at + 1])) is None or q.value != target.value:
        return None
    rest = tokens[at + 2:]
    if not rest or _role(rest[0]) != "actual" or _figure(rest[0]) is not None:
        return None
    rate: tuple[float, int] | None = None
    for tok in rest[1:]:
        q = _figure(tok)
        if q is None:
            if _DIGIT.search(tok) or not (_role(tok) in ("rate", "actual") or len(tok) <= MAX_WORD and _WORDY.search(tok)):
                return None
            continue
        if rate is None:
            if q.unit != "%":
                return None
            m = _DECIMALS.search(tok)
            rate = (q.value, len(m.group(1)) if m else 0)
            continue
        if fold(q.unit or "") != fold(target.unit or row.unit or ""):
            return None
        share = q.value / target.value * 100
        return q if abs(share - rate[0]) <= 0.5 * 10 ** -rate[1] + 1e-9 else None
    return None


# --- names listed, then a run of figures per year -----------------------------------------------

def year_run_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators printed as numbered names and then one run of figures per fiscal year, but those ``known``."""
    seen = {name_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for line in lines:
        tokens = line.key.split()
        k = 0
        while k < len(tokens):
            found = _runs_at(tokens, k)
            if found is None:
                k += 1
                continue
            names, runs, end = found
            for j, name in enumerate(names):
                row = IndicatorRow(name="", origin=origin_of(line))
                set_name(name, row)
                if not row.name or name_key(row.name) in seen:
                    continue
                for year, figures in runs:
                    row.actuals.append((year, figures[j], None))
                    row.origins[f"actual:{year}"] = origin_of(line)
                row.unit = row.unit or runs[0][1][j].unit
                seen.add(name_key(row.name))
                rows.append(row)
            k = end
    return rows


def _runs_at(tokens: list[str], k: int) -> tuple[list[str], list[tuple[int, list[Quantity]]], int] | None:
    """(names, [(year, figures)], end) of the layout when the row numbers ``1 2 … N`` start at ``k``."""
    if tokens[k] != "1":
        return None
    n = 1
    while k + n < len(tokens) and tokens[k + n] == str(n + 1):
        n += 1
    if n < MIN_ROWS:
        return None
    before = tokens[max(0, k - MAX_GAP):k]
    if not any(_role(t) == "name" for t in before):
        return None
    first_year = next((y for t in reversed(before) if (y := _year(t)) is not None), None)
    if first_year is None:
        return None
    names = tokens[k + n:k + 2 * n]
    if len(names) < n or any(_DIGIT.search(t) or not _WORDY.search(t) or _role(t) is not None for t in names):
        return None
    i = k + 2 * n
    gap = 0
    while i < len(tokens) and _figure(tokens[i]) is None and gap < MAX_GAP:
        i, gap = i + 1, gap + 1
    runs: list[tuple[int, list[Quantity]]] = []
    year = first_year
    while True:
        figures = [q for q in (_figure(t) for t in tokens[i:i + n]) if q is not None and q.unit]
        if len(figures) != n:
            break
        runs.append((year, figures))
        i += n
        if i < len(tokens) and (next_year := _year(tokens[i])) == year + 1:
            year, i = next_year, i + 1
        else:
            break
    if len(runs) < MIN_ROWS:
        return None
    units = [{fold(q.unit or "") for _, figures in runs for q in [figures[j]]} for j in range(n)]
    if any(len(u) != 1 for u in units):
        return None
    return names, runs, i
