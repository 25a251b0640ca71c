"""A spaced header whose years each head a group of sub-columns on the line below (目標 | 実績 | 達成率).

Text a PDF extractor laid out (``pdftotext -layout``) prints an evaluation sheet's header over two
lines, or three when the cells merged over every header row (指標名, 単位, 所管課) stand on a line
of their own between, centred::

                        基準値     令和3年度           令和4年度           最終目標値
    成果指標名   単位                                                                  所管課
                        令和2年度  目標      実績      目標      実績      令和7年度

The lower line holds the sub-column words (a role word of ``lexicon/headers.toml`` or a row word:
目標, 実績, 達成率), the same run of them under each year of the upper line (two years or more; the
last year's run may be its first words only, 予定 without 実績 for the year under way),
and maybe years under the upper line's role words. They become one header line, each cell where
the lower line prints it: every sub-column word with its year (令和3年度目標, 令和3年度実績), a
year with the role word it stands under (基準値令和2年度), and the other cells as they are (the
middle line's too). Only spaced lines without figures other than years are read so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import fold_key, header_words, row_words
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of, spaced_line
from keikaku.importer.values import parse_year_in
from keikaku.importer.width import printed_width

MIN_GROUPS = 2  # years that each head a group of sub-columns
NEAR = 4  # printed columns between a year and the role word it dates, at most
_SUB_ROLES = frozenset({"target", "actual", "rate", "interim"})
_VALUE_WORD_ROLES = frozenset({"baseline", "target", "interim", "actual"})
_LEADING_ROLES = frozenset({"name", "unit"})
_FIGURE = re.compile(r"[0-9０-９]")
_TRIGGER = re.compile(r"実績|目標|達成")  # words a lower line of sub-columns prints

Cell = tuple[int, int, str]


def _year(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not rest.strip("()（） ")


def _role(cell: str) -> str | None:
    word = re.sub(r"[ \u3000]", "", cell)
    return header_words().role_of(word) or row_words().get(fold_key(word))


def _header_word(cell: str) -> str:
    """A sub-column word as the header vocabulary knows it: a row word (計画) as its role's word."""
    if header_words().role_of(cell) is not None:
        return cell
    return header_words().words(_role(cell) or "")[0] if _role(cell) else cell


def _sub_word(cell: str) -> bool:
    return not _FIGURE.search(cell) and _role(cell) in _SUB_ROLES


def _header_cell(cell: str) -> bool:
    return _year(cell) or (not _FIGURE.search(cell) and _role(cell) is not None)


