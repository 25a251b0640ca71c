"""Evaluation sheets flattened onto one line in the order of a PDF's objects, read as a whole.

A measure sheet (施策評価シート) whose table a PDF extractor put on one line, or scattered over
short lines, keeps its cells whole but not their places. The document is read as one stream of
space-separated tokens (bracketed pieces broken by spaces rejoined: ``(平成 21年 度)``), by the
forms of the tokens (``values.py``) and the header vocabulary (``lexicon/headers.toml``):

- **rows labelled by role under a run of years**: three or more consecutive years, then rows
  each a role label (目標値, 実績値, 達成率 …) and one value per year — the label before its values,
  or, when a value follows the years, after them; a name (and a unit) between the rows of a row
  pair names the pair, else the name after the name header before the years; a value with a
  bracketed year before the years is the baseline, an arrow the direction. A run right after a
  year cell holding a word (R1(基準)) is not the header's first column: it heads no rows. Several row groups
  with no name between them take the names listed after the name header (pieces joined until one
  ends a name, a bracketed qualifier after it kept), and the dated values and arrows printed
  there, each in order, when each numbers the groups. A row shorter than the years fills the
  first years (actuals) or the last (targets). Each indicator is read as a grid of name, 区分 and
  years (``grid.py``), as a 目標/実績 table is.

- **a year table scattered in object order**: year cells apart and out of order, the figures of
  its rows far from their labels: read only when one name, one dated baseline, consecutive years
  and as many unitless figures as years plus printed rates fit, each rate tying one actual to one
  yearly target; the targets, on one side of the baseline, rise (or fall) year by year.

- **rows without labels apart from their header**: the sheet's one run of years followed by a
  target column (H27 … H31 目標値); runs of one value per column anywhere are its rows, the first
  the plan (its last cell the target), the second the actuals; the word after every row is the
  unit; the name follows the one name header (maybe numbered: KPI その1).

- **numbered indicators**: labels of a name word and a number (指標1, 指標2 …, in any order), each
  followed by its name — pieces broken at the cell's width joined until one ends with a word
  names end with (``lexicon/sheets.toml``: 率, 割合, 数 …), header cells and years right after
  the label skipped, a cell with a form's title word (…シート) or a level heading ending it —,
  then maybe a value with a bracketed date (the baseline) and the values and empty marks of the
  same unit after it, one per dated 実績 column of the header (H24実績 …) in order; a dated target
  header (目標値 (平成28年度)) directly followed by a value, before the next label, is the target.
  A labelled indicator is kept without figures.

- **target/actual tables with bounds**: after a name header, the name (up to the next header
  cell; a tail の削減/の向上 gives the direction), a label of both roles (目標実績: the rows' labels
  run together) and a base-year cell (基準年 (H28)), the values: one right after the base year is
  the baseline; the target row comes first, its later cells bounded (520g以下, 23%以上), the
  last bounded value the target (dated by a year just before it, else by the latest target year
  of the sheet's other tables); the plain values right after the first bounded run are the
  actual row, from the base year (after it when the base year has its own value).

- **names broken between row labels**: rows labelled 目標 and 実績 per indicator, the name
  printed in pieces among the labels, units and values: the pieces (words printed once, not
  bracketed, not a unit, a header cell or a lone character) from the first label's name to the
  last label, joined until one ends a name, are the indicators, in order — no more than the
  目標/実績 pairs; each takes the unit printed after its pair's 目標 label. Kept without figures.

Rows whose name another reading found are left to it (``build.py``); rows without a figure are
dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from keikaku.cache import text_memo
from keikaku.importer.grid import indicator_rows
from keikaku.importer.lexicon import _load, header_words, structure, value_units
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell, Source
from keikaku.importer.tables import IndicatorRow, infer, set_name
from keikaku.importer.values import find_era, parse_direction, parse_quantity, parse_year, parse_year_in
from keikaku.importer.width import fold
from keikaku.importer.known import NewRows

MIN_YEARS = 3  # a run of this many consecutive years heads rows
ROW_ROLES = ("target", "actual", "rate", "baseline")
BRACKET_REACH = 4  # tokens: a bracket opened in one token is closed within this many
NAME_REACH = 12  # tokens: the name header stands this close before the years
FLAT_CELLS = 20  # tokens: a line holding this many is a flattened sheet (labels are read in such lines)
MAX_PIECES, MAX_NAME = 5, 40  # a broken name has no more pieces, no more characters
HEADER_CELL = 6  # characters: a longer cell holding a header word (…達成率) is a name
_OPEN, _CLOSE = "(（[［〔【", ")）]］〕】"
_OPENS = re.compile(f"[{re.escape(_OPEN)}]")
_MAY_BE_YEAR = re.compile(r"[\d元]")  # every year is printed with a digit or 元 (values.py)
_PLACEHOLDER = re.compile(r"[〔【\[].*[〕】\]]")
_QUALIFIER = re.compile(r"^(?:以上|以下|未満|超)$")


@dataclass(frozen=True)
class Token:
    text: str
    line: Line
    cells: int = 1  # tokens of the document line it was printed in (before a long line was cut)


def tokens(lines: list[Line]) -> list[Token]:
    """Every space-separated token of the document in order, bracketed pieces rejoined."""
    out: list[Token] = []
    width: dict[int, int] = {}
    for line in lines:
        width[line.index] = width.get(line.index, 0) + line.key.count(" ") + 1
    for line in lines:
        parts = [p for p in line.key.split(" ") if p]
        if not _OPENS.search(line.key):  # most lines: no bracket opens, every part is a token
            cells = width[line.index]
            out += [Token(p, line, cells) for p in parts]
            continue
        i = 0
        while i < len(parts):
            text, j = parts[i], i + 1
            if _OPENS.search(text) and _depth(text) > 0:  # only a part that opens a bracket may leave one open
                k = j
                while k < len(parts) and k - i <= BRACKET_REACH and _depth("".join(parts[i:k])) > 0:
                    k += 1
                if _depth("".join(parts[i:k])) == 0:
                    text, j = "".join(parts[i:k]), k
            out.append(Token(text, line, width[line.index]))
            i = j
    return out


def _depth(text: str) -> int:
    return sum(map(text.count, _OPEN)) - sum(map(text.count, _CLOSE))


# forms of tokens ----------------------------------------------------------------------------------

@text_memo(4096, 128, context=False)  # asked of every token by every sub-reading
def role(text: str) -> str | None:
    return header_words().role_of(text)


# forms are asked of every token by every sub-reading: each kept per text (and reading context)
@text_memo(4096, 128)  # asked of every token at every start of a run
def year_of(text: str, era: str | None = None) -> int | None:
    """The year of a token that is only a year (H23, 平成23年度, (H28), (21年度) under an era)."""
    rest, year = parse_year_in(text, default_era=era)
    if year is not None and not rest.strip(" ()（）"):
        return year
    inner = text.strip("()（）")
    if re.fullmatch(r"\d{1,2}年度?", inner) or (inner != text and not parse_year_in(inner, default_era=era)[0]):
        return parse_year(inner, default_era=era)
    return None


def dated(text: str, era: str | None) -> int | None:
    """The year of a bracketed date after a value, maybe with a word inside ((平成23 年度予 算))."""
    if not (text[:1] in _OPEN and text[-1:] in _CLOSE):
        return None
    return parse_year(text[1:-1], default_era=era)


@text_memo(4096, 128)
def is_value(text: str) -> bool:
    """A figure (maybe with a unit) or an empty mark, not a year."""
    if year_of(text) is not None or role(text) is not None:
        return False
    q = parse_quantity(text)
    return q.kind == "empty" or (q.kind == "number" and bool(re.match(r"^[△▲]?\d", text)))


@text_memo(4096, 128, context=False)
def is_unit(text: str) -> bool:
    return fold(text) in value_units()


@text_memo(4096, 128, context=False)
def is_label(text: str) -> bool:
    """A row label: a short role word (目標値, 実績, 達成率)."""
    return len(text) <= 5 and role(text) in ROW_ROLES


@text_memo(4096, 128)
def is_header(text: str) -> bool:
    """A header cell: a short cell holding a header word (maybe with a year: H24実績, 目標値(平成28年度))."""
    rest, _ = dated_word(text)
    return role(rest) is not None and len(rest) <= HEADER_CELL


def dated_word(text: str) -> tuple[str, int | None]:
    """A cell's words without its year, and the year (H24実績 → 実績, 2012)."""
    rest, year = parse_year_in(text)
    if year is None and (m := re.match(r"^((?:[HRS]|平成|令和)\d{1,2}(?:年度|年)?)(\D+)$", text)):
        year, rest = parse_year(m.group(1)), m.group(2)
    return rest.strip(" ()（）"), year


