"""Sheets printed one cell per line, read as a whole: forms (事業評価シート, KPI reports) whose cells
an extractor left one per line in an order that the table regions of the segment stage cut apart.

Three readings, each by the forms of the cells (``values.py``) and the header vocabulary
(``lexicon/headers.toml``), each refusing what it cannot place:

- **value records**: an indicator's name, then its value, its unit and its date (H28.3: the
  fiscal year a month closes), each on its own line; the value's role is the role of the header
  cell printed after the unit header (単位, then a target header dating the value: a target), and
  a lone figure after the date takes the role of the header after that one (実績値). The name is
  the pieces back to a cell that ends one (a figure, a date, a header, a whole row label 指標②),
  at most three, row labels split over lines between them (指標 / ①, `① tail`) skipped; a short
  piece before a longer one is another column's: then only the last piece and a short tail.
- **rows under a year header**: a header of years, each followed by the roles of its columns
  (平成24年度 / 計画(予算) / 実績(決算)), or of roles followed by one year each (現状値 / 目標値 /
  (平成26年) / (平成32年)), then rows: a name (after a kind word such as 成果指標; maybe broken
  over lines, a bracketed tail included), maybe its unit, and one value per column — values right
  after a roles-first header belong to the name printed between a name header and it; a baseline
  and a target printed at two scales (8万4千人, 10万人) are given in the finer; or rows labelled
  計画/実績 under year columns, their indicator named before the header.
- **year blocks**: names listed first (①…④, each maybe with its unit), a header of roles
  repeated once per name (目標値 実績値 目標値 実績値 …), then each year label followed by one value
  per role and name; the years after them that print no values, followed by one run of values for
  every name and those years, carry targets.

Rows whose name another reading already found are left to it (``build.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, fold, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year, parse_year_in
from keikaku.importer.known import NewRows

SHORT = 20  # a cell line is at most this long
SHORT_SHARE = 0.7
BROKEN = 3  # a line this short after a name's first line is the rest of the name
MAX_PIECES = 3  # a name is broken over at most this many lines
MAX_NAME = 40  # characters
VALUE_ROLES = ("baseline", "target", "actual", "interim")
_PLACEHOLDER = re.compile(r"^[〔\[【(（][^〕\]】)）]*[〕\]】)）]$")
_QUALIFIER = re.compile(r"[(（][^()（）〔〕]*[)）]")  # (年間): the tail of a name broken before its bracket
_SCALES = {"万": 10**4, "千": 10**3, "百": 10**2, "億": 10**8}
_CIRCLED = re.compile(r"^[①-⑳]\s*")
_PLAN = re.compile(r"^計画(?:値|\(予算\))?$")  # 計画 alone is a target row or column (the lexicon's 計画値)


def role(cell: str) -> str | None:
    """The role a header cell names; 計画 (a plan) is a target."""
    compact = fold(cell).replace(" ", "")
    if _PLAN.match(compact):
        return "target"
    return header_words().role_of(cell)


def is_sheet(lines: list[Line]) -> bool:
    """Whether a document is printed one cell per line: most lines short, no row of cells."""
    if len(lines) < 12 or any(line.cells or line.grid is not None or "|" in line.text for line in lines):
        return False
    return sum(len(line.key) <= SHORT for line in lines) >= SHORT_SHARE * len(lines)


def _number(cell: str) -> bool:
    q = parse_quantity(cell)
    return q.kind == "number" and parse_year(cell) is None and not re.search(r"[^\d,.\s△▲-]", cell)


def _value(cell: str) -> bool:
    """A figure (maybe with a unit or a bracketed qualifier) or an empty mark."""
    if parse_year(cell) is not None:
        return False
    q = parse_quantity(cell)
    return q.kind == "empty" or (q.kind == "number" and bool(re.match(r"^[△▲-]?\d", cell)))


def _unit(cell: str) -> bool:
    k = fold(cell)
    if k in value_units():
        return True
    return 1 <= len(k) <= 2 and not re.search(r"[\d\s]", k) and role(k) is None and not _PLACEHOLDER.match(k)


def _year(cell: str) -> int | None:
    """The year of a cell that is only a year (平成25年度, 25年度, (H26))."""
    rest, year = parse_year_in(cell)
    if year is not None and not rest.strip(" ()（）"):
        return year
    m = re.fullmatch(r"(\d{1,2})年度", fold(cell))
    return parse_year(f"平成{m.group(1)}年度") if m else None


_MONTH = re.compile(r"^(.+?)(?:[.．/／]\s*|年\s*)(\d{1,2})\s*(?:月末?)?$")


def _date(cell: str) -> int | None:
    """The fiscal year of a cell that is only a date (H28.3, 平成28年3月, 2016/3, H28): a month
    of January to March closes the year before."""
    m = _MONTH.match(fold(cell))
    if m and 1 <= int(m.group(2)) <= 12:
        head = m.group(1) + ("年" if m.group(1).isdigit() else "")  # 2016.3: a 4-digit year
        if (year := _year(head)) is not None:
            return year - 1 if int(m.group(2)) <= 3 else year
    return _year(cell)


def _text(cell: str) -> bool:
    """A cell that may be (a piece of) a name: words, not a header, figure, year, placeholder or label."""
    k = fold(cell)
    return (bool(k) and not _PLACEHOLDER.match(k) and role(k) is None and not _value(k)
            and parse_year(k) is None and not re.fullmatch(r"[^\s]{0,4}[①-⑳]", k) and len(k) >= 1)


def sheet_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of a document printed one cell per line ([] when it is not one), but those ``known``."""
    if not is_sheet(lines):
        return []
    kept = NewRows(known)
    for read in (_records, _under_years, _year_blocks):
        for row in read(lines):
            figures = row.target is not None or row.baseline is not None or row.actuals
            if figures and row.name and kept.add(row):
                infer(row)
    return kept.rows




