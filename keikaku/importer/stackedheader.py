"""A spaced table's header whose years or role words stand on a second line, under their cells.

Text a PDF extractor laid out (``pdftotext -layout``) prints a column's year under its role word,
or the role word under its year, on the next line, and often only for some columns::

    指標名       基準値        令和3年度   令和4年度   目標値        達成状況
                 (令和2年度)   実績        実績        (令和7年度)

Before lines are collapsed, such a pair is one header: every cell of the second line (a year or
a header word, no figure) joins the cell of the first line it stands under (the widest overlap
of printed columns, a wide character counting two); a cell under none stands as a cell of its
own. The first line must hold header words naming a baseline, a target or actuals, and no figure
other than a year; two cells of the second line under one cell leave both lines alone.

A first line of role words only, one of them naming actuals, over a second line with more year
cells than it has words (計画策定時 / 実績値 / 目標値 over 平成30年度, three years, 令和6年度) spans
them: the baseline word takes the first year, the target word the last, the actual word every
year between; the second line's other cells (指標, 評価) stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from keikaku.cache import text_memo
from keikaku.importer.lexicon import header_words, structure
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.roleovertime import role_over_time
from keikaku.importer.spreadheader import spread_header
from keikaku.importer.values import parse_year_in
from keikaku.importer.width import printed_width

_CELL = re.compile(r"\S+(?:[ \u3000]\S+)*")  # cells stand two spaces apart or more
_FIGURE = re.compile(r"[0-9０-９]")
_ROLES = frozenset({"baseline", "target", "actual"})


ROWS_REACH = 40  # lines under a spaced header within which its rows stand
Columns = TypeVar("Columns")


def spaced_line(line: RawLine) -> bool:
    """A line whose cells stand apart by spaces only: no reader's cells, no grid, no pipes."""
    return not (line.cells or line.grid is not None or "|" in line.text)


def lone_cell(line: RawLine) -> tuple[int, int, str] | None:
    """The one cell (first and last printed column, text) of a spaced line that holds one cell only, or None."""
    if not spaced_line(line):
        return None
    cells = cells_of(line.text)
    return cells[0] if len(cells) == 1 else None


def move_columns(doc: RawDocument, columns_of: Callable[[str], Columns | None],
                 moved: Callable[[str, Columns, bool], str | None], *, a_header_ends: bool = False) -> RawDocument:
    """``doc`` with the cells of some columns moved in every spaced table: under each spaced line whose
    ``columns_of`` names columns (its header), that line and the spaced lines within ``ROWS_REACH`` are
    rewritten by ``moved(text, columns, header)`` (None: left as printed). The rows end at a line
    that is not spaced, or, with ``a_header_ends``, at the next header."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        if not spaced_line(line) or not (columns := columns_of(line.text)):
            continue
        lines[i] = replace(line, text=moved(line.text, columns, True) or line.text)
        for j in range(i + 1, min(len(lines), i + 1 + ROWS_REACH)):
            row = lines[j]
            if not spaced_line(row) or (a_header_ends and columns_of(row.text)):
                break
            text = moved(row.text, columns, False)
            if text is not None:
                lines[j] = replace(row, text=text)
        changed = True
    return replace(doc, lines=lines) if changed else doc



@text_memo(4096, 512, context=False)  # the passes over spaced lines (names, years, departments, headers) each ask
def cells_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """The cells of a spaced line with their first and last printed column."""
    out = []
    at = width = 0  # the printed width of text[:at]
    for m in _CELL.finditer(text):
        width += printed_width(text[at:m.start()])
        cell = m.group(0)
        end = width + printed_width(cell)
        out.append((width, end, cell))
        at, width = m.end(), end
    return tuple(out)


def _year(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not rest.strip("()（） ")


_NUMBER_WORD = re.compile(r"^(?:番号|No\.?|NO\.?)$")  # a row number column's word under its column's name (施策 / 番号)


_YEAR_HEAD = re.compile(r"^([RHＲＨ][0-9０-９元]{1,2}|(?:令和|平成)[0-9０-９元]{1,2}年度?|(?:19|20)[0-9]{2}年度?)(\D+)$")


def _dated_word(cell: str) -> bool:
    """A header word with its year (``R5実績``, ``令和5年度目標``): a figure that is only a year."""
    m = _YEAR_HEAD.match(cell)
    return m is not None and _year(m.group(1)) and not _FIGURE.search(m.group(2)) and header_words().role_of(m.group(2)) is not None


def _word(cell: str) -> bool:
    return not _FIGURE.search(cell) and header_words().role_of(cell) is not None


def _spanned(upper: list[tuple[int, int, str]], lower: list[tuple[int, int, str]]) -> str | None:
    """Role words over more year cells than words: 計画策定時 / 実績値 / 目標値 over the baseline's
    year, the years of the actuals and the target's year; the actual word spans the years between."""
    lex = header_words()
    roles = [lex.role_of(c) for _, _, c in upper]
    if any(_FIGURE.search(c) for _, _, c in upper) or roles.count("actual") != 1:
        return None
    if any(r not in ("baseline", "actual", "target") for r in roles) or roles != sorted(roles, key=["baseline", "actual", "target"].index):
        return None
    years = [k for k, (_, _, c) in enumerate(lower) if _year(c)]
    if len(years) <= len(upper) or years != list(range(years[0], years[-1] + 1)):
        return None
    if not all(_word(c) for k, (_, _, c) in enumerate(lower) if k not in years):
        return None
    given = {}
    if roles[0] == "baseline":
        given[years.pop(0)] = upper[0][2]
    if roles[-1] == "target":
        given[years.pop()] = upper[-1][2]
    actual = upper[roles.index("actual")][2]
    cells = []
    for k, (_, _, c) in enumerate(lower):
        if k in given:
            cells.append(given[k] + c)
        elif k in years:
            cells.append(c + actual)
        else:
            cells.append(c)
    return "  ".join(cells)


