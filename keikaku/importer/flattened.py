"""Tables that a PDF extractor flattened into running text: a header in the middle of a long line.

A long line (a whole page or table put on one line) is cut where an indicator table's header
begins — a cell naming the indicator column followed closely by cells naming value columns —
into the text before it, the header, and the rows after it. Each part then reads like a table
printed line by line. A header repeated further on starts another table.
"""

from __future__ import annotations

import re

from keikaku.importer.letteredcells import lettered_cells
from keikaku.importer.lexicon import VALUE_ROLES, header_words, names_a_row, structure
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.oneline import one_line_table
from keikaku.importer.values import parse_year_in

LONG_LINE = 30  # characters: shorter lines are left as they are
HEADER_REACH = 6  # a value cell must follow the indicator cell within this many cells (or after header cells and years only)
HEADER_ROLES = VALUE_ROLES | {"name", "unit", "direction", "definition", "source", "department", "label", "note"}


def unflatten(lines: list[Line]) -> list[Line]:
    """Long lines cut at every indicator-table header they hold; other lines unchanged."""
    out: list[Line] = []
    for line in lines:
        if len(line.key) < LONG_LINE or line.cells or line.grid is not None or line.key.count("|") >= 2 or one_line_table(line):
            out.append(line)  # a table on one line that ``oneline`` reads whole stays whole
        else:
            out.extend(_cut(line))
    return lettered_cells(out)  # an evaluation form's lettered rows on one line: cut into cells


_COLUMN_NAME = re.compile(r"[一-龥ァ-ヶー]{1,4}名")  # a header cell naming a column of names
_MAY_BE_YEAR = re.compile(r"[0-9]|元")
_LEVEL_HEADING = re.compile(rf"^(?:{structure().level_pattern()})\s*(?:{structure().number_pattern()})")


def _role(key: str) -> str | None:
    if _LEVEL_HEADING.match(key):
        return None  # 基本目標Ⅰ is a heading, not a target column
    role = header_words().role_of(key)
    if role == "name" and names_a_row(key):
        return None  # 指標Aの割合: a row's name
    if role is not None and (len(key) <= 12 or (len(key) <= 24 and "の" not in key)):
        return role
    if not _MAY_BE_YEAR.search(key):
        return None
    rest, year = parse_year_in(key)
    return "year" if year is not None and not rest.strip("()（） ") else None


_SPACED_ERA = re.compile(r"(?<![^\s(（])(明治|大正|昭和|平成|令和) ([0-9０-９元]{1,2}(?:[(（][0-9０-９]{4}[)）])?)(?: (年度?))?(?=[ )）]|$)")

_ERAS_SPACED = ("明治 ", "大正 ", "昭和 ", "平成 ", "令和 ")


def _era_joined(text: str) -> str:
    """An era printed apart from its number (``平成 30(2018)``, ``平成 29 年度``, ``現状値(平成 26 年度)``) as one cell."""
    if not any(era in text for era in _ERAS_SPACED):
        return text
    return _SPACED_ERA.sub(lambda m: "".join(g for g in m.groups() if g), text)


def _years_then_value(roles: list[str | None], start: int) -> bool:
    """Whether header cells and years only (単位 H26 H27 H28 H31) lead from ``start`` to a value cell (目標値)."""
    k = start
    while k < len(roles) and roles[k] is not None and roles[k] not in VALUE_ROLES:
        k += 1
    return k < len(roles) and roles[k] in VALUE_ROLES and "year" in roles[start:k]


def _cut(line: Line) -> list[Line]:
    keys = _era_joined(line.key).split(" ")
    texts = _era_joined(line.text).split(" ") if len(line.text) == len(line.key) else keys
    if len(texts) != len(keys):
        texts = keys
    roles = [_role(k) for k in keys]
    parts: list[list[str]] = []
    start = 0
    i = 0
    while i < len(keys):
        if roles[i] == "name" and (any(r in VALUE_ROLES for r in roles[i + 1:i + 1 + HEADER_REACH]) or _years_then_value(roles, i + 1)):
            end = i + 1
            while i > start and roles[i - 1] is None and _COLUMN_NAME.fullmatch(keys[i - 1]):
                i -= 1  # another column's name cell before the indicator column (施策名 KPI …)
            if i > start and roles[i - 1] in VALUE_ROLES and roles[i + 1:i + 2] and roles[i + 1] in VALUE_ROLES:
                i -= 1  # a value column before a name word between value words (基準値 KPI 実績値): one header
            while end < len(keys) and (roles[end] in HEADER_ROLES or roles[end] == "year"):
                end += 1
            if i > start:
                parts.append(texts[start:i])
            parts.append(texts[i:end])
            start = i = end
            continue
        i += 1
    if not parts:
        return [line]
    if start < len(keys):
        parts.append(texts[start:])
    return [make_line(" ".join(p), line.index, line.page, source=line.source) for p in parts if p]
