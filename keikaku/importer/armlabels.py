"""Role words printed inside the arms of a ``baseline → target`` line.

Many plans print an indicator as its name and then ``基準値：420人（令和2年度） → 目標値：500人（令和7年度）``,
or ``name：現状 85手続（R4）→ 目標 200手続（R9）``: each arm opens with its role word (from
``lexicon/headers.toml``), maybe with the arm's year in brackets, then a colon or a space, then the
figure. The words label the figures; they are never the indicator's name. ``unlabelled_arms``
takes them out, so that the arrow reader sees ``name 420人(令和2年度) → 500人(令和7年度)`` (or only the
figures, when the name is the line above), and a year printed with the label dates its figure.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import figure_words, header_words, words_pattern
from keikaku.importer.values import dated_value, parse_quantity

_YEAR = r"[(（](?P<year>[^()（）]{1,14})[)）]"
_FIGURE_START = r"(?=[0-9０-９△▲約])"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = header_words()
    base = words_pattern(words.words("baseline"))
    target = words_pattern(words.words("target"))
    left = re.compile(rf"(?:^|(?<=[\s:：=・]))(?P<label>{base})\s*(?:{_YEAR})?\s*[:：]?\s*{_FIGURE_START}")
    right = re.compile(rf"^\s*(?P<label>{target})\s*(?:{_YEAR})?\s*[:：]?\s*{_FIGURE_START}")
    return left, right


def _dated(figure: str, year: str | None) -> str | None:
    """The figure with the label's year in brackets after it, unless it prints its own; None when the
    rest of the arm is more than one figure and its year (the words may then be a name's or a note's)."""
    figure = figure.strip()
    text, own = dated_value(figure)
    if re.search(r"\s", text) or parse_quantity(text).kind != "number":
        return None
    return figure if year is None or own is not None else f"{figure}({year})"


def unlabelled_arms(left: str, target: str) -> tuple[str, str, int | None]:
    """``left`` without the baseline's role word, and the target arm's figure and year without its own."""
    left_label, right_label = _patterns()
    found = list(left_label.finditer(left))
    head = left[: found[-1].start()].rstrip(" :：=") if found else ""
    if found and len(head) <= figure_words()["names"]["max_chars"] and (figure := _dated(left[found[-1].end():], found[-1].group("year"))):
        left = (head + " " if head else "") + figure  # a longer head is running text, not a name
    if (m := right_label.match(target)) is not None and (figure := _dated(target[m.end():], m.group("year"))) is not None:
        target = figure
    figure, year = dated_value(target.strip())
    return left, figure, year