# value records ---------------------------------------------------------------------------------

def _record_roles(cells: list[str]) -> tuple[str, str | None] | None:
    """The roles of a record's values: the value header after the unit header dates the value
    printed before the unit; a different value header right after it is the figure printed after the date."""
    found, later = set(), set()
    for i, cell in enumerate(cells):
        if role(cell) == "unit" and len(fold(cell)) <= 4:
            nxt = [role(c) for c in cells[i + 1:i + 3]]
            if nxt[:1] and nxt[0] in VALUE_ROLES:
                found.add(nxt[0])
                later.add(nxt[1] if len(nxt) > 1 and nxt[1] in VALUE_ROLES and nxt[1] != nxt[0] else None)
    if len(found) != 1:
        return None
    return found.pop(), later.pop() if len(later) == 1 else None


def _row_label(token: str) -> bool:
    """A row label printed beside a name: a circled number, a name header word, or both (指標②)."""
    bare = re.sub(r"[①-⑳]$", "", token)
    return not bare or bare in header_words().words("name")


def _name_piece(cell: str) -> str | None:
    """The part of a cell that may be a piece of a record's name, its row labels dropped ('' for a
    label alone); None for a cell that ends a name (a figure, a date, a header, a placeholder)."""
    tokens = fold(cell).split(" ")
    if len(tokens) == 1 and re.search(r"[①-⑳]$", tokens[0]) and len(tokens[0]) > 1 and _row_label(tokens[0]):
        return None  # a whole label (指標②) opens its row; only a label split over lines falls inside a name
    while tokens and _row_label(tokens[0]):
        tokens.pop(0)
    piece = " ".join(tokens)
    if not piece:
        return ""
    if (_PLACEHOLDER.match(piece) or role(piece) is not None or _value(piece) or _date(piece) is not None
            or re.fullmatch(r"[^\s]{0,4}[①-⑳]", piece)):
        return None
    return piece


