"""Tables put on one line that no reading of spaced cells finds: cells glued, columns in turn, values owed.

Three layouts of e-book and PDF page text, each a whole table on one line:

- **Cells glued** (``glued_line_rows``): no separator at all. The header is a chain of value
  words, each maybe with ``の値``/``値`` and a bracketed year (策定時の値(2015年度)中間目標(2019年度)…),
  two value words or more. After it, each row is a run of exactly one cell per value column, a
  cell being a figure with its unit glued (an optional scale, a unit of ``headers.toml`` or a
  Latin unit, ``/年``), maybe its own bracketed year, or one empty mark; the figures of a run share
  one unit. The row's name is the text between the previous run and this one: before a
  placeholder of the description column (〔…〕), after a page reference (``P45``) of a column
  printed before the names. A page reference glued to a name that starts with a digit takes the
  fewest digits that keep the references counting up (``P391人…`` after ``P37`` is ``P39``).
- **Columns in turn** (``column_line_rows``): the rows' names first, space-separated, then the
  name header and the first value header (指標 現状値 …), that column's cells, then each further
  value header (目標値 (R27 年度)) and its cells. The first column's figures give the row count; the
  names are as many chunks before the header (a bare number between words, ``雨量 50 ㎜…``, is part
  of a name); a later column with fewer cells fills the rows in order; a word repeated as a cell
  (a qualitative target) is a cell; a cell printed between two columns is left out.
- **Values owed** (``owed_rows``): a header of a name word and value words, letter-spaced and
  maybe broken by the first row's name; rows are marked names (①, ・) and runs of figures that
  may run ahead of the names they belong to (see ``owed_rows``).

``one_line_table`` tells the flatten and segment stages to keep such a line whole and open an
indicator region at it; ``line_table_rows`` is offered to ``indicators.read_indicator_table``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from keikaku.importer.gluedcolumns import glued_column_rows
from keikaku.importer.lazypattern import lazy
from keikaku.importer.lexicon import VALUE_ROLES, header_words, value_units, words_pattern
from keikaku.importer.normalize import Line, _known_words
from keikaku.importer.tables import Column, IndicatorRow, infer, later_baselines_are_actuals, put_value, set_name
from keikaku.importer.values import ERA, find_era, parse_quantity, parse_year, parse_year_in
from keikaku.importer.width import fold

MIN_LENGTH = 40  # characters: a shorter line is no table
MIN_ROWS = 2

_NUM = r"[△▲]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_SCALE = r"(?:百万|千万|[万千億兆])"
_UNIT = rf"(?:{_SCALE}?(?:{words_pattern(value_units())})|{_SCALE}?[A-Za-z]{{1,4}})(?:/[年月日])?"
_YEAR = r"\((?:(?:明治|大正|昭和|平成|令和)?\s*(?:元|[0-9]{1,4})\s*年度?|(?:明治|大正|昭和|平成|令和|[HRS]\.?)\s*(?:元|[0-9]{1,2})(?:\s*年度?)?)\)"
_EMPTY = r"[―—‐-]"
_RATIO = rf"{_NUM}{_UNIT}/{_NUM}{_UNIT}"  # 5校/13校: a count over its total, one cell with no figure
_ONE = rf"{_RATIO}|{_NUM}{_UNIT}(?:{_YEAR})?|{_EMPTY}"
_CELL = lazy(_ONE)
_RUN = lazy(rf"(?:{_ONE})(?: ?(?:{_ONE}))*")  # cells glued, or a space apart
_FILLER = re.compile(rf"(?:の?値)?({_YEAR})?")
_PLACEHOLDER = re.compile(r"〔[^〔〕]{1,12}〕")
_PAGE_REF = re.compile(r"(?<![A-Za-z])[Pp]\.?([0-9]{1,3})")
_WORDY = lazy(r"[\u3040-\u30ff\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _value_words() -> re.Pattern[str]:
    return re.compile(words_pattern(header_words().words(*VALUE_ROLES)))


def _role(word: str) -> str | None:
    return header_words().role_of(word)


# --- cells glued ------------------------------------------------------------------------------

def _glued_header(key: str) -> tuple[list[tuple[str, int | None]], int, int] | None:
    """The first chain of two value words or more, each maybe with its year: (columns, start, end)."""
    matches = list(_value_words().finditer(key))
    k = 0
    while k < len(matches):
        chain: list[tuple[str, int | None]] = []
        start = end = matches[k].start()
        j = k
        while j < len(matches) and (j == k or (lead := _chain_gap(key[end:matches[j].start()], matches[j].group(0))) is not None):
            m = matches[j]
            tail = _FILLER.match(key, m.end())
            year = parse_year_in(tail.group(1))[1] if tail.group(1) else None
            if j > k and year is None and lead:
                year = parse_year(lead)
            chain.append((_role(m.group(0)) or "", year))
            end = tail.end()
            j += 1
        if len(chain) >= 2 and all(role in VALUE_ROLES for role, _ in chain):
            roles = later_baselines_are_actuals([Column(role, year) for role, year in chain])
            return [(c.role, c.year) for c in roles], start, end
        k = max(j, k + 1)
    return None


_LEAD_YEAR = re.compile(rf"{ERA}(?:元|[0-9]{{1,2}})年度?|[0-9]{{4}}年度?")
_GAP_MAX = 3  # characters of a word's head glued before a value word (数値 of 数値目標)


def _chain_gap(gap: str, word: str) -> str | None:
    """Whether the text between two value words of a glued header keeps the chain: nothing, the
    next column's year printed before its word (令和2年度実績; returned), or the head of a
    longer header word ending with the value word (数値目標 after 策定時: still the target)."""
    if not gap:
        return ""
    if _LEAD_YEAR.fullmatch(gap):
        return gap
    if len(gap) <= _GAP_MAX and _WORDY.search(gap) and header_words().role_of(gap + word) not in (None, *VALUE_ROLES):
        return ""
    return None


def _page_cut(text: str, last_page: int | None) -> tuple[str, int | None]:
    """The text after its last page reference, and that page (the fewest digits that count up)."""
    refs = list(_PAGE_REF.finditer(text))
    if not refs:
        return text, last_page
    m = refs[-1]
    digits = m.group(1)
    width = len(digits)
    if last_page is not None:
        width = next((w for w in range(1, len(digits) + 1) if int(digits[:w]) >= last_page), len(digits))
    return text[m.start(1) + width:], int(digits[:width])


def _glued_name(text: str, last_page: int | None) -> tuple[str, int | None]:
    pieces = [p for p in _PLACEHOLDER.split(text) if p.strip()]
    name = pieces[0] if pieces else ""
    return _page_cut(name, last_page)


def _row_cells(run: re.Match[str], n: int) -> tuple[int, int, list[str], set[str | None]] | None:
    """One row's cells in a run: all of them, or its first n (the next name starts with a figure:
    1日に…), or its last n (this name ends with one); their figures must share one unit."""
    spans = [(run.start() + m.start(), run.start() + m.end(), m.group(0)) for m in _CELL.finditer(run.group(0))]
    if " " in run.group(0) and len(spans) != n:
        return None  # cells a space apart are one row's exactly
    for part in ((spans,) if len(spans) == n else (spans[:n], spans[-n:]) if len(spans) > n else ()):
        cells = [c for _, _, c in part]
        units = {parse_quantity(c).unit for c in cells if parse_quantity(c).kind == "number"}
        if len(units) == 1 or (not units and all(re.fullmatch(_RATIO, c) for c in cells)):
            return part[0][0], part[-1][1], cells, units or {None}
    return None


def glued_line_rows(line: Line) -> list[IndicatorRow]:
    """Rows of a table glued onto one line, cut by the forms of their cells."""
    key = line.key
    if len(key) < MIN_LENGTH or line.cells or line.grid is not None:
        return []
    found = _glued_header(key)
    if found is None:
        return []
    columns, head, end = found
    arrows = any(key[:head].endswith(w) for w in header_words().words("direction"))
    rows = _glued_rows(line, columns, key[head:end], end, arrows)
    dated = len(columns)
    while dated and columns[dated - 1][1] is None:
        dated -= 1
    if len(rows) < MIN_ROWS and 2 <= dated < len(columns):  # undated last columns holding marks, not figures
        rows = _glued_rows(line, columns[:dated], key[head:end], end, arrows)
    return rows if len(rows) >= MIN_ROWS else []


_ARROW = re.compile(r"[↑↓→⇑⇓⇒⇧⇩⇗⇘↗↘➚➘]")
_SUB_LABEL = 6  # characters of a sub-row's label after the direction (a group of the population)


def _glued_rows(line: Line, columns: list[tuple[str, int | None]], header: str, end: int, arrows: bool) -> list[IndicatorRow]:
    """The rows after a glued header; with a direction column first (``arrows``), an arrow ends the name.

    An arrow opening the text before a run is the row before's result mark, dropped; a short label
    after the name's arrow (a group of the population) makes the figures that group's: the
    indicator keeps its name, direction and unit; a further group (an arrow, then the label, no
    name) is not an indicator. The header printed again (a second table of the same columns) is
    not part of the name after it.
    """
    key = line.key
    text = line.text if len(line.text) == len(key) else key
    rows: list[IndicatorRow] = []
    last_page: int | None = None
    previous = end
    for run in _RUN.finditer(key, end):
        if " " in run.group(0) and key[run.start() - 1] == " ":
            continue  # cells a space apart count as a row only glued to its name (…率48.1% 64.0%)
        found = _row_cells(run, len(columns))
        if found is None:
            continue
        start, stop, cells, units = found
        name, last_page = _glued_name(text[previous:start], last_page)
        if header in key[previous:start]:
            name = text[key.rindex(header, previous, start) + len(header):start]
        previous = stop
        name = name.strip()
        label = ""
        if arrows:
            name = name[1:].lstrip() if _ARROW.match(name) else name  # the result mark of the row before
            if _ARROW.match(name):
                continue  # no name before the direction: a further group of the indicator above
            m = _ARROW.search(name)
            if m is not None:
                name, label = name[:m.end()], name[m.end():].strip()
        if len(name) < 3 or not _WORDY.search(name) or len(label) > _SUB_LABEL:
            continue
        row = IndicatorRow(name="")
        set_name(name, row)
        if not label:
            for (role, year), cell in zip(columns, cells):
                if not re.fullmatch(_RATIO, cell):
                    put_value(row, role, year, cell)
        unit = next(iter(units))
        row.unit = row.unit or (fold(unit) if unit else None)
        infer(row)
        rows.append(row)
    return rows


# --- columns in turn --------------------------------------------------------------------------

_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _is_head(tok: str) -> str | None:
    """The value role of a token that is a header word and nothing more (目標値, 現状値(R2))."""
    body, _ = parse_year_in(tok)
    body = (body or tok).strip()
    m = _value_words().fullmatch(body) or _value_words().fullmatch(body.removesuffix("値"))
    return _role(m.group(0)) if m else None


def _bracket(tokens: list[str], i: int) -> tuple[str, int]:
    """A bracketed group starting at ``tokens[i]`` (maybe over several tokens): its text and the next index."""
    if i >= len(tokens) or not tokens[i].startswith("("):
        return "", i
    j = i
    while j < len(tokens) and not tokens[j].endswith(")") and j - i < 4:
        j += 1
    if j >= len(tokens) or not tokens[j].endswith(")"):
        return "", i
    return " ".join(tokens[i:j + 1]), j + 1


def _cell_kind(tok: str, repeated: set[str]) -> str | None:
    q = parse_quantity(tok)
    if q.kind == "number":
        return "figure" if q.unit else "bare"
    if q.kind == "empty":
        return "figure"
    if tok in repeated and _is_head(tok) is None:
        return "word"
    return None


def _name_chunks(tokens: list[str]) -> list[str]:
    """Space-separated names, a bare number between two words joined to both."""
    chunks: list[str] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if _BARE_NUMBER.fullmatch(tok) and chunks and k + 1 < len(tokens):
            chunks[-1] = f"{chunks[-1]} {tok} {tokens[k + 1]}"
            k += 2
            continue
        chunks.append(tok)
        k += 1
    return chunks


def _is_name(chunk: str) -> bool:
    return (len(chunk) >= 4 and _WORDY.search(chunk) is not None and "。" not in chunk
            and not _PLACEHOLDER.search(chunk) and _role(chunk) != "name" and parse_quantity(chunk).kind != "number")


def column_line_rows(line: Line) -> list[IndicatorRow]:
    """Rows of a table whose names, then each column (header and cells), follow on one line."""
    key = line.key
    if len(key) < MIN_LENGTH or line.cells or line.grid is not None:
        return []
    keys = key.split(" ")
    texts = line.text.split(" ") if len(line.text) == len(key) else keys
    counts: dict[str, int] = {}
    for t in keys:
        counts[t] = counts.get(t, 0) + 1
    repeated = {t for t, n in counts.items() if n >= 2 and len(t) <= 12 and _WORDY.search(t)}
    era = find_era(key)
    for i in range(1, len(keys) - 1):
        if _role(keys[i]) != "name" or len(keys[i]) > 8 or _is_head(keys[i + 1]) is None:
            continue
        columns = _columns(keys, i + 1, repeated, era)
        if not columns or len(columns[0][2]) < MIN_ROWS:
            continue
        n = len(columns[0][2])
        chunks = _name_chunks(texts[:i])
        names = chunks[-n:]
        if len(names) < n or not all(_is_name(c) for c in names):
            continue
        return _column_rows(names, columns)
    return []


def _columns(keys: list[str], i: int, repeated: set[str], era: str | None) -> list[tuple[str, int | None, list[str]]]:
    """From the first value header at ``keys[i]``: each column's role, year and cells."""
    columns: list[tuple[str, int | None, list[str]]] = []
    while i < len(keys):
        role = _is_head(keys[i])
        if role is None:
            break
        bracket, j = _bracket(keys, i + 1)
        year = parse_year_in(keys[i] + bracket, default_era=era)[1]
        cells: list[str] = []
        limit = len(columns[0][2]) if columns else len(keys)
        while j < len(keys) and len(cells) < limit:
            kind = _cell_kind(keys[j], repeated)
            if kind is None or (kind == "word" and not columns) or (kind == "bare" and any(parse_quantity(c).unit for c in cells)):
                break
            cells.append(keys[j])
            j += 1
        if not cells:
            break
        columns.append((role, year, cells))
        i = j
        skipped = 0
        while i < len(keys) and _is_head(keys[i]) is None and skipped < 2 and _cell_kind(keys[i], repeated) is not None:
            i += 1  # a cell printed between two columns
            skipped += 1
    return columns


