"""Era dates printed with dots (``R2.4.1``, ``H30.3.31``, ``R5.3末``) written out as the engine reads them.

Progress tables print the day a figure was counted in the short form ``R2.4.1`` (令和2年4月1日),
often in brackets after the figure (``31.2%(R2.4.1)``). Before lines are read, such a date —
an era letter or name, the year (or 元), a month of 1–12 and a day of 1–31 or 末, dots between —
is written ``R2年4月1日`` / ``R5年3月末``, which the value stage already turns into the fiscal year
the day falls in (a day of January to March belongs to the year before). Dots between other
numbers (a version, a section 1.2.3) are left alone: the era must open the date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.records import RawDocument

_DATE = re.compile(r"(?<![A-Za-z0-9])(R|H|令和|平成)(元|[0-9]{1,2})\.(1[0-2]|0?[1-9])(?:\.(3[01]|[12][0-9]|0?[1-9])|(末))(?![0-9.])")


def _written(m: re.Match[str]) -> str:
    era, year, month, day, end = m.groups()
    return f"{era}{year}年{int(month)}月" + (end or f"{int(day)}日")


def write_dotted_dates(doc: RawDocument) -> RawDocument:
    """``doc`` with every dotted era date written with 年, 月 and 日 (or 末)."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        if "." not in line.text:
            continue  # a dotted date has its dots
        text = _DATE.sub(_written, line.text)
        if text != line.text:
            lines[i] = replace(line, text=text)
            changed = True
    return replace(doc, lines=lines) if changed else doc
