"""An indicator table region read every way the engine knows, keeping the reading that understood it best.

The ways: line by line and as a stream of cells (``tables``), as a grid rebuilt from cells one per
line, from real cells or from rows labelled 目標/実績 (``celllist`` → ``grid``), as labelled values (``labelled``), and as
names with their years as column heads (``tables.parse_year_columns``), and as a table emitted column
by column, one cell per line (``columnmajor`` → ``grid``), and as records of one field word and
one content line after another (``verticalrecords``); when none finds a row, as rows printing one
value pair per group (``grouprows``). The best reading has the
most rows with two figures or more, then the fewest names holding placeholders; of two readings
finding the same rows, the one placing more figures (a header spanning year columns that one way
reads and another loses), then dating more (a row of years under the header); on a tie the earlier way wins,
but rows read by a 区分 column's 目標/実績 words win over a reading that names no more. The build stage and the debug output both call this one function.
"""

from __future__ import annotations

import re

from keikaku.importer.namedyears import named_year_rows
from keikaku.importer.celllist import cell_grids, label_grid, pipe_grid
from keikaku.importer.columnmajor import column_grid
from keikaku.importer.flatlabelrows import region_rows as flat_label_region
from keikaku.importer.flatrows import one_line_rows
from keikaku.importer.glued import glued_grids
from keikaku.importer.grid import indicator_rows
from keikaku.importer.grouprows import grouped_rows
from keikaku.importer.labelcolumn import has_row_labels
from keikaku.importer.labelled import labelled_rows
from keikaku.importer.labelpairs import pair_rows
from keikaku.importer.headeryears import cut_role_years, role_year_roles, without_role_years
from keikaku.importer.known import wrapped_head
from keikaku.importer.lexicon import fold_key, header_words, labels_in_name
from keikaku.importer.namedcells import named_cell_grid
from keikaku.importer.normalize import Line
from keikaku.importer.oneline import line_table_rows
from keikaku.importer.pipes import broken_pipe_grid
from keikaku.importer.norows import names_no_row
from keikaku.importer.sieve import sifted_rows
from keikaku.importer.spacedfigures import spaced_figure_rows
from keikaku.importer.stackedrows import without_lower_lines
from keikaku.importer.splitheader import split_header_rows
from keikaku.importer.streamrows import PLACEHOLDER
from keikaku.importer.tables import IndicatorRow, completeness, parse_indicator_table, parse_year_columns
from keikaku.importer.arrowitems import with_current_figures
from keikaku.importer.targetrowpair import with_target_rows
from keikaku.importer.verticalrecords import vertical_rows
from keikaku.importer.yearsdown import years_down_rows


def read_indicator_table(lines: list[Line], *, default_era: str | None = None) -> tuple[list[IndicatorRow], str | None, str]:
    """The rows of an indicator table region, the era its header names, and the name of the reading used."""
    roles = role_year_roles(lines[0]) if lines else []
    body, row_years = cut_role_years(lines[1:], roles, era=default_era) if roles else (lines, {})
    if not row_years:
        return _read_region(lines, default_era=default_era)
    # 基準年度 | 基準値 … over rows printing H25, R元 after their names: the years of those rows' figures
    rows, era, how = _read_region([without_role_years(lines[0])] + body, default_era=default_era)
    for row in rows:
        for role, year in row_years.get(str(row.origin), {}).items():
            setattr(row, f"{role}_year", year)
    return rows, era, how


