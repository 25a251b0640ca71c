"""A row's name wrapped over two or three lines under its own figures, in a spaced table.

A PDF producer prints a long name cell over as many lines as its width needs; when the row's
figures stand on the first line, the lines under it hold the rest of the name, one piece each
(``地区防災訓練  人  1,850 …`` / ``への延べ参加`` / ``者数``). ``nametail.py`` puts back one
such piece when it opens with a particle; this stage reads the wider shapes, before any other
stage reads the pieces as names or headings of their own:

- a run of one or two pieces, each a line of one short cell standing at the column where the
  row's name opens (or at the line's left edge when the name is the row's first cell: a plain
  extraction does not indent the rest of a cell), opening with no figure unless the text before
  it ends in one (a number cut in two);
- the run is not taken when the line after it holds figures and no name and the line after that
  is a piece again: the run's last line may open the name of that centred row (``centredrow.py``);
- the name and its run, or else its first piece, read as one name: the run opens like no word opens (a particle, a small
  kana, a closing bracket), or the name ends like no name ends (a particle, 、, an open bracket),
  or the run ends like a name (``name_endings``) when the name does not, or closes a bracket the
  name opened (``要介護認定率（75`` / ``歳以上）``), or is one bracketed qualifier (``（年間）``).

A name wrapped over three lines with the row's figures on the middle one (centred on the cell's
height) has its first line right above the row and its last right under it, the line after that
blank or the next name's first line; the three read as one name as above (the row's other cells
move right when the gap after the name is too narrow: no later stage puts such a name back).

Header cells, headings and notes (``※``, ``注``) are never pieces. The run's width is taken out of
the gap after the name, which must keep two spaces: the row's other cells keep their columns (a
row whose gap is too narrow keeps its line, its pieces joined into one line under it when that
is short enough for ``nametail.py`` to put back once the columns are read; unless its pieces stand at the left edge:
that text keeps no columns for them). The pieces' lines are taken
out, so a line that goes on with the row (実績 under 目標) stays next to it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import fold_key, header_words, name_endings, structure
from keikaku.importer.nametail import TAIL_LENGTH
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of, lone_cell, spaced_line
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import printed_width

_CONTINUES = "のをにがへやでとはもぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー)）」』】〕、"
_OPEN_ENDS = "のをにがへやと、・(（"  # a name does not end on these: its cell goes on
_FIGURE = re.compile(r"[0-9０-９]")
_WORD = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # a name holds a word (1日8,000歩 opens with a figure)
_FIGURE_CELL = re.compile(r"^[△▲▼約]?[0-9０-９]")
_NUMBER_CELL = re.compile(r"(?:No\.?)?[0-9０-９]{1,3}\.?")
_MARKER = re.compile(r"(?:[①-⑳・●○◆◇]|[(（][0-9０-９]{1,2}[)）])[ \u3000]*")
_BRACKET_END = re.compile(r"\([^()]*\)$")
_WHOLE_BRACKET = re.compile(r"\([^()]{1,10}\)")
_NOTE = re.compile(r"^[※＊*]|^[(（]?注[0-9０-９]*[)）:：\s]|^(?:出典|資料)[:：]")
_SENTENCE = re.compile(r"[。．]$")
_HEADING = re.compile(rf"^(?:{structure().level_pattern()})|^[■□◆◇●○【＜<〔\[第]")
MIN_NAME = 3  # characters of a name's first line (a unit cell, 人 or 件, opens a row of figures too)
MAX_PIECES = 2  # lines of a name after its first
MAX_PIECE = 16  # characters of one piece: a longer line is a name or a sentence of its own
_SLACK = 2  # printed columns a piece may open apart from the name


def _name_cell(row: tuple[tuple[int, int, str], ...]) -> tuple[int, int]:
    """The index of the row's name cell and the printed column its words open at: after a number
    column (``4   name``) the second cell; after a marker in the cell (``③ name``) the marker's end."""
    if len(row) > 3 and _NUMBER_CELL.fullmatch(row[0][2]):
        return 1, row[1][0]
    marker = _MARKER.match(row[0][2])
    return 0, row[0][0] + (printed_width(marker.group(0)) if marker else 0)


