"""Lines of ``name baseline → target`` items, with what such lists print around the two arms.

``tables.split_arrow_items`` cuts a line listing several items into one piece per item, and
``tables.parse_arrow_line`` reads each piece. Lists flattened onto one line carry more than the
two arms, and this module takes it apart before and after that reading:

- a chain of arrows, ``71.2 → 80.5 → 88.0 → 95``: the current value, stage targets, the final
  target; the first figure is the baseline, the last the target, those between interim targets;
- a dated figure right after the target, ``68%(平成22)→90%(平成32) 74%(平成27)``, under a header
  such as 現状値: the figure measured since, an actual of its year (a year after the baseline's and
  not after the target's). When the list is cut after each target, that figure opens the next
  item's piece and is given back to the item before it;
- what follows the target figure and is none of the item's (``95 【独自】 ※…``, the next
  item's ``2)`` or ``(2)`` heading): left out of the target;
- the same dated figure after a ``base→target`` cell of a table's row (``with_current_figures``), when
  the table reading took the cell for the row's baseline and target and left the figure out;
- the item's number or letter (``4 name``, ``A name``) with the end of the item before it, or a group
  heading, in front of the name, on a line of several items: the name starts after the last mark.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import value_units
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.tables import IndicatorRow, parse_arrow_line, set_name, split_arrow_items
from keikaku.importer.values import dated_value, parse_quantity

_ARROW = re.compile(r"\s*[→⇒➡]\s*")
_DATED_FIGURE = r"約?[△▲-]?[0-9][0-9,.]*[^\s0-9()（）→⇒➡]{0,6}[(（][^()（）→⇒➡]{1,16}[)）]"
_LEADING_DATED = re.compile(rf"^\s*(?P<figure>{_DATED_FIGURE})(?=\s+\S)")
# the target's figure (maybe dated), then a dated figure or something that is none of the item's
_TARGET_TAIL = re.compile(
    rf"^(?P<target>約?[△▲-]?[0-9][0-9,.]*[^\s0-9()（）]{{0,6}}(?:[(（][^()（）]{{1,16}}[)）])?)"
    rf"\s+(?:(?P<current>{_DATED_FIGURE})(?:\s|$)|(?=[【※〔]|[(（]?[0-9]{{1,2}}[)）]))")
_ITEM_MARK = re.compile(r"(?:^|\s)(?:[0-9]{1,2}|[A-Z])\s+(?=\S)")


def _year_of(figure: str) -> tuple[str, int | None]:
    text, year = dated_value(figure.strip())
    return text, year


def _after_target(text: str) -> tuple[str, str | None]:
    """The piece without what follows its target figure, and the dated figure printed right after it."""
    arms = _ARROW.split(text)
    if len(arms) < 2:
        return text, None
    last = arms[-1]
    m = _TARGET_TAIL.match(last)
    if m is None:
        return text, None
    head = text[: len(text) - len(last)]
    return head + m.group("target"), m.group("current")


def _chained(text: str) -> tuple[str, list[str]]:
    """'name a → b → c → d' as 'name a → d' and the figures between (interim targets); unchanged
    when an arm between is more than a figure."""
    arms = _ARROW.split(text)
    if len(arms) < 3:
        return text, []
    middle = arms[1:-1]
    for arm in middle:
        figure, _ = _year_of(arm)
        if re.search(r"\s", figure) or parse_quantity(figure).kind != "number":
            return text, []
    return f"{arms[0]} → {arms[-1]}", middle


def _renamed(row: IndicatorRow) -> None:
    """The name after the last item mark in it (``… 4 name``, ``… A name``)."""
    units = value_units()
    marks = [m for m in _ITEM_MARK.finditer(row.name)  # 25 歳: a figure and its unit, not a mark
             if not row.name[m.end():].startswith(units) and not row.name[m.end():].startswith(("歳", "年", "月", "日"))]
    if not marks:
        return
    rest = row.name[marks[-1].end():].strip()
    if len(rest) >= 2 and not re.fullmatch(r"[0-9,.%()（）\s]+", rest):
        set_name(rest, row)


def _add_actual(row: IndicatorRow, figure: str) -> None:
    text, year = _year_of(figure)
    quantity = parse_quantity(text)
    if year is None or quantity.kind != "number" or not text:
        return
    if row.baseline_year is not None and year <= row.baseline_year or row.target_year is not None and year > row.target_year:
        return
    if any(y == year for y, _, _ in row.actuals):
        return
    row.actuals.append((year, quantity, None))
    if row.origin:
        row.origins[f"actual:{year}"] = row.origin


def arrow_item_rows(line: Line, name_above: str | None) -> list[IndicatorRow]:
    """The indicators of a line of ``name baseline → target`` items (see the module's doc); [] when it
    holds none. ``name_above`` names an item printed without its name, when the line holds one item."""
    pieces = split_arrow_items(line)
    texts = [p.text for p in pieces]
    current: list[str | None] = [None] * len(pieces)
    for k in range(1, len(texts)):
        m = _LEADING_DATED.match(texts[k])
        if m is not None and _ARROW.search(texts[k - 1]) and not _ARROW.search(texts[k][: m.end()]):
            current[k - 1] = m.group("figure")
            texts[k] = texts[k][m.end():].strip()
    rows: list[IndicatorRow] = []
    several = len(pieces) > 1
    for k, (piece, text) in enumerate(zip(pieces, texts)):
        chained, middle = _chained(text)
        trimmed, after = _after_target(chained)
        changed = trimmed != piece.text
        item = make_line(trimmed, piece.index, piece.page, source=piece.source) if changed else piece
        row = parse_arrow_line(item, name_above=None if several else name_above)
        if row is None or not row.name:
            continue
        for n, arm in enumerate(middle):
            figure, year = _year_of(arm)
            row.interim.append((parse_quantity(figure), year))
            if row.origin:
                row.origins[f"interim:{n}"] = row.origin
        for figure in (current[k], after):
            if figure:
                _add_actual(row, figure)
        if several:
            _renamed(row)
        rows.append(row)
    return rows


_CELL_THEN_CURRENT = re.compile(
    rf"\s*[^\s→⇒➡]*[→⇒➡][^\s→⇒➡]+\s+(?P<current>{_DATED_FIGURE})(?=\s|$)")


def with_current_figures(rows: list[IndicatorRow], lines: list[Line]) -> list[IndicatorRow]:
    """``rows`` (a table region's) with the dated figure printed right after a row's ``base→target``
    cell as an actual of its year (see the module's doc)."""
    text = " ".join(line.text for line in lines)
    if not _ARROW.search(text):
        return rows
    for row in rows:
        if row.target is None or not row.name or (at := text.find(row.name)) < 0:
            continue
        if (m := _CELL_THEN_CURRENT.match(text, at + len(row.name))) is not None:
            _add_actual(row, m.group("current"))
    return rows
