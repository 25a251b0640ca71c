"""A header printed one cell per line, then its body one cell per line, row by row or column by column.

An extractor's default mode gives a small table's cells one per line in drawing order. Its header
comes first, a name cell (指標, 重要業績評価指標（KPI）, or 区分 standing over the names) and then
the value columns, each maybe dated on the next line (``目標値`` / ``（令和13年度）``)::

    区分                    指標                  指標
    基準値                  基準値（R1）          基準値（R1）
    （平成28年度末）        目標値（R6）          目標値（R6）
    目標値                  name A                name A
    （令和18年度末）        4,820人               (年間)
    削減率                  5,000人               name B
    name A                  name B                14人
    312,450㎡               12件                  9件
    281,205㎡               20件                  40人
    10.0%                                         20件
    name B …

The body is read by its cells' forms: a figure (a number with its unit, 維持, －) or a bracketed
year dating the figure before it, or text (a name, maybe wrapped over lines). Rows in drawing
order are runs of names and one figure per value column; a body whose names all come before its
figures, as many figures as names times value columns, was drawn column by column, each column's
figures in the names' order, and the name pieces are joined into that many names (a piece opening
with a bracket or a particle, or after a piece that ends like no name, goes on the name before).
The body ends at a heading, a note (※), a sentence, the next header or a page number; a run of
bare whole numbers, as many as two rows' figures or more and a multiple of the columns, is figures,
and a caption ending in ``（単位：TJ）`` on the line above the header gives them their unit. Columns of
rates (削減率, 進捗率), notes or departments are read past; of two baseline columns (基準年度 then
現状) the second is an actual; a table with fewer than two of a
baseline, target or actuals columns, or none of a baseline and a target, is not one of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words, name_endings, pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import TARGET_WORDS, IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_VALUES = ("baseline", "target", "actual", "interim")
_PASSED = ("rate", "note", "department", "source", "definition", "unit")
_NAMES = ("name", "label")
_LONGEST_CELL = 40  # characters: a longer line is a sentence
_CAPTION_UNIT = re.compile(r"[(（]単位[:：]\s*([^()（）]{1,10})[)）]\s*$")
_BARE = re.compile(r"^[0-9][0-9,]*$")
_STOP = re.compile(r"^(?:[※＊*]|[■□◆◇●○【〔<＜]|第[0-9０-９一二三四五六七八九十]+[章節]|[-－―‐ー]\s*[0-9０-９]+\s*[-－―‐ー]$|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]+$)")
_CONTINUES = tuple("(（のをにがへやでとはもっゃゅょーン)）")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")
_ROW_CAP = 30  # rows: more is no small table


@dataclass(frozen=True)
class _Column:
    role: str
    year: int | None


def _single(line: Line) -> str | None:
    """The line's one cell as printed, or None when it holds several (spaces between) or is too long."""
    text = line.text.strip()
    if not text or len(text) > _LONGEST_CELL:
        return None
    return text if " " not in line.key.strip() or _year_only(text) is not None else None  # 令和 4年度: one cell


def _year_only(cell: str) -> int | None:
    rest, year = parse_year_in(cell)
    return year if year is not None and not re.sub(r"[()（）]|年度末|末|時点|現在", "", rest).strip() else None