@text_memo(4096, 128)
def is_text(text: str) -> bool:
    """A piece of a name: words, not a figure, year, label, header cell or placeholder."""
    return (len(text) >= 2 and not is_value(text) and year_of(text) is None and not is_header(text)
            and not _PLACEHOLDER.search(text) and bool(re.search(r"[一-龥々ぁ-んァ-ヶ]", text)))


def flattened(token: Token) -> bool:
    """Whether a token stands in a line that holds a flattened table (many cells)."""
    return token.cells >= FLAT_CELLS


def _source(token: Token) -> Source:
    line = token.line
    return line.source if line.source is not None else Source(line=line.index + 1)


def _values(toks: list[Token], i: int) -> tuple[list[Token], int]:
    """The run of values from toks[i] (a qualifier such as 以下 joined to the value before it)."""
    run: list[Token] = []
    while i < len(toks):
        t = toks[i].text
        if is_value(t):
            run.append(toks[i])
        elif run and _QUALIFIER.match(t):
            run[-1] = Token(run[-1].text + t, run[-1].line, run[-1].cells)
        else:
            break
        i += 1
    return run, i


# rows labelled by role under a run of years ------------------------------------------------------

@dataclass
class _Row:
    label: Token
    values: list[Token]


@dataclass
class _Pair:
    rows: list[_Row]
    name: list[Token]
    unit: str | None = None


