"""Readings of the whole document, after the blocks have been read, in the order they run.

Each finds indicators in a layout the table regions do not read (sheets one cell per line,
label rows, goal sentences …; each module's doc says which) and gives only those whose names no
earlier reading found. Some read every line, others only the lines of regions where no table
reading understood a row (``untabled``), so a table already read is not read again.

Most readings find nothing in most documents. Each may have a *trigger*: a pattern that the
document's text (its lines' keys, one per line) must hold somewhere for the reading to find
anything — a necessary condition taken from the reading's own rules (a header word, a closing
word, a bracketed mark …), its words taken from the lexicon where the reading takes them from
there. A document whose text the trigger does not match is not given to the reading, and the
reading's module is imported only when a document is first given to it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from functools import cache

from keikaku.importer import triggers as t
from keikaku.importer.datedabove import dated_above_actuals
from keikaku.importer.known import read_again
from keikaku.importer.milestoneactual import milestone_actuals
from keikaku.importer.normalize import Line
from keikaku.importer.notedbase import noted_baselines
from keikaku.importer.overcolumns import over_columns
from keikaku.importer.reviewsheets import review_actuals
from keikaku.importer.stackedrows import stacked_actuals
from keikaku.importer.tables import IndicatorRow

Reading = Callable[..., list[IndicatorRow]]
ALL, UNTABLED = "all", "untabled"  # the lines a reading is given
GUARDS = True  # whether triggers are searched (off, every reading reads every document: the same rows)

# A trigger: a pattern's source, or several that must all match, or a function giving them (built
# from the lexicon), or None for a reading that reads every document.
Trigger = str | tuple[str, ...] | Callable[[], str | tuple[str, ...]] | None

# (module of keikaku.importer, reading, its lines, its trigger). Every reading but stated_targets
# takes the names found so far (known=); stated_targets takes the rows, whose goals it may complete.
READINGS: tuple[tuple[str, str, str, Trigger], ...] = (
    ("plainblocks", "plain_block_rows", ALL, r"(?m)^\S{0,8}(?:指標|KPI|項目)\S{0,4}$"),
    ("pagedacross", "paged_across_rows", ALL, t.name_and_value_heads),
    ("rowgroups", "row_group_rows", ALL, t.name_and_value_heads),
    ("numberedgroups", "numbered_group_rows", ALL, (r"(?m)^1 \S[^\n]*\n(?:[^\n]*\n){0,3}2 \S",
                                                   r"(?m)^[0-9][0-9,.]* (?:令和|平成|R|H|[0-9]{4})")),
    ("overcolumns", "over_column_rows", ALL, r"(?m)^[0-9][0-9,.]*%? [^\n]*[0-9][^\n]*\n[0-9][0-9,.]*%? "),
    ("spacedfigures", "spaced_figure_rows", ALL, r"[0-9](?<!\S[0-9]) [0-9] ?(?:年度|年(?!\S))"),
    ("labelafter", "label_after_rows", ALL, t.short_value_label),
    ("flatlabelrows", "flat_label_rows", ALL, t.evaluated_year),
    ("cellsheet", "sheet_rows", ALL, None),
    ("pairedyears", "paired_year_rows", ALL, t.paired_header),
    ("flatsheet", "flat_sheet_rows", ALL, None),
    ("namelast", "name_last_rows", ALL, None),
    ("unitfirst", "unit_first_rows", ALL, r"(?m)^(?=[^\n]*単\s?位)(?:[^\n ]* ){11}"),
    ("unitline", "unit_line_rows", ALL, None),
    ("blockcols", "block_column_rows", ALL, None),
    ("labelrows", "label_row_sheets", ALL, None),
    ("formpipes", "form_pipe_rows", ALL, r"\|"),
    ("timedpipes", "timed_pipe_rows", ALL, t.time_cell),
    ("namesapart", "names_apart_rows", ALL, r"(?m)^[^\S\n]*\S[^\n]{0,6}(?:年度|年次|時点)\S[^\S\n]*$"),
    ("letteredrows", "lettered_rows", ALL, r"(?m)^[^\S\n]*A[^\S\n]*$"),
    ("labelrecords", "label_record_rows", ALL, None),
    ("goalblocks", "goal_block_rows", ALL, t.goal_heading),
    ("bulletnames", "bullet_name_rows", ALL, None),
    ("circlednames", "circled_name_rows", ALL, r"[①-⑳]"),
    ("planresult", "plan_result_rows", ALL, t.plan_result_header),
    ("blankcells", "blank_cell_rows", UNTABLED, None),
    ("slotnames", "slot_name_rows", ALL, None),
    ("letteritems", "letter_item_rows", UNTABLED, None),
    ("declared", "declared_rows", UNTABLED, t.declaring_end),
    ("yearsdown", "years_down_rows", ALL, t.years_down_header),
    ("figures", "labelled_figure_rows", UNTABLED, t.labelled_figure),
    ("achieved", "achieved_rows", UNTABLED, t.achieved_phrase),
    ("statedtargets", "stated_targets", ALL, None),
    ("statedspans", "stated_spans", UNTABLED, r"年\s*(?:度\s*)?(?:末\s*)?(?:の|:)\s*[0-9]"),
    ("yearfirst", "year_first_rows", UNTABLED, None),
    ("yeartarget", "year_target_rows", UNTABLED, t.year_first_target),
    ("listedspans", "listed_spans", UNTABLED, r"か[^\S\n]*ら[^\S\n]*[0-9][^\n]*?か[^\S\n]*ら[^\S\n]*[0-9]"),
    ("datedblocks", "dated_block_rows", UNTABLED, t.dated_groups),
    ("datedlist", "dated_list_rows", UNTABLED, None),
    ("fieldentries", "field_entry_rows", UNTABLED, None),
    ("reviewsheets", "year_run_rows", ALL, None),
    ("namedyears", "named_year_rows", ALL, t.name_line),
    ("yearheader", "year_header_rows", ALL, t.year_cells),
    ("markedrows", "marked_rows", ALL, t.marked_row),
    ("wordnamed", "word_named_rows", ALL, t.word_named),
    ("twodates", "two_date_rows", ALL, t.two_dates),
    ("sourcedyear", "source_dated_rows", UNTABLED, None),
    ("captioned", "captioned_rows", ALL, None),
    ("pairbelow", "pair_below_rows", ALL, None),
    ("arrowbelow", "arrow_below_rows", ALL, r"(?m)^[0-9０-９△▲][^\n]{0,30}?[→⇒➡][^\n]{0,30}$"),
    ("supplyrows", "supply_rows", ALL, t.supply_label),
    ("workload", "work_load_rows", ALL, t.work_load_header),
    ("headercells", "header_cell_rows", ALL, t.header_cell_line),
    ("keyedrows", "keyed_rows", ALL, None),
    ("baselast", "base_last_rows", ALL, None),
    ("labelblocks", "label_block_rows", ALL, None),
    ("periodgroups", "period_group_rows", ALL, None),
    ("carriedheader", "carried_header_rows", ALL, None),
    ("circledruns", "circled_run_rows", UNTABLED, r"①[^\n]*②[^\n]*[0-9]"),
    ("yearrowcells", "year_row_cell_rows", UNTABLED, (r"(?m)^(?:年度|年次)$", r"(?m)^(?:平成|令和|昭和|[0-9]{2})\S{0,3}年度?$")),
    ("ratedcells", "rated_cell_rows", UNTABLED, r"(?m)^[0-9][0-9,.]*[^\n0-9]{0,4}\n[0-9][0-9,.]*[^\n0-9]{0,4}\n[0-9][0-9.]*\s?%$"),
)


@cache
def reading(module: str, name: str) -> Reading:
    """The reading ``name`` of ``keikaku.importer.<module>``, its module imported on first use."""
    return getattr(importlib.import_module(f"keikaku.importer.{module}"), name)


@cache
def trigger(name: str) -> tuple[re.Pattern[str], ...]:
    """The compiled patterns of the reading ``name``'s trigger, all of which a document's text must
    match for the reading to be given it (none: the reading reads every document)."""
    source = {reading_name: given for _, reading_name, _, given in READINGS}[name]  # KeyError: no such reading
    if callable(source):
        source = source()
    if source is None:
        return ()
    return tuple(re.compile(s) for s in ((source,) if isinstance(source, str) else source))


def document_text(lines: Sequence[Line]) -> str:
    """The text triggers are searched in: the lines' keys, one per line."""
    return "\n".join(ln.key for ln in lines)


