"""A name cell wrapped over two lines, wherever its column stands and whichever line holds the figures.

A PDF producer prints a long name over two lines of its cell; an extractor gives the two lines
apart. ``nametail.py`` puts back a tail wrapped under a row's first cell; this stage reads the
other shapes the same wrap takes:

- the tail under any text cell of a spaced row of two cells or more (``… 所管課  施設の延べ  人
  350 …`` / ``利用者数`` under ``施設の延べ``), or of a bulleted name whose figures share one cell;
- the head above: a line with no figure whose last cell stands at the column where the next
  line's first cell opens, that next line holding figures (``講座の延べ`` / ``参加者数  人  80 …``);
- in a ruled table (``|``, ``│``), a row whose cells are all empty but the name's: the end of the
  name of the row above, or the start of the name of the row below.

Which row a piece belongs to is read from how a name opens and ends: a piece that opens like no
word opens (a particle, a small kana, ー, ン, a closing bracket) continues a name; a piece that ends
like a name (``name_endings``: 率, 割合, 数 …) under a cell that does not completes that cell; a
piece that does not end like a name before a cell that opens like none, or that ends like one,
starts it. Header cells (指標名, 目標値 …) are never joined to a row.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import fold_key, header_words, name_endings, structure
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of
from keikaku.importer.width import printed_width

_CONTINUES = "のをにがへやでとはもぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーン)）」』】〕、"
_FIGURE = re.compile(r"[0-9０-９]")
_FIGURE_CELL = re.compile(r"^[△▲▼約]?[0-9０-９]")
_BRACKET_END = re.compile(r"\([^()]*\)$")
_WHOLE_BRACKET = re.compile(r"\([^()]{1,10}\)")
_MARKER = re.compile(r"^(?:[・●○◆◇■□▪①-⑳]|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．])[ \u3000]*")
_RULE = re.compile(r"[|│┃]")
_HEADING = re.compile(rf"^(?:{structure().level_pattern()})|^[■□◆◇●○【＜<〔\[第]")
_PIECE_LENGTH = 20  # characters: a longer line is a name or a sentence of its own
_SLACK = 2  # printed columns the two lines may open apart



def _opens_on(text: str) -> bool:
    return bool(text) and text[0] in _CONTINUES


_NOTE_MARK = re.compile(r"\s*[※＊*][0-9０-９]{0,2}$")  # a footnote's mark after a name (割合 ※1)


def _ends_name(text: str) -> bool:
    return _BRACKET_END.sub("", _NOTE_MARK.sub("", fold_key(text))).endswith(name_endings())


def _tail_of(piece: str, cell: str) -> bool:
    """``piece`` ends the name ``cell`` opens."""
    if _FIGURE_CELL.match(cell) or _is_header(cell):
        return False
    return (_opens_on(piece) or (_ends_name(piece) and not _ends_name(cell))
            or bool(_WHOLE_BRACKET.fullmatch(fold_key(piece))))


def _head_of(piece: str, cell: str) -> bool:
    """``piece`` opens the name ``cell`` ends."""
    if _FIGURE_CELL.match(cell) or _is_header(piece) or _is_header(cell) or _ends_name(piece):
        return False
    return _opens_on(cell) or _ends_name(cell)


def _is_header(cell: str) -> bool:
    """A header cell or a heading: never part of a row's name."""
    key = fold_key(cell)
    return header_words().role_of(key) is not None or bool(_HEADING.match(key))


def _piece(text: str) -> bool:
    """A short cell with no figure (a name's count, ``4回以上の割合``, may hold one or two)."""
    return 0 < len(text) <= _PIECE_LENGTH and len(_FIGURE.findall(text)) <= 2 and not _FIGURE_CELL.match(text)


def _words_at(start: int, cell: str) -> int:
    marker = _MARKER.match(cell)
    return start + (printed_width(marker.group(0)) if marker else 0)


def _at(column: int, start: int, cell: str) -> bool:
    return min(abs(column - start), abs(column - _words_at(start, cell))) <= _SLACK


def _spaced_tail(line: RawLine, above: RawLine) -> RawLine | None:
    """``above`` with ``line`` (one piece under one of its text cells) put back into that cell."""
    tail = cells_of(line.text)
    if len(tail) != 1 or not _piece(tail[0][2]):
        return None
    row = cells_of(above.text)
    if len(row) < 2:
        return None
    start, _, piece = tail[0]
    for k, (begin, _, cell) in enumerate(row):
        if _at(start, begin, cell) and _tail_of(piece, cell) and any(_FIGURE.search(c) for _, _, c in row[k + 1:]):
            at = _cell_end(above.text, row, k)
            if len(row) > 2 and not _absorbs(above.text[at:], printed_width(piece)):
                return None  # the cells after it would leave their columns, which later stages read
            return replace(above, text=_closed(above.text[:at] + piece, above.text[at:], printed_width(piece)))
    return None


