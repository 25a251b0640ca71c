"""Indicator names listed with a bullet (・) in a sheet printed one cell per line.

A wide list (one row per project) that an extractor left one cell per line prints each
project's indicators as bulleted names in the column a name header names (指標名, maybe with
the year of the figures); a name may share its line with a figure of another cell (``4基 ・name``).
A bulleted piece as long as the longest (the cell's width) that does not end like a name
(``name_endings`` in ``lexicon/sheets.toml``) is completed by the next text line (no bullet,
header word, figure or placeholder) when the two together end like one; a figure printed between the two pieces — the value cell the extractor put
inside the wrapped name cell — is the indicator's value: an actual of the year the name header
names, when an actual header (実績値) is printed. Other figures are not placed: the list does not
say whose they are.
"""

from __future__ import annotations

import re

from keikaku.importer.cellsheet import is_sheet, role
from keikaku.importer.flatsheet import ends_name
from keikaku.importer.itemsections import item_lines
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold
from keikaku.importer.known import name_key as _key
from keikaku.importer.lazypattern import lazy

MIN_NAMES = 3  # fewer bulleted names are a note, not a list of indicators
MAX_PIECE = 20  # characters of one piece of a name
MAX_TAIL = 8  # characters of the rest of a name wrapped onto the next line
_BULLET = re.compile(r"(?:^|\s)[・･]\s*(\S[^・･]*)$")
_FIGURE = re.compile(r"^[△▲]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\S{0,4}$")
_TEXT = lazy(r"^[一-龥々ぁ-んァ-ヶー]")
_MARK = re.compile(r"[〔〕【】]")


def bullet_name_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The bulleted indicator names of a sheet printed one cell per line, but those ``known``."""
    if sum(1 for line in lines if "・" in line.key or "･" in line.key) < MIN_NAMES or not is_sheet(lines):
        return []
    headers = [line.key for line in lines if role(line.key) == "name" and len(line.key) <= MAX_PIECE]
    if not headers:
        return []
    year = next((y for h in headers if (y := parse_year(h)) is not None), None)
    actual = any(role(line.key) == "actual" for line in lines)
    seen = {_key(n) for n in known}
    pieces = [(i, m.group(1).strip()) for i, line in enumerate(lines) if (m := _BULLET.search(line.text)) is not None]
    listed = item_lines(lines)  # bullets of a measure's projects and plans, no indicators
    pieces = [(i, p) for i, p in pieces if _name_piece(p) and i not in listed]
    width = max((len(p) for _, p in pieces), default=0)  # the cell's width: a piece this long may be wrapped
    out: list[IndicatorRow] = []
    for i, piece in pieces:
        line = lines[i]
        name, value = piece, None
        if len(piece) >= width and not ends_name(piece):
            name, value = _completed(lines, i, piece)
        if _key(name) in seen:
            continue
        seen.add(_key(name))
        row = IndicatorRow(name="")
        set_name(name, row)
        row.origin = origin_of(line)
        if value is not None and actual and year is not None:
            put_value(row, "actual", year, value)
            row.unit = row.unit or parse_quantity(value).unit
        infer(row)
        out.append(row)
    return out if len(out) >= MIN_NAMES else []




def _name_piece(piece: str) -> bool:
    return (2 <= len(piece) <= MAX_PIECE and _TEXT.match(piece) is not None and not _MARK.search(piece)
            and role(piece) is None)


def _completed(lines: list[Line], i: int, piece: str) -> tuple[str, str | None]:
    """The name a piece begins, and the figure printed between its pieces (or None)."""
    value = None
    for line in lines[i + 1:i + 3]:
        cell = line.text.strip()
        if value is None and _FIGURE.match(fold(cell)) and parse_quantity(cell).kind == "number":
            value = cell
            continue
        if (len(cell) <= MAX_TAIL and _TEXT.match(cell) and not _BULLET.search(cell) and not _MARK.search(cell)
                and role(cell) is None and ends_name(piece + cell)):
            return piece + cell, value
        break
    return piece, None
