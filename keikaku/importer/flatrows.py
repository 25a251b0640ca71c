"""A whole table flattened onto one line: its header, then rows whose cells are known by their form.

A PDF extractor that puts a table (or a page) on one space-separated line keeps each row's
cells in the header's column order, but nothing marks where a row ends. Two layouts are read:

- **Header, then rows** (``flat_rows``): the header is the run of words naming value columns
  (現状値 目標値24年度 目標値29年度 …); each row is a run of values — figures with their unit
  (a unit printed apart, ``11,206 ha``, is joined), empty marks — and its name is the text just
  before the run. A short word right before the header's first value word that the vocabulary
  does not know (a page or number column) takes a bare integer before the figures. A run as long
  as the value columns fills them in order; a shorter run (cells printed elsewhere on the page)
  gives only its first figure, to the first column, when that is the baseline; a longer run, or
  figures of different units, is refused. A name must be text that occurs once (words printed in
  every row — a source, a timing — are column cells, not names) and not a fragment of a broken
  word (a few kana).
- **The name repeated in two columns** (``repeated_name_rows``): a header of two columns that
  both hold the indicator (KPI(期限), KPI(年度)) and a rate; each row prints the name, a figure,
  the name again, a figure, maybe the rate. The figures' roles come from the rate: when it is
  the second figure over the first (within rounding) the first is the target and the second the
  actual of the year in the second column's header. A row whose rate does not settle it, and
  every row of a table where no rate settles it, is refused. A unit printed apart from its
  figure is taken from the other figure of the row.

Both readings are offered to ``indicators.read_indicator_table``, which keeps the more complete.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import VALUE_ROLES, figure_words, header_words, value_units
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.streamrows import RUNS_ON
from keikaku.importer.tables import IndicatorRow, _header_columns, infer, put_value, set_name
from keikaku.importer.values import Quantity, find_era, parse_quantity, parse_year_in
from keikaku.importer.width import fold
from keikaku.importer.wrappedrepeat import wrapped_name_at

MIN_TOKENS = 12  # a line with fewer cells is not a flattened table
STATUS_WORDS = frozenset(figure_words()["names"].get("statuses", ()))  # a row's progress, closing it
MAX_HEADER_CELL = 12  # characters: a longer cell is text, even when it holds a value word
MAX_LEAD = 4  # characters of an unnamed header word before the value words (頁, No.)
_UNITS = frozenset(value_units())
_BARE_INT = re.compile(r"[0-9]{1,4}")
_NUMBER = re.compile(r"[△▲-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_KANA_FRAGMENT = re.compile(r"[\u3040-\u309fー]{1,4}")
_NUMBERING = re.compile(r"[(（]?[0-9０-９]{1,2}[)）]?|[①-⑳]|[(（][^()（）]{0,6}[)）]")
_YEAR_GLUED = re.compile(r"^([^0-9]{2,}?)([0-9]{1,2}年度?)$")
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")


def _tokens(lines: list[Line]) -> list[str]:
    """The region's cells in order, a unit printed apart from its figure joined to it, and a figure's
    label printed before it settled (see ``_labelled``)."""
    raw = [t for line in lines if not line.cells and "|" not in line.key for t in line.key.split(" ") if t]
    out: list[str] = []
    for tok in raw:
        if out and fold(tok) in _UNITS and _NUMBER.fullmatch(out[-1]):
            out[-1] += tok
        else:
            out.append(tok)
    return _labelled(out)


_DATED_LABEL = re.compile(r"^(?P<year>.+?年度?)(?:末)?(?:現在|時点)$")  # H27年度現在 127件: the figure's date
_FORECAST_LABEL = re.compile(r"^(?P<year>.+?年度?)(?:の)?(?:予測|推計|見通し)(?:値)?$")  # H31年度予測 144件: no cell of the row
_TOTAL_LABEL = re.compile(r"^(?:過去)?[0-9]{1,2}年間(?:の)?(?:実績|平均|累計|合計)$")  # 過去5年間実績 6件: the figure's kind


def _labelled(tokens: list[str]) -> list[str]:
    """Cells with the label a row prints before a figure: a date (H27年度現在 127件) goes into the
    figure's bracket, a forecast printed beside the row's cells (H31年度予測 144件) leaves with its
    figure, a total's period (過去5年間実績 6件) leaves the figure alone."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt and parse_quantity(nxt).kind == "number" and parse_year_in(nxt)[1] is None:
            label = fold(tok)
            m = _DATED_LABEL.match(label)
            if m and parse_year_in(m.group("year"))[1] is not None:
                out.append(f"{nxt}({m.group('year')})")
                i += 2
                continue
            m = _FORECAST_LABEL.match(label)
            if m and parse_year_in(m.group("year"))[1] is not None:
                i += 2
                continue
            if _TOTAL_LABEL.match(label):
                i += 1
                continue
        out.append(tok)
        i += 1
    return out