def _record_name(cells: list[str], i: int) -> list[str]:
    """The pieces of the name printed before cells[i]: up to MAX_PIECES pieces back to a cell that
    ends a name (row labels between them skipped); else the last piece, maybe after a short head."""
    pieces: list[str] = []
    j = i - 1
    while j >= 0 and (piece := _name_piece(cells[j])) is not None and len(pieces) <= MAX_PIECES:
        if piece and pieces and len(piece) <= BROKEN:
            break  # a short piece before a name's last (た) is another column's tail: not read this way
        if piece:
            pieces.insert(0, piece)
        j -= 1
    if pieces and len(pieces) <= MAX_PIECES and (j < 0 or _name_piece(cells[j]) is None):
        return pieces
    name: list[str] = []
    j = i - 1
    while j >= 0 and _text(cells[j]) and not _number(cells[j]):
        piece = fold(cells[j])
        if name and (len(name[0]) > BROKEN or len(piece) <= BROKEN):
            break  # only a short tail (件 / 数) continues the piece before it
        name.insert(0, piece)
        j -= 1
    return name


def _records(lines: list[Line]) -> list[IndicatorRow]:
    cells = [line.text.strip() for line in lines]
    roles = _record_roles(cells)
    if roles is None:
        return []
    which, after = roles
    out = []
    for i in range(1, len(cells) - 2):
        if not (_number(cells[i]) and _unit(cells[i + 1]) and parse_year(cells[i + 2]) is not None):
            continue
        name = _record_name(cells, i)
        if not name or len(name[0]) <= BROKEN and len(name) == 1:
            continue
        row = IndicatorRow(name="", origin=origin_of(lines[i - 1]))
        set_name("".join(name), row)
        row.unit = fold(cells[i + 1])
        put_value(row, which, _date(cells[i + 2]), cells[i], origin=origin_of(lines[i]))
        if after is not None and i + 3 < len(cells) and _number(cells[i + 3]) and not (i + 4 < len(cells) and _number(cells[i + 4])):
            # (a figure in a run of figures belongs to another column)
            put_value(row, after, _date(cells[i + 2]), cells[i + 3], origin=origin_of(lines[i + 3]))
        out.append(row)
    return out


# rows under a year header ----------------------------------------------------------------------

def _header(cells: list[str], i: int) -> tuple[list[tuple[int | None, str | None]], int] | None:
    """The columns (year, role) of a year header starting at cells[i], and where it ends."""
    cols: list[tuple[int | None, str | None]] = []
    year: int | None = None
    j = i
    while j < len(cells):
        y, r = _year(cells[j]), role(cells[j])
        if y is not None:
            year = y
            cols.append((y, None))
        elif r in VALUE_ROLES and year is not None and not (j + 1 < len(cells) and _value(cells[j + 1])):
            # (a role followed by a figure labels a row)
            if cols and cols[-1][0] == year and cols[-1][1] is None:
                cols[-1] = (year, r)
            else:
                cols.append((year, r))
        else:
            break
        j += 1
    years = {y for y, _ in cols}
    return (cols, j) if len(years) >= 2 else None


def _roles_then_years(cells: list[str], i: int) -> tuple[list[tuple[int | None, str | None]], int] | None:
    """The columns of a header printing its value roles first, then one year per role in the same
    order (現状値 / 目標値 / (平成26年) / (平成32年)), and where it ends."""
    roles: list[str] = []
    j = i
    while j < len(cells) and (r := role(cells[j])) in VALUE_ROLES and r not in roles:
        roles.append(r)
        j += 1
    years = [_year(c) for c in cells[j:j + len(roles)]]
    if len(roles) < 2 or len(years) < len(roles) or None in years:
        return None
    return list(zip(years, roles)), j + len(roles)


def _under_years(lines: list[Line]) -> list[IndicatorRow]:
    cells = [line.text.strip() for line in lines]
    out: list[IndicatorRow] = []
    i = 0
    while i < len(cells):
        head = (_header(cells, i) if _year(cells[i]) is not None
                else _roles_then_years(cells, i) if role(cells[i]) in VALUE_ROLES else None)
        if head is None:
            i += 1
            continue
        cols, j = head
        if all(r is not None for _, r in cols):
            out += _named_rows(lines, cells, cols, j, _name_before(cells, i) if _year(cells[i]) is None else None)
        elif all(r is None for _, r in cols):
            row = _labelled_rows(lines, cells, cols, i, j)
            out += [row] if row is not None else []
        i = j
    return out


