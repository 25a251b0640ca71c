"""A laid-out header over several lines whose pieces are matched with their columns in order.

Text a PDF extractor laid out (``pdftotext -layout``) places each line's words by that line's own
measure, so the pieces of one header cell printed over two or three lines drift apart: a line of
wide kanji runs further right than the line of years under it, and a piece may stand under the
neighbouring column::

    指標名        単位   基準値（令     令和 4 年   令和 5 年   目標値（令
                           和 3 年度）   度実績      度実績      和 9 年度）

Before lines are collapsed, such a header is read by order rather than by place. Its top line
holds value cells — role words of ``lexicon/headers.toml`` naming a baseline, actuals, an interim
target or a target, and years (whole or broken, ``令和 3 年``) — and header words of other columns
(指標名, 単位, 達成率); each lower line, down to the first line printing a figure, is matched with
the value cells:

- as many value pieces as value cells: one each, in order (a year under the same year in another
  calendar, ``2020`` over ``R2``, says it again);
- pieces that only finish a year (``度``, ``年度）``), as many as the cells still ending in an
  unfinished year (``令和 2 年``) or an open bracket: one each of those, in order;
- years under role words only, one of them naming actuals, more years than words: the baseline
  word takes the first year, the target word the last, the actual word each year between (a
  column of its own);
- header words of other columns (指標名 單位 under nothing, 達成率 beside): cells of their own,
  before the value cells or after them as their middle stands left or right of the top line's;
  a year printed under the column after the value cells, more than under the last of them, dates
  that column (達成率 over （R5））.

Years or value words under the middle of none of the top line's value cells (基準値 and 目標値 over
令和5年度 令和6年度 printed between them; a one-line 基準値 cell centred beside two-line cells) are
columns of their own, put in by their places; a lower
line of fewer pieces than cells, each under the middle of one cell, is stacked in those cells.

A run of bracketed years parted by single spaces (``（令和1年度） （令和2年度）``) is one year a
cell. A label column's word (区分, whose cells say 目標 or 実績) printed between the value cells goes
in by its place. A lower line that fits none of these leaves the header as printed, for the
readings by place.

Places are counted by printed width (a wide character two). ``pdftotext -layout`` gives every
character one place, so a header whose top line holds role words alone, over lines of other
columns' words and years (no role word among them), that matches nothing by width is tried again
with each character one place: there the years stand between the role words and the bracketed
years under them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from keikaku.importer.lexicon import header_words
from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import _beside_word, _stack, cells_of, spaced_line
from keikaku.importer.wrappedheader import cells_of as char_cells
from keikaku.importer.values import parse_year_in

_VALUE_ROLES = frozenset({"baseline", "actual", "target", "interim"})
_ERA_YEAR = re.compile(r"(?:令和|平成|昭和|和|成|[RHＲＨ])?\s*[0-9０-９元]{1,4}\s*年")
_DIGIT = re.compile(r"[0-9０-９]")
_FINISH = re.compile(r"^(?:年?度|年度?[)）]|[)）])")  # a piece that only finishes the year above it
_SPACED_YEAR = re.compile(r"(令和|平成|昭和)\s*([0-9０-９元]{1,2})\s*年")  # 令和 2 年 as the cell means it
_LOWER_LINES = 3  # header lines under the top one

Cell = tuple[int, int, str]


def _year(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not rest.strip("()（） ")


def _header_piece(cell: str) -> bool:
    """A piece of a header cell: no figure but a year's (whole or broken) or a number column's word."""
    return not _DIGIT.search(_ERA_YEAR.sub("", cell)) or _year(cell)


def _value_piece(cell: str) -> bool:
    if _beside(cell):
        return False
    return (_DIGIT.search(cell) is not None or _ERA_YEAR.search(cell) is not None  # 令和元年
            or header_words().role_of(cell) in _VALUE_ROLES or bool(_FINISH.match(cell)))


def _beside(cell: str) -> bool:
    """A header word of a column holding no figure's role (指標名, 単位, 達成率, No.)."""
    return not _DIGIT.search(cell) and header_words().role_of(cell) not in _VALUE_ROLES and (
        _beside_word(cell) or cell.rstrip(".") in ("No", "NO", "番号"))


def _label(cell: str) -> bool:
    """The header word of a label column (区分: its cells say 目標 or 実績 row by row)."""
    return header_words().role_of(cell) == "label"


def _split_years(cells: tuple[tuple[int, int, str], ...]) -> list[tuple[int, int, str]]:
    """The cells with a run of years parted by single spaces cut into one year a cell."""
    out = []
    for start, end, cell in cells:
        words = cell.split(" ")
        if len(words) > 1 and all(_year(w) for w in words):
            out.extend((start, end, w) for w in words)
        else:
            out.append((start, end, cell))
    return out


