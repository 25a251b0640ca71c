"""Rows of a text table read as one stream of cells, whatever way the extractor broke its lines.

Values are known by their form (a number with its unit, 維持, －, a year in brackets), so each
row shows as a run of value cells; the indicator's name is the text just before its run. When
the header has text columns after the values (a definition, a reason), the text after a run
belongs to them and only the last cell before the next run names the next indicator.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from keikaku.cache import text_memo
from keikaku.importer.lexicon import VALUE_ROLES, figure_opens_name, fold_key, header_words, name_endings, source_endings
from keikaku.importer.values import dated_value, normalize_width, parse_direction, parse_quantity, parse_year_in
from keikaku.importer.namecells import after_placeholder, without_title

TEXT_ROLES = frozenset({"definition", "source", "department", "note", "other"})
MAX_UNIT = 5  # characters of a unit cell (団体, 事業所, か所)


@dataclass(frozen=True)
class StreamRow:
    name: str
    cells: tuple[tuple[str, int | None, str], ...]  # (role, column year, text) for each value read
    start: int = 0  # the token the name starts at
    at: tuple[int, ...] = ()  # the token each cell was read from


_BARE_FIGURE = re.compile(r"[0-9０-９]{4}")
_YEAR_STEP = 5  # years printed in a line step by a year or a few


@text_memo(4096, 128)  # every reading of a table asks of every token
def _kind(tok: str) -> str:
    """value, year (a bracketed or bare year alone), arrow (base → target), direction, or text."""
    if arrow_cell(tok) is not None:
        return "arrow"
    rest, year = parse_year_in(tok)
    if year is not None and not rest.strip("()（） ") and not _BARE_FIGURE.fullmatch(tok):
        return "year"  # a bare 1900 in a row is a figure: a row's year is bracketed or says 年
    q = parse_quantity(tok)
    if figure_opens_name(q.kind, q.unit):
        return "text"  # 3歳児のう歯のない者の割合, 8020…参加者数: a name that opens with a figure, not a value
    if q.kind in ("number", "maintain", "empty"):
        return "value"
    if parse_direction(tok) is not None and len(tok) <= 8:
        return "direction"
    return "text"


def _kinds(tokens: list[str]) -> list[str]:
    """The kind of each token; bare four-digit figures counting up by a few at a time (2026 2027 2028, a
    period's years printed as a line) are years after all."""
    kinds = [_kind(t) for t in tokens]
    bare = [k for k, t in enumerate(tokens) if _BARE_FIGURE.fullmatch(t) and parse_year_in(t)[1] is not None]
    for a, b in zip(bare, bare[1:]):
        if b == a + 1 and 0 < int(normalize_width(tokens[b])) - int(normalize_width(tokens[a])) <= _YEAR_STEP:
            kinds[a] = kinds[b] = "year"
    return kinds


def stream_rows(tokens: list[str], columns: list[tuple[str, int | None]]) -> list[StreamRow]:
    """Rows from a token stream, given the header's columns (role, year) in order."""
    valued = [(r, y) for r, y in columns if r in VALUE_ROLES]
    if not valued:
        return []
    has_unit = any(r == "unit" for r, _ in columns)
    has_direction = any(r == "direction" for r, _ in columns)
    trailing_text = any(r in TEXT_ROLES for r, _ in columns[[r for r, _ in columns].index(valued[-1][0]):])
    has_source = any(r == "source" for r, _ in columns)
    kinds = _kinds(tokens)
    if has_source:  # 21アンケート under a source column is its cell, not a figure
        kinds = ["text" if k == "value" and _source_cell(t) else k for t, k in zip(tokens, kinds)]
    by_column = _column_major(tokens, kinds, valued, has_unit) or _values_first(tokens, kinds, valued)
    if by_column is not None:
        return by_column
    rows: list[StreamRow] = []
    orphans: list[tuple[list[str], list[int]]] = []
    i = 0
    name_from = 0
    n = len(tokens)
    while i < n:
        if kinds[i] not in ("value", "arrow"):
            i += 1
            continue
        start = i
        pair = arrow_cell(tokens[i]) if kinds[i] == "arrow" else None
        if pair is not None:
            i += 1  # baseline → target in one cell; the header's value columns follow
        unit = None
        if has_unit and start > name_from and kinds[start - 1] == "text" and len(tokens[start - 1]) <= MAX_UNIT:
            unit = tokens[start - 1]
            start -= 1
        run: list[str] = []
        at: list[int] = []
        j = i
        numbered_next = False  # the run ended at the next row's number: its empty cells were left blank
        while j < n and len(run) < len(valued) and (kinds[j] in ("value", "year") or kinds[j] == "direction" and run
                                                     and not has_direction and len(run) == len(valued) - 1
                                                     and _ends_like_name(tokens, kinds, name_from, start)):
            if run and _row_number_next(tokens, kinds, j, run[0]):
                numbered_next = True
                break  # 40.0% then 5 3歳児の…: the next row's number, not this row's figure
            if kinds[j] == "year" and run:
                run[-1] = f"{run[-1]}{tokens[j]}"  # 45.3% (H26): the year of the value before
            elif kinds[j] in ("value", "direction"):
                run.append(tokens[j])  # 18人 増加: a target in words, the direction without a figure
                at.append(j)
            j += 1
        while j < n and kinds[j] == "year" and run:
            run[-1] = f"{run[-1]}{tokens[j]}"
            j += 1
        direction = None
        if has_direction and j < n and kinds[j] == "direction":
            direction = tokens[j]
            j += 1
        name_tokens = [t for t, k in zip(tokens[name_from:start], kinds[name_from:start]) if k == "text"]
        if trailing_text and len(name_tokens) > 1 and rows:
            name_tokens = _last_name(name_tokens)
        name_tokens = without_title(after_placeholder(name_tokens))  # other columns' cells before the name
        if len(name_tokens) > 1:  # 〔…〕 stands for a text cell (a description) between the name and its values
            name_tokens = [t for t in name_tokens if not _BRACKETED_TEXT.fullmatch(t)] or name_tokens
        while len(name_tokens) > 1 and _GRADE.fullmatch(name_tokens[0]):
            name_tokens = name_tokens[1:]  # the grade cell (A-3, C) that closed the row before
        if has_source:
            name_tokens = _without_source(name_tokens)
        while len(name_tokens) > 1 and header_words().role_of(name_tokens[0]) is not None:
            name_tokens = name_tokens[1:]  # the end of a header that ran onto the first row's line
        numbered = [k for k, t in enumerate(name_tokens) if _ROW_NUMBER.fullmatch(t)]
        if numbered and numbered[-1] > 0 and numbered[-1] < len(name_tokens) - 1:
            name_tokens = name_tokens[numbered[-1]:]  # a row number (1-2, (4)) starts the name; text before it is a row without figures
        named = bool(name_tokens) and _named(name_tokens)
        if not named and len(run) >= 2 and pair is None:
            orphans.append((run, at))  # a row's figures printed before its name
        elif (named and pair is None and 0 < len(run) < min(2, len(valued)) and len(orphans) == 1
              and len(orphans[0][0]) + len(run) <= len(valued) and _one_unit(orphans[0][0] + run)):
            run, at = orphans[0][0] + run, orphans[0][1] + at  # its name, printed later with its last figures
            orphans.append(([], []))  # used: no other row takes it
        if name_tokens and _named(name_tokens) and (len(run) + (2 if pair else 0) >= min(2, len(valued)) or numbered_next):
            cells = [(role, year, text) for (role, year), text in zip(valued, run)]
            at = at[:len(cells)]
            if pair is not None:
                cells += [("baseline", pair[0][1], pair[0][0]), ("target", pair[1][1], pair[1][0])]
                at += [start, start]
            if unit:
                cells.append(("unit", None, unit))
                at.append(start)
            if direction:
                cells.append(("direction", None, direction))
                at.append(j - 1)
            if j < n and kinds[j] == "text" and _cut_tail(name_tokens, tokens[j]):
                name_tokens = [*name_tokens[:-1], name_tokens[-1] + tokens[j]]  # 人の 32.5% 40% 割合
                j += 1
            name = "".join(name_tokens) if _glued(name_tokens) else " ".join(name_tokens)
            rows.append(StreamRow(name, tuple(cells), max(name_from, start - len(name_tokens)), tuple(at)))
        name_from = i = j if j > i else i + 1
    return rows


def _column_major(tokens: list[str], kinds: list[str], valued: list[tuple[str, int | None]],
                  has_unit: bool) -> list[StreamRow] | None:
    """A table emitted column after column: every name, (every unit,) then each value column in turn.

    Taken when the stream is m names (and m units) followed by m values per value column and
    nothing else; the values are read down the columns, unless reading them along the rows
    pairs closer figures (a row's baseline and target are of one size).
    """
    lead = 0
    while lead < len(kinds) and kinds[lead] == "text":
        lead += 1
    values = tokens[lead:]
    if lead < 2 or any(k != "value" for k in kinds[lead:]):
        return None
    n = len(valued)
    if len(values) % n:
        return None
    m = len(values) // n
    if m < 2 or lead not in (m, 2 * m) or (lead == 2 * m and not has_unit):
        return None
    names, units = tokens[:m], tokens[m:lead] if lead == 2 * m else [None] * m
    down = [[values[c * m + r] for c in range(n)] for r in range(m)]
    along = [values[r * n:(r + 1) * n] for r in range(m)]
    by_column = _spread(down) <= _spread(along)
    table = down if by_column else along
    out = []
    for r, (name, unit, row) in enumerate(zip(names, units, table)):
        cells = [(role, year, text) for (role, year), text in zip(valued, row)]
        at = [lead + (c * m + r if by_column else r * n + c) for c in range(n)]
        if unit:
            cells.append(("unit", None, unit))
            at.append(m + r)
        out.append(StreamRow(name, tuple(cells), r, tuple(at)))
    return out


def _values_first(tokens: list[str], kinds: list[str], valued: list[tuple[str, int | None]]) -> list[StreamRow] | None:
    """Every row's values first (m rows of the header's value columns), then the m names in order.

    Taken when the stream opens with a multiple of the value columns (two rows or more) and the
    next m cells are names; what follows the names must hold no value (a heading, a year).
    """
    n = len(valued)
    lead = 0
    while lead < len(kinds) and kinds[lead] == "value":
        lead += 1
    m = lead // n
    if m < 2 or lead % n or lead + m > len(tokens):
        return None
    names = tokens[lead:lead + m]
    if any(k != "text" for k in kinds[lead:lead + m]) or any(k == "value" for k in kinds[lead + m:]):
        return None
    if any(len(t) < 3 or PLACEHOLDER.search(t) or header_words().role_of(t) is not None for t in names):
        return None
    out = []
    for r, name in enumerate(names):
        cells = tuple((role, year, text) for (role, year), text in zip(valued, tokens[r * n:(r + 1) * n]))
        out.append(StreamRow(name, cells, lead + r, tuple(range(r * n, (r + 1) * n))))
    return out


def _spread(rows: list[list[str]]) -> float:
    """How far apart the figures within each row are (sum of log ratios): small for a real row."""
    total = 0.0
    for row in rows:
        numbers = [abs(float(q.value)) for t in row if (q := parse_quantity(t)).kind == "number" and q.value]
        if len(numbers) >= 2:
            total += math.log(max(numbers) / min(numbers))
    return total


_FROM_TO = re.compile(r"(?P<base>[^→⇒➡]+?)\s*から\s*(?:毎年度?\s*)?(?P<target>[^→⇒➡]+?)\s*へ")


@text_memo(4096, 128)  # every reading of a table asks of every token
def arrow_cell(tok: str) -> tuple[tuple[str, int | None], tuple[str, int | None]] | None:
    """(value, year) on each side of a 'baseline → target' cell (H26年1.54→H31年1.68), or None.

    A cell phrased 'baseline から target へ' (``12件から毎年20件へ``: a yearly target is its
    figure) reads the same; each side must be one figure.
    """
    m = _FROM_TO.fullmatch(tok.strip())
    parts = [m.group("base"), m.group("target")] if m else re.split(r"\s*[→⇒➡]\s*", tok)
    if len(parts) != 2:
        return None
    sides = [dated_value(p) for p in parts]
    if any(parse_quantity(v).kind != "number" for v, _ in sides):
        return None
    return sides[0], sides[1]


_BARE_INTEGER = re.compile(r"[0-9]{1,2}")
_CUT_BEFORE = ("の", "てい", "い")  # a name cannot end here: the extractor wrapped it round its figures


def _row_number_next(tokens: list[str], kinds: list[str], j: int, first: str) -> bool:
    """Whether ``tokens[j]``, a bare one- or two-digit number after a run opened by a figure with a
    unit, is the next row's number: a name follows it."""
    return (bool(_BARE_INTEGER.fullmatch(tokens[j])) and bool(parse_quantity(first).unit)
            and j + 1 < len(tokens) and kinds[j + 1] == "text" and len(tokens[j + 1]) > 2)


def _cut_tail(name_tokens: list[str], after: str) -> bool:
    """Whether the text right after a row's figures is the tail of its name, cut off by them: the
    name ends where no name can (…人の, …持ってい) and the tail is short and ends like a name (割合)."""
    if not name_tokens or len(after) > 6:
        return False
    return name_tokens[-1].endswith(_CUT_BEFORE) and fold_key(after).endswith(name_endings())


def _named(tokens: list[str]) -> bool:
    """Whether the text before a run can name an indicator: more than placeholders and grade letters."""
    rest = [t for t in tokens if not PLACEHOLDER.fullmatch(t) and len(t) > 1]
    return bool(rest)


_BRACKETED_TEXT = re.compile(r"〔[^〔〕]*〕")
_GRADE = re.compile(r"[A-EＡ-Ｅ](?:[-‐][0-9])?|[◎○△×]")


def _ends_like_name(tokens: list[str], kinds: list[str], start: int, end: int) -> bool:
    """The last text before ``end`` ends like an indicator's name (参加者数), not a group's label (小学生)."""
    texts = [t for t, k in zip(tokens[start:end], kinds[start:end]) if k == "text"]
    return bool(texts) and fold_key(texts[-1]).endswith(name_endings())


_ROW_NUMBER = re.compile(r"[0-9]{1,2}-[0-9]{1,2}|[(（][0-9]{1,2}[)）]")  # 1-2, or (4): a row's number


def _one_unit(cells: list[str]) -> bool:
    """Figures that all print one unit (a row's cells)."""
    units = {parse_quantity(c).unit for c in cells if parse_quantity(c).kind == "number"}
    return len(units) == 1 and None not in units


def _source_cell(text: str) -> bool:
    """A cell ending with a source word (統計, 調査 …): a source column's cell."""
    key = fold_key(text)
    return len(key) > 2 and key.endswith(source_endings())


def _without_source(name_tokens: list[str]) -> list[str]:
    """The name without the source cell printed between it and its figures (a source broken over two cells joined)."""
    for k in range(len(name_tokens) - 1, -1, -1):
        if _source_cell("".join(name_tokens[k:])):
            return name_tokens[:k]  # nothing left: the row's name was printed elsewhere
    return name_tokens
# a placeholder, or a grade (A, ◎) standing alone: a letter inside a word (BMI, CO2) is none
PLACEHOLDER = re.compile(r"[〔［\[].{0,12}[〕］\]]|(?<![A-Za-zＡ-Ｚａ-ｚ])[A-EＡ-Ｅ](?![A-Za-zＡ-Ｚａ-ｚ])|[◎○△×]")


def _last_name(tokens: list[str]) -> list[str]:
    """The indicator's name at the end of a text run that also holds the previous row's text columns."""
    name = [tokens[-1]]
    k = len(tokens) - 2
    while k >= 0 and len(tokens[k]) <= 2 and not tokens[k].endswith(("。", "〕", ")")) and not PLACEHOLDER.fullmatch(tokens[k]):
        name.insert(0, tokens[k])  # a name broken by a stray space (充 足率)
        k -= 1
    return name


RUNS_ON = ("の", "に", "を", "は", "が", "と", "る", "な", "・", "、", "及び")  # a piece the next one continues


def _own_name(tokens: list[str]) -> list[str]:
    """The pieces before a row's figures that are its name, without the cells of other columns before it.

    A last piece that ends like a name (``name_endings``: …修了者数, …の割合) and is no short tail is the whole
    name when the piece before it does not run on into it (…に関する, …の): that piece is another column's
    cell (a category printed before each indicator, such as …の推進).
    """
    last = tokens[-1]
    if len(tokens) < 2 or len(last) < 5 or not fold_key(last).endswith(name_endings()) or tokens[-2].endswith(RUNS_ON):
        return tokens
    return [last]


def _glued(tokens: list[str]) -> bool:
    """Japanese name pieces split by the extractor join without a space."""
    return all(not t.isascii() for t in tokens)


def dated_pairs(tokens: list[str], line_of: list[int] | None = None) -> list[tuple[int, int, str, tuple[str, int], tuple[str, int]]]:
    """Indicators printed with no table header: a name, then a value with its year, then a later one.

    ``子育て環境の充実度 46.3% (H26) 49.1% (H31)``: the earlier dated value is the baseline, the
    later the target. After such rows, a name with one value of the baseline year and no dated value
    after it is a row whose target the page cut or printed otherwise: its baseline alone (the target
    ``("", None)``). Returns (first token of the name, token after the pair, name, baseline, target).
    With ``line_of`` (each token's line), the name is taken from one line only: the one just before.
    """
    kinds = _kinds(tokens)
    found = []
    i = 0
    n = len(tokens)
    while i < n:
        if kinds[i] != "value":
            i += 1
            continue
        pair = []
        j = i
        while j < n and len(pair) < 2:
            if kinds[j] == "value" and j + 1 < n and kinds[j + 1] == "year":
                pair.append((tokens[j], parse_year_in(tokens[j + 1])[1]))
                j += 2
            elif kinds[j] == "value" and (dated := dated_value(tokens[j]))[1] is not None:
                pair.append((dated[0], dated[1]))
                j += 1
            else:
                break
        name_tokens = []
        k = i - 1
        while (k >= 0 and kinds[k] == "text" and len(name_tokens) < 3 and not PLACEHOLDER.fullmatch(tokens[k])
               and (line_of is None or line_of[k] == line_of[i - 1])):
            name_tokens.insert(0, tokens[k])
            k -= 1
        complete = len(pair) == 2 and pair[0][1] and pair[1][1] and pair[1][1] > pair[0][1]
        cut = (len(pair) == 1 and found and pair[0][1] == found[-1][3][1]
               and (j >= n or kinds[j] != "value" or _dated(tokens[j]) is None))
        if (complete or cut) and name_tokens and _named(name_tokens):
            name_tokens = _own_name(name_tokens)
            name = "".join(name_tokens) if _glued(name_tokens) else " ".join(name_tokens)
            found.append((k + 1, j, name, pair[0], pair[1] if complete else ("", None)))
            i = j
        else:
            i += 1
    return found


def _dated(token: str) -> int | None:
    return dated_value(token)[1]


_ERAS = ("明治", "大正", "昭和", "平成", "令和")
_RULE = re.compile(r"[-－―—‐]{3,}")
_BARE_INT = re.compile(r"[0-9]{1,4}")


def _bracketed_name(tokens: list[str], end: int) -> str:
    """The name ending at ``tokens[end]``, joined back over the tokens before while a bracket is left open."""
    start = end
    while start > 0 and end - start < 4 and _open_brackets("".join(tokens[start:end + 1])) < 0:
        start -= 1
    if _open_brackets("".join(tokens[start:end + 1])) != 0:
        return tokens[end]
    return " ".join(tokens[start:end + 1])


def _open_brackets(text: str) -> int:
    return text.count("(") + text.count("（") - text.count(")") - text.count("）")
_TAG = re.compile(r"^[(（]([^()（）]{1,8})[)）]$")


def year_column_rows(tokens: list[str], header_roles: tuple[str | None, ...] = ()) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """A name, then its years as column heads (tagged 基準値, 目標値 …), then one value per year.

    ``婚姻率 平成 25 (基準値) 平成 27 平成 28 (現状値) 平成 31 (目標値) 5.5‰ 5.4‰ 5.0‰ 5.9‰``: each
    value takes its year and the role its tag names; an untagged year is an actual, unless no year
    is tagged and the table's header (``header_roles``) names a baseline and a target but no actual:
    then the first year is the baseline, the last the target, those between interim targets. A rule
    (``---``) before the values and a bare number between two figures of one unit (a page number)
    are skipped; a name broken inside its brackets (``名(A、B C)の数``) is joined back.
    """
    joined: list[str] = []
    for tok in tokens:  # an era and its number split apart: 平成 25
        if joined and joined[-1] in _ERAS and tok[:1].isdigit():
            joined[-1] += tok
        else:
            joined.append(tok)
    out = []
    i = 0
    while i < len(joined):
        heads: list[tuple[int, str | None]] = []
        j = i
        while j < len(joined):
            year = parse_year_in(joined[j])[1] if _kind(joined[j]) == "year" or joined[j][:2] in _ERAS else None
            if year is None:
                break
            tag = _TAG.match(joined[j + 1]) if j + 1 < len(joined) else None
            heads.append((year, header_words().role_of(tag.group(1)) if tag else None))
            j += 2 if tag else 1
        values = []
        while len(heads) >= 2 and j < len(joined) and len(values) < len(heads) and _kind(joined[j]) == "value":
            tok = joined[j]
            j += 1
            if not values and _RULE.fullmatch(tok):
                continue  # a rule drawn under the years
            if (values and _BARE_INT.fullmatch(tok) and j < len(joined) and _kind(joined[j]) == "value"
                    and parse_quantity(values[-1]).unit and parse_quantity(values[-1]).unit == parse_quantity(joined[j]).unit):
                continue  # a page number between two figures of one unit
            values.append(tok)
        if len(heads) >= 2 and len(values) == len(heads) and i > 0 and _kind(joined[i - 1]) == "text":
            roles = [role or "actual" for _, role in heads]
            if (all(role is None for _, role in heads) and {"baseline", "target"} <= set(header_roles)
                    and "actual" not in header_roles):
                roles = ["baseline", *["interim"] * (len(heads) - 2), "target"]
            first = roles.index("baseline") if "baseline" in roles else None
            roles = ["actual" if r == "baseline" and k != first else r for k, r in enumerate(roles)]  # 現状値 after 基準値
            cells = [(role if role in ("baseline", "target", "interim", "actual") else "actual", year, text)
                     for role, (year, _), text in zip(roles, heads, values)]
            out.append((_bracketed_name(joined, i - 1), cells))
            i = j
        else:
            i += 1
    return out
