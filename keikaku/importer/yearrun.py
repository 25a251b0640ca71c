"""A header of bare fiscal years closed by an undated target word: a progress table's columns.

A strategy's progress sheet often heads its table with the years it reports and the target's year,
then the target word alone (spaces as printed):

    指標 単位 H26 H27 H28 H31 目標値 達成度

Each row then prints one figure per year. The year right before the target word is the target's
year (``目標値 H31``), and when the header names no baseline column, the first year is the figure
the plan started from (its baseline); the years between are the actuals. Only a run of three years
or more, rising, and a header without another baseline, interim or actual word is read so.
"""

from __future__ import annotations

from keikaku.importer.lexicon import header_words
from keikaku.importer.values import parse_year_in

MIN_YEARS = 3  # the first year, an actual at least, and the target's year


def _bare_year(cell: str, era: str | None) -> int | None:
    rest, year = parse_year_in(cell, default_era=era)
    return year if year is not None and not rest.strip(" ()（）") else None


def target_after_years(cells: list[str], era: str | None = None) -> list[str]:
    """``cells`` with a run of bare years closed by an undated target word read as baseline, actuals and target."""
    lex = header_words()
    roles = [lex.role_of(c) if _bare_year(c, era) is None else None for c in cells]
    if any(r in ("baseline", "interim", "actual") for r in roles):
        return cells
    for k, cell in enumerate(cells):
        if roles[k] != "target" or parse_year_in(cell, default_era=era)[1] is not None:
            continue
        start = k
        while start > 0 and _bare_year(cells[start - 1], era) is not None:
            start -= 1
        years = [_bare_year(c, era) for c in cells[start:k]]
        if len(years) < MIN_YEARS or any(b <= a for a, b in zip(years, years[1:])):  # type: ignore[operator]
            return cells
        baseline = lex.words("baseline")[0]
        return [*cells[:start], f"{baseline} {cells[start]}", *cells[start + 1:k - 1], f"{cell} {cells[k - 1]}", *cells[k + 1:]]
    return cells
