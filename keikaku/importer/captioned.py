"""Indicators printed one by one, each with a small table under its name: one header line of
dated role words, one line of figures.

A plan's web page (a water-supply vision, a sectoral plan) gives every indicator a block of its
own: the name as a heading, the name again as the table's caption, then the table::

    ごみの排出量(グラム/人日)
    現状値(令和3年度) 目標値(令和8年度) 将来値(令和13年度)
    842 800以下 760以下
    (the formula, the reasons …)

The header line's every cell is a value role of ``headers.toml`` with its year in brackets (or
glued), at least one a baseline or a target; the next line holds exactly as many figures, one
per cell. The line before the header is the name (not a figure, not a header). A bracket after
the name holding a rate unit (``[captioned] rate_unit`` of ``lexicon/patterns.toml``:
グラム/人日) is the unit. Of two target cells, one that names a figure beyond the target
(``[captioned] beyond_target``: 将来値) after an earlier target is not the target; otherwise the
cells keep their roles (an earlier target of two is the interim one, as in any table).
"""

from __future__ import annotations

from keikaku.importer.lexicon import header_words, pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

_ROLES = ("baseline", "target", "interim", "actual")


def _header(line: Line) -> list[tuple[str, int]] | None:
    """(role, year) of each cell of a dated role-word header line, else None."""
    cells = line.key.split()
    if len(cells) < 2:
        return None
    out: list[tuple[str, int]] = []
    for cell in cells:
        role, year = header_words().role_of(cell), parse_year(cell)
        if role not in _ROLES or year is None or parse_quantity(cell).kind == "number":
            return None
        out.append((role, year))
    return out if any(r in ("baseline", "target") for r, _ in out) else None


def _roles(line: Line, header: list[tuple[str, int]]) -> list[tuple[str | None, int]]:
    """The header's roles, a target beyond an earlier target dropped."""
    beyond = pattern("captioned", "beyond_target")
    out: list[tuple[str | None, int]] = []
    for cell, (role, year) in zip(line.key.split(), header):
        if role == "target" and beyond.search(cell) and any(r == "target" for r, _ in out):
            out.append((None, year))
            continue
        out.append((role, year))
    targets = [k for k, (r, _) in enumerate(out) if r == "target"]
    for k in targets[:-1]:
        out[k] = ("interim", out[k][1])
    return out


def _figures(line: Line, n: int) -> list[str] | None:
    cells = line.key.split()
    if len(cells) != n or not all(parse_quantity(c).kind in ("number", "maintain") for c in cells):
        return None
    return cells


def captioned_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of the captioned one-row tables on ``lines`` (see the module's doc), but those ``known``."""
    rows: list[IndicatorRow] = []
    for i in range(1, len(lines) - 1):
        header = _header(lines[i])
        if header is None or (cells := _figures(lines[i + 1], len(header))) is None:
            continue
        caption = lines[i - 1]
        if _header(caption) is not None or any(parse_quantity(t).kind == "number" for t in caption.key.split()):
            continue
        row = IndicatorRow(name="", origin=origin_of(caption))
        name = caption.text
        if (m := pattern("captioned", "rate_unit").search(caption.key)) is not None:
            row.unit = m.group(1)
            name = caption.key[: m.start()].strip()
        set_name(name, row)
        if not row.name or row.name in known:
            continue
        for (role, year), cell in zip(_roles(lines[i], header), cells):
            if role is not None:
                put_value(row, role, year, cell, origin=origin_of(lines[i + 1]))
        infer(row)
        rows.append(row)
    return rows
