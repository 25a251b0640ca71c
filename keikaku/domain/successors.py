"""Successor suggestions between two generations of a plan: which new measures continue an old one.

Pure (no database): give the measures of the old plan and of the new plan as ``Measure`` records,
get back for each old measure its candidate new measures, best first, each with a score in 0–1 and
the reasons for it. One old measure may continue as several new ones and several as one: every
pair is scored on its own.

The score is a weighted mean of four signals, each in 0–1:

* ``title`` (weight 0.50): how alike the two titles are. Half of it is the character similarity
  of the titles (rapidfuzz ``ratio``), half the overlap (Dice) of their content words, found with
  SudachiPy (nouns, verbs, adjectives in dictionary form). Words that name an action rather
  than a field (推進, 振興, 充実, 強化 …, ``GENERIC_WORDS``) count a quarter.
* ``text`` (weight 0.20): how much of each title the other measure's text speaks of: the share
  of the old title's content words found in the new measure's text (title, sections, actions,
  projects, indicator names, and its parent's title and sections), and the other way round,
  averaged.
* ``indicator`` (weight 0.20): 1 when the two measures share an indicator, that is two indicator
  names at least ``SAME_INDICATOR`` alike (rapidfuzz ``ratio`` of the normalised names).
* ``department`` (weight 0.10): 1 when the two measures share a department (所管課).

A signal neither plan can give (no measure of one plan names any department, or holds any
indicator) is left out and the weights of the others are scaled up to sum to 1, so that two plans
recorded with titles only are compared on their titles and texts. ``ACCEPT_THRESHOLD`` (0.40) is
the score above which ``keikaku successors --accept`` takes the best suggestion of an old measure.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

WEIGHTS: dict[str, float] = {"title": 0.50, "text": 0.20, "indicator": 0.20, "department": 0.10}
ACCEPT_THRESHOLD = 0.40  # --accept stores the best suggestion of an old measure when its score is above this
MIN_SCORE = 0.10  # pairs scoring less are not suggested at all
SAME_INDICATOR = 0.80  # two indicator names at least this alike are one indicator continuing
GENERIC_WEIGHT = 0.15
CHAR_SHARE = 0.30  # of the title signal; the rest is the overlap of content words
GENERIC_WORDS = frozenset({
    "推進", "振興", "充実", "強化", "整備", "向上", "支援", "構築", "確立", "促進", "拡大", "実現", "形成", "維持",
    "増進", "尊重", "育成", "創出", "活用", "取組", "施策", "事業", "計画", "まち", "づくり", "まちづくり", "つくる",
    "図る", "進める", "する", "ある", "いる", "なる", "できる", "こと", "もの", "ため", "よう", "的", "市", "私",
})
_CONTENT_POS = ("名詞", "動詞", "形容詞", "形状詞")
_PUNCT = re.compile(r"[\s・、。,.:：;；()（）「」『』【】\[\]〔〕/／\-－ー〜~]+")


@dataclass(frozen=True)
class Measure:
    """A measure (施策) as the suggester sees it; ``key`` identifies it in its plan."""

    key: str
    number: str | None
    title: str
    text: str = ""  # sections, actions, projects, indicator names and the parent's title and text
    departments: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    old_key: str
    new_key: str
    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)


def normalize(text: str) -> str:
    """NFKC, without spaces and punctuation: what two names are compared as."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or ""))


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary().tokenizer(mode=tokenizer.Tokenizer.SplitMode.A)


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The content words of ``text`` in dictionary form (SudachiPy, shortest units)."""
    from sudachipy import tokenizer

    cleaned = unicodedata.normalize("NFKC", text or "")
    if not cleaned.strip():
        return frozenset()
    words: set[str] = set()
    mode = tokenizer.Tokenizer.SplitMode.A
    for chunk in _chunks(cleaned, 4000):  # Sudachi refuses very long inputs
        for morpheme in _tokenizer().tokenize(chunk, mode):
            pos = morpheme.part_of_speech()
            if pos[0] not in _CONTENT_POS or pos[1] == "数詞":
                continue
            word = morpheme.dictionary_form()
            if len(word) == 1 and not ("\u4e00" <= word <= "\u9fff"):
                continue  # a lone kana or symbol says nothing
            words.add(word)
    return frozenset(words)


def _chunks(text: str, size: int) -> Iterable[str]:
    for start in range(0, len(text), size):
        yield text[start:start + size]


_RARITY: dict[str, int] = {}  # word → number of titles it appears in (set by ``suggest`` for its two plans)


def _weight(word: str) -> float:
    base = GENERIC_WEIGHT if word in GENERIC_WORDS else 1.0
    return base / math.sqrt(max(1, _RARITY.get(word, 1)))


def _mass(words: Iterable[str]) -> float:
    return sum(_weight(w) for w in words)


def title_frequencies(titles: Iterable[str]) -> dict[str, int]:
    """In how many of ``titles`` each content word appears."""
    counts: dict[str, int] = {}
    for title in titles:
        for word in content_words(title):
            counts[word] = counts.get(word, 0) + 1
    return counts


def title_similarity(a: str, b: str) -> float:
    """Half character similarity, half weighted Dice overlap of content words; 1.0 for equal titles."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    chars = fuzz.ratio(na, nb) / 100
    wa, wb = content_words(a), content_words(b)
    smaller = min(_mass(wa), _mass(wb))
    words = _mass(wa & wb) / smaller if smaller else 0.0
    return CHAR_SHARE * chars + (1 - CHAR_SHARE) * words