def _column_rows(names: list[str], columns: list[tuple[str, int | None, list[str]]]) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for r, name in enumerate(names):
        row = IndicatorRow(name="")
        set_name(name, row)
        for role, year, cells in columns:
            if r < len(cells):
                put_value(row, role, year, cells[r])
        infer(row)
        rows.append(row)
    return rows


# --- values owed to the names that follow -----------------------------------------------------

_MARK = re.compile(r"^(?:[①-⑳❶-❿➊-➓]|・)")
_UNIT_TOKEN = lazy(_UNIT)
_JAPANESE_EDGE = lazy(r"[\u3040-\u30ff\u4e00-\u9fff()]")


def _split_header(keys: list[str]) -> tuple[int, int, int | None, list[tuple[str, int | None]]] | None:
    """A header of a name word and two value words or more, letter-spaced words rejoined, maybe broken
    by the first row's name (現 ①名 状値): (start, end, the name's index or None, value columns)."""
    for i, tok in enumerate(keys):
        if not _value_words().search(tok) and _role(tok) != "name":
            continue
        best = None
        for j in range(i + 1, min(i + 6, len(keys)) + 1):
            inside = [k for k in range(i, j) if _MARK.match(keys[k])]
            if len(inside) > 1 or (inside and inside[0] in (i, j - 1)):
                continue
            words = _known_words("".join(keys[k] for k in range(i, j) if k not in inside))
            roles = [_role(w) for w in words or ()]
            if words and roles[0] == "name" and sum(r in VALUE_ROLES for r in roles) >= 2:
                best = (j, inside[0] if inside else None, [r for r in roles if r in VALUE_ROLES])
        if best is not None:
            end, name_at, roles = best
            bracket, after = _bracket(keys, end)
            year = parse_year_in(bracket)[1] if bracket else None
            columns = [(r, year if k == len(roles) - 1 else None) for k, r in enumerate(roles)]
            return i, after, name_at, columns
    return None