def _year_run(toks: list[Token], i: int) -> list[int] | None:
    years: list[int] = []
    era = find_era(toks[i].text)
    while i + len(years) < len(toks):
        y = year_of(toks[i + len(years)].text, era)
        if y is None or (years and y != years[-1] + 1):
            break
        years.append(y)
    return years if len(years) >= MIN_YEARS else None


def _wider_header(toks: list[Token], i: int) -> bool:
    """Whether the year run at toks[i] follows a year cell holding a word (R1(基準), 現状(2019)): the
    header has a column before the run, so the rows' figures do not line up with its years."""
    return i > 0 and year_of(toks[i - 1].text) is None and dated_word(toks[i - 1].text)[1] is not None


def _labelled_rows(toks: list[Token], j: int, n: int) -> list[_Pair]:
    """The rows after a year run at toks[j], grouped into pairs (each role once per group)."""
    trailing = j < len(toks) and is_value(toks[j].text)
    if not trailing and not (j < len(toks) and is_label(toks[j].text)):
        return []
    groups: list[_Pair] = [_Pair([], [])]
    name: list[Token] = []
    unit: str | None = None
    while j < len(toks):
        t = toks[j].text
        if is_label(t) and not trailing:
            values, k = _values(toks, j + 1)
            row = _Row(toks[j], values)
        elif trailing and is_value(t):
            values, k = _values(toks, j)
            if k >= len(toks) or not is_label(toks[k].text):
                break
            row, k = _Row(toks[k], values), k + 1
        elif trailing and is_label(t):
            row, k = _Row(toks[j], []), j + 1
        elif is_text(t) and not name:
            name, k = [toks[j]], j + 1
            if k < len(toks) and is_unit(toks[k].text):
                unit, k = fold(toks[k].text), k + 1
            j = k
            continue
        else:
            break
        if len(row.values) > n:
            break
        group = groups[-1]
        if any(role(r.label.text) == role(row.label.text) for r in group.rows) or (name and group.name):
            groups.append(group := _Pair([], []))
        group.rows.append(row)
        if name:
            group.name, group.unit, name, unit = name, unit, [], None
        j = k
    if name and groups[-1].rows and not groups[-1].name:
        groups[-1].name, groups[-1].unit = name, unit
    return [g for g in groups if any(r.values for r in g.rows)]


def _named_before(toks: list[Token], i: int, era: str | None) -> tuple[list[Token], Token | None, int | None, str | None]:
    """The name after a name header before toks[i], a baseline value dated after it, and an arrow."""
    for h in range(i - 1, max(-1, i - NAME_REACH), -1):
        if role(toks[h].text) != "name":
            continue
        name = []
        k = h + 1
        while k < i and is_text(toks[k].text):
            name.append(toks[k])
            k += 1
        base = base_year = None
        if k + 1 < i and is_value(toks[k].text) and (y := dated(toks[k + 1].text, era)) is not None:
            base, base_year = toks[k], y
        arrow = next((d for t in toks[k:i] if len(t.text) == 1 and (d := parse_direction(t.text))), None)
        return name, base, base_year, arrow
    return [], None, None, None


_Listed = tuple[list[Token], tuple[Token, int] | None, str | None]  # a name, its dated baseline, its arrow


