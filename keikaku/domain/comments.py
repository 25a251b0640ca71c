"""Rules of the opinions on a draft plan (パブリックコメント): pure, no database.

What a sender may write and how long it may be, the age groups of the form, the receipt number,
where a day stands against a comment period, and how alike two opinions are (the suggestions
staff see when they group opinions).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rapidfuzz import fuzz

MAX_BODY_CHARS = 4000  # an opinion; a longer text is refused with its length, never cut
MAX_NAME_CHARS = 100  # name (optional)
MAX_AREA_CHARS = 100  # area of residence (optional)
MAX_NOTICE_CHARS = 4000  # the period's notice
MAX_THEME_CHARS = 100
MAX_STAFF_TEXT_CHARS = 4000  # a summary or an answer
MAX_PERIOD_NODES = 500
MAX_THEMES = 100
AGE_GROUPS = ("10代以下", "20代", "30代", "40代", "50代", "60代", "70代以上")  # stored as these words
AGE_GROUPS_EN = ("19 or under", "20s", "30s", "40s", "50s", "60s", "70 or over")  # shown with ?lang=en
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out on the telephone
RECEIPT_RANDOM_CHARS = 8  # 32**8: over 10**12 numbers a day
SIMILAR_SCORE = 40.0  # rapidfuzz ratio (0-100) from which another opinion is suggested as alike
SIMILAR_MAX = 5
# Characters an opinion may not hold: controls other than tab and line ends (a database refuses NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FOLD_DROP = re.compile(r"[\s、。,.・「」『』（）()!?！？]+")


class Source(StrEnum):
    CITIZEN = "citizen"  # 市民: sent through the form
    COUNCIL = "council"  # 議会・審議会: recorded by staff


SOURCE_WORDS = {Source.CITIZEN: ("市民", "Citizens"), Source.COUNCIL: ("議会", "Council")}


class PeriodState(StrEnum):
    BEFORE = "before"  # not yet open
    OPEN = "open"
    AFTER = "after"  # ended: the table of opinions and answers is public


def period_state(start: date, end: date, today: date) -> PeriodState:
    """Where ``today`` (a day in Japan) stands against a period of ``start`` to ``end``, both included."""
    if today < start:
        return PeriodState.BEFORE
    if today > end:
        return PeriodState.AFTER
    return PeriodState.OPEN


def new_receipt(day: date) -> str:
    """A receipt number: the day received and eight random characters, 20261201-7KQ3M9XA."""
    return f"{day:%Y%m%d}-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_RANDOM_CHARS))


RECEIPT_PATTERN = re.compile(rf"^\d{{8}}-[{RECEIPT_ALPHABET}]{{{RECEIPT_RANDOM_CHARS}}}$")


@dataclass(frozen=True)
class TextProblem:
    """Why a text was refused: ``code`` missing, too_long or bad_characters; ``chars`` its length."""

    code: str
    chars: int = 0


def age_group_word(value: str | None, lang: str = "ja") -> str | None:
    """An age group as shown: the stored word, or its English with ``lang`` en."""
    if value is None or lang != "en" or value not in AGE_GROUPS:
        return value
    return AGE_GROUPS_EN[AGE_GROUPS.index(value)]


def text_length(text: str) -> int:
    """A text's length as the limits count it: a CR LF line break is one character (browsers send
    a textarea's line breaks as CR LF). For counting only: the text is stored as received."""
    return len(text.replace("\r\n", "\n"))


def check_text(text: str | None, *, limit: int, required: bool = False) -> TextProblem | None:
    """None when ``text`` may be stored as it is; the text itself is never changed."""
    if text is None or not text.strip():
        return TextProblem("missing") if required else None
    if text_length(text) > limit:
        return TextProblem("too_long", text_length(text))
    if _CONTROL.search(text):
        return TextProblem("bad_characters")
    return None


def fold(text: str) -> str:
    """An opinion as compared (only): NFKC, no spaces or punctuation. What is stored is never folded."""
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


def similarity(a: str, b: str) -> float:
    """How alike two opinions read, 0 to 100 (rapidfuzz's ratio of their folded texts)."""
    return round(fuzz.ratio(fold(a), fold(b)), 1)


def most_similar(text: str, others: list[tuple[int, str]], *, threshold: float = SIMILAR_SCORE,
                 limit: int = SIMILAR_MAX) -> list[tuple[int, float]]:
    """(id, score) of the ``others`` alike ``text`` from ``threshold`` on, best first (ties by id)."""
    scored = [(oid, similarity(text, other)) for oid, other in others]
    return sorted([s for s in scored if s[1] >= threshold], key=lambda s: (-s[1], s[0]))[:limit]
