"""Tables left one cell per line with a blank line between cells, rows read by the header's columns.

A web page's table copied as text prints each cell on its own lines and a blank line after it, so
a name wrapped over lines (``見守り協力`` / ``事業者の登録`` / ``(協定締結数)``) is one cell while
the blank line parts it from the next. The header is a run of short cells opened by a name cell
(項目, 指標名 …) and closed by its last value cell (現況, 令和12年度の目標 …); the text cells
between (実施機関) are columns of text. Each row is then its text cells — the first is the name,
the others (the body in charge, at most one label the header does not name) give nothing — and then its
figure cells, one per value column in the header's order, each taking the column's role and the
year its header cell prints. A figure cell is read from its last word (``サロン数 48か所・9地区``:
``48か所``); a second count after ``・`` or in brackets (``146件(212件)``) is no part of
it, and a cell of brackets only (``(61か所・11地区)``: the figure over a wider scope) is passed
over. A dash is an empty value. A row whose figures do not number the value columns gives
nothing, and a table needs two rows that fit, or the header of a table read before it (the table
continued under another caption).
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

MAX_HEADER_CELL = 16  # characters of a header cell
MAX_HEADER_CELLS = 8  # cells of a header
MAX_NAME = 60  # characters of a name
MIN_ROWS = 2  # rows that fit, for a table
_VALUE_ROLES = ("baseline", "interim", "target", "actual")
_FIGURE_HEAD = re.compile(r"^[△▲]?[0-9]")
_SECOND = re.compile(r"[・(（].*$")  # a second count after the figure: ・9地区, (212件)


class _Cell:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.key = "".join(line.key for line in lines)


def _cells(lines: list[Line]) -> list[_Cell]:
    """Lines grouped into cells: a cell's lines follow each other with no blank line between."""
    out: list[_Cell] = []
    run: list[Line] = []
    for line in lines:
        if run and (line.index != run[-1].index + 1 or line.cells or line.grid is not None):
            out.append(_Cell(run))
            run = []
        run.append(line)
    if run:
        out.append(_Cell(run))
    return out


def _figure(cell: _Cell) -> str | None:
    """The figure a cell holds (``""`` for a dash), or None when it holds none."""
    if len(cell.lines) != 1:
        return None
    last = cell.lines[0].key.split(" ")[-1]
    q = parse_quantity(last)
    if q.kind == "empty":
        return ""
    head = _SECOND.sub("", last)
    if not _FIGURE_HEAD.match(head) or parse_quantity(head).kind != "number":
        return None
    return head


def _aside(cell: _Cell) -> bool:
    """A cell of brackets only, its figure over another scope: ``(61か所・11地区)``."""
    return len(cell.lines) == 1 and cell.key[:1] in "(（" and cell.key[-1:] in ")）"


def _header(cells: list[_Cell], i: int) -> tuple[int, int, list[tuple[str, int | None]]] | None:
    """(text columns, cells, value columns) of a header opening at ``cells[i]``, else None."""
    lex = header_words()
    if len(cells[i].lines) != 1 or len(cells[i].key) > MAX_HEADER_CELL or lex.role_of(cells[i].key) != "name":
        return None
    values: list[tuple[str, int | None]] = []
    texts = 0
    end = i
    for k in range(i + 1, min(i + MAX_HEADER_CELLS, len(cells))):
        cell = cells[k]
        if len(cell.lines) != 1 or len(cell.key) > MAX_HEADER_CELL or _figure(cell) is not None or " " in cell.key:
            break
        role = lex.role_of(cell.key)
        if role in _VALUE_ROLES:
            values.append((role, parse_year(cell.key)))
            end = k
        elif role is None and not values:
            texts += 1
        else:
            break
    if len(values) < 2 or not any(role in ("target", "actual") for role, _ in values):
        return None
    return texts, end - i + 1, values


def blank_cell_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of tables printed one cell per line with blank lines between cells, but those ``known``."""
    cells = _cells(lines)
    new = NewRows(known)
    shapes: set[tuple[tuple[str, int | None], ...]] = set()  # the headers of tables read
    i = 0
    while i < len(cells):
        header = _header(cells, i)
        if header is None:
            i += 1
            continue
        texts, width, values = header
        i += width
        table: list[IndicatorRow] = []
        while i < len(cells) and _header(cells, i) is None:
            words: list[_Cell] = []
            while i < len(cells) and _figure(cells[i]) is None and _header(cells, i) is None:
                if not _aside(cells[i]):
                    words.append(cells[i])
                i += 1
            figures: list[tuple[str, _Cell]] = []
            while i < len(cells) and (_aside(cells[i]) or (f := _figure(cells[i])) is not None):
                if not _aside(cells[i]):
                    figures.append((f, cells[i]))
                i += 1
            if not texts < len(words) <= texts + 2 or len(figures) != len(values) or len(words[0].key) > MAX_NAME:
                continue
            row = _row(words[0], figures, values)
            if row is not None:
                table.append(row)
        if len(table) >= MIN_ROWS or tuple(values) in shapes:  # a table continued under another caption
            shapes.add(tuple(values))
            for row in table:
                new.add(row)
    return new.rows


def _row(name: _Cell, figures: list[tuple[str, _Cell]], values: list[tuple[str, int | None]]) -> IndicatorRow | None:
    row = IndicatorRow(name="", origin=origin_of(name.lines[0]))
    set_name(name.key, row)
    if not row.name or parse_quantity(row.name).kind != "word":
        return None
    units = {parse_quantity(f).unit for f, _ in figures if f}
    if len(units) > 1:
        return None  # figures of different units: not one indicator's
    for (figure, cell), (role, year) in zip(figures, values):
        if not figure or role == "actual" and year is None:
            continue
        put_value(row, role, year, figure, origin=origin_of(cell.lines[0]))
    infer(row)
    return row if row.baseline is not None or row.target is not None or row.actuals else None
