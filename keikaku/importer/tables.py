"""Indicator tables printed as text: the header's columns, and the rows read line by line and as a stream.

Project schedules are read by ``schedules``, registries of sectoral plans by ``registry``; the
other readings of an indicator table (grids, labelled values) are gathered in ``indicators``.
Each parser takes the lines of one table region (header first) and returns typed rows. Rows are
read from real cells (tabs, pipes, Word and Excel cells) when a line has them, otherwise by
taking value tokens from the right of the line, so flattened PDF rows, values on lines of their
own and names broken over two lines all read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keikaku.cache import text_memo
from keikaku.domain.enums import Direction
from keikaku.importer.headeryears import dated_by_year_lines
from keikaku.importer.lexicon import (aims_lower, figure_opens_name, glued_words, header_words, label_opens_name, labels_in_name,
                                      names_a_row, pattern, row_of_a_name, value_units, words_pattern)
from keikaku.importer.armlabels import unlabelled_arms
from keikaku.importer.grouptitle import group_title
from keikaku.importer.pageclose import without_page_numbers
from keikaku.importer.namecells import cells_before_name, joined_name, note_out, to_year
from keikaku.importer.roleheader import row_label
from keikaku.importer.yearrun import target_after_years
from keikaku.importer.plannedyears import plans_after_baseline
from keikaku.importer.normalize import Line, make_line, origin_of
from keikaku.importer.width import fold
from keikaku.importer.unittags import unit_tag
from keikaku.importer.streamrows import PLACEHOLDER, arrow_cell, dated_pairs, stream_rows, year_column_rows
from keikaku.importer.values import (
    Quantity,
    dated_value,
    find_era,
    parse_direction,
    parse_quantity,
    parse_year,
    ends_with_a_bare_year,
    parse_year_in,
)

_YEAR_TOKEN = re.compile(r"(?:(?:明治|大正|昭和|平成|令和)\s*(?:元|\d{1,2})|[HRS]\.?\s*(?:元|\d{1,2})|\d{4}|\d{1,2})\s*年度?|(?:明治|大正|昭和|平成|令和|[HRS]\.?)\s*(?:元|\d{1,2})\b|\b\d{4}\b")
_MARK = re.compile(r"(?:※|\*|＊)\s*[0-9０-９]*")
_SEPARATOR = re.compile(r"^[\s|:+-]+$")
_UNIT_TAIL = re.compile(r"\s*[(（]([^()（）]{1,6})[)）]\s*$")  # 待機児童数(人)
_BULLET = re.compile(r"^(?:[・●○■□◆◇▶▸◎\-－]+|[①-⑳❶-❿➊-➓])\s*")
_BARE = re.compile(r"[0-9]{1,3}")
_ROW_NUMBER = re.compile(r"^(?:[(（]?[0-9０-９]{1,2}[)）.．]?\s+|[0-9]{1,2}(?:[-－][0-9]{1,2}){1,2}\s*|(?:[(（][ア-ン][)）]\s*|[ア-ン](?:[.．、]\s*|\s+)))(?=[^\s0-9])")  # 1 name, 1-2 name, 3-1name, ア name
_LABEL = re.compile(r"^([^:：\s]{1,12}(?=\s*[:：])|[^:：\s0-9０-９]{1,8}(?:[0-9０-９]{1,2}|[①-⑳])(?=\s))\s*[:：]?\s*")  # KPI：name, 指標1 name
_DIRECTION_TAG = pattern("tables", "direction_tag")
TARGET_WORDS = pattern("tables", "target_words")


@dataclass
class IndicatorRow:
    name: str
    unit: str | None = None
    direction: Direction | None = None
    baseline: Quantity | None = None
    baseline_year: int | None = None
    target: Quantity | None = None
    target_year: int | None = None
    interim: list[tuple[Quantity, int | None]] = field(default_factory=list)
    actuals: list[tuple[int, Quantity, float | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    definition: str | None = None
    source: str | None = None
    department: str | None = None
    origin: str | None = None  # where the row's name was read (Source.label())
    origins: dict[str, str] = field(default_factory=dict)  # baseline, target, interim:N, actual:YEAR → where


@dataclass(frozen=True)
class Column:
    role: str
    year: int | None = None
    years_only: bool = False  # 目標年度, 基準年: the column gives the year of the figure beside it
    to_year: int | None = None  # 令和2年度現状値から令和7年度目標値: the year its cells' 'X から Y へ' target is of


YEAR_HEADER = re.compile(r"(?:年度|年次|年)$")


def is_year_header(text: str) -> bool:
    """A header naming a column of years (a base year, a target year), not of figures (目標値(令和7年度))."""
    key = text.replace(" ", "")
    return (YEAR_HEADER.search(key) is not None and "値" not in key.replace("値の", "") and not any(ch.isdigit() for ch in key)
            and "元年" not in key)  # 令和元年度: a year, its number spelt 元


# --- tokens ---------------------------------------------------------------------------------

def _tokens(key: str, text: str | None = None) -> list[str]:
    """Space-separated tokens, with 約, units and scale chains glued back to their numbers.

    Decisions are made on the folded ``key``; the tokens returned are cut from ``text`` (the
    printed form, aligned character for character with ``key``) when it is given. Values glued
    to each other or to a name without a space (a name, then 27団体30団体) are cut apart.
    """
    return list(_line_tokens(key, text))


@text_memo(512, 512)  # every reading of a table tokenises its lines: once per line
def _line_tokens(key: str, text: str | None) -> tuple[str, ...]:
    keys = key.split(" ")
    texts = text.split(" ") if text is not None and len(text) == len(key) else keys
    out: list[tuple[str, str]] = []
    for k, t in zip(keys, texts):
        if not k:
            continue
        if (out and _open_bracket(out[-1][0]) and len(out[-1][0]) + len(k) <= 30
                and (k.isdigit() or out[-1][0][-1].isdigit())):
            out[-1] = (out[-1][0] + k, out[-1][1] + t)  # 教室(年 4 回): a figure printed apart inside a name's bracket
            continue
        if out and (out[-1][0] in ("約", "およそ", "概ね") or (out[-1][0] in _COUNT_WORDS and k[:1].isdigit())
                    or (re.match(r"^[0-9,.]+[億万千百]+$", out[-1][0]) and re.match(r"^[0-9]", k))
                    or (re.match(r"^[△▲-]?[0-9][0-9,.]*$", out[-1][0]) and k in _UNITS)):
            out[-1] = (out[-1][0] + k, f"{out[-1][1]} {t}")
        else:
            out.extend(_unglue(k, t))
    return tuple(t for _, t in out)


def _open_bracket(token: str) -> bool:
    """A token that opens a bracket it does not close, after text (教室(年): its words go on."""
    at = max(token.rfind("("), token.rfind("（"))
    return at > 0 and ")" not in token[at:] and "）" not in token[at:] and not token[at - 1].isdigit()


_UNITS = frozenset(value_units())
_COUNT_WORDS = ("延べ", "延", "累計")  # printed apart before a figure they qualify (延べ 8)
_NUMBER = r"[△▲]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_GLUED = re.compile(rf"(.*?[^0-9,.△▲\s])??((?:{_NUMBER}(?:{words_pattern(value_units())}))+)")
_COMPOUND = re.compile(r"[0-9][十百千]?[万億兆][0-9]")  # scales falling inside one figure (3億1,100万円)
_PIECE = re.compile(rf"{_NUMBER}(?:{words_pattern(value_units())})")


def _unglue(k: str, t: str) -> list[tuple[str, str]]:
    """(key, text) pieces of a token: a name and the values glued to it, or values glued together."""
    q = parse_quantity(k)
    if q.kind != "word" and (not re.search(r"[0-9][^0-9,.\s]+[0-9]", k) or _COMPOUND.search(k)):
        return [(k, t)]  # one value, 3億1,100万円 included
    m = _GLUED.fullmatch(k)
    if m is None:
        return [(k, t)]
    pieces = [(p.start(), p.end()) for p in _PIECE.finditer(k, m.start(2))]
    if len(pieces) < 2 and not m.group(1):
        return [(k, t)]
    out = [(k[: m.end(1)], t[: m.end(1)])] if m.group(1) else []
    return out + [(k[a:b], t[a:b]) for a, b in pieces]


def _is_value(tok: str, *, lenient: bool = False) -> bool:
    q = parse_quantity(tok)
    if q.kind in ("number", "maintain", "empty") and not figure_opens_name(q.kind, q.unit):
        return True
    if parse_direction(tok) is not None and len(tok) <= 2:
        return True
    return lenient and q.kind == "word" and (TARGET_WORDS.match(tok) is not None or (len(tok) <= 6 and not re.search(r"[のをにはがでと]", tok)))


def _mark_key(mark: str) -> str:
    return fold(mark.replace(" ", ""))


def _strip_marks(text: str) -> tuple[str, list[str]]:
    marks = [_mark_key(m.group(0)) for m in _MARK.finditer(text)]
    return re.sub(r"\s+", " ", _MARK.sub(" ", text)).strip(), marks


# --- indicator tables -----------------------------------------------------------------------

def _header_columns(header: list[Line], default_era: str | None) -> tuple[list[Column], str | None]:
    """Column roles and years from one or more header lines."""
    era = default_era
    for line in header:
        era = find_era(line.key) or era
    cells: list[str] = []
    first = header[0]
    if first.cells:
        cells = list(first.cells)
    elif "|" in first.key:
        cells = [c.strip() for c in first.key.strip("|").split("|")]
    else:
        for line in header:
            if _YEAR_TOKEN.sub("", line.key).strip(" ()") == "":
                continue  # a line of years only: assigned below
            below = line is not first
            attached: set[int] = set()
            for c in re.split(r"\s+", _YEAR_TOKEN.sub(lambda m: m.group(0).replace(" ", ""), line.key)):
                if cells and re.fullmatch(r"[(（][^()（）]*[)）]", c) and header_words().role_of(c.strip("()（）")) is None:
                    cells[-1] += c  # a year in brackets belongs to the column before it; a role word, (現状), is a column
                elif below and _is_fragment(c) and (k := _completes(cells, c, attached)) is not None:
                    cells[k] += c  # the rest of a header word broken over two lines (現状 / 値)
                    attached.add(k)
                elif c:
                    cells.append(c)
    cells = plans_after_baseline(target_after_years(years_before_words(cells, era), era), era)
    columns: list[Column] = []
    for cell in cells:
        body, year = parse_year_in(cell, default_era=era)
        if year is None:
            m = re.search(r"(?:(?:明治|大正|昭和|平成|令和|[HRS])\.?\s*(?:元|[0-9]{1,2})|[0-9]{4}|^[0-9]{1,2}(?=年度))(?=\s*(?:年|実績|見込|[(（]|$))", fold(cell))
            year = parse_year(m.group(0) + ("" if "年" in m.group(0) else "年"), default_era=era) if m else None
        role = header_words().role_of(body)
        if role is None and year is not None:
            role = "actual"
        columns.append(Column(role or "other", year, is_year_header(body), to_year(cell, year, era)))  # "other": a column the vocabulary does not name
    names = [k for k, c in enumerate(columns) if c.role == "name"]
    if names:
        columns = columns[names[0]:]  # cells before the indicator column (No., 施策) are not read
    else:
        columns.insert(0, Column("name"))
    columns = earlier_targets_are_interim(later_baselines_are_actuals(columns))
    columns = dated_by_year_lines(columns, header, era, _YEAR_TOKEN)  # lines of years only under the words
    return columns, era


MAX_HEADER_LINES = 12  # a header printed one cell per line, years included


def _is_fragment(tok: str) -> bool:
    """A piece of a header word left on the next line (名, 値, 値(R1)): short, no figure; one naming a role
    itself (目標 under 中間) only when it completes a longer word (see ``_completes``)."""
    rest = _YEAR_TOKEN.sub("", tok).strip(" ()（）")
    return 0 < len(rest) <= 2 and not any(ch.isdigit() for ch in rest)


def _completes(cells: list[str], fragment: str, taken: set[int]) -> int | None:
    """The first header cell, not yet completed, that the fragment turns into a longer header word."""
    piece = _YEAR_TOKEN.sub("", fragment).strip(" ()（）")
    lex = header_words()
    for k, cell in enumerate(cells):
        base = _YEAR_TOKEN.sub("", cell).strip(" ()（）")
        if k in taken or not base:
            continue
        if lex.role_of(piece) is not None and not any(w == base + piece for w in lex.words(*_ALL_ROLES)):
            continue  # a word of its own completes only a word it ends (中間 / 目標)
        if any(w == base + piece or (w.startswith(base + piece) and len(w) > len(base)) for w in lex.words(*_ALL_ROLES)):
            return k
    return None


_ALL_ROLES = ("name", "unit", "baseline", "target", "interim", "actual", "rate", "direction")


_BRACKETED_TEXT = re.compile(r"〔[^〔〕]*〕")


def _unknown_header_cell(lines: list[Line], h: int) -> bool:
    """A short cell the vocabulary does not know (進捗状況) between header cells it knows."""
    key = lines[h].key
    if len(key) > 12 or " " in key or re.search(r"[0-9]", _YEAR_TOKEN.sub("", key)) or _is_value(key):
        return False
    return any(header_words().role_of(ln.key) is not None and _is_header_line(ln) for ln in lines[h + 1:h + 3]
               if not ln.cells and not _BRACKETED_TEXT.fullmatch(ln.key))  # 〔…〕 stands for prose, not a header


def earlier_targets_are_interim(columns: list[Column]) -> list[Column]:
    """目標値(R4) and 目標値(R7) side by side: the latest is the target, the earlier ones interim targets."""
    dated = [c.year for c in columns if c.role == "target" and c.year is not None and not c.years_only]
    if len(dated) < 2:
        return columns
    last = max(dated)
    return [Column("interim", c.year) if c.role == "target" and c.year is not None and c.year < last and not c.years_only else c
            for c in columns]


def later_baselines_are_actuals(columns: list[Column]) -> list[Column]:
    """基準値 and 現状値 side by side: the first is the baseline, the later one the latest actual.

    A dated baseline word printed after the target columns (targets first, then 現状 of a year:
    a progress table) is the latest actual as well.
    """
    seen = aimed = False
    out = []
    for c in columns:
        if c.role == "baseline" and not c.years_only:
            if seen or (aimed and c.year is not None):
                c = Column("actual", c.year)
            seen = True
        aimed = aimed or c.role in ("target", "interim")
        out.append(c)
    return out


def years_before_words(cells: list[str], era: str | None = None) -> list[str]:
    """A header printing each value column's year before its word (``2018 目標`` ``2022 目標`` …) as dated cells.

    Only when every value word that has no year of its own comes right after a bare year and
    every bare year comes right before such a word (two pairs at least); otherwise unchanged.
    """
    lex = header_words()

    def bare(c: str) -> bool:
        rest, year = parse_year_in(c, default_era=era)
        return year is not None and not rest.strip(" ()（）")

    def word(c: str) -> bool:
        rest, year = parse_year_in(c, default_era=era)
        return year is None and lex.role_of(c) in ("baseline", "target", "interim", "actual")

    years = [k for k, c in enumerate(cells) if bare(c)]
    if len(years) < 2:
        return cells
    words = [k for k, c in enumerate(cells) if word(c)]
    if len(years) != len(words) or any(k + 1 != w for k, w in zip(years, words)):
        return cells
    out = list(cells)
    for k in reversed(years):
        out[k:k + 2] = [f"{cells[k + 1]} {cells[k]}"]
    return out


def _is_header_line(line: Line) -> bool:
    key = line.key
    if _SEPARATOR.match(key):
        return True
    if _YEAR_TOKEN.sub("", key).strip(" ()|") == "":
        return True
    if all(_is_fragment(tok) for tok in key.split(" ")):
        return True
    return header_words().role_of(key) is not None and not re.search(r"[0-9][0-9,.]*\s*(件|人|円|%|団体)", key) and len(key) <= 60 and not row_label(key) and not row_of_a_name(key)


def _direction_anchor(valued: list[Column], values: list[str]) -> int | None:
    """How many leading columns a row leaves empty, when a direction word places it.

    Under a header with one direction column, a row holding exactly one direction word (維持, 増加 …)
    has that word in the direction column: the cells before it fill the columns before, those after
    it the columns after (`毎年度 40.0 維持 42` under `… 目標値 方向 H24実績 …`), instead of the row
    being laid against the last columns.
    """
    where = [i for i, c in enumerate(valued) if c.role == "direction"]
    words = [i for i, v in enumerate(values) if parse_direction(v) is not None and len(v) <= 4
             and parse_quantity(v).kind != "number"]
    if len(where) != 1 or len(words) != 1:
        return None
    pad = where[0] - words[0]
    return pad if pad >= 0 and pad + len(values) <= len(valued) else None


def _finish(row: IndicatorRow, columns: list[Column], values: list[str], years: list[int | None],
            origins: list[str | None] | None = None) -> None:
    valued = [c for c in columns if c.role not in ("name",)]
    pad = len(valued) - len(values)
    anchor = _direction_anchor(valued, values) if pad > 0 else None
    if anchor is not None and anchor != pad:
        values = values + [None] * (pad - anchor)  # type: ignore[list-item]
        origins = (origins or [None] * (len(values) - (pad - anchor))) + [None] * (pad - anchor)
        pad = anchor
    cells = [None] * max(pad, 0) + values[-len(valued):] if valued else []
    where = [None] * max(pad, 0) + (origins or [None] * len(values))[-len(valued):] if valued else []
    for i, (col, cell) in enumerate(zip(valued, cells)):
        if cell is not None:
            put_value(row, col.role, (years[i] if i < len(years) else None) or col.year, cell,
                      origin=where[i] if i < len(where) else None, to_year=col.to_year)


def put_value(row: IndicatorRow, role: str, year: int | None, cell: str, *, origin: str | None = None,
              era: str | None = None, to_year: int | None = None) -> None:
    """Set one cell's value on a row by the role of its column; a year in the cell wins over ``year``.

    A cell under a baseline or target column that holds both (``45.3%(H26)→50%(R7)``) sets both.
    A bare year in the cell (``50.0%(32年度)``) takes ``era``, the era the table named last.
    Under a header naming both years (``令和2年度現状値から令和7年度目標値``, ``to_year`` the second),
    a pair without years of its own takes the column's year for its baseline and ``to_year`` for its target.
    """
    if role in ("baseline", "target") and (pair := arrow_cell(cell)) is not None:
        (base, base_year), (target, target_year) = pair
        if to_year is not None:
            base_year, target_year = base_year or year, target_year or to_year
        put_value(row, "baseline", base_year, base, origin=origin)
        put_value(row, "target", target_year, target, origin=origin)
        return
    text, own_year = (cell.strip(), None) if year is not None and cell.strip().isdigit() else parse_year_in(cell, default_era=era)
    year = own_year or year
    if origin is not None:
        key = f"actual:{year}" if role == "actual" else f"interim:{len(row.interim)}" if role == "interim" else role
        row.origins[key] = origin
    text, marks = _strip_marks(text)
    row.marks += marks
    if role == "unit":
        row.unit = fold(text) or row.unit
    elif role == "direction":
        row.direction = parse_direction(text)
    elif role == "rate":
        q = parse_quantity(text)
        if q.kind == "number" and row.actuals:
            y, v, _ = row.actuals[-1]
            row.actuals[-1] = (y, v, q.value)
    elif role in ("baseline", "target") and not text and own_year is not None:
        setattr(row, f"{role}_year", own_year)  # a column of years only (目標年度): the year of the figure beside it
    elif role == "baseline":  # a year column before the figure's (基準年度 | 基準値) keeps its year
        row.baseline, row.baseline_year = parse_quantity(text), year or (row.baseline_year if row.baseline is None else None)
    elif role == "target":
        row.target, row.target_year = parse_quantity(text), year or (row.target_year if row.target is None else None)
    elif role == "interim":
        row.interim.append((parse_quantity(text), year))
    elif role == "actual" and year is not None:
        q = parse_quantity(text)
        if q.kind != "empty" and all(y != year for y, _, _ in row.actuals):
            row.actuals.append((year, q, None))  # a second column of the same year (見込) does not replace it
    elif role in ("definition", "source", "department") and text:
        setattr(row, role, text)
    elif role == "note" and text:
        row.notes.append(text)


def set_name_of(name: str) -> str:
    """The indicator name ``set_name`` makes of a printed name."""
    row = IndicatorRow(name="")
    set_name(name, row)
    return row.name


def set_name(name: str, row: IndicatorRow) -> None:
    name, marks = _strip_marks(name)
    row.marks += marks
    tagged, name = unit_tag(name)  # 【単位：人】 or (単位:人) is the unit, 【KPI】 is none
    row.unit = tagged or row.unit
    m = _UNIT_TAIL.search(name)
    if m and fold(m.group(1)) in _UNITS and name[: m.start()].strip():
        row.unit = row.unit or fold(m.group(1))
        name = name[: m.start()].strip()
    m = _DIRECTION_TAG.search(name)
    if m and name[: m.start()].strip():
        row.direction = parse_direction(m.group(1))
        name = name[: m.start()].strip()
    name = _ROW_NUMBER.sub("", _BULLET.sub("", name))
    m = _LABEL.match(name)
    if m and header_words().role_of(m.group(1)) == "name" and name[m.end():].strip():
        name = name[m.end():]  # KPI：新規創業件数
    name = _SENTENCE_BEFORE.sub("", name)
    row.name = note_out(name.strip(" :："), row.notes)


# a sentence of a text column to the left run into the name (…を進める。全国学力調査で…の割合): no part of it
_SENTENCE_BEFORE = re.compile(r"^[^「」]*。\s*(?=[^。「」]{4,}$)")


_DIGIT = re.compile(r"[0-9]")


def parse_indicator_table(lines: list[Line], *, default_era: str | None = None) -> tuple[list[IndicatorRow], str | None]:
    """Rows of an indicator table whose header starts at ``lines[0]``."""
    h = 1
    while h < len(lines) and h < MAX_HEADER_LINES and not lines[h].cells and not group_title(lines[h].key) and (
            _is_header_line(lines[h]) or _unknown_header_cell(lines, h)):
        h += 1
    every_column, era = _header_columns(lines[:h], default_era)
    columns = [c for c in every_column if c.role != "other"]  # the line reader reads named columns only
    skip = cells_before_name(lines[0])
    n_values = len([c for c in columns if c.role != "name"])
    rows: list[IndicatorRow] = []
    pending_name: list[str] = []
    pending_marks: list[str] = []
    current: IndicatorRow | None = None
    got: list[str] = []
    got_origins: list[str | None] = []
    pending_origin: str | None = None
    body = lines[h:]
    if not body and not lines[0].cells:  # a whole table flattened onto its header line
        body = _flattened_rows(lines[0], columns)
    repeated = {line.key for line in lines[:h]}
    body = [line for line in body if line.key not in repeated]  # the header printed again (a new page)
    body = without_page_numbers([piece for line in body for piece in _rows_in_line(line, n_values)])
    for at, line in enumerate(body):
        key = line.key
        if _SEPARATOR.match(key):
            continue
        if current is None and group_title(key) and at + 1 < len(body) and _DIGIT.search(body[at + 1].key):
            pending_name, pending_marks, pending_origin = [], [], None  # a group's title: no line above names a row
            continue
        if key.startswith(("※", "*", "注")) and (rows or current):
            rest, marks = _strip_marks(line.text)
            if not rest and current is not None:
                current.marks += marks  # a mark on a line of its own, before the value it marks
                continue
            mark = marks[0] if marks else None
            owner = next((r for r in reversed(rows) if mark and mark in r.marks), None) if mark and mark != "※" else None
            (owner or current or rows[-1]).notes.append(line.text)
            continue
        if _YEAR_TOKEN.sub("", key).strip(" ()") == "" and rows and current is None:
            years = [parse_year(m.group(0), default_era=era) for m in _YEAR_TOKEN.finditer(key)]
            _apply_years(rows[-1], years)
            continue
        if line.cells or "|" in key:
            cells = list(line.cells) if line.cells else [c.strip() for c in key.strip("|").split("|")]
            cells = cells[skip:] if len(cells) > skip + 1 else cells  # cells before the indicator column
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(cells[0], row)
            _finish(row, columns, cells[1:], [], [origin_of(line)] * (len(cells) - 1))
            rows.append(row)
            continue
        stripped, marks = _strip_marks(line.text)
        toks = _tokens(fold(stripped), stripped)
        values: list[str] = []
        while toks and len(values) + len(got) < n_values and _is_value(toks[-1], lenient=bool(values) or len(toks) > 1):
            values.insert(0, toks.pop())
        name_part = " ".join(toks)
        if current is None:
            if not values:
                pending_name.append(name_part)
                pending_marks += marks
                pending_origin = pending_origin or origin_of(line)
                continue
            if not name_part and not pending_name and len(values) == 1 and _BARE.fullmatch(line.key) and (
                    rows or at + 1 < len(body) and not _is_value(body[at + 1].key) and not got):
                continue  # a lone number between whole rows, or before the first row's name: a page or row number
            current = IndicatorRow(name="", origin=pending_origin or origin_of(line))
            pending_origin = None
            set_name(joined_name(pending_name + [name_part]) if pending_name else name_part, current)
            current.marks += pending_marks + marks
            pending_name, pending_marks = [], []
        elif name_part:
            current.name += name_part
        got += values
        got_origins += [origin_of(line)] * len(values)
        if len(got) >= n_values:
            _finish(current, columns, got, [], got_origins)
            rows.append(current)
            current, got, got_origins = None, [], []
    if current is not None:
        _finish(current, columns, got, [], got_origins)
        rows.append(current)
    streamed = _streamed(body, every_column)
    if completeness(streamed) > completeness(rows):
        rows = streamed
    label = _kind_labelled_name(lines[0]) if h > 1 else None
    if label and len(rows) == 1 and not rows[0].name.strip():
        set_name(label, rows[0])
    for row in rows:
        infer(row)
    return rows, era


def _kind_labelled_name(line: Line) -> str | None:
    """The name in `成果指標1 name`, a line heading the header of the one row printed under it.

    A sheet giving each indicator its own small table prints the indicator's kind word (成果指標,
    活動指標 …; ``kinds`` in ``glued.toml``), maybe its number, and its name above the header; the
    row under the header holds only figures (and words such as 毎年度). The rest of the line is a
    name, not more header cells, when no header word holds it or it ends like a name.
    """
    m = re.match(rf"(?:{words_pattern(glued_words()['kinds'])})\s*[0-9０-９]{{0,2}}\s+(\S.{{2,}})$", line.key)
    if not m or line.cells:
        return None
    rest = m.group(1)
    if header_words().role_of(rest) is not None and not names_a_row(rest):
        return None
    return rest if not any(_is_value(t) for t in rest.split(" ")) else None


_FIGURE_IN_NAME = re.compile(r"(?:^|\s)[0-9][0-9,.]*\s*(?:%|％|[^\s0-9]{1,3})?(?:\s|$)")  # 新規創業件数 12件: a value swallowed
_SENTENCE_IN_NAME = re.compile(r"[^。]{4,}。")  # …水準を超えた。: a comment's sentence read as a name


def completeness(rows: list[IndicatorRow]) -> tuple[int, int]:
    """How well a reading understood a table: rows with at least two figures, then fewer names holding placeholders."""
    def figures(r: IndicatorRow) -> int:
        return (sum(q is not None and q.kind in ("number", "maintain") for q in (r.baseline, r.target))
                + sum(q.kind == "number" for _, q, _ in r.actuals))
    complete = sum(1 for r in rows if r.name and figures(r) >= 2 and not PLACEHOLDER.fullmatch(r.name)
                   and not labels_in_name(r.name))
    return complete, -sum(1 for r in rows if PLACEHOLDER.search(r.name) or _FIGURE_IN_NAME.search(r.name)
                          or ends_with_a_bare_year(r.name) or label_opens_name(r.name) or _SENTENCE_IN_NAME.search(r.name))


def _streamed(body: list[Line], columns: list[Column]) -> list[IndicatorRow]:
    """The table read as one stream of cells (see ``streamrows``), when its lines have no real cells."""
    if any(line.cells or "|" in line.key for line in body):
        return []
    pairs = [(t, origin_of(line)) for line in body if not line.key.startswith(("※", "注")) for t in _tokens(line.key, line.text)]
    tokens = [t for t, _ in pairs]
    where = [o for _, o in pairs]
    out = []
    for found in stream_rows(tokens, [(c.role, c.year) for c in columns]):
        row = IndicatorRow(name="", origin=where[found.start] if found.start < len(where) else None)
        set_name(found.name, row)
        for (role, year, text), at in zip(found.cells, found.at):
            put_value(row, role, year, text, origin=where[at] if at < len(where) else None)
        out.append(row)
    return out


def _rows_in_line(line: Line, n_values: int) -> list[Line]:
    """A line holding several whole rows (name v v name v v), cut into one line per row; else the line."""
    if line.cells or "|" in line.key or n_values < 1 or len(line.key) < 12:
        return [line]
    pieces = _split_rows(_tokens(line.key, line.text), n_values, line)
    return pieces if len(pieces) >= 2 else [line]


def _split_rows(toks: list[str], n_values: int, line: Line, *, whole: bool = True) -> list[Line]:
    """Rows read left to right: name tokens, then ``n_values`` values.

    With ``whole``, every token must fall in a complete row (else []); without, a row cut short
    is left out and reading goes on.
    """
    out: list[Line] = []
    name: list[str] = []
    values: list[str] = []
    for tok in toks:
        if name and _is_value(tok, lenient=bool(values)):
            values.append(tok)
            if len(values) == n_values:
                out.append(make_line(" ".join(name + values), line.index, line.page, source=line.source))
                name, values = [], []
        elif values and whole:
            return []  # a row cut short: not whole rows
        else:
            name.append(tok)
    return out if not whole or (not name and not values) else []


def _flattened_rows(line: Line, columns: list[Column]) -> list[Line]:
    """Split 'header… name v v name v v' into one line per row."""
    toks = _tokens(line.key)
    start = 0
    for i, tok in enumerate(toks):
        if header_words().role_of(tok) is not None or _YEAR_TOKEN.fullmatch(tok.strip("()")):
            start = i + 1
    return _split_rows(toks[start:], len([c for c in columns if c.role != "name"]), line, whole=False)


def _apply_years(row: IndicatorRow, years: list[int | None]) -> None:
    slots = [("baseline", row.baseline_year), ("target", row.target_year)]
    todo = [s for s, y in slots if y is None]
    for slot, year in zip(todo, years):
        setattr(row, f"{slot}_year", year)


def infer(row: IndicatorRow) -> None:
    """Unit and direction from the values when the table does not print them."""
    for q in (row.baseline, row.target):
        if row.unit is None and q is not None and q.unit:
            row.unit = q.unit
    if row.direction is not None:
        return
    b, t = row.baseline, row.target
    if t is None:
        return
    if t.kind == "maintain":
        row.direction = Direction.MAINTAIN
    elif t.kind == "word":
        row.direction = parse_direction(t.text) if parse_direction(t.text) in (Direction.INCREASE, Direction.DECREASE) and b and b.kind == "number" else Direction.QUALITATIVE
    elif t.kind == "number" and b is not None and b.kind == "number" and b.value is not None and t.value is not None:
        bv, tv = _scaled(b), _scaled(t)
        row.direction = Direction.INCREASE if tv > bv else Direction.DECREASE if tv < bv else Direction.MAINTAIN
    elif t.kind == "number":
        row.direction = Direction.DECREASE if _falls(row, _scaled(t)) else Direction.INCREASE


def _falls(row: IndicatorRow, target: float) -> bool:
    """Whether a row without a baseline aims down: its yearly aims (a 目標 row across the years) fall to
    the target and its first actual lies above it (4.6 → 4.3 a year, 4.8 measured), or its name says so
    (``lexicon.aims_lower``). Aims lowered while the actuals stay below the target still aim up."""
    aims = sorted((y, _scaled(q)) for q, y in row.interim if y is not None and q.kind == "number" and q.value is not None)
    actuals = sorted((y, _scaled(q)) for y, q, _ in row.actuals if y is not None and q.kind == "number" and q.value is not None)
    return bool(aims) and aims[0][1] > target and (not actuals or actuals[0][1] > target) or aims_lower(row.name or "")


_SCALE = {"億": 10**8, "万": 10**4, "千": 10**3, "百": 10**2, "兆": 10**12}


def _scaled(q: Quantity) -> float:
    factor = 1
    for ch in (q.unit or "")[:2]:
        factor *= _SCALE.get(ch, 1)
    return float(q.value) * factor  # type: ignore[arg-type]


ARROW_ROW = re.compile(r"^(?P<left>.+?)\s*[→⇒➡]\s*(?P<target>[^→⇒➡]+)$")
_NAME_GAP = re.compile(r"[:：=]\s*|\s+")


_ITEM_START = re.compile(r"(?<=\S)\s*(?=[①-⑳❶-❿➊-➓])|(?<=\s)(?=[■●◆・])")


_TARGET_END = re.compile(r"[→⇒➡]\s*[^\s→⇒➡()（）]+\s*[(（][^()（）→⇒➡]*[)）](?=\s+\S[^→⇒➡]*[→⇒➡])")


def split_arrow_items(line: Line) -> list[Line]:
    """A line listing several 'name base → target' items (①… ②…), one line per item; [] without arrows."""
    arrows = sum(line.key.count(a) for a in "→⇒➡")
    if not arrows:
        return []
    if arrows == 1:
        return [line]
    cuts = [0] + [m.end() for m in _ITEM_START.finditer(line.key)] + [len(line.key)]
    cuts += [m.end() for m in _TARGET_END.finditer(line.key)]  # an item whose mark was lost ends after its target
    cuts = sorted(set(cuts))
    pieces = [line.text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if line.text[a:b].strip()]
    return [make_line(p, line.index, line.page, source=line.source) for p in pieces]


def parse_dated_pairs(lines: list[Line]) -> list[IndicatorRow]:
    """Indicators without a table: a name, then two dated values, earlier and later (see ``streamrows``)."""
    pairs = [(t, line) for line in lines for t in _tokens(line.key, line.text)]
    tokens = [t for t, _ in pairs]
    rows = []
    for start, _, name, (base, base_year), (target, target_year) in dated_pairs(tokens, [id(line) for _, line in pairs]):
        row = IndicatorRow(name="", origin=origin_of(pairs[start][1]))
        set_name(name, row)
        put_value(row, "baseline", base_year, base, origin=row.origin)
        if target:
            put_value(row, "target", target_year, target, origin=row.origin)
        infer(row)
        rows.append(row)
    return rows


def parse_year_columns(lines: list[Line]) -> list[IndicatorRow]:
    """Indicators printed as a name, its years as column heads, then a value per year (see ``streamrows``)."""
    rows = []
    header = tuple(header_words().role_of(t.strip("()（）")) for t in _tokens(lines[0].key)) if lines else ()
    for line in lines:
        for name, cells in year_column_rows(_tokens(line.key, line.text), header):
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            for role, year, text in cells:
                put_value(row, role, year, text, origin=row.origin)
            infer(row)
            rows.append(row)
    return rows


_STATED = re.compile(r"^(?P<mark>[●○◆◇■□・◎])(?P<name>[^=:→⇒➡|]{2,60}?)(?:[=:]\s*(?P<value>[^=:→⇒➡|\s]+))?\s*\|?$")


def parse_listed_items(lines: list[Line], read: list[Line]) -> tuple[list[IndicatorRow], list[Line]]:
    """Items of a list whose other items are ``●name=base→target`` rows (or ``●name：…``): ``●name=figure`` (a target
    alone) and ``●name`` (an indicator stated without figures), with the mark those rows use.

    Read only when two of the ``read`` lines (those rows) are such items; returns the rows and the other lines."""
    marks = [m.group(1) for line in read if (m := re.match(r"^([●○◆◇■□・◎])[^=:]+[=:]", line.key))]
    if len(marks) < 2 or len(set(marks)) != 1:
        return [], lines
    found: list[IndicatorRow] = []
    rest: list[Line] = []
    for line in lines:
        m = _STATED.match(line.key)
        value = parse_quantity(m.group("value")) if m and m.group("value") else None
        if (m is None or m.group("mark") != marks[0] or line.key.endswith("。") or re.search(r"[0-9]", m.group("name"))
                and value is None or (value is not None and value.kind != "number")):
            rest.append(line)
            continue
        row = IndicatorRow(name="", origin=origin_of(line))
        set_name(m.group("name"), row)
        if value is not None:
            row.target = value
            row.origins = {"target": row.origin}
        infer(row)
        found.append(row)
    return found, rest


def parse_arrow_line(line: Line, *, name_above: str | None = None) -> IndicatorRow | None:
    """'name baseline(year) → target(year)' on one line, as some cities print indicators.

    The baseline is the value just before the arrow: the name ends at the last gap (a space, a
    colon or ``=``) that leaves a value after it. A line holding only 'baseline → target' takes its name
    from the line above (``name_above``).
    """
    key = line.key[:-1].rstrip() if line.key.endswith("|") and line.key.count("|") == 1 else line.key  # one cell
    m = ARROW_ROW.match(key)
    if not m or not re.search(r"[0-9]", m.group("left") + m.group("target")):
        return None
    left, target_text, target_year = unlabelled_arms(m.group("left"), m.group("target").strip())
    target = parse_quantity(target_text)
    if target.kind not in ("number", "maintain", "word"):
        return None
    gaps = [(left[: g.start()], left[g.end():]) for g in reversed(list(_NAME_GAP.finditer(left)))]
    if name_above:
        gaps.append((name_above, left))
    for name, base_part in gaps:
        if base_part.count("(") != base_part.count(")"):
            continue  # a gap inside brackets: (平成 25 年)
        base_text, base_year = dated_value(base_part.strip())
        if not base_text and base_year is not None:
            continue  # only the baseline's year, a space after its figure: 24.75% (平成30年度)
        base = parse_quantity(base_text)
        mark = re.fullmatch(r"([-－―—‐])\s*(\S+)", base_text)
        if base.kind == "word" and mark and target.unit and mark.group(2) == target.unit:
            base = parse_quantity(mark.group(1))  # an empty mark printed with the target's unit (― 件)
        if not name.strip() or base.kind not in ("number", "empty"):
            continue
        toks = _tokens(name)
        if toks and _is_value(toks[-1]) and parse_quantity(toks[-1]).kind == "number":
            return None  # the name ends in a number: not this layout
        row = IndicatorRow(name="", origin=origin_of(line))
        row.origins = {"baseline": row.origin, "target": row.origin}
        set_name(name, row)
        row.baseline, row.baseline_year, row.target, row.target_year = base, base_year, target, target_year
        infer(row)
        return row
    return None