def fires(name: str, text: str) -> bool:
    """Whether the reading ``name`` is given a document of ``text``: its trigger matches (or it has
    none, or the triggers are off)."""
    return not GUARDS or all(pattern.search(text) is not None for pattern in trigger(name))


def whole_document_rows(lines: Sequence[Line], tables_read: set[int], found: Sequence[IndicatorRow]) -> list[IndicatorRow]:
    """The rows every reading adds to ``found`` (the rows read so far), in order; then the actuals
    a review sheet prints apart are given to every row (``review_actuals``), and those printed beside
    a dated milestone (``milestone_actuals``) or dated above a row's baseline and target (``dated_above_actuals``)."""
    every = list(lines)
    untabled = [ln for ln in every if ln.index not in tables_read]
    text = document_text(every)
    rows = list(found)
    added: list[IndicatorRow] = []
    for module, name, scope, _ in READINGS:
        if not fires(name, text):
            continue  # the document lacks what the reading needs: it would find nothing
        read = reading(module, name)
        given = every if scope == ALL else untabled
        new = read(given, rows) if name == "stated_targets" else read(given, known=[r.name for r in rows])
        new = [r for r in new if not read_again(r, rows)]  # a wrapped name's last line taken for a name
        rows += new
        added += new
    for complete in (review_actuals, milestone_actuals, dated_above_actuals, stacked_actuals, noted_baselines, over_columns):
        complete(every, rows)
    return added