def _events(texts: list[str], keys: list[str]) -> list[tuple[str, object]]:
    """The body as names (a mark, then words up to the next value or mark) and runs of cells
    (figure or empty mark, a unit printed apart joined); ※ notes and bare page numbers dropped."""
    events: list[tuple[str, object]] = []
    k = 0
    in_note = False
    while k < len(keys):
        tok, text = keys[k], texts[k]
        q = parse_quantity(tok)
        unit_next = k + 1 < len(keys) and _UNIT_TOKEN.fullmatch(keys[k + 1]) is not None
        if q.kind in ("number", "empty") and (q.unit or q.kind == "empty" or unit_next):
            cell = ((tok if q.kind == "empty" else tok + keys[k + 1]), keys[k + 1]) if unit_next and not q.unit else (tok, q.unit)
            k += 2 if unit_next and not q.unit else 1
            if events and events[-1][0] == "run":
                events[-1][1].append(cell)
            else:
                events.append(("run", [cell]))
            in_note = False
            continue
        k += 1
        if q.kind == "number" and _BARE_NUMBER.fullmatch(tok):
            continue  # a page number between the cells
        if tok.startswith("※"):
            in_note = True
            continue
        if _MARK.match(tok):
            in_note = False
            events.append(("name", text))
        elif not in_note and events and events[-1][0] == "name":
            before = events[-1][1]
            gap = "" if _JAPANESE_EDGE.match(text[:1]) and _JAPANESE_EDGE.match(before[-1:]) else " "
            events[-1] = ("name", before + gap + text)
        elif not in_note:
            events.append(("text", text))
    return events