def _named_rows(lines: list[Line], cells: list[str], cols: list[tuple[int | None, str | None]], j: int,
                before: tuple[str, int] | None = None) -> list[IndicatorRow]:
    """Rows after a header whose columns all have roles: a name (maybe broken over lines), maybe a
    unit, one value per column; values right after the header belong to the name ``before`` it."""
    out = []
    while j < len(cells):
        if not out and before is not None and _value(cells[j]):
            (name, at), k = before, j
        else:
            parts = fold(cells[j]).split(" ")
            name = " ".join(parts[1:]) if len(parts) > 1 and role(parts[0]) == "name" else fold(cells[j])
            if not _text(name) or role(cells[j]) not in (None, "name"):
                break
            at, k = j, j + 1
            while (k < len(cells) and len(name) < MAX_NAME and (_text(cells[k]) or _QUALIFIER.fullmatch(fold(cells[k])))
                   and k - j < MAX_PIECES
                   and not (_unit(cells[k]) and k + 1 < len(cells) and _value(cells[k + 1]))):
                name, k = name + fold(cells[k]), k + 1  # the rest of a name broken at the cell's width
        unit = None
        if k < len(cells) and _unit(cells[k]):
            unit, k = fold(cells[k]), k + 1
        values = cells[k:k + len(cols)]
        if len(values) < len(cols) or not all(_value(v) for v in values) or (k + len(cols) < len(cells) and _value(cells[k + len(cols)])):
            break  # a row that does not fill the columns exactly is not read
        row = IndicatorRow(name="", origin=origin_of(lines[at]))
        set_name(name, row)
        row.unit = unit or row.unit
        for (year, r), v, line in zip(cols, values, lines[k:k + len(cols)]):
            put_value(row, r or "actual", year, v, origin=origin_of(line))
        _one_scale(row)
        out.append(row)
        j = k + len(cols)
    return out


def _name_before(cells: list[str], i: int) -> tuple[str, int] | None:
    """The name printed between a name header (指標名) and the header at cells[i], maybe broken."""
    k = i - 1
    while k >= 0 and i - k <= MAX_PIECES and (_text(cells[k]) or _QUALIFIER.fullmatch(fold(cells[k]))):
        k -= 1
    if k < 0 or k == i - 1 or role(cells[k]) != "name" or _QUALIFIER.fullmatch(fold(cells[k + 1])):
        return None
    return "".join(fold(c) for c in cells[k + 1:i]), k + 1


def _one_scale(row: IndicatorRow) -> None:
    """A baseline and a target of one unit printed at two scales (95万9千人, 108万人) in the finer one."""
    b, t = row.baseline, row.target
    if b is None or t is None or b.kind != "number" or t.kind != "number" or not b.unit or not t.unit or b.unit == t.unit:
        return
    fine, coarse = (b, t) if len(b.unit) < len(t.unit) else (t, b)
    scale = coarse.unit[: len(coarse.unit) - len(fine.unit)]
    if not coarse.unit.endswith(fine.unit) or scale not in _SCALES or coarse.value is None:
        return
    scaled = replace(coarse, value=coarse.value * _SCALES[scale], unit=fine.unit)
    if coarse is b:
        row.baseline = scaled
    else:
        row.target = scaled
    row.unit = fine.unit


