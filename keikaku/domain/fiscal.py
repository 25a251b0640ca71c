"""Fiscal years named the Japanese way: 2021 → 令和3年度, shown as 令和3年度 (2021) or R3 on an axis."""

from __future__ import annotations

from datetime import date

# The fiscal years a plan may name: from the first era keikaku names to a horizon no plan reaches.
FIRST_YEAR, LAST_YEAR = 1868, 2200

# (first fiscal year named by the era, the era's first calendar year (元年), name, initial). A fiscal
# year takes the era in force for most of it: FY1926 is 大正15年度, FY2019 is 令和元年度.
ERAS = (
    (2019, 2019, "令和", "R"), (1989, 1989, "平成", "H"), (1927, 1926, "昭和", "S"),
    (1912, 1912, "大正", "T"), (1868, 1868, "明治", "M"),
)


def _era(year: int) -> tuple[str, str, str]:
    """(name, initial, year within the era); ("", "", "1867") before Meiji."""
    for first_fy, gannen, name, initial in ERAS:
        if year >= first_fy:
            return name, initial, "元" if year == gannen else str(year - gannen + 1)
    return "", "", str(year)


def era_label(year: int) -> str:
    """2021 → 令和3年度, 2019 → 令和元年度, 1988 → 昭和63年度."""
    name, _, n = _era(year)
    return f"{name}{n}年度"


def era_short(year: int) -> str:
    """2021 → R3, 2019 → R元, 2018 → H30 (for chart axes)."""
    _, initial, n = _era(year)
    return f"{initial}{n}"


def fiscal_year_ja(year: int) -> str:
    """2021 → 令和3年度 (2021)."""
    return f"{era_label(year)} ({year})"


def fiscal_year_of(day: date | None = None) -> int:
    """The Japanese fiscal year (April to March) that ``day`` (default: today) falls in: 2027-03-31 → 2026."""
    day = day or date.today()
    return day.year if day.month >= 4 else day.year - 1


_ERA_BY_WORD = {word: gannen for _first, gannen, name, initial in ERAS for word in (name, initial)}


def fiscal_year_named(word: str) -> int | None:
    """The fiscal year a word of a search names, or None: 令和6年度, 令和6年, 令和元年度, R6, R6年度,
    H30, 2024年度, FY2024 (full-width letters and digits alike); a bare number names none."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", word).strip().upper()
    found = re.fullmatch(r"(令和|平成|昭和|大正|明治|[RHSTM])\s*(\d{1,2}|元)\s*(?:年度?)?", text)
    if found:
        era, n = found.groups()
        year = _ERA_BY_WORD[era] + (0 if n == "元" else int(n) - 1)
    else:
        found = re.fullmatch(r"(?:FY\s*(\d{4})(?:年度)?|(\d{4})\s*年度)", text)
        if not found:
            return None
        year = int(found.group(1) or found.group(2))
    return year if FIRST_YEAR <= year <= LAST_YEAR else None
