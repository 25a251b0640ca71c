"""Project schedules (主な事業): a header naming the fiscal years, then each project with a stage per year."""

from __future__ import annotations

from dataclasses import dataclass

from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.values import era_year_columns, resolve_schedule, split_stage_cells


@dataclass
class ProjectRow:
    name: str
    schedule: dict[int, str]
    department: str | None = None
    origin: str | None = None


def parse_project_table(lines: list[Line], *, default_era: str | None = None) -> list[ProjectRow]:
    """主な事業: a header naming the fiscal years, then name lines and a line of stages per project."""
    h, years = 0, []
    while h < min(3, len(lines)) and not years:
        years = era_year_columns(lines[h].key, default_era=default_era)
        h += 1
    if not years:
        return []
    n = len(years)
    rows: list[ProjectRow] = []
    pending: list[str] = []
    for line in lines[h:]:
        if line.cells and len(line.cells) >= n + 1:
            stages = resolve_schedule(list(line.cells[-n:]))
            rows.append(ProjectRow(" ".join(line.cells[:-n]).strip(), _schedule(years, stages), origin=origin_of(line)))
            continue
        cells = split_stage_cells(line.key, n)
        if cells is not None and not pending and not rows:
            cells = None
        if cells is not None:
            rows.append(ProjectRow("".join(pending).strip(), _schedule(years, resolve_schedule(cells)), origin=origin_of(line)))
            pending = []
            continue
        toks = line.text.split(" ")
        for k in range(1, len(toks)):
            cells = split_stage_cells(" ".join(toks[k:]), n)
            if cells is not None:
                name = "".join(pending) + " ".join(toks[:k])
                rows.append(ProjectRow(name.strip(), _schedule(years, resolve_schedule(cells)), origin=origin_of(line)))
                pending = []
                break
        else:
            pending.append(line.text)
    return [r for r in rows if r.name]


def _schedule(years: list[int], stages: list[str | None]) -> dict[int, str]:
    return {y: s for y, s in zip(years, stages) if s}
