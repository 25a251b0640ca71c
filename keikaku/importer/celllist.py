"""Tables an extractor left one cell per line (HTML or PDF tables read cell by cell), rebuilt as grids.

The header is the run of cells at the top that are header words or years. The row length is
not always the header's (a code column without a header, a header cell over two columns), so it
is found from the cells themselves: the period at which the kinds of cells (number, word, empty
mark, code) repeat best. The cells are then laid out in rows of that length, the header aligned
to the right, and the grid is read like any other (``grid.py``).
"""

from __future__ import annotations

import re

from keikaku.importer.actualfirst import columns_by_year
from keikaku.importer.lexicon import (VALUE_ROLES, completes_word, fold_key, header_words, names_a_row, pattern,
                                      row_label_role)
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell, Source
from keikaku.importer.wrappedcells import joined_row_wraps, joined_wrapped_names
from keikaku.importer.values import find_era, is_year_cell, parse_quantity, parse_year, parse_year_in

MIN_CELLS = 8
_GRADE = re.compile(r"[A-EＡ-Ｅ◎○〇△×]")
_DIRECTION_CELLS = frozenset({"増加", "減少", "向上", "低下", "上昇", "↑", "↓", "↗", "↘"})
SINGLE_SHARE = 0.8  # share of lines that must be single cells


def _cell(line: Line) -> str | None:
    """The one cell a line holds (``text |`` or a line with no gap), else None."""
    text = line.text.strip()
    if text.endswith("|") and "|" not in text[:-1]:
        return text[:-1].strip()
    if "|" in text or line.cells:
        return None
    return text if " " not in text.strip() or is_year_cell(text) else None  # (平成 30年度): one cell


def _kind(text: str) -> str:
    """code (a long bare number such as 11102), value (a figure, a mark), short (a short word), text, blank."""
    if not text:
        return "blank"
    if text.isdigit() and len(text) >= 4:
        return "code"
    if parse_quantity(text).kind in ("number", "empty", "maintain"):
        return "value"
    if text in _DIRECTION_CELLS or _GRADE.fullmatch(text):
        return "value"  # a direction column's cell (増加, 減少), as 維持 is one; a grade (B, ◎)
    if len(text) <= 6:
        return "short"
    return "text"


def _is_header(text: str) -> bool:
    if names_a_row(text):
        return False
    if header_words().role_of(text) is not None:
        return True
    rest, year = parse_year_in(text)
    if year is not None and len(rest) <= 8:
        return True
    return len(text) <= 16 and parse_quantity(text).kind == "word" and parse_year(text) is not None


def cell_grids(lines: list[Line]) -> list[Grid]:
    """The grids of a table region printed one cell per line ([] when it is not one).

    A header printed again further down starts another grid (a table continued, or the next
    measure's table); cells between the last whole row and that header are left out.
    """
    cells = [_cell(line) for line in lines]
    if len(cells) < MIN_CELLS or sum(c is not None for c in cells) < SINGLE_SHARE * len(cells):
        return []
    kept = [(c, line) for c, line in zip(cells, lines) if c is not None and not c.startswith("※")]  # a note is no cell
    h = 0
    while h < len(kept) and _is_header(kept[h][0]):
        h += 1
    if h < 2:
        return []
    body = _without_group_titles(_dated_values(kept[h:], era=find_era(" ".join(c for c, _ in kept[:h]))))
    rewrapped = joined_row_wraps(body, _kind, tails=_tail_columns(kept[:h]))  # every row's name and tail, wrapped alike
    kept = kept[:h] + (rewrapped if rewrapped is not body else joined_wrapped_names(body, _kind))
    signature = [c for c, _ in kept[:h]]
    header = _rejoined_header(kept[:h])
    starts = [i for i in range(len(kept) - h + 1) if [c for c, _ in kept[i:i + h]] == signature]
    ends = starts[1:] + [len(kept)]
    named = _named_rows(kept[h:ends[0]], len(header))
    period = named or _period(kept[h:ends[0]], len(header))
    if period is None:
        return []
    grids = []
    for start, end in zip(starts, ends):
        grid = _grid(header, kept[start + h:end], period, cut=named is not None)
        if grid is not None:
            grids.append(grid)
    return grids


def _tail_columns(header: list[tuple[str, Line]]) -> int:
    """How many header cells other than years follow the last value word (調査方法, 備考, 所管課)."""
    roles = [None if is_year_cell(text) else header_words().role_of(text) for text, _ in header]
    last = max((k for k, role in enumerate(roles) if role in VALUE_ROLES), default=None)
    return 0 if last is None else sum(1 for k in range(last + 1, len(header)) if not is_year_cell(header[k][0]))


