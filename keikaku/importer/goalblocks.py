"""Goals stated as labelled sentences under a bracketed goal heading (【目標1】title …).

Sectoral plans (障害福祉計画, 介護保険事業計画 …) review their goals (成果目標) in text, each under a
bracketed heading naming a goal word and its number, its title after it::

    【目標2】待機者数の削減 令和元年度末時点の待機者数 210人
    令和5年度末の待機者数(推計) 目標値 205人(-5人) 実績 207人(-3人)

The indicator is the goal's title. A target word followed by a figure (目標値 205人) gives the
target, an actual word followed by one (実績 207人) the actual; their year is the year named in the
measure's label printed before the target word (令和5年度末の…: 2023). A figure the block prints
first, under a dated label of its own, is the baseline only when both labels count the same thing
(the words after their last の, brackets aside: 待機者数 and 待機者数); otherwise it is the
base the measure is taken of (a denominator) and gives nothing. A figure's bracketed tail (a share,
a difference) is no part of it. A heading without a target figure gives nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold

_MARKER = re.compile(r"^【([^【】0-9]{1,6}?)\s*([0-9]{1,2})】(\S*)$")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
MAX_TITLE_TOKENS = 4


def goal_block_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The goals of bracketed goal headings in the document (see the module's doc), but those ``known``."""
    tokens: list[tuple[str, Line]] = [(t, line) for line in lines for t in fold(line.text).split(" ") if t]
    starts = [k for k, (t, _) in enumerate(tokens) if _marker(t)]
    kept = NewRows(known)
    for a, b in zip(starts, [*starts[1:], len(tokens)]):
        row = _goal([t for t, _ in tokens[a:b]], origin_of(tokens[a][1]))
        if row is not None and kept.add(row):
            infer(row)
    return kept.rows


def _marker(token: str) -> bool:
    m = _MARKER.match(token)
    return m is not None and any(w in m.group(1) for w in header_words().words("target"))


def _figure(token: str) -> bool:
    return bool(re.match(r"^[△▲]?[0-9]", token)) and parse_quantity(token).kind == "number"


def _word(token: str, role: str) -> bool:
    return fold_key(token) in {fold_key(w) for w in header_words().words(role)}


def _counted(label: str) -> str:
    """What a label counts: its words after the last の, brackets aside (…時点の待機者数 → 待機者数)."""
    return _BRACKETS.sub("", label).split("の")[-1].strip(" ,、")


def _goal(block: list[str], origin: str) -> IndicatorRow | None:
    title = [_MARKER.match(block[0]).group(3)]  # type: ignore[union-attr]
    k = 1
    while k < len(block) and len(title) < MAX_TITLE_TOKENS and parse_year(block[k]) is None and not _figure(block[k]):
        title.append(block[k])
        k += 1
    name = " ".join(t for t in title if t)
    target_at = next((j for j in range(k, len(block) - 1) if _word(block[j], "target") and _figure(block[j + 1])), None)
    if not name or target_at is None:
        return None
    figures = [j for j in range(k, target_at) if _figure(block[j])]
    measure_from = figures[-1] + 1 if figures else k
    measure = " ".join(block[measure_from:target_at])
    year = parse_year(measure)
    row = IndicatorRow(name="", origin=origin)
    set_name(name, row)
    if not row.name:
        return None
    put_value(row, "target", year, _BRACKETS.sub("", block[target_at + 1]), origin=origin)
    actual_at = next((j for j in range(target_at + 2, len(block) - 1) if _word(block[j], "actual") and _figure(block[j + 1])), None)
    if actual_at is not None and year is not None:
        put_value(row, "actual", year, _BRACKETS.sub("", block[actual_at + 1]), origin=origin)
    if len(figures) == 1:
        label = " ".join(block[k:figures[0]])
        if parse_year(label) is not None and _counted(label) and _counted(label) == _counted(measure):
            put_value(row, "baseline", parse_year(label), _BRACKETS.sub("", block[figures[0]]), origin=origin)
    return row
