"""A group column in a table whose cells stand one space apart (text as the seeds' extractor prints it).

Education and health plans take one indicator over several groups, one row a group::

    成果指標 区分 現状値 目標値
    （令和 ５年度） （令和 10年度）
    授業がよく分かると答えた児童生徒の割合 小学校 84.2％ 90.0％
    中学校 76.5％ 85.0％

The header names the group column (``group_cell`` in ``lexicon/patterns.toml``) between a name
word and value words. Under it, a row's group is the word just before its first figure and its name
the words before that; a row holding only a group and figures takes the name above. Every row is
then named by its name and its group in brackets (…の割合（中学校）), and the header loses its group
cell. A group word that is a value word (目標 / 実績) makes the column a label column, left as printed.
The rows end at the first line, after some rows, that is neither blank nor a row. ``groupcells``
does the same for tables whose cells stand two spaces apart or more.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import VALUE_ROLES, header_words, pattern
from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import ROWS_REACH, spaced_line

_FIGURE = re.compile(r"^[△▲-－]?[0-9０-９][0-9０-９,，.．]*\S{0,4}$")  # a figure and its unit, not a name opening on a digit
_SPACED = re.compile(r"\S {2,}\S")


def _header(text: str) -> int | None:
    """The index of the group word of a header whose words stand one space apart, or None."""
    if _SPACED.search(text.strip()):
        return None
    words = text.split()
    groups = [k for k, w in enumerate(words) if pattern("tables", "group_cell").match(w)]
    if len(groups) != 1 or groups[0] == 0:
        return None
    g = groups[0]
    roles = [header_words().role_of(w) for w in words]
    if roles[0] != "name" or not any(r in VALUE_ROLES for r in roles[g + 1:]):
        return None
    return g


def _row(text: str) -> tuple[str, str, str] | None:
    """(name, group, figures) of a row, or None."""
    words = text.split()
    at = next((k for k, w in enumerate(words) if _FIGURE.match(w)), None)
    if at is None or at == 0 or _FIGURE.match(words[at - 1]) or "（" in words[at - 1] or "(" in words[at - 1]:
        return None
    return " ".join(words[:at - 1]), words[at - 1], " ".join(words[at:])


def name_group_words(doc: RawDocument) -> RawDocument:
    """``doc`` with the group word of every row of a one-space table put into its row's name."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        words = line.text.split()
        if len(words) < 3 or not spaced_line(line) or not any(pattern("tables", "group_cell").match(w) for w in words):
            continue
        g = _header(line.text)
        if g is None:
            continue
        rows: list[tuple[int, str, str, str]] = []
        for j in range(i + 1, min(len(lines), i + 1 + ROWS_REACH)):
            text = lines[j].text
            if not text.strip():
                continue
            if not spaced_line(lines[j]) or _header(text) is not None:
                break
            row = _row(text)
            if row is not None:
                rows.append((j, *row))
            elif rows:
                break
        if not rows or not any(own for _, own, _, _ in rows) or not any(not own for _, own, _, _ in rows):
            continue
        if any(header_words().role_of(grp) in VALUE_ROLES for _, _, grp, _ in rows):
            continue
        words = line.text.split()
        lines[i] = replace(line, text=" ".join(words[:g] + words[g + 1:]))
        above = ""
        for j, own, grp, figures in rows:
            above = own or above
            lines[j] = replace(lines[j], text=f"{above}（{grp}） {figures}")
        changed = True
    return replace(doc, lines=lines) if changed else doc
