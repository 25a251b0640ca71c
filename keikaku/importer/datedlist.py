"""Indicators listed after a baseline word and its date, each name followed by one figure.

A form's 現状 column flattened onto one line prints its date once, after the column's word, then
the names and figures of the column (maybe with another column's short header between: 課題);
spaces added here for reading:

    現 状 (令和5年4月1日現在) 課 題 NAME(A) 5,310 ha NAME(B) 812.5 ha NAME 15.3% 〔課題〕

Every figure of the list is the baseline of that date (a date in January to March closes the
fiscal year before, as a bracketed date does everywhere). A unit printed apart after its figure is
its unit. The list is two pairs or more and ends at the first cell that is neither a name nor a
figure; a name is words without figures outside its brackets, never a header word. Rows whose name
another reading already found are left to it.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import fold_key, header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

MAX_BETWEEN = 4  # characters of another column's header printed between the date and the list
_ROLES = ("baseline",)
_FIGURE = re.compile(r"^[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?(?P<unit>[^\s0-9]{0,8})$")
_WORDY = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff「『A-Za-z]")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_LATIN_UNIT = re.compile(r"^[A-Za-z㎡㎞%/0-9-]{1,6}$")


@cache
def _label_words() -> frozenset[str]:
    return frozenset(fold_key(w) for w in header_words().words(*_ROLES))


def _label(cell: str) -> bool:
    return len(cell) <= 8 and fold_key(cell) in _label_words()


def _date(cell: str) -> int | None:
    if cell[:1] not in "(（":
        return None
    rest, year = parse_year_in(cell)
    return year if year is not None and not rest.strip("()（） ") else None


def _name(cell: str) -> bool:
    bare = _BRACKETED.sub("", cell)
    return (len(cell) >= 2 and _WORDY.match(cell) is not None and not re.search(r"[0-9]", bare)
            and not cell.startswith(("〔", "※")) and header_words().role_of(cell) is None)


def _unit(cell: str) -> bool:
    return cell in value_units() or (_LATIN_UNIT.match(cell) is not None and not cell[:1].isdigit())


def _figure(cell: str) -> bool:
    m = _FIGURE.match(cell)
    return m is not None and parse_quantity(cell).kind == "number"


def _parts(line: Line) -> list[str]:
    """A line's cells at its spaces, a letter-spaced word (現 状, 課 題) closed up."""
    out: list[str] = []
    for part in line.key.split():
        if out and len(part) == 1 and len(out[-1]) == 1 and _WORDY.match(part) and _WORDY.match(out[-1]):
            out[-1] += part
        else:
            out.append(part)
    return out


def dated_list_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators listed after ``現状 (date)`` as names each with one figure, but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for line in lines:
        cells = _parts(line)
        for k in range(len(cells) - 5):
            if not _label(cells[k]) or (year := _date(cells[k + 1])) is None:
                continue
            found = _pairs(cells, k + 2)
            if found is None and len(cells[k + 2]) <= MAX_BETWEEN and not _figure(cells[k + 2]):
                found = _pairs(cells, k + 3)  # another column's header beside the date
            for name, figure in found or []:
                row = IndicatorRow(name="", origin=origin_of(line))
                set_name(name, row)
                if not row.name or fold_key(row.name) in taken:
                    continue
                put_value(row, "baseline", year, figure, origin=row.origin)
                infer(row)
                taken.add(fold_key(row.name))
                rows.append(row)
    return rows


def _pairs(cells: list[str], i: int) -> list[tuple[str, str]] | None:
    """The (name, figure) pairs listed from ``cells[i]``: two or more, else None."""
    pairs: list[tuple[str, str]] = []
    while i + 1 < len(cells) and _name(cells[i]) and _figure(cells[i + 1]):
        name, figure, i = cells[i], cells[i + 1], i + 2
        if i < len(cells) and _unit(cells[i]) and not _FIGURE.match(figure).group("unit"):  # type: ignore[union-attr]
            figure, i = figure + cells[i], i + 1  # a unit printed apart after its figure
        pairs.append((name, figure))
    return pairs if len(pairs) >= 2 else None
