"""Tables an extractor emitted column by column ("column-major"), one cell per line, rebuilt as grids.

Some extractors print a table one column after another: the name column's header (指標名) and
the name of every row, then the next column's header and its cell for each row, and so on. The
run is turned back into a ``Grid`` (one header row, one row per name) and read like any other
grid (``grid.indicator_rows``), so roles and years come from the header vocabulary as usual.

The rules, all about the form of a line, none about a document:

- **Header lines** are short: a header word of the lexicon (``lexicon/headers.toml``), a year
  printed with 年/年度 or an era (平成20年度, R7, (令和7年度)), or both. A header may run over
  several lines: a year line then a role line (平成20年度 / (実績値)), or a role line then a
  bracketed year (目標値 / (令和7年度)); a line that would give the header a second role or a
  second year starts the next column instead (a column with no cells).
- **Rows** are the lines between the name header and the next header, one per row. When the names
  are numbered (⑴, (1), ①, 1.), a line without a number continues the name above, and a number
  alone is an empty row: the row is kept (it has its place in the table) but has no name.
- **Value columns** hold cells known by their form (numbers with their units, ``-`` marks, 維持,
  short words). With no more cells than named rows they fill the named rows in order, else all
  rows in order. A run of cells longer than the rows ends the table once the rows are filled.
- **Text columns** (a formula or a definition wrapped over lines, known by their header or by most
  of their lines not being values) are rejoined where a line leaves
  a bracket open or where an operator ends one line or starts the next; when they still have more
  pieces than rows, their cells are left empty rather than shift every row below.
- A value column with no figure in any row (only ``-`` marks) is left out: it says nothing, and
  an empty final-target column would otherwise hide the dated targets printed before it.
- **Heads as plain ``pdftotext`` breaks them**: a year's tail wrapped in a narrow cell (``令和 2 年``
  / ``度``) stays in its head; a bare year under a one-figure role (基準値 / 令和2年度) dates it also
  when bare years follow, if an 実績 head stands among them (a merged head printed mid-run); a 年度
  head (基準年度) takes the years under it as its cells; heads side by side on one line
  (``2021年度実績 2022年度実績 目標年度``) are that many columns; heads stacked with no cells
  (目標値 / 達成率 / 令和9年度) over cells of as many pieces (``8,000 83.6%``) share the pieces, the
  year going to the first role a year dates; a head printing its year before its role word
  (``令和4年度実績``) is that role of that year.
- **Heads above one run of figures** (基準値 / 実績値 / 目標値, maybe a line of their years, then the
  rows' figures): the run is cut by the count, row by row or column by column as ``headsabove``
  tells; a column read down may follow. A year alone over two heads (令和3年度 / 目標 / 実績) spans
  them; an undated head before such a group whose bracketed year comes after it (最終目標 …
  （令和8年度）) is a cell centred over both header rows, its column after the group. Bare years
  among the heads are actuals; a bracketed year after a bare year head (基準値 / 令和5年度 /
  （令和4年度）) dates the role before it.
- **Around the table**: a caption naming the indicators (成果指標の推移) over the name column's own
  head is no row; names holding a header word (人口の自然増減数) are names; a wrapped name's short
  tail is rejoined by the next column's count (``wrappednames``); heads side by side may follow a
  column's cells; the table's notes (※1 …) between its columns are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keikaku.importer.headsabove import spread, years_line
from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words, holds_a_name, names_a_row
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell, Source
from keikaku.importer.tables import is_year_header
from keikaku.importer.values import find_era, parse_quantity, parse_year_in
from keikaku.importer.width import fold
from keikaku.importer.wrappednames import next_column_count, rejoined

MAX_HEADER_KEY = 16  # a header line is at most this long (folded, without spaces)
MAX_ROLE_WORDS = 8  # the words of a header beside its year: a longer text holding a header word is a cell
MAX_ROWS = 40
TEXT_ROLES = frozenset({"name", "definition", "source", "note", "department"})
SHORT_WORD = 6  # a word this short may stand in a value column (達成, 算定中, a unit)
_NUMBERING = re.compile(r"^\s*(?:[⑴-⒇①-⑳❶-❿➊-➓]|[(][0-9]{1,2}[)]|[0-9]{1,2}[.](?![0-9]))\s*")
_ERA_OR_YEAR = re.compile(r"年|[HRSh]\.?\s*[0-9元]|明治|大正|昭和|平成|令和")
_BRACKETS = "()[]【】〔〕「」"
_NOTE = re.compile(r"^[※＊*]|^[(（]?注[0-9０-９]*[)）:：\s]")
_NOTE_MARK = re.compile(r"\s*[※＊*][0-9０-９]{0,2}$")  # a footnote's mark after a name (社会増減数※1)
_OPENERS, _CLOSERS = "([【〔「", ")]】〕」"
_OPERATORS = "+-−×÷/*=＋－＝／"
_YEAR_TAIL = re.compile(r"^年?度[)）]?$")
_YEAR_LEAD = re.compile(r"^(.+?年度?)([^0-9年度]+)$")


@dataclass
class _Column:
    header: list[Line]
    role: str | None
    year: int | None
    cells: list[Line] = field(default_factory=list)


def _header_part(line: Line, era: str | None) -> tuple[str | None, int | None] | None:
    """(role, year) when a line is a header cell or one line of a header cell, else None."""
    key = fold_key(line.key)
    if not key or len(key) > MAX_HEADER_KEY or _NUMBERING.match(line.key):
        return None
    rest, year = parse_year_in(line.key)
    if year is None and era is not None and key.endswith("年度"):
        rest, year = parse_year_in(line.key, default_era=era)  # 21年度 under a header that named the era
    if year is not None and not _ERA_OR_YEAR.search(key):
        year = None  # a bare number (2015) is a value, not a year heading a column
        rest = line.key
    words = fold_key(rest).strip(_BRACKETS)
    if year is None and (m := _YEAR_LEAD.match(key)) is not None and _ERA_OR_YEAR.search(m.group(1)):
        lead, tail = _header_part(_piece(line, m.group(1)), era), _header_part(_piece(line, m.group(2)), era)
        if lead is not None and tail is not None and lead[0] is None and tail[1] is None and tail[0] in VALUE_ROLES:
            return tail[0], lead[1]  # 令和4年度実績: the year, then the role, in one head
    role = header_words().role_of(words) if words else None
    if words and (role is None or len(words) > MAX_ROLE_WORDS or any(ch.isdigit() for ch in words) or names_a_row(words)):
        return None
    if role is None and year is None:
        return None
    return role, year


def _joins(current: _Column, part: tuple[str | None, int | None], line: Line) -> bool:
    """Whether a header line completes the header above (a role under a year, a bracketed year under a role)."""
    role, year = part
    if role is not None and year is not None:
        return False
    if role is not None:
        return current.role is None and current.year is not None and not current.cells
    bracketed = line.key.startswith(("(", "[", "【", "〔"))
    return current.year is None and current.role is not None and bracketed and not current.cells


_DATED_ROLES = frozenset({"baseline", "interim", "target"})


def _late_year(columns: list[_Column], part: tuple[str | None, int | None], line: Line) -> _Column | None:
    """The head a bracketed year dates when it comes after a bare year head (基準値 / 令和5年度 /
    （令和4年度）): a two-line cell centred over two header rows, the one-line cell beside it printed
    between its lines. It dates the undated role before the year head; None when there is none."""
    if part[0] is not None or part[1] is None or len(columns) < 2 or not line.key.startswith(("(", "[", "【", "〔")):
        return None
    year_head, role_head = columns[-1], columns[-2]
    if year_head.cells or year_head.role is not None or year_head.year is None:
        return None
    if role_head.cells or role_head.year is not None or role_head.role not in _DATED_ROLES:
        return None
    return role_head


def _dates_role(current: _Column, part: tuple[str | None, int | None], lines: list[Line], k: int, era: str | None) -> bool:
    """Whether a bare year line (令和4年度) dates the one-figure role above it (現状値): so unless the
    column after its cells is another bare year, when the role heads a run of yearly columns."""
    if part[0] is not None or part[1] is None or current.cells or current.year is not None or current.role not in _DATED_ROLES:
        return False
    j = k + 1
    while j < len(lines) and _header_part(lines[j], era) is None:
        j += 1
    if j == k + 1:
        return False  # no cells under the year: a header of years, not a dated column
    following = _header_part(lines[j], era) if j < len(lines) else None
    return following is None or following[0] is not None or _actuals_named_later(lines, j, era)


def _actuals_named_later(lines: list[Line], j: int, era: str | None) -> bool:
    """Whether an actuals head (実績値) stands among the bare-year columns from ``lines[j]`` on: a
    merged head printed in the middle of its years, so that the run of years is the actuals' and
    the year above dates its own role."""
    for line in lines[j:j + MAX_ROWS * 4]:
        part = _header_part(line, era)
        if part is None:
            continue
        if part[0] == "actual":
            return True
        if part[0] is not None:
            return False
    return False


def _a_name(line: Line) -> bool:
    """A name among the names holding a header word (人口の自然増減数, 社会増減数※1), no year in it."""
    return parse_year_in(line.key)[1] is None and holds_a_name(_NOTE_MARK.sub("", line.key))


def _is_value(line: Line) -> bool:
    """A cell known by its form: a number with its unit, an empty mark, 維持, or a short word."""
    q = parse_quantity(line.text)
    return q.kind in ("number", "empty", "maintain") or len(fold_key(line.key)) <= SHORT_WORD


def _rejoined(cells: list[Line]) -> list[tuple[str, Line]]:
    """A text column's lines rejoined where a bracket is left open or an operator breaks the line."""
    out: list[tuple[str, Line]] = []
    depth = 0
    for line in cells:
        text = line.text.strip()
        goes_on = out and (depth > 0 or text[:1] in _OPERATORS + _CLOSERS or out[-1][0][-1:] in _OPERATORS)
        if goes_on:
            out[-1] = (out[-1][0] + text, out[-1][1])
        else:
            out.append((text, line))
            depth = 0
        depth = max(0, depth + sum(text.count(c) for c in _OPENERS + "（") - sum(text.count(c) for c in _CLOSERS + "）"))
    return out


