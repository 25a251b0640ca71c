"""Indicators printed as small dated blocks: labels, then their years, then their figures.

Summaries of sectoral plans (環境基本計画 and the like) often print each indicator as its name
followed by a few column groups, each group being its label cells, the years under them and the
figures under those, all on one flattened line::

    【区分】 指数の名 目標 基準年度 令和2年度 512g 中間年 目標 現状 令和5年度 490g 498g
    中間 年度目標 目標年度 令和8年度 令和10年度 470g 450g

A group is a run of label words (words of ``headers.toml``), a run of years and a run of figures.
Its labels with a value role give the figures their roles, nearest the years first; one year is
the year of every figure of the group, or there is one year per figure. The first group's
baseline figure is the baseline; a baseline word in a later group (現状 at a check year) is the
actual of that year, as is an actual word; of the target figures the latest is the target and the
others are interim targets. A block is named by the text before its first group (after a
bracketed label 【…】, which only heads it) and ends at the next bracket label, a placeholder or
other text. Blocks of one group, or without both a baseline and a target, are not read.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, holds_a_name
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.known import name_key
from keikaku.importer.tables import IndicatorRow, infer, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year
from keikaku.importer.width import fold

_ERA_YEAR = re.compile(rf"({ERA})\s*(元|\d{{1,2}})\s*(年度|年)")
_BRACKET_LABEL = re.compile(r"^【[^】]{1,20}】$")
_PLACEHOLDER = re.compile(r"^〔.*〕$")
_TRAILING_MARK = re.compile(r"[↑↓↗↘]+$")
_ROLES = ("baseline", "target", "actual", "interim")
MAX_NAME = 60


def dated_block_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of dated blocks on ``lines``, but those ``known``."""
    seen = {name_key(n) for n in known}
    out: list[IndicatorRow] = []
    for line in lines:
        if len(_ERA_YEAR.findall(line.text)) < 2 and len(re.findall(r"\d{4}\s*年度", line.text)) < 2:
            continue
        for name, groups in _blocks(_tokens(line.text)):
            row = _row(name, groups)
            if row is None or name_key(row.name) in seen:
                continue
            seen.add(name_key(row.name))
            row.origin = origin_of(line)
            out.append(row)
    return out


def _tokens(text: str) -> list[str]:
    return _ERA_YEAR.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}", text).split(" ")


def _kind(tok: str) -> str:
    if _BRACKET_LABEL.match(tok) or _PLACEHOLDER.match(tok):
        return "stop"
    if tok.startswith(("※", "*")):
        return "note"
    if parse_year(tok) is not None and re.fullmatch(r"\D{0,2}\d{1,4}\D{0,2}", tok):
        return "year"
    if parse_quantity(_TRAILING_MARK.sub("", tok)).kind == "number":
        return "value"
    if header_words().role_of(tok) is not None and not holds_a_name(tok) and len(tok) <= 8:
        return "label"
    return "text"


def _blocks(tokens: list[str]) -> list[tuple[str, list[tuple[list[str], list[int], list[str]]]]]:
    """(name, groups) for each block; a group is (labels, years, figures).

    The block's first token is its name (with the text after it); the label words before the
    first year are the first group's labels. Later groups' labels may hold short words of no
    role (中間年), which only head the group.
    """
    out = []
    kinds = [_kind(t) for t in tokens]
    i, n = 0, len(tokens)
    while i < n:
        if kinds[i] not in ("text", "label"):
            i += 1
            continue
        start = i
        i += 1
        while i < n and kinds[i] == "text":
            i += 1
        name = " ".join(tokens[start:i])
        groups: list[tuple[list[str], list[int], list[str]]] = []
        while i < n:
            labels: list[str] = []
            years: list[int] = []
            figures: list[str] = []
            while i < n and (kinds[i] in ("label", "note") or kinds[i] == "text" and groups and len(tokens[i]) <= 8):
                labels += [tokens[i]] if kinds[i] != "note" else []
                i += 1
            while i < n and kinds[i] in ("year", "note"):
                years += [y] if kinds[i] == "year" and (y := parse_year(tokens[i])) is not None else []
                i += 1
            while i < n and kinds[i] in ("value", "note"):
                figures += [_TRAILING_MARK.sub("", tokens[i])] if kinds[i] == "value" else []
                i += 1
            if not labels or not years or not figures:
                break
            groups.append((labels, years, figures))
        if len(groups) >= 2 and len(name) <= MAX_NAME:
            out.append((name, groups))
        elif not groups:
            i = max(i, start + 1)
    return out


def _row(name: str, groups: list[tuple[list[str], list[int], list[str]]]) -> IndicatorRow | None:
    cells: list[tuple[str, int, str]] = []  # (role, year, figure)
    for k, (labels, years, figures) in enumerate(groups):
        roles = [r for label in labels if (r := header_words().role_of(fold(label))) in _ROLES]
        if len(roles) < len(figures):
            return None
        roles = roles[len(roles) - len(figures):]  # the labels nearest the years
        if len(years) == 1:
            years = years * len(figures)
        if len(years) != len(figures):
            return None
        for role, year, figure in zip(roles, years, figures):
            if k > 0 and role == "baseline":
                role = "actual"  # 現状 at a later check year: that year's actual
            cells.append((role, year, figure))
    bases = [c for c in cells if c[0] == "baseline"]
    targets = sorted((c for c in cells if c[0] in ("target", "interim")), key=lambda c: c[1])
    if len(bases) != 1 or not targets:
        return None
    row = IndicatorRow(name="")
    set_name(name, row)
    if not row.name:
        return None
    row.baseline, row.baseline_year = parse_quantity(bases[0][2]), bases[0][1]
    row.target, row.target_year = parse_quantity(targets[-1][2]), targets[-1][1]
    row.interim = [(parse_quantity(f), y) for _, y, f in targets[:-1] if y != targets[-1][1]]
    row.actuals = [(y, parse_quantity(f), None) for r, y, f in cells if r == "actual"]
    infer(row)
    return row
