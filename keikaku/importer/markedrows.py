"""A flattened table whose rows hold marks between their figures: a trend mark, a grade.

A strategy's review sheet prints each indicator's starting value, its latest actual, a trend mark
(○, △, ×), a grade (A, B) and the target, and a text extractor flattens it::

    R4 指標名 観光案内所の年間利用者数(人) 現状値 (R2) 8,420 実績 (trend) 達成度
    目標値 (R7) 9,150 ○ A 10,000 ≪…≫ 〔本文〕 … 空き家バンクの登録件数(件) 41 38 × B 60

The header is a run of header words of ``lexicon/headers.toml`` (a word broken by a space is
joined; a few cells of the first row may stand between them) naming two value columns or more
(baseline, actual, target) and one mark column or more (a note or rate column of the lexicon: a trend,
達成度, 評価); a bracketed year after a value word is its column's year. One actual column the header
leaves undated takes the year printed alone right before the header (a stacked cell: ``H27`` over
実績), when there is exactly one. A row is a name and exactly one cell per column in order: a figure
(maybe after a total word, 延べ 4) under a value column, a mark (○, △, ×, -, a grade letter) under a
mark column. The name is the text right before the cells, back to a placeholder, a heading mark,
a header word or a figure. A run of cells of any other shape is no row (values printed away from
their name are not guessed).
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import figure_words, header_words, pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

VALUE_COLUMNS = ("baseline", "actual", "target")
MARK_COLUMNS = ("note", "rate")
_MARK = re.compile(r"^(?:[○◎△×▲●■◇◆\-－―ー]|[A-ES][+＋\-－]?)$")
_BRACKET_YEAR = re.compile(r"^[(（][^()（）]{1,8}[)）]$")
_BARE_YEAR = re.compile(r"^(?:[HR][0-9]{1,2}|(?:平成|令和)(?:元|[0-9]{1,2})年度?|[0-9]{4}年度)$")
_OPENERS = ("〔", "≪", "《", "【", "■", "□", "◆", "●", "※", "(ⅰ", "(ⅱ", "(ⅲ")
MAX_GAP = 3  # cells of the first row between header words
MAX_NAME_TOKENS = 4
BROKEN = 4  # characters of each part of a header word broken by a space (現 状値, 目標 値)


def _tokens(lines: list[Line]) -> list[tuple[str, Line]]:
    return [(t, ln) for ln in lines for t in ln.key.split()]


def _role(tokens: list[tuple[str, Line]], i: int) -> tuple[str | None, int]:
    """The header role of the word at ``i`` (joined with the next token when only together they
    name one) and the number of tokens it takes."""
    lex = header_words()
    one = lex.role_of(tokens[i][0])
    if (i + 1 < len(tokens) and len(tokens[i][0]) <= BROKEN and len(tokens[i + 1][0]) <= BROKEN
            and lex.role_of(tokens[i + 1][0]) is None and not _figure(tokens[i + 1][0])):
        both = lex.role_of(tokens[i][0] + tokens[i + 1][0])
        if both is not None and both != one:
            return both, 2
    return one, 1


def _figure(token: str) -> bool:
    return parse_quantity(token).kind == "number" and not _BARE_YEAR.match(token)


def _header(tokens: list[tuple[str, Line]], p: int) -> tuple[list[list], set[int]] | None:
    """The columns ([role, year]) of a header starting at ``p`` and the indices of its tokens."""
    columns: list[list] = []
    used: set[int] = set()
    i, gap = p, 0
    while i < len(tokens) and gap <= MAX_GAP:
        token = tokens[i][0]
        if _BRACKET_YEAR.match(token) and columns and (year := parse_year(token)) is not None:
            if columns[-1][1] is None:
                columns[-1][1] = year
            used.add(i)
            i, gap = i + 1, 0
            continue
        role, width = _role(tokens, i)
        if role in VALUE_COLUMNS or role in MARK_COLUMNS:
            columns.append([role, None])
            used.update(range(i, i + width))
            i, gap = i + width, 0
            continue
        i, gap = i + 1, gap + 1
    values = [c for c in columns if c[0] in VALUE_COLUMNS]
    if len(values) < 2 or len(values) == len(columns) or len({c[0] for c in values}) != len(values):
        return None
    return columns, used


def _cells(tokens: list[str], columns: list[list]) -> int | None:
    """How many tokens the cells of one row take from the start of ``tokens``, or None."""
    prefixes = tuple(figure_words()["sentence"]["prefixes"])
    i = 0
    for role, _ in columns:
        if i >= len(tokens):
            return None
        if role in MARK_COLUMNS:
            if not _MARK.match(tokens[i]):
                return None
            i += 1
            continue
        if tokens[i] in prefixes and i + 1 < len(tokens):
            i += 1
        if not _figure(tokens[i]):
            return None
        i += 1
    return i


def _name(tokens: list[str]) -> str | None:
    lex = header_words()
    taken: list[str] = []
    for token in reversed(tokens[-MAX_NAME_TOKENS:]):
        if token.startswith(_OPENERS) or lex.role_of(token) is not None or _figure(token) \
                or _MARK.match(token) or _BARE_YEAR.match(token) or "。" in token:
            break
        if taken and pattern("tables", "group_title").match(token):
            break  # a numbered group's title over the row ((2)成人期), no part of its name
        taken.insert(0, token)
    return "".join(taken) or None


def marked_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of the marked tables on ``lines`` (see the module's description), but those ``known``."""
    tokens = _tokens(lines)
    new = NewRows(known)
    p = 0
    while p < len(tokens):
        role, _ = _role(tokens, p)
        got = _header(tokens, p) if role in VALUE_COLUMNS else None
        if got is None:
            p += 1
            continue
        columns, used = got
        undated = [c for c in columns if c[0] == "actual" and c[1] is None]
        before = [parse_year(t) for t, _ in tokens[max(0, p - MAX_NAME_TOKENS):p] if _BARE_YEAR.match(t)]
        if len(undated) == 1 and len(before) == 1:
            undated[0][1] = before[0]
        start = p - MAX_NAME_TOKENS
        stream = [(k, t, ln) for k, (t, ln) in enumerate(tokens) if k >= max(0, start) and k not in used]
        words = [t for _, t, _ in stream]
        k = 0
        while k < len(words):
            taken = _cells(words[k:], columns) if _figure(words[k]) or words[k] in figure_words()["sentence"]["prefixes"] else None
            if taken is None:
                k += 1
                continue
            name = _name(words[max(0, k - MAX_NAME_TOKENS):k])
            if name:
                _add(new, name, words[k:k + taken], columns, stream[k][2])
            k += taken
        p = max(used) + 1
    return new.rows


def _add(new: NewRows, name: str, cells: list[str], columns: list[list], line: Line) -> None:
    row = IndicatorRow(name="", origin=origin_of(line))
    set_name(name, row)
    prefixes = tuple(figure_words()["sentence"]["prefixes"])
    cells = [c for c in cells if c not in prefixes]
    for (role, year), cell in zip(columns, cells):
        if role in VALUE_COLUMNS and not (role == "actual" and year is None):
            put_value(row, role, year, cell, origin=row.origin)
    infer(row)
    if row.name and len(row.name) >= 4:
        new.add(row)
