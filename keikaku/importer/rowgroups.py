"""A long table printed column by column in groups of rows, as plain ``pdftotext`` gives a Word
table's cells — a whole-document reading (``wholedoc.py``).

The extractor takes a table's cells in blocks: the names all together, but the other columns in
groups of rows (rows 1–7 of every column, then rows 8–12 of every column, …), and the heads of the
value columns wherever their blocks fell (years first, 基準値 among the figures):

    No. / 指標名 / 単位 / 1 … 7 / name 1 … name 24 / 8 … 24 / 令和3年度 / 令和4年度 / …
    % / 団体 / … (units of rows 1–7) / 基準値 / 令和2年度 / 40.0 / 173 … (7 figures) / 40.8 … / 目標値 …
    件 / 人 / … (units of rows 8–12) / 491 … (5 figures) / 505 … / …

The rules, all about forms and counts:

- The table opens at a name column's head alone on its line; heads (a header word of the lexicon,
  a year, a year broken over two lines ``令和 3 年`` / ``度``) may stand anywhere in it.
- Its cells come in blocks: lines of one kind (figures, short unit words, names) with no blank
  line or head between them. A block of whole numbers counting up from 1 (or from where the last
  such block stopped) is the row numbers; a block of text lines is the names.
- A block of units opens a group of that many rows; the group's figures are the blocks after it,
  one per value column, each as long as the group. Without units, a group is a run of as many
  blocks of the same length as there are value columns.
- The value columns stand in the order a table prints them: the baseline, the years of the
  actuals in order, the target; a rate (達成率) column, when its head is there, after them.
- There are two groups at least (one is a table printed column by column, ``columnmajor``'s).
- The names, wrapped over more lines than the rows, are rejoined shortest piece first (a wrapped
  name's tail is the short line after a full-width one) until they count as many as the rows; the
  groups must add up to the rows exactly.
"""

from __future__ import annotations

import re

from keikaku.importer.groupdriver import VALUE_ORDER, WORDY, grouped_rows, past_rows
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold

MAX_LINES = 400  # lines a table may run over
MAX_HEAD = 12
MAX_WORDS = 8  # the words of a head beside its year
_YEAR_TAIL = re.compile(r"^年?度[)）]?$")
_SENTENCE = re.compile(r"[。、]")
_FIGURE_PIECE = re.compile(r"(?:^|\s)[0-9][0-9,.]*(?:\s|$)")


def row_group_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of tables printed column by column in groups of rows, but those ``known``."""
    return grouped_rows(lines, known=known, head=_head, read=_read, resume=past_rows)


def _head(line: Line) -> tuple[str | None, int | None] | None:
    """(role, year) of a header cell alone on its line, or None."""
    key = fold_key(line.key)
    if not key or len(key) > MAX_HEAD or " " in key:
        rest, year = parse_year_in(line.key)  # 令和 3 年: a year printed spaced
        if year is None or fold_key(rest):
            return None
        return None, year
    rest, year = parse_year_in(line.key)
    words = fold_key(rest).strip("()（）[]【】 ")
    if words and any(ch.isdigit() for ch in words):
        return None
    role = header_words().role_of(words) if words else None
    if words and (role is None or len(words) > MAX_WORDS):
        return None
    return (role, year) if role is not None or year is not None else None


def _kind(line: Line) -> str:
    if _head(line) is not None:
        return "head"
    if parse_quantity(line.text).kind == "number" and " " not in line.text.strip():
        return "figure"
    key = fold_key(line.key)
    if len(key) <= 3 and not any(ch.isdigit() for ch in key):
        return "unit"
    if _SENTENCE.search(line.key) or len(key) > 40 or _FIGURE_PIECE.search(line.key):
        return "end"  # a sentence, or a row printed across (a name with its figures)
    return "text" if WORDY.search(key) else "end"


def _blocks(lines: list[Line], i: int) -> tuple[list[tuple[str, list[Line]]], list[Line], int]:
    """The blocks of cells from ``lines[i]`` and the head lines among them, up to the table's end."""
    blocks: list[tuple[str, list[Line]]] = []
    heads: list[Line] = []
    start = i
    while i < len(lines) and i - start < MAX_LINES:
        line = lines[i]
        kind = _kind(line)
        if kind == "end":
            break
        if kind == "head" or (_YEAR_TAIL.match(line.key) and heads and heads[-1].index == line.index - 1):
            heads.append(line)
        elif kind == "unit" and blocks and blocks[-1][0] == "text" and blocks[-1][1][-1].index == line.index - 1:
            blocks[-1][1].append(line)  # a name's wrapped tail (数, 合)
        elif blocks and blocks[-1][0] == kind and blocks[-1][1][-1].index == line.index - 1 \
                and (heads == [] or heads[-1].index != line.index - 1 or kind == "text"):
            blocks[-1][1].append(line)
        else:
            blocks.append((kind, [line]))
        i += 1
    return blocks, heads, i


