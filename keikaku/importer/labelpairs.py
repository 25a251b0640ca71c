"""Rows written as a name and its figures each after its value word, the pairs a slash apart.

A report states each result on a line of its own: ``○利用者数 実績 1,200人 / 目標 1,500人
(達成率 80%)``. The name comes first (a bullet before it is dropped), then two or more pairs of a
value word of ``headers.toml`` (実績, 目標, 基準値 …) and a figure, the word glued to its figure or
a space apart, the pairs parted by a slash; a bracketed achievement rate may close the line. The
pairs say the roles, no column does; a year in a pair's figure is its year, and an undated figure
stays without one. Two such lines in a row open a table region (``segment.py``).
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, line_origin
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

PAIR_ROLES = ("baseline", "interim", "target", "actual")
_BULLET = re.compile(r"^[○●◯◎・◆◇■□▪▶►\-]\s*")
_RATE = re.compile(r"\s*[(（]\s*([^()（）\s0-9]{2,6})\s*[0-9][0-9,.]*\s*%\s*[)）]\s*$")
_PAIR = re.compile(r"^(?P<head>.*?)(?P<label>[^\s0-9()（）/／]{1,6}?)\s*(?P<figure>[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?\S*)$")


def _pairs(key: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The name and the (role, figure) pairs of a line, or None when it is not such a row."""
    lex = header_words()
    text = _BULLET.sub("", key.strip())
    rate = _RATE.search(text)
    if rate is not None:
        if lex.role_of(rate.group(1)) != "rate":
            return None
        text = text[:rate.start()]
    parts = [p.strip() for p in re.split(r"[/／]", text)]
    if len(parts) < 2:
        return None
    name = ""
    pairs: list[tuple[str, str]] = []
    for k, part in enumerate(parts):
        m = _PAIR.match(part)
        if m is None:
            return None
        label = fold_key(m.group("label"))
        role = next((r for r in PAIR_ROLES if label in lex.words(r)), None)
        if role is None or parse_quantity(parse_year_in(m.group("figure"))[0]).kind != "number":
            return None
        head = m.group("head").strip()
        if k == 0:
            name = head
        elif head:
            return None
        pairs.append((role, m.group("figure")))
    if not name or parse_quantity(name).kind != "word" or len({r for r, _ in pairs}) != len(pairs):
        return None
    return name, pairs


def is_pair_row(line: Line) -> bool:
    return not line.cells and _pairs(line.key) is not None


def pair_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The rows of a region whose lines are names with their labelled figures ([] when none is)."""
    rows = []
    for line in lines:
        found = None if line.cells else _pairs(line.key)
        if found is None:
            continue
        name, pairs = found
        row = IndicatorRow(name="", origin=line_origin(line))
        set_name(name, row)
        for role, figure in pairs:
            put_value(row, role, None, figure, origin=line_origin(line))
        infer(row)
        rows.append(row)
    return rows if len(rows) >= 2 else []
