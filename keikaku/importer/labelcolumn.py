"""A 区分 column printed without its header cell.

Evaluation sheets put each indicator on two rows, a 目標 row and an 実績 row, the words in a
column of their own; the header cell over that column is often left empty (its neighbour, 区分,
stands over the indicator kinds: 活動指標, 成果指標). A header row of cells (it names the rows and
a value column) with an empty cell over a column whose body cells are value words only, at least
two different ones (目標 / 実績), gets the label word there, so the rows are read by their labels.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line
from keikaku.importer.values import parse_year_in

VALUE_ROLES = frozenset({"baseline", "target", "interim", "actual"})
MIN_LABELS = 2  # body cells holding a value word
_FIGURE = re.compile(r"[0-9]")


def _role(cell: str) -> str | None:
    """The role of a header word, a year printed with it left out (基準値（令和3年度）)."""
    rest, _ = parse_year_in(cell)
    rest = rest.strip("()（） ")
    return None if not rest or _FIGURE.search(rest) else header_words().role_of(rest)


def name_label_columns(lines: list[Line]) -> list[Line]:
    """``lines`` with the empty header cell over a column of 目標/実績 words named 区分."""
    out = list(lines)
    lex = header_words()
    label = lex.words("label")[0]
    for i, line in enumerate(lines):
        cells = line.cells
        if not cells or "" not in cells:
            continue
        roles = {_role(c) for c in cells if c}
        if "name" not in roles or not roles & VALUE_ROLES:
            continue
        body: list[tuple[str, ...]] = []
        for below in lines[i + 1:]:
            if not below.cells or len(below.cells) != len(cells):
                break
            body.append(below.cells)
        filled = list(cells)
        for k, head in enumerate(cells):
            if head:
                continue
            column = [row[k] for row in body if row[k]]
            kinds = [_role(c) for c in column]
            if len(column) >= MIN_LABELS and all(r in VALUE_ROLES for r in kinds) and len(set(kinds)) >= 2:
                filled[k] = label
        if filled != list(cells):
            out[i] = replace(line, cells=tuple(filled))
    return out


def label_column(matrix: list, col: int, n: int) -> bool:  # type: ignore[type-arg]
    """Whether the body cells (below ``n`` header rows) of column ``col`` are value words only, at
    least two of them and two different ones."""
    seen: list[int] = []
    kinds = []
    for row in matrix[n:]:
        cell = row[col]
        if cell is None or not cell.text.strip() or id(cell) in seen:
            continue
        seen.append(id(cell))
        kinds.append(_role(cell.text))
    return len(kinds) >= MIN_LABELS and all(r in VALUE_ROLES for r in kinds) and len(set(kinds)) >= 2


def has_row_labels(grid) -> bool:  # type: ignore[no-untyped-def]
    """Whether a column of the grid labels its rows with value words, two different ones at least
    (目標 / 実績): a reading by those labels then beats one that reads every row alike."""
    matrix = grid.matrix()
    for k in range(grid.cols):
        kinds = [_role(row[k].text) for row in matrix if row[k] is not None and row[k].text.strip()]
        labelled = [r for r in kinds if r in VALUE_ROLES]
        if len(labelled) >= 2 * MIN_LABELS and len(set(labelled)) >= 2 and len(labelled) >= len(kinds) - 1:
            return True
    return False
