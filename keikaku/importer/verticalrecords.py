"""Indicators listed down the page, each field's word on a line of its own over its content.

A measure page may print its indicators not as a table but as one record after another, every
header word alone on its line and the cell under it on the next::

    指標名
    公民館講座の年間受講者数
    現状値
    3,215人（令和2年度）
    目標値
    4,000人（令和8年度）

A record opens at a line that is only a name word of ``lexicon/headers.toml`` (指標名, KPI) and
takes the next line as its name; then each line that is only a value word (現状値, 目標値,
実績値, 中間目標: a year in the word, 目標値（令和8年度）, dates its figure) gives the next line
its role (an actual word over a run of years each with its figure, 実績の推移 / R3: 85.0% → R4: 86.2%,
gives one actual a year); a unit or direction word its line likewise; a role's year word (基準年度,
目標年度: ``[role_years]`` of ``lexicon/headers.toml``) over a year alone dates that role's figure. A small table of years under a record (年度,
the years one per line, a value word, as many figures) gives each figure its year. Any other line
ends the record. Read only when at least two records hold a figure each, or one holds a baseline,
a target and actuals by year, so a lone heading over a table gives nothing.
"""

from __future__ import annotations

from keikaku.importer.labelled import year_runs
from keikaku.importer.lexicon import fold_key, header_words, role_year_words, trend_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year, parse_year_in

FIELD_ROLES = ("baseline", "target", "actual", "interim", "unit", "direction")
MAX_NAME = 60  # characters of a name line


def _word(line: Line) -> tuple[str | None, int | None]:
    """The role of a line that is only a header word (maybe with a year), and that year."""
    rest, year = parse_year_in(line.key)
    key = fold_key(rest)
    if key in trend_words():
        return trend_words()[key], year  # a trend word (lexicon [trend_words]) over its years and figures
    lex = header_words()
    role = lex.role_of(rest)
    if role is None or key not in lex.words(role):
        return None, None
    return role, year


def vertical_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The indicators of records printed one field word and one content line after another."""
    rows: list[IndicatorRow] = []
    row: IndicatorRow | None = None
    i = 0
    while i < len(lines) - 1:
        role, year = _word(lines[i])
        content = lines[i + 1]
        if role == "name" and _word(content)[0] is None and len(content.key) <= MAX_NAME \
                and parse_quantity(content.key).kind == "word":
            row = IndicatorRow(name="", origin=origin_of(content))
            set_name(content.text, row)
            rows.append(row)
            i += 2
        elif row is not None and (block := _year_block(lines, i)) is not None:
            cells, used = block
            for year, role, line in cells:
                put_value(row, role, year, line.text, origin=origin_of(line))
            i += used
        elif row is not None and (dated := role_year_words().get(fold_key(lines[i].key))) and (year := _bare_year(content)):
            setattr(row, f"{dated}_year", year)  # 基準年度 over 令和元年度: the year of the record's baseline
            i += 2
        elif row is not None and role in FIELD_ROLES and _word(content)[0] is None:
            runs = year_runs(content.text) if role in ("actual", "interim") and year is None else []
            for one_year, figure in runs:  # a trend (R3: 85.0% → R4: 86.2%): one figure a year
                put_value(row, role, parse_year(one_year), figure, origin=origin_of(content))
            if not runs:
                put_value(row, role, year, content.text, origin=origin_of(content))
            i += 2
        else:
            row = None
            i += 1
    read = [r for r in rows if r.name and (r.baseline is not None or r.target is not None or r.actuals)]
    for r in read:
        infer(r)
    return read if len(read) >= 2 or (len(read) == 1 and _whole(read[0])) else []


def _whole(row: IndicatorRow) -> bool:
    """A record with a baseline, a target and actuals by year: an indicator even alone, never a heading."""
    return all(q is not None and q.kind == "number" for q in (row.baseline, row.target)) and len(row.actuals) >= 2


def _year_block(lines: list[Line], i: int) -> tuple[list[tuple[int, str, Line]], int] | None:
    """A record's small table of years: a line of years' word (年度) or none, the years one per line,
    a value word (実績値) and as many figures one per line: each figure with its year and the word's role."""
    k = i + (fold_key(lines[i].key) in _YEAR_WORDS)
    years: list[int] = []
    while k < len(lines) and (year := _bare_year(lines[k])) is not None:
        years.append(year)
        k += 1
    if len(years) < 2 or k >= len(lines):
        return None
    role, year = _word(lines[k])
    if role not in ("actual", "target", "interim") or year is not None:
        return None
    figures = lines[k + 1:k + 1 + len(years)]
    if len(figures) < len(years) or any(parse_quantity(f.text).kind != "number" for f in figures):
        return None
    return [(y, role, f) for y, f in zip(years, figures)], k + 1 + len(years) - i


_YEAR_WORDS = frozenset({"年度", "年", "区分"})


def _bare_year(line: Line) -> int | None:
    """The year of a line that is a year alone (令和3年度, R3, 2021年度)."""
    rest, year = parse_year_in(line.key)
    return year if year is not None and not fold_key(rest).strip("()（）") else None
