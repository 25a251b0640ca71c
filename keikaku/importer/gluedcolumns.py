"""Columns in turn with the cells glued: a whole table on one line, column after column, no separators.

E-book page text of a table printed column by column: a value header (現状値, maybe with a
bracketed note), the rows' names run together, then that column's cells run together, each a
figure with its unit and its own bracketed year (``20団体(2020)``), then the next value header
with its year (目標値2025年度) and its cells, with the text of other columns (a source) between
them. Read by the forms of values:

- the first column's cells are figures with a unit and a bracketed year, or marks of a font the
  extractor could not read (``■■■``, one cell per run, a space apart is another cell); figures
  with a short word before each (``A12年(2016)B13年(2016)``) are one cell of several parts;
- the names are the text before those cells (a year heading a column there is dropped), cut
  where a name ends (a word of ``lexicon/sheets.toml``: 率, 割合, 数 …, unless a bracket or a
  particle follows it, or a bracket followed by a kanji or katakana); the cut must give exactly
  one name per cell;
- the later column's cells are figures whose unit is one the first column printed or one of
  ``headers.toml``, a bracket after a figure being its note; ``の維持`` after a figure makes it a
  maintain target; the text between cells is another column's;
- the later cells are laid against the rows in order, skipping rows or cells so that as many
  units as possible agree (a figure of another unit never goes to a row); unreadable cells give
  no figure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from keikaku.domain.enums import Direction
from keikaku.importer.lazypattern import lazy
from keikaku.importer.lexicon import VALUE_ROLES, _load, header_words, value_units, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_year_in
from keikaku.importer.width import fold

MIN_ROWS = 3
MAX_LABEL = 3  # characters of a word labelling one part of a cell (男女 …)

_NUM = r"[△▲]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_YEAR = r"\((?:[0-9]{4}|(?:平成|令和|[HR])\s*(?:元|[0-9]{1,2}))\s*(?:年度?)?\)"
_LOST = r"■+"  # glyphs the extractor could not read
_FIRST_CELL = lazy(rf"(?P<fig>{_NUM})(?P<unit>[^0-9()■\s](?:[^0-9()■\s]|(?<=[A-Za-z])[0-9]){{0,7}}?)(?P<year>{_YEAR})|(?P<lost>{_LOST})(?P<lyear>{_YEAR})?")
_HEADER_YEAR = re.compile(rf"(?:の?値)?\s*(?:\([^()]{{1,8}}\)|([0-9]{{4}}\s*年度?|{ERA}(?:元|[0-9]{{1,2}})年度?))?")
_LOOSE_YEAR = re.compile(rf"(?:[0-9]{{4}}|{ERA}(?:元|[0-9]{{1,2}}))年度?$")
_OPEN, _CLOSE = "(", ")"
_NAME_START = lazy(r"[一-龥々ァ-ヶ]")
_LABEL = lazy(r"[一-龥ぁ-んァ-ヶ]+")


@lru_cache(maxsize=1)
def _value_words() -> re.Pattern[str]:
    return re.compile(words_pattern(header_words().words(*VALUE_ROLES)))


@lru_cache(maxsize=1)
def _endings() -> tuple[str, ...]:
    return tuple(sorted(_load("sheets.toml")["name_endings"], key=len, reverse=True))


def _header(key: str, start: int, role: str | None = None) -> tuple[str, int | None, int, int] | None:
    """The first value word from ``start`` (of ``role``): (role, year, start, end with its year)."""
    for m in _value_words().finditer(key, start):
        found = header_words().role_of(m.group(0))
        if role is not None and found != role:
            continue
        tail = _HEADER_YEAR.match(key, m.end())
        year = parse_year_in(tail.group(1))[1] if tail.group(1) else None
        return found or "", year, m.start(), tail.end()
    return None


def _cells(matches: list[re.Match[str]], key: str) -> list[dict]:
    """Cells from figure matches: a figure of the same unit a short word apart from the one before
    (a label: 上段12年下段13年) is another part of that cell; an unreadable run is always a cell of its own."""
    cells: list[dict] = []
    prev: re.Match[str] | None = None
    for m in matches:
        part = {"fig": m.group("fig"), "unit": m.group("unit"), "year": m.groupdict().get("year"),
                "lost": m.group("lost") is not None, "keep": bool(m.groupdict().get("keep"))}
        if m.groupdict().get("lyear"):
            part["year"] = m.group("lyear")
        gap = key[prev.end():m.start()] if prev is not None else ""
        if (prev is not None and 0 < len(gap) <= MAX_LABEL and _LABEL.fullmatch(gap) and not part["lost"]
                and not cells[-1]["parts"][-1]["lost"] and cells[-1]["parts"][-1]["unit"] == part["unit"]):
            cells[-1]["parts"].append(part)
        else:
            cells.append({"parts": [part]})
        prev = m
    return cells


def _first_column(key: str, start: int, stop: int) -> tuple[int, list[dict]] | None:
    """(where the cells start, the cells) of the first column: the last chain of cells before
    ``stop`` with nothing between them but spaces and short labels."""
    matches = list(_FIRST_CELL.finditer(key, start, stop))
    if not matches or key[matches[-1].end():stop].strip():
        return None
    chain = [matches[-1]]
    for m in reversed(matches[:-1]):
        gap = key[m.end():chain[0].start()].strip()
        if gap and not (len(gap) <= MAX_LABEL and _LABEL.fullmatch(gap)):
            break
        chain.insert(0, m)
    return chain[0].start(), _cells(chain, key)


def _unit_of(cell: dict) -> tuple[str, ...] | None:
    """The units a cell prints (one per part), None when it is unreadable."""
    if any(p["lost"] for p in cell["parts"]):
        return None
    return tuple(fold(p["unit"]) for p in cell["parts"])


def _later_cells(key: str, start: int, units: set[str]) -> list[dict]:
    """The cells of a later column: figures of a known unit (a bracket after one is its note), runs
    of unreadable marks; the text between them is another column's."""
    known = words_pattern(sorted(units | set(value_units())))
    cell = re.compile(rf"(?P<fig>{_NUM})(?P<unit>{known})(?P<keep>の?維持)?(?:\([^()]{{0,12}}\))?|(?P<lost>{_LOST})")
    return _cells(list(cell.finditer(key, start)), key)


