"""A group column (対象) between an indicator's name and its figures.

Health and education plans take one indicator over several groups (spaces as printed)::

    指標                          対象            現状値     目標値
    朝食を欠食する人の割合        小学生           3.2％       0％
                                  20歳代男性      28.5％      15％
    １日の平均歩数                65歳以上       5,120歩    6,000歩

A row whose name cell is empty takes the name above: the indicator is the name and its group
together. So when any row of the table leaves its name cell empty, every row is named by its name
and its group in brackets (朝食を欠食する人の割合（20歳代男性）, １日の平均歩数（65歳以上）); a name
wrapped over the lines after its row is joined whole before its group, and so is a name that breaks off
on a particle (…量を) and goes on in the next row's name cell, beside that row's group (女性). A group
column whose cells are value words (区分: 目標 / 実績) is a label column, left as printed. When every row has its own
name, the group is a note of the row (``(注:20歳代)`` goes to its notes); an empty group (－) is none.
Either way the group cell, which may look like a figure (20歳代, 40～60歳代), leaves the figures,
and the header's group cell leaves the header. This runs before lines are collapsed, on the printed
columns: a row's cell belongs to the column it overlaps.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile

from keikaku.importer.lexicon import VALUE_ROLES, header_words, pattern
from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import _CELL, ROWS_REACH, cells_of, spaced_line
from keikaku.importer.values import parse_year_in

_FIGURE = re.compile(r"[0-9０-９]")
_EMPTY = re.compile(r"^[-－―—‐ー−]+$")

Span = tuple[int, int]


def _overlaps(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > 0


def _group_header(text: str) -> tuple[Span, Span, int] | None:
    """The name column, the group column and the group cell's index of a header line."""
    cells = cells_of(text)
    roles = [header_words().role_of(c) for _, _, c in cells]
    groups = [k for k, (_, _, c) in enumerate(cells) if pattern("tables", "group_cell").match(c)]
    if "name" not in roles or len(groups) != 1:
        return None
    n, g = roles.index("name"), groups[0]
    if g < n or not any(r in VALUE_ROLES or parse_year_in(c)[1] is not None for r, (_, _, c) in zip(roles[g + 1:], cells[g + 1:])):
        return None
    return (cells[n][0], cells[n][1]), (cells[g][0], cells[g][1]), g


def _split(text: str, name: Span, group: Span) -> tuple[str, str | None, str] | None:
    """(name cell, group cell, the rest from the first figure) of a row, or None when it is no row."""
    cells = cells_of(text)
    starts = [m.start() for m in _CELL.finditer(text)]
    at = next((k for k, (s, e, c) in enumerate(cells) if _overlaps((s, e), group)), None)
    if at is None or at + 1 >= len(cells) or not any(_FIGURE.search(c) for _, _, c in cells[at + 1:]):
        return None
    before = [c for s, e, c in cells[:at]]
    if any(not _overlaps((s, e), (name[0], group[0])) for s, e, _ in cells[:at]) and before:
        return None
    return "".join(before), cells[at][2], text[starts[at + 1]:]


def _continuation(text: str, name: Span, group: Span) -> str | None:
    """A line holding only the rest of a name wrapped under the name column."""
    cells = cells_of(text)
    if len(cells) != 1 or _FIGURE.search(cells[0][2]) and len(cells[0][2]) < 4:
        return None
    s, e, c = cells[0]
    return c if _overlaps((s, e), name) and e <= group[0] + 1 and not pattern("tables", "group_cell").match(c) else None


def _join_open_names(rows: list[tuple[int, str, str, str, list[int]]]) -> list[tuple[int, str, str, str, list[int]]]:
    """``rows`` with a name broken off on a particle (``open_name``) joined to the next row's name cell:
    the next row then carries the joined name (its own cell emptied), as a row under the name does."""
    out = list(rows)
    for k in range(len(out) - 1):
        own, nxt = out[k][1], out[k + 1][1]
        if own and nxt and not out[k][4] and pattern("tables", "open_name").search(own):
            out[k] = (out[k][0], own + nxt, *out[k][2:])
            out[k + 1] = (out[k + 1][0], "", *out[k + 1][2:])
    return out


def name_groups(doc: RawDocument) -> RawDocument:
    """``doc`` with every group cell of an indicator table put into its row's name or notes."""
    lines = list(doc.lines)
    changed = False
    i = 0
    while i < len(lines):
        line = lines[i]
        found = _group_header(line.text) if spaced_line(line) else None
        if found is None:
            i += 1
            continue
        name, group, g = found
        rows: list[tuple[int, str, str, str, list[int]]] = []  # line, name, group, figures, continuation lines
        j = i + 1
        while j < min(len(lines), i + 1 + ROWS_REACH):
            row = lines[j]
            if not spaced_line(row) or _group_header(row.text):
                break
            if not row.text.strip():
                if rows:
                    break
                j += 1
                continue
            split = _split(row.text, name, group)
            if split is not None:
                rows.append((j, split[0], split[1] or "", split[2], []))
            elif rows and (piece := _continuation(row.text, name, group)) is not None and rows[-1][1]:
                rows[-1][4].append(j)
            elif rows:
                break
            j += 1
        if not rows or any(header_words().role_of(word) in VALUE_ROLES  # a value word standing alone under it
                           for below in takewhile(lambda row: row.text.strip(), lines[i + 1:i + 1 + ROWS_REACH])
                           for word in below.text.split()):
            i += 1  # no rows, or a label column (区分: 目標 / 実績 rows, wherever the printed cells fall)
            continue
        rows = _join_open_names(rows)
        carried = any(not own for _, own, _, _, _ in rows)
        header_cells = cells_of(line.text)
        starts = [m.start() for m in _CELL.finditer(line.text)]
        s, e, cell = header_cells[g]
        lines[i] = replace(line, text=line.text[:starts[g]] + " " * (e - s) + line.text[starts[g] + len(cell):])
        drop: set[int] = set()
        above = ""
        for k, own, grp, figures, more in rows:
            whole = own + "".join(cells_of(lines[m].text)[0][2] for m in more) if own else above
            above = whole
            drop.update(more)
            indent = lines[k].text[:len(lines[k].text) - len(lines[k].text.lstrip())]
            if _EMPTY.match(grp):
                label = whole
            elif carried:
                label = f"{whole}（{grp}）"
            else:
                label = f"{whole}(注:{grp})"
            lines[k] = replace(lines[k], text=f"{indent}{label}    {figures}")
        lines = [ln for m, ln in enumerate(lines) if m not in drop]
        changed = True
        i = j - len(drop)
    return replace(doc, lines=lines) if changed else doc
