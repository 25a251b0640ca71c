"""The walk shared by the readings of tables printed column by column in groups of rows
(``numberedgroups``, ``rowgroups``): find a name column's head alone on its line, read the table
after it, keep its new rows, and go on from where the reading says.

A reading differs from another in how a line is a head, how the table is read, and where the walk
resumes after a table (``resume``: given the head's index, the table's end and the rows read).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from keikaku.importer.known import NewRows
from keikaku.importer.normalize import Line
from keikaku.importer.tables import IndicatorRow, infer

WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")  # a letter of a word (kana, kanji, latin)
VALUE_ORDER = {"baseline": 0, "actual": 1, "target": 2}  # the value columns in the order printed

Head = Callable[[Line], tuple[str | None, int | None] | None]
Read = Callable[[list[Line], int], tuple[list[IndicatorRow], int]]
Resume = Callable[[int, int, list[IndicatorRow]], int]


def past_end(i: int, end: int, rows: list[IndicatorRow]) -> int:
    """Resume after the table's end, whether rows were read or not (at least one line on)."""
    return max(end, i + 1)


def past_rows(i: int, end: int, rows: list[IndicatorRow]) -> int:
    """Resume after the table's end when rows were read, else at the line after the head."""
    return end if rows else i + 1


def grouped_rows(lines: list[Line], *, known: list[str], head: Head, read: Read, resume: Resume) -> list[IndicatorRow]:
    """The new rows (not ``known``) of every table opening at a name head (``head`` gives
    ``("name", None)``), each read by ``read`` from the line after its head."""
    kept = NewRows(known)
    i = 0
    while i < len(lines):
        if head(lines[i]) != ("name", None):
            i += 1
            continue
        rows, end = read(lines, i + 1)
        for row in rows:
            if row.name and kept.add(row):
                infer(row)
        i = resume(i, end, rows)
    return kept.rows