def _words_beside(upper: list[tuple[int, int, str]], lower: list[tuple[int, int, str]]) -> bool:
    """The second line's extra cells are header words standing left or right of every upper cell (指標名 単位
    under nothing, then one year under each role word, maybe 方向 after them): they are cells of their own."""
    first, last = min(s for s, _, _ in upper), max(e for _, e, _ in upper)
    beside = [c for s, e, c in lower if e <= first or s >= last]
    return bool(beside) and len(lower) - len(beside) <= len(upper) and all(_beside_word(c) for c in beside)


def _beside_word(cell: str) -> bool:
    """A header cell of a column that holds no figure's role: a header word, a row number's word, or a
    plan level's word over a group column (分野, 基本目標)."""
    return _word(cell) or bool(_NUMBER_WORD.match(cell)) or cell in structure().level_words


def _joined(top: str, below: str) -> str | None:
    upper, lower = cells_of(top), cells_of(below)
    return _joined_cells(upper, lower) or spread_header(upper, lower) or role_over_time(upper, lower)


def _joined_cells(upper: list[tuple[int, int, str]], lower: list[tuple[int, int, str]]) -> str | None:
    if len(upper) >= 2 and len(lower) > len(upper) + 1:
        spanned = _spanned(upper, lower)
        if spanned is not None or not _words_beside(upper, lower):
            return spanned
    lex = header_words()
    if len(upper) < _fewest(upper) or not lower:
        return None
    if not all(_year(c) or _dated_word(c) or not _FIGURE.search(c) for _, _, c in upper):
        return None
    if sum(lex.role_of(c) in _ROLES for _, _, c in upper if not _FIGURE.search(c)) < 1:
        return None
    if not all(_year(c) or _beside_word(c) or _YEAR_SLOT.match(c) for _, _, c in lower):
        return None
    if not any(_year(c) or _YEAR_SLOT.match(c) for _, _, c in lower):
        return None
    under: dict[int, str] = {}
    alone: list[tuple[int, str]] = []
    for start, end, cell in lower:
        overlaps = [(min(end, e) - max(start, s), k) for k, (s, e, _) in enumerate(upper)]
        width, k = max(overlaps)
        if width <= 0:
            alone.append((start, cell))
        elif k in under:
            return None
        else:
            under[k] = cell
    cells = [(s, _stack(c, under.get(k, ""))) for k, (s, _, c) in enumerate(upper)] + alone
    return "  ".join(c for _, c in sorted(cells))


# a year's place left for the rows to fill, each row's year printed in its cell: 基準値 over (年度)
_YEAR_SLOT = re.compile(r"^[(（](?:年度|年|時点)[)）]$")


def _fewest(upper: list[tuple[int, int, str]]) -> int:
    """How many cells the first line needs: two when both are a baseline's, a target's or actuals'
    word (現状値 / 目標値 over their years), else three."""
    return 2 if all(header_words().role_of(c) in _ROLES for _, _, c in upper) else 3


def _stack(top: str, below: str) -> str:
    """A cell and the cell under it as one; a year under the same year in another calendar (2019 over
    R1, 2020 over 令和2年度) says it again, and the upper is kept alone."""
    if below and _year(top) and _year(below) and parse_year_in(top)[1] == parse_year_in(below)[1]:
        return top
    return top + below


def join_stacked_headers(doc: RawDocument) -> RawDocument:
    """``doc`` with every spaced header printed over two lines joined into its first line."""
    lines = list(doc.lines)
    changed = False
    for i in range(len(lines) - 1):
        top, below = lines[i], lines[i + 1]
        if top.cells or below.cells or top.grid is not None or below.grid is not None:
            continue
        if "|" in top.text or "|" in below.text or not top.text.strip() or not below.text.strip():
            continue
        joined = _joined(top.text, below.text)
        if joined is not None:
            lines[i] = replace(top, text=joined)
            lines[i + 1] = replace(below, text="")
            changed = True
    return replace(doc, lines=lines) if changed else doc