def _listed_before(toks: list[Token], i: int, era: str | None, n: int) -> list[_Listed] | None:
    """``n`` indicators listed after a name header before the years at toks[i]: the names (pieces
    joined until one ends a name, a bracketed qualifier right after it kept), their values dated in
    brackets (baselines) and their arrows, each in order wherever printed; None unless the names
    number ``n`` (baselines and arrows are read only when they do too)."""
    h = next((h for h in range(i - 1, max(-1, i - NAME_REACH * n), -1)
              if len(toks[h].text) <= HEADER_CELL and role(toks[h].text) == "name"), None)
    if h is None:
        return None
    names: list[list[Token]] = []
    pieces: list[Token] = []
    bases: list[tuple[Token, int]] = []
    arrows: list[str] = []
    last = "header"

    def close() -> None:
        nonlocal pieces, last
        if pieces:
            names.append(pieces)
            pieces, last = [], "name"

    k = h + 1
    while k < i:
        t = toks[k].text
        u = k + 2 < i and is_value(t) and is_unit(toks[k + 1].text)  # a unit apart: 2,714 / 人 / (21 年度)
        if is_value(t) and k + 1 + u < i and (y := dated(toks[k + 1 + u].text, era)) is not None:
            close()
            bases.append((replace(toks[k], text=toks[k].text + toks[k + 1].text) if u else toks[k], y))
            k += 2 + u
            continue
        if len(t) == 1 and (d := parse_direction(t)) is not None:
            close()
            arrows.append(d)
        elif is_header(t):
            close()
            last = "header"
        elif t[:1] in _OPEN and t[-1:] in _CLOSE and not pieces and last != "piece":
            if last == "name":
                names[-1].append(toks[k])  # 利用率 (市内): a qualifier of the name before
            last = "bracket"  # after a header cell ((時期)) it is the header's
        elif is_text(t):
            pieces.append(toks[k])
            last = "piece"
            if ends_name(t):
                close()
        else:
            close()
        k += 1
    close()
    if len(names) != n:
        return None
    return [(name, bases[m] if len(bases) == n else None, arrows[m] if len(arrows) == n else None)
            for m, name in enumerate(names)]


def _grid(name: list[Token], pair: _Pair, years: list[int], label_word: str, name_word: str) -> Grid:
    n = len(years)
    top = [name_word, label_word, *[f"{y}年度" for y in years]]
    cells = [GridCell(t, 0, k) for k, t in enumerate(top)]
    cells.append(GridCell("".join(t.text for t in name), 1, 0, rowspan=len(pair.rows), source=_source(name[0])))
    for r, row in enumerate(pair.rows, start=1):
        cells.append(GridCell(row.label.text, r, 1, source=_source(row.label)))
        start = n - len(row.values) if role(row.label.text) == "target" else 0
        cells += [GridCell(v.text, r, 2 + start + k, source=_source(v)) for k, v in enumerate(row.values)
                  if parse_quantity(v.text).kind != "empty"]
    return Grid(tuple(cells), len(pair.rows) + 1, len(top), source=_source(name[0]))


def year_rows(toks: list[Token]) -> list[IndicatorRow]:
    """Indicators of rows labelled by role under runs of years."""
    out: list[IndicatorRow] = []
    lex = header_words()
    maybe = [_MAY_BE_YEAR.search(t.text) is not None for t in toks]  # a token without a digit is no year
    i = 0
    while i < len(toks):
        if not all(maybe[i:i + MIN_YEARS]) or i + MIN_YEARS > len(toks):
            i += 1  # fewer than MIN_YEARS tokens that may be years from here: no run
            continue
        years = _year_run(toks, i)
        if years is None or _wider_header(toks, i):
            i += 1
            continue
        era = find_era(toks[i].text)
        j = i + len(years)
        pairs = _labelled_rows(toks, j, len(years))
        listed = _listed_before(toks, i, era, len(pairs)) if len(pairs) > 1 and not any(p.name for p in pairs) else None
        if listed is None:
            name, base, base_year, arrow = _named_before(toks, i, era)
            listed = ([(name, (base, base_year) if base is not None else None, arrow)] if len(pairs) == 1
                      else [([], None, None)] * len(pairs))
        for pair, (before, base, arrow) in zip(pairs, listed):
            name = pair.name or before
            if not name:
                continue
            for row in indicator_rows(_grid(name, pair, years, lex.words("label")[0], lex.words("name")[0]), default_era=era):
                set_name(row.name, row)
                row.unit = row.unit or pair.unit
                if not pair.name and base is not None and row.baseline is None:
                    row.baseline, row.baseline_year = parse_quantity(base[0].text), base[1]
                    row.origins["baseline"] = _source(base[0]).label()
                    row.unit = row.unit or row.baseline.unit
                if not pair.name and arrow is not None:
                    row.direction = arrow
                out.append(row)
        i = j
    return out