def _one_unit(cells: list[tuple[str, str | None]]) -> bool:
    return len({u for _, u in cells if u}) <= 1


def owed_rows(line: Line) -> list[IndicatorRow]:
    """Rows of a one-line table whose values run ahead of their names.

    After the header, each name takes the run of cells printed right after it: one cell per column
    (the run's other groups of as many cells, each of one unit, go to the names that follow with
    no cells of their own), or fewer (the row waits for the rest: a later run gives one cell each to
    the waiting rows, in order, when its count and units fit).
    """
    key = line.key
    if len(key) < MIN_LENGTH or line.cells or line.grid is not None:
        return []
    keys = key.split(" ")
    texts = line.text.split(" ") if len(line.text) == len(key) else keys
    found = _split_header(keys)
    if found is None:
        return []
    start, end, name_at, columns = found
    n = len(columns)
    events = ([("name", texts[name_at])] if name_at is not None else []) + _events(texts[end:], keys[end:])
    rows: list[tuple[str, list[tuple[str, str | None]]]] = []
    owed: list[list[tuple[str, str | None]]] = []
    waiting: list[int] = []
    for k, (kind, what) in enumerate(events):
        if kind != "name":
            continue
        run = events[k + 1][1] if k + 1 < len(events) and events[k + 1][0] == "run" else None
        if run is None:
            if owed:
                rows.append((what, owed.pop(0)))
            continue
        groups = [run[g:g + n] for g in range(0, len(run), n)]
        if len(run) % n == 0 and all(_one_unit(g) for g in groups):
            rows.append((what, groups[0]))
            owed += groups[1:]
            continue
        for take in range(1, n):
            rest = run[take:]
            short = [*waiting, len(rows)]
            if len(rest) == len(short) * (n - take) == len(short) and all(
                    _one_unit([*(rows[r][1] if r < len(rows) else run[:take]), rest[m]]) for m, r in enumerate(short)):
                rows.append((what, run[:take]))
                for m, r in enumerate(short):
                    rows[r][1].append(rest[m])
                waiting = []
                break
        else:
            if len(run) < n:
                rows.append((what, list(run)))
                waiting.append(len(rows) - 1)
    out: list[IndicatorRow] = []
    for name, cells in rows:
        row = IndicatorRow(name="")
        set_name(name, row)
        for (role, year), (cell, _) in zip(columns, cells):
            put_value(row, role, year, cell)
        unit = next((u for _, u in cells if u), None)
        row.unit = row.unit or (fold(unit) if unit else None)
        infer(row)
        if row.name and len(cells) == n:
            out.append(row)
    return out