def _header(lines: list[Line], i: int) -> tuple[list[_Column], int] | None:
    """The value columns of a header opening at line ``i`` with a name cell, and the line after it."""
    lex = header_words()
    first = _single(lines[i])
    if first is None or lex.role_of(first) not in _NAMES:
        return None
    columns: list[_Column] = []
    j = i + 1
    while j < len(lines) and (cell := _single(lines[j])) is not None:
        year = _year_only(cell)
        if year is not None and columns and columns[-1].year is None:
            columns[-1] = _Column(columns[-1].role, year)
        elif year is not None and columns and not cell.startswith(("(", "（")):
            columns.append(_Column("actual", year))  # a year heading its own column: that year's figure
        elif (role := lex.role_of(cell)) in _VALUES or role in _PASSED:
            if re.search(r"[0-9０-９]", parse_year_in(cell)[0]):
                break  # a figure, not a header cell
            columns.append(_Column(role, parse_year_in(cell)[1]))
        else:
            break
        j += 1
    bases = [k for k, c in enumerate(columns) if c.role == "baseline"]
    if len(bases) == 2:  # 基準値 (2013年度) then 現状 (2021年度): the later is the value measured since
        columns[bases[1]] = _Column("actual", columns[bases[1]].year)
    roles = [c.role for c in columns]
    if sum(r in _VALUES for r in roles) < 2 or not ({"baseline", "target"} & set(roles)):
        return None
    return columns, j


def _kind(cell: str) -> str:
    if _year_only(cell) is not None:
        return "year"
    if TARGET_WORDS.match(fold_key(cell)):
        return "figure"  # a word standing as a qualitative target (減少, 向上)
    return "figure" if parse_quantity(cell).kind in ("number", "maintain", "empty") else "text"


def _figure_line(line: Line, m: int) -> list[str] | None:
    """The cells of a line holding one figure per value column and nothing else (a row's figures under its name)."""
    cells = line.text.split()
    return cells if len(cells) == m and all(_kind(c) == "figure" for c in cells) else None


def _group_title(lines: list[Line], j: int, out: list[tuple[str, str, Line]]) -> bool:
    """Whether line ``j``, first in the body or after a row's figures, is a numbered group's title
    (``(2)成人期``: no figure) over a row's name (no sentence) and, a line or two on, its first figure:
    the table goes on under it."""
    key = fold_key(lines[j].text)
    if out and out[-1][0] != "figure" or not pattern("tables", "group_title").match(key) or j + 1 >= len(lines):
        return False
    below = _single(lines[j + 1])
    if below is None or "。" in below or _STOP.match(fold_key(below)) or _kind(below) != "text":
        return False
    return any((cell := _single(line)) is not None and _kind(cell) == "figure" for line in lines[j + 2:j + 4])


def _body(lines: list[Line], j: int, m: int, graded: bool = False) -> list[tuple[str, str, Line]]:
    """The body's cells (kind, text, line) from line ``j`` to where the table ends; under a header with a
    note column (``graded``), a grade alone (◎, B) is that column's cell."""
    lex = header_words()
    grade = pattern("spaced", "grade")
    out: list[tuple[str, str, Line]] = []
    while j < len(lines):
        if (cell := _single(lines[j])) is None:
            if (figures := _figure_line(lines[j], m)) is None:
                break
            out.extend(("figure", f, lines[j]) for f in figures)
            j += 1
            continue
        if graded and out and out[-1][0] == "figure" and grade.match(fold_key(cell)):
            out.append(("figure", cell, lines[j]))
            j += 1
            continue
        if _group_title(lines, j, out):
            j += 1
            continue
        if _STOP.match(fold_key(cell)):
            if not (run := _bare_run(lines, j, m)):
                break
            out.extend(("figure", lines[k].text.strip(), lines[k]) for k in range(j, j + run))
            j += run
            continue
        kind = _kind(cell)
        if kind == "text" and lex.role_of(cell) is not None and len(fold_key(cell)) <= 6:
            break  # the next header
        out.append((kind, cell, lines[j]))
        j += 1
    return out


def _caption_unit(lines: list[Line], i: int) -> str | None:
    """The unit a table's caption on the line above its header gives its bare figures (``（単位：TJ）``)."""
    m = _CAPTION_UNIT.search(lines[i - 1].key) if i > 0 else None
    return m.group(1).strip() if m else None