# a year table scattered in object order --------------------------------------------------------------

RATE_TOLERANCE = 0.06  # percentage points: a printed rate is rounded to one decimal


def scattered_rows(toks: list[Token]) -> list[IndicatorRow]:
    """The one indicator of a 目標/実績 year table whose cells a PDF printed in object order.

    Read only when every piece fits: the year cells (standing alone, in any order, no run of
    MIN_YEARS) make consecutive years; target, actual and rate labels are printed; one name follows
    the name header; one value is dated in brackets (the baseline); the unitless figures are one
    target per year plus one actual per printed rate (a figure with %), each rate tying exactly one
    pair of figures (actual / target) and no figure twice. The targets, all on one side of the
    baseline, rise (or fall) year by year; an actual takes the year of its target.
    """
    roles = {role(text) for text in {t.text for t in toks} if is_label(text)}  # the cheaper test first, each text once
    if not {"target", "actual", "rate"} <= roles:
        return []
    cand = [t for t in toks if len(t.text) <= 8 and t.text[:1] not in _OPEN and re.search(r"\d", t.text)]
    era = next((e for t in cand if (e := find_era(t.text))), None)
    years = sorted({y for t in cand if (y := year_of(t.text, era)) is not None})
    if len(years) < MIN_YEARS or years != list(range(years[0], years[0] + len(years))):
        return []
    bases = [(t, y) for t, nxt in zip(toks, toks[1:]) if is_value(t.text) and (y := dated(nxt.text, era)) is not None]
    heads = [h for h, t in enumerate(toks) if len(t.text) <= HEADER_CELL and role(t.text) == "name"]
    if len(bases) != 1 or len(heads) != 1:
        return []
    k = heads[0] + 1
    while k < len(toks) and k - heads[0] <= NAME_REACH and (not is_text(toks[k].text) or toks[k].text[:1] in _OPEN):
        k += 1  # header cells, the baseline and its date, letter-spaced headers (区 分) before the name
    pieces, _ = broken_name(toks, k, min(len(toks), k + MAX_PIECES))
    if not pieces or not ends_name(pieces[-1].text):
        return []
    base = parse_quantity(bases[0][0].text)
    quantities = [(t, parse_quantity(t.text)) for t in toks if is_value(t.text) and t is not bases[0][0]]
    figures = [(t, q) for t, q in quantities if q.kind == "number" and q.unit is None]
    rates = [q.value for _, q in quantities if q.kind == "number" and q.unit == "%"]
    if not rates or len(figures) != len(years) + len(rates):
        return []
    actual_at: set[int] = set()
    tied: list[tuple[int, int]] = []
    for rate in rates:
        fits = [(a, b) for a in range(len(figures)) for b in range(len(figures)) if a != b and figures[b][1].value
                and abs(100 * figures[a][1].value / figures[b][1].value - rate) < RATE_TOLERANCE]
        if len(fits) != 1 or fits[0][0] in actual_at:
            return []
        actual_at.add(fits[0][0])
        tied.append(fits[0])
    if any(b in actual_at for _, b in tied):
        return []
    targets = [n for n in range(len(figures)) if n not in actual_at]
    values = [figures[n][1].value for n in targets]
    if base.value is None or not (all(v >= base.value for v in values) or all(v <= base.value for v in values)):
        return []
    rising = all(v >= base.value for v in values)
    targets.sort(key=lambda n: figures[n][1].value, reverse=not rising)
    year_of_target = {n: years[m] for m, n in enumerate(targets)}
    row = IndicatorRow(name="", origin=_source(pieces[0]).label())
    set_name("".join(p.text for p in pieces), row)
    row.unit = row.unit or base.unit
    row.baseline, row.baseline_year = base, bases[0][1]
    last = figures[targets[-1]]
    row.target, row.target_year = last[1], years[-1]
    row.origins["target"] = _source(last[0]).label()
    for a, b in tied:
        row.actuals.append((year_of_target[b], figures[a][1], None))
        row.origins[f"actual:{year_of_target[b]}"] = _source(figures[a][0]).label()
    row.actuals.sort(key=lambda x: x[0])
    return [row] if row.actuals else []


# rows without labels, apart from their header ------------------------------------------------------

def _label_number(text: str) -> bool:
    """A short label numbering an indicator after its name word (その1, No.2, ③)."""
    return len(text) <= 4 and bool(re.search(r"(?:\d|[①-⑳])$", text)) and not is_value(text)