# --- both -------------------------------------------------------------------------------------

_FIGURE = re.compile(rf"{_NUM}\s?{_UNIT}")
MIN_FIGURES = 4  # a line with fewer figures with units holds no table of two rows


@lru_cache(maxsize=4096)
def _count(text: str, key: str) -> int:
    if len(_FIGURE.findall(key)) < MIN_FIGURES or not _value_words().search(key):
        return 0
    line = Line(text=text, key=key, index=0)
    return len(_rows(line))


def _rows(line: Line) -> list[IndicatorRow]:
    return glued_line_rows(line) or column_line_rows(line) or owed_rows(line) or glued_column_rows(line)


def one_line_table(line: Line) -> bool:
    """Whether ``line`` holds a whole table one of the readings above understands."""
    if len(line.key) < MIN_LENGTH or line.cells or line.grid is not None:
        return False
    return _count(line.text, line.key) >= MIN_ROWS


def line_table_rows(lines: list[Line], *, default_era: str | None = None) -> list[IndicatorRow]:
    """The rows of every line of the region that holds such a table, else of its glued lines joined."""
    return [r for line in lines if one_line_table(line) for r in _rows(line)] or glued_lines_rows(lines)


def glued_lines_rows(lines: list[Line]) -> list[IndicatorRow]:
    """A glued table whose rows kept their own lines: a glued header line (a chain of value words)
    and the lines after it with no space nor cell, joined into one glued line and read as one."""
    for i, line in enumerate(lines):
        if " " in line.key or line.cells or line.grid is not None or "|" in line.key or _glued_header(line.key) is None:
            continue
        j = i + 1
        while j < len(lines) and " " not in lines[j].key and not lines[j].cells and lines[j].grid is None and "|" not in lines[j].key:
            j += 1
        if j - i < 1 + MIN_ROWS:
            continue
        joined = Line(text="".join(x.text for x in lines[i:j]), key="".join(x.key for x in lines[i:j]),
                      index=line.index, page=line.page, source=line.source)
        return glued_line_rows(joined)
    return []