def _read_region(lines: list[Line], *, default_era: str | None = None) -> tuple[list[IndicatorRow], str | None, str]:
    rows, era = parse_indicator_table(lines, default_era=default_era)
    best, how = rows, "lines"
    if (split := split_header_rows(lines)) and completeness(split) >= completeness(rows):
        best, how = split, "years above the rows, role words after them"  # the rows' figures dated by the split header
    if (spaced := sifted_rows(spaced_figure_rows(lines))) and completeness(spaced) > completeness(sifted_rows(best)):
        best, how = spaced, "figures letter-spaced under letter-spaced years"  # the other readings split their figures
    grid = pipe_grid(lines)
    labelled = label_grid(lines)
    readings = (
        ("cells one per line", lambda: [r for g in cell_grids(lines) for r in indicator_rows(g, default_era=default_era)]),
        ("cells", lambda: indicator_rows(grid, default_era=default_era) if grid is not None else []),
        ("cells one per line, rows by their names", lambda: indicator_rows(g, default_era=default_era) if (g := named_cell_grid(lines)) else []),
        ("pipe rows broken over lines", lambda: indicator_rows(g, default_era=default_era) if (g := broken_pipe_grid(lines)) else []),
        ("rows labelled 目標/実績", lambda: indicator_rows(labelled, default_era=default_era) if labelled is not None else []),
        ("labelled values", lambda: labelled_rows(lines)),
        ("names with their labelled figures a slash apart", lambda: pair_rows(lines)),
        ("years as column heads", lambda: parse_year_columns(lines)),
        ("a name over a table of years", lambda: named_year_rows(lines)),
        ("cells run together", lambda: [r for g in glued_grids(lines) for r in indicator_rows(g, default_era=default_era)]),
        ("one line, cells by form", lambda: one_line_rows(lines, default_era=default_era)),
        ("runs labelled 実績/目標 under year columns", lambda: flat_label_region(lines)),
        ("one line, cells glued or columns in turn", lambda: line_table_rows(lines, default_era=default_era)),
        ("columns one after another", lambda: indicator_rows(g, default_era=default_era) if (g := column_grid(lines, default_era=default_era)) else []),
        ("fields one under another", lambda: vertical_rows(lines)),
        ("indicators across, years down", lambda: years_down_rows(lines)),
        ("rows over a line of their lower figures", lambda: parse_indicator_table(lower, default_era=default_era)[0]
         if (lower := without_lower_lines(lines)) is not lines else []),
    )
    score = completeness(best) if sifted_rows(best) else completeness([])  # rows that all name nothing place nothing
    partial: tuple[int, list[IndicatorRow], str] = (0, [], how)  # rows of one figure each, the most placed
    for name, read in readings:
        other = sifted_rows(read())  # rows named by a label, a date or a figure are none
        mark = completeness(other)
        if mark > score or (mark == score and other and _same_names(other, best) and _more_placed(other, best)) or (
                mark == score and _units_apart(other, best)) or (
                mark == score and _mends_names(other, best)) or (
                name == "rows labelled 目標/実績" and _follows_labels(other, sifted_rows(best))) or (
                name == "cells one per line" and _beats_named(other, best)) or (
                name == "cells" and how == "lines" and grid is not None and has_row_labels(grid) and _follows_labels(other, sifted_rows(best))):
            best, how, score = other, name, mark
        if _placed(other) > partial[0] and all(r.name and not labels_in_name(r.name) for r in other):
            partial = (_placed(other), other, name)
    if not best and (grouped := grouped_rows(lines, default_era=default_era)):
        best, how = grouped, "values per group"
    if score[0] == 0 and partial[0] > _placed(best):
        _, best, how = partial  # no reading found two figures in a row (a KPI's target alone): the one placing most
    best = with_current_figures(with_target_rows(best), lines)  # 目標数 over 職員数; 現状値 after base→target
    return [r for r in sifted_rows(best) if not labels_in_name(r.name)], era, how  # labels read into a name: no row


def _beats_named(other: list[IndicatorRow], best: list[IndicatorRow]) -> bool:
    """Whether ``other`` reads more whole rows than ``best`` once ``best``'s rows that name nothing (money
    rows run together, 事業費人件費) are set aside, or the same rows placing more figures: a table printed
    one cell per line whose money rows below made the line reading look fuller."""
    kept = sifted_rows(best)
    if len(kept) == len(best) or not other or len(_names(other)) < len(_names(kept)):
        return False
    mark, score = completeness(other), completeness(kept)
    return mark > score or (mark == score and _same_names(other, kept) and _more_placed(other, kept))


def _follows_labels(other: list[IndicatorRow], best: list[IndicatorRow]) -> bool:
    """Whether rows read by their 区分 words (目標 / 実績) name all that ``best`` names and place as many
    figures (a row ``best`` named by a wrapped unit alone, ``(件)実績値``, aside): then the labels settle the
    tie, as ``best`` took a target row for actuals."""
    kept = [r for r in best if _bare(r.name) and not _label_run_in(r.name) and not PLACEHOLDER.search(r.name)
            and not _label_run_in("_ " + (r.unit or "")) and not names_no_row(r.unit or "")]  # a label or money word read as the unit
    return (bool(other) and {_bare(n) for n in _names(kept)} <= {_bare(n) for n in _names(other)}
            and _placed(other) >= _placed(kept) and completeness(other) >= completeness(kept))


