"""Page furniture that the page-number rule of ``normalize.py`` leaves in the text: a running header
printed on one line with the page number (``総合戦略（改訂版）　　43``, ``12 基本計画``), and a page
number with the next page's running header under it where the numbers stand among a table's cells
printed one per line (so that the bare numbers around them hide the count) or where a short
document breaks its page once.

Two kinds of evidence make a line furniture:

- repetition: the same header text printed beside (or right under) page numbers on two pages or
  more, the numbers counting up a page or two at a time, each pair some lines apart;
- a single page break: the header text holds a word of a document's or chapter's title
  (``[normalise] running_header`` in ``lexicon/patterns.toml``: 計画, 戦略, 第3章 …), does not end
  like an indicator's name and does not open like a heading (``4 基本方針`` is a section's number
  and title, not a page number and a header).

Either way the break is dropped only where a table goes on across it: a table's figures follow it
(a figure cell, a row of figures, a bracketed year under a figure: a section opening a new page
opens with words), or figures stand before it and the line after it opens no heading or section (a
wrapped name's rest). A running header over a page that opens with a heading stays, as before:
it may be all that closes the table above. The page number itself, printed alone, goes with its header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from keikaku.importer.lexicon import fold_key, header_words, name_endings, pattern, structure

_HEADED = re.compile(r"^(?P<t>[^|。]{4,40}?)\s+(?P<n>[0-9]{1,3})$|^(?P<n2>[0-9]{1,3})\s+(?P<t2>[^|。]{4,40})$")
_FIGURE_TOKEN = re.compile(r"(?:^|\s)[△▲]?[0-9]")
_PAGE = re.compile(r"^(?:[-–—‐ー]\s*)?(?P<n>[0-9]{1,3})(?:\s*[-–—‐ー])?$|^[Pp]\.?\s*(?P<p>[0-9]{1,3})$")
_HEADER_TEXT = re.compile(r"^[^|。]{4,40}$")
_FIGURE_END = re.compile(r"(?:^|\s)[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?(?![0-9,.])[^\s0-9年]{0,4}\s*\|?$")
_YEAR_UNDER = re.compile(r"^[(（][^()（）]{1,12}[)）]$")
_MIN_LINES = 8  # pages stand at least this many lines apart
_MAX_STEP = 3  # a page number grows by this much at most from one break to the next


class _Line(Protocol):
    key: str
    cells: tuple[str, ...] | None


_NUMBERED = re.compile(r"^(?:[0-9]{1,2}(?:[-.．、)）]|\s)|[(（][0-9]{1,2}[)）])")  # 4 基本方針: a section's number
_OPENS = re.compile(r"^(?:[0-9]{1,2}(?:[-.．、)）]|\s)|[(（][0-9]{1,2}[)）]|第[0-9]+[章節編部]|[①-⑳■●◆【〔<＜])")


@cache
def _level_start() -> re.Pattern[str]:
    return re.compile(rf"^(?:{structure().level_pattern()})")


@cache
def _title_word() -> re.Pattern[str]:
    return pattern("normalise", "running_header")


def _header_like(text: str) -> bool:
    """Text a running header may be: four to forty characters, no cell rule, no sentence, no figure
    at its end, and neither a header word of a table nor a name of an indicator."""
    if not _HEADER_TEXT.match(text) or _FIGURE_END.search(text) or _FIGURE_TOKEN.search(text):
        return False
    key = fold_key(text)
    return header_words().role_of(key) is None and not key.endswith(name_endings())


def _figures(lines: Sequence[_Line], i: int) -> bool:
    """Whether ``lines[i]`` is a table's figures: a figure cell alone, a bracketed year under a figure,
    or a row of two figures or more (a contents line, a title and its page, is neither)."""
    if not 0 <= i < len(lines) or lines[i].cells is not None:
        return False
    key = lines[i].key
    return (_FIGURE_END.fullmatch(key) is not None or _YEAR_UNDER.match(key) is not None
            or len(_FIGURE_TOKEN.findall(key)) >= 2 and "。" not in key)


def opens_heading(key: str) -> bool:
    """Whether a line opens a heading or a section (4 基本方針, (2) …, 施策1 …): printed once, never furniture."""
    return _OPENS.match(key) is not None or _level_start().match(key) is not None


def _goes_on(lines: Sequence[_Line], first: int, last: int) -> bool:
    """Whether a table goes on over the furniture at ``lines[first..last]``: a figure follows it, or a
    row stands before it and the next line opens no heading or section (a name's rest, a row)."""
    if _figures(lines, last + 1):
        return True
    if not _figures(lines, first - 1) or last + 1 >= len(lines):
        return False
    key = lines[last + 1].key
    return len(key) <= 40 and "。" not in key and not opens_heading(key)


def _counts_up(found: list[tuple[int, int]]) -> bool:
    """Page numbers (line, number) in line order that count up one page break at a time."""
    return len(found) >= 2 and all(
        b_line - a_line >= _MIN_LINES and 0 < b_n - a_n <= _MAX_STEP for (a_line, a_n), (b_line, b_n) in zip(found, found[1:]))


def page_furniture(lines: Sequence[_Line]) -> set[int]:
    """Positions in ``lines`` of running headers with their page numbers (see the module's text)."""
    groups: dict[str, list[tuple[int, int, tuple[int, ...]]]] = {}  # header text → (line, page number, lines to drop)
    for i, line in enumerate(lines):
        if line.cells is not None:
            continue
        key = line.key
        if (m := _HEADED.match(key)) is not None:
            text, n = (m.group("t"), m.group("n")) if m.group("t") else (m.group("t2"), m.group("n2"))
            if _header_like(text):
                groups.setdefault(fold_key(text), []).append((i, int(n), (i,)))
        elif (m := _PAGE.match(key)) is not None and i + 1 < len(lines) and lines[i + 1].cells is None \
                and _header_like(lines[i + 1].key):
            groups.setdefault(fold_key(lines[i + 1].key), []).append((i, int(m.group("n") or m.group("p")), (i, i + 1)))
    dropped: set[int] = set()
    for text, found in groups.items():
        if _counts_up([(at, n) for at, n, _ in found]):
            dropped.update(k for _, _, drop in found if _goes_on(lines, drop[0], drop[-1]) for k in drop)
        elif (len(found) == 1 and _title_word().search(text) and not _NUMBERED.match(lines[found[0][2][-1]].key)
              and not _level_start().match(lines[found[0][2][-1]].key)
              and _goes_on(lines, found[0][2][0], found[0][2][-1])):
            dropped.update(found[0][2])
    return dropped
