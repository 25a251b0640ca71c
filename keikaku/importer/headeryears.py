"""Years a spaced table prints for its value columns apart from the value words.

Two arrangements of a progress table (進行管理) flattened into spaced lines:

- under the header, the bare years a 実績値 cell spans and, on their sides, the bracketed year of
  each other value word (``指標名 基準値 実績値 目標値`` over ``R3 R4 R5 (R12)``): the bare years are
  the actuals' columns, a bracketed year dates the value column on its side of them, and a value
  column with no year over it stays undated (``bare_span``);
- a column of the years of one role's figure (``基準年度 基準値``, words in ``[role_years]`` of
  ``lexicon/headers.toml``) whose cells (``H25``, ``R元``, ``2015年度``) each row prints right after its
  name: the year of that row's figure, no cell of the table (``cut_role_years``; rows printing bare
  four-digit years there are left to the table's own reading).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from keikaku.importer.actualfirst import columns_by_year
from keikaku.importer.lexicon import fold_key, role_year_words
from keikaku.importer.normalize import Line, make_line, origin_of
from keikaku.importer.roleheader import dated_columns
from keikaku.importer.values import parse_year

if TYPE_CHECKING:
    from keikaku.importer.tables import Column

_YEAR = r"(?:(?:明治|大正|昭和|平成|令和)(?:元|[0-9０-９]{1,2})年?度?|[HRSＨＲＳ]\.?(?:元|[0-9０-９]{1,2})|[0-9０-９]{4}年度?)"
_NAMED = re.compile(r"[ぁ-んァ-ヶ一-龥]")
# a row's name, then its role-year cells, then its first figure
_ROW_YEARS = re.compile(rf"(?<=\S)(\s+{_YEAR}(?:\s+{_YEAR})*)(?=\s+[△▲-]?[0-9０-９])")


def bare_span(year_lines: list[Line], era: str | None, token: re.Pattern[str]) -> tuple[list[int], list[int], list[int]] | None:
    """The years under a header (found by ``token``) as (a run of two or more bare years, the bracketed
    years before it, the bracketed years after it), when both kinds are printed and the bare ones stand
    together; else None."""
    marked: list[tuple[int | None, bool]] = []
    for line in year_lines:
        for m in token.finditer(line.key):
            bracketed = line.key[:m.start()].rstrip().endswith("(") and line.key[m.end():].lstrip().startswith(")")
            marked.append((parse_year(m.group(0), default_era=era), bracketed))
    bare = [k for k, (_, b) in enumerate(marked) if not b]
    if len(bare) < 2 or len(bare) == len(marked) or bare != list(range(bare[0], bare[-1] + 1)):
        return None
    years = [y for y, _ in marked]
    if any(y is None for y in years):
        return None
    return ([y for y, b in marked if not b], years[:bare[0]], years[bare[-1] + 1:])  # type: ignore[misc]


def without_role_years(header: Line) -> Line:
    """The header line without its role-year cells, whose years the rows' lines no longer hold."""
    words = role_year_words()
    text = " ".join(c for c in header.text.split() if fold_key(c) not in words)
    return make_line(text, header.index, header.page, None, header.source)


def role_year_roles(header: Line) -> list[str]:
    """The roles whose years the header's role-year columns give, in order."""
    words = role_year_words()
    return [words[key] for c in header.key.split() if (key := fold_key(c)) in words]


def cut_role_years(body: list[Line], roles: list[str], *, era: str | None = None) -> tuple[list[Line], dict[str, dict[str, int]]]:
    """The body's lines without the role-year cells each row prints between its name and its figures,
    and the years they give each role, by the line's origin."""
    out: list[Line] = []
    dated: dict[str, dict[str, int]] = {}
    for line in body:
        m = _ROW_YEARS.search(line.text) if not line.cells else None
        m = m if m is not None and _NAMED.search(line.text[:m.start()]) else None  # a name before them: a row
        years = [parse_year(t if "年" in t else t + "年", default_era=era) for t in (m.group(1).split() if m else [])]
        if m is None or len(years) != len(roles) or any(y is None for y in years):
            out.append(line)
            continue
        dated[str(origin_of(line))] = dict(zip(roles, years))  # type: ignore[arg-type]
        out.append(make_line(line.text[:m.start()] + line.text[m.end(1):], line.index, line.page, None, line.source))
    return out, dated


