"""SDG goals (and targets) suggested from a node's text: Japanese keywords matched after SudachiPy analysis.

The method, documented in docs/sdg.md:

1. The keyword data (``keikaku/data/sdg_keywords.toml``) lists, per goal and per target, ``core``
   keywords and plain ``words``. Each keyword is analysed once, like any text, into a sequence of
   normalized forms.
2. A node's title and the text and items of its sections are analysed with SudachiPy (core
   dictionary, split mode C) into content words (nouns, verbs, adjectives, adjectival nouns,
   prefixes, suffixes; no particles, auxiliaries or symbols), each kept as its normalized form
   (子ども → 子供, 障がい者 → 障害者) and the parts split mode A gives it.
3. A keyword matches where its sequence of normalized forms occurs in that stream; a one-word
   keyword also matches one part of a compound (健診 in 特定健診).
4. Each keyword counts once per node: ``core_weight`` or ``word_weight``, times ``title_factor``
   when found in the title. A goal's score is the sum over its matched keywords; a goal reaching
   ``threshold`` is suggested, at most ``top`` per node, best first (ties: lower goal number).
   The target offered is the goal's target whose keywords scored most (ties: listed first).
5. ``words`` are the words of the node's own text that matched, heaviest first, as printed.

The analyser is loaded once, on first use (it takes a moment), and shared by every thread.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEYWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "sdg_keywords.toml"
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "接頭辞", "接尾辞", "副詞"})
MAX_CHUNK = 2000  # characters given to the analyser at once (it refuses very long input)

_lock = threading.Lock()
_tokenizer: Any = None
_keywords: dict[Path, Keywords] = {}


def tokenizer() -> Any:
    """The SudachiPy tokenizer (core dictionary), created once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import warnings

                from sudachipy import dictionary

                with warnings.catch_warnings():  # 0.7 names create() deprecated; it is the call the pinned version documents
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _tokenizer = dictionary.Dictionary(dict="core").create()
    return _tokenizer


@dataclass(frozen=True)
class Token:
    """A content word: its normalized form, its parts' forms (split mode A) and where it stands in the text."""

    form: str
    parts: tuple[str, ...]
    begin: int
    end: int
    part_spans: tuple[tuple[int, int], ...]


def _chunks(text: str) -> Iterable[tuple[int, str]]:
    """The text cut at line ends and 。 (and every MAX_CHUNK characters), with each piece's offset."""
    start = 0
    for i, ch in enumerate(text):
        if ch in "\n。" or i - start >= MAX_CHUNK:
            if i + 1 > start:
                yield start, text[start:i + 1]
            start = i + 1
    if start < len(text):
        yield start, text[start:]


def analyse(text: str) -> list[Token]:
    """Content words of ``text`` in order."""
    from sudachipy import tokenizer as tk

    mode_c, mode_a = tk.Tokenizer.SplitMode.C, tk.Tokenizer.SplitMode.A
    out: list[Token] = []
    analyser = tokenizer()
    for offset, piece in _chunks(text):
        if not piece.strip():
            continue
        for morpheme in analyser.tokenize(piece, mode_c):
            if morpheme.part_of_speech()[0] not in CONTENT_POS:
                continue
            parts = list(morpheme.split(mode_a)) or [morpheme]
            out.append(Token(
                form=morpheme.normalized_form(), parts=tuple(p.normalized_form() for p in parts),
                begin=offset + morpheme.begin(), end=offset + morpheme.end(),
                part_spans=tuple((offset + p.begin(), offset + p.end()) for p in parts),
            ))
    return out


@dataclass(frozen=True)
class Keyword:
    text: str  # as written in the data file
    forms: tuple[str, ...]  # its normalized forms
    parts: tuple[str, ...]  # the normalized forms of its split-mode-A parts
    goal: int
    target: str | None
    weight: float


@dataclass(frozen=True)
class Scoring:
    core_weight: float = 2.0
    word_weight: float = 1.0
    title_factor: float = 2.0
    threshold: float = 2.0
    top: int = 3


@dataclass(frozen=True)
class Keywords:
    scoring: Scoring
    keywords: tuple[Keyword, ...]
    targets: dict[int, tuple[str, ...]] = field(default_factory=dict)  # listed order, per goal


def parse_keywords(data: dict[str, Any]) -> Keywords:
    """The keyword data as read from TOML; a goal outside 1–17 or a target of another goal is refused."""
    scoring = Scoring(**data.get("scoring", {}))
    keywords: list[Keyword] = []
    targets: dict[int, tuple[str, ...]] = {}
    for goal_text, entry in data.get("goals", {}).items():
        goal = int(goal_text)
        if not 1 <= goal <= 17:
            raise ValueError(f"SDG goal {goal_text!r} is not 1-17")
        groups: list[tuple[str | None, dict[str, Any]]] = [(None, entry)]
        for target, sub in entry.get("targets", {}).items():
            if target.split(".")[0] != str(goal):
                raise ValueError(f"target {target!r} listed under goal {goal}")
            groups.append((target, sub))
        targets[goal] = tuple(t for t, _ in groups if t is not None)
        seen: set[tuple[str, ...]] = set()
        for target, group in groups:
            for kind, weight in (("core", scoring.core_weight), ("words", scoring.word_weight)):
                for text in group.get(kind, []):
                    tokens = analyse(text)
                    forms = tuple(t.form for t in tokens)
                    if forms and forms not in seen:  # the first listing of a keyword in a goal wins
                        seen.add(forms)
                        parts = tuple(p for t in tokens for p in t.parts)
                        keywords.append(Keyword(text, forms, parts, goal, target, weight))
    return Keywords(scoring, tuple(keywords), targets)


