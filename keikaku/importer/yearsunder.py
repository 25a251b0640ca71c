"""A line of bracketed years printed under a row's figures, one under each, in a spaced table.

Text a PDF extractor laid out often prints each value cell of a row over two lines, the figure
and then its year in brackets (``（2013年度）``, ``（令和5年度末）``), so the years stand on a line
of their own right under the row::

    市域の温室効果ガス排出量（千t-CO2）    1,820         1,410         970
                                          （2013年度）  （2022年度）  （2030年度）
    市の事務事業に伴う排出量               24,600        19,800        12,300
    （t-CO2）                             （2013年度）  （2022年度）  （2030年度）

Before lines are collapsed, such a line — two bracketed years or more, maybe opened by the end
of the name cell (a bracketed unit, a name's last words) standing at the name's column — whose
years stand one under each of the row's last figure cells (their printed columns overlap) is
put into the row: each figure takes its year after it (``1,820（2013年度）``), the name its end.
The figures' own reading then dates them, as a year printed after a figure is read anywhere.
"""

from __future__ import annotations

import re

from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of
from keikaku.importer.underjoin import join_under
from keikaku.importer.values import parse_year_in

_FIGURE = re.compile(r"[0-9０-９]")
_BRACKETED = re.compile(r"[(（][^()（）]+[)）]")
_SLACK = 2  # printed columns a year may stand beside its figure
_NAME_SLACK = 4  # printed columns the name's end may open apart from the name


def _bracketed_year(cell: str) -> bool:
    if not _BRACKETED.fullmatch(cell):
        return False
    rest, year = parse_year_in(cell)
    return year is not None and not re.sub(r"[()（）]|年度末|末|時点|現在", "", rest).strip()


def _joined(row: list[tuple[int, int, str]], below: list[tuple[int, int, str]]) -> dict[int, str] | None:
    """The cells of ``row`` that take a piece of ``below`` (cell index → text put after it), or None."""
    return _joined_last(row, below) or _joined_over(row, below)


def _joined_over(row: list[tuple[int, int, str]], below: list[tuple[int, int, str]]) -> dict[int, str] | None:
    """Years each under one figure of a row that goes on after them (a rate, 進捗率, closing it), maybe
    beside the end of its name standing at the name's column (``医師数  （H30）  （R7）  （R4）``)."""
    years = [c for c in below if _bracketed_year(c[2])]
    rest = [c for c in below if not _bracketed_year(c[2])]
    if len(years) < 2 or len(rest) > 1 or (rest and (_FIGURE.search(rest[0][2]) or rest[0][0] > years[0][0])):
        return None
    put = _under_figures(row, years)
    if put is None or not rest:
        return put
    names = [k for k, (s, _, _) in enumerate(row) if k < min(put) and abs(s - rest[0][0]) <= _NAME_SLACK]
    if len(names) != 1:
        return None
    put[names[0]] = rest[0][2]
    return put


def _joined_last(row: list[tuple[int, int, str]], below: list[tuple[int, int, str]]) -> dict[int, str] | None:
    years = [c for c in below if _bracketed_year(c[2])]
    rest = [c for c in below if not _bracketed_year(c[2])]
    if years and not rest and (len(years) == 1 or len(row) < len(years) + 1):
        return _under_figures(row, years)
    if len(years) < 2 or len(rest) > 1 or len(row) < len(years) + 1:
        return None
    if rest and (rest[0][0] > years[0][0] or abs(rest[0][0] - row[0][0]) > _NAME_SLACK or _FIGURE.search(rest[0][2])
                 and not _BRACKETED.fullmatch(rest[0][2])):
        return None
    figures = row[len(row) - len(years):]
    if _FIGURE.search(row[0][2]) and parse_year_in(row[0][2])[1] is not None or len(row) - len(years) < 1:
        return None
    put: dict[int, str] = {}
    for k, ((s, e, cell), (ys, ye, year)) in enumerate(zip(figures, years)):
        if not _FIGURE.search(cell) or parse_year_in(cell)[1] is not None:
            return None
        if min(e, ye) - max(s, ys) <= -_SLACK:
            return None
        put[len(row) - len(years) + k] = year
    if rest:
        put[0] = rest[0][2]
    return put


def _under_figures(row: list[tuple[int, int, str]], years: list[tuple[int, int, str]]) -> dict[int, str] | None:
    """Years standing each under a figure cell of the row other than its last ones (a target's year
    under it, the baseline printed as a dash with none): each goes after the figure it overlaps."""
    put: dict[int, str] = {}
    for ys, ye, year in years:
        under = [k for k, (s, e, cell) in enumerate(row) if k > 0 and min(e, ye) - max(s, ys) > 0]
        if len(under) != 1 or under[0] in put:
            return None
        cell = row[under[0]][2]
        if not _FIGURE.search(cell) or parse_year_in(cell)[1] is not None:
            return None
        put[under[0]] = year
    figures = sum(bool(_FIGURE.search(c)) for _, _, c in row[1:])
    return put if figures >= 2 and not (_FIGURE.search(row[0][2]) and parse_year_in(row[0][2])[1] is not None) else None


def join_years_under(doc: RawDocument) -> RawDocument:
    """``doc`` with every line of years under a row's figures put into that row."""
    return join_under(doc, _with_years)


def _with_years(line: RawLine, above: RawLine) -> str | None:
    """The text of ``above`` with the years of ``line`` each after its figure; or None."""
    if "|" in line.text or "|" in above.text or not line.text.strip() or not above.text.strip():
        return None
    row = cells_of(above.text)
    put = _joined(row, cells_of(line.text))
    if put is None:
        return None
    text, at = above.text, 0
    pieces = []
    for k, (_, _, cell) in enumerate(row):
        end = text.index(cell, at) + len(cell)
        pieces.append(text[at:end] + put.get(k, ""))
        at = end
    return "".join(pieces) + text[at:]