def _unfinished(cell: str) -> bool:
    return cell.endswith("年") or cell.count("（") + cell.count("(") > cell.count("）") + cell.count(")")


def _spanned(values: list[str], years: list[str]) -> list[str] | None:
    """Role words over more years: baseline first, target last, the actual word over each year between."""
    lex = header_words()
    roles = [lex.role_of(v) for v in values]
    order = ["baseline", "actual", "target"]
    if any(_DIGIT.search(v) for v in values) or roles.count("actual") != 1 or any(r not in order for r in roles):
        return None
    if roles != sorted(roles, key=order.index) or len(roles) != len(set(roles)) or not all(_year(y) for y in years):
        return None
    out = []
    rest = list(years)
    if roles[0] == "baseline":
        out.append(values[0] + rest.pop(0))
    last = values[-1] + rest.pop() if roles[-1] == "target" else None
    if not rest:
        return None
    out.extend(y + values[roles.index("actual")] for y in rest)
    if last is not None:
        out.append(last)
    return out


def _matched(values: list[str], pieces: list[str], spans: list[tuple[int, int]], placed: list[tuple[int, int]],
             *, by_place: bool = True) -> list[str] | None:
    """The value cells with a lower line's pieces (``placed`` where printed) put in; ``spans``, where
    the value cells stand, while they are the top line's."""
    if len(pieces) == len(values) and _in_turn(spans, placed):
        return [_stack(v, p) for v, p in zip(values, pieces)]
    open_cells = [k for k, v in enumerate(values) if _unfinished(v)]
    if all(_FINISH.match(p) for p in pieces) and len(open_cells) == len(pieces):
        out = list(values)
        for k, p in zip(open_cells, pieces):
            out[k] += p
        return out
    if len(pieces) > len(values):
        return _spanned(values, pieces)
    return _under(values, pieces, spans, placed) if by_place else None


def _middle_in(piece: tuple[int, int], span: tuple[int, int]) -> bool:
    return span[0] <= (piece[0] + piece[1]) / 2 <= span[1]


def _between(values: list[str], spans: list[tuple[int, int]], pieces: list[str],
             placed: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]] | None:
    """Years or value words printed under the middle of none of the value cells of the line above (基準値
    … 目標値 over 令和5年度 令和6年度 standing between; 基準値 基準年度 one line cells centred beside
    two-line ones): columns of their own, put in by their places."""
    if len(spans) != len(values) or len(spans) < 2 or len(set(placed)) != len(placed):
        return None  # pieces cut from one run of years share its place: they have none of their own
    lex = header_words()
    if not all(_year(p) or lex.role_of(p) in _VALUE_ROLES or _label(p) for p in pieces):
        return None
    if any(any(_middle_in(at, span) or _overlap(at, (*span, "")) * 2 > at[1] - at[0] for span in spans) for at in placed):
        return None
    middles = [((a + b) / 2, (a + b) / 2) for a, b in placed]  # a cell of one line: nothing under it is its own
    cells = sorted([*zip(spans, values), *zip(middles, pieces)])
    return [c for _, c in cells], [at for at, _ in cells]


def _under(values: list[str], pieces: list[str], spans: list[tuple[int, int]], placed: list[tuple[int, int]]) -> list[str] | None:
    """Fewer pieces than cells, each printed under the middle of one cell of its own (a bracketed
    year under its role word, none under the years between): stacked in those cells."""
    if len(spans) != len(values):
        return None
    out = list(values)
    used: set[int] = set()
    for piece, at in zip(pieces, placed):
        under = [k for k, span in enumerate(spans) if _middle_in(at, span)]
        if len(under) != 1 or under[0] in used:
            return None
        used.add(under[0])
        out[under[0]] = _stack(out[under[0]], piece)
    return out


def _in_turn(spans: list[tuple[int, int]], placed: list[tuple[int, int]]) -> bool:
    """Pieces one under each value cell, as far as printed places tell: the first opens before the
    second cell, the last ends after the cell before the last (years under one 実績値 centred over
    them, baseline and target with none, are no such pieces)."""
    if len(spans) != len(placed):
        return True  # the cells were spread over years by a line above: their places are not printed
    return placed[0][0] < spans[1][0] and placed[-1][1] > spans[-2][1]


def _overlap(piece: tuple[int, int], cell: tuple[int, int, str]) -> int:
    """How many printed columns a piece shares with a cell of the top line."""
    return max(0, min(piece[1], cell[1]) - max(piece[0], cell[0]))


