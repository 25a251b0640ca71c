"""A text line put into the line right above it: the walk shared by the rules that give a row back
what an extractor printed under it (``nametail``: the end of its name, ``yearsunder``: the years
under its figures).

Each pair of neighbouring lines of plain text (no cells, no grid) is offered to the rule, top to
bottom; where the rule gives the upper line's new text, the upper line takes it and the lower one
goes blank, so a line that was joined is never joined again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from keikaku.importer.records import RawDocument, RawLine

Joined = Callable[[RawLine, RawLine], str | None]  # (line, the line above) → the above line's new text, or None


def join_under(doc: RawDocument, joined: Joined) -> RawDocument:
    """``doc`` with every line that ``joined`` puts into the line above it (see the module's doc);
    the same object when none."""
    lines = list(doc.lines)
    changed = False
    for i in range(1, len(lines)):
        line, above = lines[i], lines[i - 1]
        if line.cells or above.cells or line.grid is not None or above.grid is not None:
            continue
        text = joined(line, above)
        if text is None:
            continue
        lines[i - 1] = replace(above, text=text)
        lines[i] = replace(line, text="")
        changed = True
    return replace(doc, lines=lines) if changed else doc