def _is_value(tok: str) -> bool:
    return parse_quantity(tok).kind in ("number", "empty")


def _role(tok: str) -> str | None:
    body, _ = parse_year_in(tok)
    body = body or tok
    if len(body) > MAX_HEADER_CELL:
        return None  # a cell of prose (平成27年度の取組と実績値の分析) names no column
    return header_words().role_of(body)


def _name_before(tokens: list[str], start: int, end: int, counts: dict[str, int]) -> str | None:
    """The row's name: the last once-printed word between the previous run (``start``) and this one."""
    for k in range(end - 1, start - 1, -1):
        tok = tokens[k]
        if counts[tok] > 1 or _KANA_FRAGMENT.fullmatch(tok) or _NUMBERING.fullmatch(tok):
            continue
        if _role(tok) is not None or not _WORDY.search(tok) or len(tok) < 3:
            return None
        while k > start and tokens[k - 1].endswith(RUNS_ON) and counts[tokens[k - 1]] == 1 and _role(tokens[k - 1]) is None:
            k -= 1
            tok = tokens[k] + tok  # a name the extractor broke where it runs on (森高インターンシップに 登録する…数)
        return tok
    return None


def _word_cell(tokens: list[str], i: int, counts: dict[str, int]) -> bool:
    """Whether ``tokens[i]``, right after a run, is a short word closing the row that the next row's name
    follows: a status (``statuses`` in ``figures.toml``: 遅れ, 順調 …) or a word the column prints in
    several rows (その他); a heading word after a row (観光) is neither."""
    word = tokens[i] if i < len(tokens) else ""
    return (i + 1 < len(tokens) and 0 < len(word) <= 4 and _WORDY.search(word) is not None
            and _role(word) is None and not _is_value(tokens[i + 1])
            and (fold(word) in STATUS_WORDS or counts.get(word, 0) >= 2))


def _unit(tok: str) -> str | None:
    return parse_quantity(tok).unit


_TARGET_WORD = "目標値"


def _figure_columns(roles: list[str | None]) -> list[str | None]:
    """Header roles with a name word printed between value words taken as a value column: in
    ``数値目標項目 基準値 KPI 実績値`` the name column came first, and the KPI column between the
    baseline and the actual holds the KPI's figure, its target."""
    out = list(roles)
    for k in range(1, len(roles) - 1):
        if roles[k] == "name" and roles[k - 1] in VALUE_ROLES and roles[k + 1] in VALUE_ROLES:
            out[k] = "target"
    return out


def _year_cells_joined(tokens: list[str]) -> list[str]:
    """A year printed as a cell of its own before a header's value word joined to it as its year
    (``令和4年度 実績値`` → ``実績値(令和4年度)``)."""
    out: list[str] = []
    for tok in tokens:
        if out and _role(tok) in VALUE_ROLES and not parse_year_in(tok)[1]:
            body, year = parse_year_in(out[-1])
            if year is not None and not body.strip("()（） "):
                out[-1] = f"{tok}({out[-1].strip('()（）')})"
                continue
        out.append(tok)
    return out


def _header(roles: list[str | None]) -> tuple[int, int] | None:
    """The first run of header words holding two value words or more: (start, end)."""
    i = 0
    while i < len(roles):
        if roles[i] not in VALUE_ROLES:
            i += 1
            continue
        end = i
        while end < len(roles) and roles[end] is not None and roles[end] != "name":
            end += 1
        if sum(r in VALUE_ROLES for r in roles[i:end]) >= 2:
            return i, end
        i = end
    return None


