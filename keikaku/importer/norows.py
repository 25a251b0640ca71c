"""Cells a table prints in a name's place that name no indicator: money rows, no-indicator marks, a sheet's heading.

Used by ``sieve.no_name``; the words are data (``lexicon/norows.toml``, and the stated-year
labels of ``lexicon/headers.toml``):

- a project's money printed as a row of the indicator table beside it (``事業費（千円）``, ``予算額``):
  the money word alone, maybe with its unit in brackets, or with a running page heading (a plan's
  title, ``〇〇市実施計画``) run into it, or after a breakdown mark (``うち一般財源``, ``breakdown_marks``),
  or run together with a section's title in its marks, a year label after it (``【コスト】人件費 令和4年度``),
  or two or more run together, maybe after a cost section's title (``施策のコスト事業費千円人件費千円``, ``cost_titles``),
  or a money table's caption run into its header cells (``トータルコスト（千円）区分予定実績予定``);
- a mark that the document has no indicator there (``none_words``, with what it says in
  brackets) alone; run into the next line's name it is taken off that name (``without_mark``);
- a plan's title with its generation (``第7次〇〇計画``), a running page heading;
- a section's title wholly in its marks (``【具体的な施策】``, ``＜施策＞``);
- a row label of a supply-and-use year table (``②確保方策``, the expected use; ``lexicon/provision.toml``);
- a sheet's heading fields read into a name (``…評価対象年度：令和5年度…``): a stated-year label
  with its colon.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import _load, fold_key, header_words, provision_words, relative_years, row_words, words_pattern

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]$")
_CIRCLED = re.compile(r"^[①-⑳]")
_SECTION_TITLE = re.compile(r"【[^【】]+】|<[^<>]+>")  # a section's title in its marks (【具体的な施策】), alone


@cache
def _words() -> dict[str, tuple[str, ...]]:
    table = _load("norows.toml")
    return {k: tuple(fold_key(w) for w in v) for k, v in table.items()}


@cache
def _money_titled() -> re.Pattern[str]:
    """A money word with a running page heading (a plan's title) run into it."""
    w = _words()
    return re.compile(rf"(?:{words_pattern(list(w['money_rows']))})\S*(?:{words_pattern(list(w['title_kinds']))})(?:[(（][^()（）]*[)）])?")


@cache
def _plan_title() -> re.Pattern[str]:
    """A plan's title with its generation (第7次〇〇総合計画): a running page heading."""
    return re.compile(rf"第[0-9一二三四五六七八九十]+次\S*(?:{words_pattern(list(_words()['title_kinds']))})")


@cache
def _stated_label() -> re.Pattern[str]:
    stated, _ = relative_years()
    return re.compile(rf"(?:{words_pattern([fold_key(s) for s in stated])})[:：]")


_MONEY_UNIT = re.compile(r"(?:千|百万|万|億)?円$")


def names_no_row(name: str) -> bool:
    """Whether a row's name is a money row, a no-indicator mark or a sheet's heading (see the module)."""
    key = fold_key(name)
    bare = _BRACKETED.sub("", key) or key
    bare = _MONEY_UNIT.sub("", bare) or bare  # 総事業費千円: the unit column run into the name
    if bare in _words()["money_rows"] or _money_titled().fullmatch(key) or _money_under_section(key) or _money_run(key) \
            or _money_over_header(key):
        return True
    mark = next((m for m in _words().get("breakdown_marks", ()) if bare.startswith(m)), None)
    if mark is not None and bare[len(mark):] in _words()["money_rows"]:
        return True  # うち一般財源: a breakdown of the money row above
    if _none_mark().fullmatch(key) or _plan_title().fullmatch(key) or _SECTION_TITLE.fullmatch(key):
        return True
    if _CIRCLED.sub("", bare) in {w for words in provision_words() for w in words}:
        return True  # ②確保方策: a row of a supply-and-use table, the service's figures (supplyrows.py)
    return bool(_stated_label().search(key))


@cache
def _money_words() -> re.Pattern[str]:
    words = sorted(_words()["money_rows"], key=len, reverse=True)
    return re.compile(rf"(?:{words_pattern(list(words))})(?:[(（]?(?:千|百万|万|億)?円[)）]?)?")


def _money_run(key: str) -> bool:
    """Two or more money words run together, maybe after a cost section's title (コスト事業費人件費,
    施策のコスト事業費千円人件費千円): the money rows of a plain-text sheet read as one name."""
    found = _money_words().findall(key)
    if len(found) < 2:
        return False
    rest = _money_words().sub("", key)
    return not rest or (len(rest) <= 8 and rest.endswith(_words()["cost_titles"]))


@cache
def _header_run() -> re.Pattern[str]:
    """Header cells of a money table's columns run together (区分予定実績予定実績)."""
    lex = header_words()
    words = {fold_key(w) for w in lex.words("label", "baseline", "target", "interim", "actual")} | set(row_words())
    return re.compile(rf"(?:{words_pattern(sorted(words, key=len, reverse=True))})+")


def _money_over_header(key: str) -> bool:
    """A money table's caption and its header cells read as one name (トータルコスト（千円）区分予定実績予定):
    a money word, maybe its unit in brackets, then header words only."""
    m = _money_words().match(key)
    if m is None:
        return False
    rest = re.sub(r"^[(（][^()（）]*[)）]", "", key[m.end():])
    return bool(rest) and _header_run().fullmatch(rest) is not None


_YEAR_AFTER = re.compile(r"(?:令和|平成|R|H)(?:元|[0-9]{1,2})年度?$|[0-9]{4}年度?$")


def _money_under_section(key: str) -> bool:
    """A money word run together with a section's title in its marks (【コスト】人件費 令和4年度,
    トータルコスト【評価】…): the first words outside the marks, a year label after them taken off."""
    if not _SECTION_TITLE.search(key):
        return False
    head = next((piece for piece in _SECTION_TITLE.split(key) if piece), "")
    head = _YEAR_AFTER.sub("", head)
    return (_BRACKETED.sub("", head) or head) in _words()["money_rows"]


@cache
def _none_mark() -> re.Pattern[str]:
    """A no-indicator mark, maybe with what it says in brackets."""
    return re.compile(rf"(?:{words_pattern(list(_words()['none_words']))})(?:[(（][^()（）]*[)）])?")


def without_mark(name: str) -> str:
    """A name with a no-indicator mark opening it (run into the next line's name) taken off."""
    m = _none_mark().match(fold_key(name))
    if m is None or m.end() == len(fold_key(name)):
        return name
    cut = 0
    for i, ch in enumerate(name):  # the same place in the unfolded name (spaces are not in the key)
        if len(fold_key(name[: i + 1])) == m.end():
            cut = i + 1
            break
    return name[cut:].strip() or name
