"""Readings of the whole document, after the blocks have been read, in the order they run.

Each finds indicators in a layout the table regions do not read (sheets one cell per line,
label rows, goal sentences …; each module's doc says which) and gives only those whose names no
earlier reading found. Some read every line, others only the lines of regions where no table
reading understood a row (``untabled``), so a table already read is not read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from keikaku.importer.achieved import achieved_rows
from keikaku.importer.blankcells import blank_cell_rows
from keikaku.importer.blockcols import block_column_rows
from keikaku.importer.bulletnames import bullet_name_rows
from keikaku.importer.captioned import captioned_rows
from keikaku.importer.cellsheet import sheet_rows
from keikaku.importer.circlednames import circled_name_rows
from keikaku.importer.datedabove import dated_above_actuals
from keikaku.importer.datedblocks import dated_block_rows
from keikaku.importer.datedlist import dated_list_rows
from keikaku.importer.declared import declared_rows
from keikaku.importer.fieldentries import field_entry_rows
from keikaku.importer.figures import labelled_figure_rows
from keikaku.importer.flatlabelrows import flat_label_rows
from keikaku.importer.flatsheet import flat_sheet_rows
from keikaku.importer.formpipes import form_pipe_rows
from keikaku.importer.goalblocks import goal_block_rows
from keikaku.importer.labelafter import label_after_rows
from keikaku.importer.labelrecords import label_record_rows
from keikaku.importer.labelrows import label_row_sheets
from keikaku.importer.letteredrows import lettered_rows
from keikaku.importer.letteritems import letter_item_rows
from keikaku.importer.listedspans import listed_spans
from keikaku.importer.milestoneactual import milestone_actuals
from keikaku.importer.markedrows import marked_rows
from keikaku.importer.namedyears import named_year_rows
from keikaku.importer.namelast import name_last_rows
from keikaku.importer.namesapart import names_apart_rows
from keikaku.importer.normalize import Line
from keikaku.importer.notedbase import noted_baselines
from keikaku.importer.pairbelow import pair_below_rows
from keikaku.importer.pairedyears import paired_year_rows
from keikaku.importer.reviewsheets import review_actuals, year_run_rows
from keikaku.importer.slotnames import slot_name_rows
from keikaku.importer.spacedfigures import spaced_figure_rows
from keikaku.importer.stackedrows import stacked_actuals
from keikaku.importer.sourcedyear import source_dated_rows
from keikaku.importer.statedspans import stated_spans
from keikaku.importer.statedtargets import stated_targets
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.timedpipes import timed_pipe_rows
from keikaku.importer.twodates import two_date_rows
from keikaku.importer.unitfirst import unit_first_rows
from keikaku.importer.unitline import unit_line_rows
from keikaku.importer.wordnamed import word_named_rows
from keikaku.importer.yearfirst import year_first_rows
from keikaku.importer.yearheader import year_header_rows
from keikaku.importer.yeartarget import year_target_rows

Reading = Callable[..., list[IndicatorRow]]
ALL, UNTABLED = "all", "untabled"  # the lines a reading is given

# (reading, its lines). Every reading but stated_targets takes the names found so far (known=);
# stated_targets takes the rows, whose goals it may complete.
READINGS: tuple[tuple[Reading, str], ...] = (
    (spaced_figure_rows, ALL), (label_after_rows, ALL), (flat_label_rows, ALL), (sheet_rows, ALL), (paired_year_rows, ALL), (flat_sheet_rows, ALL),
    (name_last_rows, ALL), (unit_first_rows, ALL), (unit_line_rows, ALL), (block_column_rows, ALL),
    (label_row_sheets, ALL), (form_pipe_rows, ALL), (timed_pipe_rows, ALL), (names_apart_rows, ALL),
    (lettered_rows, ALL), (label_record_rows, ALL), (goal_block_rows, ALL), (bullet_name_rows, ALL),
    (circled_name_rows, ALL), (blank_cell_rows, UNTABLED), (slot_name_rows, ALL), (letter_item_rows, UNTABLED),
    (declared_rows, UNTABLED), (labelled_figure_rows, UNTABLED), (achieved_rows, UNTABLED), (stated_targets, ALL), (stated_spans, UNTABLED),
    (year_first_rows, UNTABLED), (year_target_rows, UNTABLED), (listed_spans, UNTABLED), (dated_block_rows, UNTABLED),
    (dated_list_rows, UNTABLED), (field_entry_rows, UNTABLED), (year_run_rows, ALL), (named_year_rows, ALL),
    (year_header_rows, ALL), (marked_rows, ALL), (word_named_rows, ALL), (two_date_rows, ALL), (source_dated_rows, UNTABLED),
    (captioned_rows, ALL), (pair_below_rows, ALL),
)


def whole_document_rows(lines: Sequence[Line], tables_read: set[int], found: Sequence[IndicatorRow]) -> list[IndicatorRow]:
    """The rows every reading adds to ``found`` (the rows read so far), in order; then the actuals
    a review sheet prints apart are given to every row (``review_actuals``), and those printed beside
    a dated milestone (``milestone_actuals``) or dated above a row's baseline and target (``dated_above_actuals``)."""
    every = list(lines)
    untabled = [ln for ln in every if ln.index not in tables_read]
    rows = list(found)
    added: list[IndicatorRow] = []
    for reading, scope in READINGS:
        given = every if scope == ALL else untabled
        new = reading(given, rows) if reading is stated_targets else reading(given, known=[r.name for r in rows])
        rows += new
        added += new
    for complete in (review_actuals, milestone_actuals, dated_above_actuals, stacked_actuals, noted_baselines):
        complete(every, rows)
    return added
