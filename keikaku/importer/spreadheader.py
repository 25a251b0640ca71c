"""A spaced header whose role word stands over several year cells of the line below.

Text a PDF extractor laid out prints a word spanning a run of year columns once, over the first
of them or centred above them, and the other role words over one year each::

                    基準値    目標値    実績                       進捗
    指標            (H30)     (R6)      R2     R3     R4     R5

    現状値            計　画
    指標   単位   （R5）   R6     R7     R8

Every year cell of the second line goes to the word it stands under (the widest overlap of
printed columns), or, under none, to the nearest word that may span (an actual, a target or a
plan word). A word given one year is one
cell (基準値(H30)); a word given several spans them: an actual word makes each year an actual
column (R2実績), a target word or a plan row word (計画, 予定 of ``[row_words]``) makes each a
plan column, the last one the target (計画値(R8)). The first line must be role words only
(maybe a word of no year: 進捗, 評価), one of them spanning; the second line years and header
words only (指標, 単位, which stand as cells of their own).
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import fold_key, header_words, row_words
from keikaku.importer.values import parse_year_in

_FIGURE = re.compile(r"[0-9０-９]")
_SPACES = re.compile(r"[ \u3000]")
_SPANNING = frozenset({"actual", "target"})
_PLAN_WORD = "計画値"  # a header word of the target role: what a plan row word over years reads as


def _year(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not rest.strip("()（） ")


def _role(cell: str) -> str | None:
    word = _SPACES.sub("", cell)
    return header_words().role_of(word) or row_words().get(fold_key(word))


def spread_header(upper: list[tuple[int, int, str]], lower: list[tuple[int, int, str]]) -> str | None:
    """The one header line of ``upper`` over ``lower`` (cells with their printed columns), or None."""
    roles = [_role(c) for _, _, c in upper]
    if not upper or any(r is None or _FIGURE.search(c) for r, (_, _, c) in zip(roles, upper)):
        return None
    years = [cell for cell in lower if _year(cell[2])]
    if len(years) < 3 or any(not _year(c) and _role(c) is None for _, _, c in lower):
        return None
    given: dict[int, list[tuple[int, int, str]]] = {}
    for start, end, cell in years:
        overlaps = [(min(end, e) - max(start, s), k) for k, (s, e, _) in enumerate(upper)]
        width, k = max(overlaps)
        if width <= 0:
            gaps = [(max(s - end, start - e), k) for k, (s, e, _) in enumerate(upper) if roles[k] in _SPANNING]
            if not gaps:
                return None
            k = min(gaps)[1]
        given.setdefault(k, []).append((start, end, cell))
    spanning = [k for k, ys in given.items() if len(ys) > 1]
    if not spanning or any(roles[k] not in _SPANNING for k in spanning):
        return None
    cells: list[tuple[int, str]] = [(s, c) for s, _, c in lower if not _year(c)]
    for k, (start, _, word) in enumerate(upper):
        word = _SPACES.sub("", word)
        ys = given.get(k, [])
        if not ys:
            cells.append((start, word))
        elif len(ys) == 1:
            cells.append((ys[0][0], word + ys[0][2]))
        elif roles[k] == "actual":
            cells += [(s, c + word) for s, _, c in ys]
        else:
            word = word if header_words().role_of(word) == "target" else _PLAN_WORD
            cells += [(s, word + c) for s, _, c in ys]
    return "  ".join(c for _, c in sorted(cells))
