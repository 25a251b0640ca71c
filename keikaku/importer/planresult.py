"""Rows under a plan-against-result header printed one cell per line.

A report on a plan's figures for one year (a hospital's reform plan, a management plan) heads its
table with the year's plan cell and result cell (``H25プラン`` / ``H25決算``, words in
``lexicon/patterns.toml`` [planresult]), maybe a difference cell (``差引``), each on a line of its
own. Each row opens with a name numbered by a circled mark (``①年間延べ入館者数``), or a bracketed
sub-row (``[一日平均]``) whose figures are bracketed too (``[27.3人]``); its cells follow one a
line, in the header's order. Lines that are no cell of a row are passed over: marks (○ ×), words of
the header printed again or late (達成状況, 備考), a label and its figures in round brackets (a unit
price ``(単価)`` / ``(20,000円)``, a head count after a rate ``(205人)``), notes. A figure goes to the
first row opened and not yet full, so that a row whose cells the extractor printed after the next
name (``③自主事業の件数`` / ``12件`` / ``④…`` / ``15件``) still gets them in order. A row gives the
plan figure as the year's target and the result figure as its actual; a row with a dash in either
gives nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

MIN_ROWS = 2  # rows a header must head for its table to be read
_MARKED = re.compile(r"^[①-⑳]\s*(\S.*[\u3040-\u30ff\u4e00-\u9fff].*)$")
_SUB = re.compile(r"^[\[［]([^\]］0-9]{2,})[\]］]$")
_SUB_FIGURE = re.compile(r"^[\[［]([^\]］]+)[\]］]$")
_YEAR_HEAD = re.compile(r"^(\D{0,2}[0-9]{1,4}(?:年度|年)?)\s*(\D+)$")  # H25プラン, 平成25年度 実績
_DASH = re.compile(r"^[-−ー―–]$")
_FIGURE = re.compile(r"^[△▲]?[0-9]")


def _cell_role(key: str) -> tuple[str, int | None] | None:
    """The role (target, actual, difference) and year of a header cell, else None."""
    m = _YEAR_HEAD.match(key.strip())
    year = parse_year(m.group(1)) if m else None
    rest = m.group(2) if m else key.strip()
    if year is not None and pattern("planresult", "plan").match(rest):
        return "target", year
    if year is not None and pattern("planresult", "result").match(rest):
        return "actual", year
    if pattern("planresult", "difference").match(key.strip()):
        return "difference", None
    return None


def _header(lines: list[Line], i: int) -> list[tuple[str, int | None]] | None:
    """The header cells from lines[i]: a plan and a result cell of one year among them, else None."""
    cells = []
    while i + len(cells) < len(lines) and (cell := _cell_role(lines[i + len(cells)].key)) is not None:
        cells.append(cell)
    years = {year for role, year in cells if role == "target"} & {year for role, year in cells if role == "actual"}
    return cells if years else None


class _Row:
    def __init__(self, name: str, line: Line, sub: bool) -> None:
        self.name, self.line, self.sub = name, line, sub
        self.cells: list[tuple[str, Line]] = []


def _figure(key: str) -> tuple[str, bool] | None:
    """(figure text, bracketed as a sub-row's) of a line that is one cell, else None."""
    text = key.strip()
    sub = _SUB_FIGURE.match(text)
    inner = sub.group(1).strip() if sub else text
    if _DASH.match(inner):
        return inner, sub is not None
    if _FIGURE.match(inner) and parse_quantity(inner).kind == "number" and " " not in inner:
        return inner, sub is not None
    return None


def _table(lines: list[Line], start: int, cells: list[tuple[str, int | None]]) -> list[IndicatorRow]:
    rows: list[_Row] = []
    for line in lines[start:]:
        key = line.key.strip()
        if _cell_role(key) is not None:
            continue  # a header cell printed again
        if (m := _SUB.match(key)) is not None:
            rows.append(_Row(m.group(1), line, True))
        elif (m := _MARKED.match(key)) is not None:
            rows.append(_Row(m.group(1), line, False))
        elif (fig := _figure(key)) is not None:
            row = next((r for r in rows if r.sub == fig[1] and len(r.cells) < len(cells)), None)
            if row is not None:
                row.cells.append((fig[0], line))
    out = []
    for r in rows:
        got = [(role, year, text, line) for (role, year), (text, line) in zip(cells, r.cells) if role != "difference"]
        roles = {role for role, _, text, _ in got if not _DASH.match(text)}
        if not {"target", "actual"} <= roles:
            continue
        row = IndicatorRow(name="", origin=origin_of(r.line))
        set_name(r.name, row)
        for role, year, text, line in got:
            put_value(row, role, year, text, origin=origin_of(line))
        infer(row)
        out.append(row)
    return out if len(out) >= MIN_ROWS else []


def plan_result_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows under the first plan-against-result header among ``lines``, but those ``known``."""
    kept = NewRows(known)
    for i in range(len(lines) - 1):
        if (cells := _header(lines, i)) is not None:
            for row in _table(lines, i + len(cells), cells):
                kept.add(row)
            break
    return kept.rows
