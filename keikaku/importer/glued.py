"""Tables whose cells were run together without separators, rebuilt as grids.

HTML pages and some PDF extractors print each table row as one line with its cells glued: an
era and its years (``令和(年度)345`` = R3, R4, R5), a row label and one cell per year
(``目標-12件15件``), the indicator's kind and its name (``活動指標2`` then the name). Cells are
told apart by their forms only (the words come from the lexicon: units and row labels from
``headers.toml``, kinds, empty marks and qualifiers from ``glued.toml``):

- a figure: digits with thousands commas and decimals (``1,500``, ``97.70``), maybe a △/▲ sign
  and a prefix (約), then maybe a unit (``件``, ``%``) and a qualifier (``(見込)``);
- an empty mark (``-``, ``―``, ``－``), each mark one cell: ``--5園`` is two empty years, then 5園.
  A dash is never a minus sign here (glued rows print negatives with △/▲);
- a word that stands as a cell (維持);
- years after an era word: each 1–2 digits, one more than the year before (``91011`` = 9, 10, 11).

A run may split several ways (bare numbers with no unit between them: ``1,5001,560``, ``123``).
Every split is enumerated. When the number of year columns is known only splits of that many
cells are kept; splits whose figures share one unit are preferred (``97.7`` then ``0%`` is no
pair of cells in a row of percentages). One split left: the cells; more than one, or none:
nothing — a wrong figure is worse than none. Without a column count, bare numbers side by side
are refused.

A block is a line naming the indicator (a kind word, maybe a number, the name), within a few
lines a header of glued years, then rows labelled with a value word of the header vocabulary
(目標, 実績, 見込 …) whose runs split into one cell per year. The first other line ends the
block, so a row comparing the two (its label broken over lines, its figures signed) is never
read. Each block becomes a grid — name, label column, one column per year — that
``grid.indicator_rows`` reads like any grid whose rows are labelled 目標/実績: a 目標 row gives the
target (the last year's figure), an 実績 row the actuals year by year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from keikaku.importer.lexicon import fold_key, glued_words, header_words, value_units
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell, Source
from keikaku.importer.width import fold

NAME_REACH = 8  # lines between an indicator's name and its year header (a grade, a note between)
MAX_RUN = 120  # characters: a longer line is prose or a whole page, not one glued row
MAX_SPLITS = 4000  # a run splitting more ways than this is refused
ROW_ROLES = ("target", "actual", "interim", "rate")  # what a row label may say its row holds

_ERAS = "明治|大正|昭和|平成|令和"
_YEAR_WORD = r"(?:年度|年)"
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Cell:
    """One cell of a glued run: its text, ``figure``, ``empty`` or ``word``, and a figure's unit."""

    text: str
    kind: str
    unit: str | None = None


@dataclass(frozen=True)
class YearHeader:
    """A header of glued years: the era, the years as printed (1–2 digits) and the year word."""

    era: str
    years: tuple[int, ...]
    suffix: str

    def labels(self) -> list[str]:
        return [f"{self.era}{y}{self.suffix}" for y in self.years]


# --- the vocabulary -------------------------------------------------------------------------