def _names(lines: list[Line]) -> list[tuple[str, Line]]:
    """The rows' names; numbered names continue over unnumbered lines, a number alone is an empty row."""
    numbered = sum(bool(_NUMBERING.match(line.key)) for line in lines)
    if not numbered or not _NUMBERING.match(lines[0].key) or 2 * numbered < len(lines):
        return [(line.text.strip(), line) for line in lines]
    out: list[tuple[str, Line]] = []
    for line in lines:
        m = _NUMBERING.match(line.key)
        if m is None:
            out[-1] = ((out[-1][0] + line.text.strip()), out[-1][1])
        else:
            out.append((line.text[m.end():].strip(), line))  # the key is the text folded character for character
    return out


def is_name_header(line: Line) -> bool:
    """A line that is the name column's header alone (指標名), not a row of header cells."""
    part = _header_part(line, None)
    return part is not None and part[0] == "name" and " " not in line.key.strip()


def read_columns(lines: list[Line], *, default_era: str | None = None) -> tuple[Grid, int] | None:
    """The grid of a column-major table whose name header is ``lines[0]``, and the lines it used.

    None when the lines are not such a table: no lone name header first, no names under it, or
    no column of figures after the names.
    """
    if len(lines) < 4 or any(line.cells or "|" in line.key or line.grid is not None for line in lines):
        return None
    if not is_name_header(lines[0]) or is_name_header(lines[1]):
        return None  # a caption naming the indicators (成果指標の推移) over the name column's own head
    era = default_era or find_era(lines[0].key)
    stacked = _stacked_headers(lines, era)
    first = k = 1 + len(stacked)
    while k < len(lines) and k <= MAX_ROWS + first and (_header_part(lines[k], era) in (None, ("name", None)) or _a_name(lines[k])):
        k += 1  # a table has one name column: a line naming one below its header is a row's name
    named = lines[first:k]
    columns: list[_Column] = []
    if stacked:
        split = _split_stacked(named, stacked)
        if split is None:
            return None
        named, columns = split
    if not named or k >= len(lines) or any(parse_quantity(t).kind == "number" for line in named for t in line.text.split()):
        return None  # a figure among the names: rows printed across, not a column of names
    names = _names(named)
    if len(names) == len(named):  # unnumbered names: a wrapped name's tail counted by the next column
        names = rejoined(names, next_column_count(lines, k, lambda line: _header_part(line, era) is not None, _is_value))
    end = k
    while k < len(lines):
        part = _header_part(lines[k], era)
        opening = _heads_beside(lines[k], era) if part is None and columns and columns[-1].cells else []
        if part is None and not opening:
            break
        if opening:  # heads side by side on the line after a column's cells (令和4年度実績 目標値（令和7年度）)
            columns += opening
            col = columns[-1]
            k += 1
        else:
            era = find_era(lines[k].key) or era
            if (late := _late_year(columns, part, lines[k])) is not None:
                col = columns[-1]
                late.header.append(lines[k])
                late.year = part[1]
            elif columns and (_joins(columns[-1], part, lines[k]) or _dates_role(columns[-1], part, lines, k, era)):
                col = columns[-1]
                col.header.append(lines[k])
                col.role, col.year = col.role or part[0], col.year or part[1]
            else:
                col = _Column([lines[k]], part[0], part[1])
                columns.append(col)
            k += 1
            while k < len(lines) and col.year is not None and not col.cells and _YEAR_TAIL.match(lines[k].key):
                col.header.append(lines[k])  # a year's tail wrapped in a narrow head cell (令和 2 年 / 度)
                k += 1
            if col.year is None and not col.cells and is_year_header(lines[k - 1].text):
                while k < len(lines) and len(col.cells) < len(names) and _bare_year(lines[k], era):
                    col.cells.append(lines[k])  # 基準年度 over a column of years (2020年度 in every row)
                    k += 1
            if not col.cells and k < len(lines) and (beside := _heads_beside(lines[k], era)):
                columns += beside  # heads of narrow columns printed on one line (2021年度実績 2022年度実績 目標年度)
                col = columns[-1]
                k += 1
        while k < len(lines) and _header_part(lines[k], era) is None and not (col.cells and _heads_beside(lines[k], era)):
            col.cells.append(lines[k])
            k += 1
        end = k
        first = next((n for n in range(len(columns)) if all(not c.cells for c in columns[n:-1])), len(columns))
        if len(columns) - first >= 2 and (above := _heads_above(columns[first:], len(names))) is not None:
            filled, used = above
            columns[first:] = filled
            end = k - (len(col.cells) - used)
            if used < len(col.cells):
                break
            continue
        if col.cells and _is_text(col) and len(_rejoined(col.cells)) > len(names):
            end = k - len(col.cells)  # text that runs on: only its header is surely the table's
        if not col.cells or _is_text(col):
            continue
        values = 0
        while values < len(col.cells) and _is_value(col.cells[values]):
            values += 1
        keep = min(values, len(names))
        if keep == len(names) < len(col.cells) and k < len(lines) and all(_NOTE.match(c.key) for c in col.cells[keep:]):
            col.cells = col.cells[:keep]  # the table's notes (※1 …) printed between its columns
            continue
        if keep < len(col.cells):  # more figures than rows, or lines of another kind: the table ends
            end = k - (len(col.cells) - keep)
            col.cells = col.cells[:keep]
            break
    grid = _grid(lines[0], names, _unstacked(columns))
    return (grid, end) if grid is not None else None


