"""Rows that are no indicators, and rows that yield to a better-named row of another reading.

Every reading of a table, and every reading of the whole document, may take a cell that is not a
name for one: a row label (計画, 実績), a header cell (区分, 目標値, 達成率), a date ((平成26年度)), a
run of units (団体 人 件 %) or a figure. And two readings of one table may both give an indicator:
one under its name, the other under its name with the next cell run into it (a label 単位：人, a
bracketed year, the next indicator's name). The rules, applied to the rows of the whole document
before they become indicators (``build.py``) and to each reading of a table region before the
best is chosen (``indicators.py``):

- a name that keeps fewer than two characters once header words (``lexicon/headers.toml``: every
  role, the row words and 単位), years and eras, figures with their units, units printed on their
  own, bounds (以上, 以下) and punctuation are taken out is no name: the row is dropped (but a row
  code, ``[spaced] row_code`` of ``lexicon/patterns.toml``: Ⅰ-1, the name of a row that has none); so is a
  name that is one bracketed cell holding a year (``(令和3年度見込)``), and a name holding a value
  word glued to a figure (``…目標値1.40``: a label with its figure), or opening with a unit label
  (``単位：人 …``: the cells of a header); so is a money row (``事業費（千円）``), a no-indicator
  mark (``lexicon/norows.toml``) or a sheet's heading fields (``norows.py``);
- a name that opens with another row's name and is longer yields to it when what follows that
  name is no name itself (a label, a date, a figure: not ``の増加``) or opens with a third row's
  name, or is that name again after a label (``〇〇率(%)〇〇率``), and every figure it holds is a
  figure of that row, or of the rows whose names it holds when each of them holds two figures or more (a reading that understood them); or when it is three
  names of other rows or more run together (with at most a character besides), or two or more with
  only units or labels besides and no figure of their own: the row is dropped;
- a name that is another row's name with a unit cell printed before it (``件出張講座の開催件数``)
  yields to it when every figure it holds is that row's;
- a name that is a piece of another row's name (the rest of which is a third row's name: one
  name a reading broke in two) yields to it when every figure it holds is that row's;
- a tail ``単位：人`` (a unit label) or a bracketed unit, simple or compound (``(千円/人)``), ending a
  name is the row's unit, not part of its name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypeVar

from keikaku.importer.known import name_key
from keikaku.importer.lexicon import VALUE_ROLES, _load, fold_key, header_words, pattern, value_units, words_pattern
from keikaku.importer.norows import names_no_row, without_mark
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.width import fold

T = TypeVar("T")

RUN_OF_NAMES = 3  # other rows' names run together that make a name no name
MIN_NAME = 2  # characters a name keeps once its labels, years, figures and units are taken out
_PUNCT = re.compile(r"[\s()（）【】\[\]［］〔〕「」『』<>＜＞:：・,，、。.．\-‐－―~〜～∼→⇒/／%％＋+=＝*＊※#＃'\"①-⑳]")
_ERA_YEAR = re.compile(r"(?:令和|平成|昭和|[RHS])?(?:[0-9]{1,4}|元)(?:年度|年|度)(?:末|時点)?|年度|令和|平成|昭和|[RHS][0-9]{1,2}(?![0-9])")
_YEAR_PIECES = frozenset({"年", "度", "年度", "末"})  # a year's word printed apart from its number
_BOUNDS = re.compile(r"以上|以下|未満|超")
_UNIT_LABEL = re.compile(r"\s*単位\s*[:：]\s*(\S{1,8})\s*$")


@cache
def _units() -> str:
    units = [fold(u) for u in value_units()]
    return rf"(?:{words_pattern(units)})"


@cache
def _compound_unit() -> re.Pattern[str]:
    """Units joined by / (人/ha, 千円/人): no word of a name."""
    u = _units()
    return re.compile(rf"{u}(?:/{u})+")


@cache
def _figure() -> re.Pattern[str]:
    """A figure, maybe signed, scaled and with its unit glued (72万人, 1,624, △3.5%)."""
    return re.compile(rf"[△▲+\-]?[0-9][0-9,.]*(?:万|千|百万|億)?{_units()}?")


@cache
def _label_words() -> re.Pattern[str]:
    """Every header word of every role, the row words (計画, 予定) and 単位, longest first."""
    words = [w for _, ws, _ in header_words().roles for w in ws]
    words += [fold_key(w) for ws in _load("headers.toml")["row_words"].values() for w in ws]
    return re.compile(words_pattern([*words, "単位"]))


@cache
def _exact_words() -> frozenset[str]:
    return frozenset(w for _, _, exact in header_words().roles for w in exact)


@cache
def _labelled_figure() -> re.Pattern[str]:
    """A value word glued to a figure (目標値1.40, 実績:25): a label with its figure, read into a name."""
    words = [w for w in header_words().words(*(VALUE_ROLES - {"rate"})) if len(w) >= 2]
    return re.compile(rf"(?:{words_pattern(words)})[:：]?[0-9]")


def _rest(token: str) -> str:
    """What a token keeps of a name once labels, units, figures, years, bounds and punctuation are taken out."""
    if token in _units_set() or _PUNCT.sub("", token) in _YEAR_PIECES or _PUNCT.sub("", fold_key(token)) in _exact_words():
        return ""  # a word a cell must be whole to name a column (計画策定, 対象) is one only alone
    key = _compound_unit().sub("", token)
    key = _label_words().sub("", key)
    key = _ERA_YEAR.sub("", key)
    key = _figure().sub("", key)
    key = _BOUNDS.sub("", key)
    return _PUNCT.sub("", key)


@cache
def _units_set() -> frozenset[str]:
    return frozenset(fold(u) for u in value_units())


def no_name(name: str | None) -> bool:
    """Whether a row's name names no indicator: only labels, years, figures and units, a bracketed
    date, or a value word glued to its figure (see the module's rules)."""
    if not name:
        return True
    text = fold(name).strip()
    key = fold_key(name)
    if len(key) >= 2 and key[0] in "(（[［" and key[-1] in ")）]］" and _ERA_YEAR.search(key[1:-1]) \
            and not re.search(r"[(（)）\[\]［］]", key[1:-1]):
        return True  # (令和3年度見込): a date cell
    if _labelled_figure().search(key) or re.match(r"[(（]?単位[:：]", key):
        return True  # a value word glued to its figure; a unit label opening the cell
    if names_no_row(name):
        return True  # a money row, a no-indicator mark, a sheet's heading (``norows``)
    if pattern("spaced", "row_code").match(key):
        return False  # Ⅰ-1: the code of a row printed without a name (``spacedfigures``)
    return sum(len(_rest(t)) for t in text.split()) < MIN_NAME


def _figures(row: IndicatorRow) -> set[float]:
    qs = [row.baseline, row.target, *(q for q, _ in row.interim), *(q for _, q, _ in row.actuals)]
    return {round(q.value, 6) for q in qs if q is not None and q.kind == "number" and q.value is not None}


def _yields(k: int, keys: list[str], rows: list[IndicatorRow]) -> bool:
    """Whether row k's name is another row's name with more run into it, and the row adds nothing."""
    key = keys[k]
    held = [j for j, other in enumerate(keys) if j != k and len(other) >= MIN_NAME and len(other) < len(key) and other in key]
    fronts = [j for j in held if key.endswith(keys[j]) and key[: len(key) - len(keys[j])] in _units_set()]
    if any(_figures(rows[k]) <= _figures(rows[j]) for j in fronts):
        return True  # the unit cell printed before the name (件 + 出張講座の開催件数), no figure of its own
    heads = [j for j in held if key.startswith(keys[j])]
    if not heads:
        return False
    figures = _figures(rows[k])
    tails = [key[len(keys[j]):] for j in heads]
    run_in = any(no_name(t) or any(t.startswith(keys[i]) for i in held) for t in tails)  # a label, a date, a name
    run_in = run_in or any(_again(t, keys[j]) for t, j in zip(tails, heads))  # 〇〇率(%)〇〇率: the name printed again
    if run_in and figures and (any(figures <= _figures(rows[j]) for j in heads) or (
            all(len(_figures(rows[j])) >= 2 for j in held) and figures <= set().union(*(_figures(rows[j]) for j in held)))):
        return True
    rest = key
    names = 0
    for j in sorted(held, key=lambda j: len(keys[j]), reverse=True):
        if keys[j] in rest:
            rest, names = rest.replace(keys[j], "", 1), names + 1
    if names >= 2 and _PUNCT.sub("", rest) and (no_name(rest) or _only_units(rest)) \
            and figures <= set().union(*(_figures(rows[j]) for j in held)):
        return True  # two names with their units run together (not a name broken in two), no figure of their own
    return names >= RUN_OF_NAMES and len(rest) <= 1


def _only_units(text: str) -> bool:
    """Whether a text is units and punctuation only (%ha: two unit cells)."""
    rest = _PUNCT.sub("", text)
    for unit in sorted(_units_set(), key=len, reverse=True):
        rest = rest.replace(unit, "")
    return len(rest) <= 1


def _again(tail: str, key: str) -> bool:
    """Whether what follows a name is that name again after a label (〇〇率(%)〇〇率), maybe with the same label again."""
    if tail.count(key) != 1:
        return False
    before, after = tail.split(key)
    return bool(before) and (no_name(before) or re.fullmatch(r"[(（][^()（）]+[)）]", before) is not None) and after in ("", before)


def _piece(k: int, keys: list[str], rows: list[IndicatorRow]) -> bool:
    """Whether row k's name is a piece of another row's name (that name is it and a third row's name
    run together: a name one reading broke in two) and every figure it holds is that row's."""
    key, figures = keys[k], _figures(rows[k])
    if not figures or len(key) < MIN_NAME:
        return False
    for j, whole in enumerate(keys):
        if j == k or len(whole) <= len(key) or not (whole.startswith(key) or whole.endswith(key)):
            continue
        other = whole[len(key):] if whole.startswith(key) else whole[: len(whole) - len(key)]
        if other in keys and figures <= _figures(rows[j]):
            return True
    return False


def _untag(row: IndicatorRow) -> None:
    """A unit label (単位：人) or a bracketed unit (千円/人) ending the name: the row's unit."""
    name = fold(row.name)
    m = _UNIT_LABEL.search(name)
    if m is None:
        m = re.search(rf"\s*[(（]({_compound_unit().pattern}|{_units()})[)）]\s*$", name)
    if m is None or not name[: m.start()].strip():
        return
    row.unit = row.unit or m.group(1)
    row.name = row.name[: m.start()].strip()


def sifted(found: list[tuple[T, IndicatorRow]]) -> list[tuple[T, IndicatorRow]]:
    """The rows that name indicators, each once: nameless rows and rows yielding to a better-named one left out."""
    kept = [(owner, row) for owner, row in found if not no_name(row.name)]
    for _, row in kept:
        row.name = without_mark(row.name)
    rows = [row for _, row in kept]
    keys = [name_key(r.name) for r in rows]
    kept = [(owner, row) for k, (owner, row) in enumerate(kept) if not _yields(k, keys, rows)]
    rows = [row for _, row in kept]
    keys = [name_key(r.name) for r in rows]
    out = [(owner, row) for k, (owner, row) in enumerate(kept) if not _piece(k, keys, rows)]
    for _, row in out:
        _untag(row)
    return out


def sifted_rows(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """``sifted`` for the rows of one reading."""
    return [row for _, row in sifted([(None, r) for r in rows])]