def coverage(title: str, text: str) -> float:
    """The weighted share of ``title``'s content words that ``text`` contains."""
    words = content_words(title)
    mass = _mass(words)
    if not mass:
        return 0.0
    found = content_words(text)
    plain = normalize(text)
    return sum(_weight(w) for w in words if w in found or w in plain) / mass


def indicator_similarity(a: str, b: str) -> float:
    """How alike two indicator names are (0–1); ``SAME_INDICATOR`` or more counts as the same indicator."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return 0.0
    return 1.0 if na == nb else fuzz.ratio(na, nb) / 100


def shared_indicators(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, float]]:
    """Pairs (old name, new name, similarity) of indicators that continue, each old name once, best match."""
    out = []
    for a in old:
        best = max(((b, indicator_similarity(a, b)) for b in new), key=lambda p: p[1], default=None)
        if best and best[1] >= SAME_INDICATOR:
            out.append((a, best[0], best[1]))
    return out


def active_weights(old: Sequence[Measure], new: Sequence[Measure]) -> dict[str, float]:
    """The weights in force for these two plans: signals neither can give are dropped, the rest rescaled."""
    use = {"title": True, "text": True,
           "indicator": any(m.indicators for m in old) and any(m.indicators for m in new),
           "department": any(m.departments for m in old) and any(m.departments for m in new)}
    total = sum(w for k, w in WEIGHTS.items() if use[k])
    return {k: w / total for k, w in WEIGHTS.items() if use[k]}


def score_pair(old: Measure, new: Measure, weights: dict[str, float]) -> Suggestion:
    """The score of one pair and its reasons (signals that contributed, strongest first)."""
    title = title_similarity(old.title, new.title)
    text = (coverage(old.title, f"{new.title} {new.text}") + coverage(new.title, f"{old.title} {old.text}")) / 2
    shared = shared_indicators(old.indicators, new.indicators) if "indicator" in weights else []
    departments = [d for d in old.departments if d in set(new.departments)] if "department" in weights else []
    score = weights["title"] * title + weights["text"] * text
    score += weights.get("indicator", 0.0) * (1.0 if shared else 0.0)
    score += weights.get("department", 0.0) * (1.0 if departments else 0.0)
    reasons = [f"title {title:.2f}"] if title > 0 else []
    if text > 0:
        reasons.append(f"text {text:.2f}")
    reasons += [f"shared indicator {a}" for a, _b, _s in shared]
    reasons += [f"same department {d}" for d in departments]
    return Suggestion(old.key, new.key, round(min(score, 1.0), 3), tuple(reasons))


def suggest(old: Sequence[Measure], new: Sequence[Measure], *, limit: int = 3,
            minimum: float = MIN_SCORE) -> dict[str, list[Suggestion]]:
    """For each old measure (in the given order), its best ``limit`` new measures scoring ``minimum`` or more.

    Ties keep the new plan's order, so the result is the same from run to run.
    """
    weights = active_weights(old, new)
    _RARITY.clear()
    _RARITY.update(title_frequencies([m.title for m in (*old, *new)]))
    order = {m.key: i for i, m in enumerate(new)}
    out: dict[str, list[Suggestion]] = {}
    for o in old:
        scored = [score_pair(o, n, weights) for n in new]
        scored = [s for s in scored if s.score >= minimum]
        scored.sort(key=lambda s: (-s.score, order[s.new_key]))
        out[o.key] = scored[:limit] if limit > 0 else scored
    return out