def _bare_year(line: Line, era: str | None) -> bool:
    part = _header_part(line, era)
    return part is not None and part[0] is None and part[1] is not None


def _heads_beside(line: Line, era: str | None) -> list[_Column]:
    """Heads printed side by side on one line, every piece a value column's head; else none."""
    pieces = line.text.split()
    if len(pieces) < 2:
        return []
    out = []
    for piece in pieces:
        part = _header_part(_piece(line, piece), era)
        if part is None and (m := _YEAR_LEAD.match(piece)) is not None:  # 2021年度実績: the year, then the role
            year, role = _header_part(_piece(line, m.group(1)), era), _header_part(_piece(line, m.group(2)), era)
            if year is not None and role is not None and year[0] is None and role[1] is None:
                part = role[0], year[1]
        if part is None or part[0] not in VALUE_ROLES:
            return []  # a line of years alone dates the heads above (headsabove), it adds none
        out.append(_Column([_piece(line, piece)], part[0], part[1]))
    return out


def _heads_above(columns: list[_Column], n: int) -> tuple[list[_Column], int] | None:
    """Value heads printed one per line, maybe a line of their years, then their rows' figures in one
    run under the last head (``headsabove``): the columns filled, and the lines of the run used."""
    cells = columns[-1].cells
    if any(c.role not in VALUE_ROLES and (c.role is not None or c.year is None) for c in columns) or not cells:
        return None  # value heads, or bare years (the actuals of those years)
    columns = _spanned(columns)
    years = years_line(cells[0].text, len(columns))
    used = 1 if years else 0
    pieces: list[Line] = []
    while used < len(cells) and len(pieces) < n * len(columns):
        parts = [_piece(cells[used], t) for t in cells[used].text.split()]
        if not all(parse_quantity(p.text).kind in ("number", "empty") or _bare_year(p, None) for p in parts):
            break
        pieces += parts
        used += 1
    order = spread([p.text for p in pieces], n, len(columns)) if len(pieces) == n * len(columns) else None
    if order is None:
        return None
    dates = cells[0].text.split() if years else []
    return [_Column([*c.header, *([_piece(cells[0], dates[h])] if years and c.year is None else [])], c.role,
                    c.year if c.year is not None or not years else years[h], [pieces[i] for i in order[h]])
            for h, c in enumerate(columns)], used


