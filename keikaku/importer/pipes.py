"""Pipe tables whose rows an extractor broke over lines, rebuilt as grids.

A web page's table turned into pipe text (``name | 93.8 (H16) |`` / ``100 (H17) |`` / ``95.0 | A |``)
often prints a row over several lines, each ending with a pipe. The table's width is the most
cells any line holds (a rule line ``---|---|`` included); pieces are joined until they hold that
many cells. A piece that would overflow the row starts a new one, so the short row before it (the
second row of a merged header, or a row's second line) stands alone.

Merged cells: the header's second row (short, right under the first) names columns the first row
does not hold (a second target dated apart); a body row whose name cell is a figure or empty right
after a row (the second line of rows whose name spans two) gives its figures to those columns in
order. A row printed right above a rule line is a header (markdown puts the rule under a table's
first row): in the body it is a caption (a section's title), not an indicator.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell, Source
from keikaku.importer.values import parse_quantity, parse_year_in

_RULE = re.compile(r"[|:\s]*-{3,}[-|:\s]*")
_VALUE_ROLES = frozenset({"baseline", "target", "actual", "interim"})
_AIMS = frozenset({"target", "actual", "interim"})
_HEADER_LINES = 8  # lines a broken header row may cover
_REACH = 40  # lines within which a pipe table shows a row of three cells or a rule line


def _piece(line: Line) -> list[str] | None:
    """The cells a line holding a pipe-ended piece of a row prints (None for other lines)."""
    text = line.text.strip()
    if line.cells or not text.endswith("|"):
        return None
    return [c.strip() for c in text[:-1].split("|")]


def _is_rule(line: Line) -> bool:
    return _RULE.fullmatch(line.text.strip()) is not None


def pipe_header(lines: list[Line], i: int) -> bool:
    """Whether a pipe table's header row, maybe broken over lines, starts at ``lines[i]``.

    Its cells (joined until a rule line or a line without a closing pipe) name an indicator
    column and value columns, one of them a target or an actual; a line of three cells or a rule
    line follows within a few dozen lines (else the table is one cell per line).
    """
    if not lines[i].key.endswith("|") or _is_rule(lines[i]):
        return False
    if not any(_is_rule(line) or len(line.key.split("|")) > 3 for line in lines[i:i + _REACH]):
        return False  # one cell per line (``cell |``): the cell-list reading serves
    cells: list[str] = []
    for line in lines[i:i + _HEADER_LINES]:
        piece = _piece(line)
        if piece is None or _is_rule(line):
            break
        cells += piece
    lex = header_words()
    roles = [lex.role_of(c) for c in cells if c]
    if not roles or roles[0] != "name" and "name" not in roles[:2]:
        return False
    found = set(roles)
    return bool(found & _VALUE_ROLES) and bool(found & _AIMS)


def _cells(line: Line) -> list[str] | None:
    """The real cells of a line (tabs, or pipes: one pipe at either end opens or closes the row)."""
    if line.cells:
        return list(line.cells)
    text = line.text.strip()
    if text.count("|") < 2:
        return None
    return [c.strip() for c in text.removeprefix("|").removesuffix("|").split("|")]


def unnamed_header(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` is a header of real cells naming value columns only, its one empty cell
    (first, or printed last) over the names: the next row (after a rule line) opens with text and
    holds figures."""
    cells = _cells(lines[i])
    if cells is None or len(cells) < 3 or sum(not c for c in cells) != 1 or (cells[0] and cells[-1]):
        return False
    lex = header_words()
    roles = {lex.role_of(rest) if rest.strip("()（） ") else "year" for c in cells if c
             for rest in (parse_year_in(c)[0],)}
    if not roles & _AIMS or not roles <= _VALUE_ROLES | {"year"}:
        return False
    row = next((_cells(line) for line in lines[i + 1:i + 3] if not _is_rule(line)), None)
    return (row is not None and len(row) >= len(cells) - 1 and parse_quantity(row[0]).kind == "word"
            and any(_figure(c) for c in row[1:]))


