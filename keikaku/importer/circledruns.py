"""Names numbered ①②③ on a flattened page, then a run of baselines and a run of targets.

An e-book page copied as text may run a small table onto one line column by column: the indicator
names first, each opened by its mark (①, ②, ③ …), then the baseline word (``基準値``, role
``baseline`` in ``lexicon/headers.toml``) and one figure per indicator — each maybe after a short
label (``修了者40人``) and before its year in brackets (``(R5年度)``) — then the target word
(``目標値``, maybe letter-spaced: ``目 標 値``) and one figure per indicator, glued to each other
through their units (``20か所120店100人``):

    指標①name②name③name … 基準値 label 12か所(R4年度) label 85店(…) … 目標値 20か所120店100人

When both runs hold exactly as many figures as there are marks, the figures are the indicators'
in the marks' order. A bracket after a baseline that holds one year dates it; a span of years (an
average over several) does not. The last name ends where a bracket or a bullet opens. Figures are
read with the units of ``headers.toml`` (``[values] units``), so that a label glued after a unit
is not taken for part of it.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, set_name
from keikaku.importer.values import parse_quantity, parse_year

MIN_MARKS = 2
MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ONE_YEAR = re.compile(r"^(?:(?:平成|令和|[HR])\s*(?:元|[0-9]{1,2})|[0-9]{4})\s*年度?$")
_NAME_END = re.compile(r"[(（⚫●■◆〔]")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def spaced(words: tuple[str, ...]) -> str:
        return "|".join(r"\s?".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))
    words = header_words()
    units = "|".join(re.escape(u) for u in value_units())
    figure = re.compile(rf"(?P<figure>[0-9][0-9,]*(?:\.[0-9]+)?(?:{units}))(?:[(（](?P<year>[^()（）]*)[)）])?")
    return re.compile(spaced(words.words("baseline"))), re.compile(spaced(words.words("target"))), figure


def _names(key: str) -> tuple[list[str], int] | None:
    """The names opened by ①, ② … in ``key`` and where the last one ends."""
    starts = []
    for mark in MARKS:
        at = key.find(mark, starts[-1] if starts else 0)
        if at < 0:
            break
        starts.append(at)
    if len(starts) < MIN_MARKS or any(key.count(m) != 1 for m in MARKS[: len(starts)]):
        return None
    names = [key[a + 1: b] for a, b in zip(starts, starts[1:])]
    last = key[starts[-1] + 1:]
    end = _NAME_END.search(last)
    names.append(last[: end.start()] if end else last)
    names = [n.strip() for n in names]
    if any(not n or re.search(r"[0-9]", n) and parse_quantity(n).kind == "number" for n in names):
        return None
    return names, starts[-1] + 1 + (end.start() if end else len(last))


def circled_run_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of lines listing ①②③ names, then a baseline run and a target run, but those ``known``."""
    base_word, target_word, figure = _patterns()
    new = NewRows(known)
    for line in lines:
        key = line.text
        found = _names(key)
        if found is None:
            continue
        names, end = found
        base_at = base_word.search(key, end)
        if base_at is None:
            continue
        target_at = target_word.search(key, base_at.end())
        if target_at is None:
            continue
        bases = list(figure.finditer(key, base_at.end(), target_at.start()))
        targets = list(figure.finditer(key, target_at.end()))
        if len(bases) != len(names) or len(targets) != len(names):
            continue
        for name, base, target in zip(names, bases, targets):
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            row.baseline = parse_quantity(base.group("figure"))
            year = (base.group("year") or "").strip()
            row.baseline_year = parse_year(year) if _ONE_YEAR.match(year) else None
            row.target = parse_quantity(target.group("figure"))
            row.target_year = parse_year(y) if (y := (target.group("year") or "").strip()) and _ONE_YEAR.match(y) else None
            row.origins = {"baseline": row.origin or "", "target": row.origin or ""}
            infer(row)
            new.add(row)
    return new.rows