def _piece(line: RawLine, after: str = "") -> tuple[int, str] | None:
    """The column and text of a line that may be a piece of a name (after ``after``): one short
    cell, no figure opening it unless ``after`` ends in one (a number cut in two), no note, heading,
    header word or sentence."""
    cell = lone_cell(line)
    if cell is None:
        return None
    start, _, text = cell
    key = fold_key(text)
    if (len(text) > MAX_PIECE or _FIGURE_CELL.match(text) and not _FIGURE.search(after[-1:]) or len(_FIGURE.findall(text)) > 2 or _NOTE.match(key)
            or _SENTENCE.search(key) or _HEADING.match(key) or header_cell(key)):
        return None
    return start, text


def header_cell(key: str) -> bool:
    """A folded cell that is one header word (指標名, 目標値, 達成率), maybe bracketed: a name that
    only holds one (環境基準達成率) is no header."""
    role = header_words().role_of(key)
    return role is not None and key.strip("()") in header_words().words(role)


def _ends_name(text: str) -> bool:
    return _BRACKET_END.sub("", fold_key(text)).endswith(name_endings())


def _open_brackets(text: str) -> int:
    key = fold_key(text)
    return key.count("(") - key.count(")")


def _reads_on(name: str, run: list[str]) -> bool:
    """Whether ``run`` ends the name ``name`` opens (see the module)."""
    rest = "".join(run)
    if run[0][0] in _CONTINUES or name[-1] in _OPEN_ENDS or _WHOLE_BRACKET.fullmatch(fold_key(rest)):
        return True
    if _ends_name(rest) and not _ends_name(name):
        return True
    return _open_brackets(name) > 0 and _open_brackets(name + rest) == 0


def _nameless_row(line: RawLine, begin: int) -> bool:
    """A line of two figures or more whose cells all stand right of the name's column ``begin``."""
    if not spaced_line(line):
        return False
    cells = cells_of(line.text)
    return (len(cells) >= 2 and cells[0][0] > begin + _SLACK
            and sum(1 for _, _, c in cells if parse_quantity(c).kind == "number" and parse_year_in(c)[1] is None) >= 2)


def _piece_at(line: RawLine, begin: int) -> bool:
    piece = _piece(line)
    return piece is not None and abs(piece[0] - begin) <= _SLACK


def _run_of(lines: list[RawLine], i: int, name: str, begin: int, column: int, first: bool) -> tuple[list[str], bool] | None:
    """The pieces under the row ``i`` whose name stands at ``begin`` (its words at ``column``), and
    whether they stand at the left edge under an indented name (an extraction that keeps no columns)."""
    run: list[str] = []
    flush = False
    j = i + 1
    while j < len(lines) and len(run) <= MAX_PIECES:
        piece = _piece(lines[j], run[-1] if run else name)
        if piece is None:
            break
        start, text = piece
        if min(abs(start - begin), abs(start - column)) > _SLACK:
            if not (first and start == 0):
                break
            flush = True
        run.append(text)
        j += 1
    if not run or len(run) > MAX_PIECES:
        return None
    if j + 1 < len(lines) and _nameless_row(lines[j], begin) and _piece_at(lines[j + 1], begin):
        return None  # the run's last piece may open the name of a row centred on that line
    return run, flush