def apart_rows(toks: list[Token]) -> list[IndicatorRow]:
    """The one indicator of a sheet whose rows carry no labels and stand apart from their header.

    The header is the sheet's only run of years followed by a target column (H27 … H31 目標値);
    its rows are the runs of exactly one value per year and one for the target column, anywhere
    (one or two of them): the first the plan, its last cell the target (of the year printed after
    the target header, else of the last year), the second the actuals. The word printed right
    after every row is the unit; the name is the one printed after a name header (maybe numbered:
    KPI その1), pieces joined until one ends a name.
    """
    heads = []
    for j in range(MIN_YEARS, len(toks)):
        if not (is_label(toks[j].text) and role(toks[j].text) == "target" and year_of(toks[j - 1].text) is not None):
            continue
        i = j - 1
        while i > 0 and year_of(toks[i - 1].text) is not None:
            i -= 1
        years = _year_run(toks, i)
        if years is None or i + len(years) != j or (j + 1 < len(toks) and is_value(toks[j + 1].text)):
            continue
        own = year_of(toks[j + 1].text, find_era(toks[i].text)) if j + 1 < len(toks) else None
        heads.append((years, own or years[-1]))  # 目標値 H31: the target column's own year
    if len(heads) != 1:
        return []
    years, target_year = heads[0]
    runs: list[tuple[list[Token], int]] = []
    k = 0
    while k < len(toks):
        run, end = _values(toks, k)
        if not run:
            k += 1
            continue
        if len(run) == len(years) + 1 and any(parse_quantity(t.text).kind == "number" for t in run):
            runs.append((run, end))
        k = end
    names = []
    for h, t in enumerate(toks):
        if len(t.text) <= HEADER_CELL and role(t.text) == "name":
            k = h + 2 if h + 1 < len(toks) and _label_number(toks[h + 1].text) else h + 1
            pieces, _ = broken_name(toks, k, min(len(toks), k + MAX_PIECES))
            if pieces and ends_name(pieces[-1].text):
                names.append(pieces)
    if not 1 <= len(runs) <= 2 or len(names) != 1:
        return []
    after = {toks[end].text for _, end in runs if end < len(toks)}
    row = IndicatorRow(name="", origin=_source(names[0][0]).label())
    set_name("".join(p.text for p in names[0]), row)
    if len(after) == 1 and is_text(unit := after.pop()) and len(unit) <= HEADER_CELL and role(unit) is None:
        row.unit = fold(unit)
    plan = runs[0][0]
    if parse_quantity(plan[-1].text).kind == "number":
        row.target, row.target_year = parse_quantity(plan[-1].text), target_year
        row.origins["target"] = _source(plan[-1]).label()
    if len(runs) == 2:
        for year, cell in zip(years, runs[1][0]):
            if (q := parse_quantity(cell.text)).kind == "number":
                row.actuals.append((year, q, None))
                row.origins[f"actual:{year}"] = _source(cell).label()
    return [row]


# numbered indicators ------------------------------------------------------------------------------

_LEVEL_HEADING = re.compile(rf"^(?:{structure().level_pattern()})\s*(?:{structure().number_pattern()})")
_NUMBERED = re.compile(r"^(.+?)\s*(\d{1,2}|[①-⑳])$")


@cache
def _sheet_words(key: str) -> tuple[str, ...]:
    return tuple(sorted(_load("sheets.toml")[key], key=len, reverse=True))


@text_memo(4096, 128, context=False)
def ends_name(piece: str) -> bool:
    """Whether a piece of a name ends with a word indicator names end with (率, 割合, 数 …)."""
    for word in _sheet_words("name_endings"):
        if piece.endswith(word):
            before = piece[: -len(word)]
            return len(word) > 1 or bool(re.search(r"[一-龥々ぁ-んァ-ヶ]$", before))
    return False


@text_memo(4096, 128, context=False)
def _titled(piece: str) -> bool:
    return any(w in piece for w in _sheet_words("title_words"))


@text_memo(4096, 128, context=False)
def label_number(text: str) -> str | None:
    """The number of an indicator label (指標1, 成果指標②), None for any other token."""
    m = _NUMBERED.match(text)
    return m.group(2) if m and role(m.group(1)) == "name" and header_words().role_of(m.group(1)) == "name" and len(m.group(1)) <= 6 else None


