"""An evaluation form's lettered rows that an extractor put on one line, cut back into cells.

A form (施策評価表) prints its indicator tables with rows lettered A, B, C under a line of years
(``単位 元年度(実績) 2年度(実績) …``). Flattened, a whole table stands on one line —
``… 単位 20年度(実績) 21年度(実績) 22年度(実績) 対象指標 A 人口 人 239,045 …`` — or the rows on
the line after the line of years. Such a line is cut into the text before the run of year cells,
that run as a line of years, and every cell after it as a line of its own: the table as an
extractor prints it one cell per line, which ``letteredrows`` reads.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, make_line

YEAR_CELL = re.compile(r"(?:平成|令和|昭和|[HRS])?\s*(?:元|\d{1,4})\s*年度?(?:[(（](?P<role>[^()（）]{1,4})[)）])?")
MIN_YEARS = 3  # year cells in a run
REACH = 6  # cells after the run within which the letter A must stand


def lettered_cells(lines: list[Line]) -> list[Line]:
    """``lines`` with every flattened lettered table (see the module's doc) cut into cells."""
    out: list[Line] = []
    for line in lines:
        key = line.key
        if line.cells or (" A " not in key and not key.startswith("A ")):
            out.append(line)
            continue
        tokens = key.split()
        cut = _year_run(tokens, 0) if len(tokens) > MIN_YEARS + 2 else None
        above = _year_run(out[-1].key.split(), 0, lettered=False) if out and tokens[0] == "A" else None
        if cut is None and above is not None and len(tokens) > MIN_YEARS:
            cut = (0, 0)  # the rows on a line of their own under the line of years
            if above[0]:  # a header word before its 単位 (成果指標): a line of its own
                last = out.pop()
                words = last.text.split() if len(last.text.split()) == len(last.key.split()) else last.key.split()
                out.extend(make_line(" ".join(p), last.index, last.page, source=last.source)
                           for p in (words[:above[0]], words[above[0]:]))
        if cut is None:
            out.append(line)
            continue
        texts = line.text.split() if len(line.text.split()) == len(tokens) else tokens
        parts = [" ".join(texts[:cut[0]])] if cut[0] else []
        while cut is not None:
            start, end = cut
            parts.extend([" ".join(texts[start:end])] if end > start else [])
            cut = _year_run(tokens, end)
            parts.extend(texts[end:cut[0] if cut else len(tokens)])
        out.extend(make_line(p, line.index, line.page, source=line.source) for p in parts)
    return out


def _year_run(tokens: list[str], begin: int, *, lettered: bool = True) -> tuple[int, int] | None:
    """Where the first run of year cells from ``begin`` (after its 単位) begins and ends: one the
    letter A follows closely, or, not ``lettered``, one that ends the line."""
    lex = header_words()
    for i in range(begin, len(tokens)):
        if lex.role_of(tokens[i]) != "unit":
            continue
        end = i + 1
        while end < len(tokens) and YEAR_CELL.fullmatch(tokens[end]):
            end += 1
        if end - i - 1 >= MIN_YEARS and ("A" in tokens[end:end + REACH] if lettered else end == len(tokens)):
            return i, end
    return None
