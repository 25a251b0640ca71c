"""A column of short lines beside a column of prose: a box of indicators or notes at the side of a page.

Pure geometry on word boxes ``(x0, top, x1, bottom)``; no PDF library here. Measure pages often
set the text in a wide column and a boxed table (成果指標) in a narrow one beside it. The table's
lines are short, so the test for two columns of full lines fails, yet the page is still two
columns. What tells it from a table without rules whose name column is wide and whose figures are
short is the lines: a table's figures stand on its names' lines, while the box beside prose keeps
its own line pitch, so most of its lines stand on no line of the prose.
"""

from __future__ import annotations

from collections.abc import Sequence

Box = tuple[float, float, float, float]

SAME_LINE_EM = 0.3  # two words whose tops are this close stand on one line
APART_SHARE = 0.5  # at least this share of the short column's lines stand on no line of the full one
MIN_PROSE_LINES = 6  # the full column is prose: at least this many lines


def beside_prose(full: Sequence[Box], short: Sequence[Box], em: float) -> bool:
    """Whether a column of short lines stands beside a column of full lines (prose) rather than
    being a table's figures beside its names."""
    if len(full) < MIN_PROSE_LINES or not short:
        return False
    tops = sorted(b[1] for b in full)
    apart = sum(1 for b in short if all(abs(b[1] - t) > SAME_LINE_EM * em for t in tops))
    return apart >= APART_SHARE * len(short)