def _cuts(text: str) -> list[int]:
    """Where names run together may be cut: after a name ending (a bracket right after it goes
    with it) and after a bracket followed by a kanji or katakana; never inside brackets."""
    out: list[int] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == _OPEN:
            depth += 1
        elif ch == _CLOSE:
            depth = max(depth - 1, 0)
            if depth == 0 and i + 1 < len(text) and _NAME_START.match(text[i + 1]):
                out.append(i + 1)
        elif depth == 0:
            for word in _endings():
                if i + 1 - len(word) >= 0 and text.startswith(word, i + 1 - len(word)):
                    before = text[:i + 1 - len(word)]
                    if len(word) == 1 and not re.search(r"[一-龥々ぁ-んァ-ヶ]$", before):
                        continue
                    if i + 1 < len(text) and text[i + 1] not in "(のをにがと":
                        out.append(i + 1)
                    break
        i += 1
    return sorted(set(c for c in out if 0 < c < len(text)))


def _names(text: str, n: int) -> list[str] | None:
    text = text.strip()
    cuts = _cuts(text)
    if len(cuts) != n - 1:
        return None
    bounds = [0, *cuts, len(text)]
    names = [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
    return names if all(len(nm) >= 2 for nm in names) else None


def _fit(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> int:
    """How well a later cell fits a row: 2 for one unit, 1 when either cannot be read, -1 for different units."""
    if a is None or b is None:
        return 1
    return 2 if a == b else -1


def _align(rows: list[tuple[str, ...] | None], cells: list[tuple[str, ...] | None]) -> tuple[list[int | None], int]:
    """For each row the later cell laid against it (in order), maximising agreeing units; and how many agree."""
    n, m = len(rows), len(cells)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            fit = _fit(rows[i], cells[j])
            if fit > 0:
                options.append(fit + best[i + 1][j + 1])
            best[i][j] = max(options)
    out: list[int | None] = []
    i = j = 0
    agree = 0
    while i < n:
        fit = _fit(rows[i], cells[j]) if j < m else -1
        if j < m and fit > 0 and best[i][j] == fit + best[i + 1][j + 1]:
            out.append(j)
            agree += fit == 2
            i += 1
            j += 1
        elif j < m and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            out.append(None)
            i += 1
    return out, agree


def _figure(part: dict) -> str:
    return f"{part['fig']}{part['unit']}"


def glued_column_rows(line: Line) -> list[IndicatorRow]:
    """Rows of a table glued onto one line column after column (see the module)."""
    key = line.key
    if "(" not in key or not re.search(rf"{_NUM}[^0-9()\s]{{1,8}}{_YEAR}", key):
        return []
    first = _header(key, 0, "baseline")
    if first is None:
        return []
    later = _header(key, first[3], "target")
    if later is None:
        return []
    found = _first_column(key, first[3], later[2])
    if found is None:
        return []
    cells_at, cells = found
    if len(cells) < MIN_ROWS or sum(not any(p["lost"] for p in c["parts"]) for c in cells) < 2:
        return []
    name_text = key[first[3]:cells_at].strip()
    name_text = _LOOSE_YEAR.sub("", name_text).strip()  # the year of a column printed before its cells
    if re.search(r"[0-9]", name_text):
        return []
    names = _names(name_text, len(cells))
    if names is None:
        return []
    units = {fold(p["unit"]) for c in cells for p in c["parts"] if not p["lost"]}
    targets = _later_cells(key, later[3], units)
    lay, agree = _align([_unit_of(c) for c in cells], [_unit_of(c) for c in targets])
    if agree < 2:
        return []
    rows: list[IndicatorRow] = []
    where = origin_of(line)
    for name, cell, t in zip(names, cells, lay):
        row = IndicatorRow(name="", origin=where)
        set_name(name, row)
        parts = cell["parts"]
        if len(parts) == 1 and not parts[0]["lost"]:
            put_value(row, first[0], parse_year_in(parts[0]["year"])[1] if parts[0]["year"] else first[1], _figure(parts[0]), origin=where)
            row.unit = row.unit or fold(parts[0]["unit"])
        keep = False
        if t is not None:
            tparts = targets[t]["parts"]
            if len(tparts) == 1 and not tparts[0]["lost"]:
                put_value(row, later[0], later[1], _figure(tparts[0]), origin=where)
                row.unit = row.unit or fold(tparts[0]["unit"])
                keep = tparts[0]["keep"]
        if row.unit is None and len(parts) > 1 and not parts[0]["lost"]:
            row.unit = fold(parts[0]["unit"])
        infer(row)
        if keep:
            row.direction = Direction.MAINTAIN
        rows.append(row)
    return rows