_UNIT_TAIL = re.compile(r"[(（][^()（）]{1,6}[)）]$")


def _label_run_in(name: str) -> bool:
    """Whether a 区分 word (目標値, 実績値) stands as a word of its own after a name's first: the
    label column read into the name (``…の数 件 目標値``), which the labelled reading places."""
    lex = header_words()
    return any(len(t) <= 4 and lex.role_of(t) in ("target", "actual") for t in name.split(" ")[1:])


def _bare(name: str) -> str:
    """A name without a row's label word run into it and its bracketed unit (…量(g)目標 → …量)."""
    lex = header_words()
    for k in (3, 2):
        if len(name) > k and lex.role_of(name[-k:]) in ("target", "actual") and fold_key(name[-k:]) in lex.words(lex.role_of(name[-k:])):
            name = name[:-k]
            break
    return _UNIT_TAIL.sub("", name)


def _same_names(other: list[IndicatorRow], best: list[IndicatorRow]) -> bool:
    """Whether two readings name the same rows, a name with its unit cell run into it (…面積㎡, the
    unit that ``other`` reads as its own column) or a short cell before it (a measure's code and
    title, ``Ⅲ-5住宅``) being the same name."""
    if _names(other) == _names(best):
        return True
    named = [r for r in other if r.name]
    return len(named) == len(_names(best)) and all(
        b == o.name or (o.unit and b.startswith(o.name) and 0 < len(b) - len(o.name) <= 4 and not re.search(r"\d", b[len(o.name):]))
        or (len(o.name) >= 4 and b.endswith(o.name) and len(b) - len(o.name) <= 12)  # a cell before the name run into it
        for o, b in zip(named, _names(best)))


def _units_apart(other: list[IndicatorRow], best: list[IndicatorRow]) -> bool:
    """Whether ``other`` names the rows ``best`` names, a unit cell that ``best`` ran into a name
    (``…排出量千t-CO2``) being ``other``'s unit column, and places and dates as many figures."""
    named = [r for r in other if r.name]
    pairs = list(zip(named, _names(best)))
    return (bool(named) and len(named) == len(_names(best)) and not _more_placed(best, other)
            and all(b == o.name or (o.unit is not None and fold_key(b) == fold_key(o.name + o.unit)) for o, b in pairs)
            and any(b != o.name for o, b in pairs))


_TAIL_ONLY = re.compile(r"^[のをにがへやとで]")  # a name opening with a particle: the tail of a name broken over lines


def _mends_names(other: list[IndicatorRow], best: list[IndicatorRow]) -> bool:
    """Whether ``other`` names as many rows as ``best``, placing as many figures, and none by a name's tail
    alone (``の割合``) where ``best`` does, or each of its names ends with ``best``'s in the same place and
    one is longer (``た人の割合`` against ``地域の行事に参加した人の割合``): ``best``
    took a wrapped name's second line for a row's name."""
    if len(_names(other)) != len(_names(best)) or _placed(other) < _placed(best):
        return False
    pairs = list(zip(_names(other), _names(best)))
    longer = all(o.endswith(b) and wrapped_head(o[:len(o) - len(b)], b) for o, b in pairs) and any(len(o) > len(b) for o, b in pairs)
    return longer or sum(bool(_TAIL_ONLY.match(n)) for n in _names(other)) < sum(bool(_TAIL_ONLY.match(n)) for n in _names(best))


def _names(rows: list[IndicatorRow]) -> list[str]:
    return [r.name for r in rows if r.name]


def _more_placed(other: list[IndicatorRow], best: list[IndicatorRow]) -> bool:
    """Whether ``other`` places more figures than ``best``, or as many and dates more of them (a row of years under
    the header that one reading keeps and another reads as a row of its own)."""
    return (_placed(other), _dated(other)) > (_placed(best), _dated(best))


def _dated(rows: list[IndicatorRow]) -> int:
    return sum((r.baseline is not None and r.baseline_year is not None) + (r.target is not None and r.target_year is not None)
               for r in rows)


def _placed(rows: list[IndicatorRow]) -> int:
    """The figures the rows hold: of two readings finding the same rows, the one placing more wins."""
    return sum(sum(q is not None and q.kind == "number" for q in (r.baseline, r.target))
               + sum(q.kind == "number" for _, q, _ in r.actuals) + len(r.interim) for r in rows)
