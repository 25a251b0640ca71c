"""A target stated as a sentence whose figures are printed on the line after it.

Waste, environment and health plans state each goal as a sentence that names the indicator and
the years but leaves the figures to the next line, an arrow between them:

    家庭ごみの排出量を令和9年度に、令和3年度比で8%減らす。
    720g→660g

    令和9年度の資源化率を30%とする。
    25%→30%

The sentence gives the name (the words before を), the target year (…において, …までに) and,
when it says it, the baseline year (…より, …から, …比); a rate or threshold inside it (8%)
is no value of the row: the arrow line holds the baseline and the target. The verbs are those of
the sentence grammar in ``lexicon/figures.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from keikaku.importer.lexicon import figure_words, words_pattern
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import parse_year
from keikaku.importer.width import fold

_YEAR = r"(?:明治|大正|昭和|平成|令和|[HR])(?:元|[0-9]{1,2})年度?|[0-9]{4}年度?"
_NUMBERING = r"(?:\([0-9]{1,2}\)|[0-9]{1,2}[.．]|[①-⑳])?"


@dataclass(frozen=True, slots=True)
class Goal:
    """What a goal sentence says of its indicator: the name and the years of its figures."""

    name: str
    target_year: int
    base_year: int | None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    grammar = figure_words()["sentence"]
    verbs = words_pattern(grammar["increase"] + grammar["decrease"])
    reduce_to = re.compile(
        rf"^{_NUMBERING}(?P<name>[^、。を]{{2,40}}?)を(?P<ty>{_YEAR})(?:において|までに|まで|に)?、?"
        rf"(?P<by>{_YEAR})(?:より|から|比で?|と比べて)[^。]*?(?:{verbs})(?:する|させる|します|を目指す|を図る)?。?$")
    set_to = re.compile(
        rf"^{_NUMBERING}(?P<ty>{_YEAR})(?:における|の)(?P<name>[^、。を]{{2,40}}?)を[^。を]*?(?:とする|にする|を目指す)。?$")
    return reduce_to, set_to


def goal_of(text: str) -> Goal | None:
    """The goal a sentence states without its figures, or None when it is not such a sentence."""
    key = re.sub(r"\s+", "", fold(text))
    for pattern in _patterns():
        m = pattern.match(key)
        if m is None:
            continue
        target_year = parse_year(m.group("ty"))
        base_year = parse_year(m.group("by")) if "by" in m.groupdict() and m.group("by") else None
        if target_year is None or (base_year is not None and base_year >= target_year):
            continue
        return Goal(name=m.group("name"), target_year=target_year, base_year=base_year)
    return None


# A result's status printed above its figures (達成状況 / 未達成 / 601g→611g): never the figures' name.
STATUS_WORDS = frozenset(figure_words()["names"].get("statuses", ()))


def with_goal(row: IndicatorRow, goal: Goal) -> None:
    """Give an arrow row read under a goal sentence the years the sentence states and its figures lack."""
    if row.target_year is None:
        row.target_year = goal.target_year
    if row.baseline_year is None and row.baseline is not None and goal.base_year is not None:
        row.baseline_year = goal.base_year
