"""The ``wbr`` filter: a Japanese label with a <wbr> at each place a line may break between words.

The style sheet keeps headings, table headers and labels from breaking inside words
(``word-break: keep-all``), which alone would let Japanese break nowhere; this filter marks where
it may. SudachiPy (split mode C) cuts the label into words, which are grouped into units a line
must not split:

* particles, auxiliary verbs, suffixes, dependent verbs and closing brackets or punctuation stay
  with the word before them (子育て支援の / 充実, 現状値), prefixes and opening brackets with the
  word after them (第2次, （架空の例）);
* a numeral stays with its neighbours (令和7年度), and a number with its counter ends a compound;
* nouns in a row stay together while they make four characters or fewer (基本構想, 総合計画) and
  a one-character noun always joins the one before it (所管課, 待機児童数);
* no <wbr> next to a space (already a break) or between two pieces of Latin text (English labels).

The result is escaped text with <wbr> between units, as ``Markup``; labels are cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

MAX_LENGTH = 400  # longer text is escaped as it is: the filter is for labels, not paragraphs
COMPOUND_CHARS = 4  # nouns in a row are one unit up to this many characters
_ATTACH_BEFORE = {"助詞", "助動詞", "接尾辞"}
_CLOSING = {"括弧閉", "句点", "読点", "一般"}


@dataclass
class _Unit:
    text: str = ""
    noun_run: int = 0  # characters of nouns (and their suffixes, numerals) at the end of the unit
    space: bool = False
    open_end: bool = False  # ends with a prefix or an opening bracket: the next word joins it
    numeral_end: bool = False


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - SudachiPy's tokenizer, loaded on first use
    from sudachipy import dictionary

    return dictionary.Dictionary().tokenizer()


def _units(text: str) -> list[_Unit]:
    from sudachipy import tokenizer

    units: list[_Unit] = []
    for morpheme in _tokenizer().tokenize(text, tokenizer.Tokenizer.SplitMode.C):
        surface = morpheme.surface()
        pos, sub = morpheme.part_of_speech()[:2]
        last = units[-1] if units else None
        if pos == "空白" or surface.isspace():
            units.append(_Unit(surface, space=True))
            continue
        noun = pos == "名詞" or pos == "接尾辞"
        numeral = sub == "数詞"
        join = False
        if last is not None and not last.space:
            if last.open_end or last.numeral_end:
                join = True
            elif pos in _ATTACH_BEFORE or (pos == "補助記号" and sub in _CLOSING) or (pos == "動詞" and sub == "非自立可能"):
                join = True
            elif numeral:
                join = last.noun_run > 0
            elif noun and last.noun_run > 0:
                join = len(surface) == 1 or last.noun_run + len(surface) <= COMPOUND_CHARS
        if join and last is not None:
            counted = last.numeral_end or numeral  # a number and its counter (第2次, 7年度) end a compound
            last.text += surface
            last.noun_run = COMPOUND_CHARS if counted else last.noun_run + len(surface) if noun else 0
        else:
            last = _Unit(surface, noun_run=len(surface) if noun else 0)
            units.append(last)
        last.open_end = pos == "接頭辞" or (pos == "補助記号" and sub == "括弧開")
        last.numeral_end = numeral
    return units


def _latin(text: str) -> bool:
    return all(ord(c) < 0x3000 for c in text)


@lru_cache(maxsize=8192)
def _break(text: str) -> str:
    if not text.strip() or len(text) > MAX_LENGTH or _latin(text):
        return str(escape(text))
    units = _units(text)
    out: list[str] = []
    for i, unit in enumerate(units):
        if i and not unit.space and not units[i - 1].space and not (_latin(unit.text) and _latin(units[i - 1].text)):
            out.append("<wbr>")
        out.append(str(escape(unit.text)))
    return "".join(out)


def wbr(value: object) -> Markup:
    """``value`` escaped, with <wbr> where a line may break between its words. Markup passed in is
    returned as it is (its tags cannot be cut into words); None is empty."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(_break(str(value)))
