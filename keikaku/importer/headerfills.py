"""A header of two rows printed one cell per line, its second row filling the heads that lack a part.

An extractor's default mode prints a small table's cells one per line, row after row, and leaves
out the empty ones. A header of two rows then comes out as its first row's cells, then only the
cells its second row fills::

    成果指標名 / 単位 / 現状値 / R3 / R4 / R5 / 目標値 / 達成度 / （R2） / 実績 / 実績 / 実績 / （R7）

The second row's cells complete, in order, the heads of the first that lack a part: a value
word without its year (現状値, 目標値) takes a year (（R2）), a year without its word (R3) takes a
value word (実績). When every cell of the second row completes the head it falls to, the pairs are
written as one head each (現状値（R2）, R3実績) and the table reads as one whose header is a single
row; else the lines are left as they are. A value word followed by its bracketed year on the next
line (基準年度 / （2013年度）) is a head printed over two lines, not a cut between two rows.
"""

from __future__ import annotations

from dataclasses import replace

from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words
from keikaku.importer.normalize import Line
from keikaku.importer.values import parse_year_in

MAX_HEAD = 16  # a head cell is at most this long (folded)
_ROLE_NEEDS_YEAR = frozenset({"baseline", "target", "interim"})
_BRACKETS = "()（）[]［］"


def _head(line: Line) -> tuple[str | None, int | None] | None:
    """(role, year) of a line that is one header cell alone, else None."""
    key = fold_key(line.key)
    if not key or len(key) > MAX_HEAD or " " in line.key.strip():
        return None
    rest, year = parse_year_in(line.key)
    words = fold_key(rest).strip(_BRACKETS)
    role = header_words().role_of(words) if words else None
    if (words and role is None) or (role is None and year is None):
        return None
    return role, year


def fill_header_cells(lines: list[Line]) -> list[Line]:
    """``lines`` with every two-row header printed one cell per line written as one row of heads."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        filled = _filled(lines, i)
        if filled is None:
            out.append(lines[i])
            i += 1
            continue
        heads, used = filled
        out += heads
        i += used
    return out


def _filled(lines: list[Line], i: int) -> tuple[list[Line], int] | None:
    """The heads of a two-row header starting at ``lines[i]`` (a name head), and the lines they used.

    The run of head lines from ``lines[i]`` is cut where the cells after the cut fill, in order and
    to the run's end, the heads before it that lack a part."""
    key = fold_key(lines[i].key)
    if len(key) > MAX_HEAD or header_words().role_of(key) != "name" or " " in lines[i].key.strip():
        return None  # the cheap test first: most lines are no name head
    run: list[tuple[Line, str | None, int | None]] = []
    k = i
    while k < len(lines) and (part := _head(lines[k])) is not None:
        run.append((lines[k], *part))
        k += 1
    for cut in range(3, len(run) - 1):
        top, below = run[:cut], run[cut:]
        lacking = [n for n, (_, role, year) in enumerate(top) if _lacks(role, year)]
        if len(lacking) != len(below) or len(lacking) < 2 or not any(r is None for _, r, _ in top):
            continue
        if any(_dates(top[n - 1], top[n]) for n in range(1, cut)):
            continue  # a word then its bracketed year, one cell a line: a header of one row, each head on two lines
        if all(_fits(top[n][1], top[n][2], (b[1], b[2])) for n, b in zip(lacking, below)):
            out = [line for line, _, _ in top]
            for n, (fill, _, _) in zip(lacking, below):
                out[n] = replace(out[n], text=out[n].text + fill.text, key=out[n].key + fill.key)
            return out, len(run)
    return None


def _dates(head: tuple[Line, str | None, int | None], cell: tuple[Line, str | None, int | None]) -> bool:
    """Whether ``cell`` is a bracketed year alone right under a value word lacking its year (基準年度 / （2013年度））."""
    key = fold_key(cell[0].key).strip()
    return _lacks(head[1], head[2]) and head[1] is not None and cell[1] is None and cell[2] is not None \
        and key[:1] in "(（" and key[-1:] in ")）"


def _lacks(role: str | None, year: int | None) -> bool:
    """A head that names a value without its year, or a year without its value word."""
    return (role in _ROLE_NEEDS_YEAR and year is None) or (role is None and year is not None)


def _fits(role: str | None, year: int | None, part: tuple[str | None, int | None]) -> bool:
    """Whether ``part`` supplies what the head (``role``, ``year``) lacks: a year to a word, a value word to a year."""
    p_role, p_year = part
    if role is not None and year is None:
        return p_role is None and p_year is not None
    return p_year is None and p_role in VALUE_ROLES