@cache
def _vocabulary() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Units, empty marks, prefixes, suffixes, cell words and kind words, each longest first."""
    words = glued_words()

    def longest(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(items), key=len, reverse=True))

    return (longest(value_units()), frozenset(words["empty"]), longest(words["prefixes"]),
            longest(words["suffixes"]), longest(words["words"]), longest(tuple(fold_key(k) for k in words["kinds"])))


@cache
def _row_labels() -> tuple[tuple[str, str], ...]:
    """(word, role) of the value words a row may be labelled with, longest first."""
    lex = header_words()
    pairs = {w: lex.role_of(w) for w in lex.words(*ROW_ROLES)}
    return tuple(sorted(((w, r) for w, r in pairs.items() if r in ROW_ROLES), key=lambda p: len(p[0]), reverse=True))


# --- the tokenizer --------------------------------------------------------------------------

def _number_ends(s: str, j: int) -> list[int]:
    """Where a number starting at ``s[j]`` may end: any digit (no leading zero), comma groups of three, decimals."""
    m = _DIGITS.match(s, j)
    if m is None:
        return []
    run = m.group(0)
    ends = [j + k for k in range(1, len(run) + 1) if k == 1 or run[0] != "0"]
    if len(run) <= 3 and run[0] != "0" or run == "0":
        e = m.end()
        while s[e:e + 1] == "," and re.fullmatch(r"[0-9]{3}", s[e + 1:e + 4]):
            e += 4
            ends.append(e)
    out = []
    for e in ends:
        out.append(e)
        if s[e:e + 1] == "." and (f := _DIGITS.match(s, e + 1)) is not None:
            out += [e + 1 + k for k in range(1, len(f.group(0)) + 1)]
    return out


def _cells_at(s: str, i: int) -> list[tuple[int, Cell]]:
    """Every cell that may start at ``s[i]``, with where it ends."""
    units, empty, prefixes, suffixes, words, _ = _vocabulary()
    out: list[tuple[int, Cell]] = []
    if s[i] in empty:
        out.append((i + 1, Cell(s[i], "empty")))
    for w in words:
        if s.startswith(w, i):
            out.append((i + len(w), Cell(w, "word")))
    starts = [i] + [i + len(p) for p in prefixes if s.startswith(p, i)]
    for j in starts:
        k = j + 1 if s[j:j + 1] in ("△", "▲") else j
        for e in _number_ends(s, k):
            tails = [(e, None)] + [(e + len(u), u) for u in units if s.startswith(u, e)]
            for end, unit in tails:
                for q in [end] + [end + len(x) for x in suffixes if s.startswith(x, end)]:
                    out.append((q, Cell(s[i:q], "figure", unit)))
    return out


def _splits(s: str, n: int | None) -> list[list[Cell]] | None:
    """Every split of ``s`` into cells (of ``n`` cells when given); None when there are too many."""
    found: list[list[Cell]] = []
    memo: dict[int, list[tuple[int, Cell]]] = {}

    def walk(i: int, cells: list[Cell]) -> bool:
        while i < len(s) and s[i] == " ":
            i += 1
        if i == len(s):
            if cells and (n is None or len(cells) == n):
                found.append(list(cells))
            return len(found) <= MAX_SPLITS
        if n is not None and len(cells) >= n:
            return True
        if i not in memo:
            memo[i] = _cells_at(s, i)
        for end, cell in memo[i]:
            cells.append(cell)
            ok = walk(end, cells)
            cells.pop()
            if not ok:
                return False
        return True

    return found if walk(0, []) else None


def _uniform(cells: list[Cell]) -> bool:
    return len({c.unit for c in cells if c.kind == "figure"}) <= 1


def _bare_side_by_side(s: str, cells: list[Cell]) -> bool:
    """A figure without a unit glued to the figure after it (``1,5001,560``)."""
    at = 0
    for a, b in zip(cells, cells[1:]):
        at = s.index(a.text, at) + len(a.text)
        if a.kind == "figure" and a.unit is None and b.kind == "figure" and s[at:at + 1] != " ":
            return True
    return False


def split_cells(run: str, n: int | None = None) -> list[Cell] | None:
    """The cells of a glued run, or None when the run is not one or splits more than one way.

    With ``n`` (the number of columns) the split must have ``n`` cells; splits whose figures
    share one unit win over the others; a split still not alone is refused, as is a split
    putting bare numbers side by side when ``n`` is not known.
    """
    s = re.sub(r"\s+", " ", fold(run).strip())
    if not s or len(s) > MAX_RUN:
        return None
    splits = _splits(s, n)
    if not splits:
        return None
    best = [c for c in splits if _uniform(c)] or splits
    if len(best) != 1:
        return None
    cells = best[0]
    if n is None and _bare_side_by_side(s, cells):
        return None
    return cells


def only_figures(text: str) -> bool:
    """Whether a text is nothing but figures glued together (``35回35回40回``, ``1234``), not words.

    No space, a digit, and some cut into cells exists (or so many that the text is all digits):
    a row label's figures, never the title of a heading.
    """
    s = fold(text).strip()
    if not s or " " in s or len(s) > MAX_RUN or not re.search(r"[0-9]", s):
        return False
    splits = _splits(s, None)
    return splits is None or bool(splits)


# --- year headers, row labels, names --------------------------------------------------------

_HEADER = re.compile(rf"^(?P<era>{_ERAS})\s*(?:\(\s*(?P<word>{_YEAR_WORD})\s*\))?\s*(?P<run>(?:元|[0-9])[0-9]*)\s*(?P<tail>{_YEAR_WORD})?$")
_EACH = re.compile(rf"^(?P<era>{_ERAS})\s*(?P<run>(?:(?:元|[0-9]{{1,2}})\s*{_YEAR_WORD}\s*){{2,}})$")


def consecutive_years(run: str) -> tuple[int, ...] | None:
    """Years glued together, each one more than the one before (``171819`` → 17, 18, 19); at least two, one reading only."""
    found = []
    firsts = [(1, 1)] if run.startswith("元") else [(int(run[:k]), k) for k in (1, 2) if len(run) >= k and run[0] != "0"]
    for first, at in firsts:
        years = [first]
        while at < len(run) and run.startswith(str(years[-1] + 1), at):
            at += len(str(years[-1] + 1))
            years.append(years[-1] + 1)
        if at == len(run) and len(years) >= 2:
            found.append(tuple(years))
    return found[0] if len(found) == 1 else None


def year_header(text: str) -> YearHeader | None:
    """A header of years glued after an era word (``平成(年度)171819``, ``令和3年度4年度5年度``), else None.

    A word of the label column (区分) may come first.
    """
    key = fold_key(text)
    for word in header_words().words("label"):
        if key.startswith(word):
            key = key[len(word):]
            break
    m = _HEADER.match(key)
    if m is not None:
        years = consecutive_years(m.group("run"))
        word = m.group("word") or m.group("tail") or "年度"
        return YearHeader(m.group("era"), years, word) if years else None
    m = _EACH.match(key)
    if m is not None:
        parts = re.findall(rf"(元|[0-9]{{1,2}})({_YEAR_WORD})", m.group("run"))
        years = tuple(1 if y == "元" else int(y) for y, _ in parts)
        if all(b == a + 1 for a, b in zip(years, years[1:])):
            return YearHeader(m.group("era"), years, parts[0][1])
    return None


def labelled_row(text: str, n: int) -> tuple[str, str, list[Cell] | None] | None:
    """(label, role, cells) of a row labelled with a value word and glued into ``n`` cells.

    A row of figures that does not cut into ``n`` cells one way only has cells None (it is
    skipped, the rows after it still read); a line that is not such a row (a label and words,
    目標との差) is None.
    """
    key = fold(text).strip()
    for word, role in _row_labels():
        if key.startswith(word):
            rest = key[len(word):]
            cells = split_cells(rest, n)
            if cells is not None:
                return word, role, cells
            return (word, role, None) if _FIGURES_ONLY.fullmatch(rest) and re.search(r"[0-9]", rest) else None
    return None


_FIGURES_ONLY = re.compile(r"[^\u3040-\u309f]+")  # no hiragana: figures, units, marks

_NUMBER_AFTER_KIND = re.compile(r"(?:[(][0-9]{1,2}[)]|[0-9]{1,2}|[①-⑳])\s*")
_NOT_A_NAME = ("名", "の", "は", "を", "が", "と", "に", "で", "(", ":")


def glued_name(line: Line) -> str | None:
    """The indicator name of a line that opens with a kind word (成果指標, 活動指標 …), glued or not.

    A number right after the kind word (活動指標1, 活動指標(2)) is dropped, unless a unit follows
    it (then it belongs to the name: 1歳, 3日). A kind word followed by a particle or 名 is a
    header or a sentence, not a name.
    """
    key, text = line.key, line.text
    kinds = _vocabulary()[5]
    if not key.startswith(kinds):  # most lines: one test for every kind word at once
        return None
    kind = next((k for k in kinds if key.startswith(k)), None)
    if kind is None or len(key) > MAX_RUN or "。" in key:
        return None
    at = len(kind)
    while at < len(key) and key[at] == " ":
        at += 1
    m = _NUMBER_AFTER_KIND.match(key, at)
    if m is not None and m.end() < len(key) and not key.startswith(_vocabulary()[0], m.end()):
        at = m.end()
    rest = key[at:]
    if not rest.strip() or rest.startswith(_NOT_A_NAME):
        return None
    return (text[at:] if len(text) == len(key) else rest).strip()


# --- blocks ---------------------------------------------------------------------------------

@dataclass
class _Block:
    name: str
    name_line: Line
    header: YearHeader
    header_line: Line
    rows: list[tuple[str, list[Cell], Line]]


def _read_rows(lines: list[Line], start: int, n: int) -> tuple[list[tuple[str, list[Cell], Line]], int]:
    """The labelled rows right after a year header, and the index of the first line after them."""
    rows = []
    i = start
    while i < len(lines) and not lines[i].cells and (found := labelled_row(lines[i].key, n)) is not None:
        label, _, cells = found
        if cells is not None:
            rows.append((label, cells, lines[i]))
        i += 1
    return rows, i


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    name: tuple[str, Line, int] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        found = glued_name(line) if not line.cells else None
        if found is not None:
            name = (found, line, i)
            i += 1
            continue
        header = year_header(line.key) if not line.cells else None
        if header is not None and name is not None and i - name[2] <= NAME_REACH:
            rows, after = _read_rows(lines, i + 1, len(header.years))
            if rows:
                blocks.append(_Block(name[0], name[1], header, line, rows))
                name = None
                i = after
                continue
        i += 1
    return blocks


def starts_glued_table(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` names an indicator whose glued table follows within reach (for the segment stage)."""
    if lines[i].cells or glued_name(lines[i]) is None:
        return False
    for j in range(i + 1, min(len(lines), i + 1 + NAME_REACH)):
        if glued_name(lines[j]) is not None:
            return False
        header = year_header(lines[j].key)
        if header is not None:
            rows, _ = _read_rows(lines, j + 1, len(header.years))
            return bool(rows)
    return False


