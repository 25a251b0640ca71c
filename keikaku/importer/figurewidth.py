"""Digits printed full-width read as ASCII digits, and given back as printed in the plan.

Many documents print their figures in full-width digits (１，２８４人, ６．２％, 令和７年度) and many
in ASCII; an extractor gives either, and a document may mix both. The readings look for figures
by their digits, so every line is read with its figures in ASCII (``ascii_digits``): in a figure
that stands as a word of its own (at a line's start, after white space, a bracket, a rule, an
arrow or a separator), each full-width digit, point or comma between two digits and ％ is written
as the ASCII character, one character for one, so a line keeps its length and its words. Digits
inside words (第５章, 週１回, 令和７年度) are left as printed.

The plan gives back what the document printed (``printed_digits``): every run of digits in its
text (names, titles, sections, figures as printed) that the document prints as such a figure takes
the printing the document gives it between the same characters, up to three either side, the most
such characters first (on one side only where a line of the document ends beside the run; at the
edge of a text, only what stands inside it); where the document prints it both ways there, the
commoner printing; on a tie, or where the document never prints the run beside any of the same
characters, the run stays as read. Origins, ids, node numbers, references and the document's file
name are the engine's own words and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

from pydantic import BaseModel

from keikaku.importer.records import RawDocument
from keikaku.importer.width import fold

_FULL_DIGIT = re.compile(r"[０-９]")
# A figure standing as a word of its own: at a line's start, or after white space, a bracket, a
# rule, an arrow, a mark, a separator, a hyphen (1-1) or 約 (about); its digits, the points and
# commas between them, its ％.
_BOUNDARY = r"(?:^|(?<=[\s(（\[［「|│┃→⇒➡=＝:：△▲～〜~、，/／・約\-－‐]))"
_RUN = re.compile(_BOUNDARY + r"[0-9０-９](?:[0-9０-９]|[.,．，](?=[0-9０-９]))*[%％]?")
_DIGITS = re.compile(r"[0-9０-９](?:[0-9０-９]|[.,．，](?=[0-9０-９]))*[%％]?")
_TO_ASCII = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_ASCII_DIGIT = re.compile(r"[0-9]")
_CONTEXT = 3  # characters either side of a run that say where it stands
_ENGINE_FIELDS = frozenset({"origin", "id", "parent", "node", "plan", "number"})  # the engine's own words (a node's number in ASCII)
_DOCUMENT_FIELDS = frozenset({"format", "key", "source", "source_sha256", "municipality_code", "revision_of"})


def ascii_digits(text: str) -> str:
    """``text`` with the figures that stand as words of their own in ASCII (１，２８４人 → 1,284人);
    digits inside words (第５章, 週１回) stay as printed."""
    if not _FULL_DIGIT.search(text):
        return text
    return _RUN.sub(lambda m: m.group(0).translate(_TO_ASCII), text)


class _Printings:
    """Where the document prints each run of digits, in which width."""

    def __init__(self, texts: list[str]) -> None:
        self.where: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
        for text in texts:
            for m in _RUN.finditer(text):
                self.where[ascii_digits(m.group(0))].append((text, m.start(), m.end(), m.group(0)))

    def printed(self, text: str) -> str:
        if not _ASCII_DIGIT.search(text):
            return text

        def one(m: re.Match[str]) -> str:
            read = m.group(0)
            places = self.where.get(read)
            if not places or _FULL_DIGIT.search(read):
                return read
            left, right = min(_CONTEXT, m.start()), min(_CONTEXT, len(text) - m.end())
            for l, r in _contexts(left, right):  # the most characters beside the run the document prints with it
                before, after = fold(text[m.start() - l:m.start()]), fold(text[m.end():m.end() + r])
                seen = Counter(p[3] for p in places if _beside(p, l, r) == (before, after))
                if seen:
                    (first, n), *rest = seen.most_common(2)
                    return first if not rest or rest[0][1] < n else read
            return read

        return _DIGITS.sub(one, text)  # a figure read on its own may stand inside a text the engine joined


@cache
def _contexts(left: int, right: int) -> tuple[tuple[int, int], ...]:
    """The characters to compare either side of a run, the most first (a line may end beside it)."""
    pairs = [(l, r) for l in range(left + 1) for r in range(right + 1) if l + r]
    return tuple(sorted(pairs, key=lambda p: (-(p[0] + p[1]), -min(p))))


def _beside(place: tuple[str, int, int, str], left: int, right: int) -> tuple[str, str] | None:
    """The ``left`` characters before a printed run and the ``right`` after it, folded; None at a line's edge."""
    text, start, end = place[:3]
    if start < left or end + right > len(text):
        return None
    return fold(text[start - left:start]), fold(text[end:end + right])


def _give_back(record: BaseModel, printings: _Printings, skip: frozenset[str] = _ENGINE_FIELDS) -> None:
    for name in type(record).model_fields:
        if name in skip:
            continue
        value = getattr(record, name)
        if isinstance(value, str):
            printed = printings.printed(value)
            if printed != value:
                setattr(record, name, printed)
        elif isinstance(value, BaseModel):
            _give_back(value, printings)
        elif isinstance(value, list):
            for k, item in enumerate(value):
                if isinstance(item, str):
                    value[k] = printings.printed(item)
                elif isinstance(item, BaseModel):
                    _give_back(item, printings)


def printed_digits(plan: BaseModel, raw: RawDocument) -> BaseModel:
    """``plan`` with the digits of its text as ``raw`` prints them (changed in place, and returned)."""
    if not any(_FULL_DIGIT.search(line.text) for line in raw.lines):
        return plan  # nothing printed full-width: the plan's digits are the document's
    texts = [line.text for line in raw.lines] + [cell for line in raw.lines if line.cells for cell in line.cells]
    _give_back(plan, _Printings(texts), _ENGINE_FIELDS | _DOCUMENT_FIELDS)
    return plan