def join_name_runs(doc: RawDocument) -> RawDocument:
    """``doc`` with each name wrapped under its row's figures put back into the row (see the module)."""
    lines = list(doc.lines)
    taken: set[int] = set()
    for i in range(len(lines) - 1):
        line = lines[i]
        if not spaced_line(line) or not lines[i + 1].text.strip():
            continue
        row = cells_of(line.text)
        if len(row) < 3:
            continue
        k, column = _name_cell(row)
        name = row[k][2]
        if len(name) < MIN_NAME or not _WORD.search(name) or not any(_FIGURE.search(c) for _, _, c in row[k + 1:]):
            continue
        at = _cell_end(line.text, row, k)
        marker = _MARKER.match(name)
        words = name[marker.end():] if marker else name  # the words open after a marker
        centred = _centred(lines, i, row[k][0], column, words)
        if centred is not None:
            head, tail = centred
            start = at - len(words)
            text = _joined(line.text[:start] + head + words + tail, line.text[at:], head + tail, spread=True)
            lines[i] = replace(line, text=text)
            lines[i - 1], lines[i + 1] = replace(lines[i - 1], text=""), replace(lines[i + 1], text="")
            taken.update((i - 1, i + 1))
            continue
        found = _run_of(lines, i, name, row[k][0], column, k == 0)
        if found is None:
            continue
        # the whole run, else its first piece (the second may open the next row's name)
        run = next((found[0][:n] for n in range(len(found[0]), 0, -1) if _reads_on(name, found[0][:n])), None)
        if run is None:
            continue
        flush = found[1]
        rest = "".join(run)
        if not _fits(line.text[at:], rest) and not flush:
            # the cells after the name would leave their columns, which later stages read: the
            # pieces become one line, which ``nametail`` puts back once the columns are read
            if len(run) > 1 and len(rest) <= TAIL_LENGTH:
                lines[i + 1] = replace(lines[i + 1], text=lines[i + 1].text.rstrip() + "".join(run[1:]))
                lines[i + 2] = replace(lines[i + 2], text="")
                taken.add(i + 2)
            continue
        lines[i] = replace(line, text=_joined(line.text[:at] + rest, line.text[at:], rest))
        for j in range(i + 1, i + 1 + len(run)):
            lines[j] = replace(lines[j], text="")
            taken.add(j)
    return replace(doc, lines=[line for k, line in enumerate(lines) if k not in taken]) if taken else doc


def _centred(lines: list[RawLine], i: int, begin: int, column: int, name: str) -> tuple[str, str] | None:
    """The first and last lines of a name wrapped over three lines around its row ``i`` (the
    figures centred on the cell's height): a piece right above the row and one right under it, at
    the name's column, the line after that blank or another name's first line."""
    if i == 0 or i + 1 >= len(lines):
        return None
    above, below = _piece(lines[i - 1]), _piece(lines[i + 1])
    if above is None or below is None:
        return None
    if any(min(abs(start - begin), abs(start - column)) > _SLACK for start in (above[0], below[0])):
        return None
    after = lines[i + 2] if i + 2 < len(lines) else None
    if after is not None and after.text.strip() and _piece(after) is None:
        return None
    if not _reads_on(above[1], [name, below[1]]):
        return None
    return above[1], below[1]


def _fits(right: str, text: str) -> bool:
    """Whether the gap ``right`` opens with can give ``text``'s width and keep two spaces."""
    return len(right) - len(right.lstrip(" ")) - 2 >= printed_width(text)


def _joined(left: str, right: str, added: str, *, spread: bool = False) -> str:
    """``left + right`` with ``added``'s width taken out of the gap ``right`` opens with, keeping
    two spaces; with ``spread``, what that gap cannot give out of the next gaps in turn: the cells
    after the name move no further than they must, the figures keep their columns where they can."""
    owed = printed_width(added)
    parts = re.split(r"( {3,})", right)  # the gaps stand at the odd places
    for k in range(1, len(parts) if spread else min(2, len(parts)), 2):
        if k > 1 or parts[0] == "":
            cut = min(owed, len(parts[k]) - 2)
            parts[k] = parts[k][cut:]
            owed -= cut
    return left + "".join(parts)


def _cell_end(text: str, row: tuple[tuple[int, int, str], ...], k: int) -> int:
    """The index in ``text`` right after the row's ``k``-th cell."""
    at = 0
    for _, _, cell in row[:k + 1]:
        at = text.index(cell, at) + len(cell)
    return at
