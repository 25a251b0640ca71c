"""Sheets printed one cell per line, read as a whole: forms (事業評価シート, KPI reports) whose cells
an extractor left one per line in an order that the table regions of the segment stage cut apart.

Three readings, each by the forms of the cells (``values.py``) and the header vocabulary
(``lexicon/headers.toml``), each refusing what it cannot place:

- **value records**: an indicator's name (maybe broken over two or three lines), then its value,
  its unit and its date, each on its own line; the value's role is the role of the header cell
  printed after the unit header (単位, then a target header dating the value: a target).
- **rows under a year header**: a header of years, each followed by the roles of its columns
  (平成24年度 / 計画(予算) / 実績(決算)), then rows: a name (after a kind word such as 成果指標),
  maybe its unit, and one value per column; or rows labelled 計画/実績 under year columns, their
  indicator named before the header.
- **year blocks**: names listed first (①…④, each maybe with its unit), a header of roles
  repeated once per name (目標値 実績値 目標値 実績値 …), then each year label followed by one value
  per role and name; the years after them that print no values, followed by one run of values for
  every name and those years, carry targets.

Rows whose name another reading already found are left to it (``build.py``).
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, fold, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year, parse_year_in

SHORT = 20  # a cell line is at most this long
SHORT_SHARE = 0.7
BROKEN = 3  # a line this short after a name's first line is the rest of the name
VALUE_ROLES = ("baseline", "target", "actual", "interim")
_PLACEHOLDER = re.compile(r"^[〔\[【(（][^〕\]】)）]*[〕\]】)）]$")
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


def _text(cell: str) -> bool:
    """A cell that may be (a piece of) a name: words, not a header, figure, year, placeholder or label."""
    k = fold(cell)
    return (bool(k) and not _PLACEHOLDER.match(k) and role(k) is None and not _value(k)
            and parse_year(k) is None and not re.fullmatch(r"[^\s]{0,4}[①-⑳]", k) and len(k) >= 1)


def sheet_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of a document printed one cell per line ([] when it is not one), but those ``known``."""
    if not is_sheet(lines):
        return []
    out: list[IndicatorRow] = []
    seen = {_key(n) for n in known}
    for read in (_records, _under_years, _year_blocks):
        for row in read(lines):
            figures = row.target is not None or row.baseline is not None or row.actuals
            if figures and row.name and _key(row.name) not in seen and all(_key(row.name) != _key(r.name) for r in out):
                infer(row)
                out.append(row)
    return out


def _key(name: str) -> str:
    return re.sub(r"[\s・]", "", fold(name))


# value records ---------------------------------------------------------------------------------

def _record_role(cells: list[str]) -> str | None:
    """The role of a value printed before its unit and date: the value header after the unit header."""
    found = set()
    for i, cell in enumerate(cells):
        if role(cell) == "unit" and len(fold(cell)) <= 4:
            nxt = [role(c) for c in cells[i + 1:i + 3]]
            found |= {r for r in nxt[:1] if r in VALUE_ROLES}
    return found.pop() if len(found) == 1 else None


def _records(lines: list[Line]) -> list[IndicatorRow]:
    cells = [line.text.strip() for line in lines]
    which = _record_role(cells)
    if which is None:
        return []
    out = []
    for i in range(1, len(cells) - 2):
        if not (_number(cells[i]) and _unit(cells[i + 1]) and parse_year(cells[i + 2]) is not None):
            continue
        name: list[str] = []
        j = i - 1
        while j >= 0 and _text(cells[j]) and not _number(cells[j]):
            piece = fold(cells[j])
            if name and (len(name[0]) > BROKEN or len(piece) <= BROKEN):
                break  # only a short tail (件 / 数) continues the piece before it
            name.insert(0, piece)
            j -= 1
        if not name or len(name[0]) <= BROKEN:
            continue
        row = IndicatorRow(name="", origin=origin_of(lines[i - 1]))
        set_name("".join(name), row)
        row.unit = fold(cells[i + 1])
        put_value(row, which, None, cells[i], origin=origin_of(lines[i]))
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


def _under_years(lines: list[Line]) -> list[IndicatorRow]:
    cells = [line.text.strip() for line in lines]
    out: list[IndicatorRow] = []
    i = 0
    while i < len(cells):
        head = _header(cells, i) if _year(cells[i]) is not None else None
        if head is None:
            i += 1
            continue
        cols, j = head
        if all(r is not None for _, r in cols):
            out += _named_rows(lines, cells, cols, j)
        elif all(r is None for _, r in cols):
            row = _labelled_rows(lines, cells, cols, i, j)
            out += [row] if row is not None else []
        i = j
    return out


def _named_rows(lines: list[Line], cells: list[str], cols: list[tuple[int | None, str | None]], j: int) -> list[IndicatorRow]:
    """Rows after a header whose columns all have roles: a name, maybe a unit, one value per column."""
    out = []
    while j < len(cells):
        parts = fold(cells[j]).split(" ")
        name = " ".join(parts[1:]) if len(parts) > 1 and role(parts[0]) == "name" else fold(cells[j])
        if not _text(name) or role(cells[j]) not in (None, "name"):
            break
        k = j + 1
        unit = None
        if k < len(cells) and _unit(cells[k]):
            unit, k = fold(cells[k]), k + 1
        values = cells[k:k + len(cols)]
        if len(values) < len(cols) or not all(_value(v) for v in values) or (k + len(cols) < len(cells) and _value(cells[k + len(cols)])):
            break  # a row that does not fill the columns exactly is not read
        row = IndicatorRow(name="", origin=origin_of(lines[j]))
        set_name(name, row)
        row.unit = unit or row.unit
        for (year, r), v, line in zip(cols, values, lines[k:k + len(cols)]):
            put_value(row, r or "actual", year, v, origin=origin_of(line))
        out.append(row)
        j = k + len(cols)
    return out


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
