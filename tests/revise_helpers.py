"""Shared set-up of the re-import tests: 小金井市's 4th basic plan (seed 002) stored, an admin, a cycle, an actual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from cycle_helpers import PASSWORD
from keikaku.services import accounts, cycle
from keikaku.services.importing import import_file
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction

SEED = "002_da149b7202bad3b0.txt"
CITY = "132101"
INDICATOR = "市民協働支援センター準備室の相談件数"  # measure 20: 71件 (H26) → 100件 (H32)
OLD_TITLE = "協働のまちづくりの推進"  # measure 20
NEW_TITLE = "市民との協働によるまちづくりの推進"
YEAR = 2016
ACTUAL = 83


def corrected(text: str) -> str:
    """The seed with measure 20's target raised to 120件 and its title reworded."""
    line = f"{INDICATOR} 71件 100件"
    assert text.count(line) == 1 and text.count(f"施策 20 {OLD_TITLE}") == 1
    return text.replace(line, f"{INDICATOR} 71件 120件").replace(f"施策 20 {OLD_TITLE}", f"施策 20 {NEW_TITLE}")


def without_measure_20_indicator(text: str) -> str:
    """The seed with measure 20's only indicator row gone."""
    return text.replace(f"{INDICATOR} 71件 100件", "")


def write_edition(seeds: Path, tmp_path: Path, edit) -> Path:  # noqa: ANN001
    path = tmp_path / "edition" / SEED
    path.parent.mkdir(exist_ok=True)
    path.write_text(edit((seeds / SEED).read_text(encoding="utf-8")), encoding="utf-8")
    return path


@dataclass
class Stored:
    plan_id: int
    node_id: int  # measure 20
    indicator_id: int
    admin: accounts.UserInfo
    cycle_id: int


def ids(engine: Engine, plan_id: int) -> dict[str, dict[object, int]]:
    """Node ids by key, indicator and project ids by name."""
    with transaction(engine) as s:
        return {
            "nodes": dict(s.execute(select(m.Node.key, m.Node.id).where(m.Node.plan_id == plan_id)).all()),
            "indicators": dict(s.execute(select(m.Indicator.name, m.Indicator.id).where(m.Indicator.plan_id == plan_id)).all()),
            "projects": dict(s.execute(select(m.Project.name, m.Project.id).where(m.Project.plan_id == plan_id)).all()),
        }


def store_seed(engine: Engine, seeds: Path, *, admin_name: str = "kikaku") -> Stored:
    """The seed imported, an admin, the FY2016 cycle opened and an actual of measure 20's indicator entered (a draft)."""
    with transaction(engine) as s:
        repo.resolve_municipality(s, code=CITY, name="小金井市")
    result = import_file(engine, seeds / SEED, municipality=CITY)
    plan_id = result.load.plan_id
    admin = accounts.create_user(engine, name=admin_name, role="admin", password=PASSWORD)
    opened = cycle.open_cycle(engine, user=admin, plan=plan_id, year=YEAR, deadline=date(2017, 6, 30))
    found = ids(engine, plan_id)
    indicator_id = found["indicators"][INDICATOR]
    cycle.enter_actuals(engine, user=admin, plan=plan_id, year=YEAR, values=[(indicator_id, str(ACTUAL))])
    return Stored(plan_id, found["nodes"]["2.20"], indicator_id, admin, opened.id)


def actual_of(engine: Engine, indicator_id: int, year: int = YEAR) -> tuple[float | None, str] | None:
    with transaction(engine) as s:
        row = s.execute(select(m.Observation.value, m.Observation.status)
                        .where(m.Observation.indicator_id == indicator_id, m.Observation.year == year)).first()
        return tuple(row) if row else None