def dated_by_year_lines(columns: list[Column], header: list[Line], era: str | None, token: re.Pattern[str]) -> list[Column]:
    """The header's columns dated by its lines of years only (under the value words, or under one 実績値
    that spans them, or standing for actual columns the header line left out)."""
    from keikaku.importer.tables import Column  # noqa: PLC0415 - the columns' own module imports this one

    year_lines = [ln for ln in header[1:] if token.sub("", ln.key).strip(" ()") == ""]
    under = _years_under_words(columns, header, token, era) if year_lines else None
    if under:
        return [Column(c.role, under[i]) if i in under else c for i, c in enumerate(columns)]
    if year_lines:
        years = [parse_year(m.group(0), default_era=era) for ln in year_lines for m in token.finditer(ln.key)]
        valued = [i for i, c in enumerate(columns) if c.role in ("baseline", "target", "interim", "actual") and c.year is None]
        actual = [i for i in valued if columns[i].role == "actual"]
        spanned = bare_span(year_lines, era, token)
        if len(years) > len(valued) and len(actual) == 1 and spanned is not None:
            # 実績値 over bare years (R3 R4 R5), the other value words each over a bracketed one ((R12)):
            # the bare years are the actuals', a bracketed one dates the column on its side of them
            k = actual[0]
            run, before, after = spanned
            dated = {i: y for i, y in zip(reversed([i for i in valued if i < k]), reversed(before))}
            dated |= {i: y for i, y in zip([i for i in valued if i > k], after)}
            columns = [Column(c.role, dated[i]) if i in dated else c for i, c in enumerate(columns)]
            columns = columns[:k] + [Column("actual", y) for y in run] + columns[k + 1:]
            valued, years = [], []
        elif len(years) > len(valued) and len(actual) == 1 and (ordered := _actual_first(columns, valued, years)) is not None:
            columns, valued, years = ordered, [], []
        elif len(years) > len(valued) and len(actual) == 1:
            # one 実績値 cell spanning the years printed under it: a column per year
            k = actual[0]
            others = [i for i in valued if i != k]
            spread = len(years) - len(others)
            before = len([i for i in others if i < k])
            extra = [Column("actual", y) for y in years[before:before + spread]]
            rest = years[:before] + years[before + spread:]
            columns = columns[:k] + extra + columns[k + 1:]
            valued = [i for i, c in enumerate(columns) if c.role in ("baseline", "target", "interim") and c.year is None]
            years = rest
        elif len(years) > len(valued) and not actual and not valued and all(y is not None for y in years):
            # years under an upper cell printed on its own line (実績値 over 令和3-5年度), the columns
            # themselves missing from the header line: they sit before the first later dated column
            later = next((i for i, c in enumerate(columns) if c.year is not None and c.year > max(years)), len(columns))
            columns = columns[:later] + [Column("actual", y) for y in years] + columns[later:]
            years = []
        valued = dated_columns(valued, [columns[i].role for i in valued], len(years), header)
        for i, year in zip(valued, years):
            columns[i] = Column(columns[i].role, year)
    return columns


def _actual_first(columns: list[Column], valued: list[int], years: list[int | None]) -> list[Column] | None:
    """The three value columns of a header whose actual word is printed before the baseline and
    target words (``actualfirst.py``), laid out by their years; None for any other header."""
    from keikaku.importer.tables import Column  # noqa: PLC0415 - the columns' own module imports this one

    first = valued[0] if valued else -1
    if valued != list(range(first, first + len(valued))):
        return None
    ordered = columns_by_year([columns[i].role for i in valued], years)
    if ordered is None:
        return None
    return columns[:first] + [Column(role, year) for role, year in ordered] + columns[first + len(valued):]


def _years_under_words(columns: list[Column], header: list[Line], token: re.Pattern[str], era: str | None) -> dict[int, int] | None:
    """A header printed one cell a line (``基準値`` / ``実績値`` / ``目標値`` / ``(2010年)``):
    each line of one year dates the value word on the line right above it. The word lines are the
    columns in order, a first column (the names') maybe without one; None when the header is not
    printed so."""
    def year_only(line: Line) -> bool:
        return token.sub("", line.key).strip(" ()") == ""

    words = [k for k, line in enumerate(header) if not year_only(line)]
    offset = len(columns) - len(words)
    if offset not in (0, 1) or any(" " in header[k].key for k in words):
        return None
    column_of = {k: n + offset for n, k in enumerate(words)}
    dated: dict[int, int] = {}
    for k, line in enumerate(header):
        if not year_only(line):
            continue
        years = [parse_year(m.group(0), default_era=era) for m in token.finditer(line.key)]
        i = column_of.get(k - 1)
        if i is None or len(years) != 1 or years[0] is None or columns[i].year is not None \
                or columns[i].role not in ("baseline", "target", "interim", "actual"):
            return None
        dated[i] = years[0]
    return dated or None
