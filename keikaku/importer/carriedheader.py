"""An indicator table going on under the next headings without its header printed again.

A sectoral plan's evaluation lists its indicators field by field: one header, then each field's
heading (（２）身体活動・運動) and that field's rows, all in the header's columns::

    指標            策定時（H30）  中間（R3）  実績（R5）  目標（R5）  判定
    成人の喫煙率    16.5％         15.1％      13.2％      12％        ○
    （３）歯・口腔
    歯周病の割合    42.0％         40.3％      38.8％      35％        ○

The table region ends at the heading, so the rows after it stand alone. After a header line of an
indicator table and its rows, each heading followed by lines printing as many figures as the
header's own rows do (lines of one count of figures, at least two) gives those lines read under the
header; a line of another shape ends the table.
"""

from __future__ import annotations

import re

from keikaku.importer.celllist import is_header_cell
from keikaku.importer.indicators import read_indicator_table
from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import pattern
from keikaku.importer.normalize import Line
from keikaku.importer.segment import classify, table_kind
from keikaku.importer.sieve import sifted_rows
from keikaku.importer.tables import IndicatorRow, parse_indicator_table
from keikaku.importer.values import parse_quantity

# a header line: a name word, then a value word further on (cheap test before the segmenter's)
_HEADER = pattern("carried", "header")
_MARK = re.compile(r"[◎○〇△×▲●A-DＡ-Ｄ]")
_EMPTY = re.compile(r"[-－―ー—]")
_WORD_TARGET = re.compile(r"増加|減少|維持|向上|低下")


def carried_header_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows under headings that go on an indicator table above them, but those ``known``."""
    joined = "\n".join(line.key for line in lines)
    kept = NewRows(known)
    if _CELL_HEADER.search(joined):
        _one_cell_groups(lines, kept)
    if not _HEADER.search(joined):
        return kept.rows
    i = 0
    while i < len(lines):
        if not _HEADER.match(lines[i].key) or lines[i].cells or table_kind(lines, i) != "indicators":
            i += 1
            continue
        header = lines[i]
        j = i + 1
        counts = set()
        while j < len(lines) and (c := _figures(lines[j].key)) >= 2:
            counts.add(c)
            j += 1
        if len(counts) != 1:
            i = j
            continue
        while j + 1 < len(lines) and classify(lines[j]) is not None and _figures(lines[j + 1].key) in counts:
            k = j + 1
            while k < len(lines) and _figures(lines[k].key) in counts and classify(lines[k]) is None:
                k += 1
            rows, _ = parse_indicator_table([header, *lines[j + 1:k]])
            for row in sifted_rows(rows):
                kept.add(row)
            j = k
        i = j
    return kept.rows


def _figures(key: str) -> int:
    """How many cells end the line that are figures, or a grade's mark after them (◎ ○ △ ×, A B C)."""
    toks = key.split(" ")
    n = figures = 0
    for tok in reversed(toks[1:]):
        if parse_quantity(tok).kind == "number":
            figures += 1
        elif not (_MARK.fullmatch(tok) and figures == 0) and not (_EMPTY.fullmatch(tok) or _WORD_TARGET.fullmatch(tok)):
            break
        n += 1
    return n if figures >= 2 else 0


# a header printed one cell per line opens with its name word alone on a line
_CELL_HEADER = pattern("carried", "cell_header")
_GROUP_STYLES = ("paren", "word")  # （２）休養, 基本目標２ …: a field's heading, not a row's numbered name
_LONGEST_CELL = 40


def _one_cell_groups(lines: list[Line], kept: NewRows) -> None:
    """The same for a table printed one cell per line: the header's cells, read again before each group."""
    i = 0
    while i < len(lines):
        if not _CELL_HEADER.match(lines[i].key):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and " " not in lines[j].key.strip() and is_header_cell(lines[j].key):
            j += 1
        if j - i < 3:
            i += 1
            continue
        header = lines[i:j]
        k = j
        while k < len(lines) and classify(lines[k]) is None and len(lines[k].key) <= _LONGEST_CELL and not _CELL_HEADER.match(lines[k].key):
            k += 1
        while k + 1 < len(lines) and (h := classify(lines[k])) is not None and h.style in _GROUP_STYLES and classify(lines[k + 1]) is None:
            m = k + 1
            while m < len(lines) and classify(lines[m]) is None and len(lines[m].key) <= _LONGEST_CELL and not lines[m].key.startswith(("※", "注")):
                m += 1
            rows, _, _ = read_indicator_table([*header, *lines[k + 1:m]])
            for row in rows:
                kept.add(row)
            k = m
        i = max(k, i + 1)