def load_keywords(path: Path = KEYWORDS_FILE) -> Keywords:
    """The keyword data of ``path``, analysed once per process."""
    path = path.resolve()
    if path not in _keywords:
        with path.open("rb") as f:
            parsed = parse_keywords(tomllib.load(f))
        with _lock:
            _keywords.setdefault(path, parsed)
    return _keywords[path]


def _find(keyword: Keyword, tokens: Sequence[Token]) -> tuple[int, int] | None:
    """Where ``keyword`` first occurs in ``tokens`` (character span), else None.

    Its normalized forms as a run of tokens, else its split-mode-A parts as a run of the tokens'
    parts: 健診 inside 特定健診, ひとり親 inside ひとり親家庭.
    """
    forms, n = keyword.forms, len(keyword.forms)
    for i in range(len(tokens) - n + 1):
        if all(tokens[i + j].form == forms[j] for j in range(n)):
            return tokens[i].begin, tokens[i + n - 1].end
    parts = [(form, span) for tok in tokens for form, span in zip(tok.parts, tok.part_spans, strict=True)]
    want, k = keyword.parts, len(keyword.parts)
    for i in range(len(parts) - k + 1):
        if all(parts[i + j][0] == want[j] for j in range(k)):
            return parts[i][1][0], parts[i + k - 1][1][1]
    return None


@dataclass(frozen=True)
class Suggestion:
    goal: int
    target: str | None
    score: float
    words: tuple[str, ...]

    @property
    def suggested(self) -> str:
        """As stored in SuggestionDecision: ``13.2`` with a target, else ``13``."""
        return self.target or str(self.goal)

    def to_json(self) -> dict[str, Any]:
        return {"goal": self.goal, "target": self.target, "score": self.score, "words": list(self.words)}


def suggest(title: str, texts: Iterable[str], *, keywords: Keywords | None = None,
            exclude: Iterable[int] = ()) -> list[Suggestion]:
    """Goals suggested for a node with ``title`` and section ``texts``, best first (goals in ``exclude`` left out)."""
    data = keywords or load_keywords()
    s = data.scoring
    body_text = "\n".join(t for t in texts if t)
    title_tokens, body_tokens = analyse(title or ""), analyse(body_text)
    left_out = set(exclude)
    # per goal: (value, place, begin, end, keyword) of each matched keyword; place 0 title, 1 body
    matched: dict[int, list[tuple[float, int, int, int, Keyword]]] = {}
    for kw in data.keywords:
        if kw.goal in left_out:
            continue
        span = _find(kw, title_tokens)
        if span is not None:
            matched.setdefault(kw.goal, []).append((kw.weight * s.title_factor, 0, *span, kw))
        elif (span := _find(kw, body_tokens)) is not None:
            matched.setdefault(kw.goal, []).append((kw.weight, 1, *span, kw))
    scores: dict[int, float] = {}
    target_scores: dict[int, dict[str, float]] = {}
    hits: dict[int, list[tuple[float, int, int, str]]] = {}
    for goal, found in matched.items():
        for value, place, begin, end, kw in found:
            if any(p == place and b <= begin and end <= e and (b, e) != (begin, end) for _, p, b, e, _ in found):
                continue  # inside a longer keyword's match (困窮 in 生活困窮): counted once, by the longer
            scores[goal] = scores.get(goal, 0.0) + value
            if kw.target is not None:
                per = target_scores.setdefault(goal, {})
                per[kw.target] = per.get(kw.target, 0.0) + value
            word = (title if place == 0 else body_text)[begin:end]
            if all(w != word for *_, w in hits.get(goal, [])):
                hits.setdefault(goal, []).append((value, place, begin, word))
    chosen = sorted((g for g, v in scores.items() if v >= s.threshold), key=lambda g: (-scores[g], g))[:max(0, s.top)]
    out = []
    for goal in chosen:
        per = target_scores.get(goal, {})
        target = None
        if per:
            listed = data.targets.get(goal, ())
            target = max(per, key=lambda t: (per[t], -listed.index(t) if t in listed else 0))
        words = tuple(w for *_, w in sorted(hits[goal], key=lambda h: (-h[0], h[1], h[2])))
        out.append(Suggestion(goal, target, round(scores[goal], 2), words))
    return out