def _groups(upper: list[Cell], lower: list[Cell]) -> list[tuple[Cell, list[Cell]]] | None:
    """Each year of ``upper`` with its run of sub-column words of ``lower``, in order; None when the
    runs are not one pattern repeated under every year."""
    years = [c for c in upper if _year(c[2])]
    subs = [c for c in lower if _sub_word(c[2])]
    if len(years) < MIN_GROUPS or not subs:
        return None
    size = -(-len(subs) // len(years))  # the last year's run may be the pattern's first words only
    if size < 2 or len(subs) <= size * (len(years) - 1):
        return None
    runs = [subs[k * size:(k + 1) * size] for k in range(len(years))]
    pattern = [fold_key(c[2]) for c in runs[0]]
    if any([fold_key(c[2]) for c in run] != pattern[:len(run)] for run in runs) or len(runs[-2]) < size:
        return None
    for year, run in zip(years, runs):  # each year stands over its own run
        if not (run[0][0] - 2 * (year[1] - year[0]) <= year[0] <= run[-1][1]):
            return None
    return list(zip(years, runs))


def _under(cell: Cell, upper: list[Cell]) -> Cell | None:
    """The role word of ``upper`` a year cell stands under: the widest overlap of printed columns, or
    the nearest word at most ``NEAR`` columns away (a year printed a little right of its word)."""
    best = max(((min(cell[1], c[1]) - max(cell[0], c[0]), k) for k, c in enumerate(upper)), default=None)
    return upper[best[1]] if best is not None and best[0] > -NEAR else None


def _split(cells: list[Cell]) -> list[Cell]:
    """Cells one space apart that are header cells each (（令和2年度） 目標) split into their own cells."""
    out: list[Cell] = []
    for start, end, text in cells:
        parts = text.split(" ")
        if len(parts) < 2 or not all(_header_cell(p) for p in parts):
            out.append((start, end, text))
            continue
        at = start
        for part in parts:
            width = printed_width(part)
            out.append((at, at + width, part))
            at += width + 1
    return out


def _joined(upper: list[Cell], middle: list[Cell], lower: list[Cell]) -> str | None:
    groups = _groups(upper, lower)
    if groups is None:
        return None
    placed: list[Cell] = []
    grouped = {id(year) for year, _ in groups}
    used: set[int] = set()
    for year, run in groups:
        placed += [(s, e, year[2].strip() + _header_word(c)) for s, e, c in run]
        used.update(id(c) for c in run)
    dated: dict[int, str] = {}
    for cell in lower:
        if id(cell) in used:
            continue
        if not _year(cell[2]):
            if not _header_cell(cell[2]):
                return None
            placed.append(cell)
            continue
        word = _under(cell, [c for c in upper if id(c) not in grouped])
        if word is None or _role(word[2]) not in _VALUE_WORD_ROLES or id(word) in dated:
            placed.append(cell)
        else:
            dated[id(word)] = cell[2]
    for cell in upper:
        if id(cell) not in grouped:
            placed.append((cell[0], cell[1], cell[2] + dated.get(id(cell), "")))
    return placed_line(sorted([(s, 0, c) for s, _, c in placed] + [_middle_key(cell, placed) for cell in middle]))


def _middle_key(cell: Cell, placed: list[Cell]) -> tuple[int, int, str]:
    """Where a middle line's cell goes among the others: centred in its merged cell, it may stand
    where another column's header stands; then a name or a unit goes before that column, any other
    word (達成率, 所管課) after it."""
    overlap, other = max(((min(cell[1], c[1]) - max(cell[0], c[0]), c) for c in placed), default=(0, None))
    if other is None or overlap <= 0:
        return cell[0], 0, cell[2]
    return other[0], -1 if _role(cell[2]) in _LEADING_ROLES else 1, cell[2]


def placed_line(cells: list[tuple[int, int, str]]) -> str:
    """Cells printed from their columns, two spaces apart at least."""
    out = ""
    width = 0
    for start, _, text in cells:
        pad = max(start - width, 2 if out else start)
        out += " " * pad + text
        width += pad + printed_width(text)
    return out


def _candidate(line: RawLine) -> bool:
    return spaced_line(line) and bool(line.text.strip()) and bool(_TRIGGER.search(line.text))


def join_sub_columns(doc: RawDocument) -> RawDocument:
    """``doc`` with every spaced header of years over sub-columns joined into one line (see the module)."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        if i < 1 or not _candidate(line):
            continue
        lower = _split(list(cells_of(line.text)))
        if sum(_sub_word(c) for _, _, c in lower) < 2 * MIN_GROUPS:
            continue
        for above in (1, 2):
            if i - above < 0 or not spaced_line(lines[i - above]) or not lines[i - above].text.strip():
                break
            upper = list(cells_of(lines[i - above].text))
            middle = [c for k in range(i - above + 1, i) for c in cells_of(lines[k].text)]
            if any(not _header_cell(c) or _year(c) for _, _, c in middle):
                break
            if any(not _header_cell(c) for _, _, c in upper):
                continue
            joined = _joined(upper, middle, lower)
            if joined is None:
                continue
            lines[i - above] = replace(lines[i - above], text=joined)
            for k in range(i - above + 1, i + 1):
                lines[k] = replace(lines[k], text="")
            changed = True
            break
    return replace(doc, lines=lines) if changed else doc