def _spanned(columns: list[_Column]) -> list[_Column]:
    """Heads under a year printed alone on its line (令和6年度 / 目標 / 実績): a year cell spanning the
    heads of its group, so the undated head after the dated one takes its year. A bracketed year
    that joined that head ((令和8年度)) is then the second line of an undated head printed before
    the group (最終目標), a cell of two lines centred over both header rows: that head takes the
    year, and its column stands where its year line stands, after the group."""
    out = list(columns)
    for h in range(1, len(out)):
        c, prev = out[h], out[h - 1]
        lead = _header_part(prev.header[0], None)
        if c.role is None or prev.year is None or lead is None or lead[0] is not None or lead[1] != prev.year:
            continue
        if c.year is None:
            out[h] = _Column([prev.header[0], *c.header], c.role, prev.year, c.cells)
            continue
        own = _header_part(c.header[-1], None)
        if len(c.header) < 2 or own is None or own[0] is not None or not c.header[-1].key.startswith(("(", "[", "【", "〔")):
            continue
        before = [u for u in range(h - 1) if out[u].year is None and len(out[u].header) == 1 and not out[u].cells]
        if not before:
            continue
        u = before[-1]
        moved = _Column([*out[u].header, c.header[-1]], out[u].role, c.year, out[u].cells)
        out[h] = _Column([prev.header[0], *c.header[:-1]], c.role, prev.year, c.cells)
        out = [*out[:u], *out[u + 1:h + 1], moved, *out[h + 1:]]
    return out