def _source(line: Line) -> Source:
    return line.source if line.source is not None else Source(line=line.index + 1)


def _grid(block: _Block) -> Grid:
    """Name, label column, one column per year; empty marks left as empty cells."""
    lex = header_words()
    top = [lex.words("name")[0], lex.words("label")[0], *block.header.labels()]
    cells = [GridCell(t, 0, k, source=_source(block.header_line)) for k, t in enumerate(top)]
    kept = [(label, row, line) for label, row, line in block.rows if any(c.kind != "empty" for c in row)]
    cells.append(GridCell(block.name, 1, 0, rowspan=max(1, len(kept)), source=_source(block.name_line)))
    for r, (label, row, line) in enumerate(kept, start=1):
        cells.append(GridCell(label, r, 1, source=_source(line)))
        cells += [GridCell(c.text, r, 2 + k, source=_source(line)) for k, c in enumerate(row) if c.kind != "empty"]
    return Grid(tuple(cells), len(kept) + 1, len(top), source=_source(block.name_line))


def glued_grids(lines: list[Line]) -> list[Grid]:
    """The glued tables of a region, one grid per indicator ([] when there is none)."""
    return [_grid(b) for b in _blocks(lines) if any(any(c.kind != "empty" for c in row) for _, row, _ in b.rows)]


__all__ = ["Cell", "YearHeader", "consecutive_years", "glued_grids", "glued_name", "labelled_row", "only_figures",
           "split_cells", "starts_glued_table", "year_header"]
