"""KPI records under a row label, in a sheet printed one cell per line.

A grant's KPI report prints, per project, its indicators as records: a row label (``指標①``: a
name header word and a circled number, alone on its line or last on a line of other cells such
as the project's amount, ``9,099,427 指標①``), then the indicator's name (one or two lines), its
figure and its unit (``創業数`` / ``5`` / ``件``). The figure's role is the one the lexicon's
``[record_words]`` give the header cell printed right before the unit header (指標値 / 単位: the
KPI's goal, a target); a document without that header pair gives nothing. A label followed by
anything else (a dash for a project without indicators, a figure before any name) is no record,
and a record whose unit is followed by a date (``H28.3``) is left to the value records of
``cellsheet.py``, which take its role from the header printed after the unit header.
"""

from __future__ import annotations

import re

from keikaku.importer.cellsheet import is_sheet
from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words, record_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold

MAX_PIECES = 2  # lines a name is broken over
MAX_NAME = 40  # characters
_LABEL = re.compile(r"(?:^|\s)(\S{1,6}?)\s*([①-⑳])$")
_DATE = re.compile(r"^(?:[HRS]|平成|令和|20[0-9]{2})\s*[0-9]{0,2}\s*[.．/年]\s*[0-9]{1,2}\s*(?:月末?)?$")  # H28.3: a month
_FIGURE = re.compile(r"^[△▲]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^[△▲]?\d+(?:\.\d+)?$")


def _record_role(lines: list[Line]) -> str | None:
    """The role of the records' figures: a record word (指標値) right before the unit header."""
    words = record_words()
    for a, b in zip(lines, lines[1:]):
        if fold_key(a.key) in words and header_words().role_of(b.key) == "unit":
            return words[fold_key(a.key)]
    return None


def _label(key: str) -> bool:
    m = _LABEL.search(key)
    return m is not None and header_words().role_of(m.group(1)) == "name" and fold_key(m.group(1)) in {
        fold_key(w) for w in header_words().words("name")}


def _unit(key: str) -> str | None:
    k = fold(key).strip()
    return k if k in value_units() or (1 <= len(k) <= 3 and not re.search(r"[\d\s]", k)
                                       and header_words().role_of(k) is None and not _label(k)) else None


def _piece(key: str) -> bool:
    """A line that may be (a piece of) a name: words, not a figure, label, header cell or year."""
    k = key.strip()
    return (len(k) >= 2 and not _FIGURE.match(k) and not _label(k) and header_words().role_of(k) is None
            and parse_year(k) is None and parse_quantity(k).kind != "empty" and not k.startswith(("〔", "※")))


def label_record_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of labelled KPI records (see the module's doc), but those ``known``."""
    if not is_sheet(lines) or (role := _record_role(lines)) is None:
        return []
    kept = NewRows(known)
    for i, line in enumerate(lines):
        if not _label(line.key):
            continue
        k = i + 1
        while k < len(lines) and k - i <= MAX_PIECES and _piece(lines[k].key):
            k += 1
        if k == i + 1 or k + 1 >= len(lines) or not _FIGURE.match(lines[k].key.strip()):
            continue
        unit = _unit(lines[k + 1].key)
        name = "".join(ln.text.strip() for ln in lines[i + 1:k])
        if unit is None or len(name) > MAX_NAME or (k + 2 < len(lines) and _DATE.match(fold(lines[k + 2].key).strip()) is not None):
            continue  # a record with a date is dated by its own header (cellsheet.py)
        row = IndicatorRow(name="", origin=origin_of(lines[i + 1]))
        set_name(name, row)
        row.unit = unit
        put_value(row, role, None, lines[k].text.strip(), origin=origin_of(lines[k]))
        if row.name and kept.add(row):
            infer(row)
    return kept.rows