def _value_heads(heads: list[Line]) -> list[tuple[str, int | None]] | None:
    """The value columns in the order printed: baseline, actuals by year, target (a role's year is
    the year head right after it)."""
    parts = [_head(h) for h in heads if not _YEAR_TAIL.match(h.key)]
    columns: list[tuple[str, int | None]] = []
    k = 0
    while k < len(parts):
        role, year = parts[k]  # type: ignore[misc]
        if role in ("baseline", "target") and year is None and k + 1 < len(parts) and parts[k + 1][0] is None:  # type: ignore[index]
            year = parts[k + 1][1]  # type: ignore[index]
            k += 1
        if role in VALUE_ORDER or (role is None and year is not None):
            columns.append((role or "actual", year))
        k += 1
    if sum(r == "baseline" for r, _ in columns) > 1 or sum(r == "target" for r, _ in columns) > 1 \
            or not any(r in ("baseline", "target") for r, _ in columns):
        return None
    return sorted(columns, key=lambda c: (VALUE_ORDER[c[0]], c[1] or 0))


def _numbering(block: list[Line], after: int) -> bool:
    values = [parse_quantity(line.text).value for line in block]
    return values == list(range(after + 1, after + 1 + len(block)))


def _read(lines: list[Line], i: int) -> tuple[list[IndicatorRow], int]:
    blocks, heads, end = _blocks(lines, i)
    columns = _value_heads(heads)
    if columns is None:
        return [], end
    counted = 0
    texts: list[Line] = []
    units: list[Line] = []
    figures: list[list[Line]] = []
    group: list[int] = []  # the rows of each group
    for kind, block in blocks:
        if kind == "figure" and _numbering(block, counted):
            counted += len(block)
        elif kind == "text":
            texts += block
        elif kind == "unit":
            units += block
            group.append(len(block))
        else:
            figures.append(block)
    n = counted or len(units)
    names = _joined(texts, n) if n else None
    if names is None:
        return [], end
    if not group:
        group = _groups(figures, len(columns))
    if group is None or len(group) < 2 or sum(group) != n or len(figures) != len(group) * len(columns) \
            or any(len(figures[g * len(columns) + c]) != size for g, size in enumerate(group) for c in range(len(columns))):
        return [], end
    out: list[IndicatorRow] = []
    r = 0
    for g, size in enumerate(group):
        for k in range(size):
            row = IndicatorRow(name="")
            set_name(names[r], row)
            for c, (role, year) in enumerate(columns):
                cell = figures[g * len(columns) + c][k]
                put_value(row, role, year, cell.text.strip(), origin=origin_of(cell))
            if units:
                row.unit = row.unit or fold(units[r].text.strip())
            row.origin = origin_of(texts[0])
            out.append(row)
            r += 1
    return out, end


def _groups(figures: list[list[Line]], width: int) -> list[int] | None:
    if not figures or len(figures) % width:
        return None
    return [len(figures[g * width]) for g in range(len(figures) // width)]


def _joined(texts: list[Line], n: int) -> list[str] | None:
    """The names of ``n`` rows from their lines, the shortest piece joined to the one before first."""
    pieces = [line.text.strip() for line in texts]
    if n < 1 or len(pieces) < n:
        return None
    while len(pieces) > n:
        k = min(range(1, len(pieces)), key=lambda j: (len(pieces[j]), j))
        pieces[k - 1 : k + 1] = [pieces[k - 1] + pieces[k]]
    return pieces