def _unstacked(columns: list[_Column]) -> list[_Column]:
    """Heads printed one above the other (目標値 / 達成率 / 令和9年度) over cells that hold one piece
    per head (``8,000 83.6%``): narrow columns side by side, whose cells the extractor printed on
    one line. Each head gets its pieces, the year going to the first head a year dates."""
    out: list[_Column] = []
    i = 0
    while i < len(columns):
        j = i
        while j < len(columns) and not columns[j].cells and columns[j].role is not None and columns[j].year is None:
            j += 1
        heads = columns[i:j]
        last = columns[j] if j < len(columns) else None
        if len(heads) < 2 or last is None or not last.cells or last.role is not None and last.year is None:
            out.append(columns[i])
            i += 1
            continue
        pieces = [c.text.split() for c in last.cells]
        if last.role is not None:
            heads = [*heads, last]
        if any(len(p) != len(heads) for p in pieces) or not all(_is_value(_piece(c, t)) for c, p in zip(last.cells, pieces) for t in p):
            out.append(columns[i])
            i += 1
            continue
        year = last.year
        for n, head in enumerate(heads):
            dated = year is not None and head.role in _DATED_ROLES
            out.append(_Column([*head.header, *(last.header if dated else [])], head.role, year if dated else head.year,
                               [_piece(c, p[n]) for c, p in zip(last.cells, pieces)]))
            year = None if dated else year
        i = j + 1
    return out