def _bare_run(lines: list[Line], j: int, m: int) -> int:
    """The number of lines from ``j`` each a bare whole number alone, when they are a column-major body's
    figures (two rows at least of ``m`` columns), else 0: one such line alone is a page number."""
    k = j
    while k < len(lines) and _BARE.match(lines[k].key.strip()):
        k += 1
    run = k - j
    return run if run >= 2 * m and run % m == 0 else 0


def _cells(body: list[tuple[str, str, Line]]) -> list[tuple[str, str, Line]] | None:
    """The body with each bracketed year put after the figure before it; None when one dates no figure."""
    out: list[tuple[str, str, Line]] = []
    for kind, cell, line in body:
        if kind == "year":
            if not out or out[-1][0] != "figure":
                return None
            out[-1] = ("figure", out[-1][1] + cell, out[-1][2])
        else:
            out.append((kind, cell, line))
    return out


def _ends_name(cell: str) -> bool:
    return _TRAILING_BRACKET.sub("", fold_key(cell)).endswith(name_endings())


def _joined(pieces: list[tuple[str, Line]], k: int) -> list[tuple[str, Line]] | None:
    """Name pieces joined into ``k`` names, or None when they do not join so."""
    names: list[tuple[str, Line]] = []
    for piece, line in pieces:
        if names and (piece.startswith(_CONTINUES) or not _ends_name(names[-1][0])):
            names[-1] = (names[-1][0] + piece, names[-1][1])
        else:
            names.append((piece, line))
    return names if len(names) == k else None


def _row_major(cells: list[tuple[str, str, Line]], m: int) -> list[tuple[tuple[str, Line], list[tuple[str, Line]]]] | None:
    rows: list[tuple[tuple[str, Line], list[tuple[str, Line]]]] = []
    at = 0
    while at < len(cells):
        pieces = []
        while at < len(cells) and cells[at][0] == "text":
            pieces.append((cells[at][1], cells[at][2]))
            at += 1
        figures = []
        while at < len(cells) and cells[at][0] == "figure" and len(figures) < m:
            figures.append((cells[at][1], cells[at][2]))
            at += 1
        if not pieces or len(figures) != m:
            return None
        rows.append(((" ".join(p for p, _ in pieces).replace(" ", ""), pieces[0][1]), figures))
    return rows


def _column_major(cells: list[tuple[str, str, Line]], m: int) -> list[tuple[tuple[str, Line], list[tuple[str, Line]]]] | None:
    kinds = [k for k, _, _ in cells]
    if "figure" not in kinds:
        return None
    split = kinds.index("figure")
    if split == 0 or "text" in kinds[split:]:
        return None
    figures = [(c, ln) for _, c, ln in cells[split:]]
    if len(figures) % m:
        return None
    k = len(figures) // m
    names = _joined([(c, ln) for _, c, ln in cells[:split]], k)
    if names is None:
        return None
    return [(names[r], [figures[c * k + r] for c in range(m)]) for r in range(k)]


def header_cell_rows(lines: list[Line], known: list[str]) -> list[IndicatorRow]:
    """Indicators of small tables printed one cell per line under a header printed so."""
    new = NewRows(known)
    i = 0
    while i < len(lines):
        found = _header(lines, i)
        if found is None:
            i += 1
            continue
        columns, j = found
        body = _body(lines, j, len(columns), any(c.role == "note" for c in columns))
        cells = _cells(body)
        unit = _caption_unit(lines, i)
        i = j + max(len(body), 1)
        if not cells:
            continue
        m = len(columns)
        rows = _column_major(cells, m) or _row_major(cells, m)
        if not rows or len(rows) > _ROW_CAP:
            continue
        for (name, name_line), figures in rows:
            row = IndicatorRow(name="", origin=origin_of(name_line))
            set_name(name, row)
            for column, (figure, line) in zip(columns, figures):
                if column.role in _VALUES:
                    put_value(row, column.role, column.year, figure, origin=origin_of(line))
            infer(row)
            row.unit = row.unit or unit
            if row.name and (row.baseline is not None or row.target is not None):
                new.add(row)
    return new.rows
