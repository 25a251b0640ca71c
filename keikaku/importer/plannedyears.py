"""Bare years after a baseline column, with no role word over them: the plan's yearly figures.

An implementation plan heads its table with the baseline and then the years it plans, no word
saying what the years hold (spaces as printed):

    指標名      単位   現状値(R5)   R6     R7     R8

Each year is a planned figure, the last the target (計画値(R8)); the earlier ones are read as
interim targets. Only a run of two years or more, rising, right after the baseline, in a header
naming no target, interim or actual column, is read so; a year column elsewhere keeps its reading.
"""

from __future__ import annotations

from keikaku.importer.lexicon import header_words
from keikaku.importer.values import parse_year_in

MIN_YEARS = 2
_PLAN_WORD = "計画値"  # a header word of the target role


def _bare_year(cell: str, era: str | None) -> int | None:
    rest, year = parse_year_in(cell, default_era=era)
    return year if year is not None and not rest.strip(" ()（）") else None


def plans_after_baseline(cells: list[str], era: str | None = None) -> list[str]:
    """``cells`` with a run of bare years right after the baseline word read as plan columns."""
    lex = header_words()
    roles = [lex.role_of(parse_year_in(c, default_era=era)[0]) if _bare_year(c, era) is None else None for c in cells]
    if any(r in ("target", "interim", "actual") for r in roles) or roles.count("baseline") != 1:
        return cells
    start = roles.index("baseline") + 1
    end = start
    while end < len(cells) and _bare_year(cells[end], era) is not None:
        end += 1
    years = [_bare_year(c, era) for c in cells[start:end]]
    if len(years) < MIN_YEARS or any(b <= a for a, b in zip(years, years[1:])):  # type: ignore[operator]
        return cells
    base = parse_year_in(cells[start - 1], default_era=era)[1]
    if base is not None and base >= years[0]:  # type: ignore[operator]
        return cells
    return [*cells[:start], *(f"{_PLAN_WORD}{c}" for c in cells[start:end]), *cells[end:]]