def _without_group_titles(body: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """The body without a numbered group's title among its rows (``(2)成人期`` first or after a row's last
    figure, over the next row's name): no cell of the table."""
    kinds = [_kind(c) for c, _ in body]
    group = pattern("tables", "group_title")
    return [(c, line) for k, (c, line) in enumerate(body)
            if not (k < len(body) - 1 and (k == 0 or kinds[k - 1] == "value") and kinds[k + 1] in ("text", "short")
                    and group.match(fold_key(c.strip())))]


def _dated_values(body: list[tuple[str, Line]], *, era: str | None = None) -> list[tuple[str, Line]]:
    """A figure's year printed on the line under it (``120区画`` / ``（令和2年度）``) joined to it as
    one cell (``120区画（令和2年度）``), as a value with its year in brackets is read; a year under
    a word (a header's, or a name's) stays a cell of its own. A bare year (``(19年度)``) is one
    when the header names an era (``H20年度``)."""
    out: list[tuple[str, Line]] = []
    for text, line in body:
        dated = is_year_cell(text) or (era is not None and _bare_year(text, era))
        if out and dated and text.strip()[:1] in "(（" and _kind(out[-1][0]) == "value":
            out[-1] = (out[-1][0] + text.strip(), out[-1][1])
            continue
        out.append((text, line))
    return out


def _bare_year(text: str, era: str) -> bool:
    rest, year = parse_year_in(text, default_era=era)
    return year is not None and not rest.strip("()（） ")


def _rejoined_header(header: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """Header cells broken over two lines (現状 / 値(令和2年度), 中間 / 目標(令和7年度)) joined: a
    cell without a year whose word the next cell finishes into a longer header word."""
    header = years_over_words(header)
    out: list[tuple[str, Line]] = []
    for k, (text, line) in enumerate(header):
        if out and parse_year_in(out[-1][0])[1] is None and completes_word(out[-1][0], text):
            out[-1] = (out[-1][0] + text, out[-1][1])
            continue
        if out and _dates_word(out[-1][0], text) and not (k + 1 < len(header) and _dates_word(out[-1][0], header[k + 1][0])):
            out[-1] = (out[-1][0] + text.strip(), out[-1][1])  # 基準値 / (2018): the year under its value word
            continue
        out.append((text, line))
    years = 0
    while years < len(out) - 1 and is_year_cell(out[-1 - years][0]):
        years += 1
    spans = [k for k, (text, _) in enumerate(out[:len(out) - years])
             if header_words().role_of(text) == "actual" and parse_year_in(text)[1] is None]
    undated = [t for t, _ in out[:len(out) - years] if header_words().role_of(t) in VALUE_ROLES and parse_year_in(t)[1] is None]
    valued = [k for k, (text, _) in enumerate(out[:len(out) - years])
              if header_words().role_of(text) in VALUE_ROLES and parse_year_in(text)[1] is None]
    ordered = columns_by_year([header_words().role_of(out[k][0]) for k in valued],
                              [parse_year_in(text)[1] for text, _ in out[len(out) - years:]]) if years else None
    if ordered is not None and valued == list(range(valued[0], valued[0] + len(valued))):
        # 実績値 printed before 基準値 and 目標値, the years in the columns' order (actualfirst.py)
        words = {role: out[k] for k in valued for role in [header_words().role_of(out[k][0])]}
        laid = [(words[role][0] + "(" + str(year) + "年度)", words[role][1]) for role, year in ordered]
        return out[:valued[0]] + laid + out[valued[-1] + 1:len(out) - years]
    if years >= 2 and len(spans) == 1 and len(undated) != years:  # 実績値 over its years, printed after the upper row
        k = spans[0]
        spread = [(out[k][0] + "(" + text.strip("()（）") + ")", line) for text, line in out[len(out) - years:]]
        out = out[:k] + spread + out[k + 1:len(out) - years]
    elif years >= 1 and len(undated) == years and len(out) - years > years:
        # the header's second row (years only) printed after the first: each dates an undated value column in order
        dates = iter(text.strip() for text, _ in out[len(out) - years:])
        out = [(text + "(" + next(dates).strip("()（）") + ")", line)
               if header_words().role_of(text) in VALUE_ROLES and parse_year_in(text)[1] is None else (text, line)
               for text, line in out[:len(out) - years]]
    return out


def years_over_words(header: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """A header whose cells print their year over their value word (R5 / 単年度目標 / R5 / 実績), one
    line each, as one cell a column (R5単年度目標): when every bare year of the header is followed by
    an undated value word, and at least two are."""
    lex = header_words()
    bare = [k for k, (text, _) in enumerate(header) if not text.strip().startswith(("(", "（")) and _year_alone(text)]
    if len(bare) < 2 or not all(k + 1 < len(header) and lex.role_of(header[k + 1][0]) in VALUE_ROLES
                                and parse_year_in(header[k + 1][0])[1] is None for k in bare):
        return header
    out: list[tuple[str, Line]] = []
    for k, (text, line) in enumerate(header):
        if k - 1 in bare:
            out[-1] = (out[-1][0].strip() + text, out[-1][1])
        else:
            out.append((text, line))
    return out


def _year_alone(text: str) -> bool:
    rest, year = parse_year_in(text)
    return year is not None and not rest.strip("()（） ")


def _dates_word(word: str, text: str) -> bool:
    """Whether ``text`` is a bracketed year printed under an undated value word (基準値 / (2018))."""
    return (text.strip()[:1] in "(（" and is_year_cell(text) and header_words().role_of(word) in VALUE_ROLES
            and parse_year_in(word)[1] is None)


def _grid(header: list[tuple[str, Line]], body: list[tuple[str, Line]], period: int, *, cut: bool = False) -> Grid | None:
    """Rows of ``period`` cells; with ``cut`` a last row cut short (the page or the excerpt ends) keeps
    its cells, a figure broken at its separator (``1,``) left out."""
    rows = [body[i:i + period] for i in range(0, len(body) - period + 1, period)]
    tail = body[len(rows) * period:]
    while tail and re.search(r"\d[,.]$", tail[-1][0]):
        tail = tail[:-1]
    if cut and len(tail) >= 2:
        rows.append(tail)
    if not rows:
        return None
    h = len(header)
    offset = period - h if period >= h else 0
    header = header[max(0, h - period):]
    out = [GridCell(text, 0, offset + k, source=_source(line)) for k, (text, line) in enumerate(header)]
    for r, row in enumerate(rows, start=1):
        out += [GridCell(text, r, k, source=_source(line)) for k, (text, line) in enumerate(row)]
    return Grid(tuple(out), len(rows) + 1, period, source=_source(header[0][1]))


def _named_rows(body: list[tuple[str, Line]], h: int) -> int | None:
    """The header's length when the body lines up with it as rows of a name and figures only, the
    last row maybe cut short (a table with one whole row, which the kinds' period cannot settle)."""
    kinds = [_kind(c) for c, _ in body]
    if h < 3 or len(kinds) < h:
        return None
    for start in range(0, len(kinds), h):
        row = kinds[start:start + h]
        if row[0] not in ("text", "short") or any(k not in ("value", "blank") for k in row[1:]):
            return None
    return h


def _period(body: list[tuple[str, Line]], h: int) -> int | None:
    """The row length at which the cells' kinds line up best (at least two whole rows); on a tie the header's."""
    kinds = [_kind(c) for c, _ in body]
    best: tuple[float, int] | None = None
    for p in sorted(range(max(2, h - 2), h + 4), key=lambda p: p != h):  # the header's first: it wins a tie
        n = len(kinds) // p
        if n < 2:
            continue
        agree = 0
        for col in range(p):
            column = [kinds[r * p + col] for r in range(n)]
            top = max(column.count(k) for k in set(column))
            agree += top / n
        score = agree / p
        if best is None or score > best[0] + 1e-9:
            best = (score, p)
    return best[1] if best and best[0] >= 0.75 else None


def _source(line: Line) -> Source:
    return line.source if line.source is not None else Source(line=line.index + 1)


def _split_pipes(line: Line) -> list[str] | None:
    if line.cells:
        return list(line.cells)
    if line.key.count("|") < 2:
        return None
    return [c.strip() for c in line.text.strip().strip("|").split("|")]


def pipe_grid(lines: list[Line]) -> Grid | None:
    """A table whose rows have real cells (pipes, tabs) as a grid, rows short of cells placed under their columns.

    A row with fewer cells than the header (a second indicator of the same measure, its leading
    cells left blank) is placed so that its first cell falls in the indicator column.
    """
    rows = [(cells, line) for line in lines if (cells := _split_pipes(line)) is not None
            and not all(re.fullmatch(r"[-:\s]*", c) for c in cells)]
    texts = [line for line in lines if line.key.strip("|-: ")]
    joined = _join_broken_rows(rows, lines) if rows else None
    if joined:
        rows, texts = joined, [line for _, line in joined]
    if len(rows) < 2 or len(rows) < 0.6 * len(texts):
        return None
    if not rows[0][1].cells and not rows[0][1].text.strip().startswith("|"):
        # rows open without a pipe: a row opening with one (``| | R4 | R10``) left its first cell empty
        rows = [([""] + cells if not line.cells and line.text.strip().startswith("|") else cells, line) for cells, line in rows]
    header = rows[0][0]
    if _shifted_left(header, [cells for cells, _ in rows[1:]]):
        header = [""] + header[:-1]
    width = len(header)
    name_col = next((k for k, c in enumerate(header) if header_words().role_of(c) == "name"), 0)
    out: list[GridCell] = []
    r = 0
    for cells, line in rows:
        while cells and not cells[-1] and len(cells) > width:
            cells = cells[:-1]
        if not any(cells):
            continue
        start = 0 if len(cells) >= width - 1 or r == 0 else name_col
        for k, text in enumerate(cells[: width - start]):
            out.append(GridCell(text, r, start + k, source=_source(line)))
        r += 1
    return Grid(tuple(out), r, width, source=_source(rows[0][1])) if r >= 2 else None


def _shifted_left(header: list[str], body: list[list[str]]) -> bool:
    """A header printed one cell to the left (``2018(実績) | 現状(2019) | |`` over ``name | 63.3% | 65.0% |``).

    The empty cell over the names was printed last: the header names no name column, its last
    cell is empty, and the rows hold text in their first cell and figures in their last.
    """
    lex = header_words()
    if len(header) < 3 or header[-1] or not header[0] or any(lex.role_of(c) == "name" for c in header):
        return False
    if lex.role_of(parse_year_in(header[0])[0]) is None and not is_year_cell(header[0]):
        return False
    body = [cells for cells in body if any(cells)]
    return bool(body) and all(
        len(cells) >= len(header) and parse_quantity(cells[0]).kind == "word"
        and parse_quantity(parse_year_in(cells[len(header) - 1])[0]).kind in ("number", "empty") for cells in body)


def _join_broken_rows(rows: list[tuple[list[str], Line]], lines: list[Line]) -> list[tuple[list[str], Line]] | None:
    """Rows of an HTML table whose cells wrapped over lines (``1 |``, ``name | 82.6 |``, ``90.0 |`` …) joined.

    Only when most body lines are such pieces (each ends with a pipe and holds fewer cells than
    the header): pieces are gathered until they hold a header's width of cells. A header that
    ends with an empty cell over rows that open with a row number (``1 |``) sits one column to
    the right: the number is dropped.
    """
    header, first = rows[0]
    width = len(header)
    text = first.text.strip()
    full = len(text[:-1].split("|")) if text.endswith("|") and not text.startswith("|") else width
    start = next((k + 1 for k, line in enumerate(lines) if line is first), 0)
    pieces: list[tuple[list[str], Line]] = []
    for line in lines[start:]:
        text = line.text.strip()
        if re.fullmatch(r"[|:\s]*-{3,}[-|:\s]*", text):
            continue  # the rule under the header
        if not text.endswith("|") or line.cells:
            return None
        pieces.append(([c.strip() for c in text[:-1].split("|")], line))
    if len(pieces) < 4 or sum(len(c) < width - 1 for c, _ in pieces) < 0.6 * len(pieces):
        return None
    numbered = (full > width or not header[-1]) and re.fullmatch(r"\d{1,3}", pieces[0][0][0] or "") is not None
    joined: list[tuple[list[str], Line]] = [rows[0]]
    cells: list[str] = []
    at: Line | None = None
    for piece, line in pieces:
        at = at or line
        cells += piece
        if len(cells) >= full:
            row = cells[1:] if numbered and re.fullmatch(r"\d{1,3}", cells[0]) else cells
            joined.append((row[:width] + [""] * (width - len(row)), at))
            cells, at = [], None
    if cells and at is not None and len(cells) >= 3:
        row = cells[1:] if numbered and re.fullmatch(r"\d{1,3}", cells[0]) else cells
        joined.append((row[:width] + [""] * (width - len(row)), at))
    return joined if len(joined) >= 3 else None


_ROW_ROLES = ("target", "actual", "interim")
_BRACKETED_UNIT = re.compile(r"[(（][^()（）0-9０-９]{1,6}[)）]")  # (g), (％), (団体)


def _unit_column(header: list[str]) -> bool:
    """Whether the header's second cell is a unit column between the names and the 区分 labels."""
    lex = header_words()
    return len(header) > 2 and lex.role_of(header[1]) == "unit" and lex.role_of(header[2]) == "label"


def _is_unit(tok: str) -> bool:
    return not re.search(r"[0-9０-９]", tok) and 1 <= len(tok) <= 6


_BRACKETED_YEAR = re.compile(r"^[(（][^()（）]{1,12}[)）]$")


def _years_under(header: list[str], line: Line | None) -> tuple[list[str], int]:
    """The header with the years of a line under it (（令和2年度） （令和7年度）) given, in order, to its
    value words that print none (基準値, 目標値), when they are as many; and the lines used (1 or 0)."""
    toks = [t for t in line.text.split(" ") if t] if line is not None else []
    if not toks or not all(_BRACKETED_YEAR.match(t) and parse_year(t) is not None for t in toks):
        return header, 0
    lex = header_words()
    undated = [k for k, t in enumerate(header) if lex.role_of(t) in ("baseline", "target", "interim") and parse_year(t) is None]
    if len(undated) != len(toks):
        return header, 0
    out = list(header)
    for k, t in zip(undated, toks):
        out[k] += t
    return out, 1


def label_grid(lines: list[Line]) -> Grid | None:
    """A text table whose rows are labelled 目標 / 実績 under a 区分 column, as a grid.

    ``特定健診受診率 目標 45.0 50.0`` then ``実績 40.1 41.2``: the second line continues the
    indicator above, whose name cell then spans both rows, as the printed table merges it. Cells
    between the name and the label (``名 人 18,420 目標 …`` under ``指標名 単位 基準値 区分 …``) are the
    columns the header prints there; a line of bracketed years under the header dates its value words.
    """
    if not lines:
        return None
    header = [t for t in lines[0].key.split(" ") if t]
    lex = header_words()
    if "label" not in {lex.role_of(t) for t in header}:
        return None
    header, dated = _years_under(header, lines[1] if len(lines) > 1 else None)
    cells: list[GridCell] = [GridCell(t, 0, k, source=_source(lines[0])) for k, t in enumerate(header)]
    width = len(header)
    unit_column = _unit_column(header)
    first = 2 if unit_column else 1  # the label's column
    label_at = next(k for k, t in enumerate(header) if lex.role_of(t) == "label")
    before = label_at - 1 if label_at >= 3 else 0  # cells between the name and the label (単位, 基準値 …)
    first = label_at if before else first
    row = 0
    name_cell: GridCell | None = None
    opening: str | None = None  # the label each indicator's rows open with
    for line in lines[1 + dated:]:
        toks = [t for t in line.text.split(" ") if t]
        at = next((k for k, t in enumerate(toks) if row_label_role(t) in _ROW_ROLES and len(t) <= 4), None)
        if at is None or len(toks) - at < 2 or 0 < at <= before:
            continue
        row += 1
        opening = opening or (fold_key(toks[at]) if at > 0 else None)
        unit = at == 1 and _BRACKETED_UNIT.fullmatch(toks[0]) is not None  # (g) 実績値 …: the name's unit, wrapped
        # a name's second line beside a label other than the one its rows open with goes on the name
        wrapped = at > 0 and opening is not None and fold_key(toks[at]) != opening and name_cell is not None
        if (at == 0 or unit or wrapped) and name_cell is not None:  # a label alone: the indicator above goes on
            cells.remove(name_cell)
            text = name_cell.text + ("".join(toks[:at]) if unit or wrapped else "")
            name_cell = GridCell(text, name_cell.row, 0, name_cell.rowspan + 1, 1, source=name_cell.source)
            cells.append(name_cell)
            for lead in [c for c in cells if c.row == name_cell.row and 0 < c.col < first and before]:
                cells.remove(lead)  # the cells before the label are merged over the indicator's rows as its name is
                cells.append(GridCell(lead.text, lead.row, lead.col, name_cell.rowspan, 1, source=lead.source))
        elif at > 0 and before:  # name, the cells before the label (unit, baseline), then the label
            name_cell = GridCell("".join(toks[:at - before]), row, 0, source=_source(line))
            cells.append(name_cell)
            cells += [GridCell(t, row, k, source=_source(line)) for k, t in enumerate(toks[at - before:at], start=1)]
        elif at > 0:
            own_unit = unit_column and at >= 2 and _is_unit(toks[at - 1])
            name_cell = GridCell("".join(toks[:at - 1] if own_unit else toks[:at]), row, 0, source=_source(line))
            cells.append(name_cell)
            if own_unit:
                cells.append(GridCell(toks[at - 1], row, 1, source=_source(line)))
        else:
            continue
        for k, t in enumerate(toks[at:][: width - first], start=first):
            cells.append(GridCell(t, row, k, source=_source(line)))
    return Grid(tuple(cells), row + 1, width, source=_source(lines[0])) if row >= 1 else None


def is_header_cell(text: str) -> bool:
    """Whether a line printed alone is a cell of a header (a header word or a year)."""
    return _is_header(text)