def _piece(line: Line, text: str) -> Line:
    return Line(text=text, key=fold(text), index=line.index, page=line.page, source=line.source)


def _stacked_headers(lines: list[Line], era: str | None) -> list[tuple[Line, str]]:
    """Header lines printed right under the name header, before any name (指標名 / 単位 / names / units):
    the headers of columns merged over the same header rows, whose cells follow the names in order."""
    out: list[tuple[Line, str]] = []
    for line in lines[1:4]:
        part = _header_part(line, era)
        if part is None or part[0] in (None, "name") or part[1] is not None or part[0] in VALUE_ROLES:
            break
        out.append((line, part[0]))
    return out


def _split_stacked(run: list[Line], stacked: list[tuple[Line, str]]) -> tuple[list[Line], list[_Column]] | None:
    """The names and the stacked headers' columns of a run of lines: equal parts, the names first and
    then each stacked column's cells, all of them values; None when the run does not split so."""
    parts = len(stacked) + 1
    if not run or len(run) % parts:
        return None
    n = len(run) // parts
    cells = [run[n * (i + 1): n * (i + 2)] for i in range(len(stacked))]
    if any(not _is_value(c) for part in cells for c in part):
        return None
    return run[:n], [_Column([line], role, None, part) for (line, role), part in zip(stacked, cells)]


def _is_text(column: _Column) -> bool:
    """A column of text that may wrap: its header names one (説明, 備考), or most of its lines are not values."""
    return column.role in TEXT_ROLES or 2 * sum(not _is_value(c) for c in column.cells) > len(column.cells)


def column_grid(lines: list[Line], *, default_era: str | None = None) -> Grid | None:
    """The grid of a column-major table whose name header is ``lines[0]`` (None when it is not one)."""
    found = read_columns(lines, default_era=default_era)
    return found[0] if found is not None else None


def _grid(head: Line, names: list[tuple[str, Line]], columns: list[_Column]) -> Grid | None:
    n = len(names)
    filled = [r for r, (name, _) in enumerate(names) if name]
    out = [GridCell(head.text.strip(), 0, 0, source=_source(head))]
    out += [GridCell(name, r + 1, 0, source=_source(line)) for r, (name, line) in enumerate(names)]
    col = 0
    figures = False
    for column in columns:
        if _is_text(column):
            cells = _rejoined(column.cells)
            if len(cells) > n:
                cells = []  # more pieces than rows: left empty rather than misalign the rows
        else:
            cells = [(c.text.strip(), c) for c in column.cells]
            if cells and all(parse_quantity(t).kind == "empty" for t, _ in cells):
                continue  # no figure in any row
        rows = filled if len(cells) <= len(filled) else list(range(n))
        col += 1
        out.append(GridCell(" ".join(h.text.strip() for h in column.header), 0, col, source=_source(column.header[0])))
        out += [GridCell(text, rows[i] + 1, col, source=_source(line)) for i, (text, line) in enumerate(cells)]
        if (column.role in VALUE_ROLES or (column.role is None and column.year is not None)) \
                and any(parse_quantity(t).kind == "number" for t, _ in cells):
            figures = True
    if not figures or not filled:
        return None
    return Grid(tuple(out), n + 1, col + 1, source=_source(head))


def _source(line: Line) -> Source:
    return line.source if line.source is not None else Source(line=line.index + 1)