def broken_name(toks: list[Token], k: int, stop: int) -> tuple[list[Token], int]:
    """Pieces of a name from toks[k], joined until one ends a name; and where they end."""
    pieces: list[Token] = []
    while k < stop and (is_text(toks[k].text) or (pieces and _tail(toks[k].text))) and not _titled(toks[k].text) \
            and not _LEVEL_HEADING.match(toks[k].text) and label_number(toks[k].text) is None:
        pieces.append(toks[k])
        k += 1
        if ends_name(pieces[-1].text):
            break
    return pieces, k


def _tail(text: str) -> bool:
    """A lone character that ends a broken name (参加件 / 数)."""
    return len(text) == 1 and bool(re.match(r"[一-龥々ぁ-んァ-ヶ]", text)) and role(text) is None


def _actual_years(toks: list[Token]) -> list[int]:
    """The years of the header's dated actual columns (H24実績 …), in order."""
    years = set()
    for t in toks:
        rest, year = dated_word(t.text)
        if year is not None and rest and role(rest) == "actual" and len(rest) <= 4:
            years.add(year)
    return sorted(years)


def numbered_rows(toks: list[Token]) -> list[IndicatorRow]:
    """Indicators under labels of a name word and a number."""
    at = [(i, n) for i, t in enumerate(toks) if flattened(t) and (n := label_number(t.text)) is not None]
    if len({n for _, n in at}) < 2:
        return []
    era = next((e for t in toks if (e := find_era(t.text))), None)
    actual_years = _actual_years(toks)
    out: list[IndicatorRow] = []
    for (i, _), nxt in zip(at, [*[j for j, _ in at[1:]], len(toks)]):
        k = i + 1
        while k < nxt and (is_header(toks[k].text) or year_of(toks[k].text) is not None):
            k += 1  # header cells printed between the label and its name
        pieces, k = broken_name(toks, k, nxt)
        if not pieces:
            continue
        row = IndicatorRow(name="", origin=_source(pieces[0]).label())
        set_name("".join(p.text for p in pieces), row)
        if k + 1 < nxt and is_value(toks[k].text) and (year := dated(toks[k + 1].text, era)) is not None:
            base = parse_quantity(toks[k].text)
            row.baseline, row.baseline_year = base, year
            row.origins["baseline"] = _source(toks[k]).label()
            run, end = _values(toks, k + 2)
            if end < len(toks) and run and dated(toks[end].text, era) is not None:
                run.pop()  # a value dated in brackets is another indicator's baseline
            for year, cell in zip(actual_years, run):
                q = parse_quantity(cell.text)
                if q.kind == "number" and q.unit != base.unit:
                    break
                if q.kind == "number" and year > (row.baseline_year or 0):
                    row.actuals.append((year, q, None))
                    row.origins[f"actual:{year}"] = _source(cell).label()
        for h in range(i + 1, nxt - 2):
            if role(toks[h].text) == "target" and (year := dated(toks[h + 1].text, era)) is not None \
                    and is_value(toks[h + 2].text) and parse_quantity(toks[h + 2].text).kind == "number":
                row.target, row.target_year = parse_quantity(toks[h + 2].text), year
                row.origins["target"] = _source(toks[h + 2]).label()
                break
        out.append(row)
    return out


# target/actual tables with bounds -------------------------------------------------------------------

@text_memo(4096, 128, context=False)
def _both_roles(text: str) -> bool:
    """A cell holding a target and an actual label run together (目標実績)."""
    return len(text) <= 2 * HEADER_CELL and any(
        w in text and role(text.replace(w, "", 1)) == "actual" for w in header_words().words("target"))


def _tail_direction(pieces: list[str]):
    """The direction a name's last piece prints (…の削減, …の向上)."""
    last = pieces[-1] if pieces else ""
    return parse_direction(last[1:]) if last.startswith("の") and len(last) <= 5 else None


