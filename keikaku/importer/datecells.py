"""Cells that print a date (an Excel date cell, 2022-03-31; 令和4年3月31日; 2021/10/1) and the
fiscal year they fall in: a date from January to March belongs to the fiscal year before
(2022-03-31 closes fiscal 2021). A column of a table whose cells are all dates or years under a
value word (基準 | 基準日, 目標値 | 目標時期, 現状値 over 値 | 時点) gives the year of the figure
beside it.
"""

from __future__ import annotations

import re

from keikaku.importer.values import normalize_width, parse_year, parse_year_in

_WESTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*(?:現在|末|時点)?$")
_ERA = re.compile(r"^(.{1,3}?\s*(?:元|\d{1,2})\s*年)\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?\s*(?:現在|末|時点)?$")


def date_fiscal_year(text: str) -> int | None:
    """The fiscal year of a cell that is a date with its month, else None."""
    t = normalize_width(text or "").strip()
    if not t or len(t) > 24:
        return None
    if (m := _WESTERN.match(t)) is not None:
        year, month = int(m.group(1)), int(m.group(2))
    elif (m := _ERA.match(t)) is not None and (found := parse_year(m.group(1))) is not None:
        year, month = found, int(m.group(2))
    else:
        return None
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return year - 1 if month <= 3 else year


def time_cell_year(text: str, *, era: str | None = None) -> int | None:
    """The year a cell of a column of times names: a date's fiscal year, or a year alone (令和4年度)."""
    fiscal = date_fiscal_year(text)
    if fiscal is not None:
        return fiscal
    rest, year = parse_year_in(text, default_era=era)
    return year if year is not None and not rest.strip(" ()（）") else None


def is_time_column(texts: list[str], *, era: str | None = None) -> bool:
    """Whether the body cells of a column (its non-empty ones, one at least) all name a time."""
    filled = [t for t in texts if t and t.strip()]
    return bool(filled) and all(time_cell_year(t, era=era) is not None for t in filled)
