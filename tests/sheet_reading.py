"""Shared by the tests of sheet layouts: a composed sheet's indicators by name, an indicator's actuals by year."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.pipeline import extract_file


def extract_by_name(tmp_path: Path, text: str) -> dict[str, object]:
    """The indicators read from ``text`` (written as a text document in ``tmp_path``), by name."""
    path = tmp_path / "sheet.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return {i.name: i for i in extract_file(path).plan.indicators}


def actuals_by_year(indicator) -> dict[int, float]:  # noqa: ANN001
    return {a.year: a.value for a in indicator.actuals}


def figures_of(indicator) -> tuple:  # noqa: ANN001
    """Unit, (baseline value, year), (target value, year) and [(year, actual)] of an indicator."""
    return (indicator.unit, indicator.baseline and (indicator.baseline.value, indicator.baseline.year),
            indicator.target and (indicator.target.value, indicator.target.year),
            [(a.year, a.value) for a in indicator.actuals])


def read(tmp_path: Path, text: str, *, direction: bool = False, blank_as_none: bool = False) -> list[tuple]:
    """Name, unit, (direction,) (baseline, year), (target, year) and [(year, actual)] of each indicator read
    from ``text``; with ``blank_as_none`` a figure printing neither value nor year is None."""
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")

    def figure(v):  # noqa: ANN001, ANN202
        if v is None or (blank_as_none and v.value is None and v.year is None):
            return None
        return (v.value, v.year)

    return [(i.name, i.unit, *((i.direction,) if direction else ()), figure(i.baseline), figure(i.target),
             [(a.year, a.value) for a in i.actuals])
            for i in extract_file(path).plan.indicators]


def lines_of(text: str) -> list:
    """The non-blank lines of ``text`` as the importer's lines."""
    from keikaku.importer.normalize import make_line

    return [make_line(t, k) for k, t in enumerate(text.splitlines()) if t.strip()]
