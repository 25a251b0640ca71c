"""An evaluation sheet's indicators as columns, the years as rows, a row printed on one line.

Read as a table region's reading (``indicators.py``) and over the whole document (``wholedoc.py``).

A sheet may print its indicators across and the years down, every row of the table a line::

    年度 地区防災計画の策定地区数（地区） 避難訓練の延べ参加者数（人）
    基準値（令和元年度） 112 3,840
    令和3年度 118 2,910
    令和4年度 121 4,120
    目標値（令和8年度） 140 5,000

The header is a line opening with a year word (年度, 年次) and naming the columns after it, each
maybe closed by its unit in brackets; a column's number before its name (指標１, No.2) is no part
of it. It may open instead with a word of the row labels' column (``label`` in
``lexicon/headers.toml``: 区分), when no name after it is a header word itself. Under it may stand a
line of the columns' units, opening with the unit's head (単位 人 千人 %), one unit a column; and
above that, the short rest of a name wrapped in its cell, alone on its line (given to the longest
name: the one its column was too narrow for). Under
them may stand a line of row words only (目標 実績 目標 実績), as many for each column:
each indicator then has a target and an actual cell in every row. Each row is a line opening with
its year, maybe with a value word (基準値（令和元年度）, 令和２年度（基準）, 目標値（令和8年度）,
令和4年度実績; a lead wrapped in its cell may print its rest glued after the row's last figure),
then its figures. A row marked as the baseline or the target gives that figure; any other row
gives actuals, and under 目標/実績 words the last row's target cell the target. A row printing
fewer figures than cells fills, on a baseline row, the actual cells and else the target cells.
Without value words the first row is the baseline and the last the target. At least three rows.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, set_name
from keikaku.importer.values import Quantity, parse_quantity, parse_year, parse_year_in

MIN_ROWS = 3
MAX_COLUMNS = 6
_YEAR_WORD = re.compile(r"^(?:年度|年次)$")
_COLUMN_NUMBER = re.compile(r"^(?:指標|No\.?|NO\.?|№)\s*[0-9０-９①-⑳]+$")
_UNIT = re.compile(r"^(.+?)[(（]([^()（）0-9]{1,6})[)）]$")
_FIGURE = re.compile(r"^[△▲-]?[0-9][0-9,.]*%?$")
_ROW_ROLES = ("baseline", "target", "actual")
_GLUED_TAIL = re.compile(r"^([△▲-]?[0-9][0-9,.]*%?)([^0-9\s]{1,4})$")
_YEAR_LEAD = re.compile(r"^(.+?年度?)([^0-9年度()（）]+)$")


def _header(line: Line) -> list[tuple[str, str | None]] | None:
    """The columns (name, unit) a header line names after its year word (or row labels' word), else None."""
    toks = line.text.split()
    if len(toks) < 2:
        return None
    labelled = not _YEAR_WORD.match(fold_key(toks[0]))
    if labelled and header_words().role_of(fold_key(toks[0])) != "label":
        return None
    names = [t for t in toks[1:] if not _COLUMN_NUMBER.match(fold_key(t))]
    if not names or len(names) > MAX_COLUMNS or any(_FIGURE.match(fold_key(t)) or parse_year(t) is not None for t in names):
        return None
    if labelled and any(header_words().role_of(fold_key(t)) is not None for t in names):
        return None  # 区分 目標 実績: a table of row labels over value heads, not of indicators across
    out = []
    for name in names:
        m = _UNIT.match(name)
        out.append((m.group(1), m.group(2)) if m else (name, None))
    return out


def _units_line(line: Line, width: int) -> list[str] | None:
    """The columns' units of a line opening with the unit's head (単位 人 千人), one a column, else None."""
    toks = line.text.split()
    if len(toks) != width + 1 or header_words().role_of(fold_key(toks[0])) != "unit":
        return None
    units = toks[1:]
    return None if any(_FIGURE.match(fold_key(t)) or len(t) > 8 for t in units) else units


def _name_rest(line: Line) -> bool:
    """A line of one short piece without a digit: the rest of a column's name wrapped under the header."""
    toks = line.text.split()
    return len(toks) == 1 and len(toks[0]) <= 4 and not any(ch.isdigit() for ch in toks[0])


def _lead_year(lead: str) -> tuple[str, int | None]:
    """(its words, year) of a row's lead: 基準値（令和元年度）, or a year before its value word (令和4年度実績)."""
    rest, year = parse_year_in(lead)
    if year is None and (m := _YEAR_LEAD.match(lead)) is not None:
        head, tail = parse_year_in(m.group(1))
        if tail is not None and not head:
            return m.group(2), tail
    return rest, year


def _words_line(line: Line, width: int) -> list[str] | None:
    """The roles of a line of row words only (目標 実績 目標 実績), repeating for each of ``width`` columns."""
    toks = line.text.split()
    roles = [header_words().role_of(fold_key(t)) for t in toks]
    if not toks or len(toks) % width or any(r not in ("target", "actual") for r in roles):
        return None
    per = roles[: len(toks) // width]
    return per if roles == per * width and len(set(per)) == len(per) else None


def _row(line: Line) -> tuple[int, str | None, list[Quantity]] | None:
    """(year, role of its value word or None, figures) of a row line, else None."""
    toks = line.text.split()
    tail = ""
    if toks and (m := _GLUED_TAIL.match(fold_key(toks[-1]))) is not None:  # a lead wrapped in its cell: its rest after the row
        toks, tail = [*toks[:-1], m.group(1)], m.group(2)
    k = len(toks)
    while k > 0 and _FIGURE.match(fold_key(toks[k - 1])):
        k -= 1  # the figures run to the end of the line; the lead may print its year's digits apart (令和 4 年度)
    lead = "".join(toks[:k])
    if tail and lead.count("(") + lead.count("（") <= lead.count(")") + lead.count("）"):
        return None  # a glued tail that closes no bracket of the lead
    lead += tail
    if not lead or k == len(toks):
        return None
    rest, year = _lead_year(lead)
    if year is None:
        return None
    words = fold_key(rest).strip("()（）")
    role = header_words().role_of(words) if words else None
    if words and role not in _ROW_ROLES:
        return None
    return year, role, [parse_quantity(t) for t in toks[k:]]


def years_down_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of tables with the indicators across and the years down, among ``lines``."""
    new = NewRows(known)
    for start, line in enumerate(lines):
        columns = _header(line)
        if columns is None:
            continue
        k = start + 1
        if k + 1 < len(lines) and _name_rest(lines[k]) and _row(lines[k + 1]) is None:
            longest = max(range(len(columns)), key=lambda c: (len(columns[c][0]), c))  # the widest name wraps
            columns[longest] = (columns[longest][0] + lines[k].text.strip(), columns[longest][1])
            k += 1
        units = _units_line(lines[k], len(columns)) if k < len(lines) else None
        if units is not None:
            columns = [(name, unit or given) for (name, unit), given in zip(columns, units)]
            k += 1
        per = _words_line(lines[k], len(columns)) if k < len(lines) else None
        k += per is not None
        per = per or ["actual"]
        rows: list[tuple[int, str | None, list[Quantity], Line]] = []
        while k < len(lines) and (row := _row(lines[k])) is not None:
            rows.append((*row, lines[k]))
            k += 1
        if len(rows) < MIN_ROWS:
            continue
        for c, (name, unit) in enumerate(columns):
            read = _column(rows, c, len(columns), per)
            if read is None:
                continue
            read.origin = origin_of(line)
            set_name(name, read)
            read.unit = unit or read.unit
            infer(read)
            new.add(read)
    return new.rows


def _cells(figures: list[Quantity], role: str | None, c: int, width: int, per: list[str]) -> dict[str, Quantity]:
    """The cells of column ``c`` a row's figures give, by the row word each stands under."""
    if len(figures) == width * len(per):
        return {w: figures[c * len(per) + n] for n, w in enumerate(per)}
    if len(figures) == width:  # one figure a column: the baseline's actual, else the target (or the only word)
        kind = "actual" if role == "baseline" and "actual" in per else "target" if "target" in per else per[0]
        return {kind: figures[c]}
    return {}


def _column(rows: list[tuple[int, str | None, list[Quantity], Line]], c: int, width: int, per: list[str]) -> IndicatorRow | None:
    roles = {role for _, role, _, _ in rows}
    out = IndicatorRow(name="")
    for n, (year, role, figures, line) in enumerate(rows):
        cells = _cells(figures, role, c, width, per)
        if not cells:
            return None
        if roles == {None} and n in (0, len(rows) - 1):
            role = "baseline" if n == 0 else "target"  # no value words: the first row is where it stood, the last its aim
        value = cells.get("actual") or cells.get("target")
        if role == "baseline":
            out.baseline, out.baseline_year = value, year
            out.origins["baseline"] = origin_of(line)
        elif role == "target" or (n == len(rows) - 1 and "actual" not in cells):
            out.target, out.target_year = cells.get("target") or value, year
            out.origins["target"] = origin_of(line)
        elif "actual" in cells:
            out.actuals.append((year, cells["actual"], None))
            out.origins[f"actual:{year}"] = origin_of(line)
    return out if out.baseline is not None and out.target is not None else None
