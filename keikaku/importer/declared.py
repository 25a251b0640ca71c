"""Targets declared in sentences (``…の数を120件以上とします。``) on a table flattened onto one line.

A progress table of a sectoral plan may print each indicator as the sentence that declares its
target — the name, を, the figure maybe restated in brackets (``5人に1人(20%)``) and a bound
(以上), then a closing word (にします: ``[declared]`` in ``lexicon/figures.toml``) — with the
yearly figures right after it. A page flattened onto one line breaks the sentence with spaces
where it wrapped; the pieces are joined. The sentence opens after the last cell before it that is
no piece of it: a mark (※, ○, 【…】), a placeholder, a figure, a short cell of another column.

- the name is the text before the last を, the target the one figure after it (a bracketed
  figure restating a phrase is that figure); two figures (``男性70%、女性60%``) or a name holding
  a percentage (a figure of another cell run into it) or closing a bracket it does not open (a
  piece cut off by such a figure) give nothing;
- the target's year is the year stated after a target-year word anywhere in the document
  (``(目標年度:令和12年度)``);
- figures of the target's unit right after the sentence are actuals of the years of the line's
  run of three years or more (bare years take the era named last before them), from the first,
  when they are no more than the years.
A name declared twice keeps its first target (a revised target printed beside it is not read).
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import figure_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import era_year_columns, find_era, parse_quantity, parse_year

MIN_YEARS = 3  # bare years in a run, for the yearly columns
MIN_NAME = 4  # characters of a name
MAX_SENTENCE = 120  # characters of a sentence
_MARKS = ("※", "○", "◆", "●", "■", "【", "〔", "[")
_PERCENT = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?%")
_RESTATED = re.compile(r"[(（]([^()（）]+)[)）]$")
_BOUND_HEADS = ("以", "未")  # a figure wrapped inside its bound (42,000人以 / 上にします。) is a piece
_YEAR_TOKEN = re.compile(r"^(?:平成|令和|昭和|[HR])?(?:元|[0-9]{1,2})年度$")


def _words() -> dict:
    return figure_words()["declared"]


def declared_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The targets declared in sentences among ``lines`` (with the figures after them), but those ``known``."""
    words = _words()
    if not any(end in line.key.replace(" ", "") for line in lines for end in words["endings"]):
        return []
    target_year = _target_year(lines, words["target_year"])
    new = NewRows(known)
    era: str | None = None  # the era named last before the line
    for line in lines:
        tokens = line.key.split(" ")
        years = _years(tokens, era)
        era = find_era(line.key) or era
        for start, end in _sentences(tokens, words["endings"]):
            row = _row("".join(tokens[start:end + 1]), words)
            if row is None:
                continue
            row.origin = origin_of(line)
            target = row.target
            if target_year is not None and target is not None:
                row.target_year = target_year
            figures = []
            for token in tokens[end + 1:]:
                q = parse_quantity(token)
                if q.kind != "number" or target is None or q.unit != target.unit:
                    break
                figures.append(token)
            if years and figures and len(figures) <= len(years):
                for year, figure in zip(years, figures):
                    put_value(row, "actual", year, figure, origin=origin_of(line))
            infer(row)
            new.add(row)
    return new.rows


def _target_year(lines: list[Line], words: list[str]) -> int | None:
    pattern = re.compile(rf"(?:{'|'.join(map(re.escape, words))})\s*[:：]?\s*(\S{{2,12}}?年度?)")
    for line in lines:
        for m in pattern.finditer(line.key):
            if (year := parse_year(m.group(1))) is not None:
                return year
    return None


def _years(tokens: list[str], era: str | None) -> list[int]:
    """The years of the line's first run of three bare years or more (23年度 24年度 …), taking the era
    named last before them (earlier on the line, else ``era``)."""
    for k, token in enumerate(tokens):
        if not _YEAR_TOKEN.match(token):
            continue
        run = [token]
        for t in tokens[k + 1:]:
            if not _YEAR_TOKEN.match(t):
                break
            run.append(t)
        if len(run) >= MIN_YEARS:
            years = era_year_columns(" ".join(run), default_era=find_era(" ".join(tokens[:k])) or era)
            if years and years == list(range(years[0], years[0] + len(years))):
                return years
    return []


def _sentences(tokens: list[str], endings: list[str]) -> list[tuple[int, int]]:
    """(first token, last token) of each declaring sentence, its pieces joined."""
    out: list[tuple[int, int]] = []
    text = ""
    at: list[int] = []  # the token of each character of text
    for k, token in enumerate(tokens):
        text += token
        at += [k] * len(token)
    for end in endings:
        for m in re.finditer(re.escape(end + "。"), text):
            last = at[m.end() - 1]
            first = last
            while first > 0 and not _outside(tokens[first - 1]) and "。" not in tokens[first - 1]:
                first -= 1
            if "。" not in tokens[last][:-1] and len("".join(tokens[first:last + 1])) <= MAX_SENTENCE:
                out.append((first, last))
    return sorted(out)


def _outside(token: str) -> bool:
    """A cell that is no piece of a sentence: a mark, a placeholder, a figure, a short cell."""
    if token.startswith(_MARKS) or "】" in token or len(token) <= 2:
        return True
    return parse_quantity(token).kind in ("number", "empty") and not token.endswith(_BOUND_HEADS)


def _row(sentence: str, words: dict) -> IndicatorRow | None:
    endings = "|".join(map(re.escape, words["endings"]))
    bounds = "|".join(map(re.escape, words["bounds"]))
    m = re.match(rf"^(?P<name>.+)を(?P<figure>[^を]+?)(?:{bounds})?(?:{endings})。$", sentence)
    if m is None:
        return None
    name, figure = m.group("name"), m.group("figure")
    if (restated := _RESTATED.search(figure)) is not None:
        figure = restated.group(1)
    q = parse_quantity(figure)
    closes = name.count(")") + name.count("）") - name.count("(") - name.count("（")
    if q.kind != "number" or len(name) < MIN_NAME or _PERCENT.search(name) or closes > 0:
        return None
    row = IndicatorRow(name="")
    set_name(name, row)
    if not row.name:
        return None
    put_value(row, "target", None, figure)
    return row