def _header(lines: list, i: int, cells_of: Callable[[str], Sequence[Cell]] = cells_of) -> tuple[str, int] | None:
    """The header whose top line is ``lines[i]``, as one line, and how many lower lines it took;
    ``cells_of`` places the cells (by printed width, or one place a character)."""
    top = cells_of(lines[i].text)
    if len(top) < 2 or not all(_header_piece(c) and (_value_piece(c) or _beside(c)) for _, _, c in top):
        return None
    value_at = [k for k, (_, _, c) in enumerate(top) if _value_piece(c)]
    if len(value_at) < 2 or not any(header_words().role_of(top[k][2]) in _VALUE_ROLES for k in value_at):
        return None
    values = [top[k][2] for k in value_at]
    spans = [(top[k][0], top[k][1]) for k in value_at]
    left, right = top[value_at[0]][0], top[value_at[-1]][1]
    before: list[str] = []
    after: list[str] = []
    dated: list[str] = []  # years printed under the first column after the value cells
    taken = 0
    for j in range(i + 1, min(len(lines), i + 1 + _LOWER_LINES)):
        line = lines[j]
        cells = cells_of(line.text) if spaced_line(line) else ()
        if not cells or not all(_header_piece(c) and (_beside(c) or _value_piece(c)) for _, _, c in cells):
            break  # the first row, or a name's first line
        pieces = []
        placed = []
        for start, end, cell in _split_years(cells):
            if _beside(cell) and not (_label(cell) and left < (start + end) / 2 < right):
                middle = (start + end) / 2
                if middle < left:
                    before.append(cell)
                elif middle > right:
                    after.append(cell)
                else:
                    return None
            elif value_at[-1] + 1 < len(top) and _overlap((start, end), top[value_at[-1] + 1]) > _overlap((start, end), top[value_at[-1]]):
                dated.append(cell)  # a year under the column after the value cells (達成率 over （R5）): its own
            else:
                pieces.append(cell)
                placed.append((start, end))
        if pieces and (inserted := _between(values, spans, pieces, placed)) is not None:
            values, spans = inserted
        elif any(_label(p) for p in pieces):
            return None  # a label column's word goes in by its place or not at all
        elif pieces:  # by place only on a line of value pieces alone (番号 beside them is another column's piece)
            values = _matched(values, pieces, spans, placed, by_place=not any(_beside(c) for _, _, c in cells))
            if values is None:
                return None
        taken += 1
    if not taken or not any(_DIGIT.search(lines[k].text) for k in range(i + 1 + taken, min(len(lines), i + 4 + taken))):
        return None
    if value_at != list(range(value_at[0], value_at[-1] + 1)):
        return None
    if len(dated) > 1:
        return None
    cells = [c for _, _, c in top[:value_at[0]]] + before + [_SPACED_YEAR.sub(r"\1\2年", v) for v in values]
    later = [c for _, _, c in top[value_at[-1] + 1:]]
    if dated:
        later[0] = _stack(later[0], dated[0])
    return "  ".join(cells + later + after), taken


def _roles_over_years(lines: list, i: int) -> bool:
    """A top line of role words only over lines of other columns' words and years, none a role word
    (基準値 実績値 目標値 / 指標名 単位 / R2 R3 …): a header whose years may be placed one character a
    place, each under or between the role words."""
    top = cells_of(lines[i].text)
    lex = header_words()
    if len(top) < 2 or not all(not _DIGIT.search(c) and lex.role_of(c) in _VALUE_ROLES for _, _, c in top):
        return False
    for j in range(i + 1, min(len(lines), i + 1 + _LOWER_LINES)):
        cells = cells_of(lines[j].text) if spaced_line(lines[j]) else ()
        if not cells or any(_DIGIT.search(c) and not _year(c) for _, _, c in cells):
            return j > i + 1
        if any(not _DIGIT.search(c) and lex.role_of(c) in _VALUE_ROLES for _, _, c in cells):
            return False
    return True


def join_ordered_headers(doc: RawDocument) -> RawDocument:
    """``doc`` with every laid-out header over several lines whose pieces match its columns in order
    joined into its top line."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        if not spaced_line(line) or not line.text.strip() or "  " not in line.text.strip():
            continue
        found = _header(lines, i)
        if found is None and _roles_over_years(lines, i):  # pdftotext -layout gives each character one place
            found = _header(lines, i, char_cells)
        if found is None:
            continue
        text, taken = found
        lines[i] = replace(line, text=text)
        for j in range(i + 1, i + 1 + taken):
            lines[j] = replace(lines[j], text="")
        changed = True
    return replace(doc, lines=lines) if changed else doc
