"""A spaced header whose dated cells wrap in narrow columns: their pieces put back together.

A Word table with narrow columns wraps a header cell's year, and text a PDF extractor laid out
(``pdftotext -layout``) prints each piece on the next line under the one before::

    指標名      単位   基準値     区分   令和 3 年   令和 4 年   目標値
                       （令和 2          度          度          （令和 7
                       年度）                                    年度）

Before lines are collapsed, a cell of the line below that continues the cell it stands under — it
opens with 度 or a closing bracket (年度）, ）), or the cell above leaves a bracket open — is put
at the end of that cell, and so is a bracketed year under a role word (基準値 / （令和2年度）). The lower lines of such a header are read from the bottom up, so a
piece finished below (（令和 2 / 年度）) is one cell before its line is matched with the top one.
Only lines of header cells are read so: the top line holds a role word of ``lexicon/headers.toml``
and no figure other than a year's, and every cell of a lower line is a piece, a year or a header word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from keikaku.importer.lexicon import header_words
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of as width_cells
from keikaku.importer.stackedheader import spaced_line
from keikaku.importer.subcolumns import placed_line
from keikaku.importer.values import parse_year_in
from keikaku.importer.width import printed_width

MAX_LOWER = 2  # lines a header cell may wrap onto
NEAR = 2  # printed columns a piece may stand beside the cell it continues
_CONTINUES = re.compile(r"^(?:年?度|[)）])")
_BEFORE_BRACKET = re.compile(r" (?=[(（])")
_SPACES = re.compile(r"[ \u3000]+")
_OPEN = re.compile(r"[(（][^)）]*$")
_FIGURE = re.compile(r"[0-9０-９]")
_TRIGGER = re.compile(r"^\s+(?:年?度|[(（]|[)）])")  # a lower line opens with a piece or a bracket

_CELL = re.compile(r"\S+(?:[ \u3000]\S+)*")  # cells stand two spaces apart or more

Cell = tuple[int, int, str]


def cells_of(text: str) -> list[Cell]:
    """The cells of a spaced line with their first and last character's place: pdftotext lays a
    page out one character to a place, wide or not."""
    return [(m.start(), m.end(), m.group(0)) for m in _CELL.finditer(text)]


def _placed(cells: list[Cell]) -> str:
    out = ""
    for start, _, text in sorted(cells):
        out += " " * max(start - len(out), 2 if out else 0) + text
    return out


def _year(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not rest.strip("()（） ")


def _piece(upper: str, lower: str) -> bool:
    """Whether ``lower`` goes on from ``upper``: a piece of it, or the bracketed year of a role word."""
    if _CONTINUES.match(lower) or _OPEN.search(upper):
        return True
    return (lower.startswith(("(", "（")) and _year(lower) and parse_year_in(upper)[1] is None
            and not _FIGURE.search(upper) and header_words().role_of(upper) is not None)


def _lower_cell(cell: str) -> bool:
    return bool(_CONTINUES.match(cell)) or bool(_OPEN.search(cell)) or _year(cell) or (
        not _FIGURE.search(cell) and header_words().role_of(cell) is not None)


def _top(cells: list[Cell]) -> bool:
    lex = header_words()
    return (len(cells) >= 3 and any(not _FIGURE.search(c) and lex.role_of(c) is not None for _, _, c in cells)
            and all(not _FIGURE.search(c) or _year(c) or _OPEN.search(c) for _, _, c in cells))


def _over(cell: Cell, upper: list[Cell]) -> int | None:
    """The index of the cell of ``upper`` that ``cell`` stands under, or None."""
    best = max(((min(cell[1], u[1]) - max(cell[0], u[0]), k) for k, u in enumerate(upper)), default=None)
    return best[1] if best is not None and best[0] > -NEAR else None


def _misalignment(rows: list[list[Cell]]) -> int:
    """How far the cells of the lower lines open from the nearest cell of the line above (a cell's
    pieces open where it opens): how badly a way of counting printed columns fits the header."""
    return sum(min((abs(cell[0] - u[0]) for u in upper), default=0) for upper, lower in zip(rows, rows[1:]) for cell in lower)


def _merged(upper: list[Cell], lower: list[Cell], measure: Callable[[str], int]) -> tuple[list[Cell], list[Cell]] | None:
    """``upper`` with the pieces of ``lower`` put at the end of their cells, and what is left of
    ``lower``; None when no cell of ``lower`` is a piece."""
    top = list(upper)
    rest: list[Cell] = []
    joined = False
    for cell in lower:
        k = _over(cell, top)
        if k is not None and _piece(top[k][2], cell[2]):
            s, e, text = top[k]
            text = text + cell[2]
            if parse_year_in(text)[1] is not None:
                text = _SPACES.sub("", text)  # 令和 2 / 年度） as pdftotext spaces it: one date
            top[k] = (s, max(e, s + measure(text)), text)
            joined = True
        else:
            rest.append(cell)
    return (top, rest) if joined else None


def _rejoined(texts: list[str]) -> list[str] | None:
    """The header's lines with the pieces put back, or None when none is a piece.

    Laid-out text counts printed columns one way or the other: pdftotext gives every character
    one place, other extractors a wide character two. The way under which the cells of the lower
    lines open nearest to cells of the line above is taken (wide characters two on a tie).
    """
    ways = [(width_cells, printed_width, lambda cells: placed_line([(s, 0, c) for s, _, c in cells])),
            (cells_of, len, _placed)]
    cells_fn, measure, place = min(ways, key=lambda way: _misalignment([list(way[0](t)) for t in texts]))
    rows = [_split(list(cells_fn(t)), measure) for t in texts]
    if not _top(rows[0]) or not all(_lower_cell(c) for row in rows[1:] for _, _, c in row):
        return None
    joined = False
    for k in range(len(rows) - 1, 0, -1):  # from the bottom up
        merged = _merged(rows[k - 1], rows[k], measure)
        if merged is not None:
            rows[k - 1], rows[k] = merged
            joined = True
    return [place(cells) for cells in rows] if joined else None


def _split(cells: list[Cell], measure: Callable[[str], int]) -> list[Cell]:
    """Header words one space apart (単位 現状値), and pieces one space apart each opening a bracket
    ((令和 4 年 (令和 7 年), as cells of their own."""
    lex = header_words()
    out: list[Cell] = []
    for start, end, text in cells:
        parts = text.split(" ")
        if len(parts) < 2 or not all(not _FIGURE.search(p) and lex.role_of(p) is not None for p in parts):
            parts = _BEFORE_BRACKET.split(text)
            if len(parts) < 2 or not all(_lower_cell(p) for p in parts):
                out.append((start, end, text))
                continue
        for part in parts:
            out.append((start, start + measure(part), part))
            start += measure(part) + 1
    return out



def join_wrapped_headers(doc: RawDocument) -> RawDocument:
    """``doc`` with the wrapped pieces of every spaced header's cells put back (see the module)."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        if not spaced_line(line) or i + 1 >= len(lines) or not _TRIGGER.match(lines[i + 1].text):
            continue
        if not _top(cells_of(line.text)):
            continue
        texts = [line.text]
        for k in range(i + 1, min(len(lines), i + 1 + MAX_LOWER)):
            cells = cells_of(lines[k].text) if spaced_line(lines[k]) else []
            if not cells or not all(_lower_cell(c) for _, _, c in cells):
                break
            texts.append(lines[k].text)
        rejoined = _rejoined(texts) if len(texts) > 1 else None
        if rejoined is None:
            continue
        for k, text in enumerate(rejoined):
            lines[i + k] = replace(lines[i + k], text=text)
        changed = True
    return replace(doc, lines=lines) if changed else doc