def _spaced_head(line: RawLine, above: RawLine) -> RawLine | None:
    """``line`` with the piece ``above`` ends with (the head of its first cell) put before that cell."""
    head, row = cells_of(above.text), cells_of(line.text)
    if not head or len(row) < 2 or any(_FIGURE.search(c) for _, _, c in head):
        return None
    start, _, piece = head[-1]
    begin, _, cell = row[0]
    if (not _piece(piece) or not _at(start, begin, piece) and not _at(begin, start, piece)
            or not any(_FIGURE.search(c) for _, _, c in row[1:]) or not _head_of(piece, cell)):
        return None
    at = line.text.index(cell) + len(cell)
    before = above.text[:above.text.rindex(piece)]
    width = printed_width(before + piece) - printed_width(line.text[:line.text.index(cell)])
    if len(row) > 2 and not _absorbs(line.text[at:], width):
        return None
    return replace(line, text=_closed(before + piece + cell, line.text[at:], width))


def _closed(left: str, right: str, width: int) -> str:
    """``left + right`` with ``width`` columns taken out of the gap ``right`` opens with, when it
    keeps two spaces: the cells right of a joined name stay in their columns."""
    gap = len(right) - len(right.lstrip(" "))
    return left + right[min(max(0, width), max(0, gap - 2)):]


def _absorbs(right: str, width: int) -> bool:
    """Whether the gap ``right`` opens with can give ``width`` columns and keep two spaces."""
    return len(right) - len(right.lstrip(" ")) - 2 >= width


def _cell_end(text: str, row: tuple[tuple[int, int, str], ...], k: int) -> int:
    at = 0
    for _, _, cell in row[:k + 1]:
        at = text.index(cell, at) + len(cell)
    return at


def _ruled_cells(text: str) -> list[str] | None:
    return _RULE.split(text) if _RULE.search(text) else None


def _ruled(lines: list[RawLine], i: int) -> bool:
    """Join the ruled row ``i`` holding one piece into the row above or below; True when done."""
    cells = _ruled_cells(lines[i].text)
    if cells is None:
        return False
    filled = [j for j, c in enumerate(cells) if c.strip()]
    if len(filled) != 1 or not _piece(cells[filled[0]].strip()):
        return False
    j, piece = filled[0], cells[filled[0]].strip()
    for other, tail in ((i - 1, True), (i + 1, False)):
        if not 0 <= other < len(lines) or lines[other].cells or lines[other].grid is not None:
            continue
        row = _ruled_cells(lines[other].text)
        if row is None or len(row) != len(cells) or not row[j].strip():
            continue
        if not any(_FIGURE.search(c) for k, c in enumerate(row) if k != j):
            continue
        cell = row[j].strip()
        if tail and _tail_of(piece, cell):
            row[j] = row[j].replace(cell, cell + piece, 1)
        elif not tail and _head_of(piece, cell):
            row[j] = row[j].replace(cell, piece + cell, 1)
        else:
            continue
        rule = _RULE.findall(lines[other].text)
        text = row[0] + "".join(r + c for r, c in zip(rule, row[1:]))
        lines[other] = replace(lines[other], text=text)
        lines[i] = replace(lines[i], text="")
        return True
    return False


def join_cell_wraps(doc: RawDocument) -> RawDocument:
    """``doc`` with the pieces of wrapped name cells put back together (see the module)."""
    lines = list(doc.lines)
    changed = False
    for i in range(len(lines)):
        line = lines[i]
        if line.cells or line.grid is not None or not line.text.strip():
            continue
        if _ruled(lines, i):
            changed = True
            continue
        if i == 0 or _RULE.search(line.text):
            continue
        above = lines[i - 1]
        if above.cells or above.grid is not None or not above.text.strip() or _RULE.search(above.text):
            continue
        joined = _spaced_tail(line, above)
        if joined is not None:
            lines[i - 1], lines[i] = joined, replace(line, text="")
            changed = True
            continue
        joined = _spaced_head(line, above)
        if joined is not None:
            lines[i - 1], lines[i] = replace(above, text=""), joined
            changed = True
    return replace(doc, lines=lines) if changed else doc