def _rows(lines: list[Line]) -> list[tuple[list[str], Line, bool]] | None:
    """The rows the pieces make, each with its first line and whether a rule line follows it."""
    pieces: list[tuple[list[str] | None, Line]] = []
    for line in lines:
        if _is_rule(line):
            pieces.append((None, line))
            continue
        piece = _piece(line)
        if piece is None:
            if line.key.strip() and any(p is not None for p, _ in pieces):
                break  # text after the rows (a name the excerpt cut, a note): the table has ended
            if line.key.strip():
                return None
            continue
        pieces.append((piece, line))
    width = max((len(p) if p is not None else len(line.text.strip().strip("|").split("|")) for p, line in pieces), default=0)
    if width < 3 or not any(p is not None and len(p) < width for p, _ in pieces):
        return None  # not broken: the plain pipe reading serves
    rows: list[tuple[list[str], Line, bool]] = []
    cells: list[str] = []
    at: Line | None = None
    for piece, line in pieces:
        if piece is None:
            if cells and at is not None:
                rows.append((cells, at, True))
                cells, at = [], None
            elif rows:
                rows[-1] = (rows[-1][0], rows[-1][1], True)
            continue
        if cells and len(cells) + len(piece) > width and at is not None:
            rows.append((cells, at, False))
            cells, at = [], None
        cells = cells + piece
        at = at or line
        if len(cells) >= width:
            rows.append((cells[:width], at, False))
            cells, at = [], None
    if cells and at is not None:
        rows.append((cells, at, False))
    return rows


def _figure(text: str) -> bool:
    return parse_quantity(parse_year_in(text)[0]).kind in ("number", "empty")


def broken_pipe_grid(lines: list[Line]) -> Grid | None:
    """A pipe table whose rows are broken over lines, as a grid (None when it is not one)."""
    if not any(line.key.endswith("|") for line in lines[:3]):
        return None
    rows = _rows(lines)
    if rows is None:
        return None
    lex = header_words()
    start = next((k for k, (cells, at, _) in enumerate(rows) if pipe_header([_as_line(cells, at)], 0)), None)
    if start is None:
        return None
    header, first, _ = rows[start]
    width = len(header)
    name_col = next((k for k, c in enumerate(header) if lex.role_of(c) == "name"), 0)
    body = rows[start + 1:]
    extra: list[tuple[str, Line]] = []  # the header's second row: columns the first row does not hold
    sub_name = ""
    if body and len(body[0][0]) < width and not any(_figure(c) for c in body[0][0] if c):
        for c in body[0][0]:
            if c and lex.role_of(c) == "name" and not sub_name:
                sub_name = c
            elif c:
                extra.append((c, body[0][1]))
        body = body[1:]
    out = [GridCell(text, 0, k, source=_source(first)) for k, text in enumerate(header)]
    out += [GridCell(text, 0, width + k, source=_source(line)) for k, (text, line) in enumerate(extra)]
    if sub_name:
        out.append(GridCell(sub_name, 1, name_col, source=_source(first)))
    r = 2 if sub_name else 1
    last: int | None = None  # the grid row the previous indicator row sits on
    for cells, line, captioned in body:
        filled = [c for c in cells if c]
        if not filled:
            continue
        name = cells[name_col] if name_col < len(cells) else ""
        if not name or _figure(name):
            if last is not None and extra and len(filled) <= len(extra) and all(_figure(c) for c in filled):
                out += [GridCell(text, last, width + k, source=_source(line)) for k, text in enumerate(filled)]
            last = None
            continue
        if captioned and not any(_figure(c) for c in cells[name_col + 1:] if c):
            last = None
            continue  # a caption row over the rows below (a section's title)
        out += [GridCell(text, r, k, source=_source(line)) for k, text in enumerate(cells) if k < width]
        last = r
        r += 1
    first_body = 2 if sub_name else 1
    return Grid(tuple(out), r, width + len(extra), source=_source(first)) if r > first_body else None


def _as_line(cells: list[str], line: Line) -> Line:
    text = " | ".join(cells) + " |"
    return Line(text=text, key=text, index=line.index, source=line.source)


def _source(line: Line) -> Source:
    return line.source if line.source is not None else Source(line=line.index + 1)