def _labelled_rows(lines: list[Line], cells: list[str], cols: list[tuple[int | None, str | None]], i: int, j: int) -> IndicatorRow | None:
    """Rows labelled 計画/実績 under year columns, for the indicator named just before the header."""
    name_at, unit = None, None
    for k in range(i - 1, max(i - 8, -1), -1):
        c = fold(cells[k])
        if _PLACEHOLDER.match(c) or role(c) in ("unit", "baseline", "name", "definition", "note"):
            continue
        if _unit(c) and unit is None:
            unit = c
            continue
        if _text(c) and len(c) > 2:
            name_at = k
        break
    if name_at is None:
        return None
    row = IndicatorRow(name="", origin=origin_of(lines[name_at]))
    set_name(fold(cells[name_at]), row)
    row.unit = unit or row.unit
    got = False
    while j < len(cells) and role(cells[j]) in ("target", "actual"):
        r = role(cells[j])
        k = j + 1
        while k < len(cells) and _value(cells[k]) and role(re.sub(r"[\d,.]", "", cells[k])) in (None, r):
            k += 1
        if k - (j + 1) == len(cols):
            for (year, _), v, line in zip(cols, cells[j + 1:k], lines[j + 1:k]):
                put_value(row, r, year, v, origin=origin_of(line))  # the last plan figure is the target
            got = True
        j = k
        while j < len(cells) and _value(cells[j]):
            j += 1
    return row if got else None


# year blocks -----------------------------------------------------------------------------------

def _year_blocks(lines: list[Line]) -> list[IndicatorRow]:
    cells = [line.text.strip() for line in lines]
    names: list[tuple[str, str | None, int]] = []
    for i, c in enumerate(cells):
        if _CIRCLED.match(c) and _text(_CIRCLED.sub("", c)):
            parts = [_CIRCLED.sub("", fold(c))]
            k = i + 1
            units = value_units()  # here only a unit of the lexicon: a short line may be the name's tail
            while k < len(cells) and _text(cells[k]) and fold(cells[k]) not in units and not _CIRCLED.match(cells[k]) and len(parts) < 3:
                parts.append(fold(cells[k]))
                k += 1
            unit = fold(cells[k]) if k < len(cells) and fold(cells[k]) in units else None
            names.append(("".join(parts), unit, i))
    # the names listed last in a run of numbered names (①, ②, … in order)
    runs: list[list[tuple[str, str | None, int]]] = []
    for n in names:
        if runs and _CIRCLED.match(cells[n[2]]).group(0).strip() > _CIRCLED.match(cells[runs[-1][-1][2]]).group(0).strip():
            runs[-1].append(n)
        else:
            runs.append([n])
    runs = [r for r in runs if len(r) >= 2]
    if not runs:
        return []
    run = max(runs, key=len)
    n = len(run)
    start = run[-1][2] + 1
    # a header of value roles repeated once per name
    roles_at = None
    for i in range(start, len(cells)):
        seq = [role(c) for c in cells[i:i + 2 * n]]
        if all(r in VALUE_ROLES for r in seq) and len(seq) == 2 * n and seq[:2] * n == seq and seq[0] != seq[1]:
            roles_at = (i, seq[:2])
            break
    if roles_at is None:
        return []
    i, pair = roles_at
    per = len(pair) * n
    rows = [IndicatorRow(name="", origin=origin_of(lines[at])) for _, _, at in run]
    for row, (name, unit, _) in zip(rows, run):
        set_name(name, row)
        row.unit = unit or row.unit
    blank: list[int] = []
    k = i + per
    got = False
    while k < len(cells):
        year = _year(cells[k])
        if year is None:
            k += 1
            continue
        m = k + 1
        while m < len(cells) and _number(cells[m]):
            m += 1
        if m - k - 1 == per:
            for idx, v in enumerate(cells[k + 1:m]):
                put_value(rows[idx // len(pair)], pair[idx % len(pair)], year, v, origin=origin_of(lines[k + 1 + idx]))
            got = True
        elif m == k + 1 and year not in blank:
            blank.append(year)
        elif blank and m - k - 1 == n * (len(blank) + 1) and "target" in pair:
            future = [*blank, year]  # one run for every name over the years that printed none, and this one
            for idx, v in enumerate(cells[k + 1:m]):
                put_value(rows[idx // len(future)], "target", future[idx % len(future)], v, origin=origin_of(lines[k + 1 + idx]))
            blank = []
        k = m
    return rows if got else []