def bounded_rows(toks: list[Token]) -> list[IndicatorRow]:
    """Indicators of target/actual tables whose target cells carry bounds (以上/以下)."""
    heads = [i for i, t in enumerate(toks) if len(t.text) <= HEADER_CELL and role(t.text) == "name"]
    if not heads or not any(_both_roles(t.text) for t in toks[heads[0] + 1:]):
        return []  # no name header, or no label of both roles after one
    era = next((e for t in toks if (e := find_era(t.text))), None)
    out: list[IndicatorRow] = []
    for i, stop in zip(heads, [*heads[1:], len(toks)]):
        span = toks[i + 1:stop]
        if not any(_both_roles(t.text) for t in span):
            continue
        k = 0
        while k < len(span) and is_header(span[k].text):
            k += 1
        pieces = []
        while k < len(span) and not is_header(span[k].text) and not _both_roles(span[k].text) and year_of(span[k].text, era) is None:
            pieces.append(span[k])
            k += 1
        base = next((b for b in range(k, len(span)) if role(span[b].text) == "baseline"), None)
        if not pieces or base is None:
            continue
        base_year = dated(span[base].text, era) or (year_of(span[base + 1].text, era) if base + 1 < len(span) else None)
        if base_year is None:
            continue
        at = base + (1 if dated(span[base].text, era) else 2)
        row = IndicatorRow(name="", origin=_source(pieces[0]).label())
        set_name("".join(p.text for p in pieces), row)
        row.direction = _tail_direction([p.text for p in pieces])
        row.baseline_year = base_year
        first = True
        cells: list[tuple[Token, int | None]] = []
        while at < len(span):
            run, end = _values(span, at)
            if not run:
                at += 1
                continue
            before = year_of(span[at - 1].text, era)
            if first and at == base + (1 if dated(span[base].text, era) else 2):
                row.baseline = parse_quantity(run[0].text)
                run = run[1:]
            first = False
            cells += [(t, before if n == 0 else None) for n, t in enumerate(run)]
            at = end
        bounded = [n for n, (t, _) in enumerate(cells) if parse_quantity(t.text).kind == "number" and re.search(r"(?:以上|以下|未満|超)$", t.text)]
        if not bounded:
            continue
        last, when = cells[bounded[-1]]
        row.target, row.target_year = parse_quantity(last.text), when
        end_first = bounded[0]
        while end_first + 1 in bounded:
            end_first += 1
        year = base_year + (1 if row.baseline is not None else 0)
        for t, _ in cells[end_first + 1:]:
            if t is last or re.search(r"(?:以上|以下|未満|超)$", t.text):
                break
            q = parse_quantity(t.text)
            if q.kind == "number":
                row.actuals.append((year, q, None))
            year += 1
        out.append(row)
    latest = max((r.target_year for r in out if r.target_year), default=None)
    for row in out:
        row.target_year = row.target_year or latest
    return out


# names broken between row labels -------------------------------------------------------------------

LABEL_REACH = 2  # tokens: a row's unit follows its label this closely


def _pair_role(text: str) -> str | None:
    r = role(text)
    return r if r in ("target", "actual") and len(text) <= 3 else None


def label_pair_rows(toks: list[Token]) -> list[IndicatorRow]:
    """Indicators whose names are broken among rows labelled 目標/実績."""
    labels = [i for i, t in enumerate(toks) if flattened(t) and _pair_role(t.text)]
    pairs = [a for a, b in zip(labels, labels[1:]) if _pair_role(toks[a].text) == "target" and _pair_role(toks[b].text) == "actual"]
    if len(pairs) < 2:
        return []
    start = labels[0]
    while start > 0 and is_text(toks[start - 1].text):
        start -= 1
    counts: dict[str, int] = {}
    for t in toks:
        counts[t.text] = counts.get(t.text, 0) + 1
    names: list[list[Token]] = []
    pieces: list[Token] = []
    for t in toks[start:labels[-1]]:
        text = t.text
        if not is_text(text) or is_unit(text) or counts[text] > 1 or (text[:1] in _OPEN and text[-1:] in _CLOSE):
            continue
        pieces.append(t)
        if ends_name(text):
            names.append(pieces)
            pieces = []
    if not names or len(names) > len(pairs) or all(len(n) < 2 for n in names) \
            or any(len(n) > MAX_PIECES or sum(len(p.text) for p in n) > MAX_NAME for n in names):
        return []
    units = [next((fold(t.text) for t in toks[a + 1:a + 1 + LABEL_REACH] if is_unit(t.text)), None) for a in pairs]
    out = []
    for n, pieces in enumerate(names):
        row = IndicatorRow(name="", origin=_source(pieces[0]).label())
        set_name("".join(p.text for p in pieces), row)
        row.unit = row.unit or units[n]
        out.append(row)
    return out


# the document --------------------------------------------------------------------------------------

def flat_sheet_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of a flattened evaluation sheet ([] when there is none), but those ``known``."""
    toks = tokens(lines)
    kept = NewRows(known)
    for read, bare in ((year_rows, False), (numbered_rows, True), (bounded_rows, False), (label_pair_rows, True),
                       (apart_rows, False), (scattered_rows, False)):
        for row in read(toks):
            figures = row.target is not None or row.baseline is not None or row.actuals
            if (figures or bare) and row.name and kept.add(row):
                infer(row)
    return kept.rows
