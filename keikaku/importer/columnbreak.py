"""A heading an extractor put inside a table it emitted column by column, moved to after the table.

pdftotext, reading a page in the order of its text blocks, may print the paragraph that follows a
table (a section heading such as 【主な取組】, a sentence of its text) between the table's columns: the name header and the
names, then the heading, then the units and the value columns. The heading would end the table
there. When the table reads in full without such lines (three at most) (``columnmajor.read_columns`` takes
lines beyond them), the headings are moved to right after the table, where the page prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from keikaku.importer.columnmajor import is_name_header, read_columns
from keikaku.importer.grid import is_indicator_grid
from keikaku.importer.normalize import Line

MAX_RUN = 160  # lines a table emitted column by column may take up
MAX_LIFTED = 3  # headings (or sentences) a table may have between its columns
_SENTENCE = re.compile(r"[。．]$")  # a line of prose, never a table's cell


def lift_headings(lines: list[Line], classify: Callable[[Line], object | None]) -> list[Line]:
    """``lines`` with each heading that breaks a column-major table moved to after the table."""
    if not any(is_name_header(line) for line in lines):
        return lines
    out = list(lines)
    i = 0
    while i < len(out):
        if not is_name_header(out[i]):
            i += 1
            continue
        end = _run_end(out, i + 1, i, classify)
        if end >= len(out) or end == i + 1:
            i += 1
            continue
        before = read_columns(out[i:end])
        if before is not None and is_indicator_grid(before[0]):
            i = end
            continue
        lifted, used = None, 0
        headings: list[int] = []
        while len(headings) < MAX_LIFTED and end < len(out) and _liftable(out[end], classify):
            headings.append(end)
            end = _run_end(out, end + 1, i, classify)
            candidate = [out[j] for j in range(i, end) if j not in headings]
            found = read_columns(candidate)
            if found is not None and found[1] > headings[-1] - i - len(headings) + 1 and is_indicator_grid(found[0]):
                lifted, used = candidate, found[1]
                break
        if lifted is None:
            i += 1
            continue
        out[i:end] = lifted[:used] + [out[j] for j in headings] + lifted[used:]
        i += used + len(headings)
    return out


def _liftable(line: Line, classify: Callable[[Line], object | None]) -> bool:
    """A section's heading (【主な取組】, ■ …) or a sentence: never a node of the outline."""
    return bool(_SENTENCE.search(line.key)) or getattr(classify(line), "kind", None) == "section"


def _run_end(lines: list[Line], start: int, first: int, classify: Callable[[Line], object | None]) -> int:
    end = start
    while end < len(lines) and end - first < MAX_RUN and classify(lines[end]) is None and not _SENTENCE.search(lines[end].key):
        end += 1
    return end