def flat_rows(lines: list[Line], *, default_era: str | None = None) -> list[IndicatorRow]:
    """Rows of a table flattened onto one line, read after its header by the forms of their cells."""
    tokens = _tokens(lines)
    if len(tokens) < MIN_TOKENS:
        return []
    tokens = _year_cells_joined(tokens)
    roles = _figure_columns([_role(t) for t in tokens])
    found = _header(roles)
    if found is None:
        return []
    first, end = found
    header = [_YEAR_GLUED.sub(r"\1(\2)", t) for t in tokens[first:end]]  # 目標値24年度: the word, then its year
    header = [_TARGET_WORD if r == "target" and header_words().role_of(t) == "name" else t
              for t, r in zip(header, roles[first:end])]
    era = default_era or find_era(" ".join(line.key for line in lines))
    columns = [c for c in _header_columns([make_line(" ".join(header), 0)], era)[0] if c.role != "name"]
    valued = [c for c in columns if c.role in VALUE_ROLES]
    if len(valued) < 2 or any(c.role == "rate" for c in valued):
        return []
    before = tokens[first - 1] if first > 0 else ""
    lead = (0 < len(before) <= MAX_LEAD and roles[first - 1] is None and _WORDY.search(before) is not None
            and not _is_value(before))
    counts: dict[str, int] = {}
    for t in tokens:
        counts[t] = counts.get(t, 0) + 1
    rows: list[IndicatorRow] = []
    names: set[str] = set()
    i, previous = end, end
    while i < len(tokens):
        if not _is_value(tokens[i]):
            i += 1
            continue
        start = i
        while i < len(tokens) and _is_value(tokens[i]):
            i += 1
        run = tokens[start:i]
        name = _name_before(tokens, previous, start, counts)
        previous = i
        while len(run) > 2 and _NUMBERING.fullmatch(run[-1]) and all(_unit(c) for c in run[-3:-1]):
            run = run[:-1]  # the number of the next section, after figures with units
        if lead and len(run) >= 2 and _BARE_INT.fullmatch(run[0]) and all(_unit(c) for c in run[1:] if parse_quantity(c).kind == "number"):
            run = run[1:]  # the page or number column before the figures
        elif lead:
            continue
        units = {_unit(c) for c in run if parse_quantity(c).kind == "number"}
        if name is None or name in names or len(units) > 1 or len(run) > len(valued):
            continue
        if len(run) == len(valued) - 1 >= 2 and _word_cell(tokens, i, counts):
            pass  # the last column's cell is a word (進捗状況: 遅れ, その他): the run fills the columns before it
        elif len(run) < len(valued):
            if len(run) < 2 or valued[0].role != "baseline" or parse_quantity(run[0]).kind != "number":
                continue
            run = run[:1]
        row = IndicatorRow(name="")
        set_name(name, row)
        for col, cell in zip(valued, run):
            put_value(row, col.role, col.year, cell)
        if row.unit is None and units and None not in units:
            row.unit = fold(next(iter(units)))
        infer(row)
        names.add(name)
        rows.append(row)
    return rows


# --- the name repeated in two columns ---------------------------------------------------------

RATE_SLACK = 0.06  # percentage points: a printed rate is rounded to one decimal
_RATE = re.compile(r"[0-9]+(?:\.[0-9]+)?[%％]")


def _split_figure(tok: str) -> tuple[str, str] | None:
    """``新規会員数5件`` → (新規会員数, 5件): a name with its figure glued on."""
    m = re.fullmatch(rf"(.*?[^0-9,.△▲\s])({_NUMBER.pattern}\S*)", tok)
    if m and parse_quantity(m.group(2)).kind == "number" and _WORDY.search(m.group(1)):
        return m.group(1), m.group(2)
    return None


