"""The importer as one call: read → normalise → segment → tables → values → build, each stage kept."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from keikaku.domain import planfile as pf
from keikaku.domain.errors import KeikakuError
from keikaku.importer.build import build_plan
from keikaku.importer.flattened import unflatten
from keikaku.importer.impliedera import implied_era, reading_era
from keikaku.importer.normalize import Line, normalise
from keikaku.importer.notedyear import date_noted_columns
from keikaku.importer.yearwords import join_year_words
from keikaku.importer.namedtargets import write_later_name_targets
from keikaku.importer.headerfills import fill_header_cells
from keikaku.importer.headerrows import merge_header_rows
from keikaku.importer.timecolumns import join_time_columns
from keikaku.importer.subcolumns import join_sub_columns
from keikaku.importer.wrappedheader import join_wrapped_headers
from keikaku.importer.orderedheader import join_ordered_headers
from keikaku.importer.stackedheader import join_stacked_headers
from keikaku.importer.textcolumns import split_text_columns
from keikaku.importer.widegaps import widen_ideographic_gaps
from keikaku.importer.tabcells import spread_tab_cells
from keikaku.importer.blankrows import close_blank_lines
from keikaku.importer.brokenheader import join_broken_header_words
from keikaku.importer.pagejoins import join_page_breaks
from keikaku.importer.figurewidth import printed_digits
from keikaku.importer.nametail import join_name_tails
from keikaku.importer.cellwraps import join_cell_wraps
from keikaku.importer.namerun import join_name_runs
from keikaku.importer.centredname import join_centred_names
from keikaku.importer.labelpairlines import join_label_pairs
from keikaku.importer.centredrow import join_centred_rows
from keikaku.importer.yearsunder import join_years_under
from keikaku.importer.relativeyears import date_relative_columns
from keikaku.importer.dotteddates import write_dotted_dates
from keikaku.importer.departmentcells import move_department_cells
from keikaku.importer.leadcells import move_lead_cells
from keikaku.importer.groupcells import name_groups
from keikaku.importer.groupwords import name_group_words
from keikaku.importer.readers import read_document
from keikaku.importer.readers.base import DocumentError
from keikaku.importer.records import RawDocument
from keikaku.importer.report import ExtractionReport, build_report
from keikaku.importer.segment import Block, segment
from keikaku.importer.plantree import joined_titles, plan_levels


@dataclass
class Extraction:
    """The plan read from one document, with every stage's output for ``--debug`` and the report of what was read."""

    raw: RawDocument
    lines: list[Line]
    blocks: list[Block]
    plan: pf.PlanDocument
    report: ExtractionReport


def extract_document(raw: RawDocument) -> Extraction:
    lines = joined_titles(unflatten(join_time_columns(merge_header_rows(date_noted_columns(join_year_words(write_later_name_targets(fill_header_cells(normalise(join_name_tails(join_centred_rows(join_years_under(join_stacked_headers(join_sub_columns(join_wrapped_headers(join_ordered_headers(date_relative_columns(name_group_words(name_groups(move_lead_cells(move_department_cells(write_dotted_dates(join_cell_wraps(join_name_runs(join_centred_names(join_label_pairs(split_text_columns(widen_ideographic_gaps(spread_tab_cells(join_page_breaks(join_broken_header_words(close_blank_lines(raw))))))))))))))))))))))))))))))))
    with reading_era(implied_era(lines)):
        blocks = plan_levels(segment(lines))
        try:
            plan = printed_digits(build_plan(blocks, lines, source=raw.name, sha256=raw.sha256), raw)
        except ValidationError as exc:  # a rule of the plan file that the build stage did not foresee
            first = exc.errors()[0]
            place = ".".join(str(part) for part in first["loc"]) or "the plan"
            raise DocumentError(raw.name, f"what was read breaks a rule of the plan file at {place}: {first['msg']}") from None
        return Extraction(raw, lines, blocks, plan, build_report(raw, lines, blocks, plan))


def extract_file(path: Path, *, ocr: bool = True) -> Extraction:
    """Read and extract one document; a scan is OCR'd unless ``ocr`` is false (then it is refused)."""
    return extract_document(read_document(path, ocr=ocr))


MIN_PARALLEL = 3  # documents: from this many, they are read on every core (forked copies of the process)


def _extract_or_error(path: Path, ocr: bool = True) -> Extraction | KeikakuError:
    try:
        return extract_file(path, ocr=ocr)
    except KeikakuError as exc:
        return exc


def _extract_result(path: Path, ocr: bool = True) -> Extraction | KeikakuError:
    """An extraction without its stages' outputs: what a worker sends back when no one will look at them."""
    got = _extract_or_error(path, ocr)
    if isinstance(got, KeikakuError):
        return got
    raw = RawDocument(name=got.raw.name, format=got.raw.format, sha256=got.raw.sha256, encoding=got.raw.encoding, pages=got.raw.pages)
    return Extraction(raw, [], [], got.plan, got.report)


def extract_files(paths: list[Path], *, stages: bool = True, ocr: bool = True) -> list[Extraction | KeikakuError]:
    """Extract several documents, in order, on every core (``forking.forked_map``); errors come back in place.

    Without ``stages`` the lines and blocks of each document are not kept (nor sent back from the
    workers): only the plan, the report and the document's facts.
    """
    workers = min(len(paths), os.cpu_count() or 1)
    work = _extract_or_error if stages else _extract_result
    if workers < 2 or len(paths) < MIN_PARALLEL or sys.platform != "linux":
        return [work(p, ocr) for p in paths]
    from keikaku.importer.forking import forked_map

    return forked_map(lambda path: work(path, ocr), paths, workers, weight=_file_size)


def _file_size(path: Path) -> int:
    """How much there is to read: the largest documents are taken first, so the cores finish together."""
    try:
        return os.stat(path).st_size
    except OSError:  # a missing file: refused at once when read
        return 0


def write_debug(extraction: Extraction, directory: Path) -> list[Path]:
    """One file per stage, the report and a page of every figure beside its source (see ``debug.py``)."""
    from keikaku.importer.debug import write_debug as write

    return write(extraction, directory)