def _cells(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        split = _split_figure(tok) if not _is_value(tok) else None
        out.extend(split if split else (tok,))
    return out


def repeated_name_rows(lines: list[Line], *, default_era: str | None = None) -> list[IndicatorRow]:
    """Rows whose name is printed in two columns, each followed by its figure, settled by a rate."""
    tokens = _cells(_tokens(lines))
    if len(tokens) < MIN_TOKENS:
        return []
    era = default_era or find_era(" ".join(line.key for line in lines))
    heads = [k for k, t in enumerate(tokens) if _role(t) == "name" and len(t) <= 12]
    rate_at = next((k for k, t in enumerate(tokens) if _role(t) == "rate"), None)
    heads = [k for k in heads if rate_at is not None and k < rate_at]
    if len(heads) < 2:
        return []
    _, actual_year = parse_year_in(" ".join(tokens[heads[-1]:rate_at]), default_era=era)
    rows: list[IndicatorRow] = []
    seen: set[str] = set()
    n = len(tokens)
    i = rate_at + 1
    found_rows: list[tuple[str, str, str, int | None]] = []
    while i < n:
        found = _repeat_at(tokens, i) or _doubled_at(tokens, i) or _wrapped_at(tokens, i)
        if found is None:
            i += 1
            continue
        name, first, second, rate_k, i = found
        if name not in seen:
            seen.add(name)
            found_rows.append((name, first, second, rate_k))
    used = {k for *_, k in found_rows if k is not None}
    stray = [k for k in range(rate_at + 1, n) if _RATE.fullmatch(tokens[k]) and k not in used]
    for name, first, second, rate_k in found_rows:
        a, b = parse_quantity(first), parse_quantity(second)
        if not a.value:
            continue
        if rate_k is None:  # a rate printed away from its row settles it when it alone fits
            fits = [k for k in stray if _fits(a, b, tokens[k])]
            if not fits and a.value == b.value and a.unit == b.unit:
                rate_k = -1  # two equal figures need no rate to say which is the target
            elif len(fits) != 1:
                continue
            else:
                rate_k = fits[0]
                stray.remove(rate_k)
        if rate_k >= 0 and not _fits(a, b, tokens[rate_k]):
            continue
        unit = a.unit or b.unit
        if a.unit and b.unit and a.unit != b.unit:
            continue
        row = IndicatorRow(name="")
        set_name(name, row)
        put_value(row, "target", None, first)
        if actual_year is not None:
            put_value(row, "actual", actual_year, second)
        row.unit = fold(unit) if unit else row.unit
        rows.append(row)
    return rows


def _fits(target: Quantity, actual: Quantity, rate: str) -> bool:
    """Whether ``rate`` is the actual over the target, in percent, as printed (rounded)."""
    r = parse_quantity(rate).value
    return r is not None and abs(float(actual.value or 0) / float(target.value) * 100 - float(r)) <= RATE_SLACK


MAX_BETWEEN = 3  # cells of other columns between a doubled name and its figures


def _doubled_at(tokens: list[str], i: int) -> tuple[str, str, str, int | None, int] | None:
    """At ``i``: a name printed twice side by side, a few cells of other columns, then its two figures."""
    n = len(tokens)
    for width in (1, 2, 3):
        name = tokens[i:i + width]
        if len(name) < width or any(_is_value(t) or not _WORDY.search(t) for t in name) or len("".join(name)) < 4:
            continue
        if tokens[i + width:i + 2 * width] != name:
            continue
        j = i + 2 * width
        while j < n and j - (i + 2 * width) <= MAX_BETWEEN and not _is_value(tokens[j]):
            j += 1
        if j + 1 >= n or j - (i + 2 * width) > MAX_BETWEEN:
            return None
        first, second = tokens[j], tokens[j + 1]
        if any(parse_quantity(t).kind != "number" or _RATE.fullmatch(t) for t in (first, second)):
            return None
        k = j + 2
        rate_k = k if k < n and _RATE.fullmatch(tokens[k]) else None
        return " ".join(name), first, second, rate_k, k + (rate_k is not None)
    return None


def _wrapped_at(tokens: list[str], i: int) -> tuple[str, str, str, int | None, int] | None:
    """At ``i``: a name wrapped in both its columns (``wrappedrepeat.py``), its two figures, maybe a rate."""
    found = wrapped_name_at(tokens, i, is_value=_is_value)
    if found is None:
        return None
    name, first, second, k = found
    rate_k = k if k < len(tokens) and _RATE.fullmatch(tokens[k]) else None
    return name, first, second, rate_k, k + (rate_k is not None)


def _repeat_at(tokens: list[str], i: int) -> tuple[str, str, str, int | None, int] | None:
    """At ``i``: a name (one to three cells), its figure, the same name, its figure, maybe a rate."""
    n = len(tokens)
    for width in (1, 2, 3):
        name = tokens[i:i + width]
        if len(name) < width or any(_is_value(t) or not _WORDY.search(t) for t in name):
            return None
        if len("".join(name)) < 4:
            continue
        j = i + width
        if j >= n or not _is_value(tokens[j]) or parse_quantity(tokens[j]).kind != "number":
            continue
        first = tokens[j]
        k = j + 1
        if k < n and fold(tokens[k]) in _UNITS:
            first += tokens[k]
            k += 1
        if tokens[k:k + width] != name:
            continue
        k += width
        if k >= n or parse_quantity(tokens[k]).kind != "number":
            continue
        second = tokens[k]
        k += 1
        rate_k = k if k < n and _RATE.fullmatch(tokens[k]) else None
        if rate_k is not None:
            k += 1
        if not parse_quantity(first).unit and parse_quantity(second).unit:
            first += parse_quantity(second).unit
        return " ".join(name), first, second, rate_k, k
    return None


def one_line_rows(lines: list[Line], *, default_era: str | None = None) -> list[IndicatorRow]:
    """The region read both ways above; the reading with more rows wins."""
    by_header = flat_rows(lines, default_era=default_era)
    repeated = repeated_name_rows(lines, default_era=default_era)
    return repeated if len(repeated) > len(by_header) else by_header


def repeated_name_table(lines: list[Line], i: int) -> bool:
    """Whether a table whose rows print their name in two columns starts at ``lines[i]`` (segment asks)."""
    return len(repeated_name_rows(lines[i:i + 4])) >= 2
